"""Writes to people. Each function is one transaction with one audit event."""

import datetime

from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, changed_fields, snapshot

from ..errors import ValidationError, require
from ..models import Organization, Person, PersonAssignment

PERSON_FIELDS = [
    "code",
    "full_name",
    "sex",
    "date_of_birth",
    "ethnicity",
    "category",
    "position",
    "is_manager",
    "service_start",
    "left_on",
    "education_level",
    "is_tdkt_officer",
    "in_tdkt_work_since",
    "email",
    "phone",
]
AUDITED = [*PERSON_FIELDS, "organization_id"]


def _check_code_free(person: Person) -> None:
    if person.code and Person.objects.filter(code=person.code).exclude(pk=person.pk).exists():
        raise ValidationError({"code": f"Mã cán bộ “{person.code}” đã được dùng cho người khác."})


def _check_organization(organization: Organization) -> None:
    if organization.active_to is not None:
        raise ValidationError({"organization": "Đơn vị đã giải thể hoặc sáp nhập, không thể nhận người mới."})


@transaction.atomic
def person_create(*, actor, organization: Organization, start_date: datetime.date | None = None, **fields) -> Person:
    require(user_can(actor, "person.manage", organization))
    _check_organization(organization)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")
    person = Person(organization=organization, **fields)
    person.full_name = " ".join(person.full_name.split())
    person.refresh_search_text()
    _check_code_free(person)
    person.full_clean()
    person.save()
    PersonAssignment.objects.create(
        person=person,
        organization=organization,
        position=person.position,
        start_date=start_date or person.service_start,
    )
    audit_record(
        event_type=AuditEventType.PERSON_CREATED,
        actor=actor,
        target=person,
        organization=organization,
        after=snapshot(person, AUDITED),
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    require(user_can(actor, "person.manage", person.organization))
    before = snapshot(person, AUDITED)
    for name, value in fields.items():
        if name not in PERSON_FIELDS:
            raise ValueError(f"Field {name} cannot be edited here")
        setattr(person, name, value)
    person.full_name = " ".join(person.full_name.split())
    person.refresh_search_text()
    _check_code_free(person)
    person.full_clean()
    person.save()
    after = snapshot(person, AUDITED)
    if after != before:
        audit_record(
            event_type=AuditEventType.PERSON_CHANGED,
            actor=actor,
            target=person,
            organization=person.organization,
            before=before,
            after=after,
            extra={"changed": changed_fields(before, after)},
        )
    return person


@transaction.atomic
def person_move(
    *,
    actor,
    person: Person,
    organization: Organization,
    on_date: datetime.date,
    position: str | None = None,
) -> Person:
    """Transfer a person (điều động, luân chuyển): the old assignment ends, a new one starts."""
    person = Person.objects.select_for_update().select_related("organization").get(pk=person.pk)
    require(user_can(actor, "person.manage", person.organization))
    require(user_can(actor, "person.manage", organization))
    _check_organization(organization)
    if organization.pk == person.organization_id and position in (None, person.position):
        raise ValidationError({"organization": "Người này đang công tác tại đơn vị đã chọn."})
    current = person.assignments.filter(end_date__isnull=True).first()
    if current and current.start_date and on_date < current.start_date:
        raise ValidationError({"on_date": "Ngày chuyển không được trước ngày bắt đầu công tác hiện tại."})
    before = snapshot(person, ["organization_id", "position"])
    person.assignments.filter(end_date__isnull=True).update(end_date=on_date)
    if position is not None:
        person.position = position.strip()
    PersonAssignment.objects.create(
        person=person, organization=organization, position=person.position, start_date=on_date
    )
    person.organization = organization
    person.save(update_fields=["organization", "position", "updated_at"])
    audit_record(
        event_type=AuditEventType.PERSON_MOVED,
        actor=actor,
        target=person,
        organization=organization,
        before=before,
        after=snapshot(person, ["organization_id", "position"]),
        extra={"on_date": on_date.isoformat()},
    )
    return person
