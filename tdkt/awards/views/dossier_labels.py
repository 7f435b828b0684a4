"""How the dossier pages name a dossier's state and a nominee's eligibility verdict."""

from django.utils.translation import gettext_lazy

from tdkt.rules.verdicts import NEEDS_REVIEW, shown_verdict

from ..domain.workflow import State
from ..sent_back import sent_back

STATE_LABELS = {
    State.DRAFT: gettext_lazy("Draft"),
    State.AWAITING_SIGNOFF: gettext_lazy("Awaiting the leader's sign-off"),
    State.SUBMITTED: gettext_lazy("Sent, awaiting receipt"),
    State.RETURNED: gettext_lazy("Returned"),
    State.RECEIVED: gettext_lazy("Received, under appraisal"),
    State.APPRAISED: gettext_lazy("Appraised"),
    State.VOTING: gettext_lazy("Council voting"),
    State.VOTED: gettext_lazy("Council vote closed"),
    State.NOTICE: gettext_lazy("Published for objections"),
    State.AWAITING_DECISION: gettext_lazy("Awaiting decision"),
    State.DECIDED: gettext_lazy("Commendation decided"),
    State.FORWARDED: gettext_lazy("Forwarded to the higher level"),
    State.CLOSED: gettext_lazy("Closed without commendation"),
}

STATE_BADGES = {
    State.DRAFT: "text-bg-secondary",
    State.AWAITING_SIGNOFF: "text-bg-info",
    State.SUBMITTED: "text-bg-primary",
    State.RETURNED: "text-bg-danger",
    State.DECIDED: "text-bg-success",
    State.FORWARDED: "text-bg-info",
    State.CLOSED: "text-bg-dark",
}


SENT_BACK_LABEL = gettext_lazy("Sent back by the leader")
SENT_BACK_BADGE = "text-bg-warning"


def shown_state(dossier) -> tuple[str, str]:
    """The label and badge of a dossier's state; a draft the unit leader sent back says so (sent_back.py)."""
    if sent_back(dossier)[0]:  # the leader always gives a reason
        return str(SENT_BACK_LABEL), SENT_BACK_BADGE
    return state_label(dossier.state), state_badge(dossier.state)


def state_label(state) -> str:
    try:
        return str(STATE_LABELS[State(state)])
    except ValueError:
        return str(state)


def state_badge(state) -> str:
    try:
        return STATE_BADGES.get(State(state), "text-bg-warning")
    except ValueError:
        return "text-bg-light"


VERDICTS = {
    "eligible": (gettext_lazy("Eligible"), "text-bg-success"),
    NEEDS_REVIEW: (gettext_lazy("Needs consideration"), "text-bg-warning"),
    "ineligible": (gettext_lazy("Not eligible"), "text-bg-danger"),
    "unsupported": (gettext_lazy("No rule yet"), "text-bg-secondary"),
}


def verdict_label(verdict: str, conditions=()) -> tuple[str, str]:
    """The badge for a nominee's recorded verdict: "Cần xem xét" (amber), not a green "Đủ điều kiện",
    when the rules left conditions to the council's judgment (tdkt.rules.verdicts)."""
    label, badge = VERDICTS[shown_verdict(verdict, conditions)]
    return str(label), badge
