from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tdkt.accounts.scope import user_can
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import paginate, wants_xlsx
from tdkt.core.paging import TwoEndedPaginator

from .. import selectors, services
from ..errors import require
from ..forms import PersonForm, PersonMoveForm
from ..importers.exports import TDKT_PERSON_HEADERS, tdkt_person_cells
from ..models import PersonCategory, Sex
from ..selectors import PersonFilters
from ..services.people import PERSON_FIELDS


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _filters(request) -> PersonFilters:
    return PersonFilters(
        query=request.GET.get("q", "").strip(),
        organization_id=_int_or_none(request.GET.get("org")),
        include_subunits=request.GET.get("direct") != "1",
        category=request.GET.get("category", "") if request.GET.get("category") in PersonCategory.values else "",
        sex=request.GET.get("sex", "") if request.GET.get("sex") in Sex.values else "",
        include_left=request.GET.get("left") == "1",
    )


def person_list_view(request):
    filters = _filters(request)
    org = selectors.organization_get(request.user, filters.organization_id) if filters.organization_id else None
    qs = selectors.person_list(request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(
            filename="can-bo.xlsx",
            title=_("People"),
            headers=[
                _("Staff code"),
                _("Full name"),
                _("Sex"),
                _("Date of birth"),
                _("Category"),
                _("Position"),
                _("Organisation code"),
                _("Organisation"),
                _("In service since"),
                # The import file's own headers and values (Vietnamese in any interface language), so that
                # the export can be filled back in through the importer.
                *TDKT_PERSON_HEADERS,
            ],
            rows=(
                (
                    p.code,
                    p.full_name,
                    p.get_sex_display(),
                    p.date_of_birth,
                    p.get_category_display(),
                    p.position,
                    p.organization.code,
                    p.organization.name,
                    p.service_start,
                    *tdkt_person_cells(p),
                )
                for p in qs.iterator(chunk_size=2000)
            ),
        )
    context = {
        "filters": filters,
        "org": org,
        "categories": PersonCategory.choices,
        "sexes": Sex.choices,
        "can_create": user_can(request.user, "person.manage", org) if org else user_can(request.user, "person.manage"),
        # The last page of a province costs what the first does (person_list_order index).
        **paginate(request, qs, paginator_class=TwoEndedPaginator),
    }
    template = "organizations/person_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def person_detail_view(request, pk):
    person = selectors.person_get(request.user, pk)
    return render(
        request,
        "organizations/person_detail.html",
        {
            "person": person,
            "assignments": person.assignments.select_related("organization"),
            "can_manage": user_can(request.user, "person.manage", person.organization),
        },
    )


def person_create_view(request):
    organizations = selectors.organization_list(request.user, permission="person.manage")
    require(organizations.exists())
    form = PersonForm(
        request.POST or None, organizations=organizations, initial={"organization": request.GET.get("org")}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = services.person_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("organizations:person", person.pk)
    return render(
        request,
        "organizations/form.html",
        {"form": form, "title": _("New person"), "cancel_url": reverse("organizations:people")},
    )


def person_edit_view(request, pk):
    person = selectors.person_get(request.user, pk)
    require(user_can(request.user, "person.manage", person.organization))
    form = PersonForm(request.POST or None, initial={f: getattr(person, f) for f in PERSON_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("organizations:person", person.pk)
    return render(
        request,
        "organizations/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": person.full_name},
            "cancel_url": reverse("organizations:person", args=[person.pk]),
        },
    )


def person_move_view(request, pk):
    person = selectors.person_get(request.user, pk)
    require(user_can(request.user, "person.manage", person.organization))
    organizations = selectors.organization_list(request.user, permission="person.manage")
    form = PersonMoveForm(request.POST or None, organizations=organizations, initial={"position": person.position})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_move(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The transfer was recorded."))
            return redirect("organizations:person", person.pk)
    return render(
        request,
        "organizations/form.html",
        {
            "form": form,
            "title": _("Transfer %(name)s") % {"name": person.full_name},
            "cancel_url": reverse("organizations:person", args=[person.pk]),
            "intro": _("Currently at %(org)s.") % {"org": person.organization.name},
        },
    )
