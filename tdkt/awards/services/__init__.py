"""Writes of commendation: one transaction and one audit event each, keyword-only arguments."""
