"""Criteria templates: create, edit while unused, and make the next version once frozen."""

from django.db import transaction
from django.db.models import Max

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType

from ..domain import TemplateError, parse_template
from ..models import CriteriaTemplate
from .common import PermissionDenied, ValidationError, audit_record

CODE_MAX = 40


def _require_manage(actor, owner) -> None:
    if not scope_for(actor, "template.manage").covers(owner):
        raise PermissionDenied(f"Bạn không có quyền quản lý mẫu tiêu chí của {owner}.")


def checked_definition(definition, *, code: str) -> tuple[dict, object]:
    """The definition kept as the contract's shape (items, bands, tie_break) and its maximum, or a
    ValidationError naming the faulty item."""
    if not isinstance(definition, dict):
        raise ValidationError({"definition": "Bảng tiêu chí không đúng dạng."})
    kept = {key: definition.get(key) for key in ("items", "bands", "tie_break") if definition.get(key) is not None}
    try:
        parsed = parse_template({**kept, "code": code})
    except TemplateError as exc:
        raise ValidationError({"definition": exc.one_line()}) from None
    if not parsed.items:
        raise ValidationError({"definition": "Bảng tiêu chí chưa có mục nào."})
    return kept, parsed.max_total


def _check_text(code: str, name: str) -> tuple[str, str]:
    code, name = code.strip(), name.strip()
    errors = {}
    if not code:
        errors["code"] = "Hãy nhập mã mẫu tiêu chí."
    elif len(code) > CODE_MAX:
        errors["code"] = f"Mã mẫu tiêu chí dài quá {CODE_MAX} ký tự."
    if not name:
        errors["name"] = "Hãy nhập tên mẫu tiêu chí."
    elif len(name) > 255:
        errors["name"] = "Tên mẫu tiêu chí dài quá 255 ký tự."
    if errors:
        raise ValidationError(errors)
    return code, name


@transaction.atomic
def template_create(*, actor, owner, code: str, name: str, definition: dict) -> CriteriaTemplate:
    _require_manage(actor, owner)
    code, name = _check_text(code, name)
    if CriteriaTemplate.objects.filter(owner=owner, code=code).exists():
        raise ValidationError({"code": f"{owner} đã có mẫu tiêu chí mã {code}; hãy sửa mẫu đó hoặc tạo phiên bản mới."})
    definition, max_total = checked_definition(definition, code=code)
    template = CriteriaTemplate.objects.create(
        owner=owner, code=code, name=name, definition=definition, max_total=max_total, created_by=actor
    )
    audit_record(
        event_type=AuditEventType.TEMPLATE_CREATED,
        actor=actor,
        target=template,
        organization=owner,
        after={"code": code, "name": name, "max_total": str(max_total)},
    )
    return template


@transaction.atomic
def template_update(*, actor, template: CriteriaTemplate, name: str, definition: dict) -> CriteriaTemplate:
    template = CriteriaTemplate.objects.select_for_update().get(pk=template.pk)
    _require_manage(actor, template.owner)
    if template.is_frozen:
        raise ValidationError(
            {"definition": "Mẫu tiêu chí đã được dùng để chấm điểm nên không sửa được; hãy tạo phiên bản mới."}
        )
    _, name = _check_text(template.code, name)
    definition, max_total = checked_definition(definition, code=template.code)
    before = {"name": template.name, "max_total": str(template.max_total)}
    template.name, template.definition, template.max_total = name, definition, max_total
    template.save(update_fields=["name", "definition", "max_total"])
    audit_record(
        event_type=AuditEventType.TEMPLATE_CHANGED,
        actor=actor,
        target=template,
        organization=template.owner,
        before=before,
        after={"name": name, "max_total": str(max_total)},
    )
    return template


@transaction.atomic
def template_new_version(
    *, actor, template: CriteriaTemplate, change_note: str, name: str | None = None, definition: dict | None = None
) -> CriteriaTemplate:
    """The next version of a template (usually a frozen one), editable until a sheet uses it."""
    _require_manage(actor, template.owner)
    change_note = change_note.strip()
    if not change_note:
        raise ValidationError({"change_note": "Hãy ghi lý do tạo phiên bản mới."})
    if len(change_note) > 500:
        raise ValidationError({"change_note": "Lý do dài quá 500 ký tự."})
    family = CriteriaTemplate.objects.select_for_update().filter(owner=template.owner, code=template.code)
    version = (family.aggregate(v=Max("version"))["v"] or 0) + 1
    _, name = _check_text(template.code, name if name is not None else template.name)
    definition, max_total = checked_definition(
        definition if definition is not None else template.definition, code=template.code
    )
    new = CriteriaTemplate.objects.create(
        owner=template.owner,
        code=template.code,
        version=version,
        name=name,
        definition=definition,
        max_total=max_total,
        previous=template,
        change_note=change_note,
        created_by=actor,
    )
    audit_record(
        event_type=AuditEventType.TEMPLATE_VERSIONED,
        actor=actor,
        target=new,
        organization=template.owner,
        before={"version": template.version},
        after={"version": version, "change_note": change_note},
    )
    return new
