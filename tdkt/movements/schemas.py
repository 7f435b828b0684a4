"""The API's input and output shapes for movements: plans and what they contain, registrations,
the covenant and its signatures, report submissions.

Inputs refuse unknown fields, bound every string and number to what the models store, and declare
every code as an enumeration, so that bad input is a 422 in Vietnamese and the OpenAPI document
lists the allowed values. What the data means (a phase outside the plan's period, a participant
outside the plan's reach, a report after the deadline) is the services' to judge: 400.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Schema

from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, Flag, Id, Year, whole_number, year_from
from tdkt.core.numbers_api import vn_number_text
from tdkt.organizations.schemas import In, OrganizationRef, Paging
from tdkt.records.domain.codes import HONOURS, RATINGS, honour_label
from tdkt.signing.schemas import FileSignaturesOut, file_signatures_body

from . import selectors
from .models import (
    ContentItem,
    MilestoneKind,
    MovementKind,
    MovementStatus,
    RegistrationStatus,
    SubmissionStatus,
    TargetKind,
    TaskStatus,
)

MovementKindValue = Literal[*MovementKind.values]
MovementStatusValue = Literal[*MovementStatus.values]
MilestoneKindValue = Literal[*MilestoneKind.values]
TargetKindValue = Literal[*TargetKind.values]
TaskStatusValue = Literal[*TaskStatus.values]
RegistrationStatusValue = Literal[*RegistrationStatus.values]
SubmissionStatusValue = Literal[*SubmissionStatus.values]
HonourCode = Literal[*HONOURS]
RatingValue = Literal[*RATINGS]
SubjectValue = Literal["individual", "collective"]
ContentPartValue = Literal[ContentItem.PLAN, ContentItem.COVENANT]

LONG_TEXT = 20_000  # theme, purposes, contents: whole paragraphs of a plan
YEAR_MIN, YEAR_MAX = 1945, 2100


# Queries -----------------------------------------------------------------------------------------


class MovementQuery(Paging):
    year: Year | None = Field(None, description="Phong trào diễn ra (một phần) trong năm này")
    q: text(200) = Field("", description="Tìm theo tên kế hoạch")
    kind: MovementKindValue | None = None
    status: MovementStatusValue | None = None


# Outputs -----------------------------------------------------------------------------------------


class BlockRef(Schema):
    id: int
    name: str
    year: int


class PhaseOut(Schema):
    id: int
    position: int
    name: str
    start_date: datetime.date
    end_date: datetime.date
    celebrates: str = Field(..., description="Các ngày kỷ niệm, nội dung thi đua của đợt")


class MilestoneOut(Schema):
    id: int
    kind: MilestoneKindValue
    name: str
    report_deadline: datetime.date = Field(..., description="Hạn nộp báo cáo")
    data_from: datetime.date | None = Field(None, description="Số liệu báo cáo từ ngày")
    data_to: datetime.date | None = Field(None, description="Số liệu báo cáo đến ngày")
    meeting: str
    phase_id: int | None


class TargetOut(Schema):
    id: int
    position: int
    label: str
    kind: TargetKindValue
    subject: SubjectValue
    award_code: Literal["", *HONOURS] = Field(..., description="Danh hiệu, hình thức (chỉ tiêu theo khen thưởng)")
    min_rating: Literal["", *RATINGS] = Field(..., description="Mức xếp loại tối thiểu (chỉ tiêu theo xếp loại)")
    value: Decimal = Field(..., description="Tỷ lệ (%) hoặc số lượng")
    year: int


class TaskOut(Schema):
    id: int
    quarter: int = Field(..., description="Quý (1–4)")
    position: int
    content: str
    lead: str = Field(..., description="Đơn vị chủ trì")
    lead_organization: OrganizationRef | None
    executing: str = Field(..., description="Đơn vị thực hiện")
    due_date: datetime.date | None
    status: TaskStatusValue


class ContentItemOut(Schema):
    id: int
    part: ContentPartValue = Field(..., description="plan: nội dung thi đua; covenant: nội dung giao ước")
    position: int
    text: str


class ParticipantOut(Schema):
    id: int = Field(..., description="Mã tư cách tham gia")
    organization: OrganizationRef


class MovementOut(Schema):
    id: int
    title: str
    kind: MovementKindValue
    status: MovementStatusValue
    organization: OrganizationRef = Field(..., description="Đơn vị ban hành kế hoạch")
    block: BlockRef | None = Field(None, description="Khối, cụm thi đua (kế hoạch của khối)")
    document_number: str
    document_date: datetime.date | None
    place: str
    signer_title: str
    signer_name: str
    start_date: datetime.date
    end_date: datetime.date
    theme: str
    purposes: str
    for_collectives: bool
    for_individuals: bool
    award_codes: list[HonourCode] = Field(..., description="Danh hiệu, hình thức khen thưởng dự kiến")
    registration_deadline: datetime.date | None
    recipients: str
    participant_count: int
    can_manage: bool = Field(..., description="Người gọi được quản lý kế hoạch này")

    @staticmethod
    def resolve_award_codes(obj):
        return [code for code in obj.award_codes or [] if code in HONOURS]

    @staticmethod
    def resolve_participant_count(obj):
        count = getattr(obj, "participant_count", None)
        return obj.participants.count() if count is None else count

    @staticmethod
    def resolve_can_manage(obj, context):
        return selectors.can_manage(context["request"].user, obj)


class MovementDetailOut(MovementOut):
    phases: list[PhaseOut]
    milestones: list[MilestoneOut]
    targets: list[TargetOut]
    tasks: list[TaskOut] = Field(..., description="Chương trình công tác, theo quý")
    content_items: list[ContentItemOut] = Field(..., description="Nội dung thi đua và nội dung giao ước")
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_phases(obj):
        return obj.phases.all()

    @staticmethod
    def resolve_milestones(obj):
        return obj.milestones.all()

    @staticmethod
    def resolve_targets(obj):
        return obj.targets.all()

    @staticmethod
    def resolve_tasks(obj):
        return obj.tasks.select_related("lead_organization")

    @staticmethod
    def resolve_content_items(obj):
        return obj.content_items.all()

    @staticmethod
    def resolve_participants(obj):
        return obj.participants.select_related("organization").order_by("organization__path")


class MovementPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[MovementOut]


class RegistrationItemOut(Schema):
    award_code: HonourCode
    name: str
    target_text: str

    @staticmethod
    def resolve_name(obj):
        return honour_label(obj.award_code)


class RegistrationOut(Schema):
    id: int
    organization: OrganizationRef
    status: RegistrationStatusValue = Field(
        ..., description="registered: đúng hạn; late_pending: muộn, chờ duyệt; accepted_late, refused_late"
    )
    registered_at: datetime.datetime
    note: str = Field(..., description="Cam kết")
    decision_note: str = Field(..., description="Ý kiến của đơn vị quản lý về đăng ký muộn")
    sent_back_reason: str = Field(
        "", description="Lý do lãnh đạo đơn vị trả lại cán bộ, khi đăng ký đang ở lại với cán bộ (trống nếu không)")
    items: list[RegistrationItemOut]

    @staticmethod
    def resolve_items(obj):
        return obj.items.all()


class RegistrationListOut(Schema):
    registration_deadline: datetime.date | None
    deadline_passed: bool
    participant_count: int
    registered_count: int
    items: list[RegistrationOut] = Field(..., description="Đăng ký của các đơn vị người gọi được xem chi tiết")
    not_registered: list[OrganizationRef] = Field(
        ..., description="Đơn vị chưa đăng ký (chỉ trả về cho người quản lý kế hoạch)"
    )


class SignatureOut(Schema):
    id: int
    organization: OrganizationRef
    signer_name: str
    signer_title: str
    signed_at: datetime.datetime
    method: Literal["paper", "upload", "service"] = Field(
        ..., description="upload: đơn vị tải lên bản đã ký số; service: ký qua dịch vụ ký số; paper: ghi nhận chữ "
        "ký ngoài hệ thống (trước đây), không phải chữ ký số")
    digitally_signed: bool
    certificate: str = Field(..., description="Chủ chứng thư ký số")
    certificate_serial: str
    signatures: FileSignaturesOut | None = Field(None, description="Kết quả kiểm tra chữ ký số của tệp đã ký")

    @staticmethod
    def resolve_signatures(obj):
        return file_signatures_body(obj.signature_verdict)


class CovenantOut(Schema):
    items: list[ContentItemOut] = Field(..., description="Nội dung giao ước")
    participant_count: int
    signed_count: int
    signatures: list[SignatureOut]
    unsigned: list[OrganizationRef] = Field(..., description="Đơn vị chưa ký")


class SubmissionOut(Schema):
    id: int
    milestone_id: int
    organization: OrganizationRef
    status: SubmissionStatusValue
    original_name: str
    content_type: str
    size: int
    figures: dict[str, int] = Field(..., description="Số liệu tóm tắt")
    submitted_at: datetime.datetime
    was_late: bool
    return_reason: str
    sent_back_reason: str = Field(
        "", description="Lý do lãnh đạo đơn vị trả lại cán bộ (khác với đơn vị quản lý trả lại; trống nếu không)")
    reviewed_at: datetime.datetime | None


class SubmissionListOut(Schema):
    milestone: MilestoneOut
    items: list[SubmissionOut] = Field(..., description="Báo cáo của các đơn vị người gọi được xem chi tiết")
    not_submitted: list[OrganizationRef] = Field(
        ..., description="Đơn vị chưa nộp hoặc bị trả lại (trong số đơn vị người gọi được xem chi tiết)"
    )


# Inputs ------------------------------------------------------------------------------------------


class MovementFieldsIn(In):
    document_number: text(60) = ""
    document_date: Date | None = None
    place: text(100) = ""
    signer_title: text(200) = ""
    signer_name: text(150) = ""
    theme: text(LONG_TEXT) = ""
    purposes: text(LONG_TEXT) = ""
    for_collectives: Flag = True
    for_individuals: Flag = True
    award_codes: list[HonourCode] = Field(default_factory=list, max_length=len(HONOURS))
    registration_deadline: Date | None = None
    recipients: text(LONG_TEXT) = ""


class MovementCreateIn(MovementFieldsIn):
    organization_id: Id = Field(..., description="Đơn vị ban hành (cần quyền quản lý phong trào tại đơn vị này)")
    block_id: Id | None = Field(None, description="Khối thi đua: mọi thành viên của khối là đơn vị tham gia")
    title: text(500, required=True)
    kind: MovementKindValue = "regular"
    start_date: Date
    end_date: Date
    participant_ids: list[Id] | None = Field(
        None, max_length=2000, description="Đơn vị tham gia (kế hoạch không theo khối), đơn vị cấp dưới đơn vị ban hành"
    )


class MovementUpdateIn(In):
    """Only the fields sent change; a field left out keeps its value."""

    title: text(500, required=True) = None
    kind: MovementKindValue = None
    document_number: text(60) = None
    document_date: Date | None = None
    place: text(100) = None
    signer_title: text(200) = None
    signer_name: text(150) = None
    start_date: Date = None
    end_date: Date = None
    theme: text(LONG_TEXT) = None
    purposes: text(LONG_TEXT) = None
    for_collectives: Flag = None
    for_individuals: Flag = None
    award_codes: list[HonourCode] = Field(None, max_length=len(HONOURS))
    registration_deadline: Date | None = None
    recipients: text(LONG_TEXT) = None
    participant_ids: list[Id] = Field(None, max_length=2000, description="Chỉ sửa được khi kế hoạch còn là dự thảo")


class MovementStatusIn(In):
    status: Literal[MovementStatus.ISSUED, MovementStatus.CLOSED] = Field(
        ..., description="issued: ban hành một dự thảo; closed: kết thúc phong trào đã ban hành"
    )


class PhaseIn(In):
    name: text(200, required=True)
    start_date: Date
    end_date: Date
    celebrates: text(LONG_TEXT) = ""


class MilestoneIn(In):
    kind: MilestoneKindValue
    name: text(200, required=True)
    report_deadline: Date
    data_from: Date | None = None
    data_to: Date | None = None
    phase_id: Id | None = Field(None, description="Đợt thi đua của chính phong trào này")
    meeting: text(300) = ""


class TargetIn(In):
    label: text(300, required=True)
    kind: TargetKindValue
    subject: SubjectValue
    award_code: HonourCode | None = Field(None, description="Bắt buộc với award_share, award_count")
    min_rating: RatingValue | None = Field(None, description="Bắt buộc với rating_share")
    value: Annotated[Decimal, vn_number_text()] = Field(..., ge=0, le=Decimal("99999.99"), max_digits=7,
                                                      decimal_places=2)
    year: year_from(YEAR_MIN) = Field(..., description="Năm đo kết quả")


class TaskIn(In):
    quarter: whole_number(1, 4, "Quý (1–4)")
    content: text(LONG_TEXT, required=True)
    lead: text(200, required=True) = Field(..., description="Đơn vị chủ trì (như kế hoạch ghi)")
    lead_organization_id: Id | None = Field(None, description="Đơn vị chủ trì: đơn vị ban hành hoặc đơn vị tham gia")
    executing: text(200) = ""
    due_date: Date | None = None


class TaskStatusIn(In):
    status: TaskStatusValue


class ContentItemIn(In):
    part: ContentPartValue = ContentItem.PLAN
    text: text(LONG_TEXT, required=True)


class RegistrationItemIn(In):
    award_code: HonourCode
    target_text: text(300) = ""


class RegistrationIn(In):
    organization_id: Id = Field(..., description="Đơn vị đăng ký: đơn vị tham gia mà người gọi được thay mặt")
    items: list[RegistrationItemIn] = Field(..., min_length=1, max_length=len(HONOURS))
    note: text(2000) = Field("", description="Cam kết")


class RegistrationDecisionIn(In):
    accept: Flag
    note: text(500) = Field("", description="Bắt buộc khi không chấp nhận")


class SignatureIn(In):
    organization_id: Id
    signer_name: text(150, required=True)
    signer_title: text(200, required=True)


class SubmissionReviewIn(In):
    accept: Flag = Field(..., description="true: tiếp nhận; false: trả lại (kèm lý do)")
    reason: text(500) = ""
