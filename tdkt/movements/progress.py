"""Progress against a plan's numeric targets (chỉ tiêu), from the records of titles and ratings.

For each target of an issued movement: the actual figure per participant and overall, set-based (a
few queries per target and year, never one per organisation or person).

Who is measured:
- collectives: the units below each participant during the year (a sở's phòng, ban, trung tâm); a
  participant with no unit below is measured itself (a department's plan, seed 002, lists its
  phòng, ban, trung tâm as participants: "100% phòng, ban đạt TTLĐTT" is units reaching / units);
- individuals: the people who worked in the participant or a unit below it during the year.

What counts: a title or form of the target's year that was not revoked; a title that by law is
chosen among holders of the lower one counts for the lower one too ("100% TTLĐTT, trong đó 20%
TTLĐXS": a TTLĐXS unit is also a TTLĐTT one); an annual rating at least the target's. A participant
with no record of that kind for the year in its subtree has "no data yet".
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from tdkt.organizations.models import Organization, PersonAssignment
from tdkt.records.domain.codes import RATING_ORDER
from tdkt.records.models import AnnualRating, HonourRecord

from .models import Movement, MovementStatus, Target, TargetKind

# Luật TĐKT 2022, Điều 23-28: CSTĐCS is chosen among LĐTT/CSTT holders, TTLĐXS among TTLĐTT ones.
COUNTS_FOR = {
    "LDTT": ("LDTT", "CSTT", "CSTDCS"),
    "CSTT": ("CSTT", "CSTDCS"),
    "TTLDTT": ("TTLDTT", "TTLDXS"),
}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figure:
    """The actual figure of one target for one participant (or all of them)."""

    kind: str
    target: Decimal
    measured: int  # units or people measured
    reached: int  # of them, those reaching the title, form or rating
    has_data: bool
    judged: bool = True  # a count target is judged on the whole movement only

    @property
    def actual(self) -> Decimal | None:
        """A percentage (one decimal) for shares, a count for counts; None without data."""
        if not self.has_data:
            return None
        if self.kind == TargetKind.AWARD_COUNT:
            return Decimal(self.reached)
        if not self.measured:
            return None
        return (Decimal(self.reached) * HUNDRED / self.measured).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def met(self) -> bool | None:
        if not self.judged or self.actual is None:
            return None
        if self.kind == TargetKind.AWARD_COUNT:
            return self.reached >= self.target
        return self.reached * HUNDRED >= self.target * self.measured  # exact, no rounding


@dataclass(frozen=True)
class Row:
    organization: Organization
    figure: Figure


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    rows: list[Row]
    overall: Figure

    @property
    def without_data(self) -> int:
        return sum(1 for r in self.rows if not r.figure.has_data)


def _within(participants: list[Organization], field: str) -> Q:
    return reduce(or_, (Q(**{f"{field}__startswith": p.path}) for p in participants))


def _ancestors(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


class _Year:
    """The pools of one year: units and people per participant, and who has any record."""

    def __init__(self, participants: list[Organization], year: int):
        self.participants = participants
        self.ids = {p.pk for p in participants}
        self.first, self.last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        self.year = year
        self._units = self._people = None

    def units_query(self):
        return (
            Organization.objects.filter(_within(self.participants, "path"))
            .filter(Q(active_from__isnull=True) | Q(active_from__lte=self.last))
            .filter(Q(active_to__isnull=True) | Q(active_to__gte=self.first))
        )

    def assignments_query(self):
        return (
            PersonAssignment.objects.filter(_within(self.participants, "organization__path"))
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=self.last))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.first))
            .filter(Q(person__left_on__isnull=True) | Q(person__left_on__gte=self.first))
        )

    @property
    def units(self) -> dict[int, set[int]]:
        """Units measured per participant: those below it, or itself when none is."""
        if self._units is None:
            below, present = defaultdict(set), set()
            for pk, path in self.units_query().values_list("pk", "path"):
                present.add(pk)
                for ancestor in _ancestors(path):
                    if ancestor in self.ids and ancestor != pk:
                        below[ancestor].add(pk)
            self._units = {p: below[p] or ({p} if p in present else set()) for p in self.ids}
        return self._units

    @property
    def people(self) -> dict[int, set[int]]:
        if self._people is None:
            people = defaultdict(set)
            for path, person_id in self.assignments_query().values_list("organization__path", "person_id"):
                for ancestor in _ancestors(path):
                    if ancestor in self.ids:
                        people[ancestor].add(person_id)
            self._people = {p: people[p] for p in self.ids}
        return self._people

    def records(self, model):
        qs = model.objects.filter(year=self.year)
        return qs.filter(revoked_on__isnull=True) if model is HonourRecord else qs

    def with_data(self, model) -> set[int]:
        """Participants with at least one record of `model` for the year in their subtree."""
        found = set()
        for (path,) in (
            self.records(model)
            .filter(_within(self.participants, "organization__path"))
            .values_list("organization__path")
            .distinct()
        ):
            found.update(a for a in _ancestors(path) if a in self.ids)
        people = set(
            self.records(model)
            .filter(person_id__in=self.assignments_query().values("person_id"))
            .values_list("person_id", flat=True)
        )
        found.update(p for p, pool in self.people.items() if pool & people)
        return found


def _reached(target: Target, year: _Year) -> set[int]:
    collective = target.subject == "collective"
    field = "organization_id" if collective else "person_id"
    pool = year.units_query().values("pk") if collective else year.assignments_query().values("person_id")
    if target.kind == TargetKind.RATING_SHARE:
        floor = RATING_ORDER[target.min_rating]
        ratings = [r for r, order in RATING_ORDER.items() if order >= floor]
        qs = year.records(AnnualRating).filter(rating__in=ratings)
    else:
        qs = year.records(HonourRecord).filter(code__in=COUNTS_FOR.get(target.award_code, (target.award_code,)))
    return set(qs.filter(**{f"{field}__in": pool}).values_list(field, flat=True))


def target_progress(target: Target, participants: list[Organization], year: _Year, with_data: set[int]):
    pools = year.units if target.subject == "collective" else year.people
    reached = _reached(target, year)
    judged = target.kind != TargetKind.AWARD_COUNT
    rows = [
        Row(
            p,
            Figure(target.kind, target.value, len(pools[p.pk]), len(pools[p.pk] & reached), p.pk in with_data, judged),
        )
        for p in participants
    ]
    everyone = set().union(*pools.values()) if pools else set()
    overall = Figure(target.kind, target.value, len(everyone), len(everyone & reached), bool(with_data))
    return TargetProgress(target, rows, overall)


def movement_progress(movement: Movement) -> list[TargetProgress]:
    """Every target of an issued (or closed) movement against the records; [] for a draft."""
    targets = list(movement.targets.all())
    if movement.status == MovementStatus.DRAFT or not targets:
        return []
    participants = list(
        Organization.objects.filter(movement_participations__movement=movement).order_by("path", "name")
    )
    if not participants:
        return [TargetProgress(t, [], Figure(t.kind, t.value, 0, 0, False)) for t in targets]
    years: dict[int, _Year] = {}
    presence: dict[tuple[int, type], set[int]] = {}
    out = []
    for target in targets:
        year = years.setdefault(target.year, _Year(participants, target.year))
        model = AnnualRating if target.kind == TargetKind.RATING_SHARE else HonourRecord
        if (target.year, model) not in presence:
            presence[target.year, model] = year.with_data(model)
        out.append(target_progress(target, participants, year, presence[target.year, model]))
    return out
