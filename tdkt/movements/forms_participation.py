"""Forms of the participation pages: registration, covenant signature, report submission and the
head's answers. The services check everything again; these only shape what the page sends."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form
from tdkt.core.numbers_form import integer_field
from tdkt.core.uploads import REPORT_KINDS
from tdkt.records.domain.codes import HONOURS, Target, honour_label, honours_for

from .services.participation import MAX_FIGURES

FIGURE_ROWS = range(1, MAX_FIGURES + 1)
ACCEPT_FILES = ",".join(k.extension for k in REPORT_KINDS)


def registration_codes(movement) -> list[str]:
    """What a participant may register: the award forms the plan names, else every collective title and form."""
    codes = [code for code in movement.award_codes or [] if code in HONOURS]
    return codes or honours_for(Target.COLLECTIVE)


class _OrganizationForm(forms.Form):
    """A form filled in the name of one participant among those the user may act for."""

    organization = forms.ModelChoiceField(label=_("In the name of"), queryset=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations
        self.add_fields()
        style_form(self)
        if len(organizations) == 1:
            field.empty_label = None  # one organisation: chosen already

    def add_fields(self) -> None:
        """Where a subclass adds the fields that depend on the movement."""


class RegistrationForm(_OrganizationForm):
    note = forms.CharField(
        label=_("Commitments"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, codes: list[str], **kwargs):
        self.codes = codes
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        for code in self.codes:
            self.fields[f"award_{code}"] = forms.BooleanField(label=honour_label(code), required=False)
            self.fields[f"target_{code}"] = forms.CharField(label=_("Target"), max_length=300, required=False)

    def award_rows(self):
        return [(code, self[f"award_{code}"], self[f"target_{code}"]) for code in self.codes]

    def clean(self):
        data = super().clean()
        items = []
        for code in self.codes:
            target = (data.get(f"target_{code}") or "").strip()
            if data.get(f"award_{code}"):
                items.append((code, target))
            elif target:
                self.add_error(f"target_{code}", _("Tick the title to register this target."))
        if not items and not self.errors:
            self.add_error(None, _("Choose at least one title or award form."))
        data["items"] = items
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("refuse", _("Refuse"))])
    note = forms.CharField(label=_("Reason"), max_length=500, required=False)


class SignForm(_OrganizationForm):
    """Sign through the signing service: the organisation's configured signer signs the covenant's PDF."""

    signer_name = forms.CharField(label=_("Signer's full name"), max_length=150)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, help_text=_("e.g. Giám đốc Sở"))


class SignUploadForm(_OrganizationForm):
    """Sign by uploading the covenant as a PDF the organisation signed digitally itself."""

    # Optional here: the upload check names a missing file in Vietnamese.
    file = forms.FileField(
        label=_("Digitally signed covenant (PDF)"), required=False, allow_empty_file=True,
        help_text=_("The covenant signed with your organisation's digital certificate, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )


class ReportForm(_OrganizationForm):
    # Optional here: the upload check (tdkt.core.uploads) names a missing or empty file in Vietnamese.
    file = forms.FileField(
        label=_("Report file"),
        required=False,
        allow_empty_file=True,
        help_text=_("PDF, Word (.docx, .doc), Excel (.xlsx) or OpenDocument (.odt), at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_FILES}),
    )

    def add_fields(self) -> None:
        defaults = {1: _("Collectives commended"), 2: _("Individuals commended")}
        for i in FIGURE_ROWS:
            self.fields[f"label_{i}"] = forms.CharField(
                label=_("Figure"), max_length=100, required=False, initial=defaults.get(i, "")
            )
            # Typed the Vietnamese way ("1.234" is a thousand two hundred and thirty-four).
            self.fields[f"value_{i}"] = integer_field(
                label=_("Value"), min_value=0, max_digits=15, required=False,
                message_name=_("Figure %(n)s") % {"n": i},
            )

    def figure_rows(self):
        return [(self[f"label_{i}"], self[f"value_{i}"]) for i in FIGURE_ROWS]

    def clean(self):
        data = super().clean()
        figures = {}
        for i in FIGURE_ROWS:
            label, value = " ".join((data.get(f"label_{i}") or "").split()), data.get(f"value_{i}")
            if value is None:
                continue  # a name alone (e.g. a suggested one left blank) is not a figure
            if not label:
                self.add_error(f"label_{i}", _("Name this figure."))
            elif label in figures:
                self.add_error(f"label_{i}", _("This figure is already listed."))
            else:
                figures[label] = value
        data["figures"] = figures
        return data


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return"))])
    reason = forms.CharField(
        label=_("Reason for return"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
