"""The public pages: reachable without login, showing only what was published, and of a person only
the name, position and organisation."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Awardee, Decision
from tdkt.awards.services.decisions import decision_issue, decision_revoke
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise
from tdkt.awards.tests.conftest import PDF

BIRTH_DATES = ("05/06/1980", "1980-06-05", "5/6/1980", "05-06-1980")


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _dossier(a, code, person="fin"):
    officer = a.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"],
                             title=f"Tờ trình đề nghị khen thưởng {code}")
    nominee_add(actor=officer, dossier=dossier, award=a.forms[code], person=a.world.people[person],
                achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        attachment_add(actor=officer, dossier=dossier, component=component,
                       upload=SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf"))
    return dossier


def _appraised(a, code, person="fin"):
    officer, office = a.world.users["unit_officer"], a.world.users["standing_office"]
    dossier = _dossier(a, code, person)
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    return dossier_act(actor=office, dossier=dossier, action="appraise")


def _decision(a, person="fin") -> Decision:
    office = a.world.users["standing_office"]
    dossier = dossier_act(actor=office, dossier=_appraised(a, "GK_STC", person), action="send_for_decision")
    return decision_issue(
        actor=a.world.users["approver"], dossier=dossier, issuer=a.world.orgs["FIN"],
        date=datetime.date(2025, 8, 20), signer_name="Hoàng Nam Tiến", signer_title="GIÁM ĐỐC",
        subject="Về việc tặng Giấy khen năm 2025", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
        symbol="QĐ-STC",
    )


def _no_birth_date(response):
    text = response.content.decode()
    for shown in BIRTH_DATES:
        assert shown not in text


def test_home_decision_and_verify_without_login(client, awards):
    decision = _decision(awards)
    awardee = Awardee.objects.get(decision=decision)
    home = client.get(reverse("public:home"))
    assert home.status_code == 200
    assert "1/QĐ-STC" in home.content.decode()
    assert "Về việc tặng Giấy khen năm 2025" in home.content.decode()
    _no_birth_date(home)
    page = client.get(reverse("public:decision", args=[decision.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nguyễn Văn Đức" in body
    assert "Sở Tài chính" in body
    assert "Giấy khen của Giám đốc Sở Tài chính" in body
    assert 'id="decision-revoked"' not in body
    assert "710.000" not in body
    assert "710000" not in body
    _no_birth_date(page)
    verify = client.get(reverse("public:verify", args=[awardee.token]))
    assert verify.status_code == 200
    assert 'id="verify-valid"' in verify.content.decode()
    assert 'id="verify-revoked"' not in verify.content.decode()
    assert "Nguyễn Văn Đức" in verify.content.decode()
    _no_birth_date(verify)
    assert "<form" not in page.content.decode()
    assert "<form" not in verify.content.decode()
    assert not page.has_header("X-Robots-Tag")

    decision_revoke(actor=awards.world.users["approver"], decision=decision, reason="Kê khai thành tích không đúng")
    verify = client.get(reverse("public:verify", args=[awardee.token]))
    assert 'id="verify-revoked"' in verify.content.decode()
    assert 'id="verify-valid"' not in verify.content.decode()
    assert "Kê khai thành tích không đúng" in verify.content.decode()
    page = client.get(reverse("public:decision", args=[decision.pk]))
    assert 'id="decision-revoked"' in page.content.decode()
    assert "Kê khai thành tích không đúng" in page.content.decode()


def test_unknown_token_and_unpublished_decision_are_not_found(client, awards):
    decision = _decision(awards)
    assert client.get(reverse("public:verify", args=[uuid.uuid4()])).status_code == 404
    Decision.objects.filter(pk=decision.pk).update(published=False)
    assert client.get(reverse("public:decision", args=[decision.pk])).status_code == 404
    token = Awardee.objects.get(decision=decision).token
    assert client.get(reverse("public:verify", args=[token])).status_code == 404
    assert "1/QĐ-STC" not in client.get(reverse("public:home")).content.decode()
    assert client.get(reverse("public:decision", args=[999999])).status_code == 404


def test_accent_free_search_finds_awardees_and_numbers(client, awards):
    _decision(awards)
    response = client.get(reverse("public:home"), {"q": "nguyen van duc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1/QĐ-STC" in body
    assert "Nguyễn Văn Đức" in body
    body = client.get(reverse("public:home"), {"q": "TAI CHINH"}).content.decode()
    assert "1/QĐ-STC" in body
    body = client.get(reverse("public:home"), {"q": "1/QĐ-STC"}).content.decode()
    assert "Nguyễn Văn Đức" not in body  # found by number: no awardee listed as matched
    assert 'href="/cong-khai/quyet-dinh/' in body
    assert "1/QĐ-STC" not in client.get(reverse("public:home"), {"q": "1/QĐ-UBND"}).content.decode()
    body = client.get(reverse("public:home"), {"q": "tran thi hoa"}).content.decode()
    assert "1/QĐ-STC" not in body
    body = client.get(reverse("public:home"), {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in body  # escaped


def test_notice_page_only_while_the_list_is_published(client, awards):
    office = awards.world.users["standing_office"]
    draft = _dossier(awards, "BK_CT", "fin-ns")
    assert client.get(reverse("public:notice", args=[draft.pk])).status_code == 404
    dossier = _appraised(awards, "BK_CT")
    assert client.get(reverse("public:notice", args=[dossier.pk])).status_code == 404
    dossier = dossier_act(actor=office, dossier=dossier, action="publish_notice")
    assert dossier.state == State.NOTICE
    home = client.get(reverse("public:home"))
    assert reverse("public:notice", args=[dossier.pk]) in home.content.decode()
    response = client.get(reverse("public:notice", args=[dossier.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nguyễn Văn Đức" in body
    assert "Sở Tài chính" in body
    assert "Bằng khen của Chủ tịch UBND tỉnh" in body
    assert "UBND tỉnh Quảng Trị" in body  # where to send objections
    assert dossier.notice_until.strftime("%d/%m/%Y") in body
    assert "Hoàn thành xuất sắc nhiệm vụ" not in body  # only name, position, organisation and form
    _no_birth_date(response)
    assert client.post(reverse("public:notice", args=[dossier.pk])).status_code == 405
