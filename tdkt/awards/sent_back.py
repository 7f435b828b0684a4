"""A draft the unit leader sent back to the officer ("Lãnh đạo trả lại"), told apart from a fresh
draft or one the officer recalled: the dossier is a draft and its last transition is the leader's
send_back (services/workflow.py records it with the reason). Nothing new is stored; the lists read
the last transition in the same query."""

from django.db.models import OuterRef, QuerySet, Subquery

from .domain.workflow import Action, State
from .models import Dossier, Transition


def with_last_step(qs: QuerySet) -> QuerySet:
    """The dossiers with their last transition's action, reason and time (one query for a list)."""
    last = Transition.objects.filter(dossier=OuterRef("pk")).order_by("-at", "-pk")
    return qs.annotate(
        last_action=Subquery(last.values("action")[:1]),
        last_reason=Subquery(last.values("reason")[:1]),
        last_at=Subquery(last.values("at")[:1]),
    )


def sent_back(dossier: Dossier) -> tuple[str, object]:
    """(the leader's reason, when) while a dossier the leader sent back is with the officer, else ("", None)."""
    if dossier.state != State.DRAFT:
        return "", None
    if hasattr(dossier, "last_action"):
        action, reason, at = dossier.last_action, dossier.last_reason, dossier.last_at
    else:
        last = dossier.transitions.order_by("-at", "-pk").values("action", "reason", "at").first()
        if last is None:
            return "", None
        action, reason, at = last["action"], last["reason"], last["at"]
    return (reason or "", at) if action == Action.SEND_BACK else ("", None)
