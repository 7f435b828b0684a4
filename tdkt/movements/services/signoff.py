"""Helpers for the unit leader's sign-off of registrations and reports (core/domain/signoff.py):
what "send" means for this user, telling the leader, and the confirmation a late report needs."""

from django.core.exceptions import ValidationError

from tdkt.accounts.signoff import unit_roles
from tdkt.core.domain.signoff import Act, sending_act
from tdkt.notifications.services import notify, users_of
from tdkt.organizations.models import Organization


def signoff_required(organization) -> bool:
    return Organization.objects.filter(pk=organization.pk).values_list("leader_signoff", flat=True).first() is True


def sending(actor, organization) -> Act:
    """Submit (the step off), sign off (the unit's leader) or put before the leader (an officer)."""
    return sending_act(roles=unit_roles(actor, organization), signoff_required=signoff_required(organization))


def tell_leader(organization, what: str, url: str) -> int:
    return notify(users_of(organization, roles=("unit_leader",)), text=f"{what} chờ lãnh đạo ký duyệt.", url=url)


def tell_officers(organization, what: str, reason: str, url: str) -> int:
    return notify(users_of(organization, roles=("unit_officer",)),
                  text=f"Lãnh đạo đơn vị trả lại {what}: {reason}", url=url)


def require_late_confirmation(milestone, *, confirmed: bool, reason: str) -> None:
    """A report sent after its deadline: only confirmed, with the reason the audit keeps."""
    if not (confirmed and reason.strip()):
        raise ValidationError({"reason": ValidationError(
            f"Đã quá hạn nộp báo cáo ({milestone.report_deadline:%d/%m/%Y}): hãy xác nhận nộp muộn và ghi rõ lý do.",
            code="confirm_late")})
