"""The page where a unit's leader (or an administrator) switches the leader's sign-off on or off for
the unit: whether the unit officer sends directly or submits to the leader first."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.accounts.scope import user_can
from tdkt.core.forms import add_service_errors, style_form

from .. import selectors
from ..errors import require
from ..services.signoff import organization_signoff_set


class SignoffForm(forms.Form):
    leader_signoff = forms.BooleanField(
        label=gettext_lazy("The unit leader signs off dossiers, score sheets, reports and registrations before "
                           "they are sent"),
        required=False,
        help_text=gettext_lazy("Off: the unit officer sends them directly."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


def organization_signoff_view(request, pk):
    org = selectors.organization_get(request.user, pk)
    require(user_can(request.user, "organization.signoff", org))
    data = request.POST if request.method == "POST" else None  # an empty post is "off", not "not sent"
    form = SignoffForm(data, initial={"leader_signoff": org.leader_signoff})
    if request.method == "POST" and form.is_valid():
        try:
            org = organization_signoff_set(actor=request.user, organization=org,
                                           on=form.cleaned_data["leader_signoff"],
                                           reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The leader's sign-off is now on.") if org.leader_signoff
                             else _("The leader's sign-off is now off: the unit officer sends directly."))
            return redirect("organizations:detail", org.pk)
    return render(request, "organizations/form.html", {
        "form": form,
        "title": _("The leader's sign-off — %(name)s") % {"name": org.name},
        "intro": _("When on, the unit officer submits what the unit sends to the unit leader, who reviews a "
                   "summary and signs it off and sends it, or sends it back with a reason."),
        "cancel_url": reverse("organizations:detail", args=[org.pk]),
    })
