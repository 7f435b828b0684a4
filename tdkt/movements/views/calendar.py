"""The user's calendar of deadlines and the iCalendar feed."""

import datetime
from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ..deadlines import (
    KIND_REGISTRATION,
    KIND_REPORT,
    deadline_kind,
    deadlines_for,
    feed_token,
    feed_user,
    ical_feed,
    is_aggregate,
)


def calendar_view(request):
    today = timezone.localdate()
    rows = [_row(d, today) for d in deadlines_for(request.user, today=today)]
    # Overdue first (in red), then month by month.
    overdue = [r for r in rows if r["overdue"]]
    sections = [{"title": _("Overdue"), "overdue": True, "rows": overdue}] if overdue else []
    for month, items in groupby((r for r in rows if not r["overdue"]), key=lambda r: r["due"].replace(day=1)):
        sections.append(
            {"title": _("Month %(month)s") % {"month": f"{month:%m/%Y}"}, "overdue": False, "rows": list(items)}
        )
    return render(
        request,
        "movements/calendar.html",
        {
            "today": today,
            "sections": sections,
            "count": len(rows),
            "feed_url": request.build_absolute_uri(reverse("movements:ical_token", args=[feed_token(request.user)])),
        },
    )


def _row(deadline, today: datetime.date) -> dict:
    kind = deadline_kind(deadline)
    days = (deadline.due - today).days
    return {
        "deadline": deadline,
        "due": deadline.due,
        "kind": {KIND_REGISTRATION: _("Registration"), KIND_REPORT: _("Report")}.get(kind, _("Work task")),
        "aggregate": is_aggregate(deadline),
        "overdue": days < 0,
        "today": days == 0,
        "days": days,
        "late_days": -days,
    }


@require_GET
def ical_view(request):
    """The signed-in user's deadlines as a file to import once."""
    response = _ical_response(request, request.user)
    response["Content-Disposition"] = 'attachment; filename="tdkt-lich-han.ics"'
    return response


@login_not_required
@never_cache
@require_GET
def ical_token_view(request, token):
    """The feed a calendar application subscribes to: the secret address stands for the login."""
    user = feed_user(token)
    if user is None:
        raise Http404("Không tìm thấy lịch.")
    return _ical_response(request, user)


def _ical_response(request, user) -> HttpResponse:
    today = timezone.localdate()
    host = split_domain_port(request.get_host())[0] or "tdkt"
    body = ical_feed(
        deadlines_for(user, today=today),
        host=host,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        now=timezone.now(),
        name=str(user),
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
