from django import template

from ..config import sso_enabled as _sso_enabled
from ..selectors import identity_link_of

register = template.Library()


@register.simple_tag
def sso_enabled() -> bool:
    """Whether the login page shows the provincial sign-in button."""
    return _sso_enabled()


@register.simple_tag
def sso_identity_of(user):
    """The user's linked identity, or None (for the account page's read-only line)."""
    return identity_link_of(user)
