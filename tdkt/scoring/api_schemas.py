"""The API's input and output shapes for scoring: criteria templates, rounds, standings, published
results, score sheets with their evidence, and reviews.

Inputs refuse unknown fields and bound every string and number to what the models store, so that
bad input is a 422 in Vietnamese; what the data means (a score above an item's maximum, a sheet
already submitted) is the services' to judge: 400. Scores are read as JSON numbers (or null) and
kept as Decimal from their text, so 12.3 stays 12.3; every figure is answered as a JSON number.
"""

import datetime
import math
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, Flag, Id, Year
from tdkt.core.numbers_api import vn_number_text
from tdkt.organizations.models import BlockRole
from tdkt.organizations.schemas import In, OrganizationRef, Paging

from .domain import MAX_WITHOUT_EVIDENCE, OVER_CLAIM, TemplateError, parse_template
from .domain.numbers import as_json_number
from .models import ReviewStatus, RoundStatus, SheetEntry, SheetStatus

RoundStatusValue = Literal[*RoundStatus.values]
SheetStatusValue = Literal[*SheetStatus.values]
ReviewStatusValue = Literal[*ReviewStatus.values]
BlockRoleValue = Literal[*BlockRole.values]
FlagKind = Literal[OVER_CLAIM, MAX_WITHOUT_EVIDENCE]

# What a DecimalField(max_digits=9, decimal_places=2) stores.
SCORE_LIMIT = Decimal("9999999.99")
MAX_ENTRIES = 1000  # entries in one request: more than the leaves of any real template


def num(value: Decimal | None) -> float | None:
    """A 2-decimal figure as a JSON number."""
    return None if value is None else as_json_number(value)


def _get(obj, name):
    """A field of a model instance or of a dict built by the API."""
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def _score(value):
    """A JSON number (or null) as a Decimal read from its text; not a boolean, a string, NaN or ±∞."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("float_type", "Input should be a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        value = Decimal(str(value))
    value = Decimal(value)
    if value > SCORE_LIMIT:
        raise PydanticCustomError("less_than_equal", "Input is too large", {"le": str(SCORE_LIMIT)})
    if value < -SCORE_LIMIT:
        raise PydanticCustomError("greater_than_equal", "Input is too small", {"ge": str(-SCORE_LIMIT)})
    return value


Score = Annotated[
    Decimal | None,
    PlainValidator(_score),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "null"}]}),
]

# Definitions -------------------------------------------------------------------------------------

MAX_DEPTH = 40  # nesting of a definition's JSON: seed 000 needs 7
CODE_MAX = SheetEntry._meta.get_field("item_code").max_length


def check_definition(definition) -> None:
    """What the database would refuse in a definition the services accept: control characters in
    its text, NaN or ±∞, figures beyond what a score field stores, item codes longer than an
    entry's code."""
    stack = [(definition, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError({"definition": "Bảng tiêu chí lồng nhau quá sâu."})
        if isinstance(value, str):
            bad = any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\t\n\r" for ch in value)
        else:
            bad = isinstance(value, float) and not math.isfinite(value)
        if bad:
            raise ValidationError({"definition": "Bảng tiêu chí chứa ký tự hoặc số không hợp lệ."})
        if isinstance(value, dict):
            stack.extend((part, depth + 1) for pair in value.items() for part in pair)
        elif isinstance(value, list):
            stack.extend((part, depth + 1) for part in value)
    try:
        parsed = parse_template({**definition, "code": "?"})
    except TemplateError:
        return  # the service says what is wrong
    for item in parsed.walk():
        if len(item.code) > CODE_MAX:
            raise ValidationError({"definition": f"Mã mục “{item.code[:50]}” dài quá {CODE_MAX} ký tự."})
        if any(v is not None and abs(v) > SCORE_LIMIT for v in (item.max, item.points_each)):
            raise ValidationError({"definition": f"Mục {item.code}: điểm quá lớn."})
    if any(abs(band.min) > SCORE_LIMIT for band in parsed.bands) or parsed.max_total > SCORE_LIMIT:
        raise ValidationError({"definition": "Điểm chuẩn hoặc mức xếp loại quá lớn."})


# Queries -----------------------------------------------------------------------------------------


class TemplateQuery(Paging):
    q: text(200) = Field("", description="Tìm theo tên hoặc mã mẫu tiêu chí")


class RoundQuery(Paging):
    year: Year | None = Field(None, description="Năm của khối thi đua")


# Templates ---------------------------------------------------------------------------------------


class CriteriaTemplateRef(Schema):
    id: int
    code: str
    name: str
    version: int


class TemplateOut(CriteriaTemplateRef):
    owner: OrganizationRef = Field(..., description="Đơn vị sở hữu mẫu tiêu chí")
    max_total: float = Field(..., description="Tổng điểm chuẩn")
    frozen: bool = Field(..., description="Đã được dùng để chấm điểm: không sửa được, chỉ tạo phiên bản mới")
    previous_id: int | None = Field(None, description="Phiên bản trước")
    change_note: str = Field(..., description="Lý do tạo phiên bản này")
    created_at: datetime.datetime

    @staticmethod
    def resolve_max_total(obj):
        return num(Decimal(_get(obj, "max_total")))

    @staticmethod
    def resolve_frozen(obj):
        return _get(obj, "frozen") if isinstance(obj, dict) else obj.is_frozen


class TemplateDetailOut(TemplateOut):
    definition: dict[str, Any] = Field(..., description="Cây tiêu chí: items, bands, tie_break")
    can_manage: bool = Field(..., description="Người gọi được sửa mẫu hoặc tạo phiên bản mới")


class TemplatePage(Schema):
    count: int
    limit: int
    offset: int
    items: list[TemplateOut]


Definition = Annotated[
    dict[str, Any],
    Field(description="Cây tiêu chí (như tệp JSON của lệnh `tdkt scoring compute`): items, bands, tie_break"),
]


class TemplateCreateIn(In):
    owner_id: Id = Field(..., description="Đơn vị sở hữu (cần quyền quản lý mẫu tiêu chí tại đơn vị này)")
    code: text(40, required=True)
    name: text(255, required=True)
    definition: Definition


class TemplateUpdateIn(In):
    """Only the fields sent change."""

    name: text(255, required=True) = None
    definition: Definition = None


class TemplateVersionIn(In):
    change_note: text(500) = Field(..., description="Lý do tạo phiên bản mới (bắt buộc)")
    name: text(255, required=True) | None = None
    definition: Definition | None = None


# Rounds ------------------------------------------------------------------------------------------


class ScoringBlockRef(Schema):
    id: int
    name: str
    year: int


class RoundOut(Schema):
    id: int
    block: ScoringBlockRef
    template: CriteriaTemplateRef
    self_deadline: datetime.date = Field(..., description="Hạn nộp phiếu tự chấm")
    review_deadline: datetime.date | None = Field(None, description="Hạn chấm thẩm định")
    flag_share: float = Field(..., description="Đánh dấu khi tự chấm cao hơn thẩm định quá tỷ lệ này của điểm chuẩn")
    status: RoundStatusValue

    @staticmethod
    def resolve_flag_share(obj):
        return float(_get(obj, "flag_share"))


class RoundPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RoundOut]


class RoundMemberOut(Schema):
    organization: OrganizationRef
    role: BlockRoleValue
    sheet_id: int | None = Field(None, description="Phiếu chấm (khi người gọi được xem)")
    sheet_status: SheetStatusValue | None = Field(None, description="Trạng thái phiếu; null: chưa lập phiếu")
    submitted_at: datetime.datetime | None = None
    was_late: bool = False


class ReviewerOut(Schema):
    organization: OrganizationRef
    kind: Literal["head", "deputy", "assigned"] = Field(..., description="Trưởng khối, phó khối hoặc được phân công")


class RoundDetailOut(RoundOut):
    members: list[RoundMemberOut]
    reviewers: list[ReviewerOut]
    current_result_version: int | None = Field(None, description="Phiên bản kết quả đang có hiệu lực")
    can_manage: bool = Field(..., description="Người gọi điều hành đợt chấm (trả phiếu, phân công, công bố)")
    may_see_standings: bool = Field(..., description="Người gọi được xem bảng xếp hạng chưa công bố")
    acting_members: list[int] = Field(..., description="Id các đơn vị người gọi được tự chấm thay mặt")
    acting_reviewers: list[int] = Field(..., description="Id các đơn vị người gọi được chấm thẩm định thay mặt")


class RoundCreateIn(In):
    block_id: Id
    template_id: Id
    self_deadline: Date
    review_deadline: Date | None = None
    flag_share: Annotated[Decimal, vn_number_text()] = Field(
        Decimal("0.20"), gt=0, le=1, max_digits=3, decimal_places=2
    )


class RoundUpdateIn(In):
    """Only the fields sent change."""

    template_id: Id = None
    self_deadline: Date = None
    review_deadline: Date | None = None
    flag_share: Annotated[Decimal, vn_number_text()] = Field(None, gt=0, le=1, max_digits=3, decimal_places=2)


class ReviewerAssignIn(In):
    organization_id: Id = Field(..., description="Một thành viên khác của khối (chấm chéo) hoặc đơn vị tổ chức khối")


class ReviewerAssignmentOut(Schema):
    id: int
    reviewer: OrganizationRef
    assigned_at: datetime.datetime


class SheetSendIn(In):
    reason: text(500) = Field("", description="Lý do: bắt buộc khi trả lại cán bộ, và khi nộp sau hạn tự chấm")
    confirmed: Flag = Field(False, description="Xác nhận nộp sau hạn tự chấm (kèm lý do); thiếu khi đã quá hạn: 400")


SheetSignoffAction = Literal["submit", "request_signoff", "sign_off", "send_back", "recall"]


class ScoringReasonIn(In):
    reason: text(500) = Field(
        "",
        description="Lý do: bắt buộc khi mở lại, khi công bố lại sau điều chỉnh, và khi công bố lúc còn đơn vị "
        "chưa nộp phiếu hoặc phiếu thẩm định chưa hoàn thành",
    )


# Standings and results ---------------------------------------------------------------------------


class ScoringSectionOut(Schema):
    code: str
    title: str
    max: float


class ScoringFlagOut(Schema):
    item: str = Field(..., description="Mã mục")
    kind: FlagKind
    message: str


class StandingLineOut(Schema):
    rank: int | None
    organization: OrganizationRef
    sheet_id: int
    self_total: float
    final_total: float = Field(..., description="Trung bình các lượt thẩm định đã hoàn thành (chưa có: tự chấm)")
    band: str | None = Field(None, description="Xếp loại")
    sections: dict[str, float] = Field(..., description="Điểm từng phần: {mã: điểm}")
    reviews: int = Field(..., description="Số lượt thẩm định đã hoàn thành")
    flags: list[ScoringFlagOut]


class StandingsOut(Schema):
    round_id: int
    status: RoundStatusValue
    max_total: float
    sections: list[ScoringSectionOut]
    lines: list[StandingLineOut] = Field(..., description="Các phiếu đã nộp, theo thứ hạng")
    not_submitted: list[OrganizationRef] = Field(..., description="Thành viên chưa nộp phiếu (chưa lập, nháp, trả lại)")


class ScoringResultOut(Schema):
    version: int
    is_current: bool
    reason: str = Field(..., description="Lý do điều chỉnh (từ phiên bản 2)")
    published_at: datetime.datetime


class ScoringResultDetailOut(ScoringResultOut):
    template_id: int
    data: dict[str, Any] = Field(..., description="Kết quả đã công bố, giữ nguyên: template, units, not_submitted")


# Sheets and reviews ------------------------------------------------------------------------------


class ScoreEntryOut(Schema):
    item_code: str
    value: float | None = Field(None, description="Điểm, hoặc số lần với mục tính theo số lần")
    comment: str


class SheetEvidenceOut(Schema):
    id: int
    item_code: str
    name: str
    size: int
    content_type: str
    uploaded_at: datetime.datetime
    url: str = Field(..., description="Địa chỉ tải tệp (trang web)")


class SheetOut(Schema):
    id: int
    round_id: int
    organization: OrganizationRef
    template: CriteriaTemplateRef
    status: SheetStatusValue
    submitted_at: datetime.datetime | None
    was_late: bool
    return_reason: str
    returned_at: datetime.datetime | None
    sent_back_reason: str = Field(
        "", description="Lý do lãnh đạo đơn vị trả lại cán bộ, khi phiếu đang ở lại với cán bộ (trống nếu không)")
    sent_back_at: datetime.datetime | None = Field(None, description="Lúc lãnh đạo đơn vị trả lại")
    can_edit: bool = Field(..., description="Người gọi sửa, nộp được phiếu này lúc này")
    entries: list[ScoreEntryOut]
    self_scores: dict[str, float] = Field(..., description="Điểm tự chấm tính được của mọi mục, kể cả nhóm")
    self_total: float
    max_total: float
    evidence: list[SheetEvidenceOut]
    actions: list[SheetSignoffAction] = Field(
        [], description="Các bước người gọi làm được lúc này (nộp, trình lãnh đạo, ký duyệt và gửi, trả lại cán bộ, "
        "rút lại)"
    )


class SheetStartIn(In):
    organization_id: Id = Field(..., description="Thành viên của khối mà người gọi được tự chấm thay mặt")


class ScoreEntryIn(In):
    item_code: text(40, required=True)
    value: Score = Field(None, description="Điểm, hoặc số lần (mục tính theo số lần, trừ điểm); null: để trống")
    comment: text(2000) = ""


class ScoreEntriesIn(In):
    entries: list[ScoreEntryIn] = Field(..., max_length=MAX_ENTRIES)


class ScoreReviewIn(In):
    entries: list[ScoreEntryIn] = Field(default_factory=list, max_length=MAX_ENTRIES)
    complete: Flag = Field(False, description="Hoàn thành: điểm thẩm định được tính vào điểm cuối cùng")


class ScoreReviewOut(Schema):
    id: int
    sheet_id: int
    reviewer: OrganizationRef
    status: ReviewStatusValue
    recusal_reason: str
    completed_at: datetime.datetime | None
    updated_at: datetime.datetime
    entries: list[ScoreEntryOut]
    scores: dict[str, float] = Field(..., description="Điểm thẩm định tính được của mọi mục")
    total: float
