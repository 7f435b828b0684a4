"""REST endpoints for organisations, people and emulation blocks (mounted at /api/v1/).

Thin, like the pages: parse, read through a selector (which scopes to what the caller may see),
write through a service (which checks the permission and writes the audit event), answer with a
schema. An object out of the caller's scope is "not found" (404) whether it exists or not; a
referenced id in the body (parent_id, organization_id, ...) out of scope is "not found" too, as
a 400 on that field; an object the caller sees but may not change is a 403.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Query, Router, Status

from tdkt.accounts.scope import user_can
from tdkt.core.api_errors import Id, api_field_names, error_responses, page_of
from tdkt.core.paging import rows_from_nearer_end

from . import selectors, services
from .api_imports import router as imports_router
from .errors import require
from .schemas import (
    BlockCreateIn,
    BlockDetailOut,
    BlockMemberIn,
    BlockMemberOut,
    BlockPage,
    BlockQuery,
    OrganizationCloseIn,
    OrganizationCreateIn,
    OrganizationOut,
    OrganizationPage,
    OrganizationQuery,
    OrganizationUpdateIn,
    PersonCreateIn,
    PersonDetailOut,
    PersonMoveIn,
    PersonPage,
    PersonQuery,
    PersonUpdateIn,
)

router = Router()
router.add_router("", imports_router)  # the Excel import: api_imports.py

ORGS, PEOPLE, BLOCKS = ["Đơn vị"], ["Cán bộ"], ["Khối thi đua"]

# The services name model fields; the API's clients send these names.
API_FIELD_NAMES = {
    "parent": "parent_id",
    "successor": "successor_id",
    "organization": "organization_id",
    "organizer": "organizer_id",
}


def _referenced_organization(user, pk: int | None, field: str):
    """An organisation named in the body, found only within what the caller may see."""
    if pk is None:
        return None
    try:
        return selectors.organization_get(user, pk)
    except Http404:
        raise ValidationError({field: f"Không tìm thấy đơn vị có id {pk}."}) from None


# Organisations -----------------------------------------------------------------------------------


@router.get(
    "/organizations", response={200: OrganizationPage, **error_responses(404)}, tags=ORGS, summary="Danh sách đơn vị"
)
def organization_list(request, filters: Query[OrganizationQuery]):
    """Các đơn vị người gọi được xem, theo thứ tự cây. `parent_id` ngoài phạm vi trả về 404."""
    if filters.parent_id:
        selectors.organization_get(request.user, filters.parent_id)
    qs = selectors.organization_list(
        request.user,
        filters=selectors.OrganizationFilters(
            query=filters.q,
            kind=filters.kind or "",
            include_closed=filters.include_closed,
            parent_id=filters.parent_id,
        ),
    )
    return page_of(qs.select_related("successor"), filters)


@router.get(
    "/organizations/{organization_id}",
    response={200: OrganizationOut, **error_responses(404)},
    tags=ORGS,
    summary="Xem một đơn vị",
)
def organization_detail(request, organization_id: Id):
    return selectors.organization_get(request.user, organization_id)


@router.post(
    "/organizations", response={201: OrganizationOut, **error_responses(400, 403)}, tags=ORGS, summary="Tạo đơn vị"
)
def organization_create(request, payload: OrganizationCreateIn):
    """Tạo đơn vị dưới `parent_id` (cần quyền quản lý đơn vị tại đơn vị cấp trên)."""
    parent = _referenced_organization(request.user, payload.parent_id, "parent_id")
    with api_field_names(API_FIELD_NAMES):
        org = services.organization_create(actor=request.user, parent=parent, **payload.dict(exclude={"parent_id"}))
    return Status(201, org)


@router.patch(
    "/organizations/{organization_id}",
    response={200: OrganizationOut, **error_responses(400, 403, 404)},
    tags=ORGS,
    summary="Sửa đơn vị",
)
def organization_update(request, organization_id: Id, payload: OrganizationUpdateIn):
    """Chỉ các trường được gửi mới thay đổi. Đổi `parent_id` là chuyển đơn vị sang nhánh khác."""
    org = selectors.organization_get(request.user, organization_id)
    require(user_can(request.user, "organization.manage", org))
    fields = payload.dict(exclude_unset=True)
    if "parent_id" in fields:
        fields["parent"] = _referenced_organization(request.user, fields.pop("parent_id"), "parent_id")
    with api_field_names(API_FIELD_NAMES):
        return services.organization_update(actor=request.user, organization=org, **fields)


@router.post(
    "/organizations/{organization_id}/close",
    response={200: OrganizationOut, **error_responses(400, 403, 404)},
    tags=ORGS,
    summary="Giải thể, sáp nhập đơn vị",
)
def organization_close(request, organization_id: Id, payload: OrganizationCloseIn):
    """Đóng đơn vị từ `closed_on`; lịch sử được giữ lại.

    Có `successor_id` thì các đơn vị trực thuộc còn hoạt động và người đang công tác chuyển sang
    đơn vị kế thừa (mỗi lần chuyển được ghi lại); không có thì đơn vị phải không còn ai.
    """
    org = selectors.organization_get(request.user, organization_id)
    require(user_can(request.user, "organization.manage", org))
    successor = _referenced_organization(request.user, payload.successor_id, "successor_id")
    with api_field_names(API_FIELD_NAMES):
        return services.organization_close(
            actor=request.user, organization=org, closed_on=payload.closed_on, successor=successor, note=payload.note
        )


# People ------------------------------------------------------------------------------------------


@router.get("/people", response={200: PersonPage, **error_responses(404)}, tags=PEOPLE, summary="Danh sách cán bộ")
def person_list(request, filters: Query[PersonQuery]):
    """Những người người gọi được xem. `organization_id` ngoài phạm vi trả về 404."""
    if filters.organization_id:
        selectors.organization_get(request.user, filters.organization_id)
    qs = selectors.person_list(
        request.user,
        filters=selectors.PersonFilters(
            query=filters.q,
            organization_id=filters.organization_id,
            include_subunits=filters.include_subunits,
            category=filters.category or "",
            sex=filters.sex or "",
            include_left=filters.include_left,
        ),
    )
    # page_of's shape, with the rows read from the nearer end (the pages' person_list_order index).
    count = qs.count()
    items = rows_from_nearer_end(qs, filters.offset, filters.limit, count)
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, **error_responses(404)},
    tags=PEOPLE,
    summary="Xem một cán bộ và quá trình công tác",
)
def person_detail(request, person_id: Id):
    return selectors.person_get(request.user, person_id)


@router.post(
    "/people", response={201: PersonDetailOut, **error_responses(400, 403)}, tags=PEOPLE, summary="Thêm cán bộ"
)
def person_create(request, payload: PersonCreateIn):
    organization = _referenced_organization(request.user, payload.organization_id, "organization_id")
    with api_field_names(API_FIELD_NAMES):
        person = services.person_create(
            actor=request.user, organization=organization, **payload.dict(exclude={"organization_id"})
        )
    return Status(201, person)


@router.patch(
    "/people/{person_id}",
    response={200: PersonDetailOut, **error_responses(400, 403, 404)},
    tags=PEOPLE,
    summary="Sửa thông tin cán bộ",
)
def person_update(request, person_id: Id, payload: PersonUpdateIn):
    """Chỉ các trường được gửi mới thay đổi. Chuyển đơn vị dùng POST /people/{id}/move."""
    person = selectors.person_get(request.user, person_id)
    with api_field_names(API_FIELD_NAMES):
        return services.person_update(actor=request.user, person=person, **payload.dict(exclude_unset=True))


@router.post(
    "/people/{person_id}/move",
    response={200: PersonDetailOut, **error_responses(400, 403, 404)},
    tags=PEOPLE,
    summary="Điều động, luân chuyển cán bộ",
)
def person_move(request, person_id: Id, payload: PersonMoveIn):
    """Kết thúc nhiệm vụ hiện tại vào `on_date` và bắt đầu nhiệm vụ ở `organization_id`."""
    person = selectors.person_get(request.user, person_id)
    require(user_can(request.user, "person.manage", person.organization))
    organization = _referenced_organization(request.user, payload.organization_id, "organization_id")
    with api_field_names(API_FIELD_NAMES):
        return services.person_move(
            actor=request.user,
            person=person,
            organization=organization,
            on_date=payload.on_date,
            position=payload.position,
        )


# Blocks ------------------------------------------------------------------------------------------


@router.get(
    "/blocks", response={200: BlockPage, **error_responses()}, tags=BLOCKS, summary="Danh sách khối, cụm thi đua"
)
def block_list(request, filters: Query[BlockQuery]):
    """Các khối do một đơn vị trong phạm vi tổ chức, hoặc có thành viên trong phạm vi."""
    return page_of(selectors.block_list(request.user, year=filters.year, query=filters.q), filters)


@router.get(
    "/blocks/{block_id}",
    response={200: BlockDetailOut, **error_responses(404)},
    tags=BLOCKS,
    summary="Xem một khối và các thành viên",
)
def block_detail(request, block_id: Id):
    return selectors.block_get(request.user, block_id)


@router.post(
    "/blocks", response={201: BlockDetailOut, **error_responses(400, 403)}, tags=BLOCKS, summary="Tạo khối, cụm thi đua"
)
def block_create(request, payload: BlockCreateIn):
    organizer = _referenced_organization(request.user, payload.organizer_id, "organizer_id")
    with api_field_names(API_FIELD_NAMES):
        block = services.block_create(actor=request.user, organizer=organizer, **payload.dict(exclude={"organizer_id"}))
    return Status(201, block)


@router.post(
    "/blocks/{block_id}/members",
    response={200: BlockMemberOut, **error_responses(400, 403, 404)},
    tags=BLOCKS,
    summary="Thêm thành viên hoặc đổi vai trò trong khối",
)
def block_member_add(request, block_id: Id, payload: BlockMemberIn):
    """Thêm đơn vị vào khối; nếu đã là thành viên thì đổi vai trò. Trưởng khối mới thay trưởng khối cũ."""
    block = selectors.block_get(request.user, block_id)
    require(user_can(request.user, "block.manage", block.organizer))
    organization = _referenced_organization(request.user, payload.organization_id, "organization_id")
    with api_field_names(API_FIELD_NAMES):
        return services.block_member_add(actor=request.user, block=block, organization=organization, role=payload.role)


@router.delete(
    "/blocks/{block_id}/members/{membership_id}",
    response={204: None, **error_responses(403, 404)},
    tags=BLOCKS,
    summary="Bỏ một thành viên khỏi khối",
)
def block_member_remove(request, block_id: Id, membership_id: Id):
    block = selectors.block_get(request.user, block_id)
    membership = block.memberships.filter(pk=membership_id).first()
    if membership is None:
        raise Http404("Không tìm thấy thành viên này trong khối.")
    services.block_member_remove(actor=request.user, membership=membership)
    return Status(204, None)
