"""`GET /api/v1/search`: the search page's results as JSON — per kind its count and first rows (the same
columns as the page and the export), scoped as the page is."""

import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from tdkt.core.api_errors import Id, error_responses, text
from tdkt.core.api_types import Year
from tdkt.organizations import selectors as org_selectors
from tdkt.records.domain.codes import HONOURS

from . import rows
from .selectors import KINDS, MAX_QUERY, SearchFilters, search

router = Router()
LIMIT_MAX = 200


class SearchQuery(Schema):
    q: text(MAX_QUERY) = Field("", description="Tên không cần dấu, số quyết định (312, 312/QĐ-SNV), hình thức…")
    kind: Literal["", *KINDS] = Field("", description="Chỉ một loại kết quả (trống: tất cả)")
    award: Literal["", *HONOURS] = Field("", description="Mã danh hiệu, hình thức")
    year_from: Year | None = None
    year_to: Year | None = None
    organization_id: Id | None = None
    limit: int = Field(20, ge=1, le=LIMIT_MAX)


class SearchHit(Schema):
    id: int
    link: str
    values: list[str | int | datetime.date | None]


class SearchKindOut(Schema):
    kind: str
    title: str
    headers: list[str]
    count: int
    items: list[SearchHit]


class SearchOut(Schema):
    query: str
    results: list[SearchKindOut]


@router.get("/search", response={200: SearchOut, **error_responses(404)}, tags=["Tra cứu"],
            summary="Tra cứu toàn bộ lịch sử: người, tập thể, danh hiệu, quyết định, hồ sơ")
def search_api(request, filters: Query[SearchQuery]):
    organization = (org_selectors.organization_get(request.user, filters.organization_id, permission="record.view")
                    if filters.organization_id else None)
    found = search(request.user, SearchFilters(query=filters.q, kind=filters.kind, award=filters.award,
                                               year_from=filters.year_from, year_to=filters.year_to,
                                               organization=organization))
    results = []
    for kind, qs in found.querysets.items():
        hits = [{"id": obj.pk, "link": rows.link(kind, obj), "values": list(rows.values(kind, obj))}
                for obj in rows.fetched(kind, qs)[:filters.limit]]
        results.append({"kind": kind, "title": str(rows.TITLES[kind]), "headers": [str(h) for h in rows.HEADERS[kind]],
                        "count": qs.count(), "items": hits})
    return {"query": filters.q, "results": results}
