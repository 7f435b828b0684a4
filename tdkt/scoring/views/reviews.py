"""The review page (chấm thẩm định): a reviewing organisation scores a submitted sheet with the
member's self-score, comment and evidence beside each of its boxes. Reviews are independent: the
page never shows another reviewer's scores. A reviewer never scores its own organisation: the page
says so (403) and any attempt goes through the service, which records it in the audit log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import acting_reviewers, in_conflict, reviewer_organizations
from ..domain import score_entries
from ..forms_sheets import FORM_ID, ReasonForm, ScoreForm, evidence_by_item, saved_entries, table_rows, values_of
from ..models import Review, ReviewStatus, RoundStatus, SheetStatus
from ..selectors import may_see_standings, sheet_get
from ..services.reviews import review_recuse, review_save
from ..standings import parsed_template

REVIEW_BADGES = {
    ReviewStatus.DRAFT: "text-bg-warning",
    ReviewStatus.COMPLETED: "text-bg-success",
    ReviewStatus.RECUSED: "text-bg-secondary",
}


def _reviewer_get(user, sheet, reviewer_pk):
    """The reviewing organisation the user acts for: 404 when it is none of the round's reviewers
    the user can see, 403 when it is one the user may not act for."""
    for organization in acting_reviewers(user, sheet.round):
        if organization.pk == reviewer_pk:
            return organization
    if may_see_standings(user, sheet.round) and reviewer_organizations(sheet.round).filter(pk=reviewer_pk).exists():
        raise PermissionDenied(_("You may not review on behalf of this organisation."))
    raise Http404(_("Reviewer not found."))


def _conflict_page(request, sheet, reviewer, message=""):
    return render(
        request,
        "scoring/review_conflict.html",
        {"sheet": sheet, "round": sheet.round, "reviewer": reviewer, "message": message},
        status=403,
    )


def _editable(sheet, review) -> bool:
    return (
        sheet.round.status != RoundStatus.PUBLISHED
        and sheet.status == SheetStatus.SUBMITTED
        and (review is None or review.status != ReviewStatus.RECUSED)
    )


def _render_review(request, sheet, reviewer, review, *, form=None, recuse_form=None):
    template = parsed_template(sheet.round.template)
    own = saved_entries(sheet)
    mine = saved_entries(review) if review is not None else {}
    scores = score_entries(template, values_of(mine))
    editable = _editable(sheet, review)
    if form is None and editable:
        form = ScoreForm(template=template, entries=mine)
    top_errors = []
    if form is not None and form.is_bound:
        top_errors = list(form.non_field_errors())
        for errors in form.item_errors().values():
            top_errors.extend(errors)
    rows = table_rows(
        template,
        scores=scores,
        entries=mine,
        form=form if editable else None,
        evidence=evidence_by_item(sheet),
        own=(own, score_entries(template, values_of(own))),
    )
    context = {
        "sheet": sheet,
        "round": sheet.round,
        "template": sheet.round.template,
        "reviewer": reviewer,
        "review": review,
        "badge": REVIEW_BADGES.get(review.status, "") if review is not None else "",
        "rows": rows,
        "total": scores.total,
        "own_total": score_entries(template, values_of(own)).total,
        "max_total": template.max_total,
        "form": form if editable else None,
        "form_id": FORM_ID,
        "may_edit": editable,
        "recuse_form": (recuse_form or ReasonForm()) if editable else None,
        "top_errors": top_errors,
        "published": sheet.round.status == RoundStatus.PUBLISHED,
    }
    return render(request, "scoring/review.html", context)


def review_edit_view(request, pk, reviewer_pk):
    sheet = sheet_get(request.user, pk)
    reviewer = _reviewer_get(request.user, sheet, reviewer_pk)
    if in_conflict(reviewer, sheet.organization):
        if request.method != "POST":
            return _conflict_page(request, sheet, reviewer)
        try:  # the service records the refused attempt, then refuses it
            review_save(actor=request.user, sheet=sheet, reviewer=reviewer, entries={})
        except PermissionDenied as exc:
            return _conflict_page(request, sheet, reviewer, str(exc))
        raise PermissionDenied  # pragma: no cover - the service always refuses a conflict
    review = Review.objects.filter(sheet=sheet, reviewer=reviewer).first()
    if request.method != "POST":
        return _render_review(request, sheet, reviewer, review)
    template = parsed_template(sheet.round.template)
    saved = saved_entries(review) if review is not None else {}
    form = ScoreForm(request.POST, template=template, entries=saved, disabled=not _editable(sheet, review))
    complete = request.POST.get("action") == "complete"
    if form.is_valid():
        try:
            review_save(actor=request.user, sheet=sheet, reviewer=reviewer, entries=form.entries(), complete=complete)
        except ValidationError as exc:
            form.add_service_error(exc)
        else:
            if complete:
                messages.success(request, _("Review completed: it now counts in the final score."))
            else:
                messages.success(request, _("Review saved."))
            return redirect("scoring:review", sheet.pk, reviewer.pk)
    else:
        form.check_the_rest(template, who="Thẩm định")
    if not _editable(sheet, review):
        for error in form.non_field_errors():
            messages.error(request, error)
        return _render_review(request, sheet, reviewer, review)
    return _render_review(request, sheet, reviewer, review, form=form)


@require_POST
def review_recuse_view(request, pk, reviewer_pk):
    sheet = sheet_get(request.user, pk)
    reviewer = _reviewer_get(request.user, sheet, reviewer_pk)
    form = ReasonForm(request.POST)
    if in_conflict(reviewer, sheet.organization):
        try:  # recorded and refused by the service: the own organisation is never reviewed at all
            review_recuse(actor=request.user, sheet=sheet, reviewer=reviewer, reason=request.POST.get("reason", ""))
        except PermissionDenied as exc:
            return _conflict_page(request, sheet, reviewer, str(exc))
    review = Review.objects.filter(sheet=sheet, reviewer=reviewer).first()
    if form.is_valid():
        try:
            review_recuse(actor=request.user, sheet=sheet, reviewer=reviewer, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            if "reason" in getattr(exc, "message_dict", {}):
                form.add_error("reason", exc.message_dict["reason"])
            else:
                messages.error(request, " ".join(exc.messages))
                return redirect("scoring:review", sheet.pk, reviewer.pk)
        else:
            messages.success(request, _("You declined to review this sheet; the reason is recorded."))
            return redirect("scoring:review", sheet.pk, reviewer.pk)
    return _render_review(request, sheet, reviewer, review, recuse_form=form)
