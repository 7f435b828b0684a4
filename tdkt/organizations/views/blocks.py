from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for, user_can
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param, wants_xlsx

from .. import selectors, services
from ..errors import require
from ..forms import BlockForm, BlockMemberForm
from ..models import BlockMembership, OrganizationKind


def block_list_view(request):
    year = request.GET.get("year")
    year = int_param(year, digits=4)
    blocks = selectors.block_list(request.user, year=year, query=request.GET.get("q", ""))
    years = sorted(set(selectors.block_list(request.user).values_list("year", flat=True)), reverse=True)
    return render(
        request,
        "organizations/block_list.html",
        {
            "blocks": blocks,
            "year": year,
            "years": years,
            "q": request.GET.get("q", ""),
            "can_create": user_can(request.user, "block.manage"),
        },
    )


def block_detail_view(request, pk):
    block = selectors.block_get(request.user, pk)
    members = list(selectors.block_members(block))
    scope = scope_for(request.user, "organization.view")
    for m in members:
        m.visible = scope.covers(m.organization)
    if wants_xlsx(request):
        return xlsx_response(
            filename=f"khoi-{block.pk}-{block.year}.xlsx",
            title=block.name,
            headers=[_("No."), _("Organisation"), _("Role in the block")],
            rows=((i, m.organization.name, m.get_role_display()) for i, m in enumerate(members, 1)),
        )
    can_manage = user_can(request.user, "block.manage", block.organizer)
    from tdkt.scoring import selectors as scoring_selectors
    from tdkt.scoring.services.rounds import can_open_round

    scoring_round = scoring_selectors.round_for_block(request.user, block)
    return render(
        request,
        "organizations/block_detail.html",
        {
            "eb": block,
            "members": members,
            "can_manage": can_manage,
            "scoring_round": scoring_round,
            "can_open_scoring": scoring_round is None and can_open_round(request.user, block),
            "member_form": BlockMemberForm(organizations=_member_candidates(block)) if can_manage else None,
        },
    )


def _member_candidates(block):
    return (
        block.organizer.__class__.objects.filter(path__startswith=block.organizer.path, active_to__isnull=True)
        .exclude(kind__in=[OrganizationKind.PROVINCE, OrganizationKind.DIVISION])
        .exclude(block_memberships__block=block)
        .order_by("name")
    )


def block_create_view(request):
    organizers = selectors.organization_list(request.user, permission="block.manage").filter(
        kind=OrganizationKind.PROVINCE
    )
    require(organizers.exists())
    form = BlockForm(request.POST or None, organizers=organizers)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.block_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Block “%(name)s” was created.") % {"name": block.name})
            return redirect("organizations:block", block.pk)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": _("New emulation block"), "cancel_url": reverse("organizations:blocks")},
    )


@require_POST
def block_member_add_view(request, pk):
    block = selectors.block_get(request.user, pk)
    require(user_can(request.user, "block.manage", block.organizer))
    form = BlockMemberForm(request.POST, organizations=_member_candidates(block))
    if form.is_valid():
        try:
            services.block_member_add(actor=request.user, block=block, **form.cleaned_data)
            messages.success(request, _("Member added."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose an organisation and a role."))
    return redirect("organizations:block", block.pk)


@require_POST
def block_member_remove_view(request, pk, membership_pk):
    block = selectors.block_get(request.user, pk)
    membership = get_object_or_404(BlockMembership, pk=membership_pk, block=block)
    services.block_member_remove(actor=request.user, membership=membership)
    messages.success(request, _("Member removed."))
    return redirect("organizations:block", block.pk)
