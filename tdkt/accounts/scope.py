"""What a user may see or do, as a database filter. Every selector starts here."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from .domain.roles import Role, path_covers, roles_for


@dataclass(frozen=True)
class Scope:
    """The organisation subtrees where a user holds a role that grants a permission."""

    is_global: bool
    paths: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.is_global and not self.paths

    def q(self, path_field: str = "path") -> Q:
        """A filter on an organisation path field (e.g. "organization__path")."""
        if self.is_global:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{path_field}__startswith": p}) for p in self.paths))

    def covers(self, organization) -> bool:
        if self.is_global:
            return True
        return organization is not None and any(path_covers(p, organization.path) for p in self.paths)


def _grants(user) -> list[tuple[str, str | None]]:
    cached = getattr(user, "_tdkt_grants", None)
    if cached is None:
        cached = [(role, path) for role, path in user.role_grants.values_list("role", "organization__path")]
        user._tdkt_grants = cached
    return cached


def role_paths(user) -> list[tuple[str, str | None]]:
    """The user's grants as (role, organisation path or None for system-wide)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    return list(_grants(user))


def scope_for(user, permission: str) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(False, ())
    allowed = roles_for(permission)
    grants = [(role, path) for role, path in _grants(user) if role in allowed]
    if user.is_superuser or any(role == Role.ADMIN for role, _ in grants):
        return Scope(True, ())
    paths = sorted({path for _, path in grants if path})
    # A path inside another granted path adds nothing to the filter.
    minimal = tuple(p for p in paths if not any(o != p and p.startswith(o) for o in paths))
    return Scope(False, minimal)


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    return {role for role, _ in _grants(user)}


def user_can(user, permission: str, organization=None) -> bool:
    scope = scope_for(user, permission)
    if organization is None:
        return not scope.is_empty
    return scope.covers(organization)
