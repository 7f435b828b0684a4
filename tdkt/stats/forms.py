from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import Level
from tdkt.core.forms import style_form
from tdkt.core.numbers_form import integer_field


class StatsForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=None, required=False,
                                          empty_label=_("All in my scope"))
    year_from = integer_field(label=_("From year"), min_value=1945, max_value=2100, required=False)
    year_to = integer_field(label=_("To year"), min_value=1945, max_value=2100, required=False)
    level = forms.ChoiceField(label=_("Level of the titles and forms"), required=False,
                              choices=[("", _("Every level"))] + list(Level.choices))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        style_form(self)

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", _("The last year comes before the first."))
        return data
