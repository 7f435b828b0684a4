"""Certificate batches whose worker died stay "being generated" for ever (the page keeps saying so):
the sweeper marks them failed with the reason, so the standing office generates them again."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.jobs import STALLED_REASON, is_stalled, task_runs

from ..models import CertificateBatch, CertificateBatchStatus
from .certificates import STUCK_AFTER

logger = logging.getLogger(__name__)
PENDING = (CertificateBatchStatus.QUEUED, CertificateBatchStatus.RUNNING)


def certificate_batches_sweep(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark failed every batch left running by a dead worker (tdkt/core/jobs.is_stalled, bound
    certificates.STUCK_AFTER, after which a batch may be queued again anyway) and every queued one
    whose task the worker finished without it; one audit event each. Returns their ids."""
    from ..tasks import certificates_build_task  # the task module imports the services

    now = now or timezone.now()
    candidates = list(CertificateBatch.objects.filter(status__in=PENDING)
                      .values_list("pk", "status", "queued_at", "started_at", "created_at"))
    if not candidates:
        return []
    runs = task_runs(certificates_build_task, ids=[c[0] for c in candidates],
                     since=min(queued or created for _, _, queued, _, created in candidates))
    swept = []
    for pk, status, _queued_at, started_at, created_at in candidates:
        run = runs.get(pk)
        if status == CertificateBatchStatus.QUEUED:
            stalled = run is not None and run.finished  # waiting for a worker is not dead
        else:
            stalled = is_stalled(run, since=started_at or created_at, now=now, bound=STUCK_AFTER)
        if stalled and _fail(pk, now=now):
            swept.append(pk)
    return swept


def _fail(pk: int, *, now: datetime.datetime) -> bool:
    with transaction.atomic():
        batch = (CertificateBatch.objects.select_for_update().select_related("decision__issuer")
                 .filter(pk=pk, status__in=PENDING).first())
        if batch is None:  # it finished meanwhile
            return False
        was = batch.status
        batch.status = CertificateBatchStatus.FAILED
        batch.error = STALLED_REASON
        batch.finished_at = now
        batch.save(update_fields=["status", "error", "finished_at"])
        audit_record(event_type=AuditEventType.DOCUMENT_GENERATED, target=batch.decision,
                     organization=batch.decision.issuer,
                     after={"file": "certificates", "outcome": "failed", "reason": "stalled", "batch_id": pk,
                            "status_was": was})
    logger.warning("Certificates batch %s was left %s by a dead worker: marked failed", pk, was)
    return True
