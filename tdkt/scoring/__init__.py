"""Scoring and ranking of an emulation block against its criteria sheet (contracts/scoring.md).

The computation lives in ``tdkt.scoring.domain`` (pure Python, no Django); ``tdkt scoring compute``
is in ``tdkt.scoring.cli``. Models and pages come with a later issue.
"""
