"""The "who can be proposed" list as the page, its Excel export and the API read it.

Individuals come from the stored verdicts (stored.py): counts are aggregate queries and only the
page shown is turned into rows, so neither time nor memory grows with the province beyond SQL.
Collectives (a province has hundreds of organisations, not 100,000) are evaluated in the request as
before (evaluation.candidate_table)."""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import batched

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from tdkt.core.domain.text import fold_vi, search_terms
from tdkt.core.paging import TwoEndedPaginator, rows_from_nearer_end
from tdkt.organizations.models import Organization
from tdkt.records.domain.codes import Target

from .domain import Basis, Verdict, regime_for
from .domain.quotas import QuotaStatus
from .evaluation import CandidateRow, candidate_table, default_on_date, quota_statuses
from .models import ProposalMark, StoredVerdict, VerdictRun
from .stored import VerdictKey, current_verdicts, ensure_current, stored_result
from .verdicts import NEEDS_REVIEW


@dataclass
class CandidateListing:
    award: str
    year: int
    on_date: datetime.date
    basis: str
    target: Target
    total: int = 0
    eligible_count: int = 0
    needs_review_count: int = 0
    marked_count: int = 0
    quotas: list[QuotaStatus] = field(default_factory=list)
    # The rows that match the filters, in order: a list of CandidateRow, or a queryset of stored
    # verdicts that `to_rows` turns into CandidateRow a page at a time.
    matches: Sequence = ()
    to_rows: Callable[[list], list[CandidateRow]] = list
    run: VerdictRun | None = None  # the background computation still under way, if any
    match_count: int | None = None  # len(matches) when known without asking the database again

    @property
    def regime(self) -> str:
        return regime_for(self.on_date)

    @property
    def computing(self) -> bool:
        return self.run is not None

    def count(self) -> int:
        if self.match_count is None:
            self.match_count = self.matches.count() if isinstance(self.matches, QuerySet) else len(self.matches)
        return self.match_count

    def rows_of(self, start: int, stop: int) -> list[CandidateRow]:
        if not isinstance(self.matches, QuerySet):
            return self.to_rows(list(self.matches[start:stop]))
        return self.to_rows(rows_from_nearer_end(self.matches, start, stop - start, self.count()))

    def paginator(self, per_page: int) -> Paginator:
        """Django's pages, read from the nearer end, with the count the listing already has."""
        if not isinstance(self.matches, QuerySet):
            return Paginator(self.matches, per_page)
        paginator = TwoEndedPaginator(self.matches, per_page)
        paginator.count = self.count()  # a cached_property: set, it is not asked again
        return paginator

    def all_rows(self, chunk: int = 2000):
        """Every matching row, a chunk at a time (the Excel export): one ordered query."""
        if not isinstance(self.matches, QuerySet):
            yield from self.to_rows(list(self.matches))
            return
        for ids in batched(self.matches.iterator(chunk_size=chunk), chunk):
            yield from self.to_rows(list(ids))


def candidate_listing(
    *,
    people: QuerySet,
    organizations: QuerySet,
    root: Organization,
    award: str,
    year: int,
    target: Target,
    basis: str = Basis.REGULAR.value,
    on_date: datetime.date | None = None,
    verdict: str = "",
    query: str = "",
) -> CandidateListing:
    on_date = on_date or default_on_date(year)
    if target is Target.INDIVIDUAL:
        return _people_listing(
            people=people, root=root, key=VerdictKey(award, year, str(basis), on_date), verdict=verdict, query=query
        )
    table = candidate_table(
        people=people,
        organizations=organizations,
        root=root,
        award=award,
        year=year,
        target=target,
        basis=basis,
        on_date=on_date,
    )
    rows = table.rows
    if verdict in ("eligible", "ineligible"):
        rows = [r for r in rows if r.result.verdict == verdict]
    elif verdict == "marked":
        rows = [r for r in rows if r.mark is not None]
    if query:
        needle = fold_vi(query)
        rows = [r for r in rows if needle in fold_vi(str(r.subject))]
    return CandidateListing(
        award,
        year,
        on_date,
        str(basis),
        target,
        total=len(table.rows),
        eligible_count=table.eligible_count,
        needs_review_count=table.needs_review_count,
        marked_count=table.marked_count,
        quotas=table.quotas,
        matches=rows,
    )


def _people_listing(*, people: QuerySet, root, key: VerdictKey, verdict: str, query: str) -> CandidateListing:
    listing = CandidateListing(key.award, key.year, key.on_date, key.basis, Target.INDIVIDUAL)
    scope = people.order_by().values("pk")
    in_scope = current_verdicts(key).filter(person_id__in=scope)
    counts = _counts(in_scope)
    # One current verdict per person at most (a unique key): as many as people means none missing,
    # without the anti-join that finds who is missing.
    if counts["total"] < people.order_by().count():
        listing.run = ensure_current(root=root, people=people, key=key)
        if listing.run is not None:
            return listing
        counts = _counts(in_scope)
    marks = ProposalMark.objects.filter(year=key.year, award=key.award)
    listing.total, listing.eligible_count = counts["total"], counts["eligible"]
    listing.needs_review_count = counts["needs_review"]
    listing.marked_count = marks.filter(person_id__in=scope).count()
    listing.quotas = quota_statuses(
        root=root,
        people=people,
        award=key.award,
        year=key.year,
        regime=listing.regime,
        proposed=listing.marked_count,
    )
    matches = in_scope
    if verdict in ("eligible", "ineligible"):
        matches = matches.filter(verdict=verdict)
    elif verdict == "marked":
        matches = matches.filter(person_id__in=marks.values("person_id"))
    for term in search_terms(query):
        matches = matches.filter(person__search_text__contains=term)
    # Ordered and paged on ids only: the sort never carries the conditions. Ending with the primary
    # key makes the order total, so a page in the back half is read backwards (core/paging.py).
    listing.matches = matches.order_by(
        "person__organization__path", "person__search_text", "person_id", "pk"
    ).values_list("pk", flat=True)
    if matches is in_scope:
        listing.match_count = listing.total  # known already: no second count of the province

    def to_rows(ids: list) -> list[CandidateRow]:
        stored = StoredVerdict.objects.select_related("person__organization", "condition_set").in_bulk(ids)
        marked = {m.person_id: m for m in marks.filter(person_id__in=[v.person_id for v in stored.values()])}
        rows = []
        for pk in ids:
            v = stored[pk]
            rows.append(CandidateRow(v.person, v.person.organization, stored_result(v), marked.get(v.person_id)))
        return rows

    listing.to_rows = to_rows
    return listing


def _counts(verdicts: QuerySet) -> dict:
    return verdicts.aggregate(
        total=Count("pk"),
        eligible=Count("pk", filter=Q(verdict=Verdict.ELIGIBLE.value)),
        needs_review=Count("pk", filter=Q(shown=NEEDS_REVIEW)),
    )
