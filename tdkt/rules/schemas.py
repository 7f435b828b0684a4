"""The API's shapes for eligibility: results in the shape of contracts/eligibility.md (award,
regime, verdict, conditions with code, passed, message, legal_ref), the candidates of an
organisation with the quotas, and proposal marks."""

import datetime
from typing import Literal

from ninja import Field, Schema

from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, Id
from tdkt.organizations.schemas import In, OrganizationRef, Paging
from tdkt.records.domain.codes import HONOURS
from tdkt.records.schemas import RecordYear

from .domain import Basis, Verdict

AwardCode = Literal[*HONOURS]
TargetValue = Literal["individual", "collective"]
BasisValue = Literal[*(b.value for b in Basis)]
VerdictValue = Literal[*(v.value for v in Verdict)]
VerdictFilter = Literal["eligible", "ineligible", "unsupported", "marked"]

YEAR_DOC = "Năm xét thành tích (năm có kết quả được xét)"
BASIS_DOC = (
    "Loại hình khen thưởng: regular: công trạng; movement: phong trào; sudden: đột xuất; cong_hien: quá trình "
    "cống hiến; nien_han: niên hạn; doi_ngoai: đối ngoại; khang_chien: kháng chiến"
)
ON_DATE_DOC = (
    "Ngày xét, quyết định chế độ pháp lý áp dụng; bỏ trống: hôm nay với năm nay và năm trước, "
    "ngày 31/12 của năm sau với các năm trước đó"
)


# Results -----------------------------------------------------------------------------------------


class ConditionOut(Schema):
    code: str = Field(..., description="Mã điều kiện (contracts/eligibility.md), ví dụ RATING, CHAIN, JUDGMENT")
    passed: bool | None = Field(..., description="true: đạt; false: chưa đạt; null: do Hội đồng đánh giá")
    message: str = Field(..., description="Diễn giải bằng tiếng Việt, nêu dữ liệu đã dùng")
    legal_ref: str = Field(..., description="Căn cứ pháp lý")


class EligibilityOut(Schema):
    award: AwardCode
    name: str = Field(..., description="Tên danh hiệu, hình thức khen thưởng")
    year: int
    on_date: datetime.date
    regime: Literal["2013", "2024", "2025"] = Field(..., description="Chế độ pháp lý theo ngày xét")
    verdict: VerdictValue = Field(..., description="eligible: đủ; ineligible: chưa đủ; unsupported: chưa có quy tắc")
    conditions: list[ConditionOut]


class EligibilityQuery(Schema):
    year: RecordYear = Field(..., description=YEAR_DOC)
    on_date: Date | None = Field(None, description=ON_DATE_DOC)
    award: AwardCode | None = Field(
        None, description="Chỉ xét một danh hiệu, hình thức; bỏ trống: mọi danh hiệu, hình thức có quy tắc"
    )


# Candidates --------------------------------------------------------------------------------------


class CandidateQuery(Paging):
    organization_id: Id = Field(..., description="Đơn vị xét (gồm các đơn vị trực thuộc)")
    year: RecordYear | None = Field(None, description=YEAR_DOC + "; bỏ trống: năm trước")
    award: AwardCode = "CSTDCS"
    target: TargetValue | None = Field(
        None, description="Cá nhân hay tập thể, với hình thức dành cho cả hai; bỏ trống: cá nhân"
    )
    basis: BasisValue = Field("regular", description=BASIS_DOC)
    on_date: Date | None = Field(None, description=ON_DATE_DOC)
    verdict: VerdictFilter | None = Field(None, description="Chỉ hiện người đủ, chưa đủ điều kiện hoặc đã đánh dấu")
    q: text(200) = Field("", description="Tìm theo tên (không phân biệt dấu)")


class QuotaOut(Schema):
    source: str = Field(..., description="Văn bản quy định tỷ lệ")
    percent: float = Field(..., description="Tỷ lệ tối đa (%)")
    base: str = Field(..., description="Cơ sở tính tỷ lệ")
    base_count: int
    cap: int = Field(..., description="Số được đề nghị tối đa")
    proposed: int = Field(..., description="Số đã đánh dấu đề nghị")
    excess: int = Field(..., description="Số vượt tỷ lệ")


class CandidateOut(Schema):
    subject_id: int = Field(..., description="Mã cán bộ (cá nhân) hoặc mã đơn vị (tập thể)")
    name: str
    organization_id: int
    organization: str
    verdict: VerdictValue
    conditions: list[ConditionOut]
    marked: bool = Field(..., description="Đã đánh dấu dự kiến đề nghị")
    mark_id: int | None = Field(None, description="Mã đánh dấu (dùng để bỏ đánh dấu)")


class CandidatePage(Schema):
    count: int = Field(..., description="Số dòng sau khi lọc")
    limit: int
    offset: int
    award: AwardCode
    award_name: str
    year: int
    target: TargetValue
    basis: BasisValue
    regime: Literal["2013", "2024", "2025"]
    on_date: datetime.date
    unsupported_reason: str | None = Field(
        None,
        description="Vì sao chưa có quy tắc cho hình thức trên loại hình này (điều luật để cấp có thẩm quyền xem xét)",
    )
    eligible_count: int = Field(..., description="Số đủ điều kiện (trước khi lọc)")
    marked_count: int = Field(..., description="Số đã đánh dấu đề nghị (trước khi lọc)")
    quotas: list[QuotaOut]
    items: list[CandidateOut]


class CandidatesComputing(Schema):
    """The verdicts of this many people are still being worked out in the background (a whole
    province: more than a request computes); ask again after Retry-After seconds."""

    status: Literal["computing"] = "computing"
    total: int = Field(..., description="Số người cần xét")
    done: int = Field(..., description="Số đã xét xong")


# Marks -------------------------------------------------------------------------------------------


class MarkIn(In):
    award: AwardCode
    year: RecordYear = Field(..., description=YEAR_DOC)
    person_id: Id | None = Field(None, description="Cá nhân được đề nghị (hoặc organization_id)")
    organization_id: Id | None = Field(None, description="Tập thể được đề nghị (hoặc person_id)")
    basis: BasisValue = "regular"
    justification: text(2000) = Field("", description="Bắt buộc khi chưa đủ điều kiện: lý do vẫn đề nghị")


class MarkOut(Schema):
    id: int
    award: AwardCode
    year: int
    target: TargetValue
    subject_id: int
    name: str
    proposing_organization: OrganizationRef = Field(..., description="Đơn vị đề nghị")
    eligible: bool = Field(..., description="Đủ điều kiện khi đánh dấu")
    verdict: VerdictValue
    conditions: list[ConditionOut]
    justification: str
    marked_at: datetime.datetime
