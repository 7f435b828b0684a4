"""The authentication backend for provincial single sign-on.

It signs in only an identity an administrator has already linked to an active account. It never
creates an account and never grants a role: an unknown identity gets None (the view records it for
the administrator). Sessions it opened last only while the link does: `get_user` returns nobody
once the account's identity is unlinked, so the next request is signed out.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from .models import IdentityLink

BACKEND_PATH = "tdkt.sso.backends.LinkedIdentityBackend"


class LinkedIdentityBackend(BaseBackend):
    def authenticate(self, request, oidc_claims=None, **kwargs):
        if not oidc_claims or not oidc_claims.get("iss") or not oidc_claims.get("sub"):
            return None
        link = (
            IdentityLink.objects.select_related("user")
            .filter(issuer=oidc_claims["iss"], subject=str(oidc_claims["sub"]))
            .first()
        )
        if link is None or not link.user.is_active:
            return None
        return link.user

    def get_user(self, user_id):
        user = get_user_model()._default_manager.filter(pk=user_id, is_active=True).first()
        if user is None or not IdentityLink.objects.filter(user=user).exists():
            return None
        return user
