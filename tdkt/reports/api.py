"""`GET /api/v1/reports/tt02/{form}`: a TT02 form computed for a year and an organisation's scope, as
JSON (rows with their cells by column key) or as the official Excel or PDF file. Scoped as the pages."""

from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from tdkt.core.api_errors import Id, error_responses
from tdkt.core.api_types import Year
from tdkt.documents.generation import DocumentError

from . import selectors, tables
from .domain.forms import FORMS
from .views import download
from .views_drafts import _docx, milestone_report, yearly_report

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


DOCX_ANSWER = {"responses": {"200": {"description": "Dự thảo báo cáo (Word) để tải về", "content": {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": BINARY}}}}


class YearlyQuery(Schema):
    year: Year = Field(..., description="Năm báo cáo")
    organization_id: Id | None = Field(None, description="Đơn vị báo cáo (trống: đơn vị cao nhất trong phạm vi)")


@router.get("/reports/yearly-summary", response={200: None, **error_responses(403, 404)},
            tags=["Báo cáo thống kê"], summary="Dự thảo Báo cáo tổng kết công tác thi đua, khen thưởng năm",
            openapi_extra=DOCX_ANSWER)
def yearly_summary(request, params: Query[YearlyQuery]):
    """Dự thảo báo cáo tổng kết năm (DOCX) của đơn vị (mặc định: tỉnh): phong trào, đăng ký, báo cáo,
    khen thưởng theo cấp và hình thức, hồ sơ và thời gian xử lý; phần hạn chế và phương hướng để trống."""
    try:
        return _docx(*yearly_report(request, params.year, params.organization_id))
    except DocumentError as exc:
        raise HttpError(exc.status, exc.message) from exc


@router.get("/movements/{movement_id}/milestones/{milestone_id}/summary-report",
            response={200: None, **error_responses(403, 404)}, tags=["Báo cáo thống kê"],
            summary="Dự thảo báo cáo tổng hợp một mốc sơ kết, tổng kết", openapi_extra=DOCX_ANSWER)
def milestone_summary_report(request, movement_id: Id, milestone_id: Id,
                             kind: Literal["khoi", "thuong-truc"] | None = None):
    """Dự thảo báo cáo tổng hợp (DOCX) của trưởng khối (phong trào của khối) hoặc của cơ quan thường trực:
    đăng ký, báo cáo đúng hạn và muộn, số liệu tổng hợp, chấm điểm xếp hạng, đề nghị và kết quả khen thưởng.
    `kind`: `khoi` (của khối, chỉ với phong trào của khối) hoặc `thuong-truc`; mặc định theo phong trào.
    Chỉ đơn vị quản lý phong trào (403); phong trào không xem được: 404."""
    try:
        return _docx(*milestone_report(request, movement_id, milestone_id, kind))
    except DocumentError as exc:
        raise HttpError(exc.status, exc.message) from exc
