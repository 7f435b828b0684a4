"""The confirmation pages of issuing and revoking a decision (templates/core/confirm_step.html): what
is missing, what will happen, and a reason when something is missing (required then). Both steps
cannot be undone, so the page comes first whatever posts to them; the services check the reason again.

Issuing also shows the issuer's award fund of the decision's year (issue 13.6): the balance before
and after, and a checkbox to confirm spending beyond it when the decision would overdraw it (the
service refuses the overdraw without it). No fund set for that year: the page says nothing is checked."""

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tdkt.core.confirm import ConfirmForm

from ..documents import money
from ..domain.money import nominee_reward
from ..selectors_fund import fund_state
from ..services.decisions import left_out, left_out_problem, overdraw_problem

ISSUE_FIELDS = ("date", "symbol", "subject", "signer_name", "signer_title", "legal_bases", "recipients")


def _amount(nominees, date) -> int:
    total = 0
    for nominee in nominees:
        try:
            total += nominee_reward(nominee.awarded_form, nominee.collective_id is not None, date)
        except ValueError:  # no base salary for the date: the service refuses it with a message
            return 0
    return total


def _overdraw_field() -> forms.BooleanField:
    field = forms.BooleanField(label=_("I confirm spending beyond the fund"), required=True)
    field.widget.attrs["class"] = "form-check-input"
    return field


def _fund(issuer, nominees, date):
    """(balance before, amount, balance after) of the issuer's fund of ``date``'s year, or None
    when no fund was set for that year."""
    state = fund_state(issuer, date.year)
    if state is None:
        return None
    _fund_row, balance = state
    amount = _amount(nominees, date)
    return balance.balance, amount, balance.after(amount)


def issue_confirm_form(data=None, *, issuer, nominees, date, left=None) -> ConfirmForm:
    """The confirmation form of issuing: the reason (required when someone is left out) and, when the
    decision would overdraw the issuer's fund, the required overdraw checkbox."""
    form = ConfirmForm(
        data, reason_required=bool(left),
        reason_help=_("Required: some accepted nominees are left out of the decision.") if left else None,
    )
    fund = _fund(issuer, nominees, date)
    if fund is not None and fund[2] < 0:
        form.fields["overdraw_confirmed"] = _overdraw_field()
    return form


def _fund_lines(issuer, year, fund) -> tuple[list[str], list[str]]:
    """(problems, consequences) about the fund, for the page."""
    if fund is None:
        return [], [_("No award fund is set for %(issuer)s in %(year)s: the reward money is not checked "
                      "against a fund.") % {"issuer": issuer.name, "year": year}]
    before, amount, after = fund
    line = _("Award fund of %(year)s: balance %(before)s đồng before this decision, %(after)s đồng after it.") % {
        "year": year, "before": money(before), "after": money(after)}
    if after >= 0:
        return [], [line]
    return [overdraw_problem(issuer=issuer, year=year, balance=before, amount=amount)], [line]


def issue_confirmation(request, *, dossier, issuer, nominees, decision_form, confirm_form=None, status=200):
    """The page between the decision form and issuing it. ``decision_form`` is valid: its entries are
    carried as hidden fields, so confirming posts them again with ``confirmed=1``, the reason and,
    when the fund would be overdrawn, the confirmation of it."""
    left = left_out(dossier, issuer)
    data = decision_form.cleaned_data
    fund = _fund(issuer, nominees, data["date"])
    if confirm_form is None:
        confirm_form = issue_confirm_form(issuer=issuer, nominees=nominees, date=data["date"], left=left)
    elif fund is not None and fund[2] < 0 and "overdraw_confirmed" not in confirm_form.fields:
        # The fund moved since the page was shown (another decision drew from it): ask now.
        confirm_form.fields["overdraw_confirmed"] = _overdraw_field()
    fund_problems, fund_consequences = _fund_lines(issuer, data["date"].year, fund)
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
        *fund_consequences,
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
        "problems": ([left_out_problem(left)] if left else []) + fund_problems,
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
