"""The API's input and output shapes for commendation: the catalogue, rounds, dossiers with their
nominees, attachments, workflow history and ballots, decisions and their awardees.

Every schema is named Award… or Dossier… so that none clashes with another app's in the OpenAPI
components. Inputs refuse unknown fields and bound every string to what the models store (a 422 in
Vietnamese); what the data means (an ineligible nominee without justification, a state that does
not allow an action) is the services' to judge: 400.
"""

import datetime
import uuid
from typing import Literal

from ninja import Field, Schema

from tdkt.core.api_errors import text
from tdkt.core.api_types import Date, Flag, Id, Year
from tdkt.organizations.schemas import In, OrganizationRef, Paging
from tdkt.rules.schemas import ConditionOut
from tdkt.signing.schemas import DecisionSignatureOut, FileSignaturesOut

from .domain.ballot import Vote
from .domain.law_catalogue import BY_CODE as LAW_BY_CODE
from .domain.workflow import Action, State
from .models import Appraisal, Level, RoundKind
from .sent_back import sent_back

StateValue = Literal[*[s.value for s in State]]
ActionValue = Literal[*[a.value for a in Action]]
VoteValue = Literal[*[v.value for v in Vote]]
AppraisalValue = Literal[*Appraisal.values]
AppraisalResult = Literal[*[v for v in Appraisal.values if v != Appraisal.PENDING]]
LevelValue = Literal[*Level.values]
RoundKindValue = Literal[*RoundKind.values]
FileKind = Literal["docx", "pdf", "certificates"]

AwardCode = text(30, required=True)
Comment = text(2000)


def _num(value) -> float:
    return float(value)


# Catalogue ---------------------------------------------------------------------------------------


class AwardFormQuery(Schema):
    all: bool = Field(False, description="Mọi phiên bản (mặc định: chỉ phiên bản đang có hiệu lực hôm nay)")
    on: Date | None = Field(None, description="Phiên bản có hiệu lực vào ngày này (mặc định: hôm nay)")


class AwardLawFormQuery(Schema):
    on: Date | None = Field(None, description="Phiên bản có hiệu lực vào ngày này (mặc định: hôm nay; "
                                              "mọi phiên bản khi bỏ trống và all=true)")
    all: bool = Field(False, description="Mọi phiên bản (trước và từ 01/07/2025)")


class AwardFormRef(Schema):
    id: int
    code: str
    name: str


class AwardComponentOut(Schema):
    code: str
    label: str
    required: bool = True
    signed: bool = Field(False, description="Phải là tệp PDF có chữ ký số hợp lệ (vd. tờ trình đã ký số)")


class AwardFormOut(AwardFormRef):
    certificate_title: str
    record_code: str = Field(..., description="Mã danh hiệu, hình thức khi ghi vào hồ sơ khen thưởng")
    for_individual: bool
    for_collective: bool
    for_household: bool
    level: LevelValue = Field(..., description="Cấp quyết định")
    issuer: OrganizationRef | None = Field(None, description="Cơ quan quyết định (trống: cấp trung ương)")
    decider_title: str
    deciders: list[str] = Field(..., description="Ai quyết định: người quyết định của tỉnh, rồi những người "
                                                 "khác mà luật cho quyết định vào thời gian của phiên bản này")
    needs_ballot: bool = Field(..., description="Cần Hội đồng bỏ phiếu")
    ballot_threshold: float = Field(..., description="Số phiếu đồng ý cần có (% trên tổng số thành viên)")
    needs_notice: bool = Field(..., description="Cần công khai danh sách")
    notice_working_days: int
    coefficient_individual: float
    coefficient_collective: float
    components: list[AwardComponentOut] = Field(..., description="Thành phần hồ sơ")
    copies: int = Field(..., description="Số bộ hồ sơ")
    effective_from: datetime.date
    effective_to: datetime.date | None
    legal_ref: str

    @staticmethod
    def resolve_ballot_threshold(obj):
        return _num(obj.ballot_threshold)

    @staticmethod
    def resolve_coefficient_individual(obj):
        return _num(obj.coefficient_individual)

    @staticmethod
    def resolve_coefficient_collective(obj):
        return _num(obj.coefficient_collective)

    @staticmethod
    def resolve_components(obj):
        return [c for c in obj.components if isinstance(c, dict) and "code" in c and "label" in c]

    @staticmethod
    def resolve_deciders(obj):
        # The province's decider first (its row may name one of the law's, e.g. its own director),
        # then whoever else the law lets decide it in that version's time.
        law = LAW_BY_CODE.get(obj.code)
        version = law.on(obj.effective_from) if law else None
        others = [d for d in (version.deciders if version else ()) if d.casefold() != obj.decider_title.casefold()]
        return [obj.decider_title, *others]


class AwardLawFormOut(Schema):
    """One title or form of the law, as a regime has it (the reference a province's catalogue is built from)."""

    code: str
    record_code: str
    name: str
    certificate_title: str
    targets: list[Literal["individual", "collective", "household"]]
    level: LevelValue
    deciders: list[str] = Field(..., description="Ai quyết định (người đầu tiên: theo quyết định của tỉnh)")
    decider_title: str
    needs_ballot: bool
    ballot_threshold: float
    needs_notice: bool
    notice_working_days: int
    coefficient_individual: float
    coefficient_collective: float
    components: list[AwardComponentOut]
    copies: int
    effective_from: datetime.date
    effective_to: datetime.date | None
    legal_ref: str


# Rounds ------------------------------------------------------------------------------------------


class AwardRoundQuery(Paging):
    year: Year | None = None


class AwardRoundRef(Schema):
    id: int
    title: str
    year: int


class AwardRoundOut(AwardRoundRef):
    authority: OrganizationRef = Field(..., description="Cơ quan tiếp nhận hồ sơ")
    kind: RoundKindValue
    movement_id: int | None = Field(None, description="Phong trào thi đua (đợt theo phong trào)")
    deadline: datetime.date | None = Field(None, description="Hạn nộp hồ sơ")
    is_open: bool


class AwardRoundDetailOut(AwardRoundOut):
    forms: list[AwardFormRef] = Field(..., description="Các hình thức được xét (trống: mọi hình thức)")

    @staticmethod
    def resolve_forms(obj):
        return list(obj.forms.all())


class AwardRoundPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AwardRoundOut]


# Dossiers ----------------------------------------------------------------------------------------


class DossierQuery(Paging):
    state: StateValue | None = None
    round_id: Id | None = None
    q: text(200) = Field("", description="Tìm theo tên hồ sơ hoặc tên đơn vị")


class DossierOut(Schema):
    id: int
    title: str
    state: StateValue
    round: AwardRoundRef
    organization: OrganizationRef = Field(..., description="Đơn vị đề nghị")
    proposal_number: str
    submitted_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    upstream_id: int | None = Field(None, description="Hồ sơ cấp dưới đã chuyển lên thành hồ sơ này")
    sent_back_reason: str = Field("", description="Lý do lãnh đạo đơn vị trả lại cán bộ, khi hồ sơ là bản nháp do "
                                                   "lãnh đạo trả lại (trống nếu không)")
    sent_back_at: datetime.datetime | None = Field(None, description="Lúc lãnh đạo đơn vị trả lại")

    @staticmethod
    def resolve_sent_back_reason(obj):
        return obj["sent_back_reason"] if isinstance(obj, dict) else sent_back(obj)[0]

    @staticmethod
    def resolve_sent_back_at(obj):
        return obj["sent_back_at"] if isinstance(obj, dict) else sent_back(obj)[1]


class DossierPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[DossierOut]


class DossierCreateIn(In):
    round_id: Id
    organization_id: Id = Field(..., description="Đơn vị đề nghị")
    title: text(300, required=True)


class DossierPersonRef(Schema):
    id: int
    full_name: str


class DossierEligibilityOut(Schema):
    verdict: str = ""
    regime: str = ""
    on_date: str = ""
    conditions: list[ConditionOut] = []


class DossierNomineeOut(Schema):
    id: int
    person: DossierPersonRef | None = None
    collective: OrganizationRef | None = None
    award: AwardFormRef = Field(..., description="Hình thức đề nghị")
    achievement: str
    eligible: bool | None = Field(None, description="Kết quả kiểm tra điều kiện; null: chưa có quy tắc")
    eligibility: DossierEligibilityOut
    justification: str = Field(..., description="Lý do vẫn đề nghị khi chưa đủ điều kiện")
    appraisal: AppraisalValue
    appraisal_note: str
    final_award: AwardFormRef | None = Field(None, description="Hình thức sau thẩm định (khi đổi)")
    forwarded_as_id: int | None = None

    @staticmethod
    def resolve_eligibility(obj):
        data = obj.eligibility if isinstance(obj.eligibility, dict) else {}
        return {
            "verdict": str(data.get("verdict", "")),
            "regime": str(data.get("regime", "")),
            "on_date": str(data.get("on_date", "")),
            "conditions": [c for c in data.get("conditions", []) if isinstance(c, dict)],
        }


class DossierNomineeIn(In):
    person_id: Id | None = Field(None, description="Cá nhân (hoặc collective_id)")
    collective_id: Id | None = Field(None, description="Tập thể (hoặc person_id)")
    award_code: AwardCode = Field(..., description="Mã hình thức trong danh mục (phiên bản đang có hiệu lực)")
    achievement: text(10000) = Field("", description="Tóm tắt thành tích")
    justification: text(10000) = Field("", description="Bắt buộc khi người được đề nghị chưa đủ điều kiện")


class DossierAttachmentOut(Schema):
    id: int
    component: str
    nominee_id: int | None
    name: str
    size: int
    content_type: str
    uploaded_at: datetime.datetime
    url: str = Field(..., description="Địa chỉ tải tệp (trang web)")
    signatures: FileSignaturesOut | None = Field(None, description="Kiểm tra chữ ký số khi tải lên (tệp PDF); "
                                                 "null: không phải PDF")


class DossierComponentOut(Schema):
    code: str
    label: str


class DossierTransitionOut(Schema):
    action: ActionValue
    from_state: str
    to_state: str
    actor: str | None = Field(None, description="Người thực hiện")
    at: datetime.datetime
    reason: str


class DossierActionOut(Schema):
    action: ActionValue
    label: str
    path: str = Field(..., description="Địa chỉ API thực hiện thao tác (POST)")


class DossierObjectionOut(Schema):
    id: int
    nominee_id: int | None
    text: str
    sender: str
    resolution: str
    recorded_at: datetime.datetime


class DossierLinkOut(Schema):
    id: int
    title: str
    state: StateValue
    round: AwardRoundRef


class DossierDecisionRef(Schema):
    id: int
    reference: str = Field(..., description="Số, ký hiệu: 12/QĐ-UBND")
    date: datetime.date
    revoked_on: datetime.date | None


class DossierDetailOut(DossierOut):
    notice_from: datetime.date | None
    notice_until: datetime.date | None
    can_edit: bool = Field(..., description="Người gọi được thêm, bớt người được đề nghị và tệp lúc này")
    signoff_required: bool = Field(False, description="Đơn vị đề nghị dùng bước lãnh đạo đơn vị ký duyệt trước khi gửi")
    nominees: list[DossierNomineeOut]
    attachments: list[DossierAttachmentOut]
    required_components: list[DossierComponentOut]
    missing_components: list[DossierComponentOut]
    transitions: list[DossierTransitionOut] = Field(..., description="Lịch sử xử lý")
    actions: list[DossierActionOut] = Field(..., description="Các thao tác người gọi làm được lúc này")
    objections: list[DossierObjectionOut]
    forwarded_dossiers: list[DossierLinkOut] = Field(..., description="Hồ sơ đã chuyển lên cấp trên")
    decisions: list[DossierDecisionRef]


class DossierActionIn(In):
    comment: Comment = Field("", description="Ý kiến, lý do (bắt buộc khi trả lại, trả lại cán bộ, kết thúc không "
                                                "khen thưởng, và khi gửi sau hạn)")
    confirmed: Flag = Field(False, description="Xác nhận gửi sau hạn nhận hồ sơ của đợt (kèm lý do trong `comment`); "
                                               "thiếu xác nhận hoặc lý do khi đã quá hạn: 400. Bắt buộc khi kết thúc "
                                               "công khai (`close_notice`)")


class DossierAppraisalIn(In):
    result: AppraisalResult = Field(..., description="Chấp thuận, không chấp thuận hoặc đổi hình thức")
    note: text(500) = Field("", description="Lý do (bắt buộc khi không chấp thuận hoặc đổi hình thức)")
    final_award_code: AwardCode | None = Field(None, description="Hình thức khác (khi đổi)")


class DossierAcceptEligibleOut(Schema):
    accepted: int = Field(..., description="Số người vừa được chấp thuận")
    pending: int = Field(..., description="Số người còn chờ thẩm định riêng (chưa đủ điều kiện hoặc chưa xác định)")


class DossierObjectionIn(In):
    text: text(5000, required=True)
    sender: text(200) = ""
    nominee_id: Id | None = None


class DossierObjectionResolveIn(In):
    # Blank is the service's to refuse (400 naming the field), like every other workflow check.
    resolution: text(5000) = Field(..., description="Kết quả xử lý ý kiến phản ánh (bắt buộc)")
    reject_nominee: Flag = Field(
        False, description="Ý kiến đúng: không chấp thuận người được đề nghị mà ý kiến nêu (lý do là kết quả xử lý)"
    )


class DossierForwardIn(In):
    round_id: Id = Field(..., description="Đợt khen thưởng của cấp trên")
    comment: Comment = ""


class DossierForwardOut(Schema):
    upstream: DossierLinkOut = Field(..., description="Hồ sơ mới ở cấp trên")
    dossier: DossierDetailOut = Field(..., description="Hồ sơ này sau khi chuyển")


# Ballots -----------------------------------------------------------------------------------------


class DossierVoteIn(In):
    member_id: Id = Field(..., description="Thành viên Hội đồng")
    vote: VoteValue
    in_writing: Flag = Field(False, description="Phiếu bằng văn bản của thành viên vắng mặt")


class DossierCouncilVoteOut(Schema):
    id: int
    member_id: int
    member: str
    vote: VoteValue
    in_writing: bool
    recorded_at: datetime.datetime

    @staticmethod
    def resolve_member(obj):
        return obj.member.full_name


class DossierCouncilMemberOut(Schema):
    id: int
    full_name: str
    position: str
    is_caller: bool = False


class DossierBallotOut(Schema):
    nominee_id: int
    name: str
    award: AwardFormRef
    members: int = Field(..., description="Tổng số thành viên Hội đồng")
    present: int = Field(..., description="Số thành viên có mặt bỏ phiếu")
    yes: int
    no: int
    abstain: int
    missing: int = Field(..., description="Số thành viên chưa bỏ phiếu")
    needed: int = Field(..., description="Số phiếu đồng ý cần có")
    quorum_met: bool
    passed: bool
    votes: list[DossierCouncilVoteOut]


class DossierVotesOut(Schema):
    dossier_id: int
    state: StateValue
    council: str | None = Field(None, description="Hội đồng xét hồ sơ")
    council_members: list[DossierCouncilMemberOut]
    ballots: list[DossierBallotOut]


# Decisions ---------------------------------------------------------------------------------------


class AwardDecisionQuery(Paging):
    year: Year | None = None
    q: text(100) = Field("", description="Số (312, 312/QĐ-SNV), trích yếu, cơ quan, hình thức, người được khen; "
                                         "không cần dấu")


class AwardDecisionIn(In):
    issuer_id: Id = Field(..., description="Cơ quan ban hành quyết định")
    date: Date
    symbol: text(40, required=True) = Field(..., description="Ký hiệu, ví dụ QĐ-UBND")
    subject: text(300, required=True) = Field(..., description="Trích yếu")
    signer_name: text(200, required=True)
    signer_title: text(200, required=True)
    legal_bases: text(4000, required=True) = Field(..., description="Các căn cứ")
    recipients: text(4000) = Field("", description="Nơi nhận, mỗi dòng một nơi (trống: Như Điều 3; Lưu: VT, TĐKT.)")
    reason: text(500) = Field(
        "",
        description="Lý do ban hành: bắt buộc khi có người được chấp thuận nhưng không đạt biểu quyết của Hội đồng "
        "(không có trong quyết định); thiếu thì 400 kèm danh sách những người đó",
    )


class AwardDecisionRevokeIn(In):
    reason: text(500, required=True)


class AwardDecisionOut(Schema):
    id: int
    reference: str = Field(..., description="Số, ký hiệu: 12/QĐ-UBND")
    number: int
    symbol: str
    year: int
    date: datetime.date
    subject: str
    issuer: OrganizationRef
    dossier_id: int
    signer_name: str
    signer_title: str
    published: bool
    revoked_on: datetime.date | None
    revocation_reason: str


class AwardeeOut(Schema):
    id: int
    name: str
    position: str
    organization_name: str
    is_collective: bool
    award: AwardFormRef
    golden_book_number: int = Field(..., description="Số sổ vàng")
    amount: int = Field(..., description="Tiền thưởng (đồng)")
    token: uuid.UUID = Field(..., description="Mã xác minh trên bằng (mã QR)")


class AwardDecisionFilesOut(Schema):
    docx: str | None
    pdf: str | None
    certificates: str


class AwardDecisionDetailOut(AwardDecisionOut):
    legal_bases: str
    recipients: str
    awardees: list[AwardeeOut]
    files: AwardDecisionFilesOut
    signature: DecisionSignatureOut = Field(..., description="Chữ ký số của tệp PDF (PAdES): đã ký thì tệp không "
                                            "bao giờ được tạo lại")


class AwardDecisionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AwardDecisionOut]
