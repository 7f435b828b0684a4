"""The API's input and output shapes for the records kept per person or per collective.

Inputs refuse unknown fields, bound every string and number to what the models store (and the
years to what the services accept), and declare every code as an enumeration, so that bad input
is a 422 in Vietnamese and the OpenAPI document lists the allowed values. The services still
decide what the data means (a year in the future, a title not meant for this subject, a title
given twice): those refusals are 400.
"""

import datetime
from typing import Literal

from ninja import Field, Schema

from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, year_from
from tdkt.organizations.schemas import In, OrganizationRef

from .domain.codes import (
    DISCIPLINE_FORMS,
    HONOURS,
    INITIATIVE_KINDS,
    INITIATIVE_SCOPES,
    RATINGS,
    REVIEW_REASONS,
    honour_label,
)
from .selectors import RECORD_MODELS, recording_authority

RECORDED_BY_DOC = (
    "Đơn vị đã ghi nhận: chỉ đơn vị này hoặc cơ quan cấp trên được kết thúc hoặc xóa; "
    "đơn vị của người được ghi chỉ được xem"
)

RatingValue = Literal[*RATINGS]
HonourCode = Literal[*HONOURS]
HonourKindValue = Literal["title", "form"]
InitiativeKindValue = Literal[*INITIATIVE_KINDS]
InitiativeScopeValue = Literal[*INITIATIVE_SCOPES]
DisciplineFormValue = Literal[*DISCIPLINE_FORMS]
ReviewReasonValue = Literal[*REVIEW_REASONS]
RecordKind = Literal[*RECORD_MODELS]
SubjectType = Literal["person", "organization"]

# What the services accept is 1945 .. next year; the schema's wider bound (up to 2100) keeps the
# number within what the database stores and leaves the "not a valid year" answer (400) to the
# services.
YEAR_MIN = 1945
RecordYear = year_from(YEAR_MIN)


def _year(description: str = "Năm"):
    return Field(..., description=description)


# Outputs -----------------------------------------------------------------------------------------


class RatingOut(Schema):
    id: int
    year: int
    rating: RatingValue
    rating_label: str = Field(..., description="Tên đầy đủ của mức xếp loại")
    note: str

    @staticmethod
    def resolve_rating_label(obj):
        return RATINGS.get(obj.rating, obj.rating)


class HonourOut(Schema):
    id: int
    code: HonourCode
    name: str = Field(..., description="Tên danh hiệu, hình thức khen thưởng")
    kind: HonourKindValue = Field(..., description="title: danh hiệu thi đua; form: hình thức khen thưởng")
    year: int = Field(..., description="Năm đạt danh hiệu, hoặc năm của quyết định khen thưởng")
    decision_number: str
    decision_date: datetime.date | None
    issuer: str
    note: str
    revoked: bool = Field(..., description="Đã bị hủy bỏ (Luật TĐKT 2022, Điều 93): không còn được tính")
    revoked_on: datetime.date | None
    revocation_reason: str

    @staticmethod
    def resolve_name(obj):
        return honour_label(obj.code)

    @staticmethod
    def resolve_kind(obj):
        return str(HONOURS[obj.code][1])

    @staticmethod
    def resolve_revoked(obj):
        return obj.revoked_on is not None


class InitiativeOut(Schema):
    id: int
    title: str
    kind: InitiativeKindValue
    scope: InitiativeScopeValue
    year: int = Field(..., description="Năm được công nhận, nghiệm thu")
    recognized_by: str
    note: str


class DisciplineOut(Schema):
    id: int
    form: DisciplineFormValue
    form_label: str
    start_date: datetime.date
    end_date: datetime.date | None = Field(..., description="Trống: chưa hết thời hạn")
    decision_number: str
    note: str
    recorded_by: OrganizationRef = Field(..., description=RECORDED_BY_DOC)

    @staticmethod
    def resolve_recorded_by(obj):
        return recording_authority(obj)

    @staticmethod
    def resolve_form_label(obj):
        return DISCIPLINE_FORMS.get(obj.form, obj.form)


class ReviewOut(Schema):
    id: int
    reason: ReviewReasonValue
    reason_label: str
    opened_on: datetime.date
    closed_on: datetime.date | None = Field(..., description="Trống: đang xem xét, chưa kết thúc")
    is_open: bool
    note: str
    recorded_by: OrganizationRef = Field(..., description=RECORDED_BY_DOC)

    @staticmethod
    def resolve_recorded_by(obj):
        return recording_authority(obj)

    @staticmethod
    def resolve_reason_label(obj):
        return REVIEW_REASONS.get(obj.reason, obj.reason)

    @staticmethod
    def resolve_is_open(obj):
        return obj.closed_on is None


class SubjectOut(Schema):
    type: SubjectType
    id: int
    name: str
    organization: OrganizationRef = Field(..., description="Đơn vị của cá nhân; với tập thể là chính nó")


class OrganizationRecordsOut(Schema):
    subject: SubjectOut
    can_manage: bool = Field(..., description="Người gọi được cập nhật hồ sơ này")
    ratings: list[RatingOut] = Field(..., description="Xếp loại hằng năm, mới nhất trước")
    honours: list[HonourOut] = Field(..., description="Danh hiệu, hình thức khen thưởng đã nhận (gồm cả đã hủy bỏ)")
    initiatives: list[InitiativeOut] = Field(..., description="Sáng kiến, đề tài")
    reviews: list[ReviewOut] = Field(..., description="Đang xem xét kỷ luật, điều tra, thanh tra, khiếu nại")


class PersonRecordsOut(OrganizationRecordsOut):
    discipline: list[DisciplineOut] = Field(..., description="Kỷ luật và thời hạn")


# Inputs ------------------------------------------------------------------------------------------


class RatingIn(In):
    year: RecordYear = _year()
    rating: RatingValue
    note: text(500) = ""


class HonourIn(In):
    code: HonourCode
    year: RecordYear = _year("Năm đạt danh hiệu, hoặc năm của quyết định khen thưởng")
    decision_number: text(60) = ""
    decision_date: Date | None = None
    issuer: text(200) = ""
    note: text(500) = ""


class InitiativeIn(In):
    title: text(500, required=True)
    kind: InitiativeKindValue = "sang_kien"
    scope: InitiativeScopeValue
    year: RecordYear = _year("Năm được công nhận, nghiệm thu")
    recognized_by: text(300) = ""
    note: text(500) = ""


class DisciplineIn(In):
    form: DisciplineFormValue
    start_date: Date
    end_date: Date | None = Field(None, description="Bỏ trống khi còn thời hạn")
    decision_number: text(60) = ""
    note: text(500) = ""


class ReviewIn(In):
    reason: ReviewReasonValue
    opened_on: Date
    note: text(500) = ""


class RevokeIn(In):
    revoked_on: Date
    reason: text(500, required=True)


class ReviewCloseIn(In):
    closed_on: Date
