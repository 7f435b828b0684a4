"""The download pages: scoped like the movement (404 outside), attachments with a Vietnamese file
name and an ASCII fallback, one DOCUMENT_GENERATED audit event per document, clear errors."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from conftest import make_user
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.documents import generation
from tdkt.movements.models import MovementStatus

from .helpers import docx_text, pdf_text, require_soffice

pytestmark = pytest.mark.urls("tdkt.documents.tests.urls")


def url(movement, kind="ke-hoach", fmt="docx"):
    return reverse("documents:movement", kwargs={"pk": movement.pk, "kind": kind, "fmt": fmt})


def generated_events():
    return AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GENERATED)


@pytest.fixture
def with_app(settings):
    """The error page's template lives in the app; install it if the lead has not yet."""
    if "tdkt.documents" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tdkt.documents"]


@pytest.mark.parametrize("kind", list(generation.KINDS))
def test_docx_download_is_an_attachment_and_audited(client, world, seed_movement, kind):
    client.force_login(world.users["standing_office"])
    response = client.get(url(seed_movement, kind), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    assert response["Content-Type"] == generation.DOCX_CONTENT_TYPE
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in docx_text(response.content)

    disposition = response["Content-Disposition"]
    label = generation.KINDS[kind].label
    assert disposition.startswith("attachment; ")
    fallback = {
        "ke-hoach": "ke-hoach",
        "chuong-trinh-cong-tac": "chuong-trinh-cong-tac",
        "giao-uoc": "giao-uoc-thi-dua",
    }
    assert f'filename="{fallback[kind]}-01-kh-ktd.docx"' in disposition
    assert disposition.split("filename*=UTF-8''")[1].isascii()
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"{label} 01-KH-KTĐ.docx"

    event = generated_events().get()
    assert event.actor == world.users["standing_office"]
    assert event.target_id == str(seed_movement.pk)
    assert event.organization == seed_movement.organization
    assert event.extra == {"document": kind, "format": "docx", "bytes": len(response.content), "template": "default"}
    assert event.ip_address == "10.1.2.3"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("standing_office", 200),
        ("block_head", 200),  # the issuing unit (head of the block)
        ("unit_officer", 200),  # a participant
        ("viewer", 200),
        ("nobody", 404),
    ],
)
def test_download_follows_the_movement_scope(client, world, seed_movement, role, status):
    client.force_login(world.users[role])
    response = client.get(url(seed_movement, "giao-uoc"))
    assert response.status_code == status
    assert generated_events().count() == (1 if status == 200 else 0)


def test_another_provinces_user_gets_404(client, world, seed_movement):
    outsider = make_user("thuongtruc_tq", "standing_office", world.orgs["Q"])
    client.force_login(outsider)
    for kind in generation.KINDS:
        for fmt in ("docx", "pdf"):
            response = client.get(url(seed_movement, kind, fmt))
            assert response.status_code == 404
            assert "Khối các cơ quan" not in response.text
    assert not generated_events().exists()


def test_a_draft_is_only_for_those_who_manage_it(client, world, seed_movement):
    type(seed_movement).objects.filter(pk=seed_movement.pk).update(status=MovementStatus.DRAFT)
    client.force_login(world.users["viewer"])
    assert client.get(url(seed_movement)).status_code == 404
    client.force_login(world.users["standing_office"])
    assert client.get(url(seed_movement)).status_code == 200


def test_unknown_kind_or_format_is_404(client, world, seed_movement):
    client.force_login(world.users["admin"])
    assert client.get(f"/movements/{seed_movement.pk}/documents/quyet-dinh.docx").status_code == 404
    assert client.get(f"/movements/{seed_movement.pk}/documents/ke-hoach.doc").status_code == 404
    assert client.get(f"/movements/{seed_movement.pk}/documents/ke-hoach.html").status_code == 404
    assert client.post(url(seed_movement)).status_code == 405
    assert not generated_events().exists()


def test_anonymous_is_sent_to_login(client, seed_movement):
    response = client.get(url(seed_movement))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_pdf_without_libreoffice_is_a_clear_error_and_not_audited(client, world, seed_movement, monkeypatch, with_app):
    monkeypatch.setattr(generation, "soffice_path", lambda: None)
    client.force_login(world.users["standing_office"])
    response = client.get(url(seed_movement, "ke-hoach", "pdf"))
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert "Máy chủ chưa cài LibreOffice" in response.text
    assert "Content-Disposition" not in response
    assert not generated_events().exists()


def test_broken_custom_template_is_a_clear_error(client, world, seed_movement, settings, tmp_path, with_app):
    settings.MEDIA_ROOT = tmp_path
    default_storage.save(generation.override_name("ke-hoach"), ContentFile(b"not a word file"))
    client.force_login(world.users["standing_office"])
    response = client.get(url(seed_movement))
    assert response.status_code == 500
    assert "Mẫu phải là tệp Word" in response.text
    assert not generated_events().exists()


@pytest.mark.libreoffice
def test_pdf_download(client, world, seed_movement):
    require_soffice()
    client.force_login(world.users["unit_officer"])
    response = client.get(url(seed_movement, "chuong-trinh-cong-tac", "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="chuong-trinh-cong-tac-01-kh-ktd.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    assert "QUÝ IV/2022" in pdf_text(response.content)
    assert generated_events().get().extra["format"] == "pdf"


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("standing_office", 200), ("viewer", 404), ("nobody", 404)]
)
def test_template_download_for_those_who_issue_plans(client, world, role, status):
    client.force_login(world.users[role])
    response = client.get(reverse("documents:template", kwargs={"kind": "giao-uoc"}))
    assert response.status_code == status
    if status == 200:
        assert response.content == (generation.TEMPLATES_DIR / "giao_uoc.docx").read_bytes()
        assert 'filename="mau-giao-uoc-thi-dua.docx"' in response["Content-Disposition"]
