"""Pages of decisions: issue one for a dossier awaiting it (per issuer), forward a dossier beyond this
level's power, the list and the detail of decisions, their DOCX/PDF and certificates, revocation.
Thin: reads through the selectors (out of scope = 404), writes through the services (which check
the permissions again); a document that cannot be generated gives a 503 page and changes nothing.

Certificates are kept once rendered (services/certificates.py): a small decision's are rendered in
the request, a large one's by the background worker while the decision's page shows how it goes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.core.confirm import ConfirmForm, is_confirmed
from tdkt.core.downloads import attachment_response
from tdkt.core.forms import add_service_errors
from tdkt.documents import generation
from tdkt.documents.generation import DocumentError

from ..access import acting_roles
from ..documents import decision_docx, money
from ..domain.workflow import State
from ..forms_decisions import DecisionForm, ForwardForm, RevokeForm, decision_initial
from ..models import CertificateBatchStatus
from ..selectors import decision_get, decision_list, decisions_matching, dossier_get, rounds_above
from ..services.certificates import (
    RETRIERS,
    certificates_drop,
    certificates_queue,
    certificates_render,
    certificates_retry,
    certificates_state,
)
from ..services.decisions import decision_issue, decision_revoke, signed_file_kept
from ..services.forward import beyond_power_nominees, dossier_forward
from ..templatetags.awards_decisions import issuers_to_decide
from .decision_confirm import issue_confirm_form, issue_confirmation, revoke_confirmation

DECIDERS = {"admin", "approver"}
FORWARDERS = {"admin", "standing_office"}


def _document_error(request, error: DocumentError, *, back: str):
    return render(request, "awards/decision_error.html", {"message": error.message, "back": back},
                  status=error.status if error.status >= 500 else 503)


def decision_new_view(request, dossier_pk):
    dossier = dossier_get(request.user, dossier_pk)
    if not acting_roles(request.user, dossier) & DECIDERS:
        raise PermissionDenied(_("Only the approver issues commendation decisions."))
    back = reverse("awards:dossier", args=[dossier.pk])
    if dossier.state != State.AWAITING_DECISION:
        messages.error(request, _("The dossier is not awaiting a decision."))
        return redirect("awards:dossier", dossier.pk)
    choices = issuers_to_decide(dossier)
    wanted = request.POST.get("issuer") or request.GET.get("issuer") or ""
    if not wanted and len(choices) == 1:
        wanted = str(choices[0][0].pk)
    chosen = next(((org, nominees) for org, nominees in choices if str(org.pk) == wanted), None)
    if chosen is None:
        if not choices:
            messages.error(request, _("No nominee of this dossier is left to decide."))
            return redirect("awards:dossier", dossier.pk)
        return render(request, "awards/decision_issuers.html", {"dossier": dossier, "choices": choices})
    issuer, nominees = chosen
    form = DecisionForm(request.POST or None, initial=decision_initial(issuer, nominees), issuer=issuer)
    if request.method == "POST" and form.is_valid():
        # Issuing cannot be undone: the filled form leads to the confirmation page first; only its
        # POST (the "confirmed" marker and, when someone is left out, the reason) issues.
        if not is_confirmed(request.POST):
            return issue_confirmation(request, dossier=dossier, issuer=issuer, nominees=nominees, decision_form=form)
        confirm = issue_confirm_form(request.POST, issuer=issuer, nominees=nominees, date=form.cleaned_data["date"])
        if not confirm.is_valid():
            return issue_confirmation(request, dossier=dossier, issuer=issuer, nominees=nominees,
                                      decision_form=form, confirm_form=confirm, status=400)
        data = form.cleaned_data
        try:
            decision = decision_issue(
                actor=request.user, dossier=dossier, issuer=issuer, date=data["date"], symbol=data["symbol"],
                subject=data["subject"], signer_name=data["signer_name"], signer_title=data["signer_title"],
                legal_bases=data["legal_bases"], recipients=data["recipients"], reason=confirm.cleaned_data["reason"],
                overdraw_confirmed=bool(confirm.cleaned_data.get("overdraw_confirmed")),
            )
        except DocumentError as error:  # the service's transaction rolled back: nothing changed
            return _document_error(request, error, back=back)
        except ValidationError as error:
            if {"reason", "overdraw_confirmed"} & set(getattr(error, "message_dict", {})):
                add_service_errors(confirm, error)
                return issue_confirmation(request, dossier=dossier, issuer=issuer, nominees=nominees,
                                          decision_form=form, confirm_form=confirm, status=400)
            add_service_errors(form, error)
        else:
            messages.success(request, _("Decision No. %(ref)s issued.") % {"ref": decision.reference})
            return redirect("awards:decision", decision.pk)
    return render(request, "awards/decision_form.html", {
        "dossier": dossier, "issuer": issuer, "nominees": nominees, "form": form,
    })


def dossier_forward_view(request, dossier_pk):
    dossier = dossier_get(request.user, dossier_pk)
    if not acting_roles(request.user, dossier) & FORWARDERS:
        raise PermissionDenied(_("Only the standing office forwards a dossier to the authority above."))
    rounds = rounds_above(dossier)
    form = ForwardForm(request.POST or None, rounds=rounds)
    if request.method == "POST" and form.is_valid():
        try:
            upstream = dossier_forward(actor=request.user, dossier=dossier, to_round=form.cleaned_data["round"],
                                       reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = upstream.nominees.count()
            messages.success(request, ngettext("%(count)d nominee forwarded to %(authority)s.",
                                               "%(count)d nominees forwarded to %(authority)s.", count) % {
                "count": count, "authority": upstream.round.authority.name})
            return redirect("awards:dossier", dossier.pk)
    return render(request, "awards/decision_forward.html", {
        "dossier": dossier, "form": form, "moving": beyond_power_nominees(dossier), "has_rounds": rounds.exists(),
    })


def decision_list_view(request):
    decisions = decision_list(request.user)
    query = " ".join(request.GET.get("q", "").split())[:100]
    decisions = decisions_matching(decisions, query)
    page = Paginator(decisions.order_by("-date", "-number", "-pk"), 50).get_page(request.GET.get("page"))
    return render(request, "awards/decision_list.html", {"page": page, "query": query})


def _detail(request, decision, revoke_form=None, status=200):
    roles = acting_roles(request.user, decision.dossier)
    awardees = list(decision.awardees.select_related("award").order_by("golden_book_number"))
    context = {
        "decision": decision,
        "awardees": awardees,
        "total": money(sum(a.amount for a in awardees)),
        "can_revoke": bool(roles & DECIDERS) and decision.revoked_on is None,
        "revoke_form": revoke_form or RevokeForm(),
        # A revoked decision issues no certificates: nothing to show about them.
        "certificates": certificates_state(decision) if decision.revoked_on is None and awardees else None,
        "can_retry_certificates": bool(roles & RETRIERS),
    }
    return render(request, "awards/decision_detail.html", context, status=status)


def decision_detail_view(request, pk):
    return _detail(request, decision_get(request.user, pk))


def decision_revoke_view(request, pk):
    """The confirmation page of revoking (what will happen, the reason), then revoking. The form on
    the decision's page and any POST without the page's "confirmed" marker only lead to the page."""
    decision = decision_get(request.user, pk)
    if not acting_roles(request.user, decision.dossier) & DECIDERS:
        raise PermissionDenied(_("Only the authority that decided revokes the decision."))
    if decision.revoked_on is not None:
        messages.error(request, _("The decision was already revoked."))
        return redirect("awards:decision", decision.pk)
    reason_label = RevokeForm.base_fields["reason"].label
    if request.method != "POST" or not is_confirmed(request.POST):
        initial = {"reason": request.POST.get("reason", "")[:500]} if request.method == "POST" else None
        form = ConfirmForm(initial=initial, reason_required=True, reason_label=reason_label)
        return revoke_confirmation(request, decision=decision, confirm_form=form)
    form = ConfirmForm(request.POST, reason_required=True, reason_label=reason_label)
    if form.is_valid():
        try:
            decision_revoke(actor=request.user, decision=decision, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision was revoked."))
            return redirect("awards:decision", decision.pk)
    return revoke_confirmation(request, decision=decision, confirm_form=form, status=400)


def _attachment(data_or_file, filename: str, content_type: str):
    return attachment_response(data_or_file, filename=filename, content_type=content_type)


def _stored(field):
    if not field.name:
        return None
    try:
        return field.open("rb")
    except (FileNotFoundError, ValueError, OSError):
        return None


def _download(request, pk, kind: str):
    decision = decision_get(request.user, pk)
    field = decision.docx if kind == "docx" else decision.pdf
    filename = f"quyet-dinh-{decision.number}-{decision.year}.{kind}"
    content_type = generation.DOCX_CONTENT_TYPE if kind == "docx" else generation.PDF_CONTENT_TYPE
    handle = _stored(field)
    if handle is not None:
        return _attachment(handle, filename, content_type)
    if kind == "pdf" and decision.signed_at is not None:
        # The signed file is the decision: it is never generated again (issue 15.1).
        messages.error(request, signed_file_kept(decision))
        return redirect("awards:decision", decision.pk)
    # Missing (e.g. demo data): generate it now and keep it.
    try:
        data = decision_docx(decision)
        if kind == "pdf":
            data = generation.docx_to_pdf(data)
    except DocumentError as error:
        return _document_error(request, error, back=reverse("awards:decision", args=[decision.pk]))
    field.save(filename, ContentFile(data), save=False)
    decision.save(update_fields=[kind])
    audit_record(event_type=AuditEventType.DOCUMENT_GENERATED, actor=request.user, target=decision,
                 organization=decision.issuer, after={"file": filename})
    return _attachment(data, filename, content_type)


def decision_docx_view(request, pk):
    return _download(request, pk, "docx")


def decision_pdf_view(request, pk):
    return _download(request, pk, "pdf")


def _certificates_file(decision) -> str:
    return f"bang-khen-{decision.number}-{decision.year}.pdf"


def _certificates_decision(request, pk):
    decision = decision_get(request.user, pk)
    if decision.revoked_on is not None:
        certificates_drop(decision=decision)
        raise Http404(_("The decision was revoked: its certificates are no longer issued."))
    return decision


def _queued_message(request, batch, count: int) -> None:
    if batch.status == CertificateBatchStatus.FAILED:
        messages.error(request, _("The certificates could not be generated: %(error)s") % {"error": batch.error})
        return
    messages.info(request, ngettext(
        "The certificate of %(count)s awardee is being generated. Reload this page in a few minutes to download it.",
        "The certificates of %(count)s awardees are being generated. Reload this page in a few minutes to download "
        "them.", count) % {"count": number_format(count, force_grouping=True)})


def certificates_view(request, pk):
    """The kept file when it matches the decision; otherwise a small decision's certificates are
    rendered now (and kept), a large one's are queued and the user is sent back to the decision."""
    decision = _certificates_decision(request, pk)
    state = certificates_state(decision)
    if not state.count:
        raise Http404(_("The decision has no awardee."))
    if state.status == CertificateBatchStatus.READY:
        handle = _stored(state.batch.file)
        if handle is not None:
            return _attachment(handle, _certificates_file(decision), generation.PDF_CONTENT_TYPE)
    if state.inline:
        try:
            data = certificates_render(actor=request.user, decision=decision, fingerprint=state.fingerprint)
        except DocumentError as error:
            return _document_error(request, error, back=reverse("awards:decision", args=[decision.pk]))
        return _attachment(data, _certificates_file(decision), generation.PDF_CONTENT_TYPE)
    batch = certificates_queue(actor=request.user, decision=decision, fingerprint=state.fingerprint)
    _queued_message(request, batch, state.count)
    return redirect("awards:decision", decision.pk)


@require_POST
def certificates_retry_view(request, pk):
    """Ask again for certificates that failed (the standing office or the approver)."""
    decision = _certificates_decision(request, pk)
    count = decision.awardees.count()
    if not count:
        raise Http404(_("The decision has no awardee."))
    try:
        batch = certificates_retry(actor=request.user, decision=decision)
    except DocumentError as error:
        return _document_error(request, error, back=reverse("awards:decision", args=[decision.pk]))
    if batch.status == CertificateBatchStatus.READY:  # a small decision's, rendered just now: download it
        return redirect("awards:certificates", decision.pk)
    _queued_message(request, batch, count)
    return redirect("awards:decision", decision.pk)
