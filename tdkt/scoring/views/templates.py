"""The criteria-template pages: list, detail (the tree as the seed's table, versions), editor,
import (Excel form, Markdown/HTML table) and the Excel form itself. Thin: the selectors scope every
read (out of scope is "not found"), the services check the role and refuse a frozen template."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for
from tdkt.core.domain.text import fold_vi
from tdkt.core.downloads import attachment_response
from tdkt.core.excel import XLSX_CONTENT_TYPE
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param, paginate
from tdkt.organizations.errors import require

from .. import selectors
from ..domain import TemplateError, parse_template
from ..excel_templates import template_workbook
from ..forms_templates import (
    BLANK_BANDS,
    BLANK_ROWS,
    MAX_BAND_ROWS,
    MAX_GRID_ROWS,
    BandRowFormSet,
    CriterionRowFormSet,
    TemplateHeadForm,
    TemplateImportForm,
    VersionForm,
    band_rows,
    criterion_rows,
    template_owners,
)
from ..models import CriteriaTemplate
from ..services import templates as services
from ..template_rows import RowErrors, build_definition, definition_rows, show_number

ROWS_PREFIX, BANDS_PREFIX = "rows", "bands"


def _may_manage_any(user) -> bool:
    return not scope_for(user, "template.manage").is_empty


def template_list_view(request):
    q = request.GET.get("q", "").strip()
    qs = selectors.template_list(request.user, query=q).annotate(rounds_used=Count("rounds"))
    return render(
        request,
        "scoring/template_list.html",
        {"q": q, "can_create": _may_manage_any(request.user), **paginate(request, qs)},
    )


def _tree(template: CriteriaTemplate) -> tuple[list[dict], object]:
    """The items in table order with their depth and TT (I, 1, a), and the parsed template."""
    parsed = parse_template({**template.definition, "code": template.code})
    lines: list[dict] = []

    def walk(item, depth: int) -> None:
        anchor = "item-" + re.sub(r"[^a-z0-9]+", "-", fold_vi(item.code)).strip("-")
        lines.append({"item": item, "depth": depth, "tt": item.code.rsplit(".", 1)[-1], "anchor": anchor})
        for child in item.children:
            walk(child, depth + 1)

    for item in parsed.items:
        walk(item, 0)
    return lines, parsed


def _detail(request, template: CriteriaTemplate, version_form=None, status: int = 200):
    manage = selectors.can_manage_template(request.user, template)
    try:
        lines, parsed = _tree(template)
    except TemplateError:  # never saved so (the services check it); shown empty rather than failing
        lines, parsed = [], None
    titles = {line["item"].code: line["item"].title for line in lines}
    family = (
        CriteriaTemplate.objects.filter(owner=template.owner, code=template.code)
        .annotate(rounds_used=Count("rounds"))
        .order_by("-version")
    )
    context = {
        "template": template,
        "lines": lines,
        "bands": parsed.bands if parsed else [],
        "tie_break": [(code, titles.get(code, "")) for code in (parsed.tie_break if parsed else ())],
        "versions": family,
        "rounds": selectors.round_list(request.user).filter(template=template),
        "rounds_used": template.rounds.count(),
        "can_manage": manage,
        "version_form": (version_form or VersionForm()) if manage else None,
    }
    return render(request, "scoring/template_detail.html", context, status=status)


def template_detail_view(request, pk):
    return _detail(request, selectors.template_get(request.user, pk))


@require_POST
def template_version_view(request, pk):
    template = selectors.template_get(request.user, pk)
    require(selectors.can_manage_template(request.user, template))
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            new = services.template_new_version(
                actor=request.user, template=template, change_note=form.cleaned_data["change_note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Version %(version)s was created; edit it below.") % {"version": new.version})
            return redirect("scoring:template_edit", new.pk)
    return _detail(request, template, version_form=form, status=400)


# --- the editor ----------------------------------------------------------------------------------


def _grid_initial(template: CriteriaTemplate | None) -> tuple[list[dict], list[dict], str]:
    if template is None:
        return [], [], ""
    definition = template.definition
    rows = [
        {**row, "max": show_number(row["max"]), "each": show_number(row["each"]), "rule": row["rule"] or ""}
        for row in definition_rows(definition)
    ]
    bands = [{"label": b.get("label", ""), "min": show_number(b.get("min"))} for b in definition.get("bands", [])]
    return rows, bands, ", ".join(definition.get("tie_break") or [])


def _with_more_rows(data, prefix: str, more: int, limit: int):
    """The posted grid with `more` blank rows added (the "add rows" button: no JavaScript)."""
    key = f"{prefix}-TOTAL_FORMS"
    total = int_param(data.get(key), digits=6) or 0
    data[key] = str(min(total + more, limit))
    return data


def _blank_formsets(rows: list[dict], bands: list[dict]):
    """Formsets showing the rows plus some blank ones (as if posted, so that they all render)."""
    data = {}
    for prefix, items, blank, fields in (
        (ROWS_PREFIX, rows, BLANK_ROWS, ("code", "parent", "title", "max", "rule", "each")),
        (BANDS_PREFIX, bands, BLANK_BANDS, ("label", "min")),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(items) + blank)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, item in enumerate(items):
            for name in fields:
                data[f"{prefix}-{index}-{name}"] = item.get(name) or ""
    return CriterionRowFormSet(data, prefix=ROWS_PREFIX), BandRowFormSet(data, prefix=BANDS_PREFIX)


def _editor(request, template: CriteriaTemplate | None):
    new = template is None
    owners = template_owners(request.user) if new else None
    rows_initial, bands_initial, tie_initial = _grid_initial(template)
    initial = {"tie_break": tie_initial}
    if template is not None:
        initial["name"] = template.name
    elif owners is not None and request.user.organization_id in {o.pk for o in owners}:
        initial["owner"] = request.user.organization_id
    row_errors: list[str] = []
    status = 200
    if request.method != "POST":
        head = TemplateHeadForm(initial=initial, owners=owners, new=new)
        rows, bands = _blank_formsets(rows_initial, bands_initial)
    else:
        data = request.POST.copy()
        adding = data.get("add_rows")
        if adding == "bands":
            _with_more_rows(data, BANDS_PREFIX, 1, MAX_BAND_ROWS)
        elif adding:
            _with_more_rows(data, ROWS_PREFIX, BLANK_ROWS, MAX_GRID_ROWS)
        head = TemplateHeadForm(data, initial=initial, owners=owners, new=new)
        rows = CriterionRowFormSet(data, prefix=ROWS_PREFIX)
        bands = BandRowFormSet(data, prefix=BANDS_PREFIX)
        if not adding:
            if all([head.is_valid(), rows.is_valid(), bands.is_valid()]):
                saved = _save(request, template, head, rows, bands, row_errors)
                if saved is not None:
                    return redirect("scoring:template", saved.pk)
            status = 400
    context = {
        "template": template,
        "head": head,
        "rows": rows,
        "bands": bands,
        "row_errors": row_errors,
        "title": _("New criteria template") if new else _("Edit the criteria template"),
    }
    return render(request, "scoring/template_form.html", context, status=status)


def _save(request, template, head, rows, bands, row_errors: list[str]):
    data = head.cleaned_data
    try:
        definition = build_definition(criterion_rows(rows), band_rows(bands), data.get("tie_break", ""))
    except RowErrors as exc:
        row_errors.extend(exc.messages)
        return None
    try:
        if template is None:
            saved = services.template_create(
                actor=request.user, owner=data["owner"], code=data["code"], name=data["name"], definition=definition
            )
        else:
            saved = services.template_update(
                actor=request.user, template=template, name=data["name"], definition=definition
            )
    except ValidationError as exc:
        add_service_errors(head, exc)
        row_errors.extend(head.non_field_errors())
        return None
    messages.success(request, _("The criteria template was saved."))
    return saved


def template_new_view(request):
    require(_may_manage_any(request.user))
    return _editor(request, None)


def template_edit_view(request, pk):
    template = selectors.template_get(request.user, pk)
    require(selectors.can_manage_template(request.user, template))
    if template.is_frozen:
        messages.error(
            request, _("This template is used for scoring and cannot be changed; create a new version instead.")
        )
        return redirect("scoring:template", template.pk)
    return _editor(request, template)


# --- import and the Excel form -------------------------------------------------------------------


def template_import_view(request):
    require(_may_manage_any(request.user))
    owners = template_owners(request.user)
    initial = {"owner": request.user.organization_id} if request.user.organization_id in {o.pk for o in owners} else {}
    form = TemplateImportForm(request.POST or None, request.FILES or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            template = services.template_create(
                actor=request.user,
                owner=data["owner"],
                code=data["code"],
                name=data["name"],
                definition=form.definition,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The criteria template was imported."))
            return redirect("scoring:template", template.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "scoring/template_import.html", {"form": form}, status=status)


def _xlsx(content: bytes, filename: str):
    return attachment_response(content, filename=filename, content_type=XLSX_CONTENT_TYPE)


def template_import_form_view(request):
    return _xlsx(template_workbook(), "mau-bang-tieu-chi.xlsx")


def template_export_view(request, pk):
    template = selectors.template_get(request.user, pk)
    name = slugify(template.code) or "mau"
    return _xlsx(template_workbook(template.definition), f"tieu-chi-{name}-v{template.version:d}.xlsx")

