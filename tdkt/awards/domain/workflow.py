"""The dossier workflow as a transition table: (state, action) → (next state, roles, guard).

Pure Python (no Django). The services ask ``transition`` for the one step an action makes and
refuse anything the table does not allow; the pages and the API ask ``available`` which buttons
to offer. Guards read ``Facts`` the services compute from the database.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"  # the unit prepares it
    AWAITING_SIGNOFF = "awaiting_signoff"  # the officer put it before the unit's leader, who signs off or sends back
    SUBMITTED = "submitted"  # sent; the unit may recall it until it is received
    RETURNED = "returned"  # sent back with a reason; the unit corrects and resubmits
    RECEIVED = "received"  # the standing office took it in and appraises each nominee
    APPRAISED = "appraised"  # every nominee accepted, rejected or changed to another form
    VOTING = "voting"  # the council votes (forms that need a ballot)
    VOTED = "voted"  # the ballot is closed and counted
    NOTICE = "notice"  # the list is published for objections for a set number of working days
    AWAITING_DECISION = "awaiting_decision"  # with the competent person
    DECIDED = "decided"  # a decision was issued (final)
    FORWARDED = "forwarded"  # beyond this level's power: sent up as a new dossier (final here)
    CLOSED = "closed"  # every nominee rejected: nothing to decide (final)


FINAL = frozenset({State.DECIDED, State.FORWARDED, State.CLOSED})


class Action(StrEnum):
    SUBMIT = "submit"
    REQUEST_SIGNOFF = "request_signoff"
    SIGN_OFF = "sign_off"
    SEND_BACK = "send_back"
    RECALL = "recall"
    RECEIVE = "receive"
    RETURN = "return"
    APPRAISE = "appraise"
    OPEN_VOTE = "open_vote"
    CLOSE_VOTE = "close_vote"
    PUBLISH_NOTICE = "publish_notice"
    CLOSE_NOTICE = "close_notice"
    SEND_FOR_DECISION = "send_for_decision"
    DECIDE = "decide"
    FORWARD = "forward"
    CLOSE = "close"


UNIT = frozenset({"admin", "unit_officer", "unit_leader"})
OFFICER = frozenset({"admin", "unit_officer"})
LEADER = frozenset({"admin", "unit_leader"})  # the unit's head: signs off what the unit sends
OFFICE = frozenset({"admin", "standing_office"})
APPROVER = frozenset({"admin", "approver"})


@dataclass(frozen=True, slots=True)
class Facts:
    """What the guards need to know about one dossier."""

    has_nominees: bool = True
    components_complete: bool = True  # every required attachment is there
    all_appraised: bool = False
    any_accepted: bool = False
    needs_vote: bool = False  # an accepted nominee's form needs a council ballot
    needs_notice: bool = False  # an accepted nominee's form needs public notice
    notice_over: bool = False  # the notice period has ended
    votes_complete: bool = False  # every council member's vote (or written vote) is recorded
    beyond_power: bool = False  # an accepted nominee's form is decided at a higher level
    objections_open: bool = False  # an objection received during the notice is not resolved yet
    signoff_required: bool = False  # the unit's leader signs off before the dossier is sent


@dataclass(frozen=True, slots=True)
class Step:
    sources: frozenset[State]
    action: Action
    target: State
    roles: frozenset[str]
    reason_required: bool = False
    guards: tuple[str, ...] = ()  # names of checks in GUARDS, all of which must pass

    def allows(self, state: State) -> bool:
        return state in self.sources

    def refusal(self, facts: Facts) -> str:
        """The reason of the first guard that refuses (empty when every guard passes)."""
        for name in self.guards:
            check, message = GUARDS[name]
            if not check(facts):
                return message
        return ""


def _s(*states: State) -> frozenset[State]:
    return frozenset(states)


TABLE: tuple[Step, ...] = (
    # With the leader's sign-off on, the officer puts the dossier before the unit's leader, who signs
    # it off (it is sent) or sends it back with a reason; a leader who prepared it signs it off at once.
    # With the step off, the unit sends it directly.
    Step(_s(State.DRAFT, State.RETURNED), Action.SUBMIT, State.SUBMITTED, UNIT, guards=("ready", "signoff_off")),
    Step(_s(State.DRAFT, State.RETURNED), Action.REQUEST_SIGNOFF, State.AWAITING_SIGNOFF, OFFICER,
         guards=("ready", "signoff_on")),
    Step(_s(State.AWAITING_SIGNOFF), Action.SIGN_OFF, State.SUBMITTED, LEADER, guards=("ready",)),
    Step(_s(State.DRAFT, State.RETURNED), Action.SIGN_OFF, State.SUBMITTED, LEADER, guards=("ready", "signoff_on")),
    Step(_s(State.AWAITING_SIGNOFF), Action.SEND_BACK, State.DRAFT, LEADER, reason_required=True),
    Step(_s(State.AWAITING_SIGNOFF), Action.RECALL, State.DRAFT, UNIT),
    Step(_s(State.SUBMITTED), Action.RECALL, State.DRAFT, UNIT),
    Step(_s(State.SUBMITTED), Action.RECEIVE, State.RECEIVED, OFFICE),
    Step(_s(State.SUBMITTED, State.RECEIVED), Action.RETURN, State.RETURNED, OFFICE, reason_required=True),
    Step(_s(State.RECEIVED), Action.APPRAISE, State.APPRAISED, OFFICE, guards=("appraised",)),
    Step(_s(State.APPRAISED), Action.OPEN_VOTE, State.VOTING, OFFICE, guards=("vote_needed",)),
    Step(_s(State.VOTING), Action.CLOSE_VOTE, State.VOTED, OFFICE, guards=("votes_complete",)),
    Step(_s(State.APPRAISED, State.VOTED), Action.PUBLISH_NOTICE, State.NOTICE, OFFICE, guards=("notice_needed",)),
    # The notice ends only when its period is over and every objection received has been answered;
    # if the objections left nobody accepted, the dossier is closed without an award instead.
    Step(_s(State.NOTICE), Action.CLOSE_NOTICE, State.AWAITING_DECISION, OFFICE,
         guards=("notice_over", "objections_resolved", "something_accepted")),
    Step(_s(State.APPRAISED, State.VOTED), Action.SEND_FOR_DECISION, State.AWAITING_DECISION, OFFICE,
         guards=("no_vote_or_notice_left",)),
    Step(_s(State.AWAITING_DECISION), Action.DECIDE, State.DECIDED, APPROVER),
    Step(_s(State.RECEIVED, State.APPRAISED, State.VOTED, State.AWAITING_DECISION), Action.FORWARD, State.FORWARDED,
         OFFICE, guards=("beyond_power",)),
    Step(_s(State.APPRAISED, State.VOTED, State.NOTICE), Action.CLOSE, State.CLOSED, OFFICE, reason_required=True,
         guards=("nothing_accepted", "objections_resolved")),
)

# Each guard: (passes?, the Vietnamese reason shown when it does not).
GUARDS = {
    "ready": (
        lambda f: f.has_nominees and f.components_complete,
        "Hồ sơ chưa có người được đề nghị hoặc còn thiếu thành phần hồ sơ bắt buộc.",
    ),
    "signoff_on": (lambda f: f.signoff_required, "Đơn vị không dùng bước lãnh đạo ký duyệt: hãy gửi hồ sơ."),
    "signoff_off": (
        lambda f: not f.signoff_required,
        "Hồ sơ phải được lãnh đạo đơn vị ký duyệt trước khi gửi: hãy trình lãnh đạo.",
    ),
    "appraised": (lambda f: f.all_appraised, "Còn người được đề nghị chưa có ý kiến thẩm định."),
    "vote_needed": (
        lambda f: f.any_accepted and f.needs_vote,
        "Không có hình thức nào cần Hội đồng bỏ phiếu.",
    ),
    "votes_complete": (
        lambda f: f.votes_complete,
        "Chưa ghi nhận đủ phiếu của tất cả thành viên Hội đồng (kể cả phiếu bằng văn bản của người vắng mặt).",
    ),
    "notice_needed": (
        lambda f: f.any_accepted and f.needs_notice and (f.votes_complete or not f.needs_vote),
        "Danh sách không cần công khai, hoặc Hội đồng chưa bỏ phiếu.",
    ),
    "notice_over": (lambda f: f.notice_over, "Chưa hết thời hạn công khai."),
    "objections_resolved": (
        lambda f: not f.objections_open,
        "Còn ý kiến phản ánh trong thời gian công khai chưa được xử lý.",
    ),
    "something_accepted": (
        lambda f: f.any_accepted,
        "Không còn ai được chấp thuận: hãy kết thúc hồ sơ không khen thưởng.",
    ),
    "no_vote_or_notice_left": (
        lambda f: f.any_accepted and (f.votes_complete or not f.needs_vote) and not f.needs_notice,
        "Còn bước bỏ phiếu hoặc công khai chưa làm, hoặc không có ai được chấp thuận.",
    ),
    "beyond_power": (lambda f: f.beyond_power, "Hình thức khen thưởng thuộc thẩm quyền của cấp này."),
    "nothing_accepted": (lambda f: not f.any_accepted, "Còn người được đề nghị đã được chấp thuận."),
}

ACTION_LABELS = {
    Action.SUBMIT: "Gửi hồ sơ",
    Action.REQUEST_SIGNOFF: "Trình lãnh đạo",
    Action.SIGN_OFF: "Ký duyệt và gửi",
    Action.SEND_BACK: "Trả lại cán bộ",
    Action.RECALL: "Rút lại",
    Action.RECEIVE: "Tiếp nhận",
    Action.RETURN: "Trả lại",
    Action.APPRAISE: "Hoàn thành thẩm định",
    Action.OPEN_VOTE: "Mở bỏ phiếu",
    Action.CLOSE_VOTE: "Kết thúc bỏ phiếu",
    Action.PUBLISH_NOTICE: "Công khai danh sách",
    Action.CLOSE_NOTICE: "Kết thúc công khai",
    Action.SEND_FOR_DECISION: "Trình quyết định",
    Action.DECIDE: "Ban hành quyết định",
    Action.FORWARD: "Chuyển cấp trên",
    Action.CLOSE: "Kết thúc không khen thưởng",
}


class TransitionRefused(Exception):
    """The action is not allowed: ``reason`` is Vietnamese; ``forbidden`` means a role problem."""

    def __init__(self, reason: str, *, forbidden: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.forbidden = forbidden


def step_for(state: State | str, action: Action | str) -> Step | None:
    try:
        state, action = State(state), Action(action)
    except ValueError:
        return None
    return next((step for step in TABLE if step.action is action and step.allows(state)), None)


def transition(
    state: State | str, action: Action | str, *, roles: Collection[str], facts: Facts, reason: str = ""
) -> Step:
    """The step ``action`` makes from ``state`` for a user with ``roles``, or TransitionRefused."""
    try:
        action = Action(action)
    except ValueError:
        raise TransitionRefused(f"Thao tác không hợp lệ: {action!r}.") from None
    step = step_for(state, action)
    if step is None:
        raise TransitionRefused(f"Không thể “{ACTION_LABELS[action]}” khi hồ sơ đang ở trạng thái này.")
    if not step.roles & set(roles):
        raise TransitionRefused(f"Bạn không có quyền “{ACTION_LABELS[action]}”.", forbidden=True)
    if step.reason_required and not reason.strip():
        raise TransitionRefused("Hãy ghi rõ lý do.")
    refusal = step.refusal(facts)
    if refusal:
        raise TransitionRefused(refusal)
    return step


def available(state: State | str, *, roles: Collection[str], facts: Facts) -> list[Action]:
    """The actions a user with ``roles`` can take now (what the page offers)."""
    out = []
    for step in TABLE:
        if step.allows(State(state)) and step.roles & set(roles) and not step.refusal(facts):
            out.append(step.action)
    return out
