from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form
from tdkt.core.numbers_form import integer_field
from tdkt.records.models import HONOUR_CHOICES

from .rows import TITLES
from .selectors import MAX_QUERY


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY, required=False,
                        help_text=_("A name without tone marks, a decision number (312 or 312/QĐ-SNV), a form…"))
    kind = forms.ChoiceField(label=_("Look in"), required=False,
                             choices=[("", _("Everything"))] + [(k, v) for k, v in TITLES.items()])
    award = forms.ChoiceField(label=_("Title or form"), required=False, choices=[("", "—")] + HONOUR_CHOICES)
    year_from = integer_field(label=_("From year"), min_value=1945, max_value=2100, required=False)
    year_to = integer_field(label=_("To year"), min_value=1945, max_value=2100, required=False)
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        style_form(self)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year comes before the first."))
        return data
