"""Writes to emulation blocks. Each function is one transaction with one audit event."""

from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, snapshot

from ..errors import ValidationError, require
from ..models import BlockMembership, BlockRole, EmulationBlock, Organization, OrganizationKind

# A province assigns its blocks; their members are departments, agencies, districts or communes,
# not the province itself nor a department's own divisions.
MEMBER_KINDS_EXCLUDED = {OrganizationKind.PROVINCE, OrganizationKind.DIVISION}

BLOCK_FIELDS = ["name", "kind", "year", "basis", "organizer_id"]


@transaction.atomic
def block_create(
    *, actor, organizer: Organization, name: str, year: int, kind: str = "khoi", basis: str = ""
) -> EmulationBlock:
    require(user_can(actor, "block.manage", organizer))
    if organizer.kind != OrganizationKind.PROVINCE:
        raise ValidationError({"organizer": "Khối, cụm thi đua do UBND tỉnh tổ chức: hãy chọn một tỉnh."})
    block = EmulationBlock(organizer=organizer, name=" ".join(name.split()), year=year, kind=kind, basis=basis.strip())
    block.refresh_search_text()
    block.full_clean()
    block.save()
    audit_record(
        event_type=AuditEventType.BLOCK_CREATED,
        actor=actor,
        target=block,
        organization=organizer,
        after=snapshot(block, BLOCK_FIELDS),
    )
    return block


@transaction.atomic
def block_update(*, actor, block: EmulationBlock, **fields) -> EmulationBlock:
    block = EmulationBlock.objects.select_for_update().get(pk=block.pk)
    require(user_can(actor, "block.manage", block.organizer))
    before = snapshot(block, BLOCK_FIELDS)
    for name, value in fields.items():
        if name not in {"name", "kind", "year", "basis"}:
            raise ValueError(f"Field {name} cannot be edited")
        setattr(block, name, value)
    block.refresh_search_text()
    block.full_clean()
    block.save()
    audit_record(
        event_type=AuditEventType.BLOCK_CHANGED,
        actor=actor,
        target=block,
        organization=block.organizer,
        before=before,
        after=snapshot(block, BLOCK_FIELDS),
    )
    return block


@transaction.atomic
def block_member_add(
    *, actor, block: EmulationBlock, organization: Organization, role: str = BlockRole.MEMBER
) -> BlockMembership:
    """Add a member, or change its role; a new head or deputy replaces the old one's role."""
    block = EmulationBlock.objects.select_for_update().get(pk=block.pk)
    require(user_can(actor, "block.manage", block.organizer))
    if not block.organizer.path or not organization.path.startswith(block.organizer.path):
        raise ValidationError({"organization": "Đơn vị thành viên phải thuộc tỉnh tổ chức khối."})
    if organization.active_to is not None:
        raise ValidationError({"organization": "Đơn vị đã giải thể hoặc sáp nhập."})
    if organization.kind in MEMBER_KINDS_EXCLUDED:
        raise ValidationError(
            {"organization": "Thành viên khối phải là sở, ban, ngành, địa phương, không phải tỉnh hay phòng."}
        )
    if role == BlockRole.HEAD:
        block.memberships.filter(role=BlockRole.HEAD).exclude(organization=organization).update(role=BlockRole.MEMBER)
    membership, created = BlockMembership.objects.get_or_create(
        block=block,
        organization=organization,
        defaults={"role": role, "position": block.memberships.count() + 1},
    )
    before = None if created else {"role": membership.role}
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    audit_record(
        event_type=AuditEventType.BLOCK_MEMBER_ADDED,
        actor=actor,
        target=block,
        organization=block.organizer,
        before=before,
        after={"organization_id": organization.pk, "role": role},
    )
    return membership


@transaction.atomic
def block_member_remove(*, actor, membership: BlockMembership) -> None:
    block = membership.block
    require(user_can(actor, "block.manage", block.organizer))
    before = {"organization_id": membership.organization_id, "role": membership.role}
    membership.delete()
    audit_record(
        event_type=AuditEventType.BLOCK_MEMBER_REMOVED,
        actor=actor,
        target=block,
        organization=block.organizer,
        before=before,
    )
