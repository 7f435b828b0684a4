"""Forms of the dossier pages. They shape the input; services.dossiers and services.workflow check
the rules (who, which state, eligibility, file type and size)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.domain.text import fold_vi
from tdkt.core.forms import style_form
from tdkt.core.lists import int_param
from tdkt.organizations.models import Organization, Person

from .forms_rounds import award_form_label

MAX_PEOPLE_SHOWN = 500


class OrganizationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * max(obj.depth, 0) + obj.name


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        parts = [obj.full_name, obj.position, obj.organization.short_name or obj.organization.name]
        return " — ".join(part for part in parts if part)


class AwardChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        targets = []
        if obj.for_individual:
            targets.append(str(_("Individuals")))
        if obj.for_collective:
            targets.append(str(_("Collectives")))
        return f"{award_form_label(self, obj)} — {', '.join(targets)}"


class DossierNewForm(forms.Form):
    organization = OrganizationChoice(label=_("Proposing unit"), queryset=None)
    title = forms.CharField(
        label=_("Title of the dossier"), max_length=300,
        help_text=_("For example: Tờ trình đề nghị khen thưởng năm 2025."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = units
        style_form(self)


def people_of(unit: Organization, query: str = ""):
    """The people who work in the unit or below it (those still in service), by name."""
    qs = Person.objects.filter(organization__path__startswith=unit.path, left_on__isnull=True)
    for term in fold_vi(query).split():
        qs = qs.filter(search_text__contains=term)
    return qs.select_related("organization").order_by("full_name", "pk")


class NomineeForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=None, required=False)
    collective = OrganizationChoice(label=_("or a collective"), queryset=None, required=False)
    award = AwardChoice(label=_("Title or form proposed"), queryset=None)
    achievement = forms.CharField(label=_("Summary of achievements"), required=False, max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    justification = forms.CharField(
        label=_("Justification (when not eligible)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the eligibility check finds a condition unmet; it stays on the record."),
    )

    def __init__(self, *args, dossier, award_forms, query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit = dossier.organization
        self.fields["person"].queryset = people_of(unit)
        self.fields["collective"].queryset = Organization.objects.filter(path__startswith=unit.path).order_by("path")
        self.fields["award"].queryset = award_forms
        self.query = query
        style_form(self)
        if not self.is_bound:
            self.limit_people()

    def limit_people(self) -> None:
        """Show at most MAX_PEOPLE_SHOWN people (those matching ?q=), and the one already chosen."""
        field = self.fields["person"]
        shown = list(people_of(self.unit, self.query).values_list("pk", flat=True)[:MAX_PEOPLE_SHOWN])
        chosen = self.data.get(self.add_prefix("person")) if self.is_bound else None
        if int_param(chosen):
            shown.append(int_param(chosen))
        field.queryset = field.queryset.filter(pk__in=shown)

    def clean(self):
        data = super().clean()
        if data.get("person") is None and data.get("collective") is None and not self.errors:
            raise forms.ValidationError(_("Choose a person or a collective."))
        if data.get("person") is not None and data.get("collective") is not None:
            raise forms.ValidationError(_("Choose either a person or a collective, not both."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "person": data.get("person"),
            "collective": data.get("collective"),
            "award": data["award"],
            "achievement": data.get("achievement", ""),
            "justification": data.get("justification", ""),
        }


class AttachmentForm(forms.Form):
    component = forms.ChoiceField(label=_("Dossier component"))
    nominee = forms.ModelChoiceField(
        label=_("For nominee"), queryset=None, required=False,
        help_text=_("For a report of achievements: whose report it is."),
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX or ODT, at most 20 MB."))

    def __init__(self, *args, dossier, components: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].choices = list(components.items())
        self.fields["nominee"].queryset = dossier.nominees.select_related("person", "collective", "award")
        self.fields["nominee"].label_from_instance = lambda n: str(n.subject)
        self.fields["file"].widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt"
        style_form(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
