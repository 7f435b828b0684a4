"""REST endpoints for score sheets, their evidence files and their reviews (part of the scoring
router, mounted at /api/v1/).

A sheet is found through ``selectors.sheet_get`` (the round's managers and reviewers, the member's
own users and those who see the member; otherwise 404); the services check who may fill, submit,
return or review it (403) and its state (400: a submitted sheet is changed only after the head
returns it). A reviewer sees only its own reviews; the round's managers see every review. A
reviewer scoring its own organisation is refused (403) and the attempt stays in the audit log.
"""


from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from tdkt.accounts.scope import scope_for
from tdkt.core.api_errors import Id, api_field_names, error_responses, text
from tdkt.organizations import selectors as org_selectors

from . import access, selectors
from .api_schemas import (
    ScoreEntriesIn,
    ScoreReviewIn,
    ScoreReviewOut,
    ScoringReasonIn,
    SheetEvidenceOut,
    SheetOut,
    SheetSendIn,
    SheetSignoffAction,
    SheetStartIn,
    num,
)
from .domain import score_entries
from .models import RoundStatus, ScoreSheet
from .services import reviews, sheets
from .standings import parsed_template

router = Router()

SHEETS, REVIEWS = ["Phiếu chấm điểm, minh chứng"], ["Chấm thẩm định"]
API_FIELD_NAMES = {"organization": "organization_id"}


def _entries(items) -> dict:
    """The entries sent, as the services read them (code → (value, comment)); an item sent twice is
    refused under its code."""
    entries, twice = {}, {}
    for item in items:
        if item.item_code in entries:
            twice[item.item_code] = f"Mục {item.item_code} được gửi nhiều lần."
        entries[item.item_code] = (item.value, item.comment)
    if twice:
        raise ValidationError(twice)
    return entries


def _figures(template, rows) -> tuple[list[dict], dict, float]:
    """Entry rows in the template's order, every item's figure, and the total."""
    order = {item.code: i for i, item in enumerate(template.walk())}
    rows = sorted(rows, key=lambda e: (order.get(e.item_code, len(order)), e.item_code))
    scores = score_entries(template, {e.item_code: e.value for e in rows if e.value is not None})
    entries = [{"item_code": e.item_code, "value": num(e.value), "comment": e.comment} for e in rows]
    return entries, {item.code: num(scores.items[item.code]) for item in template.walk()}, num(scores.total)


def _can_edit(user, sheet: ScoreSheet) -> bool:
    return (
        sheet.editable
        and sheet.round.status != RoundStatus.PUBLISHED
        and scope_for(user, "scoring.self").covers(sheet.organization)
        and access.member_organizations(sheet.round).filter(pk=sheet.organization_id).exists()
    )


def _sheet_body(user, sheet: ScoreSheet) -> dict:
    sheet = selectors.sheet_get(user, sheet.pk)  # fresh, with its round and template
    template = parsed_template(sheet.round.template)
    entries, scores, total = _figures(template, sheet.entries.all())
    return {
        **{
            f: getattr(sheet, f)
            for f in ("id", "round_id", "organization", "status", "submitted_at", "was_late", "return_reason")
        },
        "returned_at": sheet.returned_at,
        "sent_back_reason": sheet.sent_back_reason,
        "sent_back_at": sheet.returned_at if sheet.sent_back_reason else None,
        "template": sheet.round.template,
        "can_edit": _can_edit(user, sheet),
        "entries": entries,
        "self_scores": scores,
        "self_total": total,
        "max_total": num(template.max_total),
        "evidence": [_evidence_body(e) for e in sheet.evidence.all()],
        "actions": [a.value for a in sheets.sheet_actions(user, sheet)],
    }


def _evidence_body(evidence) -> dict:
    return {
        "id": evidence.pk,
        "item_code": evidence.item_code,
        "name": evidence.original_name,
        "size": evidence.size,
        "content_type": evidence.content_type,
        "uploaded_at": evidence.uploaded_at,
        "url": reverse("scoring:evidence", args=[evidence.pk]),
    }


def _review_body(review) -> dict:
    template = parsed_template(review.sheet.round.template)
    entries, scores, total = _figures(template, review.entries.all())
    return {
        **{f: getattr(review, f) for f in ("id", "sheet_id", "reviewer", "status", "recusal_reason")},
        **{f: getattr(review, f) for f in ("completed_at", "updated_at")},
        "entries": entries,
        "scores": scores,
        "total": total,
    }


# Sheets ------------------------------------------------------------------------------------------


@router.post(
    "/scoring/rounds/{round_id}/sheets",
    response={200: SheetOut, 201: SheetOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Lập (hoặc mở) phiếu tự chấm của một thành viên",
)
def sheet_start(request, round_id: Id, payload: SheetStartIn):
    """201 khi phiếu vừa được lập (mẫu tiêu chí bị khóa từ đó), 200 khi đơn vị đã có phiếu. Đơn vị
    không phải thành viên của khối: 400; không được tự chấm thay mặt đơn vị: 403."""
    scoring_round = selectors.round_get(request.user, round_id)
    organization = access.member_organizations(scoring_round).filter(pk=payload.organization_id).first()
    if organization is None:
        try:
            organization = org_selectors.organization_get(request.user, payload.organization_id)
        except Http404:
            raise Http404(f"Không tìm thấy đơn vị có id {payload.organization_id}.") from None
    existed = scoring_round.sheets.filter(organization=organization).exists()
    with api_field_names(API_FIELD_NAMES):
        sheet = sheets.sheet_start(actor=request.user, scoring_round=scoring_round, organization=organization)
    return Status(200 if existed else 201, _sheet_body(request.user, sheet))


@router.get(
    "/scoring/sheets/{sheet_id}",
    response={200: SheetOut, **error_responses(404)},
    tags=SHEETS,
    summary="Xem phiếu tự chấm: điểm, ghi chú, minh chứng",
)
def sheet_detail(request, sheet_id: Id):
    """`value` là điểm (mục chấm điểm) hoặc số lần (mục tính theo số lần, trừ điểm); `self_scores`
    là điểm tính được của mọi mục và nhóm."""
    return _sheet_body(request.user, selectors.sheet_get(request.user, sheet_id))


@router.put(
    "/scoring/sheets/{sheet_id}/entries",
    response={200: SheetOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Lưu nháp điểm tự chấm",
)
def sheet_save(request, sheet_id: Id, payload: ScoreEntriesIn):
    """Chỉ các mục được gửi thay đổi; `value` null là để trống. Lỗi của từng mục nằm trong `errors`
    theo mã mục (400). Phiếu đã nộp chỉ sửa được khi bị trả lại."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    entries = _entries(payload.entries)
    sheet = sheets.sheet_save(actor=request.user, sheet=sheet, entries=entries)
    return _sheet_body(request.user, sheet)


@router.post(
    "/scoring/sheets/{sheet_id}/submit",
    response={200: SheetOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Nộp phiếu tự chấm",
)
def sheet_submit(request, sheet_id: Id, payload: SheetSendIn | None = None):
    """Trước hạn tự chấm (phiếu bị trả lại thì nộp lại lúc nào cũng được); sau hạn cần `confirmed`
    và lý do, phiếu được ghi là nộp muộn. Sau khi nộp không sửa được nữa. Khi đơn vị bật bước lãnh
    đạo ký duyệt: cán bộ gọi là trình lãnh đạo, lãnh đạo đơn vị gọi là ký duyệt và nộp."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    payload = payload or SheetSendIn()
    return _sheet_body(request.user, sheets.sheet_submit(actor=request.user, sheet=sheet, reason=payload.reason,
                                                         confirmed=payload.confirmed))


@router.post(
    "/scoring/sheets/{sheet_id}/signoff/{action}",
    response={200: SheetOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Bước ký duyệt của đơn vị: trình lãnh đạo, ký duyệt và nộp, trả lại cán bộ (kèm lý do), rút lại",
)
def sheet_signoff(request, sheet_id: Id, action: SheetSignoffAction, payload: SheetSendIn | None = None):
    """Theo bảng ký duyệt: cán bộ không ký duyệt được (403); trạng thái không cho phép, thiếu lý do: 400."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    payload = payload or SheetSendIn()
    return _sheet_body(request.user, sheets.sheet_act(actor=request.user, sheet=sheet, action=action,
                                                      reason=payload.reason, confirmed=payload.confirmed))


@router.post(
    "/scoring/sheets/{sheet_id}/return",
    response={200: SheetOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Trả lại phiếu đã nộp (kèm lý do)",
)
def sheet_return(request, sheet_id: Id, payload: ScoringReasonIn):
    sheet = selectors.sheet_get(request.user, sheet_id)
    return _sheet_body(request.user, sheets.sheet_return(actor=request.user, sheet=sheet, reason=payload.reason))



@router.post(
    "/scoring/sheets/{sheet_id}/evidence",
    response={201: SheetEvidenceOut, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Thêm tệp minh chứng cho một mục",
)
def evidence_add(request, sheet_id: Id, item_code: Form[text(40, required=True)], file: File[UploadedFile]):
    """Gửi dạng multipart/form-data: `item_code` và `file` (PDF, Word, Excel, ODT; kiểm tra theo nội
    dung tệp, tối đa 20 MB; tối đa 10 tệp mỗi mục)."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    evidence = sheets.evidence_add(actor=request.user, sheet=sheet, item_code=item_code, upload=file)
    return Status(201, _evidence_body(evidence))


@router.delete(
    "/scoring/evidence/{evidence_id}",
    response={204: None, **error_responses(400, 403, 404)},
    tags=SHEETS,
    summary="Xóa một tệp minh chứng",
)
def evidence_remove(request, evidence_id: Id):
    """Chỉ khi phiếu còn sửa được (nháp hoặc bị trả lại)."""
    evidence = selectors.evidence_get(request.user, evidence_id)
    sheets.evidence_remove(actor=request.user, evidence=evidence)
    return Status(204, None)


# Reviews -----------------------------------------------------------------------------------------


def _reviewer(sheet: ScoreSheet, reviewer_id: int):
    reviewer = access.reviewer_organizations(sheet.round).filter(pk=reviewer_id).first()
    if reviewer is None:
        raise Http404("Không tìm thấy đơn vị chấm thẩm định này trong khối.")
    return reviewer


@router.get(
    "/scoring/sheets/{sheet_id}/reviews",
    response={200: list[ScoreReviewOut], **error_responses(404)},
    tags=REVIEWS,
    summary="Các lượt chấm thẩm định của một phiếu",
)
def review_list(request, sheet_id: Id):
    """Đơn vị điều hành xem mọi lượt; đơn vị chấm thẩm định chỉ xem lượt của chính mình; người khác
    nhận danh sách rỗng."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    qs = sheet.reviews.select_related("reviewer", "sheet__round__template").order_by("reviewer__name", "pk")
    if not access.can_manage(request.user, sheet.round):
        qs = qs.filter(reviewer__in=[o.pk for o in access.acting_reviewers(request.user, sheet.round)])
    return [_review_body(review) for review in qs]


@router.put(
    "/scoring/sheets/{sheet_id}/reviews/{reviewer_id}",
    response={200: ScoreReviewOut, **error_responses(400, 403, 404)},
    tags=REVIEWS,
    summary="Lưu điểm thẩm định của một đơn vị chấm",
)
def review_save(request, sheet_id: Id, reviewer_id: Id, payload: ScoreReviewIn):
    """`reviewer_id`: trưởng khối, phó khối hoặc đơn vị được phân công mà người gọi được thay mặt.
    `complete`: true thì lượt chấm được tính vào điểm cuối cùng. Chấm phiếu của chính đơn vị mình:
    403 (xung đột lợi ích, được ghi nhật ký)."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    reviewer = _reviewer(sheet, reviewer_id)
    entries = _entries(payload.entries)
    review = reviews.review_save(
        actor=request.user, sheet=sheet, reviewer=reviewer, entries=entries, complete=payload.complete
    )
    return _review_body(review)


@router.post(
    "/scoring/sheets/{sheet_id}/reviews/{reviewer_id}/recuse",
    response={200: ScoreReviewOut, **error_responses(400, 403, 404)},
    tags=REVIEWS,
    summary="Từ chối chấm thẩm định vì xung đột lợi ích",
)
def review_recuse(request, sheet_id: Id, reviewer_id: Id, payload: ScoringReasonIn):
    """`reason` bắt buộc; lượt chấm không bao giờ được tính."""
    sheet = selectors.sheet_get(request.user, sheet_id)
    reviewer = _reviewer(sheet, reviewer_id)
    review = reviews.review_recuse(actor=request.user, sheet=sheet, reviewer=reviewer, reason=payload.reason)
    return _review_body(review)
