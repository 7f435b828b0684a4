"""The unit roles a user holds for one organisation, as the sign-off table (core/domain/signoff.py)
names them: an officer or leader role granted on the organisation or one above it, or admin."""

from .scope import role_paths

UNIT_ROLES = ("unit_officer", "unit_leader")


def unit_roles(user, organization) -> set[str]:
    roles: set[str] = set()
    if getattr(user, "is_superuser", False) and user.is_active:
        roles.add("admin")
    for role, path in role_paths(user):
        if role == "admin":
            roles.add("admin")
        elif path and role in UNIT_ROLES and organization.path.startswith(path):
            roles.add(role)
    return roles
