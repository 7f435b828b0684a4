"""Pages of a member's score sheet (phiếu tự chấm điểm): fill and save a draft, add evidence per
item, submit; the head returns it with a reason. Thin: reads through the selectors (out of scope =
404), writes through the services (which check the permissions). The review pages are in
reviews.py and re-exported here for the url module."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.accounts.scope import scope_for
from tdkt.core.confirm import asks_late_confirmation, is_confirmed
from tdkt.core.days import days_phrase, days_until
from tdkt.core.downloads import stored_file_response

from ..access import acting_reviewers, can_manage, in_conflict, member_organizations
from ..domain import score_entries
from ..domain.numbers import mean
from ..forms_sheets import (
    FORM_ID,
    EvidenceForm,
    ReasonForm,
    ScoreForm,
    evidence_by_item,
    saved_entries,
    table_rows,
    values_of,
)
from ..models import Review, ReviewStatus, RoundStatus, SheetStatus
from ..selectors import current_result, evidence_get, round_get, sheet_get
from ..services.sheets import (
    evidence_add,
    evidence_remove,
    sheet_act,
    sheet_actions,
    sheet_return,
    sheet_save,
    sheet_start,
    sheet_submit,
)
from ..standings import parsed_template
from .reviews import review_edit_view, review_recuse_view
from .sheet_signoff import late_confirmation, signoff_context

__all__ = [
    "evidence_add_view",
    "evidence_delete_view",
    "evidence_download_view",
    "review_edit_view",
    "review_recuse_view",
    "sheet_detail_view",
    "sheet_return_view",
    "sheet_signoff_view",
    "sheet_start_view",
    "sheet_submit_view",
]

STATUS_BADGES = {
    SheetStatus.DRAFT: "text-bg-secondary",
    SheetStatus.AWAITING_SIGNOFF: "text-bg-info",
    SheetStatus.SUBMITTED: "text-bg-success",
    SheetStatus.RETURNED: "text-bg-danger",
}


def may_edit(user, sheet) -> bool:
    """What services.sheets.sheet_save would allow: the member's own user, an editable sheet, an
    unpublished round."""
    return (
        sheet.editable
        and sheet.round.status != RoundStatus.PUBLISHED
        and scope_for(user, "scoring.self").covers(sheet.organization)
    )


def _deadline(sheet) -> str:
    if sheet.status == SheetStatus.SUBMITTED:
        return ""
    days = days_until(sheet.round.self_deadline)
    if days < 0 and sheet.status == SheetStatus.RETURNED:
        return ""  # a returned sheet goes back whenever it is corrected
    return days_phrase(days)


def _shown_reviews(user, sheet) -> list:
    """Completed reviews, for the managers (or everyone once a result is published). Reviewers judge
    independently: they do not see each other's scores before publication."""
    if not (can_manage(user, sheet.round) or current_result(sheet.round) is not None):
        return []
    reviews = list(
        Review.objects.filter(sheet=sheet, status=ReviewStatus.COMPLETED)
        .select_related("reviewer")
        .prefetch_related("entries")
        .order_by("pk")
    )
    return reviews


def _review_links(user, sheet) -> list:
    if sheet.status != SheetStatus.SUBMITTED:
        return []
    return [(org, in_conflict(org, sheet.organization)) for org in acting_reviewers(user, sheet.round)]


def render_sheet(request, sheet, *, form=None, return_form=None, errors=None):
    template = parsed_template(sheet.round.template)
    entries = saved_entries(sheet)
    scores = score_entries(template, values_of(entries))
    editable = may_edit(request.user, sheet)
    if form is None and editable:
        form = ScoreForm(template=template, entries=entries)
    reviews = _shown_reviews(request.user, sheet)
    review_scores = [score_entries(template, values_of(saved_entries(r))) for r in reviews]
    manager = can_manage(request.user, sheet.round)
    published = sheet.round.status == RoundStatus.PUBLISHED
    if manager and sheet.status == SheetStatus.SUBMITTED and not published and return_form is None:
        return_form = ReasonForm()
    context = {
        "sheet": sheet,
        "round": sheet.round,
        "template": sheet.round.template,
        "rows": table_rows(
            template, scores=scores, entries=entries, form=form, evidence=evidence_by_item(sheet), reviews=review_scores
        ),
        "total": scores.total,
        "max_total": template.max_total,
        "form": form,
        "form_id": FORM_ID,
        "may_edit": editable,
        "manager": manager,
        "return_form": return_form if manager and sheet.status == SheetStatus.SUBMITTED and not published else None,
        "published": published,
        "badge": "text-bg-warning" if sheet.sent_back_reason else STATUS_BADGES[sheet.status],
        "status_label": _("Sent back by the leader") if sheet.sent_back_reason else sheet.get_status_display(),
        "days_left": _deadline(sheet),
        "overdue": sheet.status == SheetStatus.DRAFT and days_until(sheet.round.self_deadline) < 0,
        "reviews": reviews,
        "review_totals": [s.total for s in review_scores],
        "final_total": mean([s.total for s in review_scores]) if review_scores else None,
        "review_links": _review_links(request.user, sheet),
        "top_errors": errors or _top_errors(form),
        **signoff_context(request.user, sheet, template, scores, sheet_actions(request.user, sheet)),
    }
    return render(request, "scoring/sheet.html", context)


def _top_errors(form) -> list[str]:
    if form is None or not form.is_bound:
        return []
    errors = list(form.non_field_errors())
    for item_errors in form.item_errors().values():
        errors.extend(item_errors)
    return errors


def sheet_detail_view(request, pk):
    """The sheet; a POST saves the draft (every box: blank = not scored)."""
    sheet = sheet_get(request.user, pk)
    if request.method != "POST":
        return render_sheet(request, sheet)
    template = parsed_template(sheet.round.template)
    editable = may_edit(request.user, sheet)
    form = ScoreForm(request.POST, template=template, entries=saved_entries(sheet), disabled=not editable)
    if form.is_valid():
        try:
            sheet_save(actor=request.user, sheet=sheet, entries=form.entries())
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("scoring:sheet", sheet.pk)
    else:
        form.check_the_rest(template, who="Tự chấm")
    if editable:
        return render_sheet(request, sheet, form=form)
    # A read-only sheet (submitted, published): the service's reason on top, the saved values shown.
    return render_sheet(request, sheet, errors=_top_errors(form))


@require_POST
def sheet_start_view(request, pk, org_pk):
    scoring_round = round_get(request.user, pk)
    organization = member_organizations(scoring_round).filter(pk=org_pk).first()
    if organization is None:
        raise Http404(_("This unit is not a member of the block."))
    try:
        sheet = sheet_start(actor=request.user, scoring_round=scoring_round, organization=organization)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scoring:round", scoring_round.pk)
    return redirect("scoring:sheet", sheet.pk)


def _done(request, sheet) -> None:
    if sheet.status == SheetStatus.SUBMITTED:
        messages.success(request, _("Sheet submitted. It cannot be changed unless the block head returns it."))
    elif sheet.status == SheetStatus.AWAITING_SIGNOFF:
        messages.success(request, _("The sheet was put before the unit leader for sign-off."))
    else:
        messages.success(request, _("The sheet is back with the unit officer."))


@require_POST
def sheet_submit_view(request, pk):
    sheet = sheet_get(request.user, pk)
    try:
        sheet = sheet_submit(actor=request.user, sheet=sheet, reason=request.POST.get("reason", ""),
                             confirmed=is_confirmed(request.POST))
    except ValidationError as exc:
        if asks_late_confirmation(exc):  # a first submission after the deadline: say so and ask why
            return late_confirmation(request, sheet, reverse("scoring:sheet_submit", args=[sheet.pk]))
        messages.error(request, " ".join(exc.messages))
    else:
        _done(request, sheet)
    return redirect("scoring:sheet", sheet.pk)


@require_POST
def sheet_signoff_view(request, pk, action):
    """The leader signs off and sends, or sends back with a reason; the officer recalls."""
    sheet = sheet_get(request.user, pk)
    try:
        sheet = sheet_act(actor=request.user, sheet=sheet, action=action, reason=request.POST.get("reason", ""),
                          confirmed=is_confirmed(request.POST))
    except ValidationError as exc:
        if asks_late_confirmation(exc):
            return late_confirmation(request, sheet, reverse("scoring:sheet_signoff", args=[sheet.pk, action]))
        messages.error(request, " ".join(exc.messages))
    else:
        _done(request, sheet)
    return redirect("scoring:sheet", sheet.pk)


@require_POST
def sheet_return_view(request, pk):
    sheet = sheet_get(request.user, pk)
    if not can_manage(request.user, sheet.round):
        raise PermissionDenied(_("Only the block's managers may return a sheet."))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            sheet_return(actor=request.user, sheet=sheet, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            if "reason" in getattr(exc, "message_dict", {}):
                form.add_error("reason", exc.message_dict["reason"])
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("scoring:sheet", sheet.pk)
        else:
            text = _("Sheet of %(org)s returned; the unit is notified.") % {"org": sheet.organization}
            messages.success(request, text)
            return redirect("scoring:sheet", sheet.pk)
    return render_sheet(request, sheet, return_form=form)


def _back_to_item(sheet, code: str):
    url = reverse("scoring:sheet", args=[sheet.pk])
    leaves = {leaf.code for leaf in parsed_template(sheet.round.template).leaves()}
    return redirect(f"{url}#item-{quote(code)}" if code in leaves else url)


@require_POST
def evidence_add_view(request, pk):
    sheet = sheet_get(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    code = request.POST.get("item_code", "")[:40]
    if not form.is_valid():
        messages.error(request, _("Choose the item and the file to upload."))
        return _back_to_item(sheet, code)
    try:
        evidence = evidence_add(
            actor=request.user, sheet=sheet, item_code=form.cleaned_data["item_code"], upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("File %(name)s added to item %(code)s.") % {"name": evidence.original_name, "code": code}
        )
    return _back_to_item(sheet, code)


def evidence_download_view(request, pk):
    evidence = evidence_get(request.user, pk)
    return stored_file_response(evidence.file, filename=evidence.original_name, content_type=evidence.content_type,
                                missing=_("The evidence file is missing."))


@require_POST
def evidence_delete_view(request, pk):
    evidence = evidence_get(request.user, pk)
    sheet = sheet_get(request.user, evidence.sheet_id)
    name, code = evidence.original_name, evidence.item_code
    try:
        evidence_remove(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("File %(name)s removed from item %(code)s.") % {"name": name, "code": code})
    return _back_to_item(sheet, code)
