"""The form behind templates/core/confirm_step.html: a hidden ``confirmed`` marker and a reason,
required when something is missing. The services check the same rule again (a direct POST without
the confirmation or without the reason is refused there), so the page is only the way to say it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import style_form


class ConfirmForm(forms.Form):
    confirmed = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, reason_required=False, reason_label=None, reason_help=None, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.required = reason_required
        if reason_label is not None:
            reason.label = reason_label
        if reason_help is not None:
            reason.help_text = reason_help
        style_form(self)

    @property
    def is_confirmed(self) -> bool:
        return self.data.get("confirmed") == "1"


def is_confirmed(post) -> bool:
    """True when the POST came from the confirmation page (its hidden marker)."""
    return post.get("confirmed") == "1"


def asks_late_confirmation(exc) -> bool:
    """True when a service refused a late sending only for want of the confirmation and its reason
    (the services raise code "confirm_late" on the reason field): the view shows the confirmation page."""
    return any(e.code == "confirm_late" for e in getattr(exc, "error_dict", {}).get("reason", []))
