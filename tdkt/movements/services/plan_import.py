"""Import a plan file (domain/plan_file.py) as a new movement, in one transaction, through the plan
services (services/plans.py): each part is checked and audited exactly as when a clerk adds it by
hand, and one more event records the import itself. A mistake anywhere writes nothing and is
reported at its place in the file ("milestones[2].report_deadline: ...")."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType
from tdkt.organizations.models import EmulationBlock, Organization

from ..domain.plan_file import PlanFile, PlanFileError, loads
from ..models import ContentItem, Movement, MovementStatus
from . import plans
from .common import audit_record

DUPLICATE = "Kế hoạch này đã có trong hệ thống (cùng đơn vị ban hành, tên và ngày bắt đầu): "


def plan_import_file(*, actor, data: bytes, file_name: str = "") -> Movement:
    """Read, check and import a plan file's bytes; ValidationError {path: [message]} when wrong."""
    try:
        plan = loads(data)
    except PlanFileError as exc:
        raise ValidationError(exc.errors) from None
    return plan_import(actor=actor, plan=plan, file_name=file_name, sha256=hashlib.sha256(data).hexdigest())


@transaction.atomic
def plan_import(*, actor, plan: PlanFile, file_name: str = "", sha256: str = "") -> Movement:
    found = _Resolved(actor, plan)
    if found.errors:
        raise ValidationError(found.errors)
    if Movement.objects.filter(organization=found.organization, title=plan.title, start_date=plan.start_date).exists():
        raise ValidationError({"title": [DUPLICATE + plan.title[:200]]})

    with _at("", {"organization": "organization", "block": "block", "__all__": ""}):
        movement = plans.movement_create(
            actor=actor,
            organization=found.organization,
            block=found.block,
            title=plan.title,
            kind=plan.kind,
            start_date=plan.start_date,
            end_date=plan.end_date,
            **plan.movement_fields,
        )
    block_members = set(movement.participants.values_list("organization_id", flat=True))
    if found.block is None or (found.participants and set(found.participants) != block_members):
        with _at("participants", {"organizations": "", "participants": ""}):
            plans.participants_set(actor=actor, movement=movement, organizations=list(found.participants.values()))
    for part, texts in ((ContentItem.PLAN, plan.plan_contents), (ContentItem.COVENANT, plan.covenant_contents)):
        for i, text in enumerate(texts):
            with _at(f"{part}_contents[{i}]"):
                plans.content_add(actor=actor, movement=movement, text=text, part=part)
    phases = {}
    for i, row in enumerate(plan.phases):
        with _at(f"phases[{i}]"):
            phases[row.name] = plans.phase_add(
                actor=actor,
                movement=movement,
                name=row.name,
                start_date=row.start_date,
                end_date=row.end_date,
                celebrates=row.celebrates,
            )
    for i, row in enumerate(plan.milestones):
        with _at(f"milestones[{i}]"):
            plans.milestone_add(
                actor=actor,
                movement=movement,
                kind=row.kind,
                name=row.name,
                report_deadline=row.report_deadline,
                data_from=row.data_from,
                data_to=row.data_to,
                phase=phases.get(row.phase),
                meeting=row.meeting,
            )
    for i, row in enumerate(plan.targets):
        with _at(f"targets[{i}]"):
            plans.target_add(
                actor=actor,
                movement=movement,
                label=row.label,
                kind=row.kind,
                subject=row.subject,
                value=row.value,
                year=row.year,
                award_code=row.award_code,
                min_rating=row.min_rating,
            )
    for i, row in enumerate(plan.tasks):
        with _at(f"tasks[{i}]"):
            task = plans.task_add(
                actor=actor,
                movement=movement,
                quarter=row.quarter,
                content=row.content,
                lead=row.lead,
                executing=row.executing,
                due_date=row.due_date,
                lead_organization=found.lead_organizations.get(row.lead_organization),
            )
            if row.status != task.status:
                plans.task_set_status(actor=actor, task=task, status=row.status)
    with _at("status", {"status": ""}):
        if plan.status in (MovementStatus.ISSUED, MovementStatus.CLOSED):
            movement = plans.movement_set_status(actor=actor, movement=movement, status=MovementStatus.ISSUED)
        if plan.status == MovementStatus.CLOSED:
            movement = plans.movement_set_status(actor=actor, movement=movement, status=MovementStatus.CLOSED)
    audit_record(
        event_type=AuditEventType.MOVEMENT_CHANGED,
        actor=actor,
        target=movement,
        organization=movement.organization,
        extra={"imported_from_file": file_name[:255], "sha256": sha256},
        target_label=f"Nhập kế hoạch từ tệp: {movement.title}"[:300],
    )
    return movement


class _Resolved:
    """The file's codes as the database's organisations and block. An organisation the actor may
    not see is "not found", like one that does not exist."""

    def __init__(self, actor, plan: PlanFile):
        self.errors: dict[str, list[str]] = {}
        view = scope_for(actor, "organization.view")
        codes = {plan.organization, *plan.participants, *(t.lead_organization for t in plan.tasks)} - {""}
        if plan.block and plan.block.get("organizer"):
            codes.add(plan.block["organizer"])
        by_code = {o.code: o for o in Organization.objects.filter(code__in=codes) if view.covers(o)}

        self.organization = by_code.get(plan.organization)
        if self.organization is None:
            self._error("organization", f"không tìm thấy đơn vị mã “{plan.organization}”.")
        self.block = self._block(plan.block, by_code) if plan.block else None
        members = {}
        if self.block is not None:  # a block's members take part even where the actor sees no further
            members = {
                m.organization.code: m.organization for m in self.block.memberships.select_related("organization")
            }
            by_code |= members
        self.participants = {}
        for i, code in enumerate(plan.participants):
            if code in by_code:
                self.participants[by_code[code].pk] = by_code[code]
            else:
                self._error(f"participants[{i}]", f"không tìm thấy đơn vị mã “{code}”.")
        self.lead_organizations = {}
        allowed = {plan.organization, *plan.participants, *members}
        for i, task in enumerate(plan.tasks):
            code = task.lead_organization
            if not code:
                continue
            if code not in by_code:
                self._error(f"tasks[{i}].lead_organization", f"không tìm thấy đơn vị mã “{code}”.")
            elif code not in allowed:
                self._error(
                    f"tasks[{i}].lead_organization", "đơn vị chủ trì phải là đơn vị ban hành hoặc đơn vị tham gia."
                )
            else:
                self.lead_organizations[code] = by_code[code]

    def _block(self, spec: dict, by_code: dict):
        blocks = EmulationBlock.objects.filter(name=spec["name"], year=spec["year"]).select_related("organizer")
        if spec.get("organizer"):
            blocks = blocks.filter(organizer=by_code.get(spec["organizer"]))
        blocks = list(blocks[:2])
        if not blocks:
            self._error("block", f"không tìm thấy khối thi đua “{spec['name']}” năm {spec['year']}.")
            return None
        if len(blocks) > 1:
            self._error("block.organizer", "có nhiều khối cùng tên trong năm: ghi mã đơn vị tổ chức khối.")
            return None
        return blocks[0]

    def _error(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)


class _at:
    """Report a service's refusal at the file's place: its field errors under `path.field`."""

    def __init__(self, path: str, names: dict | None = None):
        self.path, self.names = path, names or {}

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if isinstance(exc, ValidationError):
            errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            located = {}
            for name, messages in errors.items():
                field = self.names.get(name, "" if name == "__all__" else name)
                path = ".".join(p for p in (self.path, field) if p) or "tệp"
                located.setdefault(path, []).extend(messages)
            raise ValidationError(located) from exc
        return False


__all__ = ["PermissionDenied", "plan_import", "plan_import_file"]
