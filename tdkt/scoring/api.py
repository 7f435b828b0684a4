"""REST endpoints for scoring (mounted at /api/v1/): criteria templates, a block's round, its live
standings and its published results. Sheets, evidence and reviews are in api_sheets.py.

Scoped exactly as the pages: a template, round or sheet is found through the selectors, so one the
caller may not see is "not found" (404) whether it exists or not; an organisation, block or
template named in the body is looked up within what the caller sees (out of it: 404). An action
the caller may not take on what it sees is 403. Every write goes through a service, which checks
the permission and the state again and writes the audit event; what the services refuse is a 400
in Vietnamese. A published result is never changed: it has no PATCH, PUT or DELETE (405).
"""

from django.http import Http404
from ninja import Query, Router, Status

from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require
from tdkt.organizations.models import BlockRole

from . import access, selectors
from .api_schemas import (
    ReviewerAssignIn,
    ReviewerAssignmentOut,
    RoundCreateIn,
    RoundDetailOut,
    RoundPage,
    RoundQuery,
    RoundUpdateIn,
    ScoringReasonIn,
    ScoringResultDetailOut,
    ScoringResultOut,
    StandingsOut,
    TemplateCreateIn,
    TemplateDetailOut,
    TemplatePage,
    TemplateQuery,
    TemplateUpdateIn,
    TemplateVersionIn,
    check_definition,
    num,
)
from .api_sheets import router as sheets_router
from .services import rounds, templates
from .standings import round_standings

router = Router()
router.add_router("", sheets_router)

TEMPLATES, ROUNDS = ["Mẫu tiêu chí chấm điểm"], ["Đợt chấm điểm, xếp hạng, kết quả"]
STANDINGS_DENIED = "Chỉ đơn vị điều hành và đơn vị chấm thẩm định được xem bảng xếp hạng khi chưa công bố kết quả."

# The services name model fields; the API's clients send these names.
API_FIELD_NAMES = {
    "owner": "owner_id",
    "block": "block_id",
    "template": "template_id",
    "reviewer": "organization_id",
}


def _organization(user, pk: int):
    try:
        return org_selectors.organization_get(user, pk)
    except Http404:
        raise Http404(f"Không tìm thấy đơn vị có id {pk}.") from None


# Templates ---------------------------------------------------------------------------------------


def _template_detail(user, template) -> dict:
    return {
        **{f: getattr(template, f) for f in ("id", "code", "name", "version", "owner", "change_note", "created_at")},
        "max_total": num(template.max_total),
        "frozen": template.is_frozen,
        "previous_id": template.previous_id,
        "definition": template.definition,
        "can_manage": selectors.can_manage_template(user, template),
    }


@router.get(
    "/scoring/templates",
    response={200: TemplatePage, **error_responses()},
    tags=TEMPLATES,
    summary="Danh sách mẫu tiêu chí chấm điểm",
)
def template_list(request, filters: Query[TemplateQuery]):
    """Mẫu của các đơn vị trong phạm vi người gọi và của các đơn vị cấp trên (mẫu của tỉnh dùng cho
    các khối), mọi phiên bản."""
    return page_of(selectors.template_list(request.user, query=filters.q), filters)


@router.get(
    "/scoring/templates/{template_id}",
    response={200: TemplateDetailOut, **error_responses(404)},
    tags=TEMPLATES,
    summary="Xem một mẫu tiêu chí",
)
def template_detail(request, template_id: Id):
    return _template_detail(request.user, selectors.template_get(request.user, template_id))


@router.post(
    "/scoring/templates",
    response={201: TemplateDetailOut, **error_responses(400, 403, 404)},
    tags=TEMPLATES,
    summary="Tạo mẫu tiêu chí",
)
def template_create(request, payload: TemplateCreateIn):
    """`definition`: cây mục (code, title, max, rule: points | per_count | deduction với points_each,
    children), mức xếp loại `bands` (label, min) và `tie_break` (mã các phần xét khi bằng điểm)."""
    owner = _organization(request.user, payload.owner_id)
    check_definition(payload.definition)
    with api_field_names(API_FIELD_NAMES):
        template = templates.template_create(
            actor=request.user, owner=owner, code=payload.code, name=payload.name, definition=payload.definition
        )
    return Status(201, _template_detail(request.user, template))


@router.patch(
    "/scoring/templates/{template_id}",
    response={200: TemplateDetailOut, **error_responses(400, 403, 404)},
    tags=TEMPLATES,
    summary="Sửa mẫu tiêu chí chưa dùng",
)
def template_update(request, template_id: Id, payload: TemplateUpdateIn):
    """Mẫu đã được dùng để chấm điểm không sửa được (400): hãy tạo phiên bản mới."""
    template = selectors.template_get(request.user, template_id)
    fields = payload.dict(exclude_unset=True)
    if fields.get("definition") is not None:
        check_definition(fields["definition"])
    with api_field_names(API_FIELD_NAMES):
        template = templates.template_update(
            actor=request.user,
            template=template,
            name=fields.get("name") or template.name,
            definition=fields["definition"] if fields.get("definition") is not None else template.definition,
        )
    return _template_detail(request.user, template)


@router.post(
    "/scoring/templates/{template_id}/versions",
    response={201: TemplateDetailOut, **error_responses(400, 403, 404)},
    tags=TEMPLATES,
    summary="Tạo phiên bản mới của mẫu tiêu chí",
)
def template_new_version(request, template_id: Id, payload: TemplateVersionIn):
    """Phiên bản mới chép tên và cây tiêu chí của phiên bản này, trừ khi gửi `name`, `definition`;
    `change_note` (lý do) bắt buộc."""
    template = selectors.template_get(request.user, template_id)
    if payload.definition is not None:
        check_definition(payload.definition)
    with api_field_names(API_FIELD_NAMES):
        new = templates.template_new_version(
            actor=request.user,
            template=template,
            change_note=payload.change_note,
            name=payload.name,
            definition=payload.definition,
        )
    return Status(201, _template_detail(request.user, new))


# Rounds ------------------------------------------------------------------------------------------

REVIEWER_ORDER = {BlockRole.HEAD: 0, BlockRole.DEPUTY: 1}


def _round_detail(user, scoring_round) -> dict:
    memberships = list(scoring_round.block.memberships.select_related("organization").order_by("position", "pk"))
    roles = {m.organization_id: m.role for m in memberships}
    sheets = {s.organization_id: s for s in scoring_round.sheets.all()}
    visible = set(selectors.visible_sheets(user, scoring_round).values_list("pk", flat=True))
    members = []
    for membership in memberships:
        sheet = sheets.get(membership.organization_id)
        members.append(
            {
                "organization": membership.organization,
                "role": membership.role,
                "sheet_id": sheet.pk if sheet is not None and sheet.pk in visible else None,
                "sheet_status": sheet.status if sheet is not None else None,
                "submitted_at": sheet.submitted_at if sheet is not None else None,
                "was_late": sheet.was_late if sheet is not None else False,
            }
        )
    reviewers = sorted(
        access.reviewer_organizations(scoring_round),
        key=lambda o: (REVIEWER_ORDER.get(roles.get(o.pk), 2), o.name, o.pk),
    )
    current = selectors.current_result(scoring_round)
    return {
        "id": scoring_round.pk,
        "block": scoring_round.block,
        "template": scoring_round.template,
        "self_deadline": scoring_round.self_deadline,
        "review_deadline": scoring_round.review_deadline,
        "flag_share": float(scoring_round.flag_share),
        "status": scoring_round.status,
        "members": members,
        "reviewers": [
            {"organization": o, "kind": roles.get(o.pk) if roles.get(o.pk) in REVIEWER_ORDER else "assigned"}
            for o in reviewers
        ],
        "current_result_version": current.version if current is not None else None,
        "can_manage": access.can_manage(user, scoring_round),
        "may_see_standings": selectors.may_see_standings(user, scoring_round),
        "acting_members": [o.pk for o in access.acting_members(user, scoring_round)],
        "acting_reviewers": [o.pk for o in access.acting_reviewers(user, scoring_round)],
    }


@router.get(
    "/scoring/rounds",
    response={200: RoundPage, **error_responses()},
    tags=ROUNDS,
    summary="Danh sách đợt chấm điểm của các khối thi đua",
)
def round_list(request, filters: Query[RoundQuery]):
    """Đợt chấm điểm của các khối do đơn vị trong phạm vi người gọi tổ chức hoặc có thành viên trong
    phạm vi."""
    return page_of(selectors.round_list(request.user, year=filters.year), filters)


@router.get(
    "/scoring/rounds/{round_id}",
    response={200: RoundDetailOut, **error_responses(404)},
    tags=ROUNDS,
    summary="Xem một đợt chấm điểm",
)
def round_detail(request, round_id: Id):
    """Khối, mẫu tiêu chí, các hạn, thành viên và trạng thái phiếu của từng đơn vị, các đơn vị chấm
    thẩm định, và những gì người gọi được làm."""
    return _round_detail(request.user, selectors.round_get(request.user, round_id))


@router.post(
    "/scoring/rounds",
    response={201: RoundDetailOut, **error_responses(400, 403, 404)},
    tags=ROUNDS,
    summary="Mở đợt chấm điểm cho một khối thi đua",
)
def round_open(request, payload: RoundCreateIn):
    """Khối và mẫu tiêu chí ngoài phạm vi người gọi: 404. Mỗi khối (mỗi năm) có một đợt chấm điểm."""
    block = org_selectors.block_get(request.user, payload.block_id)
    template = selectors.template_get(request.user, payload.template_id)
    with api_field_names(API_FIELD_NAMES):
        scoring_round = rounds.round_open(
            actor=request.user,
            block=block,
            template=template,
            self_deadline=payload.self_deadline,
            review_deadline=payload.review_deadline,
            flag_share=payload.flag_share,
        )
    return Status(201, _round_detail(request.user, selectors.round_get(request.user, scoring_round.pk)))


@router.patch(
    "/scoring/rounds/{round_id}",
    response={200: RoundDetailOut, **error_responses(400, 403, 404)},
    tags=ROUNDS,
    summary="Sửa hạn, ngưỡng đánh dấu hoặc mẫu tiêu chí của đợt chấm điểm",
)
def round_change(request, round_id: Id, payload: RoundUpdateIn):
    """Chỉ các trường được gửi mới thay đổi. Đổi mẫu tiêu chí khi đã có phiếu chấm: 400."""
    scoring_round = selectors.round_get(request.user, round_id)
    require(access.can_manage(request.user, scoring_round), "Bạn không có quyền điều hành việc chấm điểm của khối này.")
    fields = payload.dict(exclude_unset=True)
    template = scoring_round.template
    if fields.get("template_id") is not None:
        template = selectors.template_get(request.user, fields["template_id"])
    with api_field_names(API_FIELD_NAMES):
        rounds.round_change(
            actor=request.user,
            scoring_round=scoring_round,
            template=template,
            self_deadline=fields.get("self_deadline") or scoring_round.self_deadline,
            review_deadline=fields.get("review_deadline", scoring_round.review_deadline),
            flag_share=fields.get("flag_share") or scoring_round.flag_share,
        )
    return _round_detail(request.user, selectors.round_get(request.user, round_id))


@router.post(
    "/scoring/rounds/{round_id}/reviewers",
    response={201: ReviewerAssignmentOut, **error_responses(400, 403, 404)},
    tags=ROUNDS,
    summary="Phân công thêm đơn vị chấm thẩm định",
)
def reviewer_assign(request, round_id: Id, payload: ReviewerAssignIn):
    """Một thành viên khác của khối (chấm chéo) hoặc đơn vị tổ chức khối; trưởng, phó khối đã chấm
    thẩm định sẵn (400)."""
    scoring_round = selectors.round_get(request.user, round_id)
    block = scoring_round.block
    reviewer = access.member_organizations(scoring_round).filter(pk=payload.organization_id).first()
    if reviewer is None:
        reviewer = block.organizer if block.organizer_id == payload.organization_id else None
    if reviewer is None:
        reviewer = _organization(request.user, payload.organization_id)
    with api_field_names(API_FIELD_NAMES):
        assignment = rounds.reviewer_assign(actor=request.user, scoring_round=scoring_round, reviewer=reviewer)
    return Status(201, assignment)


# Standings and results ---------------------------------------------------------------------------


@router.get(
    "/scoring/rounds/{round_id}/standings",
    response={200: StandingsOut, **error_responses(403, 404)},
    tags=ROUNDS,
    summary="Bảng xếp hạng hiện tại (chưa công bố)",
)
def round_standings_view(request, round_id: Id):
    """Tính từ các phiếu đã nộp và các lượt thẩm định đã hoàn thành. Chỉ đơn vị điều hành và đơn vị
    chấm thẩm định được xem (403); kết quả đã công bố xem tại /results."""
    scoring_round = selectors.round_get(request.user, round_id)
    require(selectors.may_see_standings(request.user, scoring_round), STANDINGS_DENIED)
    standings = round_standings(scoring_round)
    sections = standings.sections
    return {
        "round_id": scoring_round.pk,
        "status": scoring_round.status,
        "max_total": num(standings.template.max_total),
        "sections": [{"code": i.code, "title": i.title, "max": num(i.maximum)} for i in sections],
        "lines": [
            {
                "rank": line.rank,
                "organization": line.organization,
                "sheet_id": line.sheet.pk,
                "self_total": num(line.self_total),
                "final_total": num(line.final_total),
                "band": line.band,
                "sections": {i.code: num(line.figures[i.code]) for i in sections},
                "reviews": line.reviews,
                "flags": [{"item": f.item_code, "kind": f.kind, "message": f.message} for f in line.flags],
            }
            for line in standings.lines
        ],
        "not_submitted": standings.waiting,
    }


@router.post(
    "/scoring/rounds/{round_id}/publish",
    response={201: ScoringResultDetailOut, **error_responses(400, 403, 404)},
    tags=ROUNDS,
    summary="Công bố kết quả chấm điểm",
)
def result_publish(request, round_id: Id, payload: ScoringReasonIn):
    """Kết quả được lưu cố định thành một phiên bản; phiếu chấm và điểm thẩm định bị khóa. Công bố
    lại sau khi mở lại để điều chỉnh tạo phiên bản mới và cần `reason`.

    Khi còn đơn vị chưa nộp phiếu hoặc phiếu thẩm định chưa hoàn thành, `reason` là bắt buộc: thiếu
    thì trả 400, thông báo liệt kê những gì còn thiếu (như trang xác nhận). Lý do và những gì còn
    thiếu được ghi vào nhật ký."""
    scoring_round = selectors.round_get(request.user, round_id)
    with api_field_names(API_FIELD_NAMES):
        result = rounds.result_publish(actor=request.user, scoring_round=scoring_round, reason=payload.reason)
    return Status(201, result)


@router.post(
    "/scoring/rounds/{round_id}/reopen",
    response={200: RoundDetailOut, **error_responses(400, 403, 404)},
    tags=ROUNDS,
    summary="Mở lại đợt chấm điểm đã công bố để điều chỉnh",
)
def round_reopen(request, round_id: Id, payload: ScoringReasonIn):
    """`reason` bắt buộc. Kết quả đã công bố vẫn giữ nguyên cho đến khi công bố phiên bản mới."""
    scoring_round = selectors.round_get(request.user, round_id)
    with api_field_names(API_FIELD_NAMES):
        rounds.round_reopen(actor=request.user, scoring_round=scoring_round, reason=payload.reason)
    return _round_detail(request.user, selectors.round_get(request.user, round_id))


@router.get(
    "/scoring/rounds/{round_id}/results",
    response={200: list[ScoringResultOut], **error_responses(404)},
    tags=ROUNDS,
    summary="Các phiên bản kết quả đã công bố",
)
def result_list(request, round_id: Id):
    """Mới nhất trước; `is_current`: phiên bản đang có hiệu lực."""
    scoring_round = selectors.round_get(request.user, round_id)
    return scoring_round.results.order_by("-version")


@router.get(
    "/scoring/rounds/{round_id}/results/{version}",
    response={200: ScoringResultDetailOut, **error_responses(404)},
    tags=ROUNDS,
    summary="Xem một phiên bản kết quả đã công bố",
)
def result_detail(request, round_id: Id, version: int):
    """Dữ liệu đúng như lúc công bố. Kết quả đã công bố không sửa, không xóa được."""
    scoring_round = selectors.round_get(request.user, round_id)
    result = scoring_round.results.filter(version=version).first() if 0 < version < 2**15 else None
    if result is None:
        raise Http404("Không tìm thấy phiên bản kết quả này.")
    return result
