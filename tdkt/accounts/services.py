"""Account writes: login bookkeeping, API tokens, passwords, role grants."""

import datetime
import math
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from .domain import throttle
from .models import ApiToken, LoginFailure, RoleGrant, SecondFactorFailure, User, hash_token
from .scope import user_can
from .sessions import user_sessions_end_others

TOKEN_USE_RESOLUTION = datetime.timedelta(minutes=5)
LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {wait}."


class LoginThrottled(Exception):
    def __init__(self, seconds: int):
        super().__init__(LOCKED_MESSAGE.format(wait=throttle.wait_text(seconds)))
        self.seconds = max(1, int(seconds))


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For through TDKT_TRUSTED_PROXIES only."""
    if request is None:
        return None
    return throttle.client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        throttle.parse_networks(settings.TDKT_TRUSTED_PROXIES),
    )


def _pair_failures(username: str, ip_address: str | None):
    since = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    return LoginFailure.objects.filter(username=username, ip_address=ip_address, created_at__gte=since)


def _pair_wait(username: str, ip_address: str | None) -> int:
    """Seconds this name must still wait at this address (0: may try)."""
    return seconds_to_wait(_pair_failures(username, ip_address))


def _address_wait(ip_address: str | None) -> int:
    """Seconds this address must still wait for its cap (0: under the cap)."""
    if ip_address is None:
        return 0
    window = datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(ip_address=ip_address, created_at__gte=timezone.now() - window)
    limit = settings.LOGIN_ADDRESS_LIMIT
    if recent.count() < limit:
        return 0
    # Refused until enough of the failures have left the window to bring the address under its cap.
    oldest_to_leave = recent.order_by("-created_at").values_list("created_at", flat=True)[limit - 1]
    return max(1, math.ceil((oldest_to_leave + window - timezone.now()).total_seconds()))


def login_wait_seconds(*, username: str, ip_address: str | None) -> int:
    return max(_pair_wait(username.lower(), ip_address), _address_wait(ip_address))


def _record_failure(*, username: str, ip_address: str | None) -> None:
    name = username.lower()[:150]
    LoginFailure.objects.create(username=name, ip_address=ip_address)
    # Forgotten failures are no use to anyone; keep the table small.
    keep = max(settings.LOGIN_FAILURE_MEMORY_SECONDS, settings.LOGIN_FAILURE_WINDOW_SECONDS)
    LoginFailure.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(seconds=keep)).delete()
    pair_wait = _pair_wait(name, ip_address)
    address_wait = _address_wait(ip_address)
    target = User.objects.filter(username__iexact=name).first()
    extra = {}
    if pair_wait:
        extra["locked_pair_seconds"] = pair_wait
    if address_wait:  # only the failure that reaches the cap: later attempts are refused unchecked
        extra["locked_address_seconds"] = address_wait
    label = username[:150]
    if extra:
        label = f"{label}: tạm khóa đăng nhập từ {ip_address or '?'} trong {throttle.wait_text(max(extra.values()))}"
    audit_record(
        event_type=AuditEventType.USER_LOGIN_FAILED,
        target=target,
        organization=getattr(target, "organization", None),
        ip_address=ip_address,
        target_label=label,
        extra=extra,
    )


def login_check(*, request, username: str, password: str) -> User | None:
    """Authenticate with throttling; record failures, lock-outs and successes in the audit log.

    A refused attempt (still waiting) does not check the password and does not count as a failure.
    """
    ip = client_ip(request)
    wait = login_wait_seconds(username=username, ip_address=ip)
    if wait:
        raise LoginThrottled(wait)
    user = authenticate(request, username=username, password=password)
    with transaction.atomic():
        if user is None:
            _record_failure(username=username, ip_address=ip)
            return None
        # Success clears this name's failures at this address only; the address's cap still
        # counts the failures of other names.
        LoginFailure.objects.filter(username=username.lower(), ip_address=ip).delete()
        audit_record(event_type=AuditEventType.USER_LOGIN, actor=user, target=user, ip_address=ip)
    return user


@transaction.atomic
def login_unlock(*, actor, user: User, ip_address: str | None = None) -> int:
    """The administrator lets a throttled name log in again at once, from every address: its
    failures are forgotten (so they no longer count towards any address's cap either)."""
    _require_account_admin(actor)
    failures = LoginFailure.objects.filter(username=user.username.lower())
    addresses = sorted({a or "?" for a in failures.values_list("ip_address", flat=True)})
    cleared, _ = failures.delete()
    cleared += SecondFactorFailure.objects.filter(user=user).delete()[0]
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        before={"login_failures": cleared, "addresses": addresses},
        after={"login_unlocked": True},
        target_label=f"{user.username}: mở khóa đăng nhập",
    )
    return cleared


@transaction.atomic
def api_token_issue(*, user: User, ip_address: str | None = None) -> str:
    raw = ApiToken.new_raw()
    expires = timezone.now() + datetime.timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS)
    ApiToken.objects.create(user=user, token_hash=hash_token(raw), expires_at=expires, ip_address=ip_address)
    ApiToken.objects.filter(user=user, expires_at__lt=timezone.now()).delete()
    audit_record(event_type=AuditEventType.API_TOKEN_ISSUED, actor=user, target=user, ip_address=ip_address)
    return raw


def api_token_user(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=hash_token(raw), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Shown on the owner's token list; written at most once every few minutes, not on every call.
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.user.api_token_id = token.pk  # which of the user's tokens this request came with
    return token.user


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken, ip_address: str | None = None) -> None:
    """Revoke one of the actor's own tokens (the selector only finds the actor's own)."""
    if token.user_id != actor.pk:
        raise PermissionDenied("Chỉ được thu hồi token của chính mình.")
    before = {"api_token": token.pk, "created_at": token.created_at.isoformat(), "ip_address": token.ip_address}
    token.delete()
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=actor,
        ip_address=ip_address,
        before=before,
        after={"api_token_revoked": before["api_token"]},
        target_label=f"{actor.username}: thu hồi token API",
    )


@transaction.atomic
def sign_out_everywhere(*, user: User, ip_address: str | None = None, keep_session_id: int | None = None) -> int:
    """Revoke every API token of the user and end its sessions: a new session epoch makes every
    session hash signed before stale, and the other sessions' rows (tdkt/accounts/sessions.py) go
    with Django's. The view keeps the caller's own session (`keep_session_id`) by re-signing it
    (update_session_auth_hash). Returns how many tokens were revoked."""
    revoked, _ = ApiToken.objects.filter(user=user).delete()
    user.session_epoch = secrets.token_hex(16)
    user.save(update_fields=["session_epoch"])
    ended = user_sessions_end_others(user=user, keep_id=keep_session_id)
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=user,
        target=user,
        ip_address=ip_address,
        after={"signed_out_everywhere": True, "api_tokens_revoked": revoked, "sessions_ended": ended},
        target_label=f"{user.username}: đăng xuất trên mọi thiết bị",
    )
    return revoked


@transaction.atomic
def password_change_record(*, user: User, keep_session_id: int | None = None) -> None:
    # Existing API tokens and the other sessions die with the old password.
    ApiToken.objects.filter(user=user).delete()
    user_sessions_end_others(user=user, keep_id=keep_session_id)
    audit_record(event_type=AuditEventType.USER_PASSWORD_CHANGED, actor=user, target=user)


def _require_account_admin(actor) -> None:
    if not user_can(actor, "account.manage"):
        raise PermissionDenied("Chỉ quản trị hệ thống được quản lý tài khoản và phân quyền.")


@transaction.atomic
def user_create(*, actor, username: str, full_name: str, password: str, organization=None) -> User:
    """A new account. The password is checked against the password rules (Vietnamese messages)."""
    _require_account_admin(actor)
    user = User(username=username.strip(), full_name=" ".join(full_name.split()), organization=organization)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(
        event_type=AuditEventType.USER_CREATED,
        actor=actor,
        target=user,
        organization=organization,
        after={
            "username": user.username,
            "full_name": user.full_name,
            "organization_id": getattr(organization, "pk", None),
        },
    )
    return user


@transaction.atomic
def user_set_active(*, actor, user: User, active: bool) -> User:
    _require_account_admin(actor)
    if user.pk == actor.pk and not active:
        raise ValidationError({"is_active": "Không thể tự khóa tài khoản của chính mình."})
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user).delete()
        user_sessions_end_others(user=user)
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=user,
        organization=user.organization,
        before=before,
        after={"is_active": active},
    )
    return user


@transaction.atomic
def role_grant(*, actor, user: User, role: str, organization) -> RoleGrant:
    _require_account_admin(actor)
    if role != "admin" and organization is None:
        raise ValidationError({"organization": "Vai trò này phải gắn với một đơn vị."})
    grant, created = RoleGrant.objects.get_or_create(
        user=user,
        role=role,
        organization=None if role == "admin" else organization,
        defaults={"granted_by": actor},
    )
    if not created:
        raise ValidationError({"role": "Người dùng đã có vai trò này tại đơn vị này."})
    audit_record(
        event_type=AuditEventType.ROLE_GRANTED,
        actor=actor,
        target=user,
        organization=grant.organization,
        after={"role": role, "organization_id": grant.organization_id},
    )
    return grant


@transaction.atomic
def role_revoke(*, actor, grant: RoleGrant) -> None:
    _require_account_admin(actor)
    if grant.user_id == actor.pk and grant.role == "admin":
        raise ValidationError({"role": "Không thể tự thu hồi quyền quản trị của chính mình."})
    before = {"role": grant.role, "organization_id": grant.organization_id}
    user, organization = grant.user, grant.organization
    grant.delete()
    ApiToken.objects.filter(user=user).delete()
    audit_record(
        event_type=AuditEventType.ROLE_REVOKED, actor=actor, target=user, organization=organization, before=before
    )


def seconds_to_wait(failures) -> int:
    """Seconds left before the next try, given the failures that count (a queryset with created_at):
    the growing delay of domain/throttle.py after the free tries, from the last failure."""
    delay = throttle.pair_delay_seconds(
        failures.count(),
        free=settings.LOGIN_FREE_FAILURES,
        base=settings.LOGIN_DELAY_BASE_SECONDS,
        cap=settings.LOGIN_DELAY_MAX_SECONDS,
    )
    if not delay:
        return 0
    last = failures.order_by("-created_at").values_list("created_at", flat=True).first()
    return max(0, math.ceil((last + datetime.timedelta(seconds=delay) - timezone.now()).total_seconds()))
