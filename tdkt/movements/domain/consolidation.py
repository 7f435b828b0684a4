"""Adding up the figures units send with a milestone's report (issue 14.3): each figure's total over
the reports counted, how many units gave it, and who has not reported. Pure Python.

A report counts once the head may rely on it: sent on time or late, or accepted; one sent back or
waiting for the unit leader's sign-off does not (its unit is listed among those still owing one).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

COUNTED = ("submitted", "late", "accepted")


@dataclass
class FigureTotal:
    label: str
    total: int = 0
    units: int = 0


@dataclass
class Consolidated:
    figures: list[FigureTotal] = field(default_factory=list)
    counted: int = 0
    on_time: int = 0
    late: int = 0
    owing: list[object] = field(default_factory=list)  # the participants without a counted report


def consolidate(participants: Iterable, reports: dict) -> Consolidated:
    """``reports``: participant → (status, was_late, figures) of its report, if any. Figures keep the
    order in which they first appear (the plan's own order, as units type them)."""
    out = Consolidated()
    totals: dict[str, FigureTotal] = {}
    for participant in participants:
        report = reports.get(participant)
        if report is None or report[0] not in COUNTED:
            out.owing.append(participant)
            continue
        status, was_late, figures = report
        out.counted += 1
        out.late += bool(was_late)
        out.on_time += not was_late
        for label, value in (figures or {}).items():
            if isinstance(value, bool) or not isinstance(value, int):
                continue  # the services only store whole numbers; anything else is not added up
            total = totals.setdefault(label, FigureTotal(label))
            total.total += value
            total.units += 1
    out.figures = list(totals.values())
    return out
