"""The unit leader's sign-off of what a unit sends, as a transition table shared by score sheets,
report submissions and registrations (dossiers have their own table in awards/domain/workflow.py
with the same steps). Pure Python.

Each app maps its own statuses onto three stages: the officer PREPARING it (a draft, or returned by
the receiver), AWAITING the leader's sign-off, and SENT. With the step on, the officer puts the work
before the leader ("Trình lãnh đạo"), who signs it off and sends it ("Ký duyệt và gửi") or sends it
back with a reason ("Trả lại cán bộ"); a leader who prepared it signs it off at once. With the step
off, the unit sends directly, as before the step existed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    PREPARING = "preparing"
    AWAITING = "awaiting_signoff"
    SENT = "sent"


class Act(StrEnum):
    SUBMIT = "submit"  # send directly (the step is off)
    REQUEST_SIGNOFF = "request_signoff"
    SIGN_OFF = "sign_off"
    SEND_BACK = "send_back"
    RECALL = "recall"  # the officer takes back what waits for the leader


UNIT = frozenset({"admin", "unit_officer", "unit_leader"})
OFFICER = frozenset({"admin", "unit_officer"})
LEADER = frozenset({"admin", "unit_leader"})

LABELS = {
    Act.SUBMIT: "Gửi",
    Act.REQUEST_SIGNOFF: "Trình lãnh đạo",
    Act.SIGN_OFF: "Ký duyệt và gửi",
    Act.SEND_BACK: "Trả lại cán bộ",
    Act.RECALL: "Rút lại",
}

# How the apps that keep one reason field for every return (score sheets, report submissions,
# registrations) mark the leader's sending back, so a page can tell it from the receiver's return.
SENT_BACK_PREFIX = "Lãnh đạo đơn vị trả lại: "


def sent_back_reason(recorded: str) -> str:
    """The leader's reason from a recorded return reason, blank when the leader did not send it back."""
    return recorded[len(SENT_BACK_PREFIX):] if recorded.startswith(SENT_BACK_PREFIX) else ""


@dataclass(frozen=True, slots=True)
class Step:
    source: Stage
    act: Act
    target: Stage
    roles: frozenset[str]
    signoff: bool | None = None  # True: only with the step on; False: only with it off; None: either
    reason_required: bool = False


TABLE: tuple[Step, ...] = (
    Step(Stage.PREPARING, Act.SUBMIT, Stage.SENT, UNIT, signoff=False),
    Step(Stage.PREPARING, Act.REQUEST_SIGNOFF, Stage.AWAITING, OFFICER, signoff=True),
    Step(Stage.PREPARING, Act.SIGN_OFF, Stage.SENT, LEADER, signoff=True),
    # Once before the leader it is answered even if the organisation switched the step off meanwhile.
    Step(Stage.AWAITING, Act.SIGN_OFF, Stage.SENT, LEADER),
    Step(Stage.AWAITING, Act.SEND_BACK, Stage.PREPARING, LEADER, reason_required=True),
    Step(Stage.AWAITING, Act.RECALL, Stage.PREPARING, UNIT),
)


class Refused(Exception):
    """``reason`` is Vietnamese; ``forbidden`` means the user's role does not allow it."""

    def __init__(self, reason: str, *, forbidden: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.forbidden = forbidden


def _find(stage: Stage, act: Act) -> Step | None:
    return next((s for s in TABLE if s.source is stage and s.act is act), None)


def step(stage: Stage | str, act: Act | str, *, roles: Collection[str], signoff_required: bool,
         reason: str = "") -> Step:
    """The step ``act`` makes from ``stage`` for a user with ``roles``, or Refused."""
    try:
        stage, act = Stage(stage), Act(act)
    except ValueError:
        raise Refused(f"Thao tác không hợp lệ: {act!r}.") from None
    found = _find(stage, act)
    if found is None:
        raise Refused(f"Không thể “{LABELS[act]}” ở trạng thái này.")
    if not found.roles & set(roles):
        raise Refused(f"Bạn không có quyền “{LABELS[act]}”.", forbidden=True)
    if found.signoff is True and not signoff_required:
        raise Refused("Đơn vị không dùng bước lãnh đạo ký duyệt: hãy gửi trực tiếp.")
    if found.signoff is False and signoff_required:
        raise Refused("Phải được lãnh đạo đơn vị ký duyệt trước khi gửi: hãy trình lãnh đạo.")
    if found.reason_required and not reason.strip():
        raise Refused("Hãy ghi rõ lý do trả lại.")
    return found


def available(stage: Stage | str, *, roles: Collection[str], signoff_required: bool) -> list[Act]:
    """The steps a user with ``roles`` can take now (the buttons a page offers)."""
    out = []
    for s in TABLE:
        if s.source is Stage(stage) and s.roles & set(roles) and s.signoff in (None, signoff_required):
            out.append(s.act)
    return out


def sending_act(*, roles: Collection[str], signoff_required: bool) -> Act:
    """What "send it" means for this user from a prepared state: submit when the step is off, sign
    off for the leader when it is on, and otherwise put it before the leader."""
    if not signoff_required:
        return Act.SUBMIT
    return Act.SIGN_OFF if LEADER & set(roles) else Act.REQUEST_SIGNOFF
