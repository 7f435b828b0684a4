"""Tra cứu: the search page (a few rows of each kind with its count) and its Excel export (every kind
on its own sheet, up to EXPORT_MAX rows each)."""

from django.shortcuts import render
from django.utils import timezone

from tdkt.accounts.scope import user_can
from tdkt.core.excel import xlsx_sheets_response
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require

from . import rows
from .forms import SearchForm
from .selectors import SearchFilters, search

SHOWN = 20
EXPORT_MAX = 5000


def _filters(request):
    organizations = org_selectors.organization_list(request.user, permission="record.view").order_by("path")
    form = SearchForm(request.GET or None, organizations=organizations)
    if not form.is_bound or not form.is_valid() or not any(
            form.cleaned_data.get(k) for k in ("q", "award", "year_from", "year_to", "organization")):
        return form, None
    cd = form.cleaned_data
    return form, SearchFilters(query=cd["q"], kind=cd["kind"], award=cd["award"], year_from=cd["year_from"],
                               year_to=cd["year_to"], organization=cd["organization"])


def search_view(request):
    require(user_can(request.user, "record.view"))
    form, filters = _filters(request)
    sections = []
    if filters is not None:
        for kind, qs in search(request.user, filters).querysets.items():
            found = list(rows.fetched(kind, qs)[:SHOWN])
            sections.append({
                "kind": kind, "title": rows.TITLES[kind], "headers": rows.HEADERS[kind], "count": qs.count(),
                "rows": [{"link": rows.link(kind, obj), "values": rows.values(kind, obj)} for obj in found],
            })
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "search/search.html", {"form": form, "sections": sections, "shown": SHOWN}, status=status)


def _sheet(kind, qs):
    """(title, headers, rows) of one kind, its rows read as the workbook is written."""
    return (str(rows.TITLES[kind]), [str(h) for h in rows.HEADERS[kind]],
            (rows.values(kind, obj) for obj in rows.fetched(kind, qs)[:EXPORT_MAX].iterator(chunk_size=500)))


def search_export_view(request):
    require(user_can(request.user, "record.view"))
    form, filters = _filters(request)
    if filters is None:
        return render(request, "search/search.html", {"form": form, "sections": []}, status=400)
    sheets = [_sheet(kind, qs) for kind, qs in search(request.user, filters).querysets.items()]
    return xlsx_sheets_response(filename=f"tra-cuu-{timezone.localdate():%Y%m%d}.xlsx", sheets=sheets)
