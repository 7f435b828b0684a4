"""The one way to write an audit event; every service calls it inside its own transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from .models import AuditEvent, AuditEventType


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict:
    """The audited fields of a model instance as JSON-ready values (foreign keys by id)."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: _plain(getattr(instance, name)) for name in names}


def changed_fields(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit_record(
    *,
    event_type: AuditEventType,
    actor=None,
    target: models.Model | None = None,
    organization=None,
    before: dict | None = None,
    after: dict | None = None,
    extra: dict | None = None,
    ip_address: str | None = None,
    target_label: str | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        event_type=event_type,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=getattr(actor, "username", "") or "",
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=(target_label if target_label is not None else str(target or ""))[:300],
        organization=organization,
        before=before,
        after=after,
        extra=extra or {},
        ip_address=ip_address,
    )
