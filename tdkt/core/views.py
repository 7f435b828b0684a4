from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles.storage import staticfiles_storage
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

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


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says (the API's documentation, a PDF): send them to
    the site's icon instead of logging a 404 each time."""
    return redirect(staticfiles_storage.url("img/favicon.svg"), permanent=True)
