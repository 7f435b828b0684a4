"""Moved to the notifications app; kept importable here while callers switch to it."""

from tdkt.notifications.context_processors import notifications

__all__ = ["notifications"]
