import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form

from .domain.codes import (
    DISCIPLINE_FORMS,
    HONOURS,
    INITIATIVE_KINDS,
    INITIATIVE_SCOPES,
    RATINGS,
    REVIEW_REASONS,
    Target,
    honours_for,
)

YEAR_LABEL = _("Year")


def _year_field(label=YEAR_LABEL):
    field = forms.IntegerField(
        label=label, min_value=1945, max_value=datetime.date.today().year + 1, initial=datetime.date.today().year - 1
    )
    field.localize = False
    field.widget.is_localized = False
    return field


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class RatingForm(_Styled):
    year = _year_field()
    rating = forms.ChoiceField(label=_("Rating"), choices=list(RATINGS.items()))
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class HonourForm(_Styled):
    code = forms.ChoiceField(label=_("Title or form"))
    year = _year_field()
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=VNDateInput())
    issuer = forms.CharField(label=_("Issued by"), max_length=200, required=False)

    def __init__(self, *args, target: Target = Target.INDIVIDUAL, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(c, HONOURS[c][0]) for c in honours_for(target)]


class InitiativeForm(_Styled):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=list(INITIATIVE_KINDS.items()))
    scope = forms.ChoiceField(label=_("Scope of effect"), choices=list(INITIATIVE_SCOPES.items()))
    year = _year_field(_("Year recognised"))
    recognized_by = forms.CharField(label=_("Recognised by (decision)"), max_length=300, required=False)


class DisciplineForm(_Styled):
    form = forms.ChoiceField(label=_("Form"), choices=list(DISCIPLINE_FORMS.items()))
    start_date = forms.DateField(label=_("In force from"), widget=VNDateInput())
    end_date = forms.DateField(
        label=_("In force until"),
        required=False,
        widget=VNDateInput(),
        help_text=_("Leave empty while it is still in force."),
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60, required=False)


class ReviewFlagForm(_Styled):
    reason = forms.ChoiceField(label=_("Reason"), choices=list(REVIEW_REASONS.items()))
    opened_on = forms.DateField(label=_("From"), widget=VNDateInput())
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class RevokeForm(_Styled):
    revoked_on = forms.DateField(label=_("Revoked on"), widget=VNDateInput())
    reason = forms.CharField(label=_("Reason"), max_length=500)


class CloseReviewForm(_Styled):
    closed_on = forms.DateField(label=_("Resolved on"), widget=VNDateInput())


ADD_FORMS = {
    "rating": RatingForm,
    "honour": HonourForm,
    "initiative": InitiativeForm,
    "discipline": DisciplineForm,
    "review": ReviewFlagForm,
}
