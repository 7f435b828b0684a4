"""The council meeting's tally recorded by the standing office in one step (issue 11, point 5):
members present, each one's vote per nominee, the written votes of absent members and the biên bản
kiểm phiếu — one transaction and one audit event, all or nothing. The rules are in domain/tally.py;
members may still vote for themselves before or after (their own vote is kept, never overwritten)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.uploads import PDF, REPORT_KINDS, check_document

from ..access import acting_roles
from ..domain.ballot import Vote
from ..domain.tally import Seat, Tally, tally
from ..domain.workflow import State
from ..models import Appraisal, BallotMeeting, CouncilVote, Dossier
from .dossiers import MAX_ATTACHMENT_BYTES
from .workflow import _lock, council_of

MINUTES_KINDS = tuple(k for k in REPORT_KINDS if k is PDF or k.extension in (".docx", ".doc", ".odt"))


def ballot_nominees(dossier: Dossier) -> list:
    """The accepted nominees whose form needs the council's ballot, in the dossier's order."""
    nominees = dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED)).select_related(
        "award", "final_award", "person", "collective"
    ).order_by("pk")
    return [n for n in nominees if n.awarded_form.needs_ballot]


def ballot_members(council) -> list:
    return list(council.members.filter(active=True).select_related("user").order_by("pk")) if council else []


def recorded_votes(nominees, members) -> dict[tuple[int, int], CouncilVote]:
    return {
        (v.member_id, v.nominee_id): v
        for v in CouncilVote.objects.filter(nominee__in=[n.pk for n in nominees], member__in=[m.pk for m in members])
    }


def votes_left(nominees, members, recorded: dict) -> int:
    """How many (member, nominee) votes are still to be cast: none left, no meeting to record."""
    return sum(1 for m in members for n in nominees if (m.pk, n.pk) not in recorded)


def tally_open(dossier: Dossier) -> bool:
    """Whether a meeting's tally may be recorded: the council is voting and some vote is missing."""
    if dossier.state != State.VOTING:
        return False
    council = council_of(dossier)
    members, nominees = ballot_members(council), ballot_nominees(dossier)
    return votes_left(nominees, members, recorded_votes(nominees, members)) > 0


NOTHING_LEFT = "Mọi thành viên Hội đồng đã có phiếu cho mọi người được đề nghị: không còn phiếu nào để ghi."
MINUTES_MISSING = "Hãy chọn tệp biên bản kiểm phiếu (PDF hoặc Word): biên bản là căn cứ của kết quả kiểm phiếu."


def require_tally_office(actor, dossier: Dossier) -> None:
    """Only the standing office of the receiving organisation (or an administrator) records a meeting."""
    if not acting_roles(actor, dossier) & {"admin", "standing_office"}:
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp tiếp nhận được ghi kết quả kiểm phiếu của Hội đồng.")


@transaction.atomic
def ballot_tally(
    *, actor, dossier: Dossier, held_on: datetime.date, attendance: dict, votes: dict, minutes
) -> BallotMeeting:
    """``attendance``: member id → "present" / "written" / "absent"; ``votes``: (member id, nominee
    id) → "yes" / "no" / "abstain" (a present or written member's missing vote is "yes"). Every
    fault is reported at once, naming its row; nothing is written unless the whole sheet is right."""
    dossier = _lock(dossier)
    require_tally_office(actor, dossier)
    if dossier.state != State.VOTING:
        raise ValidationError({"dossier": "Hội đồng không đang bỏ phiếu hồ sơ này."})
    council = council_of(dossier)
    if council is None:
        raise ValidationError({"dossier": "Cấp này chưa có Hội đồng Thi đua - Khen thưởng."})
    errors: dict[str, list[str]] = {}
    if not isinstance(held_on, datetime.date):
        errors["held_on"] = ["Hãy nhập ngày họp (dd/mm/yyyy)."]
    elif held_on > timezone.localdate():
        errors["held_on"] = [f"Ngày họp {held_on:%d/%m/%Y} chưa tới."]
    try:
        kind = check_document(minutes, kinds=MINUTES_KINDS, max_bytes=MAX_ATTACHMENT_BYTES, field="minutes",
                              missing=MINUTES_MISSING)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        kind = None
    members = ballot_members(council)
    nominees = ballot_nominees(dossier)
    if not nominees:
        errors.setdefault("votes", []).append("Không có người được đề nghị nào cần Hội đồng bỏ phiếu.")
    recorded = recorded_votes(nominees, members)
    if nominees and not votes_left(nominees, members, recorded):
        # Every vote is in: a "meeting" now would record nothing but a file; say so, nothing else.
        raise ValidationError({"votes": NOTHING_LEFT})
    result: Tally = tally(
        members=[Seat(m.pk, m.full_name) for m in members],
        nominees=[Seat(n.pk, str(n.subject)) for n in nominees],
        attendance=attendance,
        votes=votes,
        recorded={key: v.vote for key, v in recorded.items()},
    )
    if result.errors:
        errors.setdefault("votes", []).extend(result.errors)
    if not result.ballots and not errors:
        errors["votes"] = ["Mọi thành viên đã có phiếu hoặc vắng mặt: không có phiếu nào mới để ghi."]
    if errors:
        raise ValidationError(errors)
    meeting = BallotMeeting(dossier=dossier, held_on=held_on, minutes_name=minutes.name[-255:],
                            minutes_content_type=kind.content_type, recorded_by=actor)
    minutes.seek(0)
    meeting.minutes.save(f"bien-ban-kiem-phieu{kind.extension}", minutes, save=False)
    meeting.save()
    meeting.present.set(result.present)
    CouncilVote.objects.bulk_create(
        CouncilVote(nominee_id=b.nominee, member_id=b.member, vote=b.vote.value, in_writing=b.in_writing,
                    recorded_by=actor, meeting=meeting)
        for b in result.ballots
    )
    names = {m.pk: m.full_name for m in members}
    subjects = {n.pk: str(n.subject) for n in nominees}
    audit_record(
        event_type=AuditEventType.COUNCIL_VOTE_RECORDED, actor=actor, target=dossier,
        organization=dossier.organization,
        after={
            "meeting": meeting.pk, "held_on": held_on.isoformat(), "minutes": meeting.minutes_name,
            "present": [names[i] for i in result.present],
            "written": sorted({names[b.member] for b in result.ballots if b.in_writing}),
            "votes": len(result.ballots), "kept": result.kept,
            "not_yes": [f"{names[b.member]} → {subjects[b.nominee]}: {b.vote.value}"
                        for b in result.ballots if b.vote is not Vote.YES],
        },
    )
    return meeting
