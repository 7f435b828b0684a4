"""Writes for the TT02 forms: submitting (nộp) a form freezes its computed cells as a version."""

from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization

from .domain.layout import Form
from .models import ReportSubmission
from .selectors import report_compute

SUBMIT_PERMISSION = "record.manage"


@transaction.atomic
def report_submit(*, actor, form: Form, year: int, organization: Organization) -> ReportSubmission:
    """Compute the form now and store its cells as the submitted version, with who and when."""
    require(user_can(actor, SUBMIT_PERMISSION, organization))
    report = report_compute(form, year=year, organization=organization)
    submission = ReportSubmission.objects.create(form_code=form.code, year=year, organization=organization,
                                                 cells=report.cells, submitted_by=actor)
    audit_record(
        event_type=AuditEventType.STATISTICAL_REPORT_SUBMITTED,
        actor=actor,
        target=submission,
        organization=organization,
        target_label=f"Biểu {form.number} năm {year}",
        after={"form": form.code, "year": year, "cells": report.cells},
    )
    return submission


def draft_generate(*, actor, kind: str, context: dict, target, organization, label: str,
                   ip_address: str | None = None) -> bytes:
    """A consolidated report draft (tdkt.reports.drafts) as DOCX bytes, and one audit event
    (DOCUMENT_GENERATED); nothing is recorded if the template fails."""
    from tdkt.documents import generation

    document_kind = generation.get_kind(kind)
    template = generation.load_template(document_kind)
    data = generation.render_docx(document_kind, None, context=context, source=template)
    with transaction.atomic():
        audit_record(
            event_type=AuditEventType.DOCUMENT_GENERATED,
            actor=actor,
            target=target,
            organization=organization,
            target_label=label,
            extra={"document": document_kind.slug, "format": "docx", "bytes": len(data),
                   "template": "custom" if template.custom else "default"},
            ip_address=ip_address,
        )
    return data
