"""How pages show the engine's verdict. The engine (contracts/eligibility.md) answers eligible,
ineligible or unsupported, and marks with ``passed: null`` a condition only people can judge
("tiêu biểu xuất sắc", "tinh thần …"): such a condition never changes the verdict. A page that
showed a plain green "Đủ điều kiện" there would tell the clerk the matter is settled when the
council has still to judge it, so an eligible verdict with such conditions is shown as a distinct,
amber "Cần xem xét" listing them. The engine's output and the API's ``verdict`` are unchanged."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy

NEEDS_REVIEW = "needs_review"

LABELS = {
    "eligible": gettext_lazy("Eligible"),
    NEEDS_REVIEW: gettext_lazy("Needs consideration"),
    "ineligible": gettext_lazy("Not eligible"),
    "unsupported": gettext_lazy("No rule yet"),
}


def _passed(condition):
    return condition.get("passed") if isinstance(condition, dict) else condition.passed


def judgment_conditions(conditions: Iterable) -> list:
    """The conditions left to people's judgment (Condition objects or their JSON dicts)."""
    return [c for c in conditions or () if _passed(c) is None]


def shown_verdict(verdict, conditions: Iterable = ()) -> str:
    """ "eligible", "needs_review", "ineligible" or "unsupported" for a page to show."""
    verdict = str(verdict or "unsupported")
    if verdict == "eligible" and judgment_conditions(conditions):
        return NEEDS_REVIEW
    return verdict if verdict in LABELS else "unsupported"


def shown_label(verdict, conditions: Iterable = ()) -> str:
    return str(LABELS[shown_verdict(verdict, conditions)])
