"""What the round's overview page shows, built from the selectors, the access rules and the standings:
the user's own sheets, the members' matrix, the ranking table (live or published) and its chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import access, selectors
from ..chart import bar_chart
from ..models import Review, ReviewStatus, RoundStatus, SheetStatus
from ..standings import round_standings, standings_data


@dataclass
class ReviewerCell:
    reviewer: object
    conflict: bool
    review: Review | None = None  # this reviewer's review of the sheet, if begun
    can_open: bool = False  # the sheet is submitted: the review page is open


@dataclass
class MatrixRow:
    organization: object
    role: str
    sheet: object | None
    visible: bool
    completed: int
    expected: int
    cells: list[ReviewerCell] = field(default_factory=list)


def band_labels(template) -> list[str]:
    return [band.get("label", "") for band in (template.definition or {}).get("bands", [])]


def table_from_data(data: dict, *, bands: list[str]) -> dict:
    """The frozen (or live) JSON of a result, shaped for the page: one row per unit with its
    section figures in column order, the flags, and the chart."""
    template = data.get("template", {})
    sections = template.get("sections", [])
    units = []
    for unit in data.get("units", []):
        figures = unit.get("sections", {})
        units.append({**unit, "cells": [figures.get(s["code"]) for s in sections]})
    chart = bar_chart(
        [(u["unit"], u.get("final_total"), u.get("band")) for u in units], template.get("max_total"), bands
    )
    return {
        "template": template,
        "sections": sections,
        "units": units,
        "not_submitted": data.get("not_submitted", []),
        "flagged": [u for u in units if u.get("flags")],
        "chart": chart,
    }


def _matrix(user, scoring_round, sheets: dict, reviewers: list) -> list[MatrixRow]:
    visible = set(selectors.visible_sheets(user, scoring_round).values_list("pk", flat=True))
    all_reviewers = list(access.reviewer_organizations(scoring_round))
    sheet_ids = [s.pk for s in sheets.values()]
    reviews = list(Review.objects.filter(sheet_id__in=sheet_ids).only("pk", "sheet_id", "reviewer_id", "status"))
    completed = Counter(r.sheet_id for r in reviews if r.status == ReviewStatus.COMPLETED)
    recused = Counter(r.sheet_id for r in reviews if r.status == ReviewStatus.RECUSED)
    by_pair = {(r.sheet_id, r.reviewer_id): r for r in reviews}
    roles = dict(scoring_round.block.memberships.values_list("organization_id", "role"))
    rows = []
    for org in access.member_organizations(scoring_round):
        sheet = sheets.get(org.pk)
        row = MatrixRow(
            organization=org,
            role=roles.get(org.pk, ""),
            sheet=sheet,
            visible=sheet is not None and sheet.pk in visible,
            completed=completed[sheet.pk] if sheet else 0,
            # Every reviewer but the ones in conflict with the unit and those who recused themselves.
            expected=sum(1 for r in all_reviewers if not access.in_conflict(r, org))
            - (recused[sheet.pk] if sheet else 0),
        )
        for reviewer in reviewers:
            row.cells.append(
                ReviewerCell(
                    reviewer=reviewer,
                    conflict=access.in_conflict(reviewer, org),
                    review=by_pair.get((sheet.pk, reviewer.pk)) if sheet else None,
                    can_open=sheet is not None and sheet.status == SheetStatus.SUBMITTED,
                )
            )
        rows.append(row)
    return rows


def overview_context(user, scoring_round) -> dict:
    manage = access.can_manage(user, scoring_round)
    reviewers = access.acting_reviewers(user, scoring_round)
    sheets = {s.organization_id: s for s in scoring_round.sheets.select_related("organization")}
    own = [{"organization": org, "sheet": sheets.get(org.pk)} for org in access.acting_members(user, scoring_round)]
    published = selectors.current_result(scoring_round)
    live = None
    if selectors.may_see_standings(user, scoring_round) and scoring_round.status != RoundStatus.PUBLISHED:
        data = standings_data(round_standings(scoring_round), scoring_round)
        live = table_from_data(data, bands=band_labels(scoring_round.template))
    published_table = None
    if published is not None:
        published_table = table_from_data(published.data, bands=band_labels(published.template))
    return {
        "round": scoring_round,
        "eb": scoring_round.block,
        "can_manage": manage,
        "own_sheets": own,
        "acting_reviewers": reviewers,
        "matrix": _matrix(user, scoring_round, sheets, reviewers),
        "submitted_count": sum(1 for s in sheets.values() if s.status == SheetStatus.SUBMITTED),
        "published": published,
        "live": live,
        "published_table": published_table,
        "is_open": scoring_round.status == RoundStatus.OPEN,
        "is_published": scoring_round.status == RoundStatus.PUBLISHED,
        "is_correcting": scoring_round.status == RoundStatus.CORRECTING,
    }
