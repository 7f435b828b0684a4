from django.shortcuts import render
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.notifications.inbox import inbox_for_request, total
from tdkt.organizations.selectors import block_list, organization_roots


def home(request):
    """Every role's start page: the inbox ("Việc cần làm") first, then the user's blocks and
    organisations."""
    user = request.user
    today = timezone.localdate()
    inbox = inbox_for_request(request)
    blocks = list(block_list(user)[:12])
    return render(
        request,
        "core/home.html",
        {
            "roots": organization_roots(user)[:20],
            "blocks": blocks,
            "headed_blocks": block_list(user).filter(
                memberships__organization_id=user.organization_id,
                memberships__role="head",
            )
            if user.organization_id
            else [],
            "can_manage_people": user_can(user, "person.manage"),
            "today": today,
            "inbox": [
                {"item": item, "overdue": item.due is not None and item.due < today,
                 "due_today": item.due == today}
                for item in inbox
            ],
            "inbox_count": total(inbox),
        },
    )
