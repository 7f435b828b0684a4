"""A from-year / to-year pair of boxes, shared by the pages that filter by a span of years."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .numbers_form import integer_field


class YearRangeForm(forms.Form):
    year_from = integer_field(label=_("From year"), min_value=1945, max_value=2100, required=False)
    year_to = integer_field(label=_("To year"), min_value=1945, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year comes before the first."))
        return data
