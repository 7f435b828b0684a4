"""Eligibility of titles and commendation forms (contracts/eligibility.md).

The rules are pure Python in ``tdkt.rules.domain`` (no Django import); ``tdkt.rules.cli`` adds
the ``tdkt rules check`` command.
"""
