from django.shortcuts import render
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.organizations.selectors import block_list, organization_roots


def home(request):
    user = request.user
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
            "today": timezone.localdate(),
        },
    )
