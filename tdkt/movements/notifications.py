"""Moved to the notifications app; kept importable here while callers switch to it."""

from tdkt.notifications.services import notify, users_of

__all__ = ["notify", "users_of"]
