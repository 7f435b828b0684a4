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


@transaction.atomic
def round_create(*, actor, authority, kind, title, year, deadline=None, movement=None, forms=()) -> CommendationRound:
    if not scope_for(actor, "dossier.process").covers(authority):
        raise PermissionDenied(f"Bạn không có quyền mở đợt khen thưởng của {authority}.")
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
    if kind == RoundKind.MOVEMENT and movement is None:
        errors["movement"] = "Đợt khen thưởng theo phong trào cần chọn phong trào thi đua."
    if movement is not None:
        from tdkt.movements.selectors import movement_list

        if not movement_list(actor).filter(pk=movement.pk).exists():
            errors["movement"] = "Không tìm thấy phong trào thi đua."
    forms = list(forms or ())
    codes = [f.code for f in forms]
    if len(codes) != len(set(codes)):
        errors["forms"] = "Mỗi hình thức khen thưởng chỉ chọn một phiên bản."
    if errors:
        raise ValidationError(errors)
    commendation_round = CommendationRound.objects.create(
        authority=authority, kind=kind, title=title, year=year, deadline=deadline, movement=movement,
        created_by=actor,
    )
    if forms:
        commendation_round.forms.set(forms)
    audit_record(
        event_type=AuditEventType.COMMENDATION_ROUND_CHANGED, actor=actor, target=commendation_round,
        organization=authority,
        after={
            "title": title, "kind": kind, "year": year,
            "deadline": deadline.isoformat() if deadline else None,
            "movement": movement.pk if movement else None, "forms": sorted(codes),
        },
    )
    return commendation_round
