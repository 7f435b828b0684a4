"""REST endpoints of the Excel import (mounted at /api/v1/ with the organisations' router): upload a
file of any kind, follow its job, and for past decisions confirm the checked file with a choice for
each ambiguous row (or discard it). The same services as the pages, the same scope: a job is its
uploader's (administrators see every job); another's is "not found".
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from tdkt.core.api_errors import Id, error_responses

from . import importers
from .importers.selectors import import_job_get
from .models import ImportJob, ImportKind, ImportStatus
from .schemas import In
from .selectors import organization_get

router = Router()
IMPORTS = ["Nhập dữ liệu từ Excel"]
ERRORS_RETURNED = 500

KindValue = Literal[*ImportKind.values]
StatusValue = Literal[*ImportStatus.values]


class ImportErrorOut(Schema):
    row: int | None = Field(None, description="Số dòng trong Excel; trống: lỗi của cả tệp")
    column: str
    message: str


class ImportCandidateOut(Schema):
    id: int = Field(..., description="Id của cán bộ (dòng cá nhân) hoặc đơn vị (dòng tập thể)")
    name: str
    date_of_birth: str = Field("", description="dd/mm/yyyy, trống khi chưa ghi hoặc là tập thể")
    organization: str = Field("", description="Đơn vị công tác (cá nhân) hoặc đơn vị cấp trên (tập thể)")
    code: str


class ImportAmbiguousOut(Schema):
    row: int
    kind: Literal["person", "organization"]
    given: str = Field(..., description="Người hoặc tập thể như tệp ghi")
    honour: str
    number: str = Field(..., description="Số quyết định")
    candidates: list[ImportCandidateOut]


class ImportPreviewOut(Schema):
    decisions: int
    existing_decisions: int
    records: int = Field(..., description="Khen thưởng đã nhận ra người, tập thể")
    people: int
    collectives: int
    ambiguous: list[ImportAmbiguousOut] = Field(..., description="Các dòng phải chọn trước khi xác nhận")


class ImportJobOut(Schema):
    id: int
    kind: KindValue
    status: StatusValue
    original_name: str
    total_rows: int
    processed_rows: int
    created_count: int
    updated_count: int
    error_count: int
    year: int | None
    organization_id: int | None
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    errors: list[ImportErrorOut] = Field(..., description=f"{ERRORS_RETURNED} lỗi đầu tiên")
    preview: ImportPreviewOut | None = Field(None, description="Quyết định đã ban hành: khi đang chờ xác nhận")


class ImportConfirmIn(In):
    choices: dict[int, int] = Field(
        default_factory=dict, description="Số dòng → id người hoặc tập thể chọn trong danh sách của dòng đó"
    )


def _body(job: ImportJob) -> dict:
    return {
        **{name: getattr(job, name) for name in (
            "id", "kind", "status", "original_name", "total_rows", "processed_rows", "created_count",
            "updated_count", "error_count", "year", "organization_id", "created_at", "finished_at")},
        "errors": job.errors[:ERRORS_RETURNED],
        "preview": job.preview if job.status == ImportStatus.CHECKED else None,
    }


def _refused(exc: importers.ImportFileError, field: str = "file") -> ValidationError:
    return ValidationError({field: exc.messages})


@router.post(
    "/imports",
    response={201: ImportJobOut, **error_responses(400, 403, 404)},
    tags=IMPORTS,
    summary="Tải lên một tệp Excel để nhập",
)
def import_create(
    request,
    kind: Form[KindValue],
    file: File[UploadedFile],
    year: Form[int | None] = None,
    organization_id: Form[int | None] = None,
):
    """Gửi dạng multipart/form-data. `kind`: organizations, people, records (kèm `year` và
    `organization_id`) hoặc decisions (quyết định đã ban hành). Tệp nhỏ được kiểm tra ngay; tệp lớn
    chạy nền (theo dõi bằng GET). Tệp quyết định sạch lỗi dừng ở trạng thái `checked` để xác nhận."""
    organization = None
    if kind == ImportKind.RECORDS and organization_id is not None:
        organization = organization_get(request.user, organization_id, permission="record.manage")
    try:
        job = importers.import_job_create(
            actor=request.user, kind=kind, upload=file, year=year, organization=organization
        )
    except importers.ImportFileError as exc:
        raise _refused(exc) from None
    return Status(201, _body(importers.import_job_start(job=job)))


@router.get(
    "/imports/{job_id}", response={200: ImportJobOut, **error_responses(404)}, tags=IMPORTS,
    summary="Xem một lượt nhập",
)
def import_detail(request, job_id: Id):
    return _body(import_job_get(request.user, job_id))


@router.post(
    "/imports/{job_id}/confirm",
    response={200: ImportJobOut, **error_responses(400, 403, 404)},
    tags=IMPORTS,
    summary="Xác nhận ghi tệp quyết định đã kiểm tra",
)
def import_confirm(request, job_id: Id, payload: ImportConfirmIn):
    """Mỗi dòng trong `preview.ambiguous` phải có một lựa chọn trong `choices` (số dòng → id trong
    `candidates` của dòng đó); thiếu thì trả 400 và chưa ghi gì."""
    job = import_job_get(request.user, job_id)
    try:
        job = importers.import_job_confirm(actor=request.user, job=job, choices=payload.choices)
    except importers.ImportFileError as exc:
        raise _refused(exc, "choices") from None
    return _body(job)


@router.post(
    "/imports/{job_id}/discard",
    response={200: ImportJobOut, **error_responses(400, 403, 404)},
    tags=IMPORTS,
    summary="Hủy tệp quyết định đang chờ xác nhận",
)
def import_discard(request, job_id: Id):
    job = import_job_get(request.user, job_id)
    try:
        return _body(importers.import_job_discard(actor=request.user, job=job))
    except importers.ImportFileError as exc:
        raise _refused(exc, "status") from None
