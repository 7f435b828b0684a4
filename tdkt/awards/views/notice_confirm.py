"""The confirmation page of ending a public notice (templates/core/confirm_step.html): the workflow
table already refuses it while the period runs or an objection is open, so nothing can be missing;
the page says what the notice received and what ending it does, with an optional note for the
history. The service refuses the step without the page's "confirmed" marker."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.confirm import ConfirmForm

from ..domain.workflow import Action
from ..models import Appraisal


def notice_close_confirmation(request, dossier, *, status=200):
    accepted = dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED)).count()
    objections = dossier.objections.count()
    consequences = []
    if dossier.notice_from and dossier.notice_until:
        consequences.append(_("The list was published from %(start)s to %(end)s.") % {
            "start": dossier.notice_from.strftime("%d/%m/%Y"), "end": dossier.notice_until.strftime("%d/%m/%Y")})
    consequences += [
        ngettext("%(count)s objection was received during the notice, each answered.",
                 "%(count)s objections were received during the notice, each answered.", objections)
        % {"count": objections} if objections else _("No objection was received during the notice."),
        ngettext("The %(count)s accepted nominee goes to the approver for the decision.",
                 "The %(count)s accepted nominees go to the approver for the decision.", accepted)
        % {"count": accepted},
        _("No further objection can be recorded for this list."),
    ]
    form = ConfirmForm(reason_label=_("Note for the history"))
    return render(request, "core/confirm_step.html", {
        "title": _("End the public notice of %(dossier)s") % {"dossier": dossier.title},
        "problems": [],
        "consequences": consequences,
        "action_url": reverse("awards:dossier_action", args=[dossier.pk, Action.CLOSE_NOTICE.value]),
        "form": form,
        "confirm_label": _("End the public notice"),
        "cancel_url": reverse("awards:dossier", args=[dossier.pk]),
        "danger": False,
    }, status=status)
