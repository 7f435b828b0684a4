"""The award fund's pages (issue 13.6): the menu entry, the list and the report with their figures,
the Excel export read back, the allocation form (money typed the Vietnamese way), scope, and the
decision's confirmation page with the fund's balance and the overdraw checkbox.

The fixtures' decision draws 2.830.000 đồng (see test_fund.py: 710.000 + 710.000 + 1.410.000)."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_user
from tdkt.awards.forms_fund import FundForm
from tdkt.awards.models import AwardFund, Decision
from tdkt.awards.services.decisions import decision_revoke
from tdkt.awards.services.fund import fund_set

from .test_documents import awaiting_dossier, issue

POST = {"date": "20/08/2025", "symbol": "QĐ-STC", "subject": "Về việc tặng Giấy khen", "signer_name": "Hoàng Nam Tiến",
        "signer_title": "GIÁM ĐỐC", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"}


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _fund(a, allocation, *, year=2025, org="FIN"):
    return fund_set(actor=a.world.users["standing_office"], issuer=a.world.orgs[org], year=year,
                    allocation=allocation)


def _decisions(a):
    """Two decisions of Sở Tài chính in 2025, the first revoked on 01/09/2025; its subject looks like
    a formula, which the export must keep as text."""
    first = issue(a, awaiting_dossier(a), subject="=HYPERLINK(\"http://x\",\"Bấm\")")
    decision_revoke(actor=a.world.users["approver"], decision=first, reason="Sai đối tượng",
                    on=datetime.date(2025, 9, 1))
    second = issue(a, awaiting_dossier(a), date=datetime.date(2025, 10, 2))
    return first, second


def test_menu_list_and_report(client, awards):
    fund = _fund(awards, 10_000_000)
    first, second = _decisions(awards)
    client.force_login(awards.world.users["standing_office"])
    listing = client.get(reverse("awards:funds"))
    assert listing.status_code == 200
    body = listing.content.decode()
    assert f'href="{reverse("awards:funds")}"' in body  # the entry of the Khen thưởng menu
    assert "<caption>" in body
    assert 'scope="col"' in body
    # 10.000.000 allocated; 5.660.000 drawn, 2.830.000 given back: 10.000.000 − 2.830.000 = 7.170.000.
    for figure in ("10.000.000", "5.660.000", "2.830.000", "7.170.000"):
        assert figure in body
    report = client.get(reverse("awards:fund", args=[fund.pk])).content.decode()
    assert "1/QĐ-STC" in report
    assert "2/QĐ-STC" in report
    assert "01/09/2025" in report  # the revocation's date
    assert "02/10/2025" in report
    assert reverse("awards:fund_xlsx", args=[fund.pk]) in report
    assert 'id="fund-edit"' in report


def test_excel_report_reads_back(client, awards):
    fund = _fund(awards, 10_000_000)
    _decisions(awards)
    client.force_login(awards.world.users["approver"])
    response = client.get(reverse("awards:fund_xlsx", args=[fund.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert "Sở Tài chính" in rows[0][0]
    figures = [r[1] for r in rows[1:5]]
    assert figures == [10_000_000, 5_660_000, 2_830_000, 7_170_000]
    header = next(i for i, r in enumerate(rows) if r[0] == "Decision" or r[0] == "Quyết định")
    decisions = rows[header + 1:]
    assert [(r[0], r[1].date(), r[3], r[4]) for r in decisions] == [
        ("1/QĐ-STC", datetime.date(2025, 8, 20), 3, 2_830_000), ("2/QĐ-STC", datetime.date(2025, 10, 2), 3, 2_830_000)]
    assert decisions[0][5].date() == datetime.date(2025, 9, 1)
    assert decisions[1][5] is None
    formula_like = sheet.cell(row=header + 2, column=3)
    assert formula_like.value == "=HYPERLINK(\"http://x\",\"Bấm\")"
    assert formula_like.data_type == "s"  # text, not a formula


def test_set_the_allocation_the_vietnamese_way(client, awards):
    client.force_login(awards.world.users["standing_office"])
    url = reverse("awards:fund_set")
    fin = awards.world.orgs["FIN"]
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{fin.pk}"' in page.content.decode()
    refused = client.post(url, {"issuer": fin.pk, "year": 2025, "allocation": "1,234,000"})
    assert refused.status_code == 200
    errors = re.findall(r'<div class="invalid-feedback d-block">([^<]*)</div>', refused.content.decode())
    label = str(FundForm.base_fields["allocation"].label)
    # The message names the box and gives the form to type: “1.234.000”.
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{label}: ")
    assert "“1.234.000”" in errors[0]
    assert not AwardFund.objects.exists()
    response = client.post(url, {"issuer": fin.pk, "year": 2025, "allocation": "1.234.000", "note": "Dự toán"})
    fund = AwardFund.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:fund", args=[fund.pk])
    assert fund.allocation == 1_234_000
    # The change form opens on the fund's values, grouped the Vietnamese way.
    edit = client.get(url, {"issuer": fin.pk, "year": 2025}).content.decode()
    assert 'value="1.234.000"' in edit
    client.post(url, {"issuer": fin.pk, "year": 2025, "allocation": "2.500.000"})
    fund.refresh_from_db()
    assert fund.allocation == 2_500_000
    assert AwardFund.objects.count() == 1


def test_unit_officer_and_other_offices_neither_see_nor_set(client, awards):
    fund = _fund(awards, 5_000_000)
    for user in (awards.world.users["unit_officer"], make_user("thuongtruc_q", "standing_office",
                                                                awards.world.orgs["Q"])):
        client.force_login(user)
        assert "Sở Tài chính" not in client.get(reverse("awards:funds")).content.decode()
        assert client.get(reverse("awards:fund", args=[fund.pk])).status_code == 404
        assert client.get(reverse("awards:fund_xlsx", args=[fund.pk])).status_code == 404
        response = client.post(reverse("awards:fund_set"), {"issuer": awards.world.orgs["FIN"].pk, "year": 2025,
                                                            "allocation": "1.000"})
        assert response.status_code in (200, 403)
    assert AwardFund.objects.get().allocation == 5_000_000
    client.force_login(awards.world.users["unit_officer"])
    assert client.get(reverse("awards:fund_set")).status_code == 403


# The decision's confirmation page ----------------------------------------------------------------


def _issue_url(dossier, a):
    return reverse("awards:decision_new", args=[dossier.pk]) + f"?issuer={a.world.orgs['FIN'].pk}"


def test_confirmation_asks_to_confirm_an_overdraw(client, awards):
    _fund(awards, 2_000_000)
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    url, fields = _issue_url(dossier, awards), {**POST, "issuer": awards.world.orgs["FIN"].pk}
    page = client.post(url, fields).content.decode()
    assert 'id="confirm-step"' in page
    # 2.000.000 before; 2.000.000 − 2.830.000 = −830.000 after.
    assert "2.000.000" in page
    assert "-830.000" in page
    assert 'name="overdraw_confirmed"' in page
    assert 'type="checkbox"' in page
    refused = client.post(url, {**fields, "confirmed": "1"})
    assert refused.status_code == 400
    assert 'name="overdraw_confirmed"' in refused.content.decode()
    assert not Decision.objects.exists()
    response = client.post(url, {**fields, "confirmed": "1", "overdraw_confirmed": "on"})
    assert response.status_code == 302
    assert Decision.objects.count() == 1


def test_confirmation_shows_the_balance_or_that_there_is_no_fund(client, awards):
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    url, fields = _issue_url(dossier, awards), {**POST, "issuer": awards.world.orgs["FIN"].pk}
    no_fund = client.post(url, fields).content.decode()
    assert 'name="overdraw_confirmed"' not in no_fund
    assert "Sở Tài chính" in no_fund
    assert "2025" in no_fund
    assert "7.170.000" not in no_fund
    _fund(awards, 10_000_000)
    page = client.post(url, fields).content.decode()
    assert "10.000.000" in page
    assert "7.170.000" in page
    assert 'name="overdraw_confirmed"' not in page
    assert no_fund != page
    response = client.post(url, {**fields, "confirmed": "1"})
    assert response.status_code == 302


def test_an_overdraw_arising_after_the_page_was_shown_is_asked_then(client, awards):
    _fund(awards, 3_000_000)
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    url, fields = _issue_url(dossier, awards), {**POST, "issuer": awards.world.orgs["FIN"].pk}
    assert 'name="overdraw_confirmed"' not in client.post(url, fields).content.decode()
    issue(awards, awaiting_dossier(awards))  # another decision draws 2.830.000 meanwhile: 170.000 left
    refused = client.post(url, {**fields, "confirmed": "1"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert 'name="overdraw_confirmed"' in body
    assert "170.000" in body
    assert Decision.objects.count() == 1
