"""Scoring and ranking against a criteria sheet (contracts/scoring.md), as pure Python with Decimal.

No Django import anywhere under this package (a test enforces it). ``compute`` takes the contract's
input dict and returns its output dict; ``compute_json`` reads JSON text (the console command).
"""

from .engine import InputError, compute, compute_json, compute_standings, standing_to_dict
from .flags import MAX_WITHOUT_EVIDENCE, OVER_CLAIM, Flag, sheet_flags
from .importing import TemplateImportError, template_from_html, template_from_markdown  # noqa: F401 (re-exported)
from .numbers import round2, to_decimal
from .ranking import Standing, band_for, finalize, rank
from .sheets import Review, ScoredSheet, Scores, check_entries, leaf_score, score_entries, score_sheet
from .template import Band, Item, RuleType, Template, TemplateError, parse_template

__all__ = [
    "MAX_WITHOUT_EVIDENCE",
    "OVER_CLAIM",
    "Band",
    "Flag",
    "InputError",
    "Item",
    "Review",
    "RuleType",
    "ScoredSheet",
    "Scores",
    "Standing",
    "Template",
    "TemplateError",
    "band_for",
    "check_entries",
    "compute",
    "compute_json",
    "compute_standings",
    "finalize",
    "leaf_score",
    "parse_template",
    "rank",
    "round2",
    "score_entries",
    "score_sheet",
    "sheet_flags",
    "standing_to_dict",
    "to_decimal",
]
