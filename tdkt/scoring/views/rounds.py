"""The pages of a block's scoring round: the list, opening and changing a round, its overview
(sheets, reviews, ranking table and chart), its reviewers, publishing / reopening, and the published
versions. Thin: the selectors scope every read (out of scope is "not found"), the services check
role and state."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.confirm import ConfirmForm, is_confirmed
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require
from tdkt.organizations.models import BlockRole, Organization

from .. import access, selectors
from ..forms_rounds import ReasonForm, ReviewerForm, RoundForm
from ..models import RoundStatus, SheetStatus
from ..publish_gaps import publish_gaps
from ..services import rounds as services
from .round_overview import band_labels, overview_context, table_from_data


def _year(request) -> int | None:
    year = request.GET.get("year", "")
    return int_param(year, digits=4)


def _openable_blocks(user, year):
    """Blocks the user may open a round for, that have none yet."""
    if not user_can(user, "scoring.manage"):
        return []
    blocks = org_selectors.block_list(user, year=year).filter(scoring__isnull=True).select_related("organizer")
    return [block for block in blocks[:200] if services.can_open_round(user, block)]


def round_list_view(request):
    year = _year(request)
    rounds = selectors.round_list(request.user, year=year).annotate(
        member_count=Count("block__memberships", distinct=True),
        submitted_count=Count("sheets", filter=Q(sheets__status=SheetStatus.SUBMITTED), distinct=True),
    )
    years = sorted(set(selectors.round_list(request.user).values_list("block__year", flat=True)), reverse=True)
    return render(
        request,
        "scoring/round_list.html",
        {"rounds": rounds, "year": year, "years": years, "openable": _openable_blocks(request.user, year)},
    )


def _round_form_page(request, form, *, title, block, scoring_round=None):
    if scoring_round is not None:
        cancel = reverse("scoring:round", args=[scoring_round.pk])
    else:
        cancel = reverse("organizations:block", args=[block.pk])
    return render(
        request,
        "scoring/round_form.html",
        {"form": form, "title": title, "eb": block, "round": scoring_round, "cancel_url": cancel},
    )


def round_open_view(request, block_pk):
    block = org_selectors.block_get(request.user, block_pk)
    existing = selectors.round_for_block(request.user, block)
    if existing is not None:
        messages.info(request, _("This block already has a scoring round."))
        return redirect("scoring:round", existing.pk)
    require(services.can_open_round(request.user, block))
    form = RoundForm(request.POST or None, templates=selectors.template_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            scoring_round = services.round_open(actor=request.user, block=block, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The scoring round was opened."))
            return redirect("scoring:round", scoring_round.pk)
    return _round_form_page(request, form, title=_("Open the scoring round"), block=block)


def round_edit_view(request, pk):
    scoring_round = selectors.round_get(request.user, pk)
    require(access.can_manage(request.user, scoring_round))
    form = RoundForm(
        request.POST or None,
        templates=selectors.template_choices(request.user),
        initial=RoundForm.initial_for(scoring_round),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.round_change(actor=request.user, scoring_round=scoring_round, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("scoring:round", scoring_round.pk)
    return _round_form_page(
        request, form, title=_("Change the scoring round"), block=scoring_round.block, scoring_round=scoring_round
    )


def round_detail_view(request, pk):
    scoring_round = selectors.round_get(request.user, pk)
    context = overview_context(request.user, scoring_round)
    if context["can_manage"]:
        context["reopen_form"] = ReasonForm(required=True)
    return render(request, "scoring/round_detail.html", context)


def _reviewer_candidates(scoring_round):
    block = scoring_round.block
    leads = block.memberships.filter(role__in=(BlockRole.HEAD, BlockRole.DEPUTY)).values("organization_id")
    assigned = scoring_round.assignments.values("reviewer_id")
    members = block.memberships.values("organization_id")
    return (
        Organization.objects.filter(pk__in=members)
        .exclude(pk__in=leads)
        .exclude(pk__in=assigned)
        .order_by("path")
    )


def round_reviewers_view(request, pk):
    scoring_round = selectors.round_get(request.user, pk)
    manage = access.can_manage(request.user, scoring_round)
    form = None
    if manage:
        form = ReviewerForm(request.POST or None, organizations=_reviewer_candidates(scoring_round))
    if request.method == "POST":
        require(manage)
        if form.is_valid():
            try:
                services.reviewer_assign(
                    actor=request.user, scoring_round=scoring_round, reviewer=form.cleaned_data["reviewer"]
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("The reviewer was assigned."))
                return redirect("scoring:round_reviewers", scoring_round.pk)
    leads = list(
        scoring_round.block.memberships.filter(role__in=(BlockRole.HEAD, BlockRole.DEPUTY))
        .select_related("organization")
        .order_by("position", "pk")
    )
    return render(
        request,
        "scoring/round_reviewers.html",
        {
            "round": scoring_round,
            "eb": scoring_round.block,
            "leads": leads,
            "lead_count": len(leads),
            "assignments": scoring_round.assignments.select_related("reviewer", "assigned_by").order_by("assigned_at"),
            "can_manage": manage,
            "form": form,
        },
    )


def _publish_consequences(scoring_round, gaps) -> list[str]:
    version = (scoring_round.results.aggregate(v=Max("version"))["v"] or 0) + 1
    out = [
        _("The ranking is frozen as version %(version)s; everyone in the block sees it.") % {"version": version},
        _("The score sheets and reviews are locked: nobody can change them until the round is reopened."),
    ]
    if gaps.missing_sheets:
        out.append(_("Units that have not submitted their sheet are left out of the ranking."))
    if gaps.unfinished_reviews:
        out.append(_("Reviews not completed do not count in the final scores."))
    out.append(_("The leading unit is proposed for the emulation flag; the members are notified."))
    return out


def round_publish_view(request, pk):
    """The confirmation step of publishing (a page, no JavaScript): what is missing, what will happen,
    and a reason when something is missing. A POST without the page's marker (an old form, a direct
    POST) only shows the page; the service checks the reason again."""
    scoring_round = selectors.round_get(request.user, pk)
    require(access.can_manage(request.user, scoring_round))
    if scoring_round.status == RoundStatus.PUBLISHED:
        messages.error(request, _("The result is already published; reopen the round for a correction first."))
        return redirect("scoring:round", scoring_round.pk)
    gaps = publish_gaps(scoring_round)
    correction = scoring_round.results.exists()
    confirming = request.method == "POST" and is_confirmed(request.POST)
    form = ConfirmForm(
        request.POST if confirming else None,
        reason_required=bool(gaps) or correction,
        reason_help=_("Required: the result is published although something is missing.") if gaps else None,
    )
    if confirming and form.is_valid():
        try:
            result = services.result_publish(
                actor=request.user, scoring_round=scoring_round, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The result was published (version %(version)s).") % {"version": result.version}
            )
            return redirect("scoring:round", scoring_round.pk)
    return render(
        request,
        "core/confirm_step.html",
        {
            "title": _("Publish the result of %(block)s") % {"block": scoring_round.block},
            "problems": gaps.problems(),
            "consequences": _publish_consequences(scoring_round, gaps),
            "action_url": reverse("scoring:round_publish", args=[scoring_round.pk]),
            "form": form,
            "confirm_label": _("Publish the result"),
            "cancel_url": reverse("scoring:round", args=[scoring_round.pk]),
            "danger": True,
        },
    )


@require_POST
def round_reopen_view(request, pk):
    scoring_round = selectors.round_get(request.user, pk)
    require(access.can_manage(request.user, scoring_round))
    try:
        services.round_reopen(actor=request.user, scoring_round=scoring_round, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The round was reopened for a correction; publish it again when done."))
    return redirect("scoring:round", scoring_round.pk)


def result_detail_view(request, pk, version):
    scoring_round = selectors.round_get(request.user, pk)
    result = get_object_or_404(
        scoring_round.results.select_related("published_by", "template"), version=version
    )
    return render(
        request,
        "scoring/result_detail.html",
        {
            "round": scoring_round,
            "eb": scoring_round.block,
            "result": result,
            "table": table_from_data(result.data, bands=band_labels(result.template)),
            "versions": scoring_round.results.select_related("published_by").order_by("-version"),
            "is_correcting": scoring_round.status == RoundStatus.CORRECTING,
        },
    )
