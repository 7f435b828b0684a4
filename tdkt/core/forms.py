from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class VNDateInput(forms.DateInput):
    """A date box that shows and expects dd/mm/yyyy."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "class": "form-control", **(attrs or {})}, format="%d/%m/%Y"
        )


class VNFileInput(forms.ClearableFileInput):
    """A file box labelled in Vietnamese ("Chọn tệp", "Chưa chọn tệp"): the browser's own box says
    "Choose File" in the browser's language. The real input stays in the page, visually hidden but
    focusable, so the label opens the picker without JavaScript and the form posts as before;
    static/js/file-input.js only writes the chosen file's name beside the button."""

    template_name = "core/widgets/file_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs["class"] = "tdkt-file-input"


def style_form(form: forms.Form) -> forms.Form:
    for field in form.fields.values():
        if isinstance(field.widget, forms.FileInput) and not isinstance(field.widget, VNFileInput):
            attrs = {k: v for k, v in field.widget.attrs.items() if k != "class"}
            field.widget = VNFileInput(attrs=attrs)
            field.widget.is_required = field.required
            continue
        if isinstance(field, forms.ModelChoiceField):
            field.empty_label = _("— choose —")
        widget = field.widget
        css = (
            "form-check-input"
            if isinstance(widget, forms.CheckboxInput)
            else ("form-select" if isinstance(widget, forms.Select) else "form-control")
        )
        widget.attrs.setdefault("class", css)
    return form


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
