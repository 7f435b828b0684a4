"""The confirmation pages of issuing and revoking a decision (templates/core/confirm_step.html): what
is missing, what will happen, and a reason when something is missing (required then). Both steps
cannot be undone, so the page comes first whatever posts to them; the services check the reason again."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.confirm import ConfirmForm

from ..documents import money
from ..domain.money import nominee_reward
from ..services.decisions import left_out, left_out_problem

ISSUE_FIELDS = ("date", "symbol", "subject", "signer_name", "signer_title", "legal_bases", "recipients")


def _amount(nominees, date) -> int:
    total = 0
    for nominee in nominees:
        try:
            total += nominee_reward(nominee.awarded_form, nominee.collective_id is not None, date)
        except ValueError:  # no base salary for the date: the service refuses it with a message
            return 0
    return total


def issue_confirmation(request, *, dossier, issuer, nominees, decision_form, confirm_form=None, status=200):
    """The page between the decision form and issuing it. ``decision_form`` is valid: its entries are
    carried as hidden fields, so confirming posts them again with ``confirmed=1`` and the reason."""
    left = left_out(dossier, issuer)
    data = decision_form.cleaned_data
    if confirm_form is None:
        confirm_form = ConfirmForm(
            reason_required=bool(left),
            reason_help=_("Required: some accepted nominees are left out of the decision.") if left else None,
        )
    count = len(nominees)
    consequences = [
        ngettext(
            "%(issuer)s issues the decision dated %(date)s to %(count)s awardee, numbered as its next decision "
            "of %(year)s.",
            "%(issuer)s issues the decision dated %(date)s to %(count)s awardees, numbered as its next decision "
            "of %(year)s.",
            count,
        ) % {"issuer": issuer.name, "date": data["date"].strftime("%d/%m/%Y"), "count": count,
             "year": data["date"].year},
        _("Reward money in total: %(amount)s đồng.") % {"amount": money(_amount(nominees, data["date"]))},
        _("Each awardee gets a golden-book number and the award is written to the records; next years' checks "
          "count it."),
        _("The decision cannot be changed afterwards, only revoked."),
    ]
    carry = [("issuer", str(issuer.pk))]
    for name in ISSUE_FIELDS:
        value = decision_form.data.get(name, "")
        carry.append((name, value))
    return render(request, "core/confirm_step.html", {
        "title": _("Issue the decision: %(subject)s") % {"subject": data["subject"]},
        "intro": ", ".join(str(n.subject) for n in nominees[:30]) + ("…" if count > 30 else ""),
        "problems": [left_out_problem(left)] if left else [],
        "consequences": consequences,
        "action_url": request.path,
        "form": confirm_form,
        "carry": carry,
        "confirm_label": _("Issue the decision"),
        "cancel_url": reverse("awards:dossier", args=[dossier.pk]),
        "danger": True,
    }, status=status)


def revoke_confirmation(request, *, decision, confirm_form, status=200):
    count = decision.awardees.count()
    consequences = [
        ngettext(
            "The %(count)s award given by the decision is marked revoked in the records and stops counting.",
            "The %(count)s awards given by the decision are marked revoked in the records and stop counting.",
            count,
        ) % {"count": count},
        _("No certificate of this decision can be printed any more; the kept file is deleted."),
        _("The decision stays on record, marked revoked with this reason; revocation cannot be undone."),
    ]
    return render(request, "core/confirm_step.html", {
        "title": _("Revoke Decision No. %(ref)s") % {"ref": decision.reference},
        "intro": decision.subject,
        "problems": [],
        "consequences": consequences,
        "action_url": reverse("awards:decision_revoke", args=[decision.pk]),
        "form": confirm_form,
        "confirm_label": _("Revoke the decision"),
        "cancel_url": reverse("awards:decision", args=[decision.pk]),
        "danger": True,
    }, status=status)
