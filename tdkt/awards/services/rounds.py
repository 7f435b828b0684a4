"""Opening a commendation round: the receiving organisation's standing office (or the admin) says
what dossiers it takes in — the year's regular commendation, a movement or phase, or a sudden
award — until which deadline and for which titles and forms of the catalogue."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tdkt.accounts.scope import scope_for
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from ..models import AwardForm, CommendationRound, RoundKind


def current_forms(on: datetime.date | None = None):
    """The catalogue versions in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    return AwardForm.objects.filter(effective_from__lte=on).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on)
    ).order_by("level", "code")


def _check(*, kind, title, year, deadline, forms) -> tuple[str, list, dict]:
    """The rules a round's fields follow, on opening and on every change (errors named by field)."""
    errors = {}
    title = (title or "").strip()
    if kind not in RoundKind.values:
        errors["kind"] = "Loại đợt khen thưởng không hợp lệ."
    if not title:
        errors["title"] = "Hãy nhập tên đợt khen thưởng."
    elif len(title) > 300:
        errors["title"] = "Tên đợt khen thưởng dài quá 300 ký tự."
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Năm không hợp lệ (2000–2100)."
    elif deadline is not None and deadline.year < year - 1:
        errors["deadline"] = "Hạn nộp hồ sơ không khớp với năm của đợt khen thưởng."
    forms = list(forms or ())
    codes = [f.code for f in forms]
    if len(codes) != len(set(codes)):
        errors["forms"] = "Mỗi hình thức khen thưởng chỉ chọn một phiên bản."
    return title, forms, errors


def _summary(commendation_round: CommendationRound) -> dict:
    return {
        "title": commendation_round.title, "kind": commendation_round.kind, "year": commendation_round.year,
        "deadline": commendation_round.deadline.isoformat() if commendation_round.deadline else None,
        "is_open": commendation_round.is_open, "movement": commendation_round.movement_id,
        "forms": sorted(commendation_round.forms.values_list("code", flat=True)),
    }


def _require_process(actor, authority) -> None:
    if not scope_for(actor, "dossier.process").covers(authority):
        raise PermissionDenied(f"Bạn không có quyền mở, sửa đợt khen thưởng của {authority}.")


@transaction.atomic
def round_create(*, actor, authority, kind, title, year, deadline=None, movement=None, forms=()) -> CommendationRound:
    _require_process(actor, authority)
    title, forms, errors = _check(kind=kind, title=title, year=year, deadline=deadline, forms=forms)
    if kind == RoundKind.MOVEMENT and movement is None:
        errors["movement"] = "Đợt khen thưởng theo phong trào cần chọn phong trào thi đua."
    if movement is not None:
        from tdkt.movements.selectors import movement_list

        if not movement_list(actor).filter(pk=movement.pk).exists():
            errors["movement"] = "Không tìm thấy phong trào thi đua."
    if errors:
        raise ValidationError(errors)
    commendation_round = CommendationRound.objects.create(
        authority=authority, kind=kind, title=title, year=year, deadline=deadline, movement=movement,
        created_by=actor,
    )
    if forms:
        commendation_round.forms.set(forms)
    audit_record(event_type=AuditEventType.COMMENDATION_ROUND_CHANGED, actor=actor, target=commendation_round,
                 organization=authority, after=_summary(commendation_round))
    return commendation_round


@transaction.atomic
def round_update(*, actor, commendation_round: CommendationRound, title: str, deadline, is_open: bool,
                 forms=()) -> CommendationRound:
    """Extend or move the deadline, stop or resume taking dossiers, rename, change the forms
    considered. Dossiers already in the round keep their nominees: a form taken off the list only
    stops new proposals of it."""
    commendation_round = CommendationRound.objects.select_for_update().select_related("authority").get(
        pk=commendation_round.pk)
    _require_process(actor, commendation_round.authority)
    title, forms, errors = _check(kind=commendation_round.kind, title=title, year=commendation_round.year,
                                  deadline=deadline, forms=forms)
    if errors:
        raise ValidationError(errors)
    before = _summary(commendation_round)
    commendation_round.title, commendation_round.deadline, commendation_round.is_open = title, deadline, bool(is_open)
    commendation_round.save(update_fields=["title", "deadline", "is_open"])
    commendation_round.forms.set(forms)
    audit_record(event_type=AuditEventType.COMMENDATION_ROUND_CHANGED, actor=actor, target=commendation_round,
                 organization=commendation_round.authority, before=before, after=_summary(commendation_round))
    return commendation_round
