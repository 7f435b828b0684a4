"""Files through Django's storage API on an S3-compatible store (issue 12, point 3): the real upload,
download, generation and import paths against moto's server (tests/conftest.py), nothing written
under MEDIA_ROOT, every download streamed through the application as an attachment (the bucket is
private: no public URL is ever handed out), /healthz's storage check against the bucket, and the
settings that build the S3 storage from the environment in every settings module."""

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from tdkt.awards.models import Attachment, CertificateBatch, CertificateBatchStatus
from tdkt.awards.services.dossiers import dossier_create, nominee_add
from tdkt.awards.tests.conftest import PDF, awards  # noqa: F401 - the fixture
from tdkt.awards.tests.test_documents import awaiting_dossier, issue
from tdkt.documents import generation
from tdkt.documents.tests.conftest import seed_movement  # noqa: F401 - the fixture
from tdkt.documents.tests.helpers import docx_text
from tdkt.organizations.importers import import_job_create, import_job_start
from tdkt.organizations.models import ImportStatus, Organization
from tdkt.organizations.tests.import_files import ORG_HEADERS, upload

pytestmark = pytest.mark.django_db
BASE_DIR = Path(settings.BASE_DIR)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _assert_safe_attachment(response):
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert "no-store" in response["Cache-Control"]
    assert "Location" not in response  # streamed by the application, never a redirect to the bucket


@pytest.fixture
def no_libreoffice(monkeypatch):
    """Issuing a decision converts its DOCX with LibreOffice: not what these tests are about."""
    monkeypatch.setattr(generation, "docx_to_pdf", lambda data, **kw: b"%PDF-1.4 test\n%%EOF")


def test_the_default_storage_is_the_bucket(s3):
    from storages.backends.s3 import S3Storage

    assert isinstance(default_storage, S3Storage)
    name = default_storage.save("probe/a.txt", ContentFile(b"one"))
    again = default_storage.save("probe/a.txt", ContentFile(b"two"))
    # A taken name gets a suffix, as on the filesystem: two uploads of "report.pdf" never overwrite.
    assert name == "probe/a.txt"
    assert again != name
    assert s3.keys("probe/") == sorted([name, again])
    assert (s3.read(name), s3.read(again)) == (b"one", b"two")
    # Private: no ACL that grants anyone (moto answers the owner's grant only).
    grants = s3.client.get_object_acl(Bucket=s3.bucket, Key=name)["Grants"]
    assert all(g["Grantee"].get("URI", "").rsplit("/", 1)[-1] not in {"AllUsers", "AuthenticatedUsers"} for g in grants)
    with pytest.raises(FileNotFoundError):
        default_storage.open("probe/missing.txt")


def test_an_attachment_is_uploaded_to_and_downloaded_from_the_bucket(client, awards, s3):  # noqa: F811
    officer = awards.world.users["unit_officer"]
    dossier = dossier_create(
        actor=officer,
        round=awards.round,
        organization=awards.world.orgs["FIN"],
        title="Tờ trình đề nghị khen thưởng năm 2025",
    )
    nominee_add(actor=officer, dossier=dossier, award=awards.forms["GK_STC"], person=awards.world.people["fin"])
    client.force_login(officer)
    response = client.post(
        reverse("awards:attachment_add", args=[dossier.pk]),
        {
            "component": "to_trinh",
            "file": SimpleUploadedFile("Tờ trình.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(dossier=dossier)
    assert s3.keys("dossiers/") == [attachment.file.name]
    assert s3.read(attachment.file.name) == PDF
    assert _media_files() == []

    download = client.get(reverse("awards:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download.streaming
    _assert_safe_attachment(download)
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh.pdf" in download["Content-Disposition"]
    assert _body(download) == PDF

    # Gone from the bucket: the page's 404, not a 500.
    s3.client.delete_object(Bucket=s3.bucket, Key=attachment.file.name)
    assert client.get(reverse("awards:attachment", args=[attachment.pk])).status_code == 404


def test_a_decisions_documents_and_certificates_are_kept_in_the_bucket(client, awards, s3, no_libreoffice):  # noqa: F811
    decision = issue(awards, awaiting_dossier(awards))
    decision.refresh_from_db()
    assert decision.docx.name.startswith("decisions/")
    assert decision.pdf.name.startswith("decisions/")
    assert {decision.docx.name, decision.pdf.name} <= set(s3.keys("decisions/"))
    client.force_login(awards.world.users["unit_officer"])

    docx = client.get(reverse("awards:decision_docx", args=[decision.pk]))
    assert docx.status_code == 200
    _assert_safe_attachment(docx)
    body = _body(docx)
    assert body == s3.read(decision.docx.name)
    assert "QUYẾT ĐỊNH" in docx_text(body).upper()

    # The certificates: rendered by WeasyPrint in the request (three awardees), kept in the bucket,
    # and the next download is the kept file.
    first = client.get(reverse("awards:certificates", args=[decision.pk]))
    assert first.status_code == 200, first.content[:500]
    _assert_safe_attachment(first)
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.READY
    assert batch.file.name in s3.keys("certificates/")
    kept = s3.read(batch.file.name)
    assert kept.startswith(b"%PDF-")
    assert _body(first) == kept
    second = client.get(reverse("awards:certificates", args=[decision.pk]))
    assert second.status_code == 200
    assert second.streaming
    assert _body(second) == kept
    assert CertificateBatch.objects.get(decision=decision).file.name == batch.file.name
    assert _media_files() == []


def test_a_clerks_document_template_is_read_from_the_bucket(client, world, seed_movement, s3):  # noqa: F811
    assert not generation.load_template("ke-hoach").custom
    document = Document(str(generation.TEMPLATES_DIR / "ke_hoach.docx"))
    document.add_paragraph("Mẫu riêng trong kho S3: {{ movement.title }}")
    out = BytesIO()
    document.save(out)
    s3.client.put_object(Bucket=s3.bucket, Key="document_templates/ke_hoach.docx", Body=out.getvalue())

    assert generation.load_template("ke-hoach").custom
    assert "Mẫu riêng trong kho S3: Tổ chức thực hiện phong trào thi đua" in docx_text(
        generation.render_docx("ke-hoach", seed_movement)
    )
    client.force_login(world.users["standing_office"])
    response = client.get(
        reverse("documents:movement", kwargs={"pk": seed_movement.pk, "kind": "ke-hoach", "fmt": "docx"})
    )
    assert response.status_code == 200
    assert "Mẫu riêng trong kho S3" in docx_text(response.content)
    template = client.get(reverse("documents:template", kwargs={"kind": "ke-hoach"}))
    assert template.status_code == 200
    assert template.content == out.getvalue()
    assert template["Content-Disposition"].startswith("attachment")


def test_an_import_jobs_file_lives_in_the_bucket_until_the_job_ends(world, s3, django_capture_on_commit_callbacks):
    rows = [["S3-A", "Phòng Kho dữ liệu", "", "Phòng, ban, trung tâm, chi cục", "Cấp đơn vị", "FIN", None]]
    job = import_job_create(actor=world.users["admin"], kind="organizations", upload=upload(ORG_HEADERS, rows))
    assert job.file.name.startswith("imports/")
    assert s3.keys("imports/") == [job.file.name]
    assert s3.read(job.file.name).startswith(b"PK")
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(job=job)
    assert job.status == ImportStatus.DONE, job.errors
    assert Organization.objects.filter(code="S3-A").exists()
    assert s3.keys("imports/") == []  # the rows are in the database; personal data is not kept in files
    assert _media_files() == []


def test_healthz_checks_the_bucket(client, s3):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["storage"] == "ok"
    assert s3.keys() == []  # its probe file is removed again
    s3.client.delete_bucket(Bucket=s3.bucket)  # the store is gone: the check says so
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


def test_every_settings_module_takes_the_storage_from_the_environment():
    """TDKT_STORAGE=s3 and its variables give S3 in base (dev), prod, demo and test alike; without
    them, the filesystem."""
    code = (
        "import importlib, json, sys\n"
        "print(json.dumps({m: importlib.import_module('config.settings.' + m).STORAGES['default'] "
        "for m in ('dev', 'prod', 'demo', 'test')}))"
    )
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TDKT_", "AWS_", "DJANGO_")) and k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    common = {**keep, "SECRET_KEY": "s" * 50, "DATABASE_URL": "sqlite:////tmp/tdkt-settings-probe.sqlite3"}
    s3_env = {
        **common,
        "TDKT_STORAGE": "s3",
        "TDKT_S3_BUCKET": "tdkt-files",
        "TDKT_S3_REGION": "ap-southeast-1",
        "TDKT_S3_ENDPOINT_URL": "https://s3.example.internal",
    }

    def storages(env):
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    for module, storage in storages(s3_env).items():
        assert storage["BACKEND"] == "storages.backends.s3.S3Storage", module
        options = storage["OPTIONS"]
        assert options["bucket_name"] == "tdkt-files", module
        assert options["region_name"] == "ap-southeast-1", module
        assert options["endpoint_url"] == "https://s3.example.internal", module
        assert options["default_acl"] is None, module
        assert options["querystring_auth"] is True, module
        assert options["file_overwrite"] is False, module
        assert not {"access_key", "secret_key"} & set(options), module  # keys only from the environment
    for module, storage in storages(common).items():
        assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}, module

    missing = subprocess.run(
        [sys.executable, "-c", code],
        env={**common, "TDKT_STORAGE": "s3"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode != 0
    assert "TDKT_S3_BUCKET" in missing.stderr
