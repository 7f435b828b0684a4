"""The plan pages: the list of movements, the plan's hub page, and the manager's forms. Thin: the
selectors scope every read (out of scope is "not found"), the services check role and state."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for, user_can
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param, paginate
from tdkt.organizations import selectors as org_selectors
from tdkt.organizations.errors import require
from tdkt.organizations.models import EmulationBlock, Organization
from tdkt.records.domain.codes import honour_label

from .. import selectors
from ..forms_plans import (
    ROMAN,
    ContentForm,
    MilestoneForm,
    MovementForm,
    ParticipantsForm,
    PhaseForm,
    TargetForm,
    TaskForm,
    TaskStatusForm,
)
from ..models import ContentItem, MovementKind, MovementStatus, SubmissionStatus, TaskStatus
from ..progress import movement_progress
from ..services import plans as services


def movement_list_view(request):
    year = request.GET.get("year", "")
    year = int_param(year, digits=4)
    kind = request.GET.get("kind", "")
    kind = kind if kind in MovementKind.values else ""
    q = request.GET.get("q", "").strip()
    qs = selectors.movement_list(request.user, year=year, query=q)
    if kind:
        qs = qs.filter(kind=kind)
    span = selectors.movement_list(request.user).aggregate(first=Min("start_date"), last=Max("end_date"))
    years = range(span["last"].year, span["first"].year - 1, -1) if span["first"] else []
    return render(
        request,
        "movements/list.html",
        {
            "year": year,
            "years": years,
            "kind": kind,
            "kinds": MovementKind.choices,
            "q": q,
            "can_create": user_can(request.user, "movement.manage"),
            **paginate(request, qs),
        },
    )


def _task_groups(movement) -> list[dict]:
    groups: dict[int, list] = {}
    for task in movement.tasks.select_related("lead_organization"):
        groups.setdefault(task.quarter, []).append(task)
    return [{"quarter": q, "roman": ROMAN[q], "tasks": groups[q]} for q in sorted(groups)]


def _manager_forms(movement) -> dict:
    if movement.status == MovementStatus.CLOSED:
        return {}
    return {
        "phase_form": PhaseForm(),
        "milestone_form": MilestoneForm(movement=movement),
        "target_form": TargetForm(initial={"year": movement.start_date.year}),
        "task_form": TaskForm(organizations=_task_organizations(movement)),
        "content_form": ContentForm(),
    }


def movement_detail_view(request, pk):
    movement = selectors.movement_get(request.user, pk)
    manage = selectors.can_manage(request.user, movement)
    today = timezone.localdate()
    participants = list(movement.participants.select_related("organization").order_by("organization__path"))
    received = Count("submissions", filter=~Q(submissions__status=SubmissionStatus.RETURNED))
    milestones = list(movement.milestones.select_related("phase").annotate(received=received))
    for m in milestones:
        m.days_left = (m.report_deadline - today).days
        m.days_overdue = -m.days_left
        m.missing = max(len(participants) - m.received, 0) if movement.status != MovementStatus.DRAFT else 0
    org_scope = scope_for(request.user, "organization.view")
    for p in participants:
        p.visible = org_scope.covers(p.organization)
    contents = list(movement.content_items.all())
    covenant_contents = [c for c in contents if c.part == ContentItem.COVENANT]  # none: the plan has no covenant
    return render(
        request,
        "movements/detail.html",
        {
            "movement": movement,
            "can_manage": manage,
            "is_draft": movement.status == MovementStatus.DRAFT,
            "is_issued": movement.status == MovementStatus.ISSUED,
            "is_closed": movement.status == MovementStatus.CLOSED,
            "single_year": movement.start_date.year == movement.end_date.year,
            "award_names": [honour_label(code) for code in movement.award_codes],
            "plan_contents": [c for c in contents if c.part == ContentItem.PLAN],
            "covenant_contents": covenant_contents,
            "phases": movement.phases.all(),
            "milestones": milestones,
            "progress": movement_progress(movement),
            "task_groups": _task_groups(movement),
            "task_statuses": TaskStatus.choices,
            "participants": participants,
            "today": today,
            "document_kinds": [("ke-hoach", _("Plan")), ("chuong-trinh-cong-tac", _("Work program")),
                               *([("giao-uoc", _("Covenant"))] if covenant_contents else [])],
            **(_manager_forms(movement) if manage else {}),
        },
    )


def _creatable(user):
    organizations = org_selectors.organization_list(user, permission="movement.manage").order_by("path")
    ids = organizations.values("pk")
    blocks = (
        EmulationBlock.objects.filter(
            Q(organizer__in=ids) | Q(memberships__organization__in=ids, memberships__role__in=["head", "deputy"])
        )
        .distinct()
        .order_by("-year", "name")
    )
    return organizations, blocks


def movement_create_view(request):
    organizations, blocks = _creatable(request.user)
    require(organizations.exists())
    initial = {"organization": request.user.organization_id}
    form = MovementForm(request.POST or None, organizations=organizations, blocks=blocks, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The plan was saved as a draft."))
            return redirect("movements:detail", movement.pk)
    return _form_page(request, form, _("New emulation plan"), reverse("movements:list"))


def movement_edit_view(request, pk):
    movement = selectors.movement_get(request.user, pk)
    require(selectors.can_manage(request.user, movement))
    initial = {name: getattr(movement, name) for name in services.MOVEMENT_FIELDS}
    form = MovementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_update(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("movements:detail", movement.pk)
    return _form_page(request, form, _("Edit the plan"), reverse("movements:detail", args=[movement.pk]), movement)


@require_POST
def movement_status_view(request, pk):
    movement = selectors.movement_get(request.user, pk)
    require(selectors.can_manage(request.user, movement))
    status = request.POST.get("status", "")
    try:
        services.movement_set_status(actor=request.user, movement=movement, status=status)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = {MovementStatus.ISSUED: _("The plan was issued."), MovementStatus.CLOSED: _("The movement was closed.")}
        messages.success(request, done[status])
    return redirect("movements:detail", movement.pk)


def _form_page(request, form, title, cancel_url, movement=None, intro=""):
    context = {"form": form, "title": title, "cancel_url": cancel_url, "movement": movement, "intro": intro}
    return render(request, "movements/form.html", context)


def _task_organizations(movement):
    ids = movement.participants.values("organization_id")
    return Organization.objects.filter(Q(pk__in=ids) | Q(pk=movement.organization_id)).order_by("path")


# Each part of a plan: (form, service, keyword of the form's extra argument, title, section anchor).
PARTS = {
    "phase": (PhaseForm, services.phase_add, None, gettext_lazy("Add a phase"), "phases"),
    "milestone": (
        MilestoneForm,
        services.milestone_add,
        "movement",
        gettext_lazy("Add a review milestone"),
        "milestones",
    ),
    "target": (TargetForm, services.target_add, None, gettext_lazy("Add a target"), "targets"),
    "task": (TaskForm, services.task_add, "organizations", gettext_lazy("Add a task to the work program"), "tasks"),
    "content": (ContentForm, services.content_add, None, gettext_lazy("Add a content item"), "contents"),
}


def _part_add_view(request, pk, part):
    form_class, service, extra, title, anchor = PARTS[part]
    movement = selectors.movement_get(request.user, pk)
    require(selectors.can_manage(request.user, movement))
    kwargs = {}
    if extra == "movement":
        kwargs["movement"] = movement
    elif extra == "organizations":
        kwargs["organizations"] = _task_organizations(movement)
    initial = {"year": movement.start_date.year} if part == "target" else None
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, movement=movement, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Added."))
            return redirect(reverse("movements:detail", args=[movement.pk]) + f"#{anchor}")
    cancel = reverse("movements:detail", args=[movement.pk]) + f"#{anchor}"
    return _form_page(request, form, str(title), cancel, movement)


def phase_add_view(request, pk):
    return _part_add_view(request, pk, "phase")


def milestone_add_view(request, pk):
    return _part_add_view(request, pk, "milestone")


def target_add_view(request, pk):
    return _part_add_view(request, pk, "target")


def task_add_view(request, pk):
    return _part_add_view(request, pk, "task")


def content_add_view(request, pk):
    return _part_add_view(request, pk, "content")


@require_POST
def task_status_view(request, pk, task_pk):
    movement = selectors.movement_get(request.user, pk)
    task = get_object_or_404(movement.tasks, pk=task_pk)
    require(selectors.can_manage(request.user, movement))
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown status."))
    else:
        try:
            services.task_set_status(actor=request.user, task=task, status=form.cleaned_data["status"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Task status changed."))
    return redirect(reverse("movements:detail", args=[movement.pk]) + "#tasks")


def participants_view(request, pk):
    movement = selectors.movement_get(request.user, pk)
    require(selectors.can_manage(request.user, movement))
    current = movement.participants.values("organization_id")
    near = services.participant_candidates(movement, max_depth=2).values("pk")
    candidates = Organization.objects.filter(Q(pk__in=near) | Q(pk__in=current)).order_by("path")
    form = ParticipantsForm(
        request.POST or None,
        candidates=candidates,
        block=movement.block,
        initial={"organizations": list(current.values_list("organization_id", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participants_set(actor=request.user, movement=movement, organizations=form.chosen())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Participants saved."))
            return redirect(reverse("movements:detail", args=[movement.pk]) + "#participants")
    intro = _("Participants can be changed while the plan is a draft.")
    cancel = reverse("movements:detail", args=[movement.pk]) + "#participants"
    return _form_page(request, form, _("Participating organisations"), cancel, movement, intro)
