"""The decision pages: issue through the page (approver only), a failed generation gives 503 and
changes nothing, the detail with awardees and money, revocation, downloads, forwarding, the panel
of the dossier page, and scope (404 outside)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Awardee, CommendationRound, Decision
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise
from tdkt.documents.generation import DocumentError
from tdkt.records.models import HonourRecord

from .conftest import PDF
from .test_documents import awaiting_dossier, issue

POST = {"date": "20/08/2025", "symbol": "QĐ-STC", "subject": "Về việc tặng Giấy khen", "signer_name": "Hoàng Nam Tiến",
        "signer_title": "GIÁM ĐỐC", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;"}


@pytest.fixture
def fake_pdf(monkeypatch):
    """LibreOffice is tested in test_documents; here the conversion answers at once."""
    import tdkt.documents.generation as generation

    monkeypatch.setattr(generation, "docx_to_pdf", lambda data, **kw: b"%PDF-1.4 test\n%%EOF")


def _url(dossier, awards):
    return reverse("awards:decision_new", args=[dossier.pk]) + f"?issuer={awards.world.orgs['FIN'].pk}"


def test_approver_issues_through_the_page(client, awards, fake_pdf):
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    page = client.get(_url(dossier, awards))
    assert page.status_code == 200
    body = page.content.decode()
    assert "QĐ-STC" in body
    assert "GIÁM ĐỐC SỞ TÀI CHÍNH" in body
    assert "Luật Thi đua, khen thưởng" in body
    assert "Nguyễn Văn Đức" in body
    # The filled form leads to the confirmation page (what will happen); nothing is issued yet.
    page = client.post(_url(dossier, awards), {**POST, "issuer": awards.world.orgs["FIN"].pk})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="confirm-step"' in body
    assert 'id="confirm-problems"' not in body  # nobody left out: no reason asked
    assert "2.830.000" in body  # the reward money in total
    assert 'name="legal_bases" value="Căn cứ Luật Thi đua' in body  # the entries are carried
    assert not Decision.objects.exists()
    response = client.post(_url(dossier, awards), {**POST, "issuer": awards.world.orgs["FIN"].pk, "confirmed": "1"})
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision", args=[decision.pk])
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    assert decision.reference == "1/QĐ-STC"
    assert HonourRecord.objects.filter(person=awards.world.people["fin"], code="GK", year=2025).exists()
    detail = client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn Đức" in detail
    assert "710.000" in detail
    assert "2.830.000" in detail
    assert reverse("awards:certificates", args=[decision.pk]) in detail


def test_form_errors_stay_on_the_page(client, awards, fake_pdf):
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    response = client.post(_url(dossier, awards), {**POST, "date": "32/13/2025", "signer_name": ""})
    assert response.status_code == 200
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", ["unit_officer", "standing_office", "council_member"])
def test_others_cannot_issue(client, awards, role):
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users[role])
    assert client.get(_url(dossier, awards)).status_code == 403
    assert client.post(_url(dossier, awards), POST).status_code == 403
    assert not Decision.objects.exists()


def test_failed_generation_gives_503_and_changes_nothing(client, awards, monkeypatch):
    import tdkt.documents.generation as generation

    def broken(data, **kw):
        raise DocumentError("Máy chủ chưa cài LibreOffice (lệnh soffice) nên không tạo được tệp PDF.", status=503)

    monkeypatch.setattr(generation, "docx_to_pdf", broken)
    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    response = client.post(_url(dossier, awards), {**POST, "confirmed": "1"})
    assert response.status_code == 503
    assert "LibreOffice" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_DECISION
    assert not Decision.objects.exists()
    assert not Awardee.objects.exists()
    assert not HonourRecord.objects.filter(code="GK").exists()


def test_revoke_through_the_page(client, awards, fake_pdf):
    decision = issue(awards, awaiting_dossier(awards))
    url = reverse("awards:decision_revoke", args=[decision.pk])
    client.force_login(awards.world.users["unit_officer"])
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert 'id="revoke"' not in client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert client.get(url).status_code == 403
    client.force_login(awards.world.users["approver"])
    # The form on the decision's page (or any POST without the confirmation) shows the page, the
    # reason carried over; nothing is revoked until it is confirmed.
    page = client.post(url, {"reason": "Kê khai thành tích không đúng"})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="confirm-consequences"' in body
    assert "Kê khai thành tích không đúng</textarea>" in body
    decision.refresh_from_db()
    assert decision.revoked_on is None
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "", "confirmed": "1"}).status_code == 400
    response = client.post(url, {"reason": "Kê khai thành tích không đúng", "confirmed": "1"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.revoked_on is not None
    assert not HonourRecord.objects.filter(code="GK", revoked_on__isnull=True).exists()
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'id="revoked-banner"' in page
    assert "Kê khai thành tích không đúng" in page
    assert client.get(reverse("awards:certificates", args=[decision.pk])).status_code == 404


def test_downloads_and_on_demand_generation(client, awards, fake_pdf):
    decision = issue(awards, awaiting_dossier(awards))
    client.force_login(awards.world.users["unit_officer"])  # the proposing unit sees its decision
    for name, start in (("awards:decision_docx", b"PK"), ("awards:decision_pdf", b"%PDF")):
        response = client.get(reverse(name, args=[decision.pk]))
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(start)
    Decision.objects.filter(pk=decision.pk).update(docx="", pdf="")  # e.g. demo data without files
    response = client.get(reverse("awards:decision_docx", args=[decision.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"PK")
    decision.refresh_from_db()
    assert decision.docx.name  # generated once, then stored
    response = client.get(reverse("awards:certificates", args=[decision.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_missing_pdf_with_libreoffice_broken_gives_503(client, awards, fake_pdf, monkeypatch):
    import tdkt.documents.generation as generation

    decision = issue(awards, awaiting_dossier(awards))
    Decision.objects.filter(pk=decision.pk).update(pdf="")

    def broken(data, **kw):
        raise DocumentError("LibreOffice không chuyển xong văn bản sang PDF trong 120 giây.", status=503)

    monkeypatch.setattr(generation, "docx_to_pdf", broken)
    client.force_login(awards.world.users["approver"])
    assert client.get(reverse("awards:decision_pdf", args=[decision.pk])).status_code == 503


def test_out_of_scope_is_404(client, awards, fake_pdf):
    decision = issue(awards, awaiting_dossier(awards))
    for role in ("viewer", "nobody"):
        client.force_login(awards.world.users[role])
        for name in ("awards:decision", "awards:decision_docx", "awards:decision_pdf", "awards:certificates"):
            assert client.get(reverse(name, args=[decision.pk])).status_code == 404, (role, name)
        assert client.post(reverse("awards:decision_revoke", args=[decision.pk]), {"reason": "x"}).status_code == 404
        assert client.get(reverse("awards:decision_new", args=[decision.dossier_id])).status_code == 404
        assert "1/QĐ-STC" not in client.get(reverse("awards:decisions")).content.decode()
    client.force_login(awards.world.users["approver"])
    assert "1/QĐ-STC" in client.get(reverse("awards:decisions")).content.decode()


def _panel(dossier, user) -> str:
    return Template("{% load awards_decisions %}{% decisions_panel dossier user %}").render(
        Context({"dossier": dossier, "user": user}))


def test_panel_links_for_approver_and_list_after(awards, fake_pdf):
    dossier = awaiting_dossier(awards)
    url = reverse("awards:decision_new", args=[dossier.pk])
    assert url in _panel(dossier, awards.world.users["approver"])
    assert url not in _panel(dossier, awards.world.users["unit_officer"])
    issue(awards, dossier)
    dossier.refresh_from_db()
    html = _panel(dossier, awards.world.users["unit_officer"])
    assert "1/QĐ-STC" in html
    assert "20/08/2025" in html
    assert "Sở Tài chính" in html
    assert url not in _panel(dossier, awards.world.users["approver"])


def test_forward_through_the_page(client, awards, world):
    fin_round = CommendationRound.objects.create(authority=world.orgs["FIN"], kind="regular",
                                                 title="Khen thưởng Sở Tài chính 2025", year=2025)
    officer, office = world.users["unit_officer"], world.users["standing_office"]
    dossier = dossier_create(actor=officer, round=fin_round, organization=world.orgs["FIN"], title="Đề nghị")
    nominee_add(actor=officer, dossier=dossier, award=awards.forms["BK_CT"], person=world.people["fin"],
                justification="Thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        attachment_add(actor=officer, dossier=dossier, component=component,
                       upload=SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf"))
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    url = reverse("awards:dossier_forward", args=[dossier.pk])
    assert url in _panel(dossier, office)
    client.force_login(world.users["approver"])
    assert client.get(url).status_code == 403
    client.force_login(office)
    page = client.get(url).content.decode()
    assert "Khen thưởng thường xuyên năm 2025" in page
    assert "Khen thưởng Sở Tài chính 2025" not in page
    response = client.post(url, {"round": awards.round.pk, "reason": "Vượt thẩm quyền của Sở"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == State.FORWARDED
    upstream = dossier.forwarded_dossiers.get()
    assert upstream.round == awards.round
    assert upstream.nominees.count() == 1


def test_recipients_are_the_clerks_lines_in_the_docx(client, awards, fake_pdf):
    from tdkt.awards.documents import decision_docx
    from tdkt.documents.tests.helpers import docx_text

    dossier = awaiting_dossier(awards)
    client.force_login(awards.world.users["approver"])
    assert "Như Điều 3;" in client.get(_url(dossier, awards)).content.decode()  # the usual lines, to edit
    recipients = "Như Điều 3;\r\nUBND tỉnh (b/c);\r\nSở Tài chính;\r\nLưu: VT, TĐKT."
    response = client.post(_url(dossier, awards), {**POST, "recipients": recipients, "confirmed": "1",
                                                   "issuer": awards.world.orgs["FIN"].pk})
    assert response.status_code == 302
    decision = Decision.objects.get()
    text = docx_text(decision_docx(decision))
    closing = text.split("Nơi nhận:", 1)[1]
    assert "- Như Điều 3; - UBND tỉnh (b/c); - Sở Tài chính; - Lưu: VT, TĐKT." in closing
