"""REST endpoints for decisions (part of the awards router, mounted at /api/v1/): issue one for a
dossier awaiting decision, read them with their awardees, revoke, and download the DOCX, the PDF
and the batch of certificates.

Certificates are kept once rendered (services/certificates.py). A large decision's are rendered by
the background worker: its download answers 202 with where the batch stands until the file is
ready; a failed batch is asked for again with POST …/certificates/retry.

A decision is found through its dossier (``selectors.decision_get``: out of scope, 404); the issuer
named in the body is looked up within what the caller sees (404). The services check who may issue
or revoke (403) and the state (400); a failed document generation leaves nothing written.

A decision that would overdraw the issuer's award fund of its year (issue 13.6) is refused like every
step that needs a confirmation here (400, as a late sending without ``confirmed``), the message in
``errors.confirm_overdraw``, until the body says ``confirm_overdraw: true``.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from tdkt.core.api_errors import ErrorOut, Id, api_field_names, error_responses, page_of
from tdkt.core.api_types import Flag
from tdkt.core.downloads import attachment_response
from tdkt.documents.generation import DocumentError
from tdkt.organizations import selectors as org_selectors
from tdkt.signing.schemas import decision_signature_body

from . import selectors
from .api_schemas import (
    AwardDecisionDetailOut,
    AwardDecisionIn,
    AwardDecisionPage,
    AwardDecisionQuery,
    AwardDecisionRevokeIn,
    FileKind,
)
from .models import CertificateBatchStatus
from .services import certificates as certificate_services
from .services import decisions as decision_services

router = Router()

DECISIONS = ["Quyết định khen thưởng"]
API = "/api/v1"
API_FIELD_NAMES = {"issuer": "issuer_id", "dossier": "dossier_id", "decision": "decision_id",
                   "overdraw_confirmed": "confirm_overdraw"}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "certificates": "application/pdf",
}
BINARY = {"schema": {"type": "string", "format": "binary"}}
# How long a client waits before asking again for certificates being generated (seconds).
RETRY_AFTER = 30
FILE_ANSWER = {
    "responses": {
        "200": {
            "description": "Tệp (tải về)",
            "content": {CONTENT_TYPES["docx"]: BINARY, "application/pdf": BINARY},
        }
    }
}


class AwardDecisionIssueIn(AwardDecisionIn):
    confirm_overdraw: Flag = Field(
        False,
        description="Xác nhận chi vượt Quỹ thi đua, khen thưởng: bắt buộc khi tổng tiền thưởng của quyết định "
        "vượt số dư quỹ năm đó của cơ quan ban hành; thiếu thì 400, thông báo (số dư, số tiền) ở "
        "`errors.confirm_overdraw`. Cơ quan chưa đặt quỹ cho năm đó: không kiểm tra",
    )


def _files(decision) -> dict:
    base = f"{API}/awards/decisions/{decision.pk}/files"
    return {
        "docx": f"{base}/docx" if decision.docx else None,
        "pdf": f"{base}/pdf" if decision.pdf else None,
        "certificates": f"{base}/certificates",
    }


def decision_body(decision) -> dict:
    return {
        **{
            f: getattr(decision, f)
            for f in (
                "id", "reference", "number", "symbol", "year", "date", "subject", "issuer", "dossier_id",
                "signer_name", "signer_title", "published", "revoked_on", "revocation_reason", "legal_bases",
                "recipients",
            )
        },
        "awardees": list(decision.awardees.select_related("award").order_by("golden_book_number")),
        "files": _files(decision),
        "signature": decision_signature_body(decision),
    }


@router.post(
    "/awards/dossiers/{dossier_id}/decisions",
    response={201: AwardDecisionDetailOut, **error_responses(400, 403, 404)},
    tags=DECISIONS,
    summary="Ban hành quyết định khen thưởng cho hồ sơ chờ quyết định",
)
def decision_issue(request, dossier_id: Id, payload: AwardDecisionIssueIn):
    """Người có thẩm quyền (403 với người khác). Số quyết định cấp theo cơ quan ban hành và năm; mỗi
    người được khen có số sổ vàng và tiền thưởng (hệ số × lương cơ sở ngày quyết định, làm tròn lên
    10.000 đ). Sinh DOCX, PDF không được thì không có gì được ghi. Người được chấp thuận nhưng không đạt
    biểu quyết của Hội đồng không có trong quyết định: khi đó cần `reason` (ghi vào nhật ký), thiếu thì 400
    với thông báo nêu tên từng người. Quyết định làm Quỹ thi đua, khen thưởng của cơ quan ban hành (năm của
    ngày quyết định) âm cần `confirm_overdraw` = true (ghi vào nhật ký), thiếu thì 400 nêu số dư và số tiền."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    try:
        issuer = org_selectors.organization_get(request.user, payload.issuer_id)
    except Http404:
        raise Http404(f"Không tìm thấy đơn vị có id {payload.issuer_id}.") from None
    with api_field_names(API_FIELD_NAMES):
        decision = decision_services.decision_issue(
            actor=request.user, dossier=dossier, issuer=issuer, date=payload.date, signer_name=payload.signer_name,
            signer_title=payload.signer_title, subject=payload.subject, legal_bases=payload.legal_bases,
            symbol=payload.symbol, recipients=payload.recipients, reason=payload.reason,
            overdraw_confirmed=payload.confirm_overdraw,
        )
    return Status(201, decision_body(selectors.decision_get(request.user, decision.pk)))


@router.get(
    "/awards/decisions",
    response={200: AwardDecisionPage, **error_responses()},
    tags=DECISIONS,
    summary="Danh sách quyết định khen thưởng",
)
def decision_list(request, filters: Query[AwardDecisionQuery]):
    """Quyết định của các hồ sơ người gọi được xem. Mới nhất trước."""
    qs = selectors.decision_list(request.user).order_by("-date", "-number", "-pk")
    if filters.year:
        qs = qs.filter(year=filters.year)
    return page_of(selectors.decisions_matching(qs, " ".join(filters.q.split())), filters)


@router.get(
    "/awards/decisions/{decision_id}",
    response={200: AwardDecisionDetailOut, **error_responses(404)},
    tags=DECISIONS,
    summary="Xem quyết định: người được khen, số sổ vàng, tiền thưởng",
)
def decision_detail(request, decision_id: Id):
    """`awardees[].token`: mã xác minh in trên bằng (mã QR mở trang xác minh công khai)."""
    return decision_body(selectors.decision_get(request.user, decision_id))


@router.post(
    "/awards/decisions/{decision_id}/revoke",
    response={200: AwardDecisionDetailOut, **error_responses(400, 403, 404)},
    tags=DECISIONS,
    summary="Hủy bỏ quyết định khen thưởng",
)
def decision_revoke(request, decision_id: Id, payload: AwardDecisionRevokeIn):
    """Người có thẩm quyền, kèm lý do; quyết định và các danh hiệu, hình thức đã ghi vào hồ sơ được
    đánh dấu hủy bỏ và không còn được tính."""
    decision = selectors.decision_get(request.user, decision_id)
    with api_field_names(API_FIELD_NAMES):
        decision_services.decision_revoke(actor=request.user, decision=decision, reason=payload.reason)
    return decision_body(selectors.decision_get(request.user, decision_id))


class CertificatesOut(Schema):
    status: Literal["queued", "running", "ready", "failed"] = Field(
        ..., description="queued: chờ tạo; running: đang tạo; ready: đã có tệp; failed: không tạo được")
    detail: str = Field(..., description="Thông báo bằng tiếng Việt")
    awardees: int = Field(..., description="Số người được khen (số trang)")
    queued_at: datetime.datetime | None = None
    started_at: datetime.datetime | None = None
    finished_at: datetime.datetime | None = None
    error: str = ""
    file: str = Field(..., description="Địa chỉ tải tệp bằng khen, giấy khen")


PENDING_DETAIL = "Đang tạo bằng khen, giấy khen ({count} người được khen); hãy gọi lại địa chỉ này sau ít phút."
STATUS_DETAIL = {
    CertificateBatchStatus.READY: "Đã tạo xong bằng khen, giấy khen.",
    CertificateBatchStatus.FAILED: "Không tạo được bằng khen, giấy khen: {error}",
}


def _certificates_body(decision, batch, count: int) -> dict:
    status = batch.status
    detail = STATUS_DETAIL.get(status, PENDING_DETAIL).format(count=f"{count:,}".replace(",", "."),
                                                             error=batch.error)
    return {
        "status": status, "detail": detail, "awardees": count, "queued_at": batch.queued_at,
        "started_at": batch.started_at, "finished_at": batch.finished_at, "error": batch.error,
        "file": f"{API}/awards/decisions/{decision.pk}/files/certificates",
    }


def _certificates_decision(request, decision_id):
    decision = selectors.decision_get(request.user, decision_id)
    if decision.revoked_on is not None:
        certificate_services.certificates_drop(decision=decision)
        raise ValidationError({"decision_id": "Quyết định đã bị hủy bỏ: không in bằng khen, giấy khen."})
    return decision


def _certificates(request, decision, response: HttpResponse):
    """The kept file, a small decision's rendered now, or 202 while a large one's is generated."""
    state = certificate_services.certificates_state(decision)
    if not state.count:
        raise Http404("Quyết định không có người được khen.")
    filename = f"bang-khen-{decision.number}-{decision.year}.pdf"
    if state.status == CertificateBatchStatus.READY:
        try:
            return _download(state.batch.file.open("rb"), filename=filename, content_type=CONTENT_TYPES["certificates"])
        except (FileNotFoundError, ValueError, OSError):
            pass  # gone from the disk: made again below
    if state.inline:
        try:
            data = certificate_services.certificates_render(actor=request.user, decision=decision,
                                                            fingerprint=state.fingerprint)
        except DocumentError as error:
            raise HttpError(503, error.message) from None
        return _download(data, filename=filename, content_type=CONTENT_TYPES["certificates"])
    batch = certificate_services.certificates_queue(actor=request.user, decision=decision,
                                                    fingerprint=state.fingerprint)
    if batch.status == CertificateBatchStatus.FAILED:
        raise HttpError(503, f"Không tạo được bằng khen, giấy khen: {batch.error.rstrip('.')}. Hãy gửi POST "
                             f"{API}/awards/decisions/{decision.pk}/certificates/retry để tạo lại.")
    response["Retry-After"] = str(RETRY_AFTER)
    return Status(202, _certificates_body(decision, batch, state.count))


def _download(content, *, filename: str, content_type: str):
    return attachment_response(content, filename=filename, content_type=content_type)


@router.get(
    "/awards/decisions/{decision_id}/files/{kind}",
    response={202: CertificatesOut, 503: ErrorOut, **error_responses(400, 404)},
    tags=DECISIONS,
    summary="Tải quyết định (DOCX, PDF) hoặc bằng khen, giấy khen (PDF)",
    openapi_extra=FILE_ANSWER,
)
def decision_file(request, decision_id: Id, kind: FileKind, response: HttpResponse):
    """`docx`, `pdf`: văn bản quyết định; `certificates`: bằng khen, giấy khen của mọi người được khen
    (A4 ngang, mỗi người một trang). Quyết định đã hủy bỏ không in bằng (400).

    Bằng khen được giữ lại sau lần tạo đầu. Quyết định nhiều người được khen được tạo ở nền: trả lời
    202 (`status`: `queued` hoặc `running`, kèm tiêu đề `Retry-After`) cho đến khi tệp sẵn sàng, rồi 200
    với tệp PDF; tạo không được thì 503, gửi POST `…/certificates/retry` để tạo lại."""
    if kind == "certificates":
        return _certificates(request, _certificates_decision(request, decision_id), response)
    decision = selectors.decision_get(request.user, decision_id)
    stem = f"quyet-dinh-{decision.number}-{decision.year}"
    stored = decision.docx if kind == "docx" else decision.pdf
    if not stored:
        raise Http404("Quyết định chưa có tệp này.")
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy tệp của quyết định.") from None
    return _download(handle, filename=f"{stem}.{kind}", content_type=CONTENT_TYPES[kind])


@router.post(
    "/awards/decisions/{decision_id}/certificates/retry",
    response={200: CertificatesOut, 202: CertificatesOut, 503: ErrorOut, **error_responses(400, 403, 404)},
    tags=DECISIONS,
    summary="Tạo lại bằng khen, giấy khen không tạo được",
)
def certificates_retry(request, decision_id: Id, response: HttpResponse):
    """Cơ quan thường trực hoặc người có thẩm quyền (403 với người khác). Quyết định ít người được
    khen: tạo ngay (200, `status`: `ready`); nhiều người: đưa vào hàng đợi (202, `queued`), trừ khi đang
    chờ hoặc đang tạo. Tải tệp ở địa chỉ `file`."""
    decision = _certificates_decision(request, decision_id)
    count = decision.awardees.count()
    if not count:
        raise Http404("Quyết định không có người được khen.")
    try:
        batch = certificate_services.certificates_retry(actor=request.user, decision=decision)
    except DocumentError as error:
        raise HttpError(503, error.message) from None
    if batch.status == CertificateBatchStatus.READY:
        return Status(200, _certificates_body(decision, batch, count))
    response["Retry-After"] = str(RETRY_AFTER)
    return Status(202, _certificates_body(decision, batch, count))
