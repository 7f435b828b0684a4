"""`GET /api/v1/reports/tt02/{form}`: a TT02 form computed for a year and an organisation's scope, as
JSON (rows with their cells by column key) or as the official Excel or PDF file. Scoped as the pages."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from tdkt.core.api_errors import Id, error_responses
from tdkt.core.api_types import Year

from . import selectors, tables
from .domain.forms import FORMS
from .views import download

router = Router()
BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_ANSWER = {"responses": {"200": {"description": "Biểu (JSON, hoặc tệp Excel, PDF để tải về)", "content": {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": BINARY, "application/pdf": BINARY}}}}


class ReportQuery(Schema):
    year: Year = Field(..., description="Năm báo cáo")
    organization_id: Id | None = Field(None, description="Đơn vị báo cáo (trống: đơn vị cao nhất trong phạm vi)")
    format: Literal["json", "xlsx", "pdf"] = "json"


class ReportOrganizationOut(Schema):
    id: int
    name: str


class ReportColumnOut(Schema):
    key: str
    number: str
    heads: list[str]


class ReportRowOut(Schema):
    code: str
    label: str
    unit: str
    cells: dict[str, int | None]


class ReportOut(Schema):
    form: str
    number: str
    year: int
    organization: ReportOrganizationOut
    columns: list[ReportColumnOut]
    rows: list[ReportRowOut]


@router.get("/reports/tt02/{form}", response={200: ReportOut, **error_responses(404)}, tags=["Báo cáo thống kê"],
            summary="Biểu báo cáo thống kê theo Thông tư 02/2023/TT-BNV (0601–0605)", openapi_extra=FILE_ANSWER)
def tt02_report(request, form: Literal[tuple(FORMS)], params: Query[ReportQuery]):
    """Mỗi ô là số bản ghi trong phạm vi đơn vị báo cáo (mặc định: tỉnh, đơn vị cao nhất người dùng được xem);
    ô `null` là ô biểu để trống. `format=xlsx` hoặc `pdf`: tệp theo mẫu biểu."""
    organization = selectors.report_organization(request.user, params.organization_id)
    report = selectors.report_compute(selectors.form_get(form), year=params.year, organization=organization)
    if params.format != "json":
        return download(report, params.format)
    return tables.as_json(report)
