"""`GET /api/v1/stats`: the statistics page's charts as JSON — per section its charts, per chart the
series (label, value, link, and the parts of a stacked bar), scoped as the page is."""

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema

from tdkt.accounts.scope import user_can
from tdkt.core.api_errors import Id, error_responses
from tdkt.core.api_types import Year
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require

from .sections import statistics
from .selectors import StatsFilters

router = Router()


class StatsQuery(Schema):
    organization_id: Id | None = Field(None, description="Chỉ cơ quan, đơn vị này và các đơn vị trực thuộc")
    year_from: Year | None = None
    year_to: Year | None = None


class PointOut(Schema):
    label: str
    value: int | float
    link: str
    parts: dict[str, int | float]


class LegendOut(Schema):
    key: str
    label: str


class ChartOut(Schema):
    key: str
    title: str
    description: str
    legend: list[LegendOut]
    series: list[PointOut]


class SectionOut(Schema):
    key: str
    title: str
    charts: list[ChartOut]


class StatsOut(Schema):
    organization_id: int | None
    year_from: int | None
    year_to: int | None
    sections: list[SectionOut]


@router.get("/stats", response={200: StatsOut, **error_responses(403, 404)}, tags=["Thống kê"],
            summary="Thống kê danh hiệu, khen thưởng, phong trào và hồ sơ theo phạm vi và khoảng năm")
def stats_api(request, params: Query[StatsQuery]):
    require(user_can(request.user, "record.view"))
    organization = (org_selectors.organization_get(request.user, params.organization_id, permission="record.view")
                    if params.organization_id else None)
    if params.year_from and params.year_to and params.year_from > params.year_to:
        raise ValidationError({"year_to": ["Năm cuối đứng trước năm đầu."]})
    filters = StatsFilters(organization=organization, year_from=params.year_from, year_to=params.year_to)
    sections = [{**s, "charts": [c.as_json() for c in s["charts"]]} for s in statistics(request.user, filters)]
    return {"organization_id": params.organization_id, "year_from": params.year_from, "year_to": params.year_to,
            "sections": sections}
