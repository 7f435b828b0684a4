"""Commendation rounds: the list, a round's page (what it takes in, until when, the user's
dossiers in it) and opening a round. Reads through the selectors (out of scope = 404), the round
is created by services.rounds (which checks the permission)."""

from functools import reduce
from operator import or_

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tdkt.accounts.scope import scope_for, user_can
from tdkt.core.days import deadline_phrase
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param, paginate
from tdkt.movements.models import Participant
from tdkt.movements.selectors import movement_list
from tdkt.organizations.errors import require
from tdkt.organizations.models import Organization

from .. import selectors
from ..forms_rounds import RoundEditForm, RoundForm
from ..services.dossiers import is_movement_round, not_taking_part
from ..services.rounds import current_forms, round_create, round_update
from .dossier_labels import state_badge, state_label


def _year(request) -> int | None:
    year = request.GET.get("year", "")
    return int_param(year, digits=4)


def days_left(deadline) -> str:
    return deadline_phrase(deadline)  # "quá hạn 1.457 ngày", counted and written as on every page


def preparable_units(user, commendation_round):
    """The organisations the user may prepare a dossier for in this round: in a movement's round only
    the movement's participants and the units inside them (services.dossiers.takes_part)."""
    scope = scope_for(user, "dossier.prepare")
    if scope.is_empty:
        return Organization.objects.none()
    units = Organization.objects.filter(scope.q("path"), path__startswith=commendation_round.authority.path)
    if is_movement_round(commendation_round):
        paths = Participant.objects.filter(movement_id=commendation_round.movement_id).values_list(
            "organization__path", flat=True)
        units = units.filter(reduce(or_, (Q(path__startswith=p) for p in paths), Q(pk__in=[])))
    return units.order_by("path")


def not_preparable_reason(user, commendation_round) -> str:
    """Why the user may prepare no dossier in the round: for a movement's round, that the user's unit
    does not take part in the movement (naming the round and the movement)."""
    scope = scope_for(user, "dossier.prepare")
    if is_movement_round(commendation_round) and not scope.is_empty:
        own = Organization.objects.filter(scope.q("path")).order_by("path").first()
        if own is not None:
            return not_taking_part(commendation_round, own)
    return _("You may not prepare a dossier for any unit in this round.")


def round_list_view(request):
    year = _year(request)
    rounds = selectors.round_list(request.user, year=year)
    years = sorted(set(selectors.round_list(request.user).values_list("year", flat=True)), reverse=True)
    context = {
        "year": year,
        "years": years,
        "can_create": user_can(request.user, "dossier.process"),
        **paginate(request, rounds),
    }
    return render(request, "awards/round_list.html", context)


def round_detail_view(request, pk):
    commendation_round = selectors.round_get(request.user, pk)
    movement = None
    if commendation_round.movement_id:
        movement = movement_list(request.user).filter(pk=commendation_round.movement_id).first()
    forms = list(commendation_round.forms.order_by("level", "code"))
    dossiers = [
        (dossier, state_label(dossier.state), state_badge(dossier.state))
        for dossier in selectors.dossier_list(request.user, round_id=commendation_round.pk)[:200]
    ]
    context = {
        "round": commendation_round,
        "movement": movement,
        "forms": forms,
        "dossiers": dossiers,
        "days_left": days_left(commendation_round.deadline) if commendation_round.is_open else "",
        "can_prepare": commendation_round.is_open and preparable_units(request.user, commendation_round).exists(),
        "can_edit": scope_for(request.user, "dossier.process").covers(commendation_round.authority),
    }
    return render(request, "awards/round_detail.html", context)


def round_new_view(request):
    require(user_can(request.user, "dossier.process"), _("Only the standing office opens commendation rounds."))
    scope = scope_for(request.user, "dossier.process")
    form = RoundForm(
        request.POST or None,
        authorities=Organization.objects.filter(scope.q("path")).order_by("path"),
        movements=movement_list(request.user),
        award_forms=current_forms(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            commendation_round = round_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The commendation round was opened."))
            return redirect("awards:round", commendation_round.pk)
    return render(request, "awards/round_form.html", {"form": form})


def round_edit_view(request, pk):
    commendation_round = selectors.round_get(request.user, pk)
    require(scope_for(request.user, "dossier.process").covers(commendation_round.authority),
            _("Only the standing office of the receiving organisation changes this round."))
    # The versions in force, and those the round already takes (an older version stays selectable).
    award_forms = (current_forms() | commendation_round.forms.all()).distinct().order_by("level", "code")
    initial = {"title": commendation_round.title, "deadline": commendation_round.deadline,
               "is_open": commendation_round.is_open, "forms": list(commendation_round.forms.all())}
    form = RoundEditForm(request.POST or None, initial=initial, award_forms=award_forms)
    if request.method == "POST" and form.is_valid():
        try:
            round_update(actor=request.user, commendation_round=commendation_round, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The commendation round was updated."))
            return redirect("awards:round", commendation_round.pk)
    return render(request, "awards/round_form.html", {"form": form, "round": commendation_round})
