from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Level
from tdkt.core.forms import style_form
from tdkt.core.forms_years import YearRangeForm


class StatsForm(YearRangeForm):
    field_order = ["organization", "year_from", "year_to", "level"]
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False,
                                          empty_label=_("All in my scope"))
    level = forms.ChoiceField(label=_("Level of the titles and forms"), required=False,
                              choices=[("", _("Every level"))] + list(Level.choices))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        style_form(self)
