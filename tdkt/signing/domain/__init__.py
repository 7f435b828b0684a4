"""Pure value types of digital signatures (no Django import)."""
