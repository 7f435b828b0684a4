"""Stub: replaced by the real API router."""

from ninja import Router

router = Router(tags=["Khen thưởng"])
