from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form
from tdkt.core.forms_years import YearRangeForm
from tdkt.records.models import HONOUR_CHOICES

from .rows import TITLES
from .selectors import MAX_QUERY


class SearchForm(YearRangeForm):
    field_order = ["q", "kind", "award", "year_from", "year_to", "organization"]
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY, required=False,
                        help_text=_("A name without tone marks, a decision number (312 or 312/QĐ-SNV), a form…"))
    kind = forms.ChoiceField(label=_("Look in"), required=False,
                             choices=[("", _("Everything"))] + [(k, v) for k, v in TITLES.items()])
    award = forms.ChoiceField(label=_("Title or form"), required=False, choices=[("", "—")] + HONOUR_CHOICES)
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        style_form(self)
