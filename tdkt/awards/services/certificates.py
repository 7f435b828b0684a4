"""Certificates of a decision, generated once and kept (``CertificateBatch``).

WeasyPrint needs about 55 s and 500 MB for 1,000 certificates: far beyond what a web request may
take. So a small decision (at most ``TDKT_CERTIFICATES_INLINE_MAX`` awardees) is rendered in the
request that asks for it, a larger one by the background worker (``tasks.certificates_build_task``),
queued once. Either way the file is kept with the fingerprint of everything it prints; a download
serves the kept file while the fingerprint still matches the decision and renders or queues it
again once it does not, so a stale file is never handed out.

A revoked decision issues no certificates: its batch is dropped (``certificates_drop``).
Every file rendered is one DOCUMENT_GENERATED audit event, by whoever asked for it.
"""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.documents.generation import DocumentError

from ..access import acting_roles
from ..documents import decision_context
from ..models import CertificateBatch, CertificateBatchStatus, Decision

logger = logging.getLogger(__name__)

# Who may ask again for certificates that failed (the standing office prints them, the approver signs).
RETRIERS = {"admin", "approver", "standing_office"}
# A batch queued or running for longer than this lost its worker (restarted, killed): it may be queued again.
STUCK_AFTER = datetime.timedelta(hours=1)
RENDER_ERROR = "Không tạo được tệp bằng khen, giấy khen"
QUEUE_ERROR = "hàng đợi xử lý nền không nhận việc; hãy báo quản trị hệ thống."
# The context values the certificate prints (certificates.certificate_pages and awards/certificate.html).
PRINTED_CONTEXT = ("reference", "date_short", "place_date", "signer_lines", "signer_name", "authority",
                   "achievement")
PRINTED_AWARDEE = (
    "pk", "token", "name", "position", "organization_name", "is_collective", "golden_book_number",
    "award__name", "award__certificate_title", "award__decider_title", "award__record_code",
    "nominee__achievement", "nominee__person__sex",
)
APP = Path(__file__).resolve().parent.parent


def inline_max() -> int:
    return getattr(settings, "TDKT_CERTIFICATES_INLINE_MAX", 50)


@cache
def _layout() -> str:
    """The certificate's code and template: a new layout makes every kept file stale."""
    digest = hashlib.sha256()
    for path in (APP / "certificates.py", APP / "templates" / "awards" / "certificate.html"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def certificates_fingerprint(decision: Decision) -> str:
    """The hash of everything the certificates print: the decision's printed values, each awardee's
    line (name, post, unit, form, achievement, golden-book number, QR token), the site address in the
    QR code and the layout. Two queries and no rendering: cheap enough for every download."""
    ctx = decision_context(decision)
    payload = {
        "layout": _layout(),
        "site": getattr(settings, "TDKT_SITE_URL", "") or "",
        "decision": {key: ctx[key] for key in PRINTED_CONTEXT},
        "awardees": list(decision.awardees.order_by("golden_book_number").values_list(*PRINTED_AWARDEE)),
    }
    text = json.dumps(payload, default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _stuck(batch: CertificateBatch, now: datetime.datetime) -> bool:
    since = batch.started_at or batch.queued_at or batch.created_at
    return since is not None and now - since > STUCK_AFTER


@dataclass(frozen=True)
class CertificatesState:
    """Where a decision's certificates stand, for its page, its download and the API.

    ``status``: "ready" (a kept file matching the decision), "queued", "running", "failed" (for what
    the decision prints now) or "none" (nothing kept, or a stale file)."""

    batch: CertificateBatch | None
    fingerprint: str
    count: int
    status: str

    @property
    def inline(self) -> bool:
        return self.count <= inline_max()

    @property
    def pending(self) -> bool:
        return self.status in (CertificateBatchStatus.QUEUED, CertificateBatchStatus.RUNNING)


def _file_exists(batch: CertificateBatch) -> bool:
    try:
        return bool(batch.file.name) and batch.file.storage.exists(batch.file.name)
    except (OSError, ValueError):
        return False


def certificates_state(decision: Decision) -> CertificatesState:
    batch = CertificateBatch.objects.filter(decision=decision).first()
    fingerprint = certificates_fingerprint(decision)
    count = decision.awardees.count()
    status = "none"
    if batch is not None:
        if batch.is_pending and not _stuck(batch, timezone.now()):
            status = batch.status
        elif batch.fingerprint == fingerprint and batch.status == CertificateBatchStatus.FAILED:
            status = batch.status
        elif batch.fingerprint == fingerprint and batch.status == CertificateBatchStatus.READY and _file_exists(batch):
            status = batch.status
    return CertificatesState(batch=batch, fingerprint=fingerprint, count=count, status=status)


def _delete_file_on_commit(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _store(*, batch_id: int, decision: Decision, data: bytes, fingerprint: str, pages: int, actor,
           background: bool, only_if: str | None = None) -> CertificateBatch | None:
    """Keep the rendered file on the batch and record the generation. ``only_if``: the status the
    batch must still have (a task whose batch was queued again or dropped meanwhile keeps nothing)."""
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or (only_if is not None and batch.status != only_if):
            return batch
        batch.decision = decision  # the file's path needs its year; already loaded
        old = batch.file.name
        batch.file.save("certificates.pdf", ContentFile(data), save=False)
        batch.status = CertificateBatchStatus.READY
        batch.fingerprint = fingerprint
        batch.pages = pages
        batch.error = ""
        batch.finished_at = timezone.now()
        batch.save(update_fields=["file", "status", "fingerprint", "pages", "error", "finished_at"])
        audit_record(event_type=AuditEventType.DOCUMENT_GENERATED, actor=actor, target=decision,
                     organization=decision.issuer,
                     after={"file": "certificates", "pages": pages, "background": background})
        if old != batch.file.name:
            _delete_file_on_commit(batch.file.storage, old)
    return batch


def _render(decision: Decision) -> bytes:
    # Imported here: WeasyPrint is heavy, and only the rendering needs it.
    from ..certificates import certificates_pdf

    return certificates_pdf(decision)


def _failure(exc: Exception) -> str:
    """What is kept on the batch (the pages and the API put "could not be generated" before it)."""
    return (str(exc).strip() or f"lỗi {type(exc).__name__} khi tạo tệp PDF.")[:500]


def certificates_render(*, actor, decision: Decision, fingerprint: str | None = None) -> bytes:
    """Render a small decision's certificates now and keep them. Raises DocumentError (503) when
    WeasyPrint fails; the batch then shows the failure with its message."""
    fingerprint = fingerprint or certificates_fingerprint(decision)
    pages = decision.awardees.count()
    try:
        data = _render(decision)
    except Exception as exc:  # WeasyPrint, fonts, images: whatever it is, the user gets a message
        logger.exception("Certificates of decision %s could not be rendered", decision.pk)
        message = _failure(exc)
        CertificateBatch.objects.update_or_create(
            decision=decision,
            defaults={"status": CertificateBatchStatus.FAILED, "error": message, "fingerprint": fingerprint,
                      "finished_at": timezone.now(), "requested_by": _user(actor)},
        )
        raise DocumentError(f"{RENDER_ERROR}: {message}", status=503) from exc
    batch, _ = CertificateBatch.objects.get_or_create(
        decision=decision, defaults={"requested_by": _user(actor), "queued_at": timezone.now()})
    _store(batch_id=batch.pk, decision=decision, data=data, fingerprint=fingerprint, pages=pages, actor=actor,
           background=False)
    return data


def certificates_queue(*, actor, decision: Decision, retry: bool = False,
                       fingerprint: str | None = None) -> CertificateBatch:
    """Hand the certificates to the background worker, once: while a batch is queued or being rendered
    (and not stuck) nothing more is queued, whoever asks. A failed batch is queued again only on
    ``retry`` (by the standing office or the approver) or once what it prints has changed.

    The batch row is locked while deciding, so two simultaneous requests queue one task; the task is
    queued when that row is committed, so the worker always finds it."""
    if retry and not acting_roles(actor, decision.dossier) & RETRIERS:
        raise PermissionDenied("Chỉ cơ quan thường trực hoặc người có thẩm quyền mới tạo lại được bằng khen.")
    if decision.revoked_on is not None:
        raise ValidationError({"decision": "Quyết định đã bị hủy bỏ: không in bằng khen, giấy khen."})
    fingerprint = fingerprint or certificates_fingerprint(decision)
    now = timezone.now()
    with transaction.atomic():
        batch, created = CertificateBatch.objects.select_for_update().get_or_create(
            decision=decision, defaults={"queued_at": now, "requested_by": _user(actor)})
        if not created:
            if batch.is_pending and not _stuck(batch, now):
                return batch
            if batch.status == CertificateBatchStatus.FAILED and batch.fingerprint == fingerprint and not retry:
                return batch
            batch.status = CertificateBatchStatus.QUEUED
            batch.error = ""
            batch.queued_at = now
            batch.started_at = batch.finished_at = None
            batch.requested_by = _user(actor)
            batch.save(update_fields=["status", "error", "queued_at", "started_at", "finished_at", "requested_by"])
        batch_id = batch.pk
        transaction.on_commit(lambda: _enqueue(batch_id))
    return batch


def certificates_retry(*, actor, decision: Decision, fingerprint: str | None = None) -> CertificateBatch:
    """Ask again for the certificates (the standing office or the approver): a small decision's are
    rendered now (DocumentError when that fails again), a large one's queued unless already under way."""
    if not acting_roles(actor, decision.dossier) & RETRIERS:
        raise PermissionDenied("Chỉ cơ quan thường trực hoặc người có thẩm quyền mới tạo lại được bằng khen.")
    if decision.awardees.count() > inline_max():
        return certificates_queue(actor=actor, decision=decision, retry=True, fingerprint=fingerprint)
    certificates_render(actor=actor, decision=decision, fingerprint=fingerprint)
    return CertificateBatch.objects.get(decision=decision)


def _enqueue(batch_id: int) -> None:
    from ..tasks import certificates_build_task  # the task module imports this one

    try:
        certificates_build_task.enqueue(batch_id)
    except Exception:
        logger.exception("Could not enqueue the certificates of batch %s", batch_id)
        CertificateBatch.objects.filter(pk=batch_id, status=CertificateBatchStatus.QUEUED).update(
            status=CertificateBatchStatus.FAILED, error=QUEUE_ERROR, finished_at=timezone.now())


def certificate_batch_build(*, batch_id: int) -> CertificateBatch | None:
    """The worker's side: claim the queued batch, render it and keep the file, or record why not.

    Claiming (queued → running in one UPDATE) makes a task delivered twice render once. What is
    printed is fingerprinted before rendering, so a change made during the rendering leaves the kept
    file stale, never wrongly fresh."""
    claimed = CertificateBatch.objects.filter(pk=batch_id, status=CertificateBatchStatus.QUEUED).update(
        status=CertificateBatchStatus.RUNNING, started_at=timezone.now())
    batch = (CertificateBatch.objects.select_related("decision__issuer", "decision__dossier", "requested_by")
             .filter(pk=batch_id).first())
    if batch is None or not claimed:
        return batch
    decision = batch.decision
    if decision.revoked_on is not None:
        certificates_drop(decision=decision)
        return None
    fingerprint = certificates_fingerprint(decision)
    pages = decision.awardees.count()
    try:
        data = _render(decision)
    except Exception as exc:  # recorded on the batch for the decision's page; the worker goes on
        logger.exception("Certificates of decision %s could not be rendered (batch %s)", decision.pk, batch_id)
        CertificateBatch.objects.filter(pk=batch_id, status=CertificateBatchStatus.RUNNING).update(
            status=CertificateBatchStatus.FAILED, error=_failure(exc), fingerprint=fingerprint,
            finished_at=timezone.now())
        batch.refresh_from_db()
        return batch
    stored = _store(batch_id=batch_id, decision=decision, data=data, fingerprint=fingerprint, pages=pages,
                    actor=batch.requested_by, background=True, only_if=CertificateBatchStatus.RUNNING)
    return stored


def certificates_drop(*, decision: Decision) -> None:
    """A revoked decision issues no certificates: forget its batch and delete the kept file."""
    batch = CertificateBatch.objects.filter(decision=decision).first()
    if batch is None:
        return
    name, storage = batch.file.name, batch.file.storage
    batch.delete()
    _delete_file_on_commit(storage, name)
