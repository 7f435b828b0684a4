"""Eligibility rules of the Vietnamese emulation and commendation law, as pure Python.

No Django import anywhere under this package (a test enforces it). The web application builds
``SubjectFacts`` from its models and calls ``evaluate`` / ``evaluate_subjects``; the console
command calls ``check_json``.
"""

from .engine import check, check_json, evaluate, evaluate_many, evaluate_subjects, regime_for
from .parsing import MalformedInput, load_cases, parse_case, parse_cases
from .regimes import NATIONAL, REGIME_2013, REGIME_2024, REGIME_2025, RuleBook, RuleVersion
from .types import (
    AWARD_CODES,
    Basis,
    Case,
    Condition,
    Discipline,
    DisciplineForm,
    Initiative,
    InitiativeKind,
    Kind,
    Members,
    Post,
    Rating,
    Record,
    Result,
    Scope,
    SubjectFacts,
    Verdict,
)

__all__ = [
    "AWARD_CODES", "NATIONAL", "REGIME_2013", "REGIME_2024", "REGIME_2025", "Basis", "Case", "Condition",
    "Discipline", "DisciplineForm", "Initiative", "InitiativeKind", "Kind", "MalformedInput", "Members",
    "Post", "Rating", "Record", "Result", "RuleBook", "RuleVersion", "Scope", "SubjectFacts", "Verdict", "check",
    "check_json", "evaluate", "evaluate_many", "evaluate_subjects", "load_cases", "parse_case", "parse_cases",
    "regime_for",
]
