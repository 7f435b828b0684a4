"""Statistics (issue 14.4) as set-based aggregate queries, each scoped as its own pages are: records by
the user's "record.view" scope, dossiers by ``tdkt.awards.selectors.dossier_list``, movements by
``tdkt.movements.selectors.movement_list``.

Every function returns a few grouped rows (per year and code, per movement, per step), never a row
per person: the work is the database's GROUP BY (issue 14.6: 100,000 people with 1,000,000 records
under 5 s). Lead times are database date arithmetic (``at - submitted``) on SQLite and PostgreSQL alike;
a median is the middle row of the ordered durations (ORDER BY … LIMIT 2 OFFSET), not a Python sort.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Min, Q, QuerySet

from tdkt.accounts.scope import scope_for
from tdkt.awards import selectors as awards
from tdkt.awards.domain.workflow import Action, State
from tdkt.awards.models import Dossier, Transition
from tdkt.movements import selectors as movements
from tdkt.movements.models import Milestone, Participant, Registration, RegistrationStatus, ReportSubmission
from tdkt.movements.models import SubmissionStatus as Sub
from tdkt.organizations.models import Organization
from tdkt.records.models import HonourRecord

# The steps after sending whose lead time is measured, in the workflow's order.
LEAD_STEPS = (State.RECEIVED, State.RETURNED, State.APPRAISED, State.VOTED, State.NOTICE,
              State.AWAITING_DECISION, State.DECIDED, State.FORWARDED, State.CLOSED)
REGISTERED_ON_TIME = (RegistrationStatus.REGISTERED,)
REGISTERED_LATE = (RegistrationStatus.LATE_PENDING, RegistrationStatus.ACCEPTED_LATE)
REPORT_DONE = (Sub.SUBMITTED, Sub.LATE, Sub.ACCEPTED)
MOVEMENTS_SHOWN = 30
MILESTONES_SHOWN = 40
REASONS_SHOWN = 15


@dataclass(frozen=True)
class StatsFilters:
    organization: Organization | None = None  # within the user's scope
    year_from: int | None = None
    year_to: int | None = None


def _years(qs: QuerySet, f: StatsFilters, field: str) -> QuerySet:
    if f.year_from:
        qs = qs.filter(**{f"{field}__gte": f.year_from})
    if f.year_to:
        qs = qs.filter(**{f"{field}__lte": f.year_to})
    return qs


# -- titles and awards received ---------------------------------------------------------------

def honour_records(user, f: StatsFilters) -> QuerySet:
    """The records counted: in force (not revoked), in scope, of the organisation's subtree, in the years.
    The same filters as the search page's "honours" kind (tdkt.search.selectors.honours), so a bar's
    link lists its rows."""
    scope = scope_for(user, "record.view")
    qs = HonourRecord.objects.filter(revoked_on__isnull=True)
    if not scope.is_global:
        qs = qs.filter(scope.q("person__organization__path") | scope.q("organization__path"))
    if f.organization:
        qs = qs.filter(Q(person__organization__path__startswith=f.organization.path)
                       | Q(organization__path__startswith=f.organization.path))
    return _years(qs, f, "year")


def honour_counts(user, f: StatsFilters) -> list[tuple[int, str, int]]:
    """(year, code, count) of every year and code with a record: one GROUP BY; by year, by level and by
    title or form are sums of these few rows."""
    rows = honour_records(user, f).order_by().values_list("year", "code").annotate(n=Count("pk"))
    return sorted(rows)


# -- movements: registration and report punctuality --------------------------------------------

def movement_scope(user, f: StatsFilters) -> QuerySet:
    """The movements the user sees that ran during the years, issued in or joined by the organisation."""
    qs = movements.movement_list(user)
    if f.year_from:
        qs = qs.filter(end_date__year__gte=f.year_from)
    if f.year_to:
        qs = qs.filter(start_date__year__lte=f.year_to)
    if f.organization:
        path = f.organization.path
        joined = Participant.objects.filter(organization__path__startswith=path).values("movement_id")
        qs = qs.filter(Q(organization__path__startswith=path) | Q(pk__in=joined))
    return qs


def _participants(f: StatsFilters, movement_ids) -> QuerySet:
    qs = Participant.objects.filter(movement_id__in=movement_ids)
    return qs.filter(organization__path__startswith=f.organization.path) if f.organization else qs


def registration_counts(user, f: StatsFilters) -> list[dict]:
    """Per movement: participants, registered on time, registered late (pending or accepted)."""
    shown = list(movement_scope(user, f).values("pk", "title")[:MOVEMENTS_SHOWN])
    ids = [m["pk"] for m in shown]
    participants = _participants(f, ids)
    totals = dict(participants.order_by().values_list("movement_id").annotate(n=Count("pk")))
    registrations = Registration.objects.filter(movement_id__in=ids)
    if f.organization:
        registrations = registrations.filter(organization__path__startswith=f.organization.path)
    registered = {
        row["movement_id"]: row for row in registrations.order_by().values("movement_id")
        .annotate(on_time=Count("pk", filter=Q(status__in=REGISTERED_ON_TIME)),
                  late=Count("pk", filter=Q(status__in=REGISTERED_LATE)))
    }
    out = []
    for m in shown:
        total = totals.get(m["pk"], 0)
        reg = registered.get(m["pk"], {"on_time": 0, "late": 0})
        out.append({"movement_id": m["pk"], "title": m["title"], "participants": total,
                    "on_time": reg["on_time"], "late": reg["late"],
                    "missing": max(total - reg["on_time"] - reg["late"], 0)})
    return out


def report_counts(user, f: StatsFilters) -> list[dict]:
    """Per milestone with a report deadline in the years: reports sent on time, late, and not sent
    (participants without a sent report: none, returned, or still before the leader)."""
    scope = movement_scope(user, f)
    milestones = _years(Milestone.objects.filter(movement__in=scope.values("pk")), f, "report_deadline__year")
    shown = list(milestones.order_by("report_deadline", "pk")
                 .values("pk", "name", "report_deadline", "movement_id", "movement__title")[:MILESTONES_SHOWN])
    movement_ids = {m["movement_id"] for m in shown}
    participants = _participants(f, movement_ids)
    totals = dict(participants.order_by().values_list("movement_id").annotate(n=Count("pk")))
    reports = ReportSubmission.objects.filter(milestone_id__in=[m["pk"] for m in shown])
    if f.organization:
        reports = reports.filter(organization__path__startswith=f.organization.path)
    sent = {
        row["milestone_id"]: row for row in reports.order_by().values("milestone_id")
        .annotate(on_time=Count("pk", filter=Q(status__in=REPORT_DONE, was_late=False)),
                  late=Count("pk", filter=Q(status__in=REPORT_DONE, was_late=True)))
    }
    out = []
    for m in shown:
        total = totals.get(m["movement_id"], 0)
        done = sent.get(m["pk"], {"on_time": 0, "late": 0})
        out.append({"milestone_id": m["pk"], "name": m["name"], "deadline": m["report_deadline"],
                    "movement_id": m["movement_id"], "movement": m["movement__title"], "participants": total,
                    "on_time": done["on_time"], "late": done["late"],
                    "missing": max(total - done["on_time"] - done["late"], 0)})
    return out


# -- dossiers: states, lead times, returns ------------------------------------------------------

def dossier_scope(user, f: StatsFilters) -> QuerySet:
    qs = awards.dossier_list(user)
    if f.organization:
        qs = qs.filter(organization__path__startswith=f.organization.path)
    return _years(qs, f, "round__year")


def dossier_states(user, f: StatsFilters) -> dict[str, int]:
    rows = dossier_scope(user, f).order_by().values_list("state").annotate(n=Count("pk"))
    return dict(rows)


def _days(duration: datetime.timedelta | None) -> float | None:
    return None if duration is None else duration.total_seconds() / 86400


def lead_times(user, f: StatsFilters) -> list[dict]:
    """Per step after sending: how many dossiers reached it, and the mean and median days from the first
    sending (the first transition to "submitted") to the first time the dossier reached the step."""
    ids = dossier_scope(user, f).order_by().values("pk")
    reached = {step.value: Min("transitions__at", filter=Q(transitions__to_state=step)) for step in LEAD_STEPS}
    per_dossier = Dossier.objects.filter(pk__in=ids).annotate(
        sent=Min("transitions__at", filter=Q(transitions__to_state=State.SUBMITTED)), **reached,
    ).filter(sent__isnull=False)
    figures = per_dossier.aggregate(**{
        f"{step}__mean": Avg(F(step) - F("sent"), filter=Q(**{f"{step}__gte": F("sent")})) for step in reached
    }, **{f"{step}__n": Count("pk", filter=Q(**{f"{step}__gte": F("sent")})) for step in reached})
    out = []
    for step in reached:
        count = figures[f"{step}__n"]
        out.append({"step": step, "count": count, "mean_days": _days(figures[f"{step}__mean"]),
                    "median_days": _median(per_dossier, step, count)})
    return out


def _median(per_dossier: QuerySet, step: str, count: int) -> float | None:
    if not count:
        return None
    ordered = (per_dossier.filter(**{f"{step}__gte": F("sent")}).annotate(took=F(step) - F("sent"))
               .order_by("took", "pk").values_list("took", flat=True))
    middle = list(ordered[(count - 1) // 2: count // 2 + 1])
    return sum(_days(d) for d in middle) / len(middle)


def returns(user, f: StatsFilters) -> dict:
    """The "return" steps of the dossiers in scope: how many, how many dossiers, and per reason."""
    qs = Transition.objects.filter(dossier__in=dossier_scope(user, f).order_by().values("pk"), action=Action.RETURN)
    totals = qs.aggregate(returns=Count("pk"), dossiers=Count("dossier", distinct=True))
    reasons = list(qs.order_by().values_list("reason").annotate(n=Count("pk")).order_by("-n", "reason")[:REASONS_SHOWN])
    return {**totals, "reasons": reasons}
