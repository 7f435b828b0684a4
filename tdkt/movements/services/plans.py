"""Writes to a plan and what it contains. Keyword-only, one transaction, one audit event each."""

import datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import snapshot
from tdkt.organizations.models import Organization
from tdkt.records.domain.codes import HONOURS

from ..models import (
    ContentItem,
    Milestone,
    Movement,
    MovementStatus,
    Participant,
    Phase,
    Target,
    WorkTask,
)
from .common import PermissionDenied, ValidationError, audit_record, require_manage

MOVEMENT_FIELDS = [
    "title",
    "kind",
    "document_number",
    "document_date",
    "place",
    "signer_title",
    "signer_name",
    "start_date",
    "end_date",
    "theme",
    "purposes",
    "for_collectives",
    "for_individuals",
    "award_codes",
    "registration_deadline",
    "recipients",
]


@transaction.atomic
def movement_create(*, actor, organization, block=None, **fields) -> Movement:
    from tdkt.accounts.scope import scope_for

    if not scope_for(actor, "movement.manage").covers(organization):
        raise PermissionDenied("Bạn không có quyền ban hành kế hoạch thi đua cho đơn vị này.")
    unknown = set(fields) - set(MOVEMENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown movement fields: {sorted(unknown)}")
    if (
        block is not None
        and not block.memberships.filter(organization=organization, role__in=["head", "deputy"]).exists()
        and not scope_for(actor, "movement.manage").covers(block.organizer)
    ):
        raise ValidationError({"block": "Chỉ đơn vị Trưởng, Phó khối hoặc tỉnh được ban hành kế hoạch của khối."})
    movement = Movement(organization=organization, block=block, **fields)
    movement.full_clean()
    movement.save()
    if block is not None:
        Participant.objects.bulk_create(
            Participant(movement=movement, organization_id=org_id)
            for org_id in block.memberships.values_list("organization_id", flat=True)
        )
    audit_record(
        event_type=AuditEventType.MOVEMENT_CREATED,
        actor=actor,
        target=movement,
        organization=organization,
        after=snapshot(movement, [*MOVEMENT_FIELDS, "block_id"]),
    )
    return movement


@transaction.atomic
def movement_update(*, actor, movement: Movement, **fields) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_manage(actor, movement)
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError({"status": "Phong trào đã kết thúc, không sửa được."})
    before = snapshot(movement, MOVEMENT_FIELDS)
    for name, value in fields.items():
        if name not in MOVEMENT_FIELDS:
            raise ValueError(f"Field {name} cannot be edited")
        setattr(movement, name, value)
    movement.full_clean()
    movement.save()
    audit_record(
        event_type=AuditEventType.MOVEMENT_CHANGED,
        actor=actor,
        target=movement,
        organization=movement.organization,
        before=before,
        after=snapshot(movement, MOVEMENT_FIELDS),
    )
    return movement


@transaction.atomic
def movement_set_status(*, actor, movement: Movement, status: str) -> Movement:
    """Issue a draft (ban hành) or close an issued movement (kết thúc)."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    require_manage(actor, movement)
    allowed = {MovementStatus.DRAFT: MovementStatus.ISSUED, MovementStatus.ISSUED: MovementStatus.CLOSED}
    if allowed.get(movement.status) != status:
        raise ValidationError({"status": "Không thể chuyển phong trào sang trạng thái này."})
    if status == MovementStatus.ISSUED and not movement.participants.exists():
        raise ValidationError({"status": "Phong trào chưa có đơn vị tham gia."})
    before = movement.status
    movement.status = status
    movement.save(update_fields=["status"])
    audit_record(
        event_type=AuditEventType.MOVEMENT_ISSUED
        if status == MovementStatus.ISSUED
        else AuditEventType.MOVEMENT_CHANGED,
        actor=actor,
        target=movement,
        organization=movement.organization,
        before={"status": before},
        after={"status": status},
    )
    return movement


def _require_open(movement: Movement) -> None:
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError({"status": "Phong trào đã kết thúc, không sửa được."})


def _add(actor, movement, instance, label):
    require_manage(actor, movement)
    _require_open(movement)
    instance.full_clean()
    instance.save()
    audit_record(
        event_type=AuditEventType.MOVEMENT_CHANGED,
        actor=actor,
        target=movement,
        organization=movement.organization,
        after={label: snapshot(instance)},
    )
    return instance


def _check_within(movement: Movement, start: datetime.date, end: datetime.date, field: str) -> None:
    if start < movement.start_date or end > movement.end_date:
        raise ValidationError(
            {
                field: "Thời gian phải nằm trong thời gian của phong trào "
                f"({movement.start_date:%d/%m/%Y} – {movement.end_date:%d/%m/%Y})."
            }
        )


@transaction.atomic
def phase_add(*, actor, movement, name, start_date, end_date, celebrates="", position=None) -> Phase:
    require_manage(actor, movement)
    if end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc đợt thi đua phải sau ngày bắt đầu."})
    _check_within(movement, start_date, end_date, "start_date")
    position = position if position is not None else movement.phases.count() + 1
    fields = {"name": name, "start_date": start_date, "end_date": end_date, "celebrates": celebrates}
    return _add(actor, movement, Phase(movement=movement, position=position, **fields), "phase")


@transaction.atomic
def milestone_add(
    *, actor, movement, kind, name, report_deadline, data_from=None, data_to=None, phase=None, meeting=""
) -> Milestone:
    require_manage(actor, movement)
    if data_from and data_to and data_to < data_from:
        raise ValidationError({"data_to": "Khoảng số liệu không hợp lệ: ngày kết thúc trước ngày bắt đầu."})
    if phase is not None and phase.movement_id != movement.pk:
        raise ValidationError({"phase": "Đợt thi đua không thuộc phong trào này."})
    fields = {"kind": kind, "name": name, "report_deadline": report_deadline, "phase": phase, "meeting": meeting}
    milestone = Milestone(movement=movement, data_from=data_from, data_to=data_to, **fields)
    return _add(actor, movement, milestone, "milestone")


@transaction.atomic
def target_add(*, actor, movement, label, kind, subject, value, year, award_code="", min_rating="") -> Target:
    require_manage(actor, movement)
    if kind in ("award_share", "award_count") and not award_code:
        raise ValidationError({"award_code": "Chỉ tiêu này cần danh hiệu hoặc hình thức khen thưởng."})
    if kind == "rating_share" and not min_rating:
        raise ValidationError({"min_rating": "Chỉ tiêu này cần mức xếp loại tối thiểu."})
    if kind != "award_count" and not 0 <= value <= 100:
        raise ValidationError({"value": "Tỷ lệ phải từ 0 đến 100%."})
    if kind == "award_count" and value < 0:
        raise ValidationError({"value": "Số lượng không được âm."})
    if award_code in HONOURS and subject not in HONOURS[award_code][2]:
        who = "tập thể" if subject == "collective" else "cá nhân"
        raise ValidationError({"award_code": f"{HONOURS[award_code][0]} không xét tặng cho {who}."})
    first, last = movement.start_date.year, movement.end_date.year
    if not first <= year <= last:
        raise ValidationError({"year": f"Năm đánh giá phải trong thời gian của phong trào ({first}–{last})."})
    fields = {"label": label, "kind": kind, "subject": subject, "value": value, "year": year}
    target = Target(movement=movement, award_code=award_code, min_rating=min_rating, **fields)
    target.position = movement.targets.count() + 1
    return _add(actor, movement, target, "target")


@transaction.atomic
def task_add(
    *, actor, movement, quarter, content, lead, executing="", due_date=None, lead_organization=None
) -> WorkTask:
    fields = {"quarter": quarter, "content": content, "lead": lead, "executing": executing, "due_date": due_date}
    task = WorkTask(movement=movement, lead_organization=lead_organization, **fields)
    task.position = movement.tasks.filter(quarter=quarter).count() + 1
    return _add(actor, movement, task, "task")


@transaction.atomic
def task_set_status(*, actor, task: WorkTask, status: str) -> WorkTask:
    require_manage(actor, task.movement)
    _require_open(task.movement)
    before = task.status
    task.status = status
    task.full_clean()
    task.save(update_fields=["status"])
    audit_record(
        event_type=AuditEventType.TASK_CHANGED,
        actor=actor,
        target=task,
        organization=task.movement.organization,
        before={"status": before},
        after={"status": status},
    )
    return task


@transaction.atomic
def content_add(*, actor, movement, text, part=ContentItem.PLAN) -> ContentItem:
    position = movement.content_items.filter(part=part).count() + 1
    return _add(
        actor, movement, ContentItem(movement=movement, text=text.strip(), part=part, position=position), "content"
    )


@transaction.atomic
def participants_set(*, actor, movement, organizations) -> None:
    """Set the participants (organisations or a whole block's members) before the plan is issued."""
    require_manage(actor, movement)
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError({"participants": "Chỉ sửa danh sách đơn vị tham gia khi kế hoạch còn là dự thảo."})
    organizations = list({o.pk: o for o in organizations}.values())
    allowed = set(
        participant_candidates(movement).filter(pk__in=[o.pk for o in organizations]).values_list("pk", flat=True)
    )
    outside = [o.name for o in organizations if o.pk not in allowed]
    if outside:
        raise ValidationError({"organizations": "Không thuộc phạm vi của kế hoạch: " + ", ".join(outside) + "."})
    before = sorted(movement.participants.values_list("organization_id", flat=True))
    movement.participants.all().delete()
    Participant.objects.bulk_create(Participant(movement=movement, organization=o) for o in organizations)
    audit_record(
        event_type=AuditEventType.MOVEMENT_CHANGED,
        actor=actor,
        target=movement,
        organization=movement.organization,
        before={"participants": before},
        after={"participants": sorted(o.pk for o in organizations)},
    )


def participant_candidates(movement: Movement, *, max_depth: int | None = None) -> QuerySet:
    """Who may take part (the read the participant check above relies on): active organisations below
    the issuer and, for a block's plan, the block's members. `max_depth` limits how far below."""
    issuer = movement.organization
    below = Q(path__startswith=issuer.path) & ~Q(pk=issuer.pk)
    if max_depth is not None:
        below &= Q(depth__lte=issuer.depth + max_depth)
    members = Q(block_memberships__block_id=movement.block_id) if movement.block_id else Q(pk__in=[])
    return Organization.objects.filter(below | members, active_to__isnull=True).distinct().order_by("path")
