"""Forms of the round pages. They only shape the input; the services check the rules."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form
from tdkt.core.numbers_form import NumberField

from .models import CriteriaTemplate


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The name people know, not the internal code (KTMTH-2022); the version tells versions apart.
        return _("%(name)s (version %(version)s)") % {"name": obj.name, "version": obj.version}


class RoundForm(forms.Form):
    """Open a round, or change it (the deadlines above all). The flag share is typed as a percentage."""

    template = TemplateChoiceField(label=_("Criteria template"), queryset=CriteriaTemplate.objects.none())
    self_deadline = forms.DateField(label=_("Self-scoring deadline"), widget=VNDateInput())
    review_deadline = forms.DateField(label=_("Review deadline"), required=False, widget=VNDateInput())
    flag_percent = NumberField(
        label=_("Flag when the self-score exceeds the review by more than (percent of the item's maximum)"),
        min_value=Decimal("1"),
        max_value=Decimal("100"),
        max_digits=3,
        decimals=0,
        initial=20,
        help_text=_("Enter 20 for 20%."),
    )

    def __init__(self, *args, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if templates is not None:
            self.fields["template"].queryset = templates
        style_form(self)

    @staticmethod
    def initial_for(scoring_round) -> dict:
        return {
            "template": scoring_round.template_id,
            "self_deadline": scoring_round.self_deadline,
            "review_deadline": scoring_round.review_deadline,
            "flag_percent": (scoring_round.flag_share * 100).quantize(Decimal("1")),
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "template": data["template"],
            "self_deadline": data["self_deadline"],
            "review_deadline": data.get("review_deadline"),
            "flag_share": (Decimal(data["flag_percent"]) / 100).quantize(Decimal("0.01")),
        }

    def add_service_errors(self, error) -> None:
        """A service's errors on the fields they name; the share is "flag_share" there, a percentage here."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            name = "flag_percent" if name == "flag_share" else name
            self.add_error(name if name in self.fields else None, messages)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required
        style_form(self)


class ReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewing organisation"), queryset=None)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = organizations
        style_form(self)
