"""Writes to the organisation tree. Each function is one transaction with one audit event."""

import datetime

from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, changed_fields, snapshot

from ..errors import ValidationError, require
from ..models import Organization, Person, PersonAssignment

EDITABLE_FIELDS = ["code", "name", "short_name", "kind", "level", "parent_id", "active_from", "tdkt_unit_kind"]


def _set_path(org: Organization) -> None:
    parent_path = org.parent.path if org.parent_id else "/"
    org.path = f"{parent_path}{org.pk}/"
    org.depth = parent_path.count("/") - 1


def _check_parent(org: Organization, parent: Organization | None) -> None:
    if parent is None:
        return
    if parent.active_to is not None:
        raise ValidationError({"parent": "Đơn vị cấp trên đã giải thể hoặc sáp nhập."})
    if org.pk and parent.path.startswith(org.path):
        raise ValidationError({"parent": "Không thể đặt đơn vị cấp trên là chính nó hoặc đơn vị cấp dưới của nó."})


def _check_period(org: Organization) -> None:
    if org.active_from and org.active_to and org.active_to < org.active_from:
        raise ValidationError({"active_from": "Ngày bắt đầu hoạt động không được sau ngày đóng."})


def _rewrite_descendant_paths(org: Organization, old_path: str) -> None:
    # Only a move changes paths; moves are rare, so a plain loop keeps it portable.
    for child in Organization.objects.filter(path__startswith=old_path).exclude(pk=org.pk):
        child.path = org.path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])


@transaction.atomic
def organization_create(
    *,
    actor,
    code: str,
    name: str,
    kind: str,
    level: str,
    parent: Organization | None,
    short_name: str = "",
    active_from: datetime.date | None = None,
    tdkt_unit_kind: str = "",
) -> Organization:
    require(user_can(actor, "organization.manage", parent) if parent else user_can(actor, "account.manage"))
    org = Organization(
        code=code.strip(),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        level=level,
        parent=parent,
        active_from=active_from,
        tdkt_unit_kind=tdkt_unit_kind,
    )
    _check_parent(org, parent)
    org.refresh_search_text()
    org.full_clean(exclude=["path"])
    org.save()
    _set_path(org)
    org.save(update_fields=["path", "depth"])
    audit_record(
        event_type=AuditEventType.ORGANIZATION_CREATED,
        actor=actor,
        target=org,
        organization=org,
        after=snapshot(org, EDITABLE_FIELDS),
    )
    return org


@transaction.atomic
def organization_update(*, actor, organization: Organization, **fields) -> Organization:
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    require(user_can(actor, "organization.manage", org))
    before = snapshot(org, EDITABLE_FIELDS)
    new_parent = fields.pop("parent", org.parent)
    if new_parent != org.parent:
        require(new_parent is not None and user_can(actor, "organization.manage", new_parent))
        _check_parent(org, new_parent)
        org.parent = new_parent
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"Field {name} cannot be edited")
        setattr(org, name, value.strip() if isinstance(value, str) else value)
    org.refresh_search_text()
    _check_period(org)
    org.full_clean(exclude=["path"])
    old_path = org.path
    _set_path(org)
    org.save()
    if org.path != old_path:
        _rewrite_descendant_paths(org, old_path)
    after = snapshot(org, EDITABLE_FIELDS)
    if after != before:
        audit_record(
            event_type=AuditEventType.ORGANIZATION_CHANGED,
            actor=actor,
            target=org,
            organization=org,
            before=before,
            after=after,
            extra={"changed": changed_fields(before, after)},
        )
    return org


@transaction.atomic
def organization_close(
    *,
    actor,
    organization: Organization,
    closed_on: datetime.date,
    successor: Organization | None = None,
    note: str = "",
) -> Organization:
    """Close an organisation (giải thể, sáp nhập, hợp nhất); history is kept.

    With a successor, the active units below and the people still working here move to it, each
    move recorded; without one, nothing may still be active below it.
    """
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    require(user_can(actor, "organization.manage", org))
    if org.active_to is not None:
        raise ValidationError({"closed_on": "Đơn vị này đã đóng từ trước."})
    if org.active_from and closed_on < org.active_from:
        raise ValidationError({"closed_on": "Ngày đóng không được trước ngày bắt đầu hoạt động."})
    if successor is not None:
        require(user_can(actor, "organization.manage", successor))
        if successor.pk == org.pk or successor.path.startswith(org.path) or successor.active_to is not None:
            raise ValidationError(
                {
                    "successor": (
                        "Đơn vị kế thừa phải là một đơn vị khác, đang hoạt động, không trực thuộc đơn vị bị đóng."
                    )
                }
            )
    children = list(org.children.filter(active_to__isnull=True))
    people = list(Person.objects.filter(organization=org, left_on__isnull=True))
    if successor is None and (children or people):
        raise ValidationError(
            {
                "successor": (
                    f"Đơn vị còn {len(children)} đơn vị trực thuộc và {len(people)} người đang công tác: "
                    "hãy chọn đơn vị kế thừa để chuyển sang."
                )
            }
        )
    before = snapshot(org, ["active_to", "successor_id", "closing_note"])
    for child in children:
        old_path = child.path
        child.parent = successor
        _set_path(child)
        child.save(update_fields=["parent", "path", "depth"])
        _rewrite_descendant_paths(child, old_path)
    for person in people:
        PersonAssignment.objects.filter(person=person, end_date__isnull=True).update(end_date=closed_on)
        PersonAssignment.objects.create(
            person=person, organization=successor, position=person.position, start_date=closed_on
        )
        person.organization = successor
        person.save(update_fields=["organization", "updated_at"])
    org.active_to = closed_on
    org.successor = successor
    org.closing_note = note.strip()
    org.save(update_fields=["active_to", "successor", "closing_note"])
    audit_record(
        event_type=AuditEventType.ORGANIZATION_CLOSED,
        actor=actor,
        target=org,
        organization=org,
        before=before,
        after=snapshot(org, ["active_to", "successor_id", "closing_note"]),
        extra={"moved_units": [c.pk for c in children], "moved_people": len(people)},
    )
    return org
