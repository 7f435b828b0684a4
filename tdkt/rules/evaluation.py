"""The engine applied to the records: one subject's overview, and an organisation's candidates."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from tdkt.organizations.models import Organization, Person
from tdkt.records.domain.codes import HONOURS, Target, honour_label
from tdkt.records.models import HonourRecord

from . import facts
from .domain import NATIONAL, Basis, Condition, Result, Verdict, evaluate_subjects, regime_for
from .domain.needs import needs_for
from .domain.quotas import BASE_LDTT_HOLDERS, BASE_MEMBERS, QuotaSpec, QuotaStatus, quota_status, quotas_for
from .domain.types import Kind, MissingFact
from .models import ProposalMark, QuotaRule
from .verdicts import NEEDS_REVIEW, shown_label, shown_verdict

INDIVIDUAL_AWARDS = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1"]
COLLECTIVE_AWARDS = ["TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "BK_TINH", "BK_TTG", "HCLD3"]


def evaluate_safely(items: list[tuple[str, object]], award: str, *, year: int, on_date, basis=Basis.REGULAR) -> list:
    """The engine over many subjects; a subject lacking a fact a rule needs (e.g. the founding year
    for a collective's Huân chương) gets an ineligible result that names the missing fact, instead of
    stopping the whole list."""
    try:
        return list(evaluate_subjects(items, award, year=year, on_date=on_date, basis=basis))
    except MissingFact:
        pass
    results = []
    for case_id, subject in items:
        try:
            results.extend(evaluate_subjects([(case_id, subject)], award, year=year, on_date=on_date, basis=basis))
        except MissingFact as exc:
            missing = Condition("MISSING_FACT", False, f"Thiếu dữ liệu để xét: {exc.detail}", "Cần bổ sung hồ sơ")
            results.append(Result(case_id, award, regime_for(on_date), Verdict.INELIGIBLE, (missing,)))
    return results


def default_on_date(year: int) -> datetime.date:
    """The day a year's results are considered: today for the current and last year, else the
    last day of the year after (when that year's titles were decided)."""
    today = timezone.localdate()
    return today if year >= today.year - 1 else datetime.date(year + 1, 12, 31)


@dataclass
class OverviewItem:
    result: Result
    name: str
    verdict_label: str
    open: bool

    @property
    def shown_verdict(self) -> str:
        return shown_verdict(self.result.verdict, self.result.conditions)


@dataclass
class Overview:
    year: int
    on_date: datetime.date
    regime: str
    results: list[OverviewItem]
    reviews_open: bool


def subject_overview(subject, *, subject_type: str, year: int, on_date: datetime.date | None = None) -> Overview:
    on_date = on_date or default_on_date(year)
    if subject_type == "person":
        subject_facts, awards = facts.person_facts(subject, on_date=on_date), INDIVIDUAL_AWARDS
    else:
        subject_facts = facts.collective_facts(subject, year=year, on_date=on_date)
        awards = COLLECTIVE_AWARDS
    items = []
    for award in awards:
        result = evaluate_safely([("", subject_facts)], award, year=year, on_date=on_date)[0]
        if result.verdict is Verdict.UNSUPPORTED:
            continue
        label = shown_label(result.verdict, result.conditions)  # "Cần xem xét" when people must still judge
        items.append(OverviewItem(result, honour_label(award), label, open=result.verdict is Verdict.ELIGIBLE))
    return Overview(year, on_date, regime_for(on_date), items, subject_facts.pending_review)


@dataclass
class CandidateRow:
    subject: object
    organization: Organization
    result: Result
    mark: ProposalMark | None = None

    @property
    def failed(self):
        return [c for c in self.result.conditions if c.passed is False]

    @property
    def shown_verdict(self) -> str:
        return shown_verdict(self.result.verdict, self.result.conditions)

    @property
    def verdict_label(self) -> str:
        return shown_label(self.result.verdict, self.result.conditions)


@dataclass
class CandidateTable:
    award: str
    year: int
    on_date: datetime.date
    basis: str
    regime: str
    target: Target
    rows: list[CandidateRow]
    quotas: list[QuotaStatus] = field(default_factory=list)

    @property
    def eligible_count(self) -> int:
        return sum(1 for r in self.rows if r.result.verdict is Verdict.ELIGIBLE)

    @property
    def needs_review_count(self) -> int:
        """Of the eligible, those with conditions people must still judge (shown "Cần xem xét")."""
        return sum(1 for r in self.rows if r.shown_verdict == NEEDS_REVIEW)

    @property
    def marked_count(self) -> int:
        return sum(1 for r in self.rows if r.mark is not None)


def unsupported_reason(award: str, target: Target, basis: str, on_date: datetime.date) -> str | None:
    """Why the engine has no rule for `award` on `basis` (the same for every subject of a list): the
    article that leaves it to judgment, for the bases beyond regular, movement and sudden."""
    return NATIONAL.select(on_date).reason_for(award, Kind(str(target)), Basis(basis))


def award_target(award: str, requested: str | None = None) -> Target:
    targets = HONOURS[award][2]
    if requested in {t.value for t in targets}:
        return Target(requested)
    return Target.INDIVIDUAL if Target.INDIVIDUAL in targets else Target.COLLECTIVE


def candidate_table(
    *,
    people: QuerySet,
    organizations: QuerySet,
    root: Organization,
    award: str,
    year: int,
    target: Target,
    basis: str = Basis.REGULAR,
    on_date: datetime.date | None = None,
) -> CandidateTable:
    """Every subject in scope with its verdict for `award` in `year` (people or collectives)."""
    on_date = on_date or default_on_date(year)
    if target is Target.INDIVIDUAL:
        subjects = {p.pk: p for p in people.select_related("organization")}
        needs = needs_for(award, Kind.INDIVIDUAL, basis)
        subject_facts = facts.people_facts(people, on_date=on_date, needs=needs, year=year)
        marks = {
            m.person_id: m
            for m in ProposalMark.objects.filter(year=year, award=award, person_id__in=people.values("pk"))
        }
        org_of = {pk: p.organization for pk, p in subjects.items()}
    else:
        subjects = {o.pk: o for o in organizations.select_related("parent")}
        needs = needs_for(award, Kind.COLLECTIVE, basis)
        subject_facts = facts.organization_facts(organizations, year=year, on_date=on_date, needs=needs)
        marks = {
            m.collective_id: m
            for m in ProposalMark.objects.filter(year=year, award=award, collective_id__in=organizations.values("pk"))
        }
        org_of = {pk: o for pk, o in subjects.items()}
    ordered = sorted(subjects, key=lambda pk: (org_of[pk].path, getattr(subjects[pk], "search_text", "")))
    items = [(str(pk), subject_facts[pk]) for pk in ordered]
    results = evaluate_safely(items, award, year=year, on_date=on_date, basis=Basis(basis))
    rows = [
        CandidateRow(subjects[pk], org_of[pk], result, marks.get(pk))
        for pk, result in zip(ordered, results, strict=True)
    ]
    table = CandidateTable(award, year, on_date, basis, regime_for(on_date), target, rows)
    if target is Target.INDIVIDUAL:
        table.quotas = quota_statuses(
            root=root, people=people, award=award, year=year, regime=table.regime, proposed=table.marked_count
        )
    return table


def _province_rules(root: Organization, award: str, year: int) -> tuple[QuotaSpec, ...]:
    ancestors = root.ancestor_ids()
    rules = QuotaRule.objects.filter(organization_id__in=ancestors, award=award, year_from__lte=year).filter(
        Q(year_to__isnull=True) | Q(year_to__gte=year)
    )
    return tuple(QuotaSpec(r.award, r.percent, r.base, r.source) for r in rules)


def quota_statuses(*, root, people: QuerySet, award: str, year: int, regime: str, proposed: int) -> list[QuotaStatus]:
    specs = quotas_for(award, regime, _province_rules(root, award, year))
    if not specs:
        return []
    scope = people.order_by().values("pk")
    holders = HonourRecord.objects.filter(code="LDTT", year=year, revoked_on__isnull=True, person_id__in=scope).values(
        "person_id"
    )
    marked = ProposalMark.objects.filter(year=year, award="LDTT", person_id__in=scope).values("person_id")
    bases = {
        BASE_MEMBERS: people.order_by().count(),
        # Counted by the database: a province's LĐTT holders are tens of thousands of ids.
        BASE_LDTT_HOLDERS: Person.objects.filter(Q(pk__in=holders) | Q(pk__in=marked)).count(),
    }
    return [quota_status(spec, base_count=bases[spec.base], proposed=proposed) for spec in specs]


def person_queryset(root: Organization) -> QuerySet:
    return Person.objects.filter(organization__path__startswith=root.path, left_on__isnull=True)
