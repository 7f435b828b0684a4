"""Writes of the scoring app: one transaction and one audit event each, keyword-only arguments."""
