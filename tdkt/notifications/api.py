"""GET /api/v1/inbox: what waits for the caller's action (the same inbox as the home page)."""

import datetime

from ninja import Router, Schema

from tdkt.core.api_errors import error_responses

from .inbox import inbox_for, total

router = Router(tags=["inbox"])


class InboxItemOut(Schema):
    kind: str
    title: str
    count: int
    due: datetime.date | None
    url: str
    group: str
    since: datetime.datetime | None
    in_total: bool


class InboxOut(Schema):
    total: int
    items: list[InboxItemOut]


@router.get("/inbox", response={200: InboxOut, **error_responses()}, summary="Việc cần làm của người gọi")
def inbox(request):
    """Everything that waits for the caller, grouped and counted, most urgent first. `total` adds
    the counts of the items that are work of their own (`in_total`); the week's deadlines are a
    reminder of work the other items already count."""
    items = inbox_for(request.user)
    return {"total": total(items), "items": [item.as_dict() for item in items]}
