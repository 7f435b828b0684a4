"""The API's input and output shapes for organisations, people and blocks.

Inputs refuse unknown fields, bound every string and number to what the models store, and
declare the choice fields as enumerations, so that bad input is a 422 in Vietnamese and the
OpenAPI document lists the allowed values. Outputs name an organisation the caller may not see
only where the pages also show its name (work history, block members); a parent or successor out
of the caller's scope is left out.
"""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict, model_validator

from tdkt.accounts.scope import scope_for
from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, Flag, Id, Year, json_integers_only, year_from

from . import selectors
from .models import (
    BlockKind,
    BlockRole,
    EducationLevel,
    OrganizationKind,
    OrganizationLevel,
    PersonCategory,
    Sex,
    TdktUnitKind,
)

Kind = Literal[*OrganizationKind.values]
Level = Literal[*OrganizationLevel.values]
Category = Literal[*PersonCategory.values]
SexValue = Literal[*Sex.values]
BlockKindValue = Literal[*BlockKind.values]
BlockRoleValue = Literal[*BlockRole.values]
# Biểu 0604 and 0605 (Thông tư 02/2023/TT-BNV); "": not a TĐKT unit, education not recorded.
UnitKind = Literal["", *TdktUnitKind.values]
Education = Literal["", *EducationLevel.values]

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_OFFSET = 1_000_000_000


class In(Schema):
    """A JSON body: unknown fields refused, ids and years JSON integers (not "12")."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _integers_not_text(cls, data):
        return json_integers_only(cls, data)


# Queries -----------------------------------------------------------------------------------------


class Paging(Schema):
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Bỏ qua bấy nhiêu dòng đầu")


class OrganizationQuery(Paging):
    q: text(200) = Field("", description="Tìm theo tên, tên viết tắt, mã (không phân biệt dấu)")
    kind: Kind | None = None
    include_closed: bool = Field(False, description="Gồm cả đơn vị đã giải thể, sáp nhập")
    parent_id: Id | None = Field(None, description="Chỉ các đơn vị trực thuộc trực tiếp đơn vị này")


class PersonQuery(Paging):
    q: text(200) = Field("", description="Tìm theo họ tên, mã cán bộ (không phân biệt dấu)")
    organization_id: Id | None = None
    include_subunits: bool = Field(True, description="Gồm cả người ở các đơn vị cấp dưới")
    category: Category | None = None
    sex: SexValue | None = None
    include_left: bool = Field(False, description="Gồm cả người đã nghỉ")


class BlockQuery(Paging):
    year: Year | None = None
    q: text(200) = ""


# Organisations -----------------------------------------------------------------------------------


class OrganizationRef(Schema):
    id: int
    name: str


def _visible(org, context) -> object | None:
    if org is None:
        return None
    return org if scope_for(context["request"].user, "organization.view").covers(org) else None


class OrganizationOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: Kind
    level: Level
    depth: int
    parent: OrganizationRef | None = Field(None, description="Đơn vị cấp trên, nếu người gọi được xem")
    active_from: datetime.date | None
    closed_on: datetime.date | None = Field(None, description="Ngày giải thể, sáp nhập; trống nếu còn hoạt động")
    successor: OrganizationRef | None = Field(None, description="Đơn vị kế thừa, nếu người gọi được xem")
    closing_note: str
    is_active: bool
    tdkt_unit_kind: UnitKind = Field(..., description="Loại tổ chức làm công tác TĐKT (Biểu 0604); trống: không phải")

    @staticmethod
    def resolve_closed_on(obj):
        return obj.active_to

    @staticmethod
    def resolve_parent(obj, context):
        return _visible(obj.parent, context)

    @staticmethod
    def resolve_successor(obj, context):
        return _visible(obj.successor, context)


class OrganizationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrganizationOut]


class OrganizationCreateIn(In):
    code: text(40, required=True)
    name: text(255, required=True)
    short_name: text(100) = ""
    kind: Kind
    level: Level
    parent_id: Id | None = Field(None, description="Bỏ trống chỉ khi quản trị hệ thống tạo đơn vị gốc")
    active_from: Date | None = None
    tdkt_unit_kind: UnitKind = ""


class OrganizationUpdateIn(In):
    """Only the fields sent change; a field left out keeps its value."""

    code: text(40, required=True) = None
    name: text(255, required=True) = None
    short_name: text(100) = None
    kind: Kind = None
    level: Level = None
    parent_id: Id = None
    active_from: Date | None = None
    tdkt_unit_kind: UnitKind = None


class OrganizationCloseIn(In):
    closed_on: Date
    successor_id: Id | None = Field(None, description="Đơn vị nhận các đơn vị trực thuộc và người đang công tác")
    note: text(500) = ""


# People ------------------------------------------------------------------------------------------


class PersonOut(Schema):
    id: int
    code: str
    full_name: str
    sex: SexValue
    date_of_birth: datetime.date | None
    ethnicity: str
    category: Category
    position: str
    is_manager: bool
    organization: OrganizationRef
    service_start: datetime.date | None
    left_on: datetime.date | None
    education_level: Education
    is_tdkt_officer: bool = Field(..., description="Công chức làm công tác thi đua, khen thưởng (Biểu 0605)")
    in_tdkt_work_since: datetime.date | None
    email: str
    phone: str
    is_active: bool


class AssignmentOut(Schema):
    id: int
    organization: OrganizationRef
    position: str
    start_date: datetime.date | None
    end_date: datetime.date | None


class PersonDetailOut(PersonOut):
    assignments: list[AssignmentOut] = Field(..., description="Quá trình công tác, mới nhất trước")

    @staticmethod
    def resolve_assignments(obj):
        return obj.assignments.select_related("organization")


class PersonPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[PersonOut]


class PersonFieldsIn(In):
    code: text(40) = ""
    date_of_birth: Date | None = None
    ethnicity: text(50) = ""
    position: text(200) = ""
    is_manager: Flag = False
    service_start: Date | None = None
    left_on: Date | None = None
    education_level: Education = ""
    is_tdkt_officer: Flag = False
    in_tdkt_work_since: Date | None = None
    email: text(254) = ""
    phone: text(30) = ""


class PersonCreateIn(PersonFieldsIn):
    organization_id: Id
    full_name: text(150, required=True)
    sex: SexValue
    category: Category
    start_date: Date | None = Field(None, description="Ngày bắt đầu công tác tại đơn vị")


class PersonUpdateIn(In):
    """Only the fields sent change; a field left out keeps its value."""

    code: text(40) = None
    full_name: text(150, required=True) = None
    sex: SexValue = None
    date_of_birth: Date | None = None
    ethnicity: text(50) = None
    category: Category = None
    position: text(200) = None
    is_manager: Flag = None
    service_start: Date | None = None
    left_on: Date | None = None
    education_level: Education = None
    is_tdkt_officer: Flag = None
    in_tdkt_work_since: Date | None = None
    email: text(254) = None
    phone: text(30) = None


class PersonMoveIn(In):
    organization_id: Id
    on_date: Date
    position: text(200) | None = Field(None, description="Chức vụ mới; bỏ trống để giữ chức vụ cũ")


# Blocks ------------------------------------------------------------------------------------------


class BlockOut(Schema):
    id: int
    name: str
    kind: BlockKindValue
    year: int
    basis: str
    organizer: OrganizationRef
    member_count: int

    @staticmethod
    def resolve_member_count(obj):
        count = getattr(obj, "member_count", None)
        return obj.memberships.count() if count is None else count


class BlockMemberOut(Schema):
    id: int = Field(..., description="Mã tư cách thành viên (dùng để xóa)")
    organization: OrganizationRef
    role: BlockRoleValue
    position: int


class BlockDetailOut(BlockOut):
    members: list[BlockMemberOut]

    @staticmethod
    def resolve_members(obj):
        return selectors.block_members(obj)


class BlockPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[BlockOut]


class BlockCreateIn(In):
    organizer_id: Id = Field(..., description="Đơn vị tổ chức khối (thường là UBND tỉnh)")
    name: text(255, required=True)
    kind: BlockKindValue = "khoi"
    year: year_from(2000)
    basis: text(300) = ""


class BlockMemberIn(In):
    organization_id: Id
    role: BlockRoleValue = "member"
