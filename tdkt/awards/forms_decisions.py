"""Forms of the decision pages: issue a decision, forward a dossier to the authority above, revoke."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form
from tdkt.rules.domain.legal_bases import legal_bases_on

from .models import DEFAULT_RECIPIENTS

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]


def default_symbol(issuer) -> str:
    """ "QĐ-UBND" for a province, else the initials of the issuer ("Sở Tài chính" → "QĐ-STC")."""
    if issuer.kind == "province":
        return "QĐ-UBND"
    words = re.findall(r"\w+", issuer.name)
    initials = "".join(word[0].upper() for word in words if word[0].isalpha())
    return f"QĐ-{initials[:10]}" if initials else "QĐ-UBND"


def default_legal_bases(issuer, on=None) -> str:
    """The "Căn cứ" lines in force on ``on`` (the decision's date; today for the blank form)."""
    bases = legal_bases_on(on or timezone.localdate())
    return "\n".join(bases.lines(province=issuer.kind == "province", issuer_name=issuer.name))


def _same_text(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").strip() == b.replace("\r\n", "\n").strip()


def decision_initial(issuer, nominees) -> dict:
    forms_ = []
    for nominee in nominees:
        form = nominee.awarded_form
        if form not in forms_:
            forms_.append(form)
    names = ", ".join(f.name for f in forms_)
    return {
        "date": timezone.localdate(),
        "symbol": default_symbol(issuer),
        "subject": f"Về việc tặng {names}"[:300],
        "signer_title": next((f.decider_title for f in forms_ if f.decider_title), ""),
        "legal_bases": default_legal_bases(issuer),
        "recipients": DEFAULT_RECIPIENTS,
    }


class DecisionForm(forms.Form):
    date = forms.DateField(label=_("Decision date"), input_formats=DATE_FORMATS, widget=VNDateInput())
    symbol = forms.CharField(label=_("Document symbol"), max_length=40,
                             help_text=_("The part after the number, e.g. QĐ-UBND or QĐ-SNV."))
    subject = forms.CharField(label=_("Subject (trích yếu)"), max_length=300)
    signer_name = forms.CharField(label=_("Signed by"), max_length=200)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=200,
                                   widget=forms.Textarea(attrs={"rows": 2}),
                                   help_text=_("One line each, e.g. \"KT. GIÁM ĐỐC\" then \"PHÓ GIÁM ĐỐC\"."))
    legal_bases = forms.CharField(
        label=_("Legal bases"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One basis per line. Left as shown, the bases in force on the decision date are printed."),
    )
    recipients = forms.CharField(label=_("Recipients (Nơi nhận)"), max_length=4000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("One recipient per line, as printed under the decision."))

    def __init__(self, *args, issuer=None, **kwargs):
        self.issuer = issuer
        super().__init__(*args, **kwargs)
        style_form(self)

    def clean(self):
        data = super().clean()
        # The blank form shows the bases in force today; a clerk who leaves them as shown but dates
        # the decision in another regime (27/12/2024: Nghị định 98/2023, not 152/2025) gets the
        # bases in force on the decision's date. Bases the clerk edited are theirs and stay.
        day, bases = data.get("date"), data.get("legal_bases")
        shown = self.initial.get("legal_bases")
        if self.issuer is not None and day and bases and shown and _same_text(bases, shown):
            data["legal_bases"] = default_legal_bases(self.issuer, on=day)
        return data


class ForwardForm(forms.Form):
    round = forms.ModelChoiceField(label=_("Round of the authority above"), queryset=None)
    reason = forms.CharField(label=_("Note"), required=False, max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["round"].label_from_instance = lambda r: f"{r.title} — {r.authority.name} ({r.year})"
        style_form(self)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), max_length=500,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
