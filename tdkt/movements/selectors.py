"""Reads of movements, always scoped: a movement is visible to users who see its issuing
organisation or one of its participants; a draft only to those who may manage it."""

from django.db.models import Q, QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_for

from .models import Milestone, Movement, MovementStatus, Participant


def movement_list(user, *, year: int | None = None, query: str = "") -> QuerySet:
    view = scope_for(user, "movement.view")
    manage = scope_for(user, "movement.manage")
    qs = Movement.objects.select_related("organization", "block")
    if not view.is_global:
        participating = Participant.objects.filter(view.q("organization__path")).values("movement_id")
        qs = qs.filter(view.q("organization__path") | Q(pk__in=participating))
    if not manage.is_global:
        qs = qs.filter(~Q(status=MovementStatus.DRAFT) | manage.q("organization__path"))
    if year:
        qs = qs.filter(start_date__year__lte=year, end_date__year__gte=year)
    for term in query.split():
        qs = qs.filter(title__icontains=term)
    return qs.order_by("-start_date", "title")


def movement_get(user, pk) -> Movement:
    movement = movement_list(user).filter(pk=pk).first()
    if movement is None:
        raise Http404("Không tìm thấy phong trào thi đua.")
    return movement


def can_manage(user, movement: Movement) -> bool:
    return scope_for(user, "movement.manage").covers(movement.organization)


def participant_organizations(user, movement: Movement, *, permission: str = "movement.participate") -> QuerySet:
    """The participants of `movement` the user may act for (register, sign, submit)."""
    scope = scope_for(user, permission)
    return (
        movement.participants.filter(scope.q("organization__path")).select_related("organization")
        if not scope.is_empty
        else movement.participants.none()
    )


def milestone_get(user, pk) -> Milestone:
    milestone = Milestone.objects.select_related("movement__organization").filter(pk=pk).first()
    if milestone is None or not movement_list(user).filter(pk=milestone.movement_id).exists():
        raise Http404("Không tìm thấy mốc sơ kết, tổng kết.")
    return milestone
