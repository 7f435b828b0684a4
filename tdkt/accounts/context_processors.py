from .domain.roles import ROLE_LABELS_VI, Role
from .scope import user_can, user_roles


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    names = user_roles(user)
    return {
        "user_role_labels": [ROLE_LABELS_VI[Role(r)] for r in sorted(names)],
        "can_view_audit": user_can(user, "audit.view"),
        "can_manage_organizations": user_can(user, "organization.manage"),
        "can_manage_blocks": user_can(user, "block.manage"),
        "can_manage_accounts": user_can(user, "account.manage"),
        # Whoever reads dossiers reads the catalogue of titles and forms (its components, ballot and
        # notice rules); only catalogue.manage edits it, on the page itself.
        "can_view_catalogue": user_can(user, "dossier.view"),
    }
