from django.utils import timezone

from tdkt.sso.models import IdentityLink, PendingIdentity


def link_identity(user, provider, **extra) -> IdentityLink:
    return IdentityLink.objects.create(issuer=provider.issuer, subject=provider.user["sub"], user=user, **extra)


def pending_identity(provider, **extra) -> PendingIdentity:
    fields = {"email": provider.user.get("email", ""), "name": provider.user.get("name", ""), **extra}
    return PendingIdentity.objects.create(
        issuer=provider.issuer, subject=provider.user["sub"], last_seen_at=timezone.now(), **fields
    )
