"""Pages of the receiving side: appraising each nominee, the council's ballot, objections during the
public notice and their resolution. Thin: reads through the selectors (out of scope = 404), writes
through the services (which check roles and states again). The office panel on the dossier page is
the inclusion tag in templatetags/awards_office.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tdkt.core.downloads import stored_file_response

from ..access import acting_roles
from ..domain.ballot import Vote
from ..domain.workflow import State
from ..forms_office import VOTE_CHOICES, VOTE_LABELS, AppraiseForm, ObjectionForm, ObjectionResolveForm, VoteForm
from ..forms_tally import TallyForm
from ..models import BallotMeeting, CouncilMember, Nominee, Objection
from ..selectors import dossier_get
from ..services.tally import ballot_members, ballot_nominees, ballot_tally, recorded_votes, tally_open, votes_left
from ..services.workflow import (
    council_of,
    nominee_appraise,
    nominees_accept_eligible,
    objection_record,
    objection_resolve,
    vote_outcomes,
    vote_record,
)

OFFICE = {"admin", "standing_office"}
BALLOT_ROLES = {"admin", "standing_office", "council_member", "approver"}


def _errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _form_errors(request, form) -> None:
    texts = [str(e) for errors in form.errors.values() for e in errors]
    messages.error(request, " ".join(texts))


@require_POST
def nominee_appraise_view(request, pk):
    nominee = Nominee.objects.filter(pk=pk).select_related("award", "person", "collective").first()
    if nominee is None:
        raise Http404(_("No such nominee."))
    dossier = dossier_get(request.user, nominee.dossier_id)
    if not acting_roles(request.user, dossier) & OFFICE:
        raise PermissionDenied(_("Only the standing office appraises the nominees."))
    form = AppraiseForm(request.POST, nominee=nominee)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("awards:dossier", dossier.pk)
    data = form.cleaned_data
    try:
        nominee_appraise(actor=request.user, nominee=nominee, result=data["result"], note=data["note"],
                         final_award=data["final_award"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Appraisal of %(name)s saved.") % {"name": nominee.subject})
    return redirect("awards:dossier", dossier.pk)


@require_POST
def nominees_accept_view(request, pk):
    dossier = dossier_get(request.user, pk)
    try:
        accepted, pending = nominees_accept_eligible(actor=request.user, dossier=dossier)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, ngettext(
            "%(count)s eligible nominee accepted.", "%(count)s eligible nominees accepted.", accepted,
        ) % {"count": accepted})
        if pending:
            messages.warning(request, ngettext(
                "%(count)s nominee still needs your appraisal (not eligible by the rules, or not judged).",
                "%(count)s nominees still need your appraisal (not eligible by the rules, or not judged).", pending,
            ) % {"count": pending})
    return redirect(reverse("awards:dossier", args=[dossier.pk]) + "#office-appraisal")


def _ballot_rows(dossier, council, outcomes, seat, office: bool, open_: bool) -> list[dict]:
    """One row per nominee the council votes on: its form, threshold, every member's vote, the count
    and what the user may still record."""
    members = list(council.members.filter(active=True).select_related("user")) if council else []
    nominees = dossier.nominees.filter(pk__in=list(outcomes)).select_related(
        "person", "collective", "award__issuer", "final_award__issuer").prefetch_related("votes")  # one query
    rows = []
    for nominee in nominees:
        votes = {v.member_id: v for v in nominee.votes.all()}
        pending = [m for m in members if m.pk not in votes]
        rows.append({
            "nominee": nominee,
            "form": nominee.awarded_form,
            "count": outcomes[nominee.pk],
            "members": [(m, votes.get(m.pk), VOTE_LABELS.get(votes[m.pk].vote) if m.pk in votes else "")
                        for m in members],
            "own_open": open_ and seat is not None and seat.pk not in votes,
            "pending": pending if open_ and office else [],
        })
    return rows


def votes_view(request, pk):
    """The ballot of the dossier's council: each member's vote per nominee and the count over all
    members; a member with a seat votes for themself, the standing office records anyone's vote."""
    dossier = dossier_get(request.user, pk)
    roles = acting_roles(request.user, dossier)
    if not roles & BALLOT_ROLES:
        raise PermissionDenied(_("Only the council, the standing office and the approver see the ballot."))
    council = council_of(dossier)
    seat = None
    if council is not None and request.user.is_authenticated:
        seat = CouncilMember.objects.filter(council=council, user=request.user, active=True).first()
    if seat is not None and "council_member" not in roles and not roles & OFFICE:
        seat = None
    open_ = dossier.state == State.VOTING
    if request.method == "POST":
        return _vote_post(request, dossier, council, seat, open_)
    outcomes = vote_outcomes(dossier)
    office = bool(roles & OFFICE)
    context = {
        "dossier": dossier,
        "council": council,
        "seat": seat,
        "office": office,
        "open": open_,
        # The tally form only while some vote is missing: once all are in there is nothing to record.
        "tally_open": office and open_ and tally_open(dossier),
        "rows": _ballot_rows(dossier, council, outcomes, seat, office, open_),
        "vote_choices": VOTE_CHOICES,
        "yes": Vote.YES.value,
        "no": Vote.NO.value,
        "meetings": dossier.ballot_meetings.select_related("recorded_by").annotate(
            present_count=Count("present", distinct=True), vote_count=Count("votes", distinct=True)),
    }
    return render(request, "awards/votes.html", context)


def ballot_minutes_view(request, pk):
    """The biên bản kiểm phiếu of a recorded meeting, for whoever sees the dossier's ballot."""
    meeting = BallotMeeting.objects.filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    dossier = dossier_get(request.user, meeting.dossier_id)
    if not acting_roles(request.user, dossier) & BALLOT_ROLES:
        raise PermissionDenied(_("Only the council, the standing office and the approver see the ballot."))
    return stored_file_response(meeting.minutes, filename=meeting.minutes_name,
                                content_type=meeting.minutes_content_type, missing=_("The file is missing."))


def _vote_post(request, dossier, council, seat, open_: bool):
    back = redirect("awards:votes", dossier.pk)
    if not open_ or council is None:
        messages.error(request, _("The council is not voting on this dossier."))
        return back
    form = VoteForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return back
    data = form.cleaned_data
    nominee = dossier.nominees.filter(pk=data["nominee"]).first()
    if nominee is None:
        raise Http404(_("No such nominee in this dossier."))
    if data["member"]:
        member = council.members.filter(pk=data["member"]).first()
        if member is None:
            raise Http404(_("No such council member."))
    elif seat is not None:
        member = seat
    else:
        raise PermissionDenied(_("You have no seat on this council."))
    try:
        vote_record(actor=request.user, nominee=nominee, member=member, vote=data["vote"],
                    in_writing=data["in_writing"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Vote of %(member)s on %(name)s recorded.") % {
            "member": member, "name": nominee.subject})
    return back


@require_POST
def objection_add_view(request, pk):
    dossier = dossier_get(request.user, pk)
    if not acting_roles(request.user, dossier) & OFFICE:
        raise PermissionDenied(_("Only the standing office records objections."))
    form = ObjectionForm(request.POST, dossier=dossier)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("awards:dossier", dossier.pk)
    data = form.cleaned_data
    try:
        objection_record(actor=request.user, dossier=dossier, text=data["text"], sender=data["sender"],
                         nominee=data["nominee"])
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("Objection recorded."))
    return redirect("awards:dossier", dossier.pk)


@require_POST
def objection_resolve_view(request, pk):
    objection = Objection.objects.filter(pk=pk).select_related("nominee__person", "nominee__collective").first()
    if objection is None:
        raise Http404(_("No such objection."))
    dossier = dossier_get(request.user, objection.dossier_id)
    if not acting_roles(request.user, dossier) & OFFICE:
        raise PermissionDenied(_("Only the standing office resolves objections."))
    back = redirect(f"{reverse('awards:dossier', args=[dossier.pk])}#objection-{objection.pk}")
    form = ObjectionResolveForm(request.POST, objection=objection)
    if not form.is_valid():
        _form_errors(request, form)
        return back
    data = form.cleaned_data
    try:
        objection_resolve(actor=request.user, objection=objection, resolution=data["resolution"],
                          reject_nominee=data.get("reject_nominee", False))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        if data.get("reject_nominee"):
            messages.success(request, _("Objection resolved; %(name)s is no longer accepted.") % {
                "name": objection.nominee.subject})
        else:
            messages.success(request, _("Objection resolved."))
    return back


def ballot_tally_view(request, pk):
    """The meeting's tally in one form (the standing office of the receiving organisation): members
    present, each one's vote per nominee ("đồng ý" by default), written votes of absent members and
    the biên bản kiểm phiếu; saved all at once or not at all, every fault named by its row."""
    dossier = dossier_get(request.user, pk)
    if not acting_roles(request.user, dossier) & OFFICE:
        raise PermissionDenied(_("Only the standing office of the receiving organisation records the tally."))
    if dossier.state != State.VOTING:
        messages.error(request, _("The council is not voting on this dossier."))
        return redirect("awards:votes", dossier.pk)
    council = council_of(dossier)
    members, nominees = ballot_members(council), ballot_nominees(dossier)
    recorded = recorded_votes(nominees, members)
    if nominees and not votes_left(nominees, members, recorded):
        messages.info(request, _("Every council member has a vote on every nominee: there is no vote left to record."))
        return redirect("awards:votes", dossier.pk)
    form = TallyForm(request.POST or None, request.FILES or None, members=members, nominees=nominees,
                     recorded=recorded, initial={"held_on": timezone.localdate()})
    faults: list[str] = []
    if request.method == "POST" and form.is_valid():
        attendance, votes, faults = form.grid()
        if not faults:
            try:
                meeting = ballot_tally(actor=request.user, dossier=dossier, held_on=form.cleaned_data["held_on"],
                                       attendance=attendance, votes=votes, minutes=form.cleaned_data["minutes"])
            except ValidationError as exc:
                for field, texts in exc.message_dict.items():
                    if field in ("held_on", "minutes"):
                        form.add_error(field, texts)
                    else:
                        faults.extend(texts)
            else:
                count = meeting.votes.count()
                messages.success(request, ngettext(
                    "The tally of the meeting on %(date)s was recorded: %(count)s vote.",
                    "The tally of the meeting on %(date)s was recorded: %(count)s votes.", count,
                ) % {"date": meeting.held_on.strftime("%d/%m/%Y"), "count": count})
                return redirect("awards:votes", dossier.pk)
    return render(request, "awards/ballot_tally.html", {
        "dossier": dossier, "council": council, "form": form, "rows": form.rows(), "nominees": nominees,
        "faults": faults, "vote_choices": VOTE_CHOICES, "vote_labels": VOTE_LABELS,
    }, status=400 if request.method == "POST" else 200)
