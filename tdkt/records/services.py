"""Writes to the records. Each function: keyword-only, one transaction, one audit event."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tdkt.accounts.domain.roles import path_covers, roles_for
from tdkt.accounts.scope import scope_for, user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, snapshot
from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization

from .domain.codes import HONOURS, Target
from .models import TITLE_CODES, AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag
from .selectors import BLOCKING_MODELS, can_lift, recording_authority


def _subject_fields(person, organization) -> dict:
    if (person is None) == (organization is None):
        raise ValueError("A record names exactly one subject: a person or an organisation.")
    return {"person": person, "organization": organization}


def _check_scope(actor, record) -> None:
    require(
        user_can(actor, "record.manage", record.subject_organization),
        "Bạn không có quyền cập nhật hồ sơ thi đua, khen thưởng của đơn vị này.",
    )


def _recording_organization(actor, subject_organization) -> Organization:
    """On whose behalf the actor enters a blocking record: the highest of its "record.manage"
    grants covering the subject (acting with the widest authority it holds, so its own lower unit
    cannot lift it); a system-wide administrator enters it for the subject's province."""
    if scope_for(actor, "record.manage").is_global:
        return Organization.objects.get(pk=subject_organization.ancestor_ids()[0])
    grants = actor.role_grants.filter(role__in=roles_for("record.manage"), organization__isnull=False).select_related(
        "organization"
    )
    covering = [g.organization for g in grants if path_covers(g.organization.path, subject_organization.path)]
    return min(covering, key=lambda org: (org.depth, org.path))


LIFTED_LABELS = {DisciplineRecord: "Kỷ luật", ReviewFlag: "Việc xem xét"}


def _check_lift(actor, record, *, doing: str) -> None:
    """Closing or removing a blocking record is for the organisation that recorded it, or one
    above it; the subject's own unit sees the record but cannot lift it."""
    _check_scope(actor, record)
    if not can_lift(actor, record):
        authority = recording_authority(record)
        raise PermissionDenied(
            f"{LIFTED_LABELS[type(record)]} này do {authority.name} ghi nhận: chỉ {authority.name} "
            f"hoặc cơ quan cấp trên mới được {doing}; đơn vị của người được ghi chỉ được xem."
        )


def _check_year(year: int) -> None:
    if not 1945 <= year <= datetime.date.today().year + 1:
        raise ValidationError({"year": f"Năm {year} không hợp lệ."})


def _save_and_audit(*, actor, record, event_type=AuditEventType.RECORD_ADDED, before=None):
    record.full_clean()
    record.save()
    audit_record(
        event_type=event_type,
        actor=actor,
        target=record,
        organization=record.subject_organization,
        before=before,
        after=snapshot(record),
        target_label=f"{record._meta.verbose_name}: {record}",
    )
    return record


@transaction.atomic
def rating_set(*, actor, year: int, rating: str, person=None, organization=None, note: str = "") -> AnnualRating:
    """Set the year's rating; a second entry for the same year corrects the first (audited)."""
    subject = _subject_fields(person, organization)
    _check_year(year)
    existing = AnnualRating.objects.select_for_update().filter(**subject, year=year).first()
    record = existing or AnnualRating(**subject, year=year, created_by=actor)
    _check_scope(actor, record)
    before = snapshot(existing) if existing else None
    record.rating, record.note = rating, note.strip()
    return _save_and_audit(
        actor=actor,
        record=record,
        before=before,
        event_type=AuditEventType.RECORD_CHANGED if existing else AuditEventType.RECORD_ADDED,
    )


@transaction.atomic
def honour_add(
    *,
    actor,
    code: str,
    year: int,
    person=None,
    organization=None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    issuer: str = "",
    note: str = "",
) -> HonourRecord:
    subject = _subject_fields(person, organization)
    _check_year(year)
    target = Target.INDIVIDUAL if person is not None else Target.COLLECTIVE
    if code not in HONOURS or target not in HONOURS[code][2]:
        who = "cá nhân" if target == Target.INDIVIDUAL else "tập thể"
        raise ValidationError({"code": f"Danh hiệu hoặc hình thức “{code}” không dành cho {who}."})
    if code in TITLE_CODES and HonourRecord.objects.filter(**subject, code=code, year=year).exists():
        raise ValidationError(
            {"code": f"{HONOURS[code][0]} năm {year} đã được ghi nhận: mỗi danh hiệu chỉ tặng một lần trong năm."}
        )
    record = HonourRecord(
        **subject,
        code=code,
        year=year,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        issuer=issuer.strip(),
        note=note.strip(),
        created_by=actor,
    )
    _check_scope(actor, record)
    return _save_and_audit(actor=actor, record=record)


@transaction.atomic
def honour_revoke(*, actor, honour: HonourRecord, revoked_on: datetime.date, reason: str) -> HonourRecord:
    """Hủy bỏ (Luật TĐKT 2022, Điều 93): the record stays, marked, and no longer counts."""
    honour = HonourRecord.objects.select_for_update().get(pk=honour.pk)
    _check_scope(actor, honour)
    if honour.revoked_on:
        raise ValidationError({"revoked_on": "Khen thưởng này đã bị hủy bỏ trước đó."})
    if not reason.strip():
        raise ValidationError({"reason": "Phải ghi lý do hủy bỏ."})
    before = snapshot(honour)
    honour.revoked_on, honour.revocation_reason = revoked_on, reason.strip()
    return _save_and_audit(actor=actor, record=honour, before=before, event_type=AuditEventType.RECORD_CHANGED)


@transaction.atomic
def initiative_add(
    *,
    actor,
    title: str,
    scope: str,
    year: int,
    kind: str = "sang_kien",
    person=None,
    organization=None,
    recognized_by: str = "",
    note: str = "",
) -> Initiative:
    subject = _subject_fields(person, organization)
    _check_year(year)
    record = Initiative(
        **subject,
        title=" ".join(title.split()),
        scope=scope,
        year=year,
        kind=kind,
        recognized_by=recognized_by.strip(),
        note=note.strip(),
        created_by=actor,
    )
    _check_scope(actor, record)
    return _save_and_audit(actor=actor, record=record)


@transaction.atomic
def discipline_add(
    *,
    actor,
    person,
    form: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    decision_number: str = "",
    note: str = "",
) -> DisciplineRecord:
    record = DisciplineRecord(
        person=person,
        form=form,
        start_date=start_date,
        end_date=end_date,
        decision_number=decision_number.strip(),
        note=note.strip(),
        created_by=actor,
    )
    _check_scope(actor, record)
    record.recorded_by_organization = _recording_organization(actor, record.subject_organization)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "Ngày hết hiệu lực phải sau ngày bắt đầu."})
    return _save_and_audit(actor=actor, record=record)


@transaction.atomic
def review_flag_open(
    *,
    actor,
    reason: str,
    opened_on: datetime.date,
    person=None,
    organization=None,
    note: str = "",
) -> ReviewFlag:
    record = ReviewFlag(
        **_subject_fields(person, organization), reason=reason, opened_on=opened_on, note=note.strip(), created_by=actor
    )
    _check_scope(actor, record)
    record.recorded_by_organization = _recording_organization(actor, record.subject_organization)
    return _save_and_audit(actor=actor, record=record)


@transaction.atomic
def review_flag_close(*, actor, flag: ReviewFlag, closed_on: datetime.date) -> ReviewFlag:
    flag = ReviewFlag.objects.select_for_update().get(pk=flag.pk)
    _check_lift(actor, flag, doing="kết thúc việc xem xét")
    if flag.closed_on is not None:
        raise ValidationError({"closed_on": "Việc xem xét này đã kết thúc từ trước."})
    if closed_on < flag.opened_on:
        raise ValidationError({"closed_on": "Ngày kết thúc phải sau ngày bắt đầu."})
    before = snapshot(flag)
    flag.closed_on = closed_on
    return _save_and_audit(actor=actor, record=flag, before=before, event_type=AuditEventType.RECORD_CHANGED)


@transaction.atomic
def record_delete(*, actor, record) -> None:
    """Remove a record entered by mistake; the audit event keeps what it said."""
    if isinstance(record, BLOCKING_MODELS):
        _check_lift(actor, record, doing="xóa")
    else:
        _check_scope(actor, record)
    organization, before, label = (
        record.subject_organization,
        snapshot(record),
        f"{record._meta.verbose_name}: {record}",
    )
    record.delete()
    audit_record(
        event_type=AuditEventType.RECORD_DELETED,
        actor=actor,
        organization=organization,
        before=before,
        target_label=label,
    )
