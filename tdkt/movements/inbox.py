"""What movement work waits in a user's inbox (registered with the notifications app).

A participant's registrations, reports and covenant signatures come from the same set-based
reads as the calendar (deadlines.py); the head's side — late registrations to approve, reports to
receive — from one aggregate query each, scoped by the user's own grants on the issuing
organisation. The week's deadlines (the participant's and the manager's counts) close the list."""

import datetime

from django.db.models import Count, Exists, Max, Min, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.domain.roles import Role, roles_for
from tdkt.notifications.inbox import Item, grant_scope, register

from .deadlines import KIND_REGISTRATION, KIND_REPORT, deadline_kind, deadlines_for, is_aggregate
from .models import (
    ContentItem,
    CovenantSignature,
    MovementStatus,
    Participant,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)

GROUP = "movements"
WEEK = 7  # "deadlines in the next 7 days"
REPORT_HORIZON = 30  # a report due later than this is not yet work for today


def _roles(permission: str) -> tuple[str, ...]:
    return tuple(r.value for r in roles_for(permission) if r != Role.ADMIN)


def _url(name: str, count: int, movement_id: int | None, fallback: str = "movements:list") -> str:
    if count == 1 and movement_id:
        return reverse(f"movements:{name}", args=[movement_id])
    return reverse(fallback)


def _deadlines(user, today: datetime.date) -> list:
    """The user's open deadlines, read once per inbox (the user object lives for one request)."""
    cached = getattr(user, "_tdkt_inbox_deadlines", None)
    if cached is None or cached[0] != today:
        cached = (today, deadlines_for(user, today=today))
        user._tdkt_inbox_deadlines = cached
    return cached[1]


@register
def participant_work(user, today: datetime.date) -> list[Item]:
    """Registrations to make, reports to submit or submit again: the calendar's own deadlines."""
    if grant_scope(user, *_roles("movement.participate")).is_empty:
        return []
    own = [d for d in _deadlines(user, today) if not is_aggregate(d)]
    returned_keys = {
        f"{KIND_REPORT}:{milestone_id}:{org_id}"
        for milestone_id, org_id in ReportSubmission.objects.filter(
            organization_id__in={d.organization_id for d in own if d.organization_id},
            status=SubmissionStatus.RETURNED,
        ).values_list("milestone_id", "organization_id")
    }
    horizon = today + datetime.timedelta(days=REPORT_HORIZON)
    groups = {
        "registration_to_make": [d for d in own if deadline_kind(d) == KIND_REGISTRATION],
        "report_returned": [d for d in own if d.key in returned_keys],
        "report_to_submit": [
            d for d in own if deadline_kind(d) == KIND_REPORT and d.key not in returned_keys and d.due <= horizon
        ],
    }
    titles = {
        "registration_to_make": _("Emulation registrations to make"),
        "report_returned": _("Reports returned: submit them again"),
        "report_to_submit": _("Reports to submit"),
    }
    items = []
    for kind, deadlines in groups.items():
        if deadlines:
            first = min(deadlines, key=lambda d: (d.due, d.key))
            url = first.url if len(deadlines) == 1 else reverse("movements:calendar")
            items.append(Item(kind, titles[kind], len(deadlines), url, GROUP, due=first.due))
    return items


@register
def covenants_to_sign(user, today: datetime.date) -> list[Item]:
    scope = grant_scope(user, *_roles("movement.participate"))
    if scope.is_empty:
        return []
    row = (
        Participant.objects.filter(
            scope.q("organization__path"),
            Exists(ContentItem.objects.filter(movement_id=OuterRef("movement_id"), part=ContentItem.COVENANT)),
            movement__status=MovementStatus.ISSUED,
        )
        .exclude(Exists(CovenantSignature.objects.filter(movement_id=OuterRef("movement_id"),
                                                         organization_id=OuterRef("organization_id"))))
        .aggregate(n=Count("pk"), movements=Count("movement_id", distinct=True), pk=Max("movement_id"),
                   due=Min("movement__registration_deadline"))
    )
    if not row["n"]:
        return []
    return [Item("covenant_to_sign", _("Emulation covenants to sign"), row["n"],
                 _url("covenant", row["movements"], row["pk"]), GROUP, due=row["due"])]


@register
def head_work(user, today: datetime.date) -> list[Item]:
    """Late registrations waiting for approval and reports waiting to be received, for the movements
    the user's organisation issued."""
    scope = grant_scope(user, *_roles("movement.manage"))
    if scope.is_empty:
        return []
    items = []
    late = Registration.objects.filter(
        scope.q("movement__organization__path"), status=RegistrationStatus.LATE_PENDING
    ).aggregate(n=Count("pk"), since=Min("registered_at"), pk=Max("movement_id"),
                movements=Count("movement_id", distinct=True))
    if late["n"]:
        items.append(Item("registration_to_approve", _("Late registrations to approve or refuse"), late["n"],
                          _url("registrations", late["movements"], late["pk"]), GROUP, since=late["since"]))
    reports = ReportSubmission.objects.filter(
        scope.q("milestone__movement__organization__path"),
        status__in=(SubmissionStatus.SUBMITTED, SubmissionStatus.LATE),
    ).aggregate(n=Count("pk"), since=Min("submitted_at"), pk=Max("milestone__movement_id"),
                movements=Count("milestone__movement_id", distinct=True))
    if reports["n"]:
        items.append(Item("report_to_review", _("Reports to receive or return"), reports["n"],
                          _url("reports", reports["movements"], reports["pk"]), GROUP, since=reports["since"]))
    return items


@register
def leader_signoffs(user, today: datetime.date) -> list[Item]:
    """The unit leader's sign-off: reports and registrations the officers put before them."""
    scope = grant_scope(user, "unit_leader")
    if scope.is_empty:
        return []
    items = []
    for kind, title, queryset, page, movement_field, since in (
        ("report_to_sign_off", _("Reports to sign off and submit"),
         ReportSubmission.objects.filter(status=SubmissionStatus.AWAITING_SIGNOFF), "reports",
         "milestone__movement_id", "submitted_at"),
        ("registration_to_sign_off", _("Registrations to sign off and send"),
         Registration.objects.filter(status=RegistrationStatus.AWAITING_SIGNOFF), "registrations", "movement_id",
         "registered_at"),
    ):
        row = queryset.filter(scope.q("organization__path")).aggregate(
            n=Count("pk"), since=Min(since), pk=Max(movement_field), movements=Count(movement_field, distinct=True))
        if row["n"]:
            items.append(Item(kind, title, row["n"], _url(page, row["movements"], row["pk"]), GROUP,
                              since=row["since"]))
    return items


@register
def registrations_sent_back(user, today: datetime.date) -> list[Item]:
    """A registration the leader sent back is the officer's to correct and put before them again (a
    report sent back is "returned", already counted with the reports)."""
    scope = grant_scope(user, "unit_officer")
    if scope.is_empty:
        return []
    row = Registration.objects.filter(scope.q("organization__path"), status=RegistrationStatus.SENT_BACK).aggregate(
        n=Count("pk"), due=Min("movement__registration_deadline"), pk=Max("movement_id"),
        movements=Count("movement_id", distinct=True))
    if not row["n"]:
        return []
    return [Item("registration_sent_back", _("Registrations sent back by the leader: correct them"), row["n"],
                 _url("registrations", row["movements"], row["pk"]), GROUP, due=row["due"])]


@register
def deadlines_this_week(user, today: datetime.date) -> list[Item]:
    """The deadlines of the coming week (the user's own and, for a head, the participants' counts):
    a reminder of work the other items count, so it is not added to the total."""
    until = today + datetime.timedelta(days=WEEK)
    week = [d for d in _deadlines(user, today) if today <= d.due <= until]
    if not week:
        return []
    return [Item("deadline_week", _("Deadlines in the next 7 days"), len(week), reverse("movements:calendar"),
                 "deadlines", due=min(d.due for d in week), in_total=False)]
