"""The shared file box: every form styled by style_form gets it, in Vietnamese, and posts as before."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from tdkt.core.forms import VNFileInput, style_form


class _Form(forms.Form):
    title = forms.CharField()
    file = forms.FileField(label="Tệp báo cáo", widget=forms.ClearableFileInput(attrs={"accept": ".pdf"}))


def test_style_form_gives_file_fields_the_vietnamese_box_keeping_their_attributes():
    form = style_form(_Form())
    widget = form.fields["file"].widget
    assert isinstance(widget, VNFileInput)
    assert widget.attrs == {"accept": ".pdf", "class": "tdkt-file-input"}
    assert form.fields["title"].widget.attrs["class"] == "form-control"


def test_the_box_is_the_real_input_then_its_label_button_then_the_chosen_name():
    with translation.override("vi"):
        html = str(style_form(_Form())["file"])
        choose, nothing = translation.gettext("Choose a file"), translation.gettext("No file chosen")
    assert '<input type="file" name="file" accept=".pdf" class="tdkt-file-input" required id="id_file">' in html
    assert f'<label class="btn btn-outline-secondary btn-sm tdkt-file-button" for="id_file">{choose}</label>' in html
    assert f">{nothing}</span>" in html
    assert html.index('type="file"') < html.index("tdkt-file-button") < html.index("tdkt-file-name")
    assert "/static/js/file-input.js" in html  # the name is shown by a script file (the CSP allows no inline one)
    assert "Choose File" not in html


def test_the_box_posts_like_any_file_field():
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4", content_type="application/pdf")
    form = style_form(_Form(data={"title": "x"}, files={"file": upload}))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["file"].name == "bao-cao.pdf"
