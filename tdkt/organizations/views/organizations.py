from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.scope import user_can
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import paginate, wants_xlsx

from .. import selectors, services
from ..errors import require
from ..forms import OrganizationCloseForm, OrganizationForm
from ..importers.exports import TDKT_UNIT_HEADER, tdkt_unit_cell
from ..models import OrganizationKind
from ..selectors import OrganizationFilters


def _filters(request) -> OrganizationFilters:
    return OrganizationFilters(
        query=request.GET.get("q", "").strip(),
        kind=request.GET.get("kind", "") if request.GET.get("kind") in OrganizationKind.values else "",
        include_closed=request.GET.get("closed") == "1",
    )


def organization_list_view(request):
    filters = _filters(request)
    searching = bool(filters.query or filters.kind)
    qs = selectors.organization_list(request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(
            filename="don-vi.xlsx",
            title=_("Organisations"),
            headers=[
                _("Code"),
                _("Name"),
                _("Short name"),
                _("Kind"),
                _("Level"),
                _("Parent organisation"),
                _("Active from"),
                _("Closed on"),
                TDKT_UNIT_HEADER,  # the import file's header and labels (Vietnamese in any interface language)
            ],
            rows=(
                (
                    o.code,
                    o.name,
                    o.short_name,
                    o.get_kind_display(),
                    o.get_level_display(),
                    o.parent.name if o.parent else "",
                    o.active_from,
                    o.active_to,
                    tdkt_unit_cell(o),
                )
                for o in qs.iterator(chunk_size=2000)
            ),
        )
    context = {"filters": filters, "searching": searching, "kinds": OrganizationKind.choices}
    if searching:
        context.update(paginate(request, qs.order_by("search_text", "id")))
    else:
        context["roots"] = selectors.organization_roots(request.user)
    template = "organizations/organization_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def organization_detail_view(request, pk):
    org = selectors.organization_get(request.user, pk)
    include_closed = request.GET.get("closed") == "1"
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "org": org,
            "ancestors": selectors.organization_list(request.user, filters=OrganizationFilters(include_closed=True))
            .filter(pk__in=org.ancestor_ids())
            .exclude(pk=org.pk)
            .order_by("depth"),
            "children": selectors.organization_children(org, include_closed=include_closed),
            "include_closed": include_closed,
            "people_count": org.people.filter(left_on__isnull=True).count(),
            "predecessors": org.predecessors.all(),
            "memberships": org.block_memberships.select_related("block").order_by("-block__year")[:20],
            "can_manage": user_can(request.user, "organization.manage", org),
            "can_see_people": user_can(request.user, "person.view", org),
            "can_set_signoff": user_can(request.user, "organization.signoff", org),
        },
    )


def organization_create_view(request):
    parents = selectors.organization_list(request.user, permission="organization.manage")
    require(parents.exists())
    initial = {"parent": request.GET.get("parent")}
    form = OrganizationForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Organisation “%(name)s” was created.") % {"name": org.name})
            return redirect("organizations:detail", org.pk)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": _("New organisation"), "cancel_url": reverse("organizations:list")},
    )


def organization_edit_view(request, pk):
    org = selectors.organization_get(request.user, pk)
    require(user_can(request.user, "organization.manage", org))
    parents = selectors.organization_list(request.user, permission="organization.manage").exclude(
        path__startswith=org.path
    )
    fields = ["code", "name", "short_name", "kind", "level", "parent", "active_from", "tdkt_unit_kind"]
    initial = {f: getattr(org, f) for f in fields}
    form = OrganizationForm(request.POST or None, parents=parents, initial=initial)
    if org.parent_id is None:
        form.fields["parent"].required = False
        form.fields["parent"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if org.parent_id is None:
            data.pop("parent")
        try:
            services.organization_update(actor=request.user, organization=org, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("organizations:detail", org.pk)
    return render(
        request,
        "organizations/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": org.name},
            "cancel_url": reverse("organizations:detail", args=[org.pk]),
        },
    )


def organization_close_view(request, pk):
    org = selectors.organization_get(request.user, pk)
    require(user_can(request.user, "organization.manage", org))
    successors = selectors.organization_list(request.user, permission="organization.manage").exclude(
        path__startswith=org.path
    )
    form = OrganizationCloseForm(request.POST or None, successors=successors)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_close(actor=request.user, organization=org, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Organisation “%(name)s” was closed.") % {"name": org.name})
            return redirect("organizations:detail", org.pk)
    return render(
        request,
        "organizations/form.html",
        {
            "form": form,
            "title": _("Close %(name)s") % {"name": org.name},
            "cancel_url": reverse("organizations:detail", args=[org.pk]),
            "danger": True,
            "intro": _("Closing keeps the organisation's history; it no longer takes new people or units."),
        },
    )
