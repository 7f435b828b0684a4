"""Pages of the Excel import: upload, follow a job, download its errors and the templates."""

from django import forms
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for
from tdkt.core.excel import XLSX_CONTENT_TYPE, xlsx_response
from tdkt.core.forms import VNFileInput
from tdkt.core.lists import int_param

from .. import importers
from ..errors import require
from ..importers.records import MIN_YEAR, max_year, records_period_problem
from ..importers.selectors import import_job_get, import_job_list
from ..importers.workbooks import decisions_template_workbook, records_template_workbook, template_workbook
from ..models import ImportKind, ImportStatus
from ..selectors import OrganizationFilters, organization_get, organization_list

ERRORS_SHOWN = 500
TEMPLATE_FILENAMES = {
    ImportKind.ORGANIZATIONS: "mau-nhap-don-vi.xlsx",
    ImportKind.PEOPLE: "mau-nhap-can-bo.xlsx",
    ImportKind.RECORDS: "mau-nhap-xep-loai-danh-hieu.xlsx",
    ImportKind.DECISIONS: "mau-nhap-quyet-dinh-khen-thuong.xlsx",
}


class OrganizationTreeChoiceField(forms.ModelChoiceField):
    """Organisations in tree order, each indented below the one it belongs to."""

    top_depth = 0

    def label_from_instance(self, obj):
        return f"{'— ' * max(0, obj.depth - self.top_depth)}{obj.name} ({obj.code})"


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file contains"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=VNFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}"}),
    )

    def __init__(self, *args, kinds: list[str], record_organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(value, label) for value, label in ImportKind.choices if value in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        if ImportKind.RECORDS in kinds and record_organizations is not None:
            # Only for ratings and titles: the year and the organisation the file is about.
            year = forms.IntegerField(
                label=gettext_lazy("Year"),
                required=False,
                min_value=MIN_YEAR,
                max_value=max_year(),
                initial=timezone.localdate().year - 1,
            )
            year.localize, year.widget.is_localized = False, False
            year.widget.attrs["class"] = "form-control"
            organization = OrganizationTreeChoiceField(
                label=gettext_lazy("Organisation"), required=False, queryset=record_organizations
            )
            organization.top_depth = record_organizations.aggregate(top=Min("depth"))["top"] or 0
            organization.widget.attrs["class"] = "form-select"
            organization.empty_label = gettext_lazy("— choose —")
            self.fields["year"], self.fields["organization"] = year, organization

    def clean(self):
        data = super().clean()
        if data.get("kind") != ImportKind.RECORDS or "year" not in self.fields:
            return data
        year, organization = data.get("year"), data.get("organization")
        if year is None and "year" not in self.errors:
            self.add_error("year", _("Choose the year of the ratings and titles."))
        if organization is None and "organization" not in self.errors:
            self.add_error("organization", _("Choose the organisation the file is about."))
        if year is not None and organization is not None:
            problem = records_period_problem(organization, year)
            if problem:
                self.add_error("organization", problem)
        return data


def _record_organizations(user):
    return organization_list(user, filters=OrganizationFilters(include_closed=True), permission="record.manage")


def _initial(request, kinds: list[str]) -> dict:
    """What a link may preselect: /imports/?kind=records&organization=<id>&year=<year>."""
    initial = {}
    if request.GET.get("kind") in kinds:
        initial["kind"] = request.GET["kind"]
    for key in ("organization", "year"):
        if int_param(request.GET.get(key)):
            initial[key] = int_param(request.GET[key])
    return initial


def import_list_view(request):
    kinds = importers.import_kinds_for(request.user)
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        record_organizations=_record_organizations(request.user),
        initial=_initial(request, kinds),
    )
    if request.method == "POST":
        require(bool(kinds))
        if form.is_valid():
            data = form.cleaned_data
            try:
                job = importers.import_job_create(
                    actor=request.user,
                    kind=data["kind"],
                    upload=data["file"],
                    year=data.get("year"),
                    organization=data.get("organization"),
                )
            except importers.ImportFileError as exc:
                form.add_error("file", exc.messages)
            else:
                importers.import_job_start(job=job)
                return redirect("organizations:import_job", job.pk)
    return render(
        request,
        "organizations/imports.html",
        {
            "form": form if kinds else None,
            "kinds": [(value, label) for value, label in ImportKind.choices if value in kinds],
            "kind_values": kinds,
            "jobs": import_job_list(request.user)[:20],
            "show_owner": scope_for(request.user, "account.manage").is_global,
        },
    )


def import_job_view(request, pk):
    job = import_job_get(request.user, pk)
    template = "organizations/import_job.html"
    if request.htmx:
        template += "#status"
    return render(request, template, _job_context(job))


def _job_context(job, *, confirm_errors=(), chosen=None) -> dict:
    preview = job.preview if job.status == ImportStatus.CHECKED else {}
    chosen = chosen or {}
    ambiguous = [
        {**item, "chosen": chosen.get(item["row"])} for item in preview.get("ambiguous", [])
    ]
    return {
        "job": job,
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_not_shown": max(0, job.error_count - ERRORS_SHOWN),
        "preview": preview,
        "ambiguous": ambiguous,
        "confirm_errors": list(confirm_errors),
    }


def _posted_choices(post) -> dict[int, int]:
    """The radios of the checked page: choice-<row> = <id of the person or collective>."""
    chosen = {}
    for key, value in post.items():
        if key.startswith("choice-") and int_param(key.removeprefix("choice-")) and int_param(value):
            chosen[int_param(key.removeprefix("choice-"))] = int_param(value)
    return chosen


@require_POST
def import_job_confirm_view(request, pk):
    """Write a checked file of past decisions with the candidates chosen for its ambiguous rows."""
    job = import_job_get(request.user, pk)
    chosen = _posted_choices(request.POST)
    try:
        importers.import_job_confirm(actor=request.user, job=job, choices=chosen)
    except importers.ImportFileError as exc:
        job.refresh_from_db()
        context = _job_context(job, confirm_errors=exc.messages, chosen=chosen)
        return render(request, "organizations/import_job.html", context, status=400)
    return redirect("organizations:import_job", job.pk)


@require_POST
def import_job_discard_view(request, pk):
    job = import_job_get(request.user, pk)
    try:
        importers.import_job_discard(actor=request.user, job=job)
    except importers.ImportFileError:
        pass  # confirmed or dropped meanwhile: the page shows what it became
    return redirect("organizations:import_job", job.pk)


def import_job_errors_view(request, pk):
    job = import_job_get(request.user, pk)
    return xlsx_response(
        filename=f"loi-nhap-du-lieu-{job.pk}.xlsx",
        title=_("Errors"),
        headers=[_("Row"), _("Column"), _("Error")],
        rows=((error["row"] or "", error["column"], error["message"]) for error in job.errors),
    )


def import_template_view(request, kind):
    """A template; the records one with ?organization=<id> comes prefilled with that organisation's people."""
    if kind not in ImportKind.values:
        raise Http404
    content, filename = None, TEMPLATE_FILENAMES[kind]
    if kind == ImportKind.RECORDS and request.GET.get("organization"):
        if not int_param(request.GET["organization"]):
            raise Http404
        organization = organization_get(request.user, int_param(request.GET["organization"]),
                                        permission="record.manage")
        content = records_template_workbook(organization)
        filename = f"mau-nhap-xep-loai-danh-hieu-{slugify(organization.code) or organization.pk}.xlsx"
    if kind == ImportKind.DECISIONS:
        content = decisions_template_workbook()
    response = HttpResponse(content or template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
