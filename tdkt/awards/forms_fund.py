"""The form that sets a year's allocation of an issuer's award fund. Money is typed the Vietnamese
way ("1.234.000"); "1,234,000" is refused with the form to type, the message naming the box.
services.fund checks who may set it and the values again."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form
from tdkt.core.numbers_form import integer_field

from .services.fund import ALLOCATION_MAX, YEAR_MIN


class FundForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Issuing organisation"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=2100)
    allocation = integer_field(label=_("Allocation (đồng)"), min_value=1, max_value=ALLOCATION_MAX,
                               help_text=_("Whole đồng, thousands grouped with dots, e.g. 150.000.000."))
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, issuers, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        style_form(self)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"issuer": data["issuer"], "year": data["year"], "allocation": data["allocation"],
                "note": data["note"]}
