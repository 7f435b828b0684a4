"""One search across the whole history ("Tra cứu", issue 14.5): people, collectives, the titles and
awards in their records, decisions (the system's and those imported from before it) and dossiers.

Every word must match, without tone marks ("truong phuong nhung", "giay khen"); a number matches a
decision's number ("312", "312/QĐ-SNV"). Each kind is scoped as its own pages are: records by the
user's "record.view" scope, decisions and dossiers by the commendation selectors. Counts are database
counts; only the first rows of each kind become objects.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from tdkt.accounts.scope import scope_for
from tdkt.awards import selectors as awards
from tdkt.core.domain.text import decision_number, search_terms
from tdkt.organizations.models import Organization, Person
from tdkt.records.models import HonourRecord, PastDecision

KINDS = ("people", "collectives", "honours", "decisions", "past_decisions", "dossiers")
MAX_QUERY = 100


@dataclass
class SearchFilters:
    query: str = ""
    kind: str = ""  # one of KINDS, or all
    award: str = ""  # a records code (HONOURS)
    year_from: int | None = None
    year_to: int | None = None
    organization: Organization | None = None  # within the user's scope

    @property
    def words(self) -> list[tuple[str, str]]:
        """(as typed, folded) per word."""
        query = " ".join(self.query.split())[:MAX_QUERY]
        return list(zip(query.split(), search_terms(query), strict=False))


@dataclass
class SearchResults:
    querysets: dict[str, QuerySet] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {kind: qs.count() for kind, qs in self.querysets.items()}


def _number(raw: str) -> Q | None:
    """A record's decision number is text ("312/QĐ-SNV"): the whole of it, or every symbol after "312/"."""
    if parts := decision_number(raw):
        number, symbol = parts
        return Q(decision_number__iexact=raw) if symbol else Q(decision_number__startswith=f"{number}/")
    return None


def _years(qs: QuerySet, f: SearchFilters, field_name: str) -> QuerySet:
    if f.year_from:
        qs = qs.filter(**{f"{field_name}__gte": f.year_from})
    if f.year_to:
        qs = qs.filter(**{f"{field_name}__lte": f.year_to})
    return qs


def people(user, f: SearchFilters) -> QuerySet:
    qs = Person.objects.filter(scope_for(user, "record.view").q("organization__path")).select_related("organization")
    if f.organization:
        qs = qs.filter(organization__path__startswith=f.organization.path)
    for _raw, term in f.words:
        qs = qs.filter(Q(search_text__contains=term) | Q(code__iexact=_raw))
    if f.award or f.year_from or f.year_to:
        held = _years(HonourRecord.objects.filter(revoked_on__isnull=True, person__isnull=False), f, "year")
        if f.award:
            held = held.filter(code=f.award)
        qs = qs.filter(pk__in=held.values("person_id"))
    return qs.order_by("organization__path", "search_text", "pk")


def collectives(user, f: SearchFilters) -> QuerySet:
    qs = Organization.objects.filter(scope_for(user, "record.view").q("path")).select_related("parent")
    if f.organization:
        qs = qs.filter(path__startswith=f.organization.path)
    for raw, term in f.words:
        qs = qs.filter(Q(search_text__contains=term) | Q(code__iexact=raw))
    if f.award or f.year_from or f.year_to:
        held = _years(HonourRecord.objects.filter(revoked_on__isnull=True, organization__isnull=False), f, "year")
        if f.award:
            held = held.filter(code=f.award)
        qs = qs.filter(pk__in=held.values("organization_id"))
    return qs.order_by("path")


def honours(user, f: SearchFilters) -> QuerySet:
    scope = scope_for(user, "record.view")
    # A revoked title or award counts for nothing (Điều 93): it is left out, as the statistics leave it.
    qs = HonourRecord.objects.filter(scope.q("person__organization__path") | scope.q("organization__path"),
                                     revoked_on__isnull=True)
    qs = qs.select_related("person__organization", "organization")
    if f.organization:
        qs = qs.filter(Q(person__organization__path__startswith=f.organization.path)
                       | Q(organization__path__startswith=f.organization.path))
    if f.award:
        qs = qs.filter(code=f.award)
    qs = _years(qs, f, "year")
    for raw, term in f.words:
        match = (Q(person__search_text__contains=term) | Q(organization__search_text__contains=term)
                 | Q(decision_number__icontains=raw) | Q(issuer__icontains=raw))
        number = _number(raw)
        qs = qs.filter(match | number if number is not None else match)
    return qs.order_by("-year", "code", "pk")


def decisions(user, f: SearchFilters) -> QuerySet:
    qs = awards.decisions_matching(awards.decision_list(user).select_related("issuer"), " ".join(r for r, _ in f.words))
    if f.organization:
        qs = qs.filter(Q(issuer__path__startswith=f.organization.path)
                       | Q(awardees__nominee__person__organization__path__startswith=f.organization.path)).distinct()
    if f.award:
        qs = qs.filter(awardees__award__record_code=f.award).distinct()
    return _years(qs, f, "year").order_by("-date", "-number", "-pk")


def past_decisions(user, f: SearchFilters) -> QuerySet:
    scope = scope_for(user, "record.view")
    qs = PastDecision.objects.all() if scope.is_global else PastDecision.objects.filter(
        scope.q("recorded_by_organization__path"))
    for raw, _term in f.words:
        qs = qs.filter(Q(number__icontains=raw) | Q(issuer__icontains=raw) | Q(summary__icontains=raw)
                       | Q(records__person__search_text__contains=_term)).distinct()
    if f.award:
        qs = qs.filter(records__code=f.award).distinct()
    if f.year_from:
        qs = qs.filter(decided_on__year__gte=f.year_from)
    if f.year_to:
        qs = qs.filter(decided_on__year__lte=f.year_to)
    return qs.order_by("-decided_on", "number")


def dossiers(user, f: SearchFilters) -> QuerySet:
    qs = awards.dossier_list(user)
    if f.organization:
        qs = qs.filter(organization__path__startswith=f.organization.path)
    for raw, term in f.words:
        qs = qs.filter(Q(title__icontains=raw) | Q(proposal_number__icontains=raw)
                       | Q(organization__search_text__contains=term)
                       | Q(nominees__person__search_text__contains=term)).distinct()
    if f.award:
        qs = qs.filter(nominees__award__record_code=f.award).distinct()
    return _years(qs, f, "round__year")


FINDERS = {"people": people, "collectives": collectives, "honours": honours, "decisions": decisions,
           "past_decisions": past_decisions, "dossiers": dossiers}


def search(user, f: SearchFilters) -> SearchResults:
    """Every kind the filters ask for (all of them by default)."""
    kinds = [f.kind] if f.kind in FINDERS else list(FINDERS)
    return SearchResults({kind: FINDERS[kind](user, f) for kind in kinds})
