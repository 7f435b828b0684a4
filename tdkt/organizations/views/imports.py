"""Pages of the Excel import: upload, follow a job, download its errors and the templates."""

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.scope import scope_for
from tdkt.core.excel import XLSX_CONTENT_TYPE, xlsx_response

from .. import importers
from ..errors import require
from ..importers.selectors import import_job_get, import_job_list
from ..importers.workbooks import template_workbook
from ..models import ImportKind

ERRORS_SHOWN = 500
TEMPLATE_FILENAMES = {ImportKind.ORGANIZATIONS: "mau-nhap-don-vi.xlsx", ImportKind.PEOPLE: "mau-nhap-can-bo.xlsx"}


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("The file contains"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_CONTENT_TYPE}", "class": "form-control"}),
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(value, label) for value, label in ImportKind.choices if value in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]


def import_list_view(request):
    kinds = importers.import_kinds_for(request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST":
        require(bool(kinds))
        if form.is_valid():
            try:
                job = importers.import_job_create(actor=request.user, kind=form.cleaned_data["kind"],
                                                  upload=form.cleaned_data["file"])
            except importers.ImportFileError as exc:
                form.add_error("file", exc.messages)
            else:
                importers.import_job_start(job=job)
                return redirect("organizations:import_job", job.pk)
    return render(request, "organizations/imports.html", {
        "form": form if kinds else None,
        "kinds": [(value, label) for value, label in ImportKind.choices if value in kinds],
        "jobs": import_job_list(request.user)[:20],
        "show_owner": scope_for(request.user, "account.manage").is_global,
    })


def import_job_view(request, pk):
    job = import_job_get(request.user, pk)
    template = "organizations/import_job.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {
        "job": job,
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_not_shown": max(0, job.error_count - ERRORS_SHOWN),
    })


def import_job_errors_view(request, pk):
    job = import_job_get(request.user, pk)
    return xlsx_response(
        filename=f"loi-nhap-du-lieu-{job.pk}.xlsx", title=_("Errors"),
        headers=[_("Row"), _("Column"), _("Error")],
        rows=((error["row"] or "", error["column"], error["message"]) for error in job.errors),
    )


def import_template_view(request, kind):
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(template_workbook(kind), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAMES[kind]}"'
    return response
