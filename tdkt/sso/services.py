"""Single sign-on writes: sign-in bookkeeping, the pending list, linking and unlinking (audited).

The audit log has no event types of its own for links yet: a link or an unlink is recorded as an
account change (USER_CHANGED) with extra["sso"] = "linked" / "unlinked"; a sign-in as USER_LOGIN
with extra["method"] = "oidc"; a refused one as USER_LOGIN_FAILED with the reason.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from .models import IdentityLink, PendingIdentity

MAX = {"email": 254, "name": 200, "preferred_username": 200}


def _clip(claims: dict, key: str) -> str:
    return str(claims.get(key) or "")[: MAX[key]]


def _identity_label(issuer: str, subject: str, email: str = "") -> str:
    return f"OIDC {subject}{f' <{email}>' if email else ''} @ {issuer}"


@transaction.atomic
def sso_login_record(*, user, claims: dict, ip_address: str | None) -> IdentityLink:
    """A linked identity signed in: its last sign-in time and the audit event."""
    link = IdentityLink.objects.select_for_update().get(issuer=claims["iss"], subject=str(claims["sub"]), user=user)
    link.last_login_at = timezone.now()
    link.save(update_fields=["last_login_at"])
    audit_record(
        event_type=AuditEventType.USER_LOGIN,
        actor=user,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        extra={"method": "oidc", "issuer": link.issuer, "subject": link.subject},
    )
    return link


@transaction.atomic
def sso_attempt_record(*, claims: dict, ip_address: str | None, reason: str, user=None) -> PendingIdentity | None:
    """A sign-in through the provider that was refused. An identity linked to no account joins the
    administrator's list (one row per identity, updated on each attempt); every refusal is audited."""
    issuer, subject = claims["iss"], str(claims["sub"])
    pending = None
    if user is None:
        fields = {
            "email": _clip(claims, "email"),
            "name": _clip(claims, "name"),
            "preferred_username": _clip(claims, "preferred_username"),
            "last_seen_at": timezone.now(),
            "ip_address": ip_address,
        }
        pending, created = PendingIdentity.objects.select_for_update().get_or_create(
            issuer=issuer, subject=subject, defaults=fields
        )
        if not created:
            for name, value in fields.items():
                setattr(pending, name, value)
            pending.attempts += 1
            pending.save()
    audit_record(
        event_type=AuditEventType.USER_LOGIN_FAILED,
        target=user,
        organization=getattr(user, "organization", None),
        ip_address=ip_address,
        target_label=_identity_label(issuer, subject, _clip(claims, "email")),
        extra={"method": "oidc", "issuer": issuer, "subject": subject, "reason": reason},
    )
    return pending


def sso_failure_record(*, reason: str, ip_address: str | None) -> None:
    """A sign-in through the provider that failed before any identity was known (bad token, state…)."""
    audit_record(
        event_type=AuditEventType.USER_LOGIN_FAILED,
        ip_address=ip_address,
        target_label="OIDC",
        extra={"method": "oidc", "reason": reason[:300]},
    )


def _require_admin(actor) -> None:
    if not user_can(actor, "account.manage"):
        raise PermissionDenied("Chỉ quản trị hệ thống được liên kết tài khoản định danh.")


@transaction.atomic
def identity_link(*, actor, pending: PendingIdentity, user, ip_address: str | None = None) -> IdentityLink:
    """Link a waiting identity to an existing, active account. No account is created, no role given."""
    _require_admin(actor)
    if not user.is_active:
        raise ValidationError({"user": "Tài khoản đã bị khóa: không liên kết được."})
    if IdentityLink.objects.filter(issuer=pending.issuer, user=user).exists():
        raise ValidationError({"user": "Tài khoản này đã được liên kết với một tài khoản định danh khác."})
    try:
        with transaction.atomic():
            link = IdentityLink.objects.create(
                issuer=pending.issuer,
                subject=pending.subject,
                user=user,
                email=pending.email,
                name=pending.name,
                linked_by=actor,
            )
    except IntegrityError:
        raise ValidationError({"user": "Tài khoản định danh này đã được liên kết."}) from None
    pending.delete()
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        after={"issuer": link.issuer, "subject": link.subject, "email": link.email, "name": link.name},
        extra={"sso": "linked", "issuer": link.issuer, "subject": link.subject},
    )
    return link


@transaction.atomic
def identity_unlink(*, actor, link: IdentityLink, ip_address: str | None = None) -> None:
    """Remove a link: the identity can no longer sign in, and its sessions end at their next request."""
    _require_admin(actor)
    user = link.user
    before = {"issuer": link.issuer, "subject": link.subject, "email": link.email, "name": link.name}
    link.delete()
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        before=before,
        extra={"sso": "unlinked", "issuer": before["issuer"], "subject": before["subject"]},
    )


@transaction.atomic
def pending_dismiss(*, actor, pending: PendingIdentity, ip_address: str | None = None) -> None:
    """Take an identity off the waiting list (it comes back if it tries again)."""
    _require_admin(actor)
    pending.delete()
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        ip_address=ip_address,
        target_label=_identity_label(pending.issuer, pending.subject, pending.email),
        extra={"sso": "dismissed", "issuer": pending.issuer, "subject": pending.subject},
    )
