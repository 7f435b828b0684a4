"""Forms of the catalogue pages: a title or form's values and its dossier components, edited as
lines "code | label | required (yes/no)". The service checks the values again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form
from tdkt.core.numbers_form import NumberField, integer_field
from tdkt.organizations.models import Organization
from tdkt.records.models import HONOUR_CHOICES

from .models import AwardForm, Level
from .services.catalogue import MAX_COMPONENTS, VERSIONED_FIELDS, clean_components

YES = {"yes", "y", "co", "có", "1", "true", "x", "bắt buộc", "bat buoc"}
NO = {"no", "n", "khong", "không", "0", "false", ""}
SIGNED = {"signed", "ký số", "ky so", "kyso"}  # the component must be a digitally signed PDF


def components_text(components) -> str:
    return "\n".join(
        f"{c.get('code', '')} | {c.get('label', '')} | {'yes' if c.get('required', True) else 'no'}"
        + (" | signed" if c.get("signed") else "")
        for c in components or []
    )


def parse_components(text: str) -> list[dict]:
    out = []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_COMPONENTS:
        raise ValidationError(_("At most %(n)s components.") % {"n": MAX_COMPONENTS})
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3, 4):
            raise ValidationError(_("Line %(n)s: write “code | label | yes/no”.") % {"n": number})
        required = parts[2].lower() if len(parts) >= 3 else "yes"
        if required not in YES | NO:
            raise ValidationError(_("Line %(n)s: “required” must be yes or no.") % {"n": number})
        signed = parts[3].lower() if len(parts) == 4 else ""
        if signed not in SIGNED | {""}:
            raise ValidationError(_("Line %(n)s: the fourth part may only be “signed”.") % {"n": number})
        out.append({"code": parts[0], "label": parts[1], "required": required in YES, "signed": bool(signed)})
    try:
        return clean_components(out)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict["components"]) from None


class IssuerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class AwardFormForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=30, help_text=_("For example BK_CT; it does not change."))
    effective_from = forms.DateField(label=_("In force from"), widget=VNDateInput())
    name = forms.CharField(label=_("Name"), max_length=200)
    certificate_title = forms.CharField(label=_("Title on the certificate"), max_length=100, required=False,
                                        help_text=_("For example BẰNG KHEN or GIẤY KHEN."))
    record_code = forms.ChoiceField(label=_("Recorded as"), choices=HONOUR_CHOICES)
    for_individual = forms.BooleanField(label=_("For individuals"), required=False)
    for_collective = forms.BooleanField(label=_("For collectives"), required=False)
    for_household = forms.BooleanField(label=_("For households"), required=False)
    level = forms.ChoiceField(label=_("Decided at level"), choices=Level.choices)
    issuer = IssuerChoiceField(label=_("Decided by (organisation)"), queryset=Organization.objects.none(),
                               required=False, help_text=_("Empty only when decided by the central government."))
    decider_title = forms.CharField(label=_("Title of the person who decides"), max_length=200)
    needs_ballot = forms.BooleanField(label=_("Council ballot required"), required=False)
    # Numbers typed the Vietnamese way: "1,5" for a coefficient, "66,67" for a share.
    ballot_threshold = NumberField(label=_("Yes votes needed (percent of all members)"), max_digits=5,
                                   decimals=2, min_value=50, max_value=100, initial=80)
    needs_notice = forms.BooleanField(label=_("Public notice required"), required=False)
    notice_working_days = integer_field(label=_("Notice period (working days)"), min_value=1, max_value=60,
                                        initial=10)
    coefficient_individual = NumberField(label=_("Reward coefficient, individual"), max_digits=5,
                                         decimals=2, min_value=0, initial=0)
    coefficient_collective = NumberField(label=_("Reward coefficient, collective"), max_digits=5,
                                         decimals=2, min_value=0, initial=0)
    copies = integer_field(label=_("Number of copies"), min_value=1, max_value=20, initial=1)
    components = forms.CharField(
        label=_("Dossier components"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: code | label | required (yes/no) [| signed], e.g. to_trinh | Tờ trình | yes | "
                    "signed (“signed”: only a PDF with valid digital signatures counts)."),
    )
    legal_ref = forms.CharField(label=_("Legal basis"), max_length=300, required=False)

    def __init__(self, *args, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Organization.objects.filter(active_to__isnull=True).order_by("path")
        if not new:
            del self.fields["code"]
        style_form(self)

    def clean_components(self):
        return parse_components(self.cleaned_data.get("components", ""))

    def service_fields(self) -> dict:
        """The cleaned values as the service's keyword arguments (without the date)."""
        data = self.cleaned_data
        out = {field: data[field] for field in VERSIONED_FIELDS}
        if "code" in data:
            out["code"] = data["code"]
        return out


def initial_from(form: AwardForm) -> dict:
    initial = {field: getattr(form, field) for field in VERSIONED_FIELDS}
    initial["issuer"] = form.issuer_id
    initial["components"] = components_text(form.components)
    return initial
