"""The only ORM → engine adapter: builds SubjectFacts for many subjects in a few set-based queries.

Never one query per subject: the "who can be proposed" page and the benchmark evaluate a whole
province (100,000 people, ten years of history) with five queries for people and seven for
collectives, whatever their number.
"""

import datetime
import gc
from collections import defaultdict
from contextlib import contextmanager

from django.db import connection
from django.db.models import Q, QuerySet

from tdkt.organizations.models import Organization, Person, PersonAssignment
from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag

from .domain.needs import EVERYTHING, Needs, years_of
from .domain.types import (
    DISCIPLINE_BY_NAME,
    FORM_CODES,
    RATING_BY_NAME,
    SCOPE_BY_NAME,
    SEXES,
    TITLE_CODES,
    Discipline,
    DisciplineForm,
    InitiativeKind,
    Kind,
    Members,
    Rating,
    Record,
    SubjectFacts,
)
from .domain.types import Initiative as InitiativeFact

_TITLES = frozenset(TITLE_CODES)


@contextmanager
def _no_gc():
    """Building hundreds of thousands of small immutable objects: the cyclic collector would walk
    them again and again for nothing (none of them forms a cycle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _raw_rows(queryset):
    """Rows of a values_list queryset of plain ints and strings, without the ORM's per-row work."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(20_000):
            yield from rows


def _open_reviews(field: str, ids_query, on_date: datetime.date) -> set[int]:
    """Subjects with a review flag open on `on_date` (Nghị định 98/2023 and 152/2025, Điều 4)."""
    return set(
        ReviewFlag.objects.filter(**{f"{field}__in": ids_query}, opened_on__lte=on_date)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on_date))
        .values_list(field, flat=True)
    )


def _span_filter(field: str, window, year: int | None) -> Q | None:
    """A filter on `field` for a Needs window; None when nothing at all is needed."""
    span = years_of(window, year) if year is not None else None
    if span is None:
        return Q()
    if span[0] > span[1]:
        return None
    return Q(**{f"{field}__gte": span[0], f"{field}__lte": span[1]})


def _honour_filter(needs: Needs, year: int | None) -> Q | None:
    parts = []
    for codes, window, every in (
        (needs.title_codes, needs.title_years, TITLE_CODES),
        (needs.award_codes, needs.award_years, FORM_CODES),
    ):
        codes = every if codes is None else codes
        span = _span_filter("year", window, year)
        if codes and span is not None:
            parts.append(Q(code__in=sorted(codes)) & span)
    if not parts:
        return None
    out = parts[0]
    for part in parts[1:]:
        out |= part
    return out


def _history(field: str, ids_query, needs: Needs = EVERYTHING, year: int | None = None):
    """Ratings, titles, awards and initiatives of the subjects, keyed by subject id, limited to what
    the award's rules read (domain/needs.py)."""
    ratings: dict[int, dict[int, Rating]] = defaultdict(dict)
    span = _span_filter("year", needs.ratings, year)
    if span is not None:
        rows = AnnualRating.objects.filter(span, **{f"{field}__in": ids_query}).values_list(field, "year", "rating")
        for sid, y, rating in _raw_rows(rows):
            ratings[sid][y] = RATING_BY_NAME[rating]
    titles: dict[int, list[Record]] = defaultdict(list)
    awards: dict[int, list[Record]] = defaultdict(list)
    wanted = _honour_filter(needs, year)
    if wanted is not None:
        honours = HonourRecord.objects.filter(wanted, **{f"{field}__in": ids_query}, revoked_on__isnull=True)
        for sid, code, y in _raw_rows(honours.values_list(field, "code", "year")):
            (titles if code in _TITLES else awards)[sid].append(Record(code, y))
    initiatives: dict[int, list[InitiativeFact]] = defaultdict(list)
    span = _span_filter("year", needs.initiatives, year)
    if span is not None:
        rows = Initiative.objects.filter(span, **{f"{field}__in": ids_query}).values_list(
            field, "year", "scope", "kind"
        )
        for sid, y, scope, kind in rows:
            initiatives[sid].append(InitiativeFact(y, SCOPE_BY_NAME[scope], InitiativeKind(kind)))
    return ratings, titles, awards, initiatives


def people_facts(
    people: QuerySet, *, on_date: datetime.date, needs: Needs = EVERYTHING, year: int | None = None
) -> dict[int, SubjectFacts]:
    """Facts of every person in `people` (a queryset, used as a subquery), keyed by person id.
    With `needs` and `year`, only what that award's rules read is loaded."""
    with _no_gc():
        return _people_facts(people, on_date=on_date, needs=needs, year=year)


def _people_facts(people: QuerySet, *, on_date: datetime.date, needs: Needs, year: int | None):
    ids = people.values("pk")
    ratings, titles, awards, initiatives = _history("person_id", ids, needs, year)
    discipline: dict[int, list[Discipline]] = defaultdict(list)
    for pid, form, start, end in DisciplineRecord.objects.filter(person_id__in=ids).values_list(
        "person_id", "form", "start_date", "end_date"
    ):
        discipline[pid].append(Discipline(DISCIPLINE_BY_NAME[form], start, end))
    pending = _open_reviews("person_id", ids, on_date)
    # Sex and service start feed the cống hiến and niên hạn bases (women's shorter tenure, a sector's
    # Kỷ niệm chương). The posts held are not recorded by level, so `posts` stays unknown (None): a
    # cống hiến rule then names the missing fact instead of guessing from a position's wording.
    return {
        pid: SubjectFacts(
            kind=Kind.INDIVIDUAL,
            ratings=ratings.get(pid, {}),
            titles=tuple(titles.get(pid, ())),
            awards=tuple(awards.get(pid, ())),
            initiatives=tuple(initiatives.get(pid, ())),
            discipline=tuple(discipline.get(pid, ())),
            pending_review=pid in pending,
            sex=sex if sex in SEXES else None,
            service_start=service_start,
        )
        for pid, sex, service_start in people.values_list("pk", "sex", "service_start")
    }


def member_statistics(organizations: QuerySet, *, year: int) -> dict[int, Members]:
    """Members of each organisation during `year`: the people who worked in it or in any unit below
    it (a sở's collective includes its phòng, ban, trung tâm), with the counts Luật TĐKT 2022,
    Điều 27-28 need: completed (≥ HTNV), LĐTT (or CSTT), CSTĐCS, and those disciplined at cảnh cáo
    or above during the year."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    selected = dict(organizations.values_list("pk", "path"))
    if not selected:
        return {}
    roots = [p for p in selected.values() if not any(o != p and p.startswith(o) for o in selected.values())]
    within = Q()
    for path in roots:
        within |= Q(organization__path__startswith=path)
    assignments = (
        PersonAssignment.objects.filter(within)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=last))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
    )
    members: dict[int, set[int]] = defaultdict(set)
    for path, person_id in assignments.values_list("organization__path", "person_id"):
        for part in path.strip("/").split("/"):
            if int(part) in selected:
                members[int(part)].add(person_id)
    person_ids = assignments.values("person_id")
    completed = set(
        AnnualRating.objects.filter(
            person_id__in=person_ids, year=year, rating__in=["HTNV", "HTTNV", "HTXSNV"]
        ).values_list("person_id", flat=True)
    )
    holders: dict[str, set[int]] = defaultdict(set)
    for pid, code in HonourRecord.objects.filter(
        person_id__in=person_ids, year=year, code__in=["LDTT", "CSTT", "CSTDCS"], revoked_on__isnull=True
    ).values_list("person_id", "code"):
        holders[code].add(pid)
    heavy = [f for f, level in DISCIPLINE_BY_NAME.items() if level >= DisciplineForm.CANH_CAO]
    disciplined = set(
        DisciplineRecord.objects.filter(person_id__in=person_ids, form__in=heavy, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values_list("person_id", flat=True)
    )
    ldtt = holders["LDTT"] | holders["CSTT"]
    return {
        org_id: Members(
            total=len(people),
            completed=len(people & completed),
            ldtt=len(people & ldtt),
            cstdcs=len(people & holders["CSTDCS"]),
            disciplined_canh_cao_or_above=len(people & disciplined),
        )
        for org_id, people in members.items()
    }


def leading_organizations(organizations: QuerySet, *, year: int) -> set[int]:
    """Organisations ranked first of their emulation block in `year`, from the current published
    result of the block's scoring (a superseded version no longer counts)."""
    from tdkt.scoring.models import ResultRow

    return set(
        ResultRow.objects.filter(
            organization_id__in=organizations.values("pk"),
            result__is_current=True,
            result__round__block__year=year,
            rank=1,
        ).values_list("organization_id", flat=True)
    )


def organization_facts(
    organizations: QuerySet, *, year: int, on_date: datetime.date, needs: Needs = EVERYTHING
) -> dict[int, SubjectFacts]:
    ids = organizations.values("pk")
    ratings, titles, awards, _ = _history("organization_id", ids, needs, year)
    members = member_statistics(organizations, year=year)
    leaders = leading_organizations(organizations, year=year)
    pending = _open_reviews("organization_id", ids, on_date)
    empty = Members(0, 0, 0, 0, 0)
    return {
        oid: SubjectFacts(
            kind=Kind.COLLECTIVE,
            ratings=ratings.get(oid, {}),
            titles=tuple(titles.get(oid, ())),
            awards=tuple(awards.get(oid, ())),
            pending_review=oid in pending,
            members=members.get(oid, empty),
            leads_block=oid in leaders,
            founded_year=active_from.year if active_from else None,
        )
        for oid, active_from in organizations.values_list("pk", "active_from")
    }


def person_facts(person: Person, *, on_date: datetime.date) -> SubjectFacts:
    return people_facts(Person.objects.filter(pk=person.pk), on_date=on_date)[person.pk]


def collective_facts(organization: Organization, *, year: int, on_date: datetime.date) -> SubjectFacts:
    return organization_facts(Organization.objects.filter(pk=organization.pk), year=year, on_date=on_date)[
        organization.pk
    ]
