from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import user_can
from tdkt.core.excel import xlsx_response
from tdkt.core.forms import VNDateInput, style_form
from tdkt.core.lists import paginate, wants_xlsx
from tdkt.organizations.errors import require

from .models import AuditEventType
from .selectors import audit_event_list


class AuditFilterForm(forms.Form):
    event_type = forms.TypedChoiceField(
        label=_("Event"), coerce=int, required=False, choices=[("", _("All events")), *AuditEventType.choices]
    )
    actor = forms.CharField(label=_("Actor"), required=False)
    target = forms.CharField(label=_("Object"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=VNDateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=VNDateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def audit_list_view(request):
    require(user_can(request.user, "audit.view"))
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = audit_event_list(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    if wants_xlsx(request):
        return xlsx_response(
            filename="nhat-ky.xlsx",
            title=str(_("Audit log")),
            headers=[str(h) for h in (_("Time"), _("Event"), _("Actor"), _("Object"), _("Organisation"), _("Details"))],
            rows=(
                (
                    e.created_at.replace(tzinfo=None),
                    e.get_event_type_display(),
                    e.actor_label,
                    e.target_label,
                    e.organization.name if e.organization else "",
                    str(e.extra or e.after or ""),
                )
                for e in qs.iterator(chunk_size=2000)
            ),
        )
    return render(request, "audit/list.html", {"form": form, **paginate(request, qs)})
