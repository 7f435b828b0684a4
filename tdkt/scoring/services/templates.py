"""Criteria templates: create, edit while unused, and make the next version once frozen."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType

from ..domain import RuleType, TemplateError, parse_template
from ..models import CriteriaTemplate
from .common import PermissionDenied, ValidationError, audit_record

CODE_MAX = 40
TITLE_MAX = 2000
MAX_DEPTH = 6
LARGEST = Decimal(10_000_000)  # the score columns hold 7 digits before the point


def _require_manage(actor, owner) -> None:
    if not scope_for(actor, "template.manage").covers(owner):
        raise PermissionDenied(f"Bạn không có quyền quản lý mẫu tiêu chí của {owner}.")


def checked_definition(definition, *, code: str) -> tuple[dict, object]:
    """The definition kept as the contract's shape (items, bands, tie_break) and its maximum, or a
    ValidationError naming the faulty item."""
    if not isinstance(definition, dict):
        raise ValidationError({"definition": "Bảng tiêu chí không đúng dạng."})
    kept = {key: definition.get(key) for key in ("items", "bands", "tie_break") if definition.get(key) is not None}
    if _depth(kept.get("items")) > MAX_DEPTH:
        raise ValidationError({"definition": f"Bảng tiêu chí lồng quá {MAX_DEPTH} cấp."})
    try:
        parsed = parse_template({**kept, "code": code})
    except TemplateError as exc:
        raise ValidationError({"definition": exc.one_line()}) from None
    for item in parsed.walk():
        if len(item.code) > CODE_MAX or len(item.title) > TITLE_MAX:
            raise ValidationError({"definition": f"Mục '{item.code[:CODE_MAX]}…': mã quá {CODE_MAX} ký tự "
                                                 f"hoặc tên quá {TITLE_MAX} ký tự."})
        if any(n is not None and not (n.is_finite() and abs(n) < LARGEST) for n in (item.max, item.points_each)):
            raise ValidationError({"definition": f"Mục '{item.code}': điểm quá lớn hoặc không phải số."})
    if any(not (b.min.is_finite() and abs(b.min) < LARGEST) or len(b.label) > 100 for b in parsed.bands):
        raise ValidationError({"definition": "Mức xếp loại: điểm quá lớn hoặc tên dài quá 100 ký tự."})
    # Stored in the canonical shape rebuilt from the parsed tree: no stray keys, plain JSON numbers.
    return canonical_definition(parsed), parsed.max_total


def _depth(items, level: int = 1) -> int:
    deepest, stack = 0, [(items, level)]
    while stack:  # iterative: a hostile nesting must not exhaust the recursion limit
        nodes, depth = stack.pop()
        if not isinstance(nodes, list):
            continue
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        stack.extend((node.get("children"), depth + 1) for node in nodes if isinstance(node, dict))
    return deepest


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def _item(item) -> dict:
    out = {"code": item.code, "title": item.title}
    if item.max is not None:
        out["max"] = _number(item.max)
    if item.children:
        out["children"] = [_item(child) for child in item.children]
    elif item.rule is not None and item.rule is not RuleType.POINTS:
        out["rule"] = {"type": item.rule.value, "points_each": _number(item.points_each)}
    return out


def canonical_definition(parsed) -> dict:
    definition = {
        "items": [_item(item) for item in parsed.items],
        "bands": [{"label": band.label, "min": _number(band.min)} for band in parsed.bands],
    }
    if parsed.tie_break:
        definition["tie_break"] = list(parsed.tie_break)
    return definition


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
