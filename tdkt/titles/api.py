"""REST endpoints of the year-end vote on titles (mounted at /api/v1/): the votes the caller sees, one
vote with its candidates, opening one from the records, the council's tally, the head's decision,
its revocation and the decision's DOCX. Scoped as the pages are (selectors); the services check the
role and the state (403, 400 with errors by field, in Vietnamese)."""

import datetime

from django.http import FileResponse, Http404
from ninja import Field, Router, Schema, Status

from tdkt.core.api_errors import Id, error_responses, text
from tdkt.core.api_types import Date, Flag, Year, whole_number
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.schemas import In, OrganizationRef

from . import services
from .selectors import vote_get, votes_for

router = Router()
TAGS = ["Bình xét danh hiệu cuối năm"]


class YearEndCandidateOut(Schema):
    id: int
    award: str = Field(..., description="LDTT, CSTDCS, TTLDTT hoặc TTLDXS")
    person_id: int | None
    collective_id: int | None
    name: str
    organization_name: str
    verdict: str = Field(..., description="Kết quả kiểm tra khi lập danh sách: eligible, needs_review, ineligible")
    reasons: str
    included: bool = Field(..., description="Được đưa ra bỏ phiếu")
    yes_votes: int | None
    passed: bool = Field(..., description="Đạt số phiếu cần thiết")
    amount: int = Field(..., description="Tiền thưởng (đồng)")
    honour_record_id: int | None = Field(None, description="Bản ghi danh hiệu trong hồ sơ sau khi quyết định")


class YearEndVoteOut(Schema):
    id: int
    organization: OrganizationRef
    year: int
    state: str = Field(..., description="draft, voted, decided, revoked")
    on_date: datetime.date
    meeting_date: datetime.date | None
    members: int | None
    present: int | None
    decision_number: str
    decision_date: datetime.date | None
    signer_name: str
    signer_title: str
    revoked_on: datetime.date | None
    revocation_reason: str


class YearEndVoteDetailOut(YearEndVoteOut):
    candidates: list[YearEndCandidateOut]

    @staticmethod
    def resolve_candidates(obj):
        return list(obj.candidates.all())


class YearEndOpenIn(In):
    organization_id: Id
    year: Year


class YearEndTallyItem(In):
    candidate_id: Id
    included: Flag = True
    yes_votes: whole_number(0, 99, "Số phiếu đồng ý") | None = None


class YearEndTallyIn(In):
    meeting_date: Date
    members: whole_number(1, 99, "Số thành viên Hội đồng")
    present: whole_number(1, 99, "Số thành viên có mặt")
    tallies: list[YearEndTallyItem] = Field(..., max_length=20000)


class YearEndDecideIn(In):
    number: text(60, required=True)
    date: Date
    signer_name: text(200, required=True)
    signer_title: text(200, required=True)


class YearEndRevokeIn(In):
    reason: text(500, required=True)


def _detail(vote):
    return vote


@router.get("/titles/votes", response={200: list[YearEndVoteOut], **error_responses()}, tags=TAGS,
            summary="Danh sách bình xét danh hiệu cuối năm")
def vote_list(request, year: Year | None = None):
    qs = votes_for(request.user).order_by("-year", "organization__name")
    return list(qs.filter(year=year) if year else qs[:500])


@router.post("/titles/votes", response={201: YearEndVoteDetailOut, **error_responses(400, 403, 404)}, tags=TAGS,
             summary="Lập danh sách bình xét từ hồ sơ")
def vote_open(request, payload: YearEndOpenIn):
    """Người được tặng LĐTT, CSTĐCS theo hồ sơ (đủ điều kiện hoặc cần xem xét) và các tập thể của đơn vị."""
    organization = org_selectors.organization_get(request.user, payload.organization_id)
    vote = services.yearend_open(actor=request.user, organization=organization, year=payload.year)
    return Status(201, _detail(vote))


@router.get("/titles/votes/{vote_id}", response={200: YearEndVoteDetailOut, **error_responses(404)}, tags=TAGS,
            summary="Xem danh sách bình xét")
def vote_detail(request, vote_id: Id):
    return _detail(vote_get(request.user, vote_id))


@router.post("/titles/votes/{vote_id}/tally", response={200: YearEndVoteDetailOut, **error_responses(400, 403, 404)},
             tags=TAGS, summary="Ghi kết quả bỏ phiếu của Hội đồng")
def vote_tally(request, vote_id: Id, payload: YearEndTallyIn):
    """Mỗi người, tập thể trong danh sách một dòng: `included=false` nếu không đưa ra bỏ phiếu, nếu có thì số
    phiếu đồng ý trên tổng số thành viên; thiếu dòng nào thì dòng đó coi như không đưa ra bỏ phiếu."""
    vote = vote_get(request.user, vote_id)
    known = set(vote.candidates.values_list("pk", flat=True))
    given = {item.candidate_id: item for item in payload.tallies}
    excluded = {pk for pk in known if pk not in given or not given[pk].included}
    excluded |= {pk for pk, item in given.items() if not item.included}
    tallies = {pk: item.yes_votes for pk, item in given.items() if item.included}
    vote = services.yearend_tally(actor=request.user, vote=vote, meeting_date=payload.meeting_date,
                                  members=payload.members, present=payload.present, tallies=tallies,
                                  excluded=excluded)
    return _detail(vote)


@router.post("/titles/votes/{vote_id}/decide", response={200: YearEndVoteDetailOut, **error_responses(400, 403, 404)},
             tags=TAGS, summary="Thủ trưởng đơn vị ban hành quyết định công nhận danh hiệu")
def vote_decide(request, vote_id: Id, payload: YearEndDecideIn):
    vote = services.yearend_decide(actor=request.user, vote=vote_get(request.user, vote_id), **payload.dict())
    return _detail(vote)


@router.post("/titles/votes/{vote_id}/revoke", response={200: YearEndVoteDetailOut, **error_responses(400, 403, 404)},
             tags=TAGS, summary="Hủy quyết định công nhận danh hiệu")
def vote_revoke(request, vote_id: Id, payload: YearEndRevokeIn):
    vote = services.yearend_revoke(actor=request.user, vote=vote_get(request.user, vote_id), reason=payload.reason)
    return _detail(vote)


@router.get("/titles/votes/{vote_id}/files/docx", response={200: None, **error_responses(404)}, tags=TAGS,
            summary="Tệp DOCX của quyết định")
def vote_docx(request, vote_id: Id):
    vote = vote_get(request.user, vote_id)
    if not vote.docx:
        raise Http404("Chưa có quyết định.")
    return FileResponse(vote.docx.open("rb"), as_attachment=True, filename=f"quyet-dinh-danh-hieu-{vote.year}.docx",
                        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")


