"""The year-end vote's forms: open a list, record the council's meeting, decide, revoke. The
per-candidate "yes" votes are read from the table's boxes by the view (one pair per candidate)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form
from tdkt.core.numbers_form import integer_field

DATE_FORMATS = ["%d/%m/%Y"]


class OpenForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    year = integer_field(label=_("Year"), min_value=2000)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units
        self.fields["year"].max_value = timezone.localdate().year
        style_form(self)


class MeetingForm(forms.Form):
    meeting_date = forms.DateField(label=_("Council meeting date"), input_formats=DATE_FORMATS, widget=VNDateInput())
    members = integer_field(label=_("Council members"), min_value=1, max_value=99)
    present = integer_field(label=_("Members present"), min_value=1, max_value=99)
    default_yes = integer_field(label=_("Yes votes for every row left blank"), min_value=0, max_value=99,
                                required=False,
                                help_text=_("For a list voted as a whole; rows you fill keep their own figure."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class DecideForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60, help_text=_("e.g. 15/QĐ-STC"))
    date = forms.DateField(label=_("Decision date"), input_formats=DATE_FORMATS, widget=VNDateInput())
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, help_text=_("e.g. GIÁM ĐỐC"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
