"""REST endpoints for commendation dossiers (part of the awards router, mounted at /api/v1/): the
dossier with its nominees and attachments, the workflow actions, and forwarding to the higher
authority. Appraisal, the council's ballot and objections are in api.py.

Scoped exactly as the pages: a dossier is found through ``selectors.dossier_get`` (the proposing
unit's users, and the receiving side once it was sent; otherwise 404, and another unit's dossier is
"not found" whether it exists or not); a nominee, attachment or vote is found through its dossier.
A person, collective, round or council member named in the body is looked up within what the caller
sees (out of it: 404). The services check the role (403) and the state (400) again, each action
through the workflow table, and lock the dossier so that two concurrent actions cannot both succeed.
"""


from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of, text
from tdkt.organizations import selectors as org_selectors
from tdkt.signing.schemas import file_signatures_body

from . import access, selectors
from .api_schemas import (
    ActionValue,
    DossierActionIn,
    DossierAttachmentOut,
    DossierCreateIn,
    DossierDetailOut,
    DossierForwardIn,
    DossierForwardOut,
    DossierNomineeIn,
    DossierNomineeOut,
    DossierPage,
    DossierQuery,
)
from .domain.workflow import ACTION_LABELS, Action, available
from .models import Attachment, CommendationRound, Dossier, Nominee
from .sent_back import sent_back, with_last_step
from .services import dossiers as dossier_services
from .services import forward as forward_services
from .services import workflow as workflow_services

router = Router()

DOSSIERS = ["Hồ sơ đề nghị khen thưởng"]
API = "/api/v1"

# The services name model fields; the API's clients send these names.
API_FIELD_NAMES = {
    "round": "round_id",
    "organization": "organization_id",
    "person": "person_id",
    "collective": "collective_id",
    "award": "award_code",
    "nominee": "nominee_id",
    "member": "member_id",
    "reason": "comment",
    "appraisal": "result",
    "appraisal_note": "note",
    "final_award": "final_award_code",
}


def _dossier_path(dossier_id: int, action: Action) -> str:
    if action is Action.DECIDE:
        return f"{API}/awards/dossiers/{dossier_id}/decisions"
    if action is Action.FORWARD:
        return f"{API}/awards/dossiers/{dossier_id}/forward"
    return f"{API}/awards/dossiers/{dossier_id}/actions/{action.value}"


def attachment_body(attachment: Attachment) -> dict:
    return {
        "id": attachment.pk,
        "component": attachment.component,
        "nominee_id": attachment.nominee_id,
        "name": attachment.original_name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "uploaded_at": attachment.uploaded_at,
        "url": reverse("awards:attachment", args=[attachment.pk]),
        "signatures": file_signatures_body(attachment.signature_verdict),
    }


def _link(dossier: Dossier) -> dict:
    return {"id": dossier.pk, "title": dossier.title, "state": dossier.state, "round": dossier.round}


def dossier_body(user, dossier: Dossier) -> dict:
    """The dossier as the detail answer shows it, with what the caller can do now."""
    dossier = selectors.dossier_get(user, dossier.pk)  # fresh, and still visible
    roles = access.acting_roles(user, dossier)
    facts = workflow_services.dossier_facts(dossier)
    required = dossier_services.required_components(dossier)
    missing = dossier_services.missing_components(dossier)
    nominees = dossier.nominees.select_related("person", "collective", "award", "final_award")
    return {
        **{
            f: getattr(dossier, f)
            for f in (
                "id", "title", "state", "round", "organization", "proposal_number", "submitted_at", "created_at",
                "updated_at", "upstream_id", "notice_from", "notice_until",
            )
        },
        "can_edit": dossier.state in dossier_services.EDITABLE and bool(roles & {"admin", *access.UNIT_ROLES}),
        "signoff_required": facts.signoff_required,
        **dict(zip(("sent_back_reason", "sent_back_at"), sent_back(dossier), strict=True)),
        "nominees": list(nominees),
        "attachments": [attachment_body(a) for a in dossier.attachments.all()],
        "required_components": [{"code": c, "label": label} for c, label in required.items()],
        "missing_components": [{"code": c, "label": label} for c, label in missing.items()],
        "transitions": [
            {
                "action": t.action, "from_state": t.from_state, "to_state": t.to_state,
                "actor": str(t.actor) if t.actor_id else None, "at": t.at, "reason": t.reason,
            }
            for t in dossier.transitions.select_related("actor")
        ],
        "actions": [
            {"action": a.value, "label": ACTION_LABELS[a], "path": _dossier_path(dossier.pk, a)}
            for a in available(dossier.state, roles=roles, facts=facts)
        ],
        "objections": list(dossier.objections.order_by("recorded_at", "pk")),
        "forwarded_dossiers": [_link(d) for d in dossier.forwarded_dossiers.select_related("round")],
        "decisions": list(dossier.decisions.order_by("date", "number")),
    }


def nominee_get(user, nominee_id: int) -> Nominee:
    nominee = Nominee.objects.select_related("award", "final_award", "person", "collective").filter(
        pk=nominee_id).first()
    if nominee is None:
        raise Http404("Không tìm thấy người được đề nghị.")
    nominee.dossier = selectors.dossier_get(user, nominee.dossier_id)  # 404 out of scope
    return nominee


def catalogue_form(code: str, field: str):
    form = dossier_services.form_on(code, timezone.localdate())
    if form is None:
        raise ValidationError({field: f"Không có hình thức “{code}” đang có hiệu lực trong danh mục."})
    return form


def _organization(user, pk: int):
    try:
        return org_selectors.organization_get(user, pk)
    except Http404:
        raise Http404(f"Không tìm thấy đơn vị có id {pk}.") from None


def _person(user, pk: int):
    try:
        return org_selectors.person_get(user, pk)
    except Http404:
        raise Http404(f"Không tìm thấy cá nhân có id {pk}.") from None


# Dossiers ----------------------------------------------------------------------------------------


@router.get(
    "/awards/dossiers",
    response={200: DossierPage, **error_responses()},
    tags=DOSSIERS,
    summary="Danh sách hồ sơ đề nghị khen thưởng",
)
def dossier_list(request, filters: Query[DossierQuery]):
    """Hồ sơ của các đơn vị trong phạm vi người gọi, và hồ sơ đã gửi đến cơ quan người gọi tiếp nhận
    (bản nháp chỉ đơn vị lập thấy). Mới cập nhật trước."""
    qs = selectors.dossier_list(request.user, state=filters.state or "", round_id=filters.round_id, query=filters.q)
    return page_of(with_last_step(qs.select_related("round")), filters)


@router.post(
    "/awards/dossiers",
    response={201: DossierDetailOut, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Lập hồ sơ đề nghị khen thưởng",
)
def dossier_create(request, payload: DossierCreateIn):
    """Đơn vị (cán bộ, lãnh đạo của đơn vị) lập hồ sơ trong một đợt khen thưởng còn mở."""
    commendation_round = selectors.round_get(request.user, payload.round_id)
    organization = _organization(request.user, payload.organization_id)
    with api_field_names(API_FIELD_NAMES):
        dossier = dossier_services.dossier_create(
            actor=request.user, round=commendation_round, organization=organization, title=payload.title
        )
    return Status(201, dossier_body(request.user, dossier))


@router.get(
    "/awards/dossiers/{dossier_id}",
    response={200: DossierDetailOut, **error_responses(404)},
    tags=DOSSIERS,
    summary="Xem hồ sơ: người được đề nghị, tệp, lịch sử xử lý, thao tác được làm",
)
def dossier_detail(request, dossier_id: Id):
    """`nominees[].eligibility`: kết quả kiểm tra điều kiện khi thêm; `missing_components`: thành phần
    bắt buộc còn thiếu; `actions`: thao tác người gọi làm được lúc này và địa chỉ API của nó."""
    return dossier_body(request.user, selectors.dossier_get(request.user, dossier_id))


@router.post(
    "/awards/dossiers/{dossier_id}/nominees",
    response={201: DossierNomineeOut, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Thêm người (tập thể) được đề nghị",
)
def nominee_add(request, dossier_id: Id, payload: DossierNomineeIn):
    """Một trong `person_id`, `collective_id`. Điều kiện được kiểm tra ngay; người chưa đủ điều kiện
    chỉ được đề nghị khi có `justification` (400 nếu thiếu)."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    if (payload.person_id is None) == (payload.collective_id is None):
        raise ValidationError({"person_id": "Chọn một cá nhân (person_id) hoặc một tập thể (collective_id)."})
    person = _person(request.user, payload.person_id) if payload.person_id else None
    collective = _organization(request.user, payload.collective_id) if payload.collective_id else None
    award = catalogue_form(payload.award_code, "award_code")
    with api_field_names(API_FIELD_NAMES):
        nominee = dossier_services.nominee_add(
            actor=request.user, dossier=dossier, award=award, person=person, collective=collective,
            achievement=payload.achievement, justification=payload.justification,
        )
    return Status(201, nominee)


@router.delete(
    "/awards/nominees/{nominee_id}",
    response={204: None, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Bỏ một người được đề nghị",
)
def nominee_remove(request, nominee_id: Id):
    """Chỉ khi hồ sơ còn là bản nháp hoặc bị trả lại."""
    nominee = nominee_get(request.user, nominee_id)
    dossier_services.nominee_remove(actor=request.user, nominee=nominee)
    return Status(204, None)



@router.post(
    "/awards/dossiers/{dossier_id}/attachments",
    response={201: DossierAttachmentOut, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Thêm tệp thành phần hồ sơ",
)
def attachment_add(
    request,
    dossier_id: Id,
    component: Form[text(40, required=True)],
    file: File[UploadedFile],
    nominee_id: Form[Id | None] = None,
):
    """Gửi dạng multipart/form-data: `component` (mã thành phần trong danh mục, ví dụ to_trinh,
    bien_ban, bao_cao), `file` (PDF, Word, Excel, ODT; kiểm tra theo nội dung, tối đa 20 MB) và
    `nominee_id` (tùy chọn: tệp của riêng một người được đề nghị). Tệp PDF được kiểm tra chữ ký số ngay
    (toàn vẹn, người ký, thời điểm ký, chuỗi chứng thư tới nguồn tin cậy): kết quả ở `signatures` — tệp bị
    sửa sau khi ký, chứng thư không thuộc nguồn tin cậy vẫn được nhận nhưng được đánh dấu; thành phần danh
    mục ghi `signed` chỉ được tính khi có bản ký số hợp lệ (gửi hồ sơ thiếu: 400)."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    nominee = None
    if nominee_id is not None:
        nominee = dossier.nominees.filter(pk=nominee_id).first()
        if nominee is None:
            raise Http404("Không tìm thấy người được đề nghị trong hồ sơ này.")
    with api_field_names(API_FIELD_NAMES):
        attachment = dossier_services.attachment_add(
            actor=request.user, dossier=dossier, component=component, upload=file, nominee=nominee
        )
    return Status(201, attachment_body(attachment))


@router.delete(
    "/awards/attachments/{attachment_id}",
    response={204: None, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Xóa một tệp thành phần hồ sơ",
)
def attachment_remove(request, attachment_id: Id):
    """Chỉ khi hồ sơ còn là bản nháp hoặc bị trả lại."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    attachment.dossier = selectors.dossier_get(request.user, attachment.dossier_id)
    dossier_services.attachment_remove(actor=request.user, attachment=attachment)
    return Status(204, None)


@router.post(
    "/awards/dossiers/{dossier_id}/actions/{action}",
    response={200: DossierDetailOut, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Thực hiện một bước xử lý hồ sơ (trình lãnh đạo, ký duyệt và gửi, rút, tiếp nhận, trả lại, …)",
)
def dossier_action(request, dossier_id: Id, action: ActionValue, payload: DossierActionIn):
    """Theo bảng quy trình: vai trò không được làm thao tác này: 403; trạng thái hoặc điều kiện chưa
    cho phép, thiếu lý do khi trả lại: 400. `decide` và `forward` có địa chỉ riêng (400).
    Khi đơn vị bật bước lãnh đạo ký duyệt: cán bộ `request_signoff` (trình lãnh đạo), lãnh đạo đơn vị
    `sign_off` (ký duyệt và gửi) hoặc `send_back` (trả lại cán bộ, kèm lý do). Gửi sau hạn (`submit`,
    `sign_off`) cần `confirmed` và lý do. Kết thúc công khai (`close_notice`) cần `confirmed`: danh sách
    chuyển sang chờ quyết định và không nhận thêm ý kiến phản ánh (thiếu xác nhận: 400)."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    if action == Action.DECIDE:
        raise ValidationError({"action": f"Ban hành quyết định qua POST {_dossier_path(dossier.pk, Action.DECIDE)}."})
    if action == Action.FORWARD:
        raise ValidationError({"action": f"Chuyển cấp trên qua POST {_dossier_path(dossier.pk, Action.FORWARD)}."})
    with api_field_names(API_FIELD_NAMES):
        dossier = workflow_services.dossier_act(
            actor=request.user, dossier=dossier, action=action, reason=payload.comment, confirmed=payload.confirmed
        )
    return dossier_body(request.user, dossier)


@router.post(
    "/awards/dossiers/{dossier_id}/forward",
    response={201: DossierForwardOut, **error_responses(400, 403, 404)},
    tags=DOSSIERS,
    summary="Chuyển người được đề nghị vượt thẩm quyền lên cấp trên",
)
def dossier_forward(request, dossier_id: Id, payload: DossierForwardIn):
    """Tạo hồ sơ mới (đã gửi) trong đợt `round_id` của cơ quan cấp trên, gồm những người được đề nghị
    hình thức do cấp trên quyết định."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    to_round = _upper_round(request.user, dossier, payload.round_id)
    with api_field_names(API_FIELD_NAMES):
        upstream = forward_services.dossier_forward(
            actor=request.user, dossier=dossier, to_round=to_round, reason=payload.comment
        )
    upstream = Dossier.objects.select_related("round").get(pk=upstream.pk)
    return Status(201, {"upstream": _link(upstream), "dossier": dossier_body(request.user, dossier)})


def _upper_round(user, dossier: Dossier, round_id: int) -> CommendationRound:
    """A round the caller sees, or one of an authority above the dossier's (where it may be sent)."""
    found = (selectors.round_list(user).filter(pk=round_id).first()
             or selectors.rounds_above(dossier).filter(pk=round_id).first())
    if found is None:
        raise Http404("Không tìm thấy đợt khen thưởng.")
    return found
