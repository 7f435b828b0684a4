"""Forms of the receiving side: appraising a nominee, recording a council vote, an objection and
how it was resolved.

Each form only shapes the input; the services (services/workflow.py) decide what is allowed."""

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import style_form

from .domain.ballot import Vote
from .models import Appraisal, AwardForm, Level, Nominee

RESULT_CHOICES = [
    (Appraisal.ACCEPTED.value, _("Accept the proposed form")),
    (Appraisal.REJECTED.value, _("Do not accept")),
    (Appraisal.CHANGED.value, _("Change to another form")),
]
VOTE_CHOICES = [
    (Vote.YES.value, _("In favour")),
    (Vote.NO.value, _("Against")),
    (Vote.ABSTAIN.value, _("Abstain (no vote)")),
]
VOTE_LABELS = dict(VOTE_CHOICES)


def current_forms(nominee: Nominee, on=None):
    """The catalogue versions in force today that fit the nominee (individual or collective)."""
    on = on or timezone.localdate()
    qs = AwardForm.objects.filter(effective_from__lte=on).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    qs = qs.filter(for_individual=True) if nominee.person_id else qs.filter(for_collective=True)
    rank = Case(*(When(level=level, then=Value(i)) for i, level in enumerate(Level.values)),
                default=Value(len(Level.values)), output_field=IntegerField())
    return qs.annotate(level_rank=rank).order_by("level_rank", "name")


class AppraiseForm(forms.Form):
    result = forms.ChoiceField(label=_("Appraisal result"), choices=RESULT_CHOICES)
    note = forms.CharField(label=_("Reason or note"), max_length=500, required=False,
                           help_text=_("Required when the nominee is not accepted or the form is changed."))
    final_award = forms.ModelChoiceField(label=_("Form after appraisal"), queryset=AwardForm.objects.none(),
                                         required=False)

    def __init__(self, *args, nominee: Nominee, **kwargs):
        kwargs.setdefault("auto_id", f"id_appraise{nominee.pk}_%s")
        super().__init__(*args, **kwargs)
        self.nominee = nominee
        self.fields["final_award"].queryset = current_forms(nominee).exclude(code=nominee.award.code)
        if not self.is_bound and nominee.appraisal != Appraisal.PENDING:
            self.initial = {"result": nominee.appraisal, "note": nominee.appraisal_note,
                            "final_award": nominee.final_award_id}
        style_form(self)

    def clean(self):
        data = super().clean()
        result = data.get("result")
        if result in (Appraisal.REJECTED, Appraisal.CHANGED) and not (data.get("note") or "").strip():
            self.add_error("note", _("Write the reason for not accepting or changing the form."))
        if result == Appraisal.CHANGED and not data.get("final_award"):
            self.add_error("final_award", _("Choose the form to change to."))
        return data


class VoteForm(forms.Form):
    """A member's own vote (nominee, vote) or, for the standing office, any member's (with member and
    whether it is the written vote of an absent member)."""

    nominee = forms.IntegerField(widget=forms.HiddenInput)
    member = forms.IntegerField(required=False, widget=forms.HiddenInput)
    vote = forms.ChoiceField(label=_("Vote"), choices=VOTE_CHOICES)
    in_writing = forms.BooleanField(label=_("written vote of an absent member"), required=False)


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("Content of the objection"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    sender = forms.CharField(label=_("Sent by"), max_length=200, required=False)
    nominee = forms.ModelChoiceField(label=_("Concerning the nominee"), queryset=Nominee.objects.none(),
                                     required=False)

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominee"].queryset = dossier.nominees.select_related("person", "collective", "award")
        self.fields["nominee"].label_from_instance = lambda n: f"{n.subject} — {n.awarded_form}"
        style_form(self)
        self.fields["nominee"].empty_label = _("— the whole list —")


class ObjectionResolveForm(forms.Form):
    """How the office resolved one objection; when the objection concerns a nominee, whether it was
    founded so that the nominee is no longer accepted (an explicit choice, never implied)."""

    resolution = forms.CharField(label=_("How the objection was resolved"), max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 error_messages={"required": _("Write how the objection was resolved.")},
                                 help_text=_("The result of checking it and the answer given to the sender."))
    reject_nominee = forms.BooleanField(label=_("The objection is founded: do not accept the nominee"),
                                        required=False)

    def __init__(self, *args, objection, **kwargs):
        kwargs.setdefault("auto_id", f"id_resolve{objection.pk}_%s")
        super().__init__(*args, **kwargs)
        if objection.nominee_id is None:
            del self.fields["reject_nominee"]
        style_form(self)
