"""Pages of a movement's participation: registration (đăng ký thi đua) and the covenant (giao ước).
Report submissions are in participation_reports.py. Thin: reads here, writes through the services.

A movement the user cannot see is "not found"; an action the user may not take on a movement it
sees is "forbidden"; a participant outside the user's scope is never listed with its details."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for
from tdkt.core.domain.signoff import LABELS
from tdkt.core.downloads import attachment_response
from tdkt.core.forms import add_service_errors
from tdkt.organizations.models import Organization
from tdkt.records.domain.codes import honour_label

from ..forms_participation import DecisionForm, RegistrationForm, SignForm, SignUploadForm, registration_codes
from ..models import ContentItem, MovementStatus, Registration, RegistrationStatus
from ..selectors import can_manage, movement_get, participant_organizations
from ..services.covenant import covenant_sign_service, covenant_sign_upload
from ..services.participation import registration_decide, registration_submit, reminders_send
from ..services.signoff_steps import registration_signoff
from .signoff import signoff_buttons

REGISTRATION_BADGES = {
    RegistrationStatus.AWAITING_SIGNOFF: "text-bg-info",
    RegistrationStatus.SENT_BACK: "text-bg-secondary",
    RegistrationStatus.REGISTERED: "text-bg-success",
    RegistrationStatus.LATE_PENDING: "text-bg-warning",
    RegistrationStatus.ACCEPTED_LATE: "text-bg-info",
    RegistrationStatus.REFUSED_LATE: "text-bg-danger",
}


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You may not do this for this movement."))


def ordered_participants(movement) -> list[Organization]:
    """The participants in the block's order (TT of the plan's tables), else by name."""
    orgs = [p.organization for p in movement.participants.select_related("organization")]
    positions = {}
    if movement.block_id:
        positions = dict(movement.block.memberships.values_list("organization_id", "position"))
    return sorted(orgs, key=lambda o: (positions.get(o.pk, 10**6), o.name))


def detail_filter(user, movement):
    """Whose details the user may see: every participant for a manager, else those in its scope."""
    if can_manage(user, movement):
        return lambda organization: True
    view, participate = scope_for(user, "movement.view"), scope_for(user, "movement.participate")
    return lambda organization: view.covers(organization) or participate.covers(organization)


def acting_for(user, movement, *, exclude_ids=()) -> QuerySet:
    """The participants the user may act for (register, sign, submit), minus those already done."""
    ids = participant_organizations(user, movement).values("organization_id")
    return Organization.objects.filter(pk__in=ids).exclude(pk__in=list(exclude_ids)).order_by("name")


def remind(request, movement, kind, milestone=None):
    try:
        organizations, users = reminders_send(actor=request.user, movement=movement, kind=kind, milestone=milestone)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return
    if organizations:
        messages.success(
            request,
            _("Reminded %(orgs)d organisation(s): %(users)d notification(s) sent.")
            % {"orgs": organizations, "users": users},
        )
    else:
        messages.info(request, _("Nobody needs a reminder."))


def registrations_view(request, pk):
    movement = movement_get(request.user, pk)
    manager = can_manage(request.user, movement)
    visible = detail_filter(request.user, movement)
    registrations = {
        r.organization_id: r
        for r in Registration.objects.filter(movement=movement).prefetch_related("items").select_related("organization")
    }
    rows, missing = [], []
    for organization in ordered_participants(movement):
        registration = registrations.get(organization.pk)
        if registration is None:
            missing.append(organization)
        if not visible(organization):
            continue
        if registration is not None:
            registration.item_rows = [(honour_label(i.award_code), i.target_text) for i in registration.items.all()]
            registration.badge = REGISTRATION_BADGES[registration.status]
            registration.status_label = registration.get_status_display()
            if registration.sent_back_reason:  # the leader's, told apart from the officer's own recall
                registration.badge, registration.status_label = "text-bg-warning", _("Sent back by the leader")
            registration.signoff_actions = signoff_buttons(request.user, registration)
        rows.append((organization, registration))
    sent = [org_id for org_id, r in registrations.items() if r.status != RegistrationStatus.SENT_BACK]
    can_register = (
        movement.status == MovementStatus.ISSUED
        and acting_for(request.user, movement, exclude_ids=sent).exists()
    )
    return render(
        request,
        "movements/registrations.html",
        {
            "movement": movement,
            "rows": rows,
            "missing": missing if manager else [],
            "total": len(registrations) + len(missing),
            "registered": len(registrations),
            "manager": manager,
            "can_register": can_register,
            "is_issued": movement.status == MovementStatus.ISSUED,
            "deadline_passed": movement.registration_deadline is not None
            and timezone.localdate() > movement.registration_deadline,
            "decision_form": DecisionForm(),
        },
    )


def register_view(request, pk):
    movement = movement_get(request.user, pk)
    require(participant_organizations(request.user, movement).exists())
    done = Registration.objects.filter(movement=movement).exclude(status=RegistrationStatus.SENT_BACK).values_list(
        "organization_id", flat=True)  # a registration sent back by the unit's leader is prepared again
    organizations = acting_for(request.user, movement, exclude_ids=done)
    if movement.status != MovementStatus.ISSUED or not organizations.exists():
        messages.info(request, _("There is nothing for you to register in this movement."))
        return redirect("movements:registrations", movement.pk)
    form = RegistrationForm(request.POST or None, organizations=organizations, codes=registration_codes(movement))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = registration_submit(
                actor=request.user,
                movement=movement,
                organization=data["organization"],
                items=data["items"],
                note=data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if registration.status == RegistrationStatus.AWAITING_SIGNOFF:
                messages.success(request, _("The registration was put before the unit leader for sign-off."))
            elif registration.status == RegistrationStatus.LATE_PENDING:
                messages.warning(request, _("Registered after the deadline: it waits for the head's approval."))
            else:
                messages.success(request, _("Registration recorded."))
            return redirect("movements:registrations", movement.pk)
    return render(
        request,
        "movements/registrations.html",
        {
            "movement": movement,
            "form": form,
            "deadline_passed": movement.registration_deadline is not None
            and timezone.localdate() > movement.registration_deadline,
        },
    )


@require_POST
def registration_signoff_view(request, pk, registration_pk, action):
    """The unit leader signs off the registration (it is sent) or sends it back; the officer recalls."""
    movement = movement_get(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, movement=movement)
    if not detail_filter(request.user, movement)(registration.organization):
        raise Http404
    try:
        registration = registration_signoff(actor=request.user, registration=registration, action=action,
                                            reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": LABELS.get(action, action)})
    return redirect("movements:registrations", movement.pk)


@require_POST
def registration_decide_view(request, pk, registration_pk):
    movement = movement_get(request.user, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, movement=movement)
    require(can_manage(request.user, movement))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or refuse."))
    else:
        try:
            registration_decide(
                actor=request.user,
                registration=registration,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded for %(org)s.") % {"org": registration.organization})
    return redirect("movements:registrations", movement.pk)


@require_POST
def remind_registration_view(request, pk):
    movement = movement_get(request.user, pk)
    require(can_manage(request.user, movement))
    remind(request, movement, "registration")
    return redirect("movements:registrations", movement.pk)


def covenant_view(request, pk):
    movement = movement_get(request.user, pk)
    manager = can_manage(request.user, movement)
    signatures = {s.organization_id: s for s in movement.signatures.all()}
    rows = [(organization, signatures.get(organization.pk)) for organization in ordered_participants(movement)]
    items = movement.content_items.filter(part=ContentItem.COVENANT)
    can_sign = (
        movement.status == MovementStatus.ISSUED
        and items.exists()  # a plan without a covenant has nothing to sign (services.participation.has_covenant)
        and acting_for(request.user, movement, exclude_ids=signatures).exists()
    )
    return render(
        request,
        "movements/covenant.html",
        {
            "movement": movement,
            "items": items,
            "rows": rows,
            "signed": len(signatures),
            "unsigned": [organization for organization, signature in rows if signature is None],
            "manager": manager,
            "can_sign": can_sign,
            "is_issued": movement.status == MovementStatus.ISSUED,
        },
    )


def sign_view(request, pk):
    movement = movement_get(request.user, pk)
    require(participant_organizations(request.user, movement).exists())
    organizations = acting_for(
        request.user, movement, exclude_ids=movement.signatures.values_list("organization_id", flat=True)
    )
    if movement.status != MovementStatus.ISSUED or not organizations.exists():
        messages.info(request, _("There is nothing for you to sign in this movement."))
        return redirect("movements:covenant", movement.pk)
    # Two ways to sign (issue 15.3): upload the PDF the organisation signed itself, or, where an
    # organisation has a signer configured, the signing service. Never a typed name alone.
    from tdkt.signing.signers import configured_codes  # pyHanko: imported when it is needed

    with_service = organizations.filter(code__in=configured_codes())
    how = request.POST.get("how", "upload") if request.method == "POST" else ""
    upload_form = SignUploadForm(request.POST if how == "upload" else None,
                                 request.FILES if how == "upload" else None, organizations=organizations)
    form = SignForm(request.POST if how == "service" else None, organizations=with_service) \
        if with_service.exists() else None
    bound = upload_form if how == "upload" else form
    if bound is not None and how and bound.is_valid():
        try:
            if how == "upload":
                signature = covenant_sign_upload(actor=request.user, movement=movement,
                                                 organization=bound.cleaned_data["organization"],
                                                 upload=request.FILES.get("file"))
            else:
                signature = covenant_sign_service(actor=request.user, movement=movement, **bound.cleaned_data)
        except ValidationError as exc:
            add_service_errors(bound, exc)
        else:
            messages.success(request, _("%(org)s signed the covenant.") % {"org": signature.organization})
            return redirect("movements:covenant", movement.pk)
    return render(
        request,
        "movements/covenant.html",
        {"movement": movement, "form": form, "upload_form": upload_form, "signing": True,
         "items": movement.content_items.filter(part=ContentItem.COVENANT)},
    )


def covenant_file_view(request, pk, signature_pk):
    """The signed covenant of one member, to whoever sees the movement's covenant."""
    movement = movement_get(request.user, pk)
    signature = get_object_or_404(movement.signatures, pk=signature_pk)
    if not signature.file:
        raise Http404
    try:
        handle = signature.file.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        raise Http404 from None
    return attachment_response(handle, filename=signature.original_name or "giao-uoc.pdf",
                               content_type="application/pdf")


@require_POST
def remind_covenant_view(request, pk):
    movement = movement_get(request.user, pk)
    require(can_manage(request.user, movement))
    remind(request, movement, "covenant")
    return redirect("movements:covenant", movement.pk)
