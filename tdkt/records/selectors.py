"""Reads of the records, scoped like every other read."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.http import Http404

from tdkt.accounts.scope import user_can
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.models import Organization

from .models import TITLE_CODES, AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag

SUBJECT_TYPES = ("person", "organization")
_TITLES_SET = frozenset(TITLE_CODES)
RECORD_MODELS = {
    "rating": AnnualRating,
    "honour": HonourRecord,
    "initiative": Initiative,
    "discipline": DisciplineRecord,
    "review": ReviewFlag,
}


def subject_get(user, subject_type: str, pk: int):
    """The person or organisation whose records are asked for, if the user may see them."""
    if subject_type == "person":
        return org_selectors.person_get(user, pk, permission="record.view")
    if subject_type == "organization":
        return org_selectors.organization_get(user, pk, permission="record.view")
    raise Http404("Không tìm thấy.")


def record_get(user, kind: str, pk: int):
    model = RECORD_MODELS.get(kind)
    record = model.objects.select_related("person__organization").filter(pk=pk).first() if model else None
    if record is None or not user_can(user, "record.view", record.subject_organization):
        raise Http404("Không tìm thấy bản ghi.")
    return record


# Records that withhold commendation while they stand: the unit whose staff they name must not be
# able to lift them itself (issue 12, separation of duties).
BLOCKING_MODELS = (DisciplineRecord, ReviewFlag)


def recording_authority(record):
    """The organisation a blocking record was entered for; for one entered before that was kept
    (or whose organisation is gone), the top of the subject's tree: only the province lifts it."""
    if record.recorded_by_organization_id:
        return record.recorded_by_organization
    return Organization.objects.get(pk=record.subject_organization.ancestor_ids()[0])


def can_lift(user, record) -> bool:
    """May the user close or remove this record? Every record needs "record.manage" on its
    subject; a blocking one also on the organisation that recorded it (it or one above it)."""
    if not user_can(user, "record.manage", record.subject_organization):
        return False
    return not isinstance(record, BLOCKING_MODELS) or user_can(user, "record.manage", recording_authority(record))


def _subject_filter(subject) -> dict:
    return {"person": subject} if subject._meta.model_name == "person" else {"organization": subject}


@dataclass
class YearRow:
    year: int
    rating: AnnualRating | None = None
    titles: list = field(default_factory=list)
    forms: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    discipline: list = field(default_factory=list)


@dataclass
class SubjectHistory:
    ratings: list
    honours: list
    initiatives: list
    discipline: list
    reviews: list
    years: list[YearRow]


def subject_history(subject, *, last_year: int, span: int = 10) -> SubjectHistory:
    """Everything recorded for a subject, and a year-by-year view of the last `span` years."""
    flt = _subject_filter(subject)
    ratings = list(AnnualRating.objects.filter(**flt))
    honours = list(HonourRecord.objects.filter(**flt))
    initiatives = list(Initiative.objects.filter(**flt))
    # The page asks each of these who recorded it and whether the user may lift it (can_lift): the
    # subject's organisation comes with the row, not one query per record.
    reviews = list(ReviewFlag.objects.filter(**flt).select_related(
        "recorded_by_organization", "person__organization", "organization"))
    discipline = (
        list(DisciplineRecord.objects.filter(person=subject).select_related(
            "recorded_by_organization", "person__organization"))
        if "person" in flt
        else []
    )
    years = [r.year for r in ratings] + [h.year for h in honours] + [i.year for i in initiatives]
    first = min([last_year - span + 1, *years])
    rows = {y: YearRow(y) for y in range(last_year, first - 1, -1)}
    by_year = defaultdict(list)
    for h in honours:
        by_year[h.year].append(h)
    for r in ratings:
        if r.year in rows:
            rows[r.year].rating = r
    for y, items in by_year.items():
        if y in rows:
            rows[y].titles = [h for h in items if h.code in _TITLES_SET]
            rows[y].forms = [h for h in items if h.code not in _TITLES_SET]
    for i in initiatives:
        if i.year in rows:
            rows[i.year].initiatives.append(i)
    for d in discipline:
        end_year = d.end_date.year if d.end_date else last_year
        for y in range(d.start_date.year, end_year + 1):
            if y in rows:
                rows[y].discipline.append(d)
    return SubjectHistory(ratings, honours, initiatives, discipline, reviews, list(rows.values()))
