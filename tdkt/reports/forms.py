from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form
from tdkt.organizations.models import Organization


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100)
    organization = forms.ModelChoiceField(label=_("Reporting unit"), queryset=Organization.objects.none(),
                                          required=False, empty_label=None)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"].queryset = organizations
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False
        self.fields["year"].initial = timezone.localdate().year
        style_form(self)
