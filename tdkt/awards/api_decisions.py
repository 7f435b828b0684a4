"""REST endpoints for decisions (part of the awards router, mounted at /api/v1/): issue one for a
dossier awaiting decision, read them with their awardees, revoke, and download the DOCX, the PDF
and the batch of certificates.

A decision is found through its dossier (``selectors.decision_get``: out of scope, 404); the issuer
named in the body is looked up within what the caller sees (404). The services check who may issue
or revoke (403) and the state (400); a failed document generation leaves nothing written.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Status

from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of
from tdkt.core.downloads import attachment_response
from tdkt.organizations import selectors as org_selectors

from . import selectors
from .api_schemas import (
    AwardDecisionDetailOut,
    AwardDecisionIn,
    AwardDecisionPage,
    AwardDecisionQuery,
    AwardDecisionRevokeIn,
    FileKind,
)
from .services import decisions as decision_services

router = Router()

DECISIONS = ["Quyết định khen thưởng"]
API = "/api/v1"
API_FIELD_NAMES = {"issuer": "issuer_id", "dossier": "dossier_id", "decision": "decision_id"}
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "certificates": "application/pdf",
}
BINARY = {"schema": {"type": "string", "format": "binary"}}
FILE_ANSWER = {
    "responses": {
        "200": {
            "description": "Tệp (tải về)",
            "content": {CONTENT_TYPES["docx"]: BINARY, "application/pdf": BINARY},
        }
    }
}


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
            )
        },
        "awardees": list(decision.awardees.select_related("award").order_by("golden_book_number")),
        "files": _files(decision),
    }


@router.post(
    "/awards/dossiers/{dossier_id}/decisions",
    response={201: AwardDecisionDetailOut, **error_responses(400, 403, 404)},
    tags=DECISIONS,
    summary="Ban hành quyết định khen thưởng cho hồ sơ chờ quyết định",
)
def decision_issue(request, dossier_id: Id, payload: AwardDecisionIn):
    """Người có thẩm quyền (403 với người khác). Số quyết định cấp theo cơ quan ban hành và năm; mỗi
    người được khen có số sổ vàng và tiền thưởng (hệ số × lương cơ sở ngày quyết định, làm tròn lên
    10.000 đ). Sinh DOCX, PDF không được thì không có gì được ghi."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    try:
        issuer = org_selectors.organization_get(request.user, payload.issuer_id)
    except Http404:
        raise Http404(f"Không tìm thấy đơn vị có id {payload.issuer_id}.") from None
    with api_field_names(API_FIELD_NAMES):
        decision = decision_services.decision_issue(
            actor=request.user, dossier=dossier, issuer=issuer, date=payload.date, signer_name=payload.signer_name,
            signer_title=payload.signer_title, subject=payload.subject, legal_bases=payload.legal_bases,
            symbol=payload.symbol,
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
    return page_of(qs, filters)


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


def _download(content, *, filename: str, content_type: str):
    return attachment_response(content, filename=filename, content_type=content_type)


@router.get(
    "/awards/decisions/{decision_id}/files/{kind}",
    response=error_responses(400, 404),
    tags=DECISIONS,
    summary="Tải quyết định (DOCX, PDF) hoặc bằng khen, giấy khen (PDF)",
    openapi_extra=FILE_ANSWER,
)
def decision_file(request, decision_id: Id, kind: FileKind):
    """`docx`, `pdf`: văn bản quyết định; `certificates`: bằng khen, giấy khen của mọi người được khen
    (A4 ngang, mỗi người một trang). Quyết định đã hủy bỏ không in bằng (400)."""
    decision = selectors.decision_get(request.user, decision_id)
    stem = f"quyet-dinh-{decision.number}-{decision.year}"
    if kind == "certificates":
        if decision.revoked_on is not None:
            raise ValidationError({"decision_id": "Quyết định đã bị hủy bỏ: không in bằng khen, giấy khen."})
        from .certificates import certificates_pdf

        return _download(certificates_pdf(decision), filename=f"bang-khen-{decision.number}-{decision.year}.pdf",
                         content_type=CONTENT_TYPES[kind])
    stored = decision.docx if kind == "docx" else decision.pdf
    if not stored:
        raise Http404("Quyết định chưa có tệp này.")
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Không tìm thấy tệp của quyết định.") from None
    return _download(handle, filename=f"{stem}.{kind}", content_type=CONTENT_TYPES[kind])
