"""Pages of the award fund (Quỹ thi đua, khen thưởng, issue 13.6): the funds per issuer and year with
what decisions drew, what revocations gave back and the balance; a fund's report (every decision
drawn from it) and its Excel export; the form that sets a year's allocation.

Thin: reads through selectors_fund (out of scope = 404), writes through services.fund (which checks
who may set it again)."""

import datetime
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tdkt.core.excel import XLSX_CONTENT_TYPE, append_row, cell, sheet_title
from tdkt.core.forms import add_service_errors
from tdkt.core.lists import int_param

from ..forms_fund import FundForm
from ..models_fund import AwardFund
from ..selectors_fund import balance_of, can_keep_fund, fund_decisions, fund_get, fund_issuers, fund_list
from ..services.fund import fund_set


def fund_list_view(request):
    year = int_param(request.GET.get("year"), digits=4)
    issuer_id = int_param(request.GET.get("issuer"))
    funds = list(fund_list(request.user, year=year, issuer_id=issuer_id))
    rows = [(fund, balance_of(fund)) for fund in funds]
    years = sorted(set(fund_list(request.user).values_list("year", flat=True)), reverse=True)
    return render(request, "awards/fund_list.html", {
        "rows": rows, "year": year, "years": years, "can_set": fund_issuers(request.user).exists(),
    })


def _decision_rows(fund: AwardFund) -> list:
    return list(fund_decisions(fund))


def fund_detail_view(request, pk):
    fund = fund_get(request.user, pk)
    return render(request, "awards/fund_detail.html", {
        "fund": fund, "balance": balance_of(fund), "decisions": _decision_rows(fund),
        "can_set": can_keep_fund(request.user, fund.issuer),
    })


def fund_xlsx_view(request, pk):
    """The report as a workbook: the fund's figures, then one line per decision. Every cell goes
    through tdkt.core.excel (a decision's subject typed as "=…" stays text)."""
    fund = fund_get(request.user, pk)
    balance = balance_of(fund)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(_("Award fund %(year)s") % {"year": fund.year}))
    bold = Font(bold=True)
    title = cell(sheet, _("Award fund of %(year)s — %(issuer)s") % {"year": fund.year, "issuer": fund.issuer.name})
    title.font = bold
    sheet.append([title])
    for label, value in (
        (_("Allocation (đồng)"), balance.allocation), (_("Drawn by decisions (đồng)"), balance.drawn),
        (_("Returned by revocations (đồng)"), balance.returned), (_("Balance (đồng)"), balance.balance),
    ):
        append_row(sheet, [label, value])
    sheet.append([])
    headers = [_("Decision"), _("Decision date"), _("Subject (trích yếu)"), _("Awardees"), _("Reward money (đồng)"),
               _("Revoked on")]
    head_cells = []
    for text in headers:
        head = cell(sheet, text)
        head.font = bold
        head_cells.append(head)
    sheet.append(head_cells)
    for decision in _decision_rows(fund):
        row = []
        for value in (decision.reference, decision.date, decision.subject, decision.awardee_count, decision.money,
                      decision.revoked_on):
            item = cell(sheet, value)
            if isinstance(value, datetime.date):
                item.number_format = "DD/MM/YYYY"
            row.append(item)
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, content_type=XLSX_CONTENT_TYPE,
                        filename=f"quy-thi-dua-khen-thuong-{fund.year}-{fund.issuer_id}.xlsx")


def fund_set_view(request):
    """Set (or change) a year's allocation; ``?issuer=&year=`` open the form on that fund."""
    issuers = fund_issuers(request.user)
    if not issuers.exists():
        raise PermissionDenied(_("Only the standing office or the admin sets the award fund."))
    initial = {}
    issuer_id = int_param(request.GET.get("issuer"))
    year = int_param(request.GET.get("year"), digits=4)
    existing = AwardFund.objects.filter(issuer__in=issuers, issuer_id=issuer_id, year=year).first() \
        if issuer_id and year else None
    if existing is not None:
        initial = {"issuer": existing.issuer, "year": existing.year, "allocation": existing.allocation,
                   "note": existing.note}
    elif issuer_id:
        initial = {"issuer": issuers.filter(pk=issuer_id).first(), **({"year": year} if year else {})}
    form = FundForm(request.POST or None, initial=initial or None, issuers=issuers)
    if request.method == "POST" and form.is_valid():
        try:
            fund = fund_set(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The allocation of the award fund of %(year)s was saved.")
                             % {"year": fund.year})
            return redirect("awards:fund", fund.pk)
    return render(request, "awards/fund_form.html", {"form": form, "existing": existing})
