"""Thống kê: the statistics page (issue 14.4) — charts drawn as inline SVG, each bar a link to its list,
with the figures in a table under each chart; printable (static/css/stats-print.css)."""

from django.shortcuts import render

from tdkt.accounts.scope import user_can
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require

from .forms import StatsForm
from .sections import statistics
from .selectors import StatsFilters


def stats_view(request):
    require(user_can(request.user, "record.view"))
    organizations = org_selectors.organization_list(request.user, permission="record.view").order_by("path")
    form = StatsForm(request.GET or None, organizations=organizations)
    if form.is_bound and not form.is_valid():
        return render(request, "stats/stats.html", {"form": form, "sections": []}, status=400)
    data = form.cleaned_data if form.is_bound else {}
    filters = StatsFilters(organization=data.get("organization"), year_from=data.get("year_from"),
                           year_to=data.get("year_to"))
    sections = statistics(request.user, filters, level=data.get("level") or "")
    return render(request, "stats/stats.html", {"form": form, "sections": sections, "filters": filters})
