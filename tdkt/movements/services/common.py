from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.accounts.scope import scope_for
from tdkt.audit.services import audit_record

from ..models import Movement, MovementStatus

__all__ = ["PermissionDenied", "ValidationError", "audit_record", "require_issued", "require_manage"]


def require_manage(actor, movement: Movement) -> None:
    if not scope_for(actor, "movement.manage").covers(movement.organization):
        raise PermissionDenied("Bạn không có quyền quản lý phong trào thi đua này.")


def require_participant(actor, movement: Movement, organization) -> None:
    if not movement.participants.filter(organization=organization).exists():
        raise ValidationError({"organization": f"{organization} không tham gia phong trào này."})
    if not scope_for(actor, "movement.participate").covers(organization):
        raise PermissionDenied(f"Bạn không có quyền thay mặt {organization}.")


def require_issued(movement: Movement) -> None:
    if movement.status != MovementStatus.ISSUED:
        raise ValidationError({"movement": "Phong trào chưa được ban hành hoặc đã kết thúc."})
