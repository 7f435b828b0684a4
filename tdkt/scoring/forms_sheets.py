"""Forms of the score-sheet and review pages, and the rows of the sheet's table they fill.

A score is typed the Vietnamese way ("12,5"; a count "3") in a text box (a browser's number box
read "2,5" as 25); a blank box is "not scored" (None). "12.5" is refused with a message showing
"12,5" (``tdkt.core.domain.numbers``); a count must be whole, points have at most 2 decimals.
The leaf rules (range above all) are the services' to check again: the form only turns text into
numbers and names the item whose box holds something else.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.core.domain.numbers import format_number
from tdkt.core.numbers_form import NumberField

from .domain import Item, RuleType, Template
from .domain.numbers import mean
from .services.common import MAX_COMMENT, clean_entries

FORM_ID = "score-form"


class ScoreField(NumberField):
    """Points (2 decimals) or a count (whole) for one leaf: a Decimal, None when blank; the
    messages name the item ("Mục I.2: …"). Nothing typed is negative (a deduction is a count);
    the ranges are the services', which name the item's range."""

    def __init__(self, *, item: Item, **kwargs):
        self.item = item
        attrs = {"form": FORM_ID, "class": "form-control form-control-sm"}
        if item.counted:
            attrs["aria-label"] = _("Number of times, item %s") % item.code
        else:
            attrs["aria-label"] = _("Points, item %s") % item.code
        super().__init__(
            decimals=0 if item.counted else 2,
            negative=False,
            max_digits=7 + (0 if item.counted else 2),  # the database keeps 7 digits before the point
            message_name=_("Item %s") % item.code,
            required=False,
            **kwargs,
        )
        self.widget.attrs.update(attrs)

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else Decimal(number)


class ScoreForm(forms.Form):
    """One scorer's boxes for every leaf: ``v_<code>`` (points or count) and ``c_<code>`` (comment)."""

    def __init__(self, *args, template: Template, entries: dict, disabled: bool = False, **kwargs):
        initial = {}
        for code, (value, comment) in entries.items():
            initial[f"v_{code}"] = value
            initial[f"c_{code}"] = comment
        super().__init__(*args, initial=initial, **kwargs)
        self.leaves = list(template.leaves())
        for leaf in self.leaves:
            self.fields[f"v_{leaf.code}"] = ScoreField(item=leaf, disabled=disabled)
            self.fields[f"c_{leaf.code}"] = forms.CharField(
                required=False,
                max_length=MAX_COMMENT,
                disabled=disabled,
                widget=forms.Textarea(
                    attrs={
                        "rows": 1,
                        "form": FORM_ID,
                        "class": "form-control form-control-sm",
                        "aria-label": _("Comment, item %s") % leaf.code,
                    }
                ),
            )

    def entries(self) -> dict:
        """{code: (value, comment)} of every leaf whose boxes parsed (all of them on a valid form)."""
        data = getattr(self, "cleaned_data", {})
        out = {}
        for leaf in self.leaves:
            if f"v_{leaf.code}" in data:
                out[leaf.code] = (data[f"v_{leaf.code}"], data.get(f"c_{leaf.code}", ""))
        return out

    def item_errors(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, errors in self.errors.items():
            if name.startswith(("v_", "c_")):
                out.setdefault(name[2:], []).extend(errors)
        return out

    def check_the_rest(self, template: Template, *, who: str) -> None:
        """With some boxes not numbers, the others are checked too so every fault shows at once."""
        try:
            clean_entries(template, self.entries(), who=who)
        except ValidationError as exc:
            self.add_service_error(exc)

    def add_service_error(self, error: ValidationError) -> None:
        """A service's ValidationError: item codes onto the item's box, the rest on top of the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for key, messages in error.message_dict.items():
            name = f"v_{key}"
            self.add_error(name if name in self.fields else None, messages)


def saved_entries(owner) -> dict:
    """{code: (value, comment)} of a sheet's or a review's saved entries."""
    return {e.item_code: (e.value, e.comment) for e in owner.entries.all()}


def values_of(entries: dict) -> dict:
    return {code: value for code, (value, _comment) in entries.items() if value is not None}


def evidence_by_item(sheet) -> dict:
    out: dict = {}
    for evidence in sheet.evidence.all():
        out.setdefault(evidence.item_code, []).append(evidence)
    return out


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class EvidenceForm(forms.Form):
    item_code = forms.CharField(max_length=40)
    file = forms.FileField(required=False)


def rule_text(item: Item) -> str:
    if item.rule is RuleType.PER_COUNT:
        return _("%(each)s points each time, at most %(max)s") % {
            "each": format_number(item.points_each),
            "max": format_number(item.max),
        }
    if item.rule is RuleType.DEDUCTION:
        return _("minus %(each)s points each time") % {"each": format_number(item.points_each)}
    return ""


@dataclass
class Row:
    """One line of the sheet's table: a section (subtotal) or a leaf (boxes, evidence)."""

    item: Item
    depth: int
    value: Decimal | None = None  # the saved points or count
    comment: str = ""
    score: Decimal | None = None  # the saved entry's computed points (a section's subtotal)
    box: object = None  # the form's bound fields, when there is a form
    comment_box: object = None
    evidence: list = field(default_factory=list)
    reviews: list = field(default_factory=list)  # each shown review's score of the item
    final: Decimal | None = None  # the reviews' mean (Điểm thẩm định)
    errors: list = field(default_factory=list)
    own_value: Decimal | None = None  # on a review: the member's self-score beside the reviewer's
    own_score: Decimal | None = None
    own_comment: str = ""

    @property
    def code(self) -> str:
        return self.item.code

    @property
    def indent(self) -> str:
        return f"ps-{min(self.depth * 2, 5)}"

    @property
    def rule(self) -> str:
        return rule_text(self.item)

    @property
    def counted(self) -> bool:
        return self.item.counted


def table_rows(
    template: Template, *, scores, entries: dict, form=None, evidence=None, reviews=(), own=None
) -> list[Row]:
    """The sheet's lines in the template's order. ``scores`` is ``domain.Scores`` of the saved
    entries; ``reviews`` the shown reviews' Scores (their mean is the final figure); ``own`` the
    member's (entries, Scores) shown beside a reviewer's boxes."""
    rows = []
    errors = form.item_errors() if form is not None and form.is_bound else {}

    def visit(item: Item, depth: int) -> None:
        value, comment = entries.get(item.code, (None, ""))
        row = Row(item=item, depth=depth, value=value, comment=comment, score=scores.items.get(item.code))
        if own is not None:
            row.own_value, row.own_comment = own[0].get(item.code, (None, ""))
            row.own_score = own[1].items.get(item.code)
        if reviews:
            row.reviews = [review.items.get(item.code) for review in reviews]
            row.final = mean(row.reviews)
        if not item.is_section:
            row.evidence = (evidence or {}).get(item.code, [])
            row.errors = errors.get(item.code, [])
            if form is not None:
                row.box, row.comment_box = form[f"v_{item.code}"], form[f"c_{item.code}"]
        rows.append(row)
        for child in item.children:
            visit(child, depth + 1)

    for item in template.items:
        visit(item, 0)
    return rows
