import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import user_can
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param
from tdkt.organizations.errors import require

from . import selectors, services
from .domain.codes import Target
from .forms import ADD_FORMS, CloseReviewForm, HonourForm, RevokeForm

ADDERS = {
    "rating": services.rating_set,
    "honour": services.honour_add,
    "initiative": services.initiative_add,
    "discipline": services.discipline_add,
    "review": services.review_flag_open,
}


def _target(subject_type: str) -> Target:
    return Target.INDIVIDUAL if subject_type == "person" else Target.COLLECTIVE


def _forms(subject_type: str, bound: dict | None = None) -> dict:
    kinds = [k for k in ADD_FORMS if subject_type == "person" or k != "discipline"]
    out = {}
    for kind in kinds:
        cls = ADD_FORMS[kind]
        kwargs = {"target": _target(subject_type)} if cls is HonourForm else {}
        out[kind] = (bound or {}).get(kind) or cls(prefix=kind, **kwargs)
    return out


def _subject_org(subject):
    return subject.organization if subject._meta.model_name == "person" else subject


def subject_url(subject) -> str:
    kind = subject._meta.model_name
    return reverse("records:subject", args=[kind, subject.pk])


def subject_records_view(request, subject_type, pk, bound_forms=None):
    subject = selectors.subject_get(request.user, subject_type, pk)
    year = timezone.localdate().year
    context = {
        "subject": subject,
        "subject_type": subject_type,
        "history": selectors.subject_history(subject, last_year=year),
        "can_manage": user_can(request.user, "record.manage", _subject_org(subject)),
        "today": timezone.localdate(),
    }
    # Discipline and reviews are lifted only by the organisation that recorded them or one above it.
    for record in (*context["history"].discipline, *context["history"].reviews):
        record.authority = selectors.recording_authority(record)
        record.can_lift = context["can_manage"] and selectors.can_lift(request.user, record)
    if context["can_manage"]:
        context["forms"] = _forms(subject_type, bound_forms)
        context["revoke_form"] = RevokeForm(prefix="revoke")
        context["close_form"] = CloseReviewForm(prefix="close")
    asked = request.GET.get("year", "")
    asked = int_param(asked, digits=4)
    considered = asked if asked and 2000 <= asked <= year else year - 1
    context.update(_eligibility_context(request.user, subject, subject_type, considered))
    context["years"] = list(range(year, year - 10, -1))
    return render(request, "records/subject.html", context, status=400 if bound_forms else 200)


def _eligibility_context(user, subject, subject_type, year) -> dict:
    from tdkt.rules import evaluation

    return {"eligibility": evaluation.subject_overview(subject, subject_type=subject_type, year=year)}


@require_POST
def record_add_view(request, subject_type, pk, kind):
    subject = selectors.subject_get(request.user, subject_type, pk)
    if kind not in ADDERS or (kind == "discipline" and subject_type != "person"):
        raise Http404
    require(user_can(request.user, "record.manage", _subject_org(subject)))
    cls = ADD_FORMS[kind]
    kwargs = {"target": _target(subject_type)} if cls is HonourForm else {}
    form = cls(request.POST, prefix=kind, **kwargs)
    if form.is_valid():
        subject_arg = {"person": subject} if subject_type == "person" else {"organization": subject}
        try:
            ADDERS[kind](actor=request.user, **subject_arg, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(subject_url(subject))
    return subject_records_view(request, subject_type, pk, bound_forms={kind: form})


@require_POST
def record_delete_view(request, kind, pk):
    record = selectors.record_get(request.user, kind, pk)
    subject = record.person or record.organization
    services.record_delete(actor=request.user, record=record)
    messages.success(request, _("The record was removed."))
    return redirect(subject_url(subject))


@require_POST
def honour_revoke_view(request, pk):
    honour = selectors.record_get(request.user, "honour", pk)
    form = RevokeForm(request.POST, prefix="revoke")
    if form.is_valid():
        try:
            services.honour_revoke(actor=request.user, honour=honour, **form.cleaned_data)
            messages.success(request, _("The award was marked as revoked."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Give the date and the reason for the revocation."))
    return redirect(subject_url(honour.subject))


@require_POST
def review_close_view(request, pk):
    flag = selectors.record_get(request.user, "review", pk)
    form = CloseReviewForm(request.POST, prefix="close")
    closed_on = form.cleaned_data["closed_on"] if form.is_valid() else datetime.date.today()
    try:
        services.review_flag_close(actor=request.user, flag=flag, closed_on=closed_on)
        messages.success(request, _("The review was closed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(subject_url(flag.subject))
