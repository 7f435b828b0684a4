"""The shipped templates: in step with their builder, well-formed, using only known variables; and a
clerk's own template in the file storage under document_templates/ taking their place."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from docx import Document
from docxtpl import DocxTemplate

from tdkt.documents import build_templates, generation

from .helpers import docx_text

# The parts this project writes; the rest comes from python-docx's default template.
PARTS = ["word/document.xml", "word/header1.xml"]


def test_committed_templates_match_the_builder(tmp_path):
    """Someone who edits build_templates.py must rebuild the committed .docx files (and vice versa)."""
    build_templates.build_all(tmp_path)
    for name in build_templates.BUILDERS:
        with zipfile.ZipFile(generation.TEMPLATES_DIR / name) as committed, zipfile.ZipFile(tmp_path / name) as fresh:
            for part in PARTS:
                assert committed.read(part) == fresh.read(part), (
                    f"{name}:{part} differs; run python -m tdkt.documents.build_templates"
                )


@pytest.mark.parametrize("kind", list(generation.KINDS))
def test_templates_use_only_known_variables(kind, seed_movement):
    template = DocxTemplate(str(generation.TEMPLATES_DIR / generation.KINDS[kind].template))
    variables = template.get_undeclared_template_variables()
    assert variables, "no tags found"
    assert variables <= set(generation.build_context(seed_movement)), variables - set(
        generation.build_context(seed_movement)
    )


def _custom_template(settings, tmp_path, extra_paragraph: str) -> str:
    settings.MEDIA_ROOT = tmp_path
    document = Document(str(generation.TEMPLATES_DIR / "ke_hoach.docx"))
    document.add_paragraph(extra_paragraph)
    out = BytesIO()
    document.save(out)
    name = default_storage.save(generation.override_name("ke-hoach"), ContentFile(out.getvalue()))
    assert name == "document_templates/ke_hoach.docx"
    return name


def test_a_clerks_template_replaces_the_shipped_one(settings, tmp_path, seed_movement):
    name = _custom_template(settings, tmp_path, "Mẫu riêng của văn thư: {{ movement.title }} — {{ header.number }}")
    assert generation.load_template("ke-hoach").custom
    text = docx_text(generation.render_docx("ke-hoach", seed_movement))
    assert "Mẫu riêng của văn thư: Tổ chức thực hiện phong trào thi đua" in text
    assert "— 01/KH-KTĐ" in text
    # The other documents still use the shipped templates; removing the file restores the shipped one.
    assert not generation.load_template("giao-uoc").custom
    default_storage.delete(name)
    assert "Mẫu riêng" not in docx_text(generation.render_docx("ke-hoach", seed_movement))


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        ("{{ movement.tittle }}", "tittle"),  # a typo is an error naming the variable, not a blank
        ("{% for x in %}", "có lỗi"),
        ("{{ header.__class__.__mro__ }}", "có lỗi"),  # the sandbox refuses internals
        ("{{ movement.title.format.__globals__ }}", "có lỗi"),
    ],
)
def test_a_broken_template_is_a_clear_vietnamese_error(settings, tmp_path, seed_movement, paragraph, message):
    _custom_template(settings, tmp_path, paragraph)
    with pytest.raises(generation.DocumentError) as caught:
        generation.render_docx("ke-hoach", seed_movement)
    assert "Mẫu Kế hoạch (mẫu riêng ke_hoach.docx)" in caught.value.message
    assert message in caught.value.message


def test_a_file_that_is_not_a_word_document_is_refused(settings, tmp_path, seed_movement):
    settings.MEDIA_ROOT = tmp_path
    default_storage.save(generation.override_name("giao-uoc"), ContentFile(b"<html>not a docx</html>"))
    with pytest.raises(generation.DocumentError, match="Mẫu phải là tệp Word"):
        generation.render_docx("giao-uoc", seed_movement)
