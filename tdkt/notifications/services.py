"""Handing a notice to users: in the application always, by e-mail as each user chose (at once,
in the daily digest, or not at all). Any app may call `notify`; this app imports none of them."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from tdkt.accounts.models import EmailPreference, RoleGrant, User
from tdkt.accounts.signoff import UNIT_ROLES  # a proposing unit's roles, the default audience of `users_of`
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record

from .models import Notification

logger = logging.getLogger(__name__)


def _send(subject: str, text: str, addresses: list[str]) -> None:
    # A mail server that is down must not break the page or the worker: the notification is stored.
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, addresses)
    except OSError:
        logger.exception("Email to %s failed", addresses)


def users_of(organization, *, roles=UNIT_ROLES):
    """The people who act for `organization`: users with one of `roles` granted on it, or else on the
    nearest organisation above it that has such users (a phòng's paperwork is often done by its sở's
    officers) — never everyone up to the province. One query whatever the depth."""
    ids = organization.ancestor_ids()
    staffed = set(
        RoleGrant.objects.filter(role__in=roles, organization_id__in=ids, user__is_active=True).values_list(
            "organization_id", flat=True
        )
    )
    for org_id in reversed(ids):
        if org_id in staffed:
            return User.objects.filter(
                is_active=True, role_grants__role__in=roles, role_grants__organization_id=org_id
            ).distinct()
    return User.objects.none()


def notify(users, *, text: str, url: str = "", subject: str = "", email: bool = True) -> int:
    """Store one notification per user, and e-mail it as each user chose: at once (after the
    transaction commits), or marked for the next daily digest. `email=False` for notices that need
    no e-mail at all (e.g. results published to every member). Returns the number of users."""
    users = list({u.pk: u for u in users}.values())
    digest = {u.pk for u in users if email and u.email and u.notification_email == EmailPreference.DIGEST}
    Notification.objects.bulk_create(
        Notification(user=u, text=text, url=url, email_pending=u.pk in digest) for u in users
    )
    if email:
        addresses = [u.email for u in users if u.email and u.notification_email == EmailPreference.IMMEDIATE]
        if addresses:
            transaction.on_commit(lambda: _send(subject or text[:80], text, addresses))
    return len(users)


def digest_pending(user) -> list[Notification]:
    """The notices waiting for `user`'s daily digest, oldest first."""
    return list(Notification.objects.filter(user=user, email_pending=True).order_by("created_at", "pk"))


def digest_sent(notifications) -> None:
    """The digest that carried these notices went out (or is about to, in the same transaction)."""
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(email_pending=False)


def digest_section(notifications, *, base_url: str | None = None) -> list[str]:
    """The digest's lines for the notices received since the last one (Vietnamese, as the digest)."""
    if not notifications:
        return []
    lines = ["", f"Thông báo mới ({len(notifications)}):"]
    for n in notifications:
        lines.append(f"- {timezone.localtime(n.created_at):%d/%m/%Y %H:%M}: {n.text}")
        if base_url is not None and n.url:
            lines.append(f"  {base_url}{n.url}")
    return lines


@transaction.atomic
def email_preference_set(*, actor, user, preference: str) -> None:
    """How `user` takes notices by e-mail; a user sets their own (audited as an account change).
    Leaving the digest sends nothing of what waited for it: those notices stay in the bell."""
    if actor.pk != user.pk:
        raise PermissionDenied("Mỗi người tự chọn cách nhận thông báo của mình.")
    if preference not in EmailPreference.values:
        raise ValidationError({"notification_email": "Cách nhận thông báo không hợp lệ."})
    before = user.notification_email
    if before == preference:
        return
    user.notification_email = preference
    user.save(update_fields=["notification_email"])
    if preference != EmailPreference.DIGEST:
        Notification.objects.filter(user=user, email_pending=True).update(email_pending=False)
    audit_record(event_type=AuditEventType.USER_CHANGED, actor=actor, target=user,
                 before={"notification_email": before}, after={"notification_email": preference})
