"""A council meeting's tally entered in one step (issue 11, point 5): who was present, each present
member's vote per nominee ("đồng ý" unless marked otherwise), the written votes of absent members.
Pure: the service gives it the council's members, the nominees and the votes already recorded, and
gets back the ballots to write, or every fault at once, each naming its row — nothing is written
unless the whole sheet is right.

A member who already voted (for themself, or at an earlier meeting) keeps that vote: the tally
never overwrites it, and a different vote given for it in the sheet is a fault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from .ballot import Vote


class Attendance(StrEnum):
    PRESENT = "present"  # votes at the meeting
    WRITTEN = "written"  # absent, sent a written vote
    ABSENT = "absent"  # absent, no vote


VOTE_WORDS = {Vote.YES: "đồng ý", Vote.NO: "không đồng ý", Vote.ABSTAIN: "không biểu quyết"}


@dataclass(frozen=True, slots=True)
class Seat:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class NewBallot:
    member: int
    nominee: int
    vote: Vote
    in_writing: bool


@dataclass
class Tally:
    ballots: list[NewBallot] = field(default_factory=list)
    present: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    kept: int = 0  # votes already recorded, left as they were


def tally(
    *,
    members: list[Seat],
    nominees: list[Seat],
    attendance: Mapping[int, str],
    votes: Mapping[tuple[int, int], str],
    recorded: Mapping[tuple[int, int], str],
) -> Tally:
    """``attendance``: member id → Attendance (members left out are absent); ``votes``: (member id,
    nominee id) → vote for the exceptions or the whole grid (missing = "yes" for a member present or
    voting in writing); ``recorded``: (member id, nominee id) → the vote already recorded."""
    result = Tally()
    known_members = {m.id: m for m in members}
    known_nominees = {n.id: n for n in nominees}
    for member_id in attendance:
        if member_id not in known_members:
            result.errors.append(f"Thành viên có mã {member_id} không thuộc Hội đồng xét hồ sơ này.")
    for member_id, nominee_id in votes:
        if member_id not in known_members:
            result.errors.append(f"Phiếu của thành viên có mã {member_id}: không thuộc Hội đồng xét hồ sơ này.")
        elif nominee_id not in known_nominees:
            result.errors.append(
                f"Dòng {known_members[member_id].name}: người được đề nghị có mã {nominee_id} không thuộc hồ sơ "
                "hoặc không cần Hội đồng bỏ phiếu."
            )
    for member in members:
        raw = attendance.get(member.id, Attendance.ABSENT)
        try:
            status = Attendance(raw)
        except ValueError:
            result.errors.append(f"Dòng {member.name}: tình trạng “{raw}” không hợp lệ (có mặt, vắng có phiếu, vắng).")
            continue
        if status is Attendance.PRESENT:
            result.present.append(member.id)
        for nominee in nominees:
            key = (member.id, nominee.id)
            given = votes.get(key)
            if status is Attendance.ABSENT:
                if given is not None and key not in recorded:
                    result.errors.append(
                        f"Dòng {member.name}: vắng mặt, không có phiếu bằng văn bản nhưng có phiếu cho "
                        f"{nominee.name}; hãy đánh dấu có mặt hoặc vắng có phiếu bằng văn bản."
                    )
                continue
            if given is not None:
                try:
                    given = Vote(given)
                except ValueError:
                    result.errors.append(
                        f"Dòng {member.name}, {nominee.name}: phiếu “{given}” không hợp lệ "
                        "(đồng ý, không đồng ý, không biểu quyết)."
                    )
                    continue
            if key in recorded:
                if given is not None and given != Vote(recorded[key]):
                    result.errors.append(
                        f"Dòng {member.name}, {nominee.name}: thành viên đã bỏ phiếu "
                        f"“{VOTE_WORDS[Vote(recorded[key])]}”; phiếu đã ghi nhận không sửa được."
                    )
                else:
                    result.kept += 1
                continue
            result.ballots.append(
                NewBallot(member.id, nominee.id, given or Vote.YES, in_writing=status is Attendance.WRITTEN)
            )
    return result
