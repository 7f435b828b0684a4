"""Forms of the plan pages: the plan itself and what it contains. The services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form
from tdkt.core.numbers_form import NumberField
from tdkt.organizations.models import EmulationBlock, Organization
from tdkt.records.models import HONOUR_CHOICES, RATING_CHOICES

from .models import ContentItem, MilestoneKind, MovementKind, Phase, TargetKind, TaskStatus

BLANK = [("", _("— choose —"))]
ROMAN = ["", "I", "II", "III", "IV"]


def _year_field(field: forms.IntegerField) -> None:
    """Years are written and shown without a thousands separator."""
    field.localize = False
    field.widget.is_localized = False


def _checkboxes(field: forms.Field) -> None:
    field.widget.attrs["class"] = "form-check-input"


class MovementForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Issued by"), queryset=Organization.objects.none())
    block = forms.ModelChoiceField(
        label=_("Emulation block"),
        queryset=EmulationBlock.objects.none(),
        required=False,
        help_text=_("A block's plan: every member of the block takes part."),
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
    document_date = forms.DateField(label=_("Document date"), required=False, widget=VNDateInput())
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150, required=False)
    start_date = forms.DateField(label=_("From"), widget=VNDateInput())
    end_date = forms.DateField(label=_("To"), widget=VNDateInput())
    theme = forms.CharField(label=_("Theme"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    purposes = forms.CharField(
        label=_("Purposes and requirements"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    for_collectives = forms.BooleanField(label=_("For collectives"), required=False, initial=True)
    for_individuals = forms.BooleanField(label=_("For individuals"), required=False, initial=True)
    award_codes = forms.MultipleChoiceField(
        label=_("Award forms planned"),
        choices=HONOUR_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    registration_deadline = forms.DateField(label=_("Registration deadline"), required=False, widget=VNDateInput())
    recipients = forms.CharField(
        label=_("Recipients (nơi nhận)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organizations=None, blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is None:  # editing: the issuer and the block do not change
            del self.fields["organization"], self.fields["block"]
        else:
            self.fields["organization"].queryset = organizations
            self.fields["block"].queryset = blocks if blocks is not None else EmulationBlock.objects.none()
        _checkboxes(self.fields["award_codes"])
        style_form(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if not data.get("for_collectives") and not data.get("for_individuals"):
            self.add_error(None, _("Choose at least one audience: collectives or individuals."))
        return data


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    start_date = forms.DateField(label=_("From"), widget=VNDateInput())
    end_date = forms.DateField(label=_("To"), widget=VNDateInput())
    celebrates = forms.CharField(
        label=_("Anniversaries celebrated"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    report_deadline = forms.DateField(label=_("Report deadline"), widget=VNDateInput())
    data_from = forms.DateField(label=_("Data from"), required=False, widget=VNDateInput())
    data_to = forms.DateField(label=_("Data to"), required=False, widget=VNDateInput())
    phase = forms.ModelChoiceField(label=_("Phase"), queryset=Phase.objects.none(), required=False)
    meeting = forms.CharField(label=_("Review meeting"), max_length=300, required=False)

    def __init__(self, *args, movement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = movement.phases.all() if movement else Phase.objects.none()
        style_form(self)


class TargetForm(forms.Form):
    label = forms.CharField(label=_("Target"), max_length=300)
    kind = forms.ChoiceField(label=_("Measured as"), choices=TargetKind.choices)
    subject = forms.ChoiceField(
        label=_("Who"), choices=[("collective", _("Collectives")), ("individual", _("Individuals"))]
    )
    award_code = forms.ChoiceField(label=_("Title or form"), choices=BLANK + HONOUR_CHOICES, required=False)
    min_rating = forms.ChoiceField(label=_("Rating at least"), choices=BLANK + RATING_CHOICES, required=False)
    value = NumberField(
        label=_("Value"), min_value=0, max_digits=7, decimals=2,
        help_text=_("A percentage, or a number: type 20 for twenty per cent, 2,5 for two and a half."),
    )
    year = forms.IntegerField(label=_("Year measured"), min_value=2000, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _year_field(self.fields["year"])
        style_form(self)


class TaskForm(forms.Form):
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int, choices=list(enumerate(ROMAN[1:], 1)))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.CharField(label=_("Lead organisation"), max_length=200)
    lead_organization = forms.ModelChoiceField(
        label=_("Lead organisation in the system"), queryset=Organization.objects.none(), required=False
    )
    executing = forms.CharField(label=_("Executing organisations"), max_length=200, required=False)
    due_date = forms.DateField(label=_("Due"), required=False, widget=VNDateInput())

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organization"].queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        style_form(self)


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class ContentForm(forms.Form):
    text = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    part = forms.ChoiceField(
        label=_("Part"),
        choices=[(ContentItem.PLAN, _("Content of the plan")), (ContentItem.COVENANT, _("Covenant"))],
        initial=ContentItem.PLAN,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class ParticipantsForm(forms.Form):
    whole_block = forms.BooleanField(label=_("The whole block"), required=False)
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates=None, block=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.block = block
        if block is None:
            del self.fields["whole_block"]
        else:
            self.fields["whole_block"].label = _("The whole block: %(name)s") % {"name": block.name}
        self.fields["organizations"].queryset = candidates if candidates is not None else Organization.objects.none()
        _checkboxes(self.fields["organizations"])
        style_form(self)

    def chosen(self) -> list[Organization]:
        chosen = list(self.cleaned_data["organizations"])
        if self.block is not None and self.cleaned_data.get("whole_block"):
            chosen += [m.organization for m in self.block.memberships.select_related("organization")]
        return chosen
