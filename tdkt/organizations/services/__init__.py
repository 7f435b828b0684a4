from .blocks import block_create, block_member_add, block_member_remove, block_update
from .organizations import organization_close, organization_create, organization_update
from .people import person_create, person_move, person_update

__all__ = [
    "block_create",
    "block_member_add",
    "block_member_remove",
    "block_update",
    "organization_close",
    "organization_create",
    "organization_update",
    "person_create",
    "person_move",
    "person_update",
]
