from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form

from .models import (
    BlockKind,
    BlockRole,
    EducationLevel,
    Organization,
    OrganizationKind,
    OrganizationLevel,
    PersonCategory,
    Sex,
    TdktUnitKind,
)


class OrganizationForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    level = forms.ChoiceField(label=_("Level"), choices=OrganizationLevel.choices)
    parent = forms.ModelChoiceField(label=_("Parent organisation"), queryset=Organization.objects.none())
    active_from = forms.DateField(label=_("Active from"), required=False, widget=VNDateInput())
    tdkt_unit_kind = forms.ChoiceField(
        label=_("TĐKT unit kind"), required=False, choices=[("", _("Not a TĐKT unit")), *TdktUnitKind.choices],
        help_text=_("Counted in statistical form 0604 (Thông tư 02/2023/TT-BNV)."),
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Organization.objects.none()
        style_form(self)


class OrganizationCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=VNDateInput())
    successor = forms.ModelChoiceField(
        label=_("Successor organisation"),
        required=False,
        queryset=Organization.objects.none(),
        help_text=_("Units and people still here move to it."),
    )
    note = forms.CharField(
        label=_("Reason and decision"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, successors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors if successors is not None else Organization.objects.none()
        style_form(self)


class PersonForm(forms.Form):
    code = forms.CharField(label=_("Staff code"), max_length=40, required=False)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=VNDateInput())
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=50, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=PersonCategory.choices)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    is_manager = forms.BooleanField(label=_("Holds a leadership post"), required=False)
    service_start = forms.DateField(label=_("In service since"), required=False, widget=VNDateInput())
    left_on = forms.DateField(label=_("Left service on"), required=False, widget=VNDateInput())
    # What statistical form 0605 (Thông tư 02/2023/TT-BNV) counts of the civil servants working on TĐKT.
    is_tdkt_officer = forms.BooleanField(label=_("Works on emulation and commendation (TĐKT)"), required=False)
    in_tdkt_work_since = forms.DateField(label=_("In TĐKT work since"), required=False, widget=VNDateInput())
    education_level = forms.ChoiceField(
        label=_("Education level"), required=False, choices=[("", "—"), *EducationLevel.choices]
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields = {
                "organization": forms.ModelChoiceField(label=_("Organisation"), queryset=organizations),
                **self.fields,
            }
        style_form(self)


class PersonMoveForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("New organisation"), queryset=Organization.objects.none())
    position = forms.CharField(label=_("New position"), max_length=200, required=False)
    on_date = forms.DateField(label=_("From"), widget=VNDateInput())

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        style_form(self)


class BlockForm(forms.Form):
    organizer = forms.ModelChoiceField(label=_("Organised by"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=BlockKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    basis = forms.CharField(label=_("Assigned by (document)"), max_length=300, required=False)

    def __init__(self, *args, organizers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = organizers if organizers is not None else Organization.objects.none()
        self.fields["year"].localize = False
        self.fields["year"].widget.is_localized = False
        style_form(self)


class BlockMemberForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    role = forms.ChoiceField(label=_("Role in the block"), choices=BlockRole.choices, initial=BlockRole.MEMBER)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (
            organizations if organizations is not None else Organization.objects.none()
        )
        style_form(self)
