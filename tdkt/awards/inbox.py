"""What commendation work waits in a user's inbox (registered with the notifications app).

Each provider counts with one or two aggregate queries, scoped by the user's own grants as the
dossier list is (awards/access.py): the unit's officers and leaders on the proposing unit, the
standing office, council members and approver on the round's authority."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tdkt.notifications.inbox import RECENT_DAYS, Item, grant_scope, receiving_scope, register

from .access import UNIT_ROLES
from .domain.workflow import Action, State
from .models import Appraisal, CertificateBatch, CertificateBatchStatus, CouncilMember, CouncilVote, Dossier, Nominee
from .sent_back import with_last_step

GROUP = "awards"


def _dossiers_url(state: str, count: int, only_pk: int | None) -> str:
    if count == 1 and only_pk is not None:
        return reverse("awards:dossier", args=[only_pk])
    return reverse("awards:dossiers") + "?" + urlencode({"state": state})


def _by_state(queryset, states) -> dict[str, dict]:
    """Per state: how many dossiers, the oldest sending, the earliest round deadline or notice end."""
    rows = (
        queryset.filter(state__in=states)
        .order_by()
        .values("state")
        .annotate(n=Count("pk"), since=Min("submitted_at"), due=Min("round__deadline"),
                  notice_due=Min("notice_until"), pk=Max("pk"))
    )
    return {r["state"]: r for r in rows}


# The standing office's steps: (state, kind, title).
OFFICE_STEPS = (
    (State.SUBMITTED, "dossier_to_receive", gettext_noop("Dossiers to receive")),
    (State.RECEIVED, "dossier_to_appraise", gettext_noop("Dossiers to appraise")),
    (State.APPRAISED, "dossier_to_vote", gettext_noop("Dossiers to put to the vote, publish or send for decision")),
    (State.VOTING, "dossier_voting", gettext_noop("Council ballots to complete and close")),
    (State.VOTED, "dossier_voted", gettext_noop("Dossiers voted: publish the list or send for decision")),
    (State.NOTICE, "notice_ending", gettext_noop("Public notices running: answer objections and close them")),
)


@register
def office_work(user, today: datetime.date) -> list[Item]:
    scope = receiving_scope(user, "standing_office")
    if scope.is_empty:
        return []
    dossiers = Dossier.objects.filter(scope.q("round__authority__path"))
    rows = _by_state(dossiers, [state for state, _kind, _title in OFFICE_STEPS])
    items = []
    for state, kind, title in OFFICE_STEPS:
        row = rows.get(state)
        if row:
            due = row["notice_due"] if state == State.NOTICE else None
            items.append(Item(kind, _(title), row["n"], _dossiers_url(state, row["n"], row["pk"]), GROUP,
                              due=due, since=row["since"]))
    objections = dossiers.filter(state=State.NOTICE, objections__resolution="").aggregate(
        n=Count("objections"), since=Min("objections__recorded_at"), dossiers=Count("pk", distinct=True),
        pk=Max("pk"))
    if objections["n"]:
        url = _dossiers_url(State.NOTICE, objections["dossiers"], objections["pk"])
        items.append(Item("objection_open", _("Objections to answer during the public notice"), objections["n"],
                          url, GROUP, since=objections["since"]))
    return items


@register
def approver_work(user, today: datetime.date) -> list[Item]:
    scope = receiving_scope(user, "approver")
    if scope.is_empty:
        return []
    row = _by_state(Dossier.objects.filter(scope.q("round__authority__path")), [State.AWAITING_DECISION])
    row = row.get(State.AWAITING_DECISION)
    if not row:
        return []
    url = _dossiers_url(State.AWAITING_DECISION, row["n"], row["pk"])
    return [Item("dossier_to_decide", _("Dossiers awaiting your decision"), row["n"], url, GROUP, since=row["since"])]


@register
def unit_work(user, today: datetime.date) -> list[Item]:
    scope = grant_scope(user, *UNIT_ROLES)
    if scope.is_empty:
        return []
    dossiers = Dossier.objects.filter(scope.q("organization__path"))
    rows = _by_state(dossiers, [State.RETURNED, State.DRAFT])
    items = []
    if row := rows.get(State.RETURNED):
        items.append(Item("dossier_returned", _("Dossiers returned: correct and send again"), row["n"],
                          _dossiers_url(State.RETURNED, row["n"], row["pk"]), GROUP, due=row["due"]))
    # A draft counts while its round still takes dossiers: then it is work to finish and send. A draft
    # the unit leader sent back is its own item (the officer has the leader's reason to act on), counted
    # in the same query from each draft's last transition.
    back = Q(last_action=Action.SEND_BACK)
    drafts = with_last_step(dossiers.filter(state=State.DRAFT, round__is_open=True)).aggregate(
        n=Count("pk", filter=~back | Q(last_action__isnull=True)), due=Min("round__deadline"),
        since=Min("created_at"), newest=Max("pk", filter=~back | Q(last_action__isnull=True)),
        n_back=Count("pk", filter=back), due_back=Min("round__deadline", filter=back),
        since_back=Min("last_at", filter=back), newest_back=Max("pk", filter=back))
    if drafts["n_back"]:
        items.append(Item("dossier_sent_back", _("Dossiers the unit leader sent back: correct and put them before "
                                                 "the leader again"), drafts["n_back"],
                          _dossiers_url(State.DRAFT, drafts["n_back"], drafts["newest_back"]), GROUP,
                          due=drafts["due_back"], since=drafts["since_back"]))
    if drafts["n"]:
        items.append(Item("dossier_draft", _("Dossiers being prepared: finish and send"), drafts["n"],
                          _dossiers_url(State.DRAFT, drafts["n"], drafts["newest"]), GROUP, due=drafts["due"],
                          since=drafts["since"]))
    return items


@register
def dossiers_to_sign_off(user, today: datetime.date) -> list[Item]:
    """The unit leader's sign-off: dossiers the officers put before them."""
    scope = grant_scope(user, "unit_leader")
    if scope.is_empty:
        return []
    row = Dossier.objects.filter(scope.q("organization__path"), state=State.AWAITING_SIGNOFF).aggregate(
        n=Count("pk"), due=Min("round__deadline"), since=Min("updated_at"), pk=Max("pk"))
    if not row["n"]:
        return []
    return [Item("dossier_to_sign_off", _("Dossiers to sign off and send"), row["n"],
                 _dossiers_url(State.AWAITING_SIGNOFF, row["n"], row["pk"]), GROUP, due=row["due"],
                 since=row["since"])]


@register
def ballots_to_cast(user, today: datetime.date) -> list[Item]:
    """Nominees of dossiers in the council's ballot that need this member's vote and do not have it.
    A member votes in the council of the round's authority or of an organisation above it (the
    nearest council counts: services.workflow.council_of)."""
    seats = list(CouncilMember.objects.filter(user=user, active=True).values_list("pk", "council__authority__path"))
    if not seats:
        return []
    member_ids = [pk for pk, _path in seats]
    near = Q(pk__in=[])
    for _pk, path in seats:
        near |= Q(dossier__round__authority__path__startswith=path)
    needs_ballot = Q(appraisal=Appraisal.ACCEPTED, award__needs_ballot=True) | Q(
        appraisal=Appraisal.CHANGED, final_award__needs_ballot=True)
    missing = (
        Nominee.objects.filter(near, needs_ballot, dossier__state=State.VOTING)
        .exclude(Exists(CouncilVote.objects.filter(nominee=OuterRef("pk"), member_id__in=member_ids)))
        .aggregate(n=Count("pk"), dossiers=Count("dossier", distinct=True), pk=Max("dossier_id"),
                   since=Min("dossier__updated_at"))
    )
    if not missing["n"]:
        return []
    # One dossier: straight to its ballot, where the member casts their own vote (its dossier page
    # only links there); several: the dossiers in the ballot.
    url = (reverse("awards:votes", args=[missing["pk"]]) if missing["dossiers"] == 1
           else _dossiers_url(State.VOTING, missing["dossiers"], missing["pk"]))
    return [Item("ballot_to_cast", _("Nominees awaiting your council vote"), missing["n"], url, GROUP,
                 since=missing["since"])]


@register
def certificate_batches(user, today: datetime.date) -> list[Item]:
    """Certificates the user asked the worker to build that finished or failed lately."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    rows = (
        CertificateBatch.objects.filter(requested_by=user, finished_at__gte=since,
                                        status__in=(CertificateBatchStatus.READY, CertificateBatchStatus.FAILED))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), first=Min("finished_at"), decision=Max("decision_id"))
    )
    items = []
    for r in rows:
        failed = r["status"] == CertificateBatchStatus.FAILED
        url = (reverse("awards:decision", args=[r["decision"]]) if r["n"] == 1 else reverse("awards:decisions"))
        items.append(Item("certificates_failed" if failed else "certificates_ready",
                          _("Certificates that failed to build") if failed else _("Certificates ready to print"),
                          r["n"], url, "jobs", since=r["first"]))
    return items
