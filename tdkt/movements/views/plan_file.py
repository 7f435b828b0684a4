"""The plan file pages: import a plan from its file (for those who issue plans) and download a plan
as its file (for those who see it). Thin: the import service checks the file, the scope and each
part of the plan."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.scope import user_can
from tdkt.core.forms import style_form
from tdkt.organizations.errors import require

from .. import selectors
from ..domain.plan_file import MAX_BYTES, dumps
from ..plan_export import plan_export, plan_file_name
from ..services.plan_import import plan_import_file


class PlanFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Plan file (JSON)"),
        help_text=gettext_lazy("At most 2 MB. Download a plan's file from its page to see the format."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("The file is too large: at most 2 MB."))
        return upload


def movement_import_view(request):
    require(user_can(request.user, "movement.manage"))
    form = PlanFileForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            movement = plan_import_file(actor=request.user, data=upload.read(), file_name=upload.name)
        except ValidationError as exc:
            found = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
            errors = [f"{path}: {message}" if path else message for path, items in found.items() for message in items]
        except PermissionDenied as exc:
            errors = [str(exc)]
        else:
            messages.success(request, _("The plan was imported from %(name)s.") % {"name": upload.name})
            return redirect("movements:detail", movement.pk)
    return render(request, "movements/import.html", {"form": form, "errors": errors})


def movement_export_view(request, pk):
    movement = selectors.movement_get(request.user, pk)
    response = HttpResponse(dumps(plan_export(movement)), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan_file_name(movement)}"'
    return response
