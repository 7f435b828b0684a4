"""The council meeting's tally in one request (issue 11, point 5): the same service as the page
(services/tally.py), one transaction, all or nothing."""

import datetime
import json

from django.core.exceptions import ValidationError
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field
from pydantic import ValidationError as PydanticError

from tdkt.core.api_errors import error_responses
from tdkt.core.api_types import Date, Id

from . import selectors
from .domain.ballot import Vote
from .domain.tally import Attendance
from .services.tally import ballot_tally

router = Router()
BALLOTS = ["Thẩm định, bỏ phiếu, công khai"]


class TallyVoteIn(Schema):
    member_id: Id
    nominee_id: Id
    vote: Vote


class TallySheetIn(Schema):
    present: list[Id] = Field(default_factory=list, description="Thành viên có mặt")
    written: list[Id] = Field(default_factory=list, description="Thành viên vắng mặt có phiếu bằng văn bản")
    votes: list[TallyVoteIn] = Field(
        default_factory=list,
        description="Các phiếu khác “đồng ý” (phiếu không nêu của người có mặt hoặc có phiếu bằng văn bản là đồng ý)",
    )


class BallotMeetingOut(Schema):
    id: int
    dossier_id: int
    held_on: datetime.date
    minutes_name: str
    present: list[int] = Field(..., description="Thành viên có mặt")
    votes_recorded: int = Field(..., description="Số phiếu được ghi mới (phiếu đã có được giữ nguyên)")


def _sheet(raw: str) -> tuple[dict, dict]:
    try:
        sheet = TallySheetIn.model_validate(json.loads(raw))
    except (ValueError, PydanticError):
        raise ValidationError({"tally": "Nội dung `tally` phải là JSON dạng {\"present\": [...], \"written\": [...], "
                                        "\"votes\": [{\"member_id\", \"nominee_id\", \"vote\"}]}."}) from None
    both = sorted(set(sheet.present) & set(sheet.written))
    if both:
        raise ValidationError({"tally": f"Thành viên có mã {', '.join(map(str, both))} vừa có mặt vừa có phiếu "
                                        "bằng văn bản; chỉ chọn một."})
    attendance = {m: Attendance.PRESENT.value for m in sheet.present}
    attendance.update({m: Attendance.WRITTEN.value for m in sheet.written})
    votes = {}
    for vote in sheet.votes:
        key = (vote.member_id, vote.nominee_id)
        if key in votes:
            raise ValidationError({"tally": f"Phiếu của thành viên {vote.member_id} cho người {vote.nominee_id} "
                                            "được nêu hai lần."})
        votes[key] = vote.vote.value
    return attendance, votes


@router.post(
    "/awards/dossiers/{dossier_id}/ballot-tally",
    response={201: BallotMeetingOut, **error_responses(400, 403, 404)},
    tags=BALLOTS,
    summary="Ghi kết quả kiểm phiếu của cuộc họp Hội đồng trong một lần",
    # `minutes` is required (the schema says so) but read as optional, so that a request without it
    # gets the service's message naming the biên bản rather than a bare "missing field".
    openapi_extra={"requestBody": {"content": {"multipart/form-data": {"schema": {
        "required": ["minutes"]}}}}},  # added to the list ninja writes (held_on, tally)
)
def ballot_tally_record(
    request, dossier_id: Id, held_on: Form[Date], tally: Form[str], minutes: File[UploadedFile] = None,
):
    """Chỉ cơ quan thường trực của cấp tiếp nhận (403 với người khác), khi Hội đồng đang bỏ phiếu.
    Gửi dạng multipart/form-data: `held_on` (ngày họp), `minutes` (tệp biên bản kiểm phiếu: PDF hoặc
    Word, kiểm tra theo nội dung, tối đa 20 MB) và `tally` (JSON): `present` — thành viên có mặt,
    `written` — thành viên vắng mặt có phiếu bằng văn bản, `votes` — các phiếu khác “đồng ý”
    (`no`, `abstain`; phiếu không nêu là `yes`). Phiếu thành viên đã tự bỏ được giữ nguyên (nêu phiếu
    khác cho ô đó là lỗi). Sai một dòng thì không ghi gì, trả 400 nêu từng dòng sai. Thiếu tệp biên bản
    kiểm phiếu, hoặc mọi thành viên đã có phiếu cho mọi người được đề nghị (không còn gì để ghi): 400."""
    dossier = selectors.dossier_get(request.user, dossier_id)
    attendance, votes = _sheet(tally)
    meeting = ballot_tally(actor=request.user, dossier=dossier, held_on=held_on, attendance=attendance,
                           votes=votes, minutes=minutes)
    return Status(201, {
        "id": meeting.pk, "dossier_id": dossier.pk, "held_on": meeting.held_on,
        "minutes_name": meeting.minutes_name, "present": sorted(meeting.present.values_list("pk", flat=True)),
        "votes_recorded": meeting.votes.count(),
    })
