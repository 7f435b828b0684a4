"""Single sign-on reads. The lists are the administrator's (views check account.manage)."""

from django.db.models import QuerySet

from .models import IdentityLink, PendingIdentity


def pending_identities() -> QuerySet[PendingIdentity]:
    return PendingIdentity.objects.all()


def identity_links() -> QuerySet[IdentityLink]:
    return IdentityLink.objects.select_related("user__organization", "linked_by")


def identity_link_of(user) -> IdentityLink | None:
    """The user's own linked identity (the account page's read-only line)."""
    if user is None or not user.is_authenticated:
        return None
    return IdentityLink.objects.filter(user=user).order_by("-linked_at").first()
