"""Generating a document is a read of the movement plus one audit event (DOCUMENT_GENERATED)."""

from django.db import transaction

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.movements.services.participation import has_covenant, no_covenant

from . import generation


def document_generate(*, actor, movement, kind: str, fmt: str, ip_address: str | None = None) -> bytes:
    """The document's bytes (DOCX or PDF) and one audit event; nothing is recorded if it fails.

    The slow part (LibreOffice, about 1.5 s per document) runs before the transaction, so no
    database transaction is held open while a PDF is made."""
    if fmt not in ("docx", "pdf"):
        raise generation.DocumentError(f"Không có định dạng “{fmt}”.", status=404)
    document_kind = generation.get_kind(kind)
    if document_kind.slug == "giao-uoc" and not has_covenant(movement):
        raise generation.DocumentError(f"{no_covenant(movement)} Không có văn bản giao ước để tạo.", status=404)
    template = generation.load_template(document_kind)
    data = generation.render(document_kind, movement, fmt, source=template)
    with transaction.atomic():
        audit_record(
            event_type=AuditEventType.DOCUMENT_GENERATED,
            actor=actor,
            target=movement,
            organization=movement.organization,
            extra={
                "document": document_kind.slug,
                "format": fmt,
                "bytes": len(data),
                "template": "custom" if template.custom else "default",
            },
            ip_address=ip_address,
        )
    return data
