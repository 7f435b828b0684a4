"""In-application notifications (and the same text by email when the user has an address)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tdkt.accounts.models import User

from .models import Notification

logger = logging.getLogger(__name__)


def _send(subject: str, text: str, addresses: list[str]) -> None:
    # A mail server that is down must not break the page or the worker: the notification is stored.
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, addresses)
    except OSError:
        logger.exception("Email to %s failed", addresses)


def users_of(organization, *, roles=("unit_officer", "unit_leader")):
    """The people who act for `organization`: users with one of `roles` granted on it, or else on the
    nearest organisation above it that has such users (a phòng's paperwork is often done by its sở's
    officers) — never everyone up to the province."""
    for org_id in reversed(organization.ancestor_ids()):
        users = User.objects.filter(is_active=True, role_grants__role__in=roles, role_grants__organization_id=org_id)
        if users.exists():
            return users.distinct()
    return User.objects.none()


def notify(users, *, text: str, url: str = "", subject: str = "", email: bool = True) -> int:
    """Store one notification per user; send it by email too (after the transaction commits)."""
    users = list(users)
    Notification.objects.bulk_create(Notification(user=u, text=text, url=url) for u in users)
    if email:
        addresses = [u.email for u in users if u.email]
        if addresses:
            transaction.on_commit(lambda: _send(subject or text[:80], text, addresses))
    return len(users)
