"""A round's figures from the database: the contract's computation on the submitted sheets and
their completed reviews, plus the flags for the head. Used by the pages, the API, publication and
the exports, so they all show the same numbers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .access import member_organizations
from .domain import Flag, Template, parse_template, score_entries, sheet_flags
from .domain.numbers import as_json_number
from .domain.ranking import finalize, rank
from .domain.sheets import Review as ReviewScores
from .domain.sheets import ScoredSheet
from .models import CriteriaTemplate, Evidence, Review, ReviewEntry, ReviewStatus, ScoreSheet, SheetEntry, SheetStatus


def parsed_template(template: CriteriaTemplate) -> Template:
    return parse_template({**template.definition, "code": template.code})


def entries_of(rows) -> dict[int, dict[str, Decimal]]:
    """{owner id: {item code: value}} from entry rows (value None = left blank = scores 0)."""
    out: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for owner_id, code, value in rows:
        if value is not None:
            out[owner_id][code] = value
    return out


@dataclass
class Line:
    sheet: ScoreSheet
    self_total: Decimal
    final_total: Decimal
    figures: dict[str, Decimal]  # every item's final figure
    self_figures: dict[str, Decimal]
    band: str | None
    rank: int | None = None
    reviews: int = 0
    flags: list[Flag] = field(default_factory=list)

    @property
    def organization(self):
        return self.sheet.organization


@dataclass
class Standings:
    template: Template
    lines: list[Line]  # submitted sheets, by rank
    waiting: list  # members whose sheet is not submitted (none yet, draft or returned), in block order

    @property
    def sections(self):
        return self.template.items


def round_standings(scoring_round) -> Standings:
    template = parsed_template(scoring_round.template)
    submitted = list(
        scoring_round.sheets.filter(status=SheetStatus.SUBMITTED).select_related("organization").order_by("pk")
    )
    members = member_organizations(scoring_round)
    order = {org.pk: i for i, org in enumerate(members)}
    submitted.sort(key=lambda s: order.get(s.organization_id, len(order)))  # ties keep the block's order
    ids = [s.pk for s in submitted]
    own = entries_of(SheetEntry.objects.filter(sheet_id__in=ids).values_list("sheet_id", "item_code", "value"))
    review_rows = ReviewEntry.objects.filter(
        review__sheet_id__in=ids, review__status=ReviewStatus.COMPLETED
    ).values_list("review_id", "item_code", "value")
    by_review = entries_of(review_rows)
    reviews_of: dict[int, list[int]] = defaultdict(list)
    for review_id, sheet_id in (
        Review.objects.filter(sheet_id__in=ids, status=ReviewStatus.COMPLETED)
        .order_by("pk")
        .values_list("pk", "sheet_id")
    ):
        reviews_of[sheet_id].append(review_id)
    evidence: dict[int, set[str]] = defaultdict(set)
    for sheet_id, code in Evidence.objects.filter(sheet_id__in=ids).values_list("sheet_id", "item_code"):
        evidence[sheet_id].add(code)

    lines_by_position: dict[int, Line] = {}
    standings = []
    for position, sheet in enumerate(submitted):
        self_scores = score_entries(template, own.get(sheet.pk, {}))
        review_scores = [score_entries(template, by_review.get(rid, {})) for rid in reviews_of[sheet.pk]]
        scored = ScoredSheet(
            unit=sheet.pk,
            position=position,
            self_scores=self_scores,
            reviews=[ReviewScores(rid, s) for rid, s in zip(reviews_of[sheet.pk], review_scores, strict=True)],
        )
        standing = finalize(template, scored)
        standings.append(standing)
        lines_by_position[position] = Line(
            sheet=sheet,
            self_total=self_scores.total,
            final_total=standing.final_total,
            figures=standing.figures,
            self_figures=self_scores.items,
            band=standing.band,
            reviews=len(review_scores),
            flags=sheet_flags(
                template,
                self_scores=self_scores,
                review_scores=review_scores,
                evidence_codes=evidence[sheet.pk],
                share=scoring_round.flag_share,
            ),
        )
    lines = []
    for standing in rank(template, standings):
        line = lines_by_position[standing.position]
        line.rank = standing.rank
        lines.append(line)
    done = {s.organization_id for s in submitted}
    waiting = [org for org in members if org.pk not in done]
    return Standings(template=template, lines=lines, waiting=waiting)


def _n(value: Decimal | None):
    return None if value is None else as_json_number(value)


def standings_data(standings: Standings, scoring_round) -> dict:
    """The published form (ScoringResult.data): plain JSON, enough to show and export it forever."""
    template = standings.template
    return {
        "template": {
            "id": scoring_round.template_id,
            "code": template.code,
            "name": scoring_round.template.name,
            "version": scoring_round.template.version,
            "max_total": _n(template.max_total),
            "sections": [{"code": i.code, "title": i.title, "max": _n(i.maximum)} for i in template.items],
        },
        "units": [
            {
                "organization_id": line.organization.pk,
                "unit": line.organization.name,
                "self_total": _n(line.self_total),
                "final_total": _n(line.final_total),
                "sections": {i.code: _n(line.figures[i.code]) for i in template.items},
                "band": line.band,
                "rank": line.rank,
                "reviews": line.reviews,
                "flags": [{"item": f.item_code, "kind": f.kind, "message": f.message} for f in line.flags],
            }
            for line in standings.lines
        ],
        "not_submitted": [org.name for org in standings.waiting],
    }
