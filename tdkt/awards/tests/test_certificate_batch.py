"""Certificates kept once rendered (CertificateBatch): a small decision's are rendered in the request
and the next download serves the kept file; a large one's are queued once for the background task,
which renders and keeps them; a failure is shown with its message and can be retried by the standing
office or the approver; a stale or revoked decision's file is never served; out of scope is 404; the
API answers 202 while the batch is under way, then the file."""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import OperationalError, connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import Api
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.models import Awardee, CertificateBatch, CertificateBatchStatus
from tdkt.awards.services import certificates as service
from tdkt.awards.services.decisions import decision_revoke
from tdkt.documents.tests.helpers import pdf_info, pdf_text

from .conftest import PDF
from .test_documents import awaiting_dossier, issue

LARGE = override_settings(TDKT_CERTIFICATES_INLINE_MAX=1)  # the test decision's 3 awardees are "large"


@pytest.fixture
def fake_pdf(monkeypatch):
    """Issuing converts the DOCX with LibreOffice; not what these tests are about."""
    import tdkt.documents.generation as generation

    monkeypatch.setattr(generation, "docx_to_pdf", lambda data, **kw: b"%PDF-1.4 test\n%%EOF")


@pytest.fixture
def renders(monkeypatch):
    """Count the renderings (WeasyPrint replaced by a one-page PDF); ``fail`` makes the next ones raise."""

    class Renderer:
        calls = 0
        fail = ""

        def __call__(self, decision):
            self.calls += 1
            if self.fail:
                raise RuntimeError(self.fail)
            return PDF + f"% {decision.reference}\n".encode()

    renderer = Renderer()
    monkeypatch.setattr("tdkt.awards.certificates.certificates_pdf", renderer)
    return renderer


@pytest.fixture
def decision(awards, fake_pdf):
    return issue(awards, awaiting_dossier(awards))


def _url(decision, name="awards:certificates"):
    return reverse(name, args=[decision.pk])


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _generated(decision):
    return AuditEvent.objects.filter(event_type=AuditEventType.DOCUMENT_GENERATED, target_id=str(decision.pk),
                                     after__file="certificates")


def test_small_decision_is_rendered_in_the_request_and_kept(client, awards, decision, renders,
                                                             django_capture_on_commit_callbacks):
    client.force_login(awards.world.users["unit_officer"])
    first = client.get(_url(decision))
    assert first.status_code == 200
    assert first["Content-Disposition"].startswith("attachment")
    assert "bang-khen-1-2025.pdf" in first["Content-Disposition"]
    assert first["X-Content-Type-Options"] == "nosniff"
    assert _body(first).startswith(b"%PDF")
    assert renders.calls == 1
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.READY
    assert batch.pages == 3
    assert batch.file.name.startswith("certificates/2025/")
    assert batch.fingerprint == service.certificates_fingerprint(decision)
    kept = batch.file.name

    second = client.get(_url(decision))  # served from the kept file: not rendered again
    assert second.status_code == 200
    assert second.streaming
    assert _body(second) == _body(first)
    assert second["Content-Disposition"].startswith("attachment")
    assert renders.calls == 1
    assert _generated(decision).count() == 1
    event = _generated(decision).get()
    assert event.actor == awards.world.users["unit_officer"]
    assert event.after == {"file": "certificates", "pages": 3, "background": False}

    # Something printed changed: the kept file is stale, never served; rendered again and replaced.
    Awardee.objects.filter(decision=decision, golden_book_number=1).update(position="Phó Trưởng phòng")
    with django_capture_on_commit_callbacks(execute=True):
        third = client.get(_url(decision))
    assert third.status_code == 200
    assert renders.calls == 2
    batch.refresh_from_db()
    assert batch.file.name != kept
    assert not batch.file.storage.exists(kept)  # the stale file is deleted
    assert batch.fingerprint == service.certificates_fingerprint(decision)
    assert _generated(decision).count() == 2


def test_the_fingerprint_covers_what_is_printed(awards, decision):
    before = service.certificates_fingerprint(decision)
    assert before == service.certificates_fingerprint(decision)
    nominee = decision.awardees.get(golden_book_number=2).nominee
    nominee.achievement = "Hoàn thành xuất sắc nhiệm vụ và có sáng kiến cấp tỉnh"
    nominee.save(update_fields=["achievement"])
    after_achievement = service.certificates_fingerprint(decision)
    assert after_achievement != before
    decision.signer_name = "Lê Văn Tám"
    decision.save(update_fields=["signer_name"])
    assert service.certificates_fingerprint(decision) != after_achievement


@LARGE
def test_large_decision_is_queued_once_then_built_by_the_task(client, awards, decision,
                                                              django_capture_on_commit_callbacks):
    """Real WeasyPrint in the task: the served file is a PDF with one page per awardee and their names."""
    officer = awards.world.users["unit_officer"]
    client.force_login(officer)
    with django_capture_on_commit_callbacks() as queued:
        response = client.get(_url(decision))
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision", args=[decision.pk])
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["info"]
    assert len(queued) == 1
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.QUEUED
    assert batch.requested_by == officer
    assert not batch.file

    # Asked again while queued (another user too): nothing more is queued.
    client.force_login(awards.world.users["standing_office"])
    with django_capture_on_commit_callbacks() as again:
        assert client.get(_url(decision)).status_code == 302
    assert again == []
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'data-status="queued"' in page
    assert f'href="{_url(decision)}"' not in page  # no download button while it is under way

    queued[0]()  # the commit: the task is enqueued and the ImmediateBackend runs it
    batch.refresh_from_db()
    assert batch.status == CertificateBatchStatus.READY, batch.error
    assert batch.pages == 3
    assert batch.started_at is not None
    assert batch.finished_at is not None
    event = _generated(decision).get()
    assert event.actor == officer  # who asked for it, not the worker
    assert event.after == {"file": "certificates", "pages": 3, "background": True}

    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'data-status="ready"' in page
    assert _url(decision) in page
    response = client.get(_url(decision))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    data = _body(response)
    assert int(pdf_info(data)["Pages"]) == 3
    text = pdf_text(data)
    for name in ("Nguyễn Văn Đức", "Trần Thị Hoa", "Quyết định số 1/QĐ-STC"):
        assert name in text, name


@LARGE
def test_failure_is_shown_and_retried_by_the_standing_office(client, awards, decision, renders,
                                                             django_capture_on_commit_callbacks):
    renders.fail = "Không tìm thấy phông chữ Times New Roman"
    client.force_login(awards.world.users["unit_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(_url(decision)).status_code == 302
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.FAILED
    assert "Không tìm thấy phông chữ Times New Roman" in batch.error
    assert batch.finished_at is not None
    assert not _generated(decision).exists()

    # The unit sees the failure but no retry button, cannot retry, and downloading does not requeue it.
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'data-status="failed"' in page
    assert "Không tìm thấy phông chữ Times New Roman" in page
    assert _url(decision, "awards:certificates_retry") not in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.get(_url(decision))
    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert callbacks == []
    assert client.post(_url(decision, "awards:certificates_retry")).status_code == 403
    assert renders.calls == 1

    renders.fail = ""
    client.force_login(awards.world.users["standing_office"])
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert _url(decision, "awards:certificates_retry") in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(decision, "awards:certificates_retry"))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == CertificateBatchStatus.READY
    assert batch.error == ""
    assert batch.requested_by == awards.world.users["standing_office"]
    assert renders.calls == 2
    assert _body(client.get(_url(decision))).startswith(b"%PDF")
    assert renders.calls == 2


def test_small_decision_failure_gives_503_then_renders_when_fixed(client, awards, decision, renders):
    renders.fail = "Pango không vẽ được chữ"
    client.force_login(awards.world.users["approver"])
    response = client.get(_url(decision))
    assert response.status_code == 503
    assert "Pango không vẽ được chữ" in response.content.decode()
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.FAILED
    assert 'data-status="failed"' in client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    renders.fail = ""
    response = client.post(_url(decision, "awards:certificates_retry"))  # a small one: rendered, then downloaded
    assert response.status_code == 302
    assert response["Location"] == _url(decision)
    batch.refresh_from_db()
    assert batch.status == CertificateBatchStatus.READY
    assert client.get(_url(decision)).status_code == 200
    assert renders.calls == 2


@LARGE
def test_a_stuck_batch_is_queued_again(client, awards, decision, django_capture_on_commit_callbacks):
    CertificateBatch.objects.create(decision=decision, status=CertificateBatchStatus.RUNNING,
                                    queued_at=timezone.now() - datetime.timedelta(hours=3),
                                    started_at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(awards.world.users["approver"])
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.get(_url(decision)).status_code == 302
    assert len(callbacks) == 1
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.QUEUED
    assert batch.started_at is None


def test_out_of_scope_is_404_and_nothing_is_rendered(client, awards, decision, renders):
    for role in ("viewer", "nobody"):
        client.force_login(awards.world.users[role])
        assert client.get(_url(decision)).status_code == 404, role
        assert client.post(_url(decision, "awards:certificates_retry")).status_code == 404, role
        api = Api(client, awards.world.users[role])
        assert api.get(f"/awards/decisions/{decision.pk}/files/certificates").status_code == 404, role
        assert api.post(f"/awards/decisions/{decision.pk}/certificates/retry").status_code == 404, role
    assert renders.calls == 0
    assert not CertificateBatch.objects.exists()


@LARGE
def test_revoked_decision_never_serves_its_certificates(client, awards, decision, renders,
                                                        django_capture_on_commit_callbacks):
    client.force_login(awards.world.users["approver"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(decision))
    batch = CertificateBatch.objects.get(decision=decision)
    assert batch.status == CertificateBatchStatus.READY
    kept = batch.file.name
    with django_capture_on_commit_callbacks(execute=True):  # revoking deletes the kept file at once
        decision_revoke(actor=awards.world.users["approver"], decision=decision, reason="Kê khai không đúng")
    assert not CertificateBatch.objects.filter(decision=decision).exists()
    assert not batch.file.storage.exists(kept)
    assert client.get(_url(decision)).status_code == 404
    assert client.post(_url(decision, "awards:certificates_retry")).status_code == 404
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'id="certificates-status"' not in page
    assert _url(decision) not in page
    assert Api(client, awards.world.users["approver"]).get(
        f"/awards/decisions/{decision.pk}/files/certificates").status_code == 400
    assert renders.calls == 1


@LARGE
def test_a_task_for_a_decision_revoked_meanwhile_renders_nothing(client, awards, decision, renders,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(awards.world.users["approver"])
    with django_capture_on_commit_callbacks() as queued:
        client.get(_url(decision))
    decision_revoke(actor=awards.world.users["approver"], decision=decision, reason="Kê khai không đúng")
    queued[0]()
    assert renders.calls == 0
    assert not CertificateBatch.objects.exists()


@LARGE
def test_api_answers_202_while_queued_or_running_then_the_file(client, awards, decision, renders,
                                                              django_capture_on_commit_callbacks):
    officer = Api(client, awards.world.users["unit_officer"])
    url = f"/awards/decisions/{decision.pk}/files/certificates"
    with django_capture_on_commit_callbacks() as queued:
        response = officer.get(url)
    assert response.status_code == 202, response.content.decode()
    assert response["Retry-After"] == "30"
    body = response.json()
    assert body["status"] == "queued"
    assert body["awardees"] == 3
    assert body["file"] == "/api/v1" + url
    assert "ít phút" in body["detail"]
    assert len(queued) == 1
    CertificateBatch.objects.filter(decision=decision).update(status=CertificateBatchStatus.RUNNING,
                                                              started_at=timezone.now())
    with django_capture_on_commit_callbacks() as again:
        response = officer.get(url)
    assert response.status_code == 202
    assert response.json()["status"] == "running"
    assert again == []
    CertificateBatch.objects.filter(decision=decision).update(status=CertificateBatchStatus.QUEUED)
    queued[0]()
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert _body(response).startswith(b"%PDF")
    assert renders.calls == 1


@LARGE
def test_api_failure_is_503_and_retry_is_for_the_office(client, awards, decision, renders,
                                                       django_capture_on_commit_callbacks):
    renders.fail = "WeasyPrint hết bộ nhớ"
    officer = Api(client, awards.world.users["unit_officer"])
    approver = Api(client, awards.world.users["approver"])
    url = f"/awards/decisions/{decision.pk}/files/certificates"
    with django_capture_on_commit_callbacks(execute=True):
        assert officer.get(url).status_code == 202
    response = officer.get(url)
    assert response.status_code == 503
    assert "WeasyPrint hết bộ nhớ" in response.json()["detail"]
    retry = f"/awards/decisions/{decision.pk}/certificates/retry"
    assert officer.post(retry).status_code == 403
    renders.fail = ""
    with django_capture_on_commit_callbacks() as queued:
        response = approver.post(retry)
    assert response.status_code == 202, response.content.decode()
    assert response.json()["status"] == "queued"
    queued[0]()
    assert officer.get(url).status_code == 200


def test_api_small_decision_is_served_at_once_and_kept(client, awards, decision, renders):
    officer = Api(client, awards.world.users["unit_officer"])
    url = f"/awards/decisions/{decision.pk}/files/certificates"
    for _ in range(2):
        response = officer.get(url)
        assert response.status_code == 200
        assert _body(response).startswith(b"%PDF")
    assert renders.calls == 1


@pytest.mark.django_db(transaction=True)
@LARGE
def test_two_simultaneous_requests_queue_one_task(awards, fake_pdf, monkeypatch):
    decision = issue(awards, awaiting_dossier(awards))
    enqueued = []
    monkeypatch.setattr(service, "_enqueue", enqueued.append)
    users = [awards.world.users["approver"], awards.world.users["standing_office"]]
    barrier = threading.Barrier(len(users))
    outcomes = []

    def ask(user):
        try:
            barrier.wait(timeout=30)
            outcomes.append(service.certificates_queue(actor=user, decision=decision).status)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert enqueued == [CertificateBatch.objects.get(decision=decision).pk]
    if connection.vendor == "sqlite":  # no row locks: the loser may find the table locked instead
        assert all(o == "queued" or (isinstance(o, OperationalError) and "locked" in str(o)) for o in outcomes)
        assert "queued" in outcomes
    else:
        assert outcomes == ["queued", "queued"]
