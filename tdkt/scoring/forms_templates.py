"""Forms of the criteria-template pages: the editor (head, a grid of criteria rows, bands), the
import upload and the reason for a new version. The rows are checked together by
``template_rows.build_definition``; the fields here only carry text."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import scope_for
from tdkt.core.forms import style_form
from tdkt.core.uploads import XLSX, check_document
from tdkt.organizations.models import Organization

from .domain import TemplateError, template_from_html, template_from_markdown
from .excel_templates import ExcelFormError, read_template_workbook
from .template_rows import DEDUCTION, PER_COUNT, POINTS, BandRow, CriterionRow, Typed

MAX_GRID_ROWS = 500
MAX_BAND_ROWS = 20
BLANK_ROWS = 5  # blank rows offered below the criteria (and added by "add rows")
BLANK_BANDS = 2
UPLOAD_EXTENSIONS = (".xlsx", ".md", ".txt", ".html", ".htm")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
_BINARY_HEADS = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")


def template_owners(user):
    """Organisations the user may own a template for: those it manages, near the top of its scope
    (a province, its departments), in tree order."""
    qs = Organization.objects.filter(scope_for(user, "template.manage").q("path"), active_to__isnull=True)
    top = qs.aggregate(top=Min("depth"))["top"] or 0
    return qs.filter(depth__lte=max(1, top)).order_by("path")


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class TemplateHeadForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("For example KTMTH-2022."))
    owner = OwnerChoiceField(label=_("Owner organisation"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Name"), max_length=255)
    tie_break = forms.CharField(
        label=_("Sections compared when totals are equal"),
        required=False,
        max_length=500,
        help_text=_("Section codes in order of priority, separated by commas, e.g. V, I."),
    )

    def __init__(self, *args, owners=None, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields["owner"].queryset = owners if owners is not None else Organization.objects.none()
        else:
            del self.fields["code"], self.fields["owner"]
        style_form(self)


RULE_CHOICES = [
    ("", _("— (points; none for a section)")),
    (POINTS, _("Scored")),
    (PER_COUNT, _("Points for each time")),
    (DEDUCTION, _("Points deducted each time")),
]


class CriterionRowForm(forms.Form):
    """One row of the grid. Generous limits: the row checks give the messages naming the row."""

    code = forms.CharField(label=_("Item code"), required=False, max_length=100)
    parent = forms.CharField(label=_("Under item"), required=False, max_length=100)
    title = forms.CharField(
        label=_("Criterion"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    max = forms.CharField(label=_("Maximum points"), required=False, max_length=30)
    rule = forms.ChoiceField(label=_("Scoring rule"), required=False, choices=RULE_CHOICES)
    each = forms.CharField(label=_("Points each"), required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
        for name in ("code", "parent", "max", "each"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        for name in ("max", "each"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        self.fields["title"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["rule"].widget.attrs["class"] = "form-select form-select-sm"
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label


class BandRowForm(forms.Form):
    label = forms.CharField(label=_("Classification"), required=False, max_length=200)
    min = forms.CharField(label=_("From (points)"), required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
            field.widget.attrs["aria-label"] = field.label
        self.fields["min"].widget.attrs["inputmode"] = "decimal"


CriterionRowFormSet = forms.formset_factory(
    CriterionRowForm, extra=0, max_num=MAX_GRID_ROWS, absolute_max=MAX_GRID_ROWS, validate_max=True
)
BandRowFormSet = forms.formset_factory(
    BandRowForm, extra=0, max_num=MAX_BAND_ROWS, absolute_max=MAX_BAND_ROWS, validate_max=True
)


def criterion_rows(formset) -> list[CriterionRow]:
    """The grid's rows (numbered from 1 as shown) from a valid formset."""
    numbers = {"max", "each"}  # typed the Vietnamese way ("2,5"), as in every form
    return [
        CriterionRow(
            number=index,
            **{
                k: Typed(form.cleaned_data.get(k) or "") if k in numbers else form.cleaned_data.get(k) or ""
                for k in CriterionRowForm.base_fields
            },
        )
        for index, form in enumerate(formset.forms, start=1)
    ]


def band_rows(formset) -> list[BandRow]:
    return [
        BandRow(number=index, label=form.cleaned_data.get("label") or "", min=Typed(form.cleaned_data.get("min") or ""))
        for index, form in enumerate(formset.forms, start=1)
    ]


class VersionForm(forms.Form):
    change_note = forms.CharField(
        label=_("Reason for the new version"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class TemplateImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "Our Excel form (.xlsx), or a criteria table in Markdown, text or HTML (.md, .txt, .html) "
            "with the columns TT, Tiêu chí, Điểm chuẩn. At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(UPLOAD_EXTENSIONS)}),
    )
    code = forms.CharField(label=_("Code"), max_length=40, help_text=_("For example KTMTH-2022."))
    owner = OwnerChoiceField(label=_("Owner organisation"), queryset=Organization.objects.none())
    name = forms.CharField(label=_("Name"), max_length=255)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners if owners is not None else Organization.objects.none()
        style_form(self)

    def clean_file(self):
        """The upload read into ``cleaned_data["definition"]``; every problem on the file field."""
        upload = self.cleaned_data["file"]
        self.definition = read_upload(upload)
        return upload


def read_upload(upload) -> dict:
    """The definition in an uploaded file (Excel form, Markdown/text or HTML table), or a
    ValidationError with every problem (an Excel file with bad rows: one message per problem)."""
    name = (upload.name or "").lower()
    if not name.endswith(UPLOAD_EXTENSIONS):
        raise ValidationError(_("Only the Excel form (.xlsx) or a Markdown, text or HTML file is accepted."))
    if name.endswith(".xlsx"):
        try:
            check_document(upload, kinds=(XLSX,), max_bytes=MAX_UPLOAD_BYTES, field="file")
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        try:
            return read_template_workbook(upload)
        except ExcelFormError as exc:
            raise ValidationError(exc.messages) from None
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    upload.seek(0)
    content = upload.read()
    if not content.strip():
        raise ValidationError(_("The file is empty."))
    if content.startswith(_BINARY_HEADS) or b"\x00" in content:
        raise ValidationError(_("The file is not a text file (Markdown, text or HTML)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is not UTF-8 text; save it with UTF-8 encoding.")) from None
    html = name.endswith((".html", ".htm")) or text.lstrip().startswith("<")
    try:
        imported = (template_from_html if html else template_from_markdown)(text, code="")
    except TemplateError as exc:
        raise ValidationError(exc.one_line()) from None
    return {key: imported[key] for key in ("items", "bands", "tie_break")}
