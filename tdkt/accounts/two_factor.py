"""Two-factor sign-in with django-otp: a TOTP app (Google Authenticator, Microsoft Authenticator,
FreeOTP…) and ten one-time recovery codes.

Who must use it: anyone with a confirmed device, and anyone holding a role listed in
TDKT_TWO_FACTOR_REQUIRED_ROLES (prod: admin, approver, standing_office). A session of such a user
is "verified" only after a code (django-otp's `login`, kept in the session); until then
tdkt/accounts/middleware.py sends every page to the code page, or to enrolment when there is no
device yet, whatever signed the session in (the password form or single sign-on).

Recovery codes are stored as keyed hashes (recovery_digest), never as typed. Wrong codes wait as
wrong passwords do (domain/throttle.py: after LOGIN_FREE_FAILURES, 1 s, 2 s,
4 s… up to LOGIN_DELAY_MAX_SECONDS), counted per user from any address, and are audited. The audit
uses the account event types (101 login, 102 failed login, 108 account changed) with
`extra["second_factor"]` saying which step.
"""

import base64
import datetime
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from .domain import throttle
from .models import SecondFactorFailure, User
from .scope import user_can, user_roles
from .services import seconds_to_wait

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_NAME = "Mã khôi phục"
RECOVERY_SALT = "tdkt.accounts.two_factor.recovery_code"
THROTTLED_MESSAGE = "Nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau {wait}."
WRONG_CODE_MESSAGE = "Mã xác thực không đúng, đã hết hạn hoặc đã được dùng."
TOTP_SHAPE = re.compile(r"^\d{6}$")


class SecondFactorThrottled(Exception):
    def __init__(self, seconds: int):
        super().__init__(THROTTLED_MESSAGE.format(wait=throttle.wait_text(seconds)))
        self.seconds = max(1, int(seconds))


# Who must use it ----------------------------------------------------------------------------------


def totp_device_of(user) -> TOTPDevice | None:
    if user is None or not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_device(user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists()
    )


def role_requires(user) -> bool:
    """Whether a role of the user is in TDKT_TWO_FACTOR_REQUIRED_ROLES (a superuser counts as admin)."""
    required = set(settings.TDKT_TWO_FACTOR_REQUIRED_ROLES)
    if not required or user is None or not user.is_authenticated:
        return False
    roles = set(user_roles(user))
    if user.is_superuser:
        roles.add("admin")
    return bool(roles & required)


def second_factor_required(user) -> bool:
    return role_requires(user) or has_device(user)


def recovery_codes_left(user) -> int:
    return sum(d.token_set.count() for d in StaticDevice.objects.filter(user=user))


# Throttling ---------------------------------------------------------------------------------------


def _failures(user):
    since = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    return SecondFactorFailure.objects.filter(user=user, created_at__gte=since)


def wait_seconds(user) -> int:
    return seconds_to_wait(_failures(user))


def _record_failure(*, user, ip_address, step: str) -> None:
    SecondFactorFailure.objects.create(user=user, ip_address=ip_address)
    keep = datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    SecondFactorFailure.objects.filter(created_at__lt=timezone.now() - keep).delete()
    wait = wait_seconds(user)
    label = f"{user.username}: sai mã xác thực hai lớp"
    extra = {"second_factor": step}
    if wait:
        extra["locked_seconds"] = wait
        label += f", tạm khóa nhập mã trong {throttle.wait_text(wait)}"
    audit_record(
        event_type=AuditEventType.USER_LOGIN_FAILED,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        target_label=label,
        extra=extra,
    )


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def recovery_digest(code: str, *, secret=None) -> str:
    """What is stored for a recovery code: a keyed hash (16 hex digits fit django-otp's token column),
    so a copy of the database does not hand out working codes."""
    return salted_hmac(RECOVERY_SALT, _normalise(code), secret=secret, algorithm="sha256").hexdigest()[:16]


def _recovery_digests(code: str) -> list[str]:
    # Codes made before a SECRET_KEY rotation still work while the old key is in SECRET_KEY_FALLBACKS.
    return [recovery_digest(code), *(recovery_digest(code, secret=k) for k in settings.SECRET_KEY_FALLBACKS)]


def _check_code(*, user, code: str, ip_address, step: str, device=None):
    """The device that accepts the code (a TOTP code, or a recovery code, used up), or None (a
    failure, recorded and audited). Refused unchecked while the user must still wait."""
    wait = wait_seconds(user)
    if wait:
        raise SecondFactorThrottled(wait)
    code = _normalise(code)
    matched = None
    with transaction.atomic():
        if TOTP_SHAPE.match(code):
            candidates = [device] if device is not None else list(
                TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
            )
            matched = next((d for d in candidates if d.verify_token(code)), None)
        elif device is None and code:
            statics = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True)
            digests = _recovery_digests(code)
            matched = next((d for d in statics if any(d.verify_token(x) for x in digests)), None)
            if matched is not None:
                step = "recovery_code"
        if matched is None:
            _record_failure(user=user, ip_address=ip_address, step=step)
            return None
        SecondFactorFailure.objects.filter(user=user).delete()
    return matched


# Sign-in with the second factor --------------------------------------------------------------------


def second_factor_verify(*, user: User, code: str, ip_address: str | None = None):
    """The second sign-in step: a code from the app or a recovery code. Returns the device that
    verified the session (the view calls django_otp.login), or None. Audited either way."""
    device = _check_code(user=user, code=code, ip_address=ip_address, step="totp")
    if device is None:
        return None
    recovery = isinstance(device, StaticDevice)
    extra = {"second_factor": "recovery_code" if recovery else "totp"}
    label = f"{user.username}: xác thực hai lớp bằng " + ("mã khôi phục" if recovery else "ứng dụng xác thực")
    if recovery:
        extra["recovery_codes_left"] = recovery_codes_left(user)
        label += f" (còn {extra['recovery_codes_left']} mã)"
    audit_record(
        event_type=AuditEventType.USER_LOGIN,
        actor=user,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        target_label=label,
        extra=extra,
    )
    return device


# Enrolment, recovery codes, removal ------------------------------------------------------------------


def enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device the enrolment page shows (the same one on every node until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create([StaticToken(device=device, token=recovery_digest(c)) for c in codes])
    return codes


def format_code(code: str) -> str:
    """'abcd-efgh': easier to copy by hand; the dash is ignored when typed back."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


@transaction.atomic
def two_factor_enrol_confirm(*, user: User, device: TOTPDevice, code: str, ip_address: str | None = None):
    """Confirm the app with its first code: it replaces any earlier device, and ten new recovery
    codes replace any earlier ones. Returns (device, codes) — the codes are shown once — or None."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied("Thiết bị này không chờ đăng ký.")
    if _check_code(user=user, code=code, ip_address=ip_address, step="enrolment", device=device) is None:
        return None
    replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).count()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    _audit_own_change(user=user, ip_address=ip_address,
                      after={"second_factor": "enrolled", "replaced_devices": replaced, "recovery_codes": len(codes)},
                      label=f"{user.username}: đăng ký xác thực hai lớp" + (" (thay thiết bị cũ)" if replaced else ""))
    return device, codes


@transaction.atomic
def recovery_codes_regenerate(*, user: User, code: str, ip_address: str | None = None) -> list[str] | None:
    """New recovery codes (the old ones stop working), after a fresh code from the app."""
    device = totp_device_of(user)
    if device is None:
        raise PermissionDenied("Chưa đăng ký xác thực hai lớp.")
    if _check_code(user=user, code=code, ip_address=ip_address, step="recovery_regenerate", device=device) is None:
        return None
    codes = _new_recovery_codes(user)
    _audit_own_change(user=user, ip_address=ip_address,
                      after={"second_factor": "recovery_codes_regenerated", "recovery_codes": len(codes)},
                      label=f"{user.username}: tạo lại mã khôi phục")
    return codes


def _remove_devices(user: User) -> int:
    removed = TOTPDevice.objects.filter(user=user).count() + StaticDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    SecondFactorFailure.objects.filter(user=user).delete()
    return removed


@transaction.atomic
def two_factor_remove(*, user: User, code: str, ip_address: str | None = None) -> bool:
    """The user turns the second factor off, with a fresh code (app or recovery code). A user whose
    role requires it is sent to enrol again at the next page."""
    if _check_code(user=user, code=code, ip_address=ip_address, step="removal") is None:
        return False
    removed = _remove_devices(user)
    _audit_own_change(user=user, ip_address=ip_address, after={"second_factor": "removed", "devices": removed},
                      label=f"{user.username}: gỡ xác thực hai lớp")
    return True


@transaction.atomic
def two_factor_reset(*, actor, user: User, ip_address: str | None = None) -> int:
    """The administrator resets a user's second factor (a lost phone and no recovery code left): the
    devices and recovery codes go; the user enrols again at the next sign-in if a role requires it."""
    if not user_can(actor, "account.manage"):
        raise PermissionDenied("Chỉ quản trị hệ thống được đặt lại xác thực hai lớp.")
    removed = _remove_devices(user)
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=actor,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        before={"second_factor_devices": removed},
        after={"second_factor": "reset_by_admin"},
        target_label=f"{user.username}: quản trị đặt lại xác thực hai lớp",
    )
    return removed


def api_second_factor_check(*, user: User, code: str | None, ip_address: str | None = None) -> str | None:
    """For POST /auth/token: None when the token may be issued, else the Vietnamese reason (the
    caller answers 401). Raises SecondFactorThrottled."""
    if not second_factor_required(user):
        return None
    if not has_device(user):
        return (
            "Tài khoản này bắt buộc xác thực hai lớp nhưng chưa đăng ký: hãy đăng nhập trên trang web để "
            "đăng ký ứng dụng xác thực trước khi xin token."
        )
    if not code:
        return (
            "Tài khoản này dùng xác thực hai lớp: gửi thêm trường “otp” (mã 6 chữ số trong ứng dụng xác thực, "
            "hoặc một mã khôi phục)."
        )
    if second_factor_verify(user=user, code=code, ip_address=ip_address) is None:
        return f"Trường “otp”: {WRONG_CODE_MESSAGE}"
    return None


def _audit_own_change(*, user: User, ip_address: str | None, after: dict, label: str) -> None:
    """A change the user made to their own second factor, in the account's audit trail."""
    audit_record(
        event_type=AuditEventType.USER_CHANGED,
        actor=user,
        target=user,
        organization=user.organization,
        ip_address=ip_address,
        after=after,
        target_label=label,
    )
