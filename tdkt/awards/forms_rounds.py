"""The form that opens a commendation round. It shapes the input; services.rounds checks the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form

from .models import RoundKind


def award_form_label(field, obj) -> str:
    """A title or form of the catalogue as people know it, by its name ("Bằng khen của Chủ tịch UBND
    tỉnh"), not by its internal code; the code follows only when two choices share the name."""
    queryset = field.queryset
    if getattr(field, "_names_of", None) is not queryset:
        names = [form.name for form in queryset] if queryset is not None else []
        field._shared_names = {name for name in names if names.count(name) > 1}
        field._names_of = queryset
    return f"{obj.name} ({obj.code})" if obj.name in field._shared_names else obj.name


class AwardFormChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return award_form_label(self, obj)


class RoundForm(forms.Form):
    authority = forms.ModelChoiceField(label=_("Receiving organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of round"), choices=RoundKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Deadline for dossiers"), required=False, widget=VNDateInput())
    movement = forms.ModelChoiceField(label=_("Movement"), queryset=None, required=False,
                                      help_text=_("For a round that commends a movement or one of its phases."))
    forms = AwardFormChoices(
        label=_("Titles and forms considered"), queryset=None, required=False,
        help_text=_("Leave empty to accept every title and form of the catalogue."),
    )

    def __init__(self, *args, authorities, movements, award_forms, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["movement"].queryset = movements
        self.fields["forms"].queryset = award_forms
        self.fields["forms"].widget.attrs["size"] = 8
        style_form(self)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "authority": data["authority"],
            "kind": data["kind"],
            "title": data["title"],
            "year": data["year"],
            "deadline": data.get("deadline"),
            "movement": data.get("movement"),
            "forms": list(data.get("forms") or ()),
        }


class RoundEditForm(forms.Form):
    """What may change once a round is open: its name, the deadline (extended, as offices often do),
    whether it still takes dossiers, and the titles and forms it considers."""

    title = forms.CharField(label=_("Title"), max_length=300)
    deadline = forms.DateField(label=_("Deadline for dossiers"), required=False, widget=VNDateInput())
    is_open = forms.BooleanField(label=_("Still taking dossiers"), required=False,
                                 help_text=_("Untick to stop units from preparing new dossiers in this round."))
    forms = AwardFormChoices(
        label=_("Titles and forms considered"), queryset=None, required=False,
        help_text=_("Leave empty to accept every title and form of the catalogue."),
    )

    def __init__(self, *args, award_forms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = award_forms
        self.fields["forms"].widget.attrs["size"] = 8
        style_form(self)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "deadline": data.get("deadline"), "is_open": data["is_open"],
                "forms": list(data.get("forms") or ())}
