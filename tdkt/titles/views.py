"""Pages of the year-end vote: the list of a user's votes with a form to open one, the vote itself
(candidates by title, the meeting's tally, the decision, revocation) and its decision file. Thin:
the services check the role and the state again and do the work."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.domain.numbers import NumberError, parse_number
from tdkt.core.forms import add_service_errors
from tdkt.organizations.errors import require
from tdkt.records.domain.codes import honour_label

from . import services
from .forms import DecideForm, MeetingForm, OpenForm, RevokeForm
from .models import VoteState
from .selectors import units_to_prepare, vote_get, votes_for


def vote_list_view(request):
    require(user_can(request.user, "record.view"))
    units = units_to_prepare(request.user)
    form = OpenForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                vote = services.yearend_open(actor=request.user, organization=form.cleaned_data["organization"],
                                             year=form.cleaned_data["year"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The list for the year-end vote was prepared from the records."))
                return redirect("titles:vote", vote.pk)
    return render(request, "titles/vote_list.html", {
        "votes": votes_for(request.user).order_by("-year", "organization__name")[:200], "form": form,
        "can_open": units.exists(),
    }, status=status)


def _groups(vote):
    candidates = list(vote.candidates.select_related("person", "collective").order_by("award", "organization_name",
                                                                                         "name"))
    order = {code: i for i, code in enumerate(("LDTT", "CSTDCS", "TTLDTT", "TTLDXS"))}
    candidates.sort(key=lambda c: order.get(c.award, 9))
    return [(code, honour_label(code), list(rows)) for code, rows in groupby(candidates, key=lambda c: c.award)]


def _page(request, vote, *, meeting=None, decide=None, revoke=None, status=200):
    organization = vote.organization
    can_prepare = user_can(request.user, "yearend.prepare", organization)
    can_decide = user_can(request.user, "yearend.decide", organization)
    initial = {"meeting_date": vote.meeting_date, "members": vote.members, "present": vote.present}
    return render(request, "titles/vote_detail.html", {
        "vote": vote, "groups": _groups(vote), "states": VoteState,
        "can_tally": can_prepare and vote.state in (VoteState.DRAFT, VoteState.VOTED),
        "can_decide": can_decide and vote.state == VoteState.VOTED,
        "can_revoke": can_decide and vote.state == VoteState.DECIDED,
        "meeting": meeting or MeetingForm(initial=initial),
        "decide": decide or DecideForm(initial={"signer_title": ""}),
        "revoke": revoke or RevokeForm(),
        "carried": vote.candidates.filter(passed=True).count(),
        "total": sum(vote.candidates.values_list("amount", flat=True)),
    }, status=status)


def vote_view(request, pk):
    return _page(request, vote_get(request.user, pk))


def _yes_votes(request, vote, default) -> tuple[dict, set, list[str]]:
    """The table's boxes: each candidate's "yes" votes (Vietnamese whole numbers) and whether it is put to
    the vote; a box that is not a whole number is named in the errors, never guessed."""
    tallies, excluded, errors = {}, set(), []
    for c in vote.candidates.all():
        if request.POST.get(f"in_{c.pk}") != "on":
            excluded.add(c.pk)
            continue
        text = (request.POST.get(f"yes_{c.pk}") or "").strip()
        if not text:
            tallies[c.pk] = default
            continue
        try:
            number = parse_number(text, decimals=0)
        except NumberError:
            errors.append(_("%(name)s (%(title)s): “%(text)s” is not a whole number of votes")
                          % {"name": c.name, "title": honour_label(c.award), "text": text[:20]})
            continue
        tallies[c.pk] = int(number) if number is not None else default
    return tallies, excluded, errors


@require_POST
def tally_view(request, pk):
    vote = vote_get(request.user, pk)
    require(user_can(request.user, "yearend.prepare", vote.organization))
    form = MeetingForm(request.POST)
    if form.is_valid():
        tallies, excluded, row_errors = _yes_votes(request, vote, form.cleaned_data.get("default_yes"))
        if row_errors:
            form.add_error(None, "; ".join(row_errors[:10]) + ("…" if len(row_errors) > 10 else "."))
        else:
            try:
                services.yearend_tally(actor=request.user, vote=vote, meeting_date=form.cleaned_data["meeting_date"],
                                       members=form.cleaned_data["members"], present=form.cleaned_data["present"],
                                       tallies=tallies, excluded=excluded)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The council's tally was recorded."))
                return redirect("titles:vote", vote.pk)
    return _page(request, vote, meeting=form, status=400)


def _head_step(request, pk, form_class, act, done: str, slot: str):
    """The head's step (decide, revoke): the form's values to the service, the page again on an error."""
    vote = vote_get(request.user, pk)
    require(user_can(request.user, "yearend.decide", vote.organization))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(actor=request.user, vote=vote, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("titles:vote", vote.pk)
    return _page(request, vote, status=400, **{slot: form})


@require_POST
def decide_view(request, pk):
    return _head_step(request, pk, DecideForm, services.yearend_decide,
                      _("The decision was issued; the titles are in the records."), "decide")


@require_POST
def revoke_view(request, pk):
    return _head_step(request, pk, RevokeForm, services.yearend_revoke,
                      _("The decision was revoked; the titles it gave were taken out of the records."), "revoke")


def docx_view(request, pk):
    vote = vote_get(request.user, pk)
    if not vote.docx:
        raise Http404("Chưa có quyết định.")
    name = f"quyet-dinh-danh-hieu-{vote.year}-{vote.organization.code or vote.pk}.docx"
    return FileResponse(vote.docx.open("rb"), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
