"""Who acts on a dossier, as the workflow table names the roles: the proposing unit's officers and
leaders (a grant covering the unit) and the receiving organisation's standing office, council
members and approver (a grant covering the round's authority). An officer of the authority is not
thereby an officer of every unit below it: unit roles count only on the unit's own subtree."""

from tdkt.accounts.scope import role_paths

from .models import Dossier

UNIT_ROLES = ("unit_officer", "unit_leader")
AUTHORITY_ROLES = ("standing_office", "council_member", "approver")


def acting_roles(user, dossier: Dossier) -> set[str]:
    roles: set[str] = set()
    if getattr(user, "is_superuser", False) and user.is_active:
        roles.add("admin")
    unit_path = dossier.organization.path
    authority_path = dossier.round.authority.path
    for role, path in role_paths(user):
        if role == "admin":
            roles.add("admin")
        elif path and role in UNIT_ROLES and unit_path.startswith(path):
            roles.add(role)
        elif path and role in AUTHORITY_ROLES and authority_path.startswith(path):
            roles.add(role)
    return roles
