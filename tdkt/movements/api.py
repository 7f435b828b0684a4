"""REST endpoints for movements (mounted at /api/v1/): plans with their phases, milestones, targets,
work program and contents; registrations; the covenant and its signatures; report submissions.

Scoped exactly as the pages (movements/views/): a movement is found through the selectors, so one
the caller may not see (or a draft it may not manage) is "not found" (404) whether it exists or
not; a registration, signature or report of a participant whose details the caller may not see is
"not found" too. An organisation, block, phase or task named in the body is looked up within what
the caller sees: out of it, 404. An action the caller may not take on what it sees is 403. Every
write goes through a service, which checks the permission and the state again and writes the audit
event; what the services refuse is a 400 in Vietnamese.
"""

import json
import unicodedata
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.utils import timezone
from ninja import Field, File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tdkt.accounts.scope import scope_for, user_can
from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of, text
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization
from tdkt.organizations.schemas import In

from . import selectors
from .domain.plan_file import MAX_BYTES
from .models import ContentItem, Registration, ReportSubmission, SubmissionStatus
from .plan_export import plan_export
from .schemas import (
    ContentItemIn,
    ContentItemOut,
    CovenantOut,
    MilestoneIn,
    MilestoneOut,
    MovementCreateIn,
    MovementDetailOut,
    MovementPage,
    MovementQuery,
    MovementStatusIn,
    MovementUpdateIn,
    PhaseIn,
    PhaseOut,
    RegistrationDecisionIn,
    RegistrationIn,
    RegistrationListOut,
    RegistrationOut,
    SignatureIn,
    SignatureOut,
    SubmissionListOut,
    SubmissionOut,
    SubmissionReviewIn,
    TargetIn,
    TargetOut,
    TaskIn,
    TaskOut,
    TaskStatusIn,
)
from .services import covenant as covenant_services
from .services import participation, plans, signoff_steps
from .services.plan_import import plan_import_file

router = Router()

PLANS, PARTICIPATION, REPORTS = ["Phong trào thi đua"], ["Đăng ký, giao ước thi đua"], ["Báo cáo sơ kết, tổng kết"]
MANAGE_DENIED = "Bạn không có quyền quản lý phong trào thi đua này."

# The services name model fields; the API's clients send these names.
API_FIELD_NAMES = {
    "organization": "organization_id",
    "organizations": "participant_ids",
    "participants": "participant_ids",
    "block": "block_id",
    "phase": "phase_id",
    "lead_organization": "lead_organization_id",
}
MAX_FIGURE = 10**12
TOO_LARGE = "Tệp quá lớn: tối đa 2 MB."


def _managed(user, movement_id: int):
    """The movement, if the caller sees it (else 404) and may manage it (else 403)."""
    movement = selectors.movement_get(user, movement_id)
    require(selectors.can_manage(user, movement), MANAGE_DENIED)
    return movement


def _organization(user, pk: int | None) -> Organization | None:
    """An organisation named in the body, found only within what the caller may see."""
    if pk is None:
        return None
    try:
        return org_selectors.organization_get(user, pk)
    except Http404:
        raise Http404(f"Không tìm thấy đơn vị có id {pk}.") from None


def _organizations(user, pks: list[int]) -> list[Organization]:
    visible = org_selectors.organization_list(
        user, filters=org_selectors.OrganizationFilters(include_closed=True)
    ).filter(pk__in=set(pks))
    found = {o.pk: o for o in visible}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        raise Http404(f"Không tìm thấy đơn vị có id {missing[0]}.")
    return [found[pk] for pk in dict.fromkeys(pks)]


def _check_period(start, end) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({"end_date": "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."})


def _details_visible(user, movement):
    """Whose registrations, signatures and reports the caller sees (as the pages): every
    participant for the plan's managers, otherwise those in the caller's own scope."""
    if selectors.can_manage(user, movement):
        return lambda organization: True
    view, participate = scope_for(user, "movement.view"), scope_for(user, "movement.participate")
    return lambda organization: view.covers(organization) or participate.covers(organization)


def _participants(movement) -> list[Organization]:
    """The participants in the block's order (the plan's tables), else by name."""
    organizations = [p.organization for p in movement.participants.select_related("organization")]
    positions = {}
    if movement.block_id:
        positions = dict(movement.block.memberships.values_list("organization_id", "position"))
    return sorted(organizations, key=lambda o: (positions.get(o.pk, 10**6), o.name))


# Plans -------------------------------------------------------------------------------------------


@router.get(
    "/movements",
    response={200: MovementPage, **error_responses()},
    tags=PLANS,
    summary="Danh sách phong trào thi đua",
)
def movement_list(request, filters: Query[MovementQuery]):
    """Phong trào do đơn vị trong phạm vi người gọi ban hành, hoặc có đơn vị tham gia trong phạm vi;
    dự thảo chỉ hiện với người được quản lý kế hoạch."""
    qs = selectors.movement_list(request.user, year=filters.year, query=filters.q)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page_of(qs.annotate(participant_count=Count("participants")), filters)


# A plan file's import comes before /movements/{movement_id}, which would take "import" for an id.
PLAN_FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "object", "description": "Tệp kế hoạch (định dạng tdkt-ke-hoach/1)"}
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


@router.post(
    "/movements/import",
    response={201: MovementDetailOut, **error_responses(400, 403)},
    tags=PLANS,
    summary="Nhập kế hoạch thi đua từ tệp",
    openapi_extra=PLAN_FILE_BODY,
)
def movement_import(request):
    """Gửi tệp kế hoạch (định dạng của `GET /movements/{id}/export`) làm nội dung JSON, hoặc dạng
    multipart/form-data với trường `file`; tối đa 2 MB. Ngày ghi dd/mm/yyyy; đơn vị ghi bằng mã, khối
    bằng tên và năm. Cả tệp được kiểm tra trước: sai ở đâu thì không ghi gì và trả về 400 với lỗi theo
    từng vị trí trong tệp (ví dụ `milestones[2].report_deadline`). Mã đơn vị ngoài phạm vi người gọi
    được báo như không có; không có quyền quản lý phong trào tại đơn vị ban hành thì 403."""
    require(user_can(request.user, "movement.manage"), "Bạn không có quyền ban hành kế hoạch thi đua.")
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BYTES + 64 * 1024:
        raise ValidationError({"tệp": [TOO_LARGE]})
    if request.content_type == "multipart/form-data":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Thiếu tệp kế hoạch (trường file)."]})
        if upload.size > MAX_BYTES:
            raise ValidationError({"tệp": [TOO_LARGE]})
        data, name = upload.read(), upload.name
    else:
        data, name = request.body, ""
    movement = plan_import_file(actor=request.user, data=data, file_name=name)
    return Status(201, selectors.movement_get(request.user, movement.pk))


@router.get(
    "/movements/{movement_id}",
    response={200: MovementDetailOut, **error_responses(404)},
    tags=PLANS,
    summary="Xem một kế hoạch thi đua và nội dung của nó",
)
def movement_detail(request, movement_id: Id):
    """Kế hoạch cùng các đợt thi đua, mốc sơ kết, tổng kết (hạn báo cáo, khoảng số liệu), chỉ tiêu,
    chương trình công tác theo quý, nội dung thi đua, nội dung giao ước và đơn vị tham gia."""
    return selectors.movement_get(request.user, movement_id)


@router.post(
    "/movements",
    response={201: MovementDetailOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Soạn kế hoạch thi đua (dự thảo)",
)
def movement_create(request, payload: MovementCreateIn):
    """Kế hoạch được lưu là dự thảo. Có `block_id` thì mọi thành viên của khối là đơn vị tham gia;
    không có thì `participant_ids` (đơn vị cấp dưới đơn vị ban hành). Đơn vị, khối ngoài phạm vi
    người gọi trả về 404; không có quyền quản lý phong trào tại đơn vị ban hành thì 403."""
    organization = _organization(request.user, payload.organization_id)
    require(
        scope_for(request.user, "movement.manage").covers(organization),
        "Bạn không có quyền ban hành kế hoạch thi đua cho đơn vị này.",
    )
    block = org_selectors.block_get(request.user, payload.block_id) if payload.block_id else None
    participants = _organizations(request.user, payload.participant_ids or [])
    if block is not None and payload.participant_ids:
        raise ValidationError({"participant_ids": "Kế hoạch của khối có đơn vị tham gia là các thành viên của khối."})
    _check_period(payload.start_date, payload.end_date)
    fields = payload.dict(exclude={"organization_id", "block_id", "participant_ids"})
    with transaction.atomic(), api_field_names(API_FIELD_NAMES):
        movement = plans.movement_create(actor=request.user, organization=organization, block=block, **fields)
        if participants:
            plans.participants_set(actor=request.user, movement=movement, organizations=participants)
    return Status(201, selectors.movement_get(request.user, movement.pk))


@router.patch(
    "/movements/{movement_id}",
    response={200: MovementDetailOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Sửa kế hoạch thi đua",
)
def movement_update(request, movement_id: Id, payload: MovementUpdateIn):
    """Chỉ các trường được gửi mới thay đổi. `participant_ids` thay danh sách đơn vị tham gia (chỉ
    khi kế hoạch còn là dự thảo). Phong trào đã kết thúc không sửa được (400)."""
    movement = _managed(request.user, movement_id)
    fields = payload.dict(exclude_unset=True)
    participant_ids = fields.pop("participant_ids", None)
    participants = _organizations(request.user, participant_ids) if participant_ids is not None else None
    _check_period(fields.get("start_date", movement.start_date), fields.get("end_date", movement.end_date))
    with transaction.atomic(), api_field_names(API_FIELD_NAMES):
        if fields:
            movement = plans.movement_update(actor=request.user, movement=movement, **fields)
        if participants is not None:
            plans.participants_set(actor=request.user, movement=movement, organizations=participants)
    return selectors.movement_get(request.user, movement.pk)


@router.post(
    "/movements/{movement_id}/status",
    response={200: MovementDetailOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Ban hành hoặc kết thúc phong trào",
)
def movement_status(request, movement_id: Id, payload: MovementStatusIn):
    """`issued`: ban hành một dự thảo (cần có đơn vị tham gia); `closed`: kết thúc phong trào đã ban
    hành. Chuyển trạng thái khác trả về 400."""
    movement = _managed(request.user, movement_id)
    with api_field_names(API_FIELD_NAMES):
        plans.movement_set_status(actor=request.user, movement=movement, status=payload.status)
    return selectors.movement_get(request.user, movement.pk)


@router.post(
    "/movements/{movement_id}/phases",
    response={201: PhaseOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Thêm đợt thi đua",
)
def phase_add(request, movement_id: Id, payload: PhaseIn):
    """Đợt thi đua phải nằm trong thời gian của phong trào."""
    movement = _managed(request.user, movement_id)
    _check_period(payload.start_date, payload.end_date)
    return Status(201, plans.phase_add(actor=request.user, movement=movement, **payload.dict()))


@router.post(
    "/movements/{movement_id}/milestones",
    response={201: MilestoneOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Thêm mốc sơ kết, tổng kết (hạn nộp báo cáo)",
)
def milestone_add(request, movement_id: Id, payload: MilestoneIn):
    """`data_from`, `data_to`: khoảng số liệu của báo cáo ("số liệu từ 01/12/2021 đến 31/5/2022").
    `phase_id` không thuộc phong trào này trả về 404."""
    movement = _managed(request.user, movement_id)
    fields = payload.dict(exclude={"phase_id"})
    phase = None
    if payload.phase_id is not None:
        phase = movement.phases.filter(pk=payload.phase_id).first()
        if phase is None:
            raise Http404("Không tìm thấy đợt thi đua trong phong trào này.")
    with api_field_names(API_FIELD_NAMES):
        return Status(201, plans.milestone_add(actor=request.user, movement=movement, phase=phase, **fields))


@router.post(
    "/movements/{movement_id}/targets",
    response={201: TargetOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Thêm chỉ tiêu thi đua",
)
def target_add(request, movement_id: Id, payload: TargetIn):
    """`award_share`: tỷ lệ đạt một danh hiệu, hình thức (%); `award_count`: số lượng; `rating_share`:
    tỷ lệ xếp loại từ `min_rating` trở lên (%)."""
    movement = _managed(request.user, movement_id)
    fields = payload.dict()
    fields["award_code"] = fields["award_code"] or ""
    fields["min_rating"] = fields["min_rating"] or ""
    return Status(201, plans.target_add(actor=request.user, movement=movement, **fields))


@router.post(
    "/movements/{movement_id}/tasks",
    response={201: TaskOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Thêm một việc vào chương trình công tác",
)
def task_add(request, movement_id: Id, payload: TaskIn):
    """`lead_organization_id`, nếu có, là đơn vị ban hành hoặc một đơn vị tham gia."""
    movement = _managed(request.user, movement_id)
    lead_organization = _organization(request.user, payload.lead_organization_id)
    if lead_organization is not None and not (
        lead_organization.pk == movement.organization_id
        or movement.participants.filter(organization=lead_organization).exists()
    ):
        raise ValidationError(
            {"lead_organization_id": "Đơn vị chủ trì phải là đơn vị ban hành hoặc đơn vị tham gia phong trào."}
        )
    fields = payload.dict(exclude={"lead_organization_id"})
    with api_field_names(API_FIELD_NAMES):
        task = plans.task_add(actor=request.user, movement=movement, lead_organization=lead_organization, **fields)
    return Status(201, task)


@router.post(
    "/movements/{movement_id}/tasks/{task_id}/status",
    response={200: TaskOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Cập nhật tiến độ một việc của chương trình công tác",
)
def task_status(request, movement_id: Id, task_id: Id, payload: TaskStatusIn):
    movement = selectors.movement_get(request.user, movement_id)
    task = movement.tasks.filter(pk=task_id).first()
    if task is None:
        raise Http404("Không tìm thấy việc này trong chương trình công tác.")
    require(selectors.can_manage(request.user, movement), MANAGE_DENIED)
    return plans.task_set_status(actor=request.user, task=task, status=payload.status)


@router.post(
    "/movements/{movement_id}/contents",
    response={201: ContentItemOut, **error_responses(400, 403, 404)},
    tags=PLANS,
    summary="Thêm nội dung thi đua hoặc nội dung giao ước",
)
def content_add(request, movement_id: Id, payload: ContentItemIn):
    movement = _managed(request.user, movement_id)
    return Status(201, plans.content_add(actor=request.user, movement=movement, text=payload.text, part=payload.part))


# Registrations -----------------------------------------------------------------------------------


@router.get(
    "/movements/{movement_id}/registrations",
    response={200: RegistrationListOut, **error_responses(404)},
    tags=PARTICIPATION,
    summary="Đăng ký thi đua của các đơn vị tham gia",
)
def registration_list(request, movement_id: Id):
    """Đăng ký của các đơn vị người gọi được xem chi tiết (người quản lý kế hoạch: mọi đơn vị);
    danh sách đơn vị chưa đăng ký chỉ trả về cho người quản lý."""
    movement = selectors.movement_get(request.user, movement_id)
    manager = selectors.can_manage(request.user, movement)
    visible = _details_visible(request.user, movement)
    registrations = {
        r.organization_id: r
        for r in Registration.objects.filter(movement=movement).select_related("organization").prefetch_related("items")
    }
    participants = _participants(movement)
    return {
        "registration_deadline": movement.registration_deadline,
        "deadline_passed": movement.registration_deadline is not None
        and timezone.localdate() > movement.registration_deadline,
        "participant_count": len(participants),
        "registered_count": len(registrations),
        "items": [registrations[o.pk] for o in participants if o.pk in registrations and visible(o)],
        "not_registered": [o for o in participants if o.pk not in registrations] if manager else [],
    }


@router.post(
    "/movements/{movement_id}/registrations",
    response={201: RegistrationOut, **error_responses(400, 403, 404)},
    tags=PARTICIPATION,
    summary="Đăng ký danh hiệu thi đua cho một đơn vị tham gia",
)
def registration_submit(request, movement_id: Id, payload: RegistrationIn):
    """Sau hạn đăng ký, đăng ký chờ đơn vị quản lý kế hoạch duyệt (`late_pending`). Đơn vị ngoài
    phạm vi người gọi: 404; không tham gia phong trào: 400; không được thay mặt đơn vị: 403."""
    movement = selectors.movement_get(request.user, movement_id)
    organization = _organization(request.user, payload.organization_id)
    items = [(item.award_code, item.target_text) for item in payload.items]
    with api_field_names(API_FIELD_NAMES):
        registration = participation.registration_submit(
            actor=request.user, movement=movement, organization=organization, items=items, note=payload.note
        )
    return Status(201, registration)


@router.post(
    "/registrations/{registration_id}/decision",
    response={200: RegistrationOut, **error_responses(400, 403, 404)},
    tags=PARTICIPATION,
    summary="Duyệt một đăng ký muộn",
)
def registration_decision(request, registration_id: Id, payload: RegistrationDecisionIn):
    """Người quản lý kế hoạch chấp nhận hoặc không chấp nhận (ghi lý do) một đăng ký muộn."""
    registration = Registration.objects.select_related("organization").filter(pk=registration_id).first()
    movement = selectors.movement_list(request.user).filter(pk=getattr(registration, "movement_id", None)).first()
    if movement is None or not _details_visible(request.user, movement)(registration.organization):
        raise Http404("Không tìm thấy đăng ký thi đua.")
    require(selectors.can_manage(request.user, movement), MANAGE_DENIED)
    with api_field_names(API_FIELD_NAMES):
        return participation.registration_decide(
            actor=request.user, registration=registration, accept=payload.accept, note=payload.note
        )


# Covenant ----------------------------------------------------------------------------------------


@router.get(
    "/movements/{movement_id}/covenant",
    response={200: CovenantOut, **error_responses(404)},
    tags=PARTICIPATION,
    summary="Giao ước thi đua: nội dung và chữ ký của các đơn vị",
)
def covenant_detail(request, movement_id: Id):
    movement = selectors.movement_get(request.user, movement_id)
    signatures = {s.organization_id: s for s in movement.signatures.select_related("organization")}
    participants = _participants(movement)
    return {
        "items": movement.content_items.filter(part=ContentItem.COVENANT),
        "participant_count": len(participants),
        "signed_count": len(signatures),
        "signatures": [signatures[o.pk] for o in participants if o.pk in signatures],
        "unsigned": [o for o in participants if o.pk not in signatures],
    }


@router.post(
    "/movements/{movement_id}/covenant/signatures",
    response={201: SignatureOut, **error_responses(400, 403, 404)},
    tags=PARTICIPATION,
    summary="Ký giao ước thi đua: tải lên bản giao ước đã ký số của đơn vị",
)
def covenant_sign(request, movement_id: Id, organization_id: Form[Id], file: File[UploadedFile]):
    """Gửi dạng multipart/form-data: `organization_id` và `file` (PDF đã ký số, tối đa 20 MB). Mọi chữ ký
    trong tệp phải hợp lệ (nguyên vẹn, chứng thư thuộc nguồn tin cậy, không bị thu hồi) và chứng thư phải
    của chính đơn vị (tên cơ quan ở mục O hoặc OU của chứng thư); không thì 400 với lý do ở `errors.file`.
    Không còn ký bằng cách gõ tên."""
    movement = selectors.movement_get(request.user, movement_id)
    organization = _organization(request.user, organization_id)
    with api_field_names(API_FIELD_NAMES):
        signature = covenant_services.covenant_sign_upload(
            actor=request.user, movement=movement, organization=organization, upload=file)
    return Status(201, signature)


@router.post(
    "/movements/{movement_id}/covenant/signatures/service",
    response={201: SignatureOut, **error_responses(400, 403, 404)},
    tags=PARTICIPATION,
    summary="Ký giao ước thi đua qua dịch vụ ký số của đơn vị",
)
def covenant_sign_service(request, movement_id: Id, payload: SignatureIn):
    """Chứng thư ký số của đơn vị đã cấu hình trên hệ thống ký bản giao ước (PDF, khối chữ ký ghi họ tên,
    chức vụ người ký); tệp đã ký được lưu. Đơn vị chưa cấu hình chữ ký số: 400 (hãy tải lên bản đã ký)."""
    movement = selectors.movement_get(request.user, movement_id)
    organization = _organization(request.user, payload.organization_id)
    with api_field_names(API_FIELD_NAMES):
        signature = covenant_services.covenant_sign_service(
            actor=request.user, movement=movement, organization=organization,
            signer_name=payload.signer_name, signer_title=payload.signer_title,
        )
    return Status(201, signature)


# Report submissions ------------------------------------------------------------------------------


@router.get(
    "/milestones/{milestone_id}/submissions",
    response={200: SubmissionListOut, **error_responses(404)},
    tags=REPORTS,
    summary="Báo cáo đã nộp cho một mốc sơ kết, tổng kết",
)
def submission_list(request, milestone_id: Id):
    milestone = selectors.milestone_get(request.user, milestone_id)
    visible = _details_visible(request.user, milestone.movement)
    participants = [o for o in _participants(milestone.movement) if visible(o)]
    submissions = {
        s.organization_id: s
        for s in ReportSubmission.objects.filter(milestone=milestone, organization__in=participants).select_related(
            "organization"
        )
    }
    return {
        "milestone": milestone,
        "items": [submissions[o.pk] for o in participants if o.pk in submissions],
        "not_submitted": [
            o for o in participants if o.pk not in submissions or submissions[o.pk].status == SubmissionStatus.RETURNED
        ],
    }


def _figures(raw: str) -> dict:
    """The summary figures sent as a JSON object of names and whole numbers; the service checks
    the rest (how many, ≥ 0)."""
    if not raw.strip():
        return {}
    try:
        figures = json.loads(raw)
    except ValueError:
        raise ValidationError({"figures": "Số liệu tóm tắt phải là một đối tượng JSON hợp lệ."}) from None
    if not isinstance(figures, dict):
        raise ValidationError({"figures": "Số liệu tóm tắt phải là một đối tượng JSON: {“tên”: số}."})
    for label, value in figures.items():
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in label):
            raise ValidationError({"figures": "Tên số liệu chứa ký tự không được phép."})
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_FIGURE:
            raise ValidationError({"figures": f"“{label[:100]}” quá lớn."})
    return figures


@router.post(
    "/milestones/{milestone_id}/submissions",
    response={201: SubmissionOut, **error_responses(400, 403, 404)},
    tags=REPORTS,
    summary="Nộp (hoặc nộp lại) báo cáo sơ kết, tổng kết",
)
def submission_create(
    request,
    milestone_id: Id,
    organization_id: Form[Id],
    file: File[UploadedFile],
    figures: Form[str] = "",
    reason: Form[str] = "",
    confirmed: Form[bool] = False,
):
    """Gửi dạng multipart/form-data: `organization_id`, `file` (PDF, Word, Excel, ODT; kiểm tra theo
    nội dung tệp, tối đa 20 MB) và `figures` (tùy chọn, JSON: tối đa 5 số liệu nguyên không âm, ví dụ
    {"Số tập thể được khen thưởng": 3}). Nộp sau hạn thì báo cáo được đánh dấu muộn; chỉ nộp lại
    được khi báo cáo bị trả lại. Sau hạn cần `confirmed` = true và `reason` (lý do nộp muộn, lưu trong
    nhật ký); thiếu thì 400. Khi đơn vị bật bước lãnh đạo ký duyệt, báo cáo của cán bộ chờ lãnh đạo
    (`awaiting_signoff`); lãnh đạo ký duyệt qua `/submissions/{id}/signoff/{action}`."""
    milestone = selectors.milestone_get(request.user, milestone_id)
    organization = _organization(request.user, organization_id)
    with api_field_names(API_FIELD_NAMES):
        submission = participation.report_submit(
            actor=request.user, milestone=milestone, organization=organization, upload=file, figures=_figures(figures),
            reason=reason[:500], confirmed=confirmed,
        )
    return Status(201, submission)


@router.post(
    "/submissions/{submission_id}/review",
    response={200: SubmissionOut, **error_responses(400, 403, 404)},
    tags=REPORTS,
    summary="Tiếp nhận hoặc trả lại một báo cáo",
)
def submission_review(request, submission_id: Id, payload: SubmissionReviewIn):
    """Người quản lý kế hoạch tiếp nhận (`accept`: true) hoặc trả lại kèm lý do (`accept`: false)."""
    submission = ReportSubmission.objects.select_related("organization", "milestone").filter(pk=submission_id).first()
    movement = (
        selectors.movement_list(request.user).filter(pk=submission.milestone.movement_id).first()
        if submission is not None
        else None
    )
    if movement is None or not _details_visible(request.user, movement)(submission.organization):
        raise Http404("Không tìm thấy báo cáo.")
    require(selectors.can_manage(request.user, movement), MANAGE_DENIED)
    return participation.report_review(
        actor=request.user, submission=submission, accept=payload.accept, reason=payload.reason
    )


class SignoffIn(In):
    reason: text(500) = Field("", description="Lý do: bắt buộc khi trả lại cán bộ, và khi ký duyệt gửi báo cáo "
                                                   "sau hạn")
    confirmed: bool = Field(False, description="Xác nhận gửi báo cáo sau hạn (kèm lý do); thiếu khi đã quá hạn: 400")


SignoffAction = Literal["sign_off", "send_back", "recall"]


def _visible(request, item, organization, movement_id, missing: str):
    movement = selectors.movement_list(request.user).filter(pk=movement_id).first() if item is not None else None
    if movement is None or not _details_visible(request.user, movement)(organization):
        raise Http404(missing)


@router.post(
    "/registrations/{registration_id}/signoff/{action}",
    response={200: RegistrationOut, **error_responses(400, 403, 404)},
    tags=PARTICIPATION,
    summary="Lãnh đạo đơn vị ký duyệt và gửi, trả lại cán bộ (kèm lý do), hoặc cán bộ rút lại đăng ký thi đua",
)
def registration_signoff(request, registration_id: Id, action: SignoffAction, payload: SignoffIn):
    """Đăng ký của cán bộ chờ lãnh đạo đơn vị (`awaiting_signoff`) khi đơn vị bật bước ký duyệt.
    Cán bộ không ký duyệt được (403); trạng thái không cho phép, thiếu lý do: 400."""
    registration = Registration.objects.select_related("organization").filter(pk=registration_id).first()
    _visible(request, registration, registration and registration.organization,
             registration and registration.movement_id, "Không tìm thấy đăng ký.")
    return signoff_steps.registration_signoff(actor=request.user, registration=registration, action=action,
                                              reason=payload.reason)


@router.post(
    "/submissions/{submission_id}/signoff/{action}",
    response={200: SubmissionOut, **error_responses(400, 403, 404)},
    tags=REPORTS,
    summary="Lãnh đạo đơn vị ký duyệt và gửi, trả lại cán bộ (kèm lý do), hoặc cán bộ rút lại báo cáo",
)
def submission_signoff(request, submission_id: Id, action: SignoffAction, payload: SignoffIn):
    """Báo cáo của cán bộ chờ lãnh đạo đơn vị (`awaiting_signoff`). Ký duyệt sau hạn cần `confirmed`
    và lý do. Cán bộ không ký duyệt được (403); trạng thái không cho phép, thiếu lý do: 400."""
    submission = ReportSubmission.objects.select_related("organization", "milestone").filter(pk=submission_id).first()
    _visible(request, submission, submission and submission.organization,
             submission and submission.milestone.movement_id, "Không tìm thấy báo cáo.")
    return signoff_steps.report_signoff(actor=request.user, submission=submission, action=action,
                                        reason=payload.reason, confirmed=payload.confirmed)


# Plan files --------------------------------------------------------------------------------------


@router.get(
    "/movements/{movement_id}/export",
    response={200: dict, **error_responses(404)},
    tags=PLANS,
    summary="Xuất kế hoạch thi đua ra tệp",
)
def movement_export(request, movement_id: Id):
    """Kế hoạch ở định dạng tệp kế hoạch (tdkt-ke-hoach/1): gửi lại qua `POST /movements/import` thì
    được một kế hoạch như vậy (dự thảo hay đã ban hành như kế hoạch gốc)."""
    return plan_export(selectors.movement_get(request.user, movement_id))
