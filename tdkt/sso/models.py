"""Provincial single sign-on (OpenID Connect): which provider identity may sign in as which account.

An identity (issuer, subject) signs in only once the system administrator has linked it to an
existing account; nothing here creates an account or grants a role (issue 15 point 5).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityLink(models.Model):
    """An identity of the provincial provider that may sign in as `user`."""

    issuer = models.CharField(_("identity provider"), max_length=300)
    subject = models.CharField(_("identifier at the provider"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="identity_links"
    )
    # What the provider said about the person when the link was made, so the list can show it.
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_login_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("linked identity")
        verbose_name_plural = _("linked identities")
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_once"),
            # One identity of a provider per account: the account page shows one line.
            models.UniqueConstraint(fields=["issuer", "user"], name="sso_one_identity_per_account"),
        ]

    def __str__(self):
        return f"{self.subject} @ {self.issuer} → {self.user}"


class PendingIdentity(models.Model):
    """An identity that signed in at the provider but is linked to no account: the administrator's list.

    One row per identity; each new attempt updates it (time, count, what the ID token said)."""

    issuer = models.CharField(_("identity provider"), max_length=300)
    subject = models.CharField(_("identifier at the provider"), max_length=255)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    preferred_username = models.CharField(_("user name at the provider"), max_length=200, blank=True)
    first_seen_at = models.DateTimeField(_("first attempt"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last attempt"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("identity waiting for a link")
        verbose_name_plural = _("identities waiting for a link")
        ordering = ["-last_seen_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="sso_pending_once")]

    def __str__(self):
        return f"{self.subject} @ {self.issuer}"
