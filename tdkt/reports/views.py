"""The TT02 pages: the five forms for a year and scope, each form in the official layout with its
Excel and PDF, submitting a version, and the records behind any number."""

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.downloads import attachment_response
from tdkt.core.excel import XLSX_CONTENT_TYPE
from tdkt.core.lists import int_param, paginate
from tdkt.organizations.errors import require

from . import rows, selectors, services, tables
from .domain.forms import FORMS
from .exports import pdf_bytes, xlsx_bytes
from .forms import ReportFilterForm

PERMISSION = selectors.PERMISSION
YEARS = (1945, 2100)  # as the filter form allows; the age bands reach 60 years before the report year


def _params(request):
    """(year, organisation) from the query, the organisation within the user's scope (404 otherwise)."""
    data = request.POST if request.method == "POST" else request.GET
    year = int_param(data.get("year"), digits=4) or timezone.localdate().year
    if not YEARS[0] <= year <= YEARS[1]:
        raise BadRequest("Năm báo cáo không hợp lệ.")
    organization = selectors.report_organization(request.user, int_param(data.get("organization")))
    return year, organization


def _query(year, organization) -> str:
    return f"?year={year}&organization={organization.pk}"


def reports_view(request):
    require(user_can(request.user, PERMISSION))
    year, organization = _params(request)
    form = ReportFilterForm(initial={"year": year, "organization": organization},
                            organizations=selectors.reporting_organizations(request.user))
    submitted = {}
    for s in selectors.submission_list(year=year, organization=organization):
        submitted.setdefault(s.form_code, s)
    items = [{"form": f, "submission": submitted.get(code),
              "url": reverse("reports:form", args=[code]) + _query(year, organization)} for code, f in FORMS.items()]
    return render(request, "reports/index.html", {"filter": form, "items": items, "year": year,
                                                  "organization": organization})


def download(report, fmt: str):
    """The form as the official workbook (xlsx) or printable PDF."""
    table = tables.build(report, links=False)
    data, content_type = (xlsx_bytes(table), XLSX_CONTENT_TYPE) if fmt == "xlsx" else (pdf_bytes(table),
                                                                                        "application/pdf")
    name = f"bieu-{report.form.code}-{report.year}-{report.organization.pk}.{fmt}"
    return attachment_response(data, filename=name, content_type=content_type)


def form_view(request, code):
    require(user_can(request.user, PERMISSION))
    form = selectors.form_get(code)
    year, organization = _params(request)
    report = selectors.report_compute(form, year=year, organization=organization)
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "pdf"):
        return download(report, fmt)
    submission = selectors.last_submission(form, year=year, organization=organization)
    table = tables.build(report, frozen=submission.cells if submission else None)
    return render(request, "reports/form.html", {
        "t": table, "form": form, "year": year, "organization": organization, "submission": submission,
        "query": _query(year, organization),
        "can_submit": user_can(request.user, services.SUBMIT_PERMISSION, organization),
    })


@require_POST
def submit_view(request, code):
    form = selectors.form_get(code)
    year, organization = _params(request)
    services.report_submit(actor=request.user, form=form, year=year, organization=organization)
    messages.success(request, _("The form was submitted; its figures are kept as this version."))
    return redirect(reverse("reports:form", args=[code]) + _query(year, organization))


def cell_view(request, code, row, column):
    require(user_can(request.user, PERMISSION))
    form = selectors.form_get(code)
    year, organization = _params(request)
    qs = selectors.cell_records(form, year=year, organization=organization, row_code=row, column_key=column)
    page = paginate(request, rows.fetched(form.source, qs), per_page=100)
    found = [{"link": rows.link(form.source, obj), "values": rows.values(form.source, obj)}
             for obj in page["page_obj"].object_list]
    line = next(r for r in form.data_rows if r.code == row)
    col = next(c for c in form.columns if c.key == column)
    return render(request, "reports/cell.html", {
        "form": form, "year": year, "organization": organization, "row": line, "column": col,
        "headers": rows.HEADERS[form.source], "found": found, **page,
        "back": reverse("reports:form", args=[code]) + _query(year, organization),
    })
