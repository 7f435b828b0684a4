import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .domain.roles import ROLE_LABELS_VI, Role

# The salt Django's own session hash uses, so that sessions signed before this override stay valid.
SESSION_HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
ROLE_CHOICES = [(role.value, ROLE_LABELS_VI[role]) for role in Role]


class EmailPreference(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per notice")
    DIGEST = "digest", _("In the daily digest")
    NONE = "none", _("No e-mail (in the application only)")


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("works at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # How notices reach the user by e-mail (they are always in the application's bell).
    notification_email = models.CharField(
        _("notices by e-mail"), max_length=10, choices=EmailPreference.choices, default=EmailPreference.IMMEDIATE
    )

    # Changed by "sign out everywhere": part of the session hash, so every session signed before no
    # longer matches (as after a password change) while the password stays. Empty: Django's hash.
    session_epoch = models.CharField(max_length=32, blank=True, default="", editable=False)

    def __str__(self):
        return self.full_name or self.username

    def _session_hash(self, secret=None) -> str:
        value = f"{self.password}:{self.session_epoch}" if self.session_epoch else self.password
        return salted_hmac(SESSION_HASH_SALT, value, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self):
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def get_full_name(self):
        # AbstractUser's joins first_name and last_name, which this project leaves empty.
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        """How pages name the person who acted: "Phạm Thị Lan (Sở Tài chính)", never the login
        alone. Select ``organization`` with the user where many are shown."""
        # The organisation's full name: short names are often initials ("STC") a newcomer cannot read.
        where = self.organization.name if self.organization is not None else ""
        return f"{self.get_full_name()} ({where})" if where else self.get_full_name()


class RoleGrant(models.Model):
    """A role given to a user on an organisation; it covers that organisation's whole subtree."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=30, choices=ROLE_CHOICES)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_grants",
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization"], name="role_grant_once"),
            models.CheckConstraint(
                condition=models.Q(role=Role.ADMIN) | models.Q(organization__isnull=False),
                name="role_grant_needs_organization",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organization or 'toàn hệ thống'}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # So that its owner can tell one token from another before revoking it.
    ip_address = models.GenericIPAddressField(_("issued to address"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    def __str__(self):
        return f"token {self.user} → {self.expires_at:%d/%m/%Y %H:%M}"

    @staticmethod
    def new_raw() -> str:
        return secrets.token_urlsafe(32)


class LoginFailure(models.Model):
    """A failed login, kept in the database so that throttling holds across processes."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.username} @ {self.ip_address}"


class SecondFactorFailure(models.Model):
    """A wrong second-factor code (TOTP or recovery code). Counted per user, from any address: whoever
    types it already has the password, so the delay must follow the account (tdkt/accounts/two_factor.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.user} @ {self.ip_address}"


class UserSession(models.Model):
    """A signed-in browser session, so its owner can see and end it (tdkt/accounts/sessions.py).

    The session itself stays Django's database row, shared by every web node; this row names it (by
    its current key) and says where and when it was used. The session's data holds this row's id: a
    session whose row is gone has been ended. Last activity is written at most once a minute.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="user_sessions")
    session_key = models.CharField(max_length=64, db_index=True)
    user_agent = models.CharField(max_length=300, blank=True, default="")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(_("signed in at"))
    last_active_at = models.DateTimeField(_("last active"), db_index=True)

    def __str__(self):
        return f"{self.user} — {self.ip_address or '?'} — {self.last_active_at:%d/%m/%Y %H:%M}"


__all__ = [
    "ApiToken",
    "EmailPreference",
    "LoginFailure",
    "RoleGrant",
    "SecondFactorFailure",
    "User",
    "UserSession",
    "hash_token",
    "settings",
]
