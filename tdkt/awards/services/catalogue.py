"""The catalogue of titles and forms: the admin adds a form or, when the law changes, a new version
from a later date (the previous version then ends the day before). Versions are never edited in
place: dossiers and decisions keep pointing at the version that was in force for them."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.records.models import HONOUR_CHOICES

from ..models import AwardForm, Level

# The fields a version carries (everything but its dates); a new version copies them from the last one.
VERSIONED_FIELDS = (
    "name", "certificate_title", "record_code", "for_individual", "for_collective", "for_household", "level",
    "issuer", "decider_title", "needs_ballot", "ballot_threshold", "needs_notice", "notice_working_days",
    "coefficient_individual", "coefficient_collective", "components", "copies", "legal_ref",
)
MAX_COMPONENTS = 30


def _require_admin(actor) -> None:
    if not scope_for(actor, "catalogue.manage").is_global:
        raise PermissionDenied("Chỉ quản trị hệ thống mới được sửa danh mục danh hiệu, hình thức khen thưởng.")


def _decimal(value, field: str, label: str, errors: dict, *, low: Decimal, high: Decimal) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = f"{label} không phải là số."
        return None
    if not number.is_finite() or number < low or number > high:
        errors[field] = f"{label} phải từ {low} đến {high}."
        return None
    return number


def clean_components(components) -> list[dict]:
    """[{code, label, required[, signed]}] with unique codes; raises ValidationError({"components": …})."""
    if not isinstance(components, (list, tuple)):
        raise ValidationError({"components": "Thành phần hồ sơ phải là một danh sách."})
    if len(components) > MAX_COMPONENTS:
        raise ValidationError({"components": f"Nhiều nhất {MAX_COMPONENTS} thành phần hồ sơ."})
    out, seen = [], set()
    for index, item in enumerate(components, start=1):
        if not isinstance(item, dict):
            raise ValidationError({"components": f"Thành phần thứ {index} không hợp lệ."})
        code = str(item.get("code") or "").strip()
        label = str(item.get("label") or "").strip()
        if not code or not label:
            raise ValidationError({"components": f"Thành phần thứ {index} cần có mã và tên."})
        if len(code) > 40 or len(label) > 200:
            raise ValidationError({"components": f"Thành phần thứ {index}: mã tối đa 40, tên tối đa 200 ký tự."})
        if code in seen:
            raise ValidationError({"components": f"Mã thành phần “{code}” bị trùng."})
        seen.add(code)
        component = {"code": code, "label": label, "required": bool(item.get("required", True))}
        if item.get("signed"):  # the file must be a PDF with valid digital signatures (issue 15.2)
            component["signed"] = True
        out.append(component)
    return out


def _clean(fields: dict) -> dict:
    """Check a version's values; return them normalised. Raises ValidationError by field."""
    errors: dict[str, str] = {}
    data = dict(fields)
    for field, label, limit in (("name", "tên", 200), ("decider_title", "chức danh người quyết định", 200)):
        value = str(data.get(field) or "").strip()
        if not value:
            errors[field] = f"Hãy nhập {label}."
        elif len(value) > limit:
            errors[field] = f"{label.capitalize()} dài quá {limit} ký tự."
        data[field] = value
    for field, limit in (("certificate_title", 100), ("legal_ref", 300)):
        data[field] = str(data.get(field) or "").strip()
        if len(data[field]) > limit:
            errors[field] = f"Dài quá {limit} ký tự."
    if data.get("record_code") not in dict(HONOUR_CHOICES):
        errors["record_code"] = "Hãy chọn cách ghi vào hồ sơ khen thưởng."
    if data.get("level") not in Level.values:
        errors["level"] = "Hãy chọn cấp quyết định."
    for flag in ("for_individual", "for_collective", "for_household", "needs_ballot", "needs_notice"):
        data[flag] = bool(data.get(flag))
    if not (data["for_individual"] or data["for_collective"] or data["for_household"]):
        errors["for_individual"] = "Hãy chọn ít nhất một đối tượng (cá nhân, tập thể hoặc hộ gia đình)."
    data["ballot_threshold"] = _decimal(data.get("ballot_threshold", 80), "ballot_threshold",
                                        "Tỷ lệ phiếu đồng ý", errors, low=Decimal(50), high=Decimal(100))
    for field in ("coefficient_individual", "coefficient_collective"):
        data[field] = _decimal(data.get(field, 0), field, "Hệ số tiền thưởng", errors,
                               low=Decimal(0), high=Decimal(999))
    for field, label, low, high in (("notice_working_days", "Số ngày làm việc công khai", 1, 60),
                                    ("copies", "Số bộ hồ sơ", 1, 20)):
        value = data.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors[field] = f"{label} phải là số nguyên từ {low} đến {high}."
    try:
        data["components"] = clean_components(data.get("components") or [])
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    # No issuer: the central level decides, or (level "unit") the head of whichever unit proposes
    # it decides for its own people, as LĐTT and Giấy khen are (Luật TĐKT 2022, Điều 80).
    if data.get("level") not in (Level.CENTRAL, Level.UNIT) and data.get("issuer") is None:
        errors["issuer"] = ("Hãy chọn cơ quan quyết định (chỉ bỏ trống khi do Trung ương quyết định "
                            "hoặc do thủ trưởng đơn vị cơ sở tự quyết định).")
    if errors:
        raise ValidationError(errors)
    return data


def _snapshot(form: AwardForm) -> dict:
    out = {field: getattr(form, field) for field in VERSIONED_FIELDS if field != "issuer"}
    out.update(issuer=form.issuer.name if form.issuer_id else "", effective_from=form.effective_from.isoformat(),
               effective_to=form.effective_to.isoformat() if form.effective_to else None)
    for key, value in out.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
    return out


@transaction.atomic
def form_create(*, actor, code: str, effective_from: datetime.date, **fields) -> AwardForm:
    """A new title or form of the catalogue (a code not used before)."""
    _require_admin(actor)
    code = (code or "").strip().upper()
    errors = {}
    if not code:
        errors["code"] = "Hãy nhập mã."
    elif len(code) > 30:
        errors["code"] = "Mã dài quá 30 ký tự."
    elif AwardForm.objects.filter(code=code).exists():
        errors["code"] = f"Mã “{code}” đã có trong danh mục: hãy tạo phiên bản mới của nó."
    if not isinstance(effective_from, datetime.date):
        errors["effective_from"] = "Hãy nhập ngày có hiệu lực (dd/mm/yyyy)."
    unknown = set(fields) - set(VERSIONED_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"Không có trường {', '.join(sorted(unknown))}."})
    try:
        data = _clean(fields)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    form = AwardForm.objects.create(code=code, effective_from=effective_from, **data)
    audit_record(event_type=AuditEventType.AWARD_FORM_CHANGED, actor=actor, target=form, organization=form.issuer,
                 after={"code": code, **_snapshot(form)})
    return form


def current_version(code: str, on: datetime.date | None = None) -> AwardForm | None:
    """The version in force on a date (today by default), else the first one to come."""
    on = on or timezone.localdate()
    versions = AwardForm.objects.filter(code=code)
    return (versions.filter(effective_from__lte=on).order_by("-effective_from").first()
            or versions.order_by("effective_from").first())


@transaction.atomic
def form_new_version(*, actor, form: AwardForm, effective_from: datetime.date, **changes) -> AwardForm:
    """A new version of the form's code from `effective_from` (after the latest version's start),
    copying the latest version's values with `changes` applied; the latest one then ends the day before."""
    _require_admin(actor)
    latest = AwardForm.objects.select_for_update().filter(code=form.code).order_by("-effective_from").first()
    if not isinstance(effective_from, datetime.date):
        raise ValidationError({"effective_from": "Hãy nhập ngày có hiệu lực (dd/mm/yyyy)."})
    if effective_from <= latest.effective_from:
        raise ValidationError({"effective_from": "Phiên bản mới phải có hiệu lực sau ngày "
                                                 f"{latest.effective_from:%d/%m/%Y} của phiên bản hiện hành."})
    unknown = set(changes) - set(VERSIONED_FIELDS)
    if unknown:
        raise ValidationError({"__all__": f"Không đổi được trường {', '.join(sorted(unknown))}."})
    values = {field: getattr(latest, field) for field in VERSIONED_FIELDS}
    values.update(changes)
    data = _clean(values)
    before = _snapshot(latest)
    if latest.effective_to is None or latest.effective_to >= effective_from:
        latest.effective_to = effective_from - datetime.timedelta(days=1)
        latest.save(update_fields=["effective_to"])
    new = AwardForm.objects.create(code=latest.code, effective_from=effective_from, **data)
    audit_record(event_type=AuditEventType.AWARD_FORM_CHANGED, actor=actor, target=new, organization=new.issuer,
                 before={"code": latest.code, **before}, after={"code": new.code, **_snapshot(new)})
    return new
