"""Nominees and attachments of a dossier: add (the page again with the form's errors when the
service refuses), remove, download. The dossier is always read through the selectors first, so a
user who cannot see it gets 404 whatever the nominee's or the file's number."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tdkt.core.downloads import stored_file_response
from tdkt.core.forms import add_service_errors

from .. import selectors
from ..forms_dossiers import AttachmentForm, NomineeForm
from ..models import Attachment, Nominee
from ..services.dossiers import EDITABLE, attachment_add, attachment_remove, nominee_add, nominee_remove
from .dossier_page import award_choices, dossier_page, known_components


def _back(dossier_pk, anchor: str):
    return redirect(reverse("awards:dossier", args=[dossier_pk]) + f"#{anchor}")


def _refuse_if_not_editable(request, dossier) -> bool:
    """True (with a message) when the dossier cannot change in its state; the roles are the service's
    to check (403)."""
    if dossier.state in EDITABLE:
        return False
    messages.error(request, _("The dossier can be changed only while it is a draft or returned."))
    return True


@require_POST
def nominee_add_view(request, pk):
    dossier = selectors.dossier_get(request.user, pk)
    if _refuse_if_not_editable(request, dossier):
        return _back(dossier.pk, "nominees")
    form = NomineeForm(request.POST, dossier=dossier, award_forms=award_choices(dossier))
    if form.is_valid():
        try:
            nominee = nominee_add(actor=request.user, dossier=dossier, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added to the dossier.") % {"name": nominee.subject})
            return _back(dossier.pk, "nominees")
    form.limit_people()
    return dossier_page(request, dossier, nominee_form=form)


@require_POST
def nominee_delete_view(request, pk):
    nominee = get_object_or_404(Nominee.objects.only("pk", "dossier_id"), pk=pk)
    dossier = selectors.dossier_get(request.user, nominee.dossier_id)
    nominee = dossier.nominees.select_related("person", "collective", "award").get(pk=pk)
    name = str(nominee.subject)
    try:
        nominee_remove(actor=request.user, nominee=nominee)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s was removed from the dossier.") % {"name": name})
    return _back(dossier.pk, "nominees")


@require_POST
def attachment_add_view(request, pk):
    dossier = selectors.dossier_get(request.user, pk)
    if _refuse_if_not_editable(request, dossier):
        return _back(dossier.pk, "attachments")
    nominees = list(dossier.nominees.select_related("award"))
    form = AttachmentForm(request.POST, request.FILES, dossier=dossier, components=known_components(nominees))
    if form.is_valid():
        data = form.cleaned_data
        try:
            attachment = attachment_add(actor=request.user, dossier=dossier, component=data["component"],
                                        upload=data["file"], nominee=data.get("nominee"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("File %(name)s attached.") % {"name": attachment.original_name})
            return _back(dossier.pk, "attachments")
    return dossier_page(request, dossier, attachment_form=form)


def _attachment(request, pk) -> Attachment:
    attachment = get_object_or_404(Attachment.objects.only("pk", "dossier_id"), pk=pk)
    dossier = selectors.dossier_get(request.user, attachment.dossier_id)
    return dossier.attachments.get(pk=pk)


def attachment_download_view(request, pk):
    attachment = _attachment(request, pk)
    return stored_file_response(attachment.file, filename=attachment.original_name,
                                content_type=attachment.content_type, missing=_("The file is missing."))


@require_POST
def attachment_delete_view(request, pk):
    attachment = _attachment(request, pk)
    dossier_pk, name = attachment.dossier_id, attachment.original_name
    try:
        attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("File %(name)s removed.") % {"name": name})
    return _back(dossier_pk, "attachments")
