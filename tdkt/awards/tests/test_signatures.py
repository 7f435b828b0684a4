"""Digitally signed decisions and checked signed attachments (issue 15.1, 15.2).

A test CA and signer made with ``cryptography`` (tdkt.signing.testing); the decision's PDF is a page
with the signing block (LibreOffice is tested in test_documents; one test below runs it)."""

import datetime
import time
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import Api
from tdkt.awards.models import Attachment, Decision
from tdkt.awards.services.decisions import decision_sign
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act
from tdkt.signing import services as signing
from tdkt.signing.pki import make_ca
from tdkt.signing.testing import page_pdf, pki  # noqa: F401

from .conftest import PDF
from .test_documents import awaiting_dossier, issue

pytestmark = pytest.mark.django_db
SIGNER = "Hoàng Nam Tiến"


@pytest.fixture
def decision_pdf(monkeypatch):
    """The decision's PDF as LibreOffice would give it, quickly: one page with the signing block."""
    import tdkt.documents.generation as generation

    monkeypatch.setattr(generation, "docx_to_pdf", lambda data, **kw: page_pdf(name=SIGNER))


@pytest.fixture
def fin_signs(pki, settings, monkeypatch, awards):  # noqa: F811
    """Sở Tài chính (FIN) has a signer configured; nobody else does."""
    pki.configure(settings, monkeypatch, "FIN", awards.world.orgs["FIN"].name)
    return pki


def test_issuing_signs_the_decision_and_it_validates(awards, fin_signs, decision_pdf, client):
    dossier = awaiting_dossier(awards)
    started = time.perf_counter()
    decision = issue(awards, dossier)
    took = time.perf_counter() - started
    assert decision.signed_at is not None
    assert decision.signature_subject == awards.world.orgs["FIN"].name
    assert decision.signature_serial == format(fin_signs.signers["FIN"].certificate.serial_number, "X")
    data = decision.pdf.read()
    verdict = signing.verify_pdf(data, trust_roots=[fin_signs.root_asn1])
    assert verdict.all_valid
    assert verdict.signatures[0].signer == awards.world.orgs["FIN"].name
    assert took < 20
    # One byte altered: the check fails.
    altered = bytearray(data)
    at = altered.index(b"/MediaBox") + 12
    altered[at] = ord("7") if altered[at] != ord("7") else ord("8")
    assert signing.verify_pdf(bytes(altered), trust_roots=[fin_signs.root_asn1]).signatures[0].status == "altered"
    # The pages say so, with the signer and the time.
    client.force_login(awards.world.users["approver"])
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'data-signed="yes"' in page
    assert SIGNER in page
    public = client.get(reverse("public:decision", args=[decision.pk])).content.decode()
    assert 'data-signed="yes"' in public
    assert SIGNER in public


def test_the_api_says_signed_and_serves_the_signed_file(awards, fin_signs, decision_pdf, client):
    decision = issue(awards, awaiting_dossier(awards))
    api = Api(client, awards.world.users["approver"])
    body = api.get(f"/awards/decisions/{decision.pk}").json()
    assert body["signature"]["signed"] is True
    assert body["signature"]["text"] == "Đã ký số"
    assert body["signature"]["certificate"] == awards.world.orgs["FIN"].name
    response = api.get(f"/awards/decisions/{decision.pk}/files/pdf")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert signing.verify_pdf(data, trust_roots=[fin_signs.root_asn1]).all_valid


def test_an_issuer_without_a_signer_issues_unsigned(awards, pki, decision_pdf, client):  # noqa: F811
    decision = issue(awards, awaiting_dossier(awards))
    assert decision.signed_at is None
    assert signing.verify_pdf(decision.pdf.read()).signatures == []
    client.force_login(awards.world.users["approver"])
    assert 'data-signed="no"' in client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    body = Api(client, awards.world.users["approver"]).get(f"/awards/decisions/{decision.pk}").json()
    assert body["signature"] == {"signed": False, "text": "Chưa ký số", "signed_at": None, "certificate": "",
                                 "serial": ""}


def test_a_broken_signer_refuses_the_issue(awards, fin_signs, decision_pdf, monkeypatch):
    monkeypatch.setenv("TDKT_TEST_SIGNER_PASSWORD", "sai")
    with pytest.raises(ValidationError, match="Không ký số được"):
        issue(awards, awaiting_dossier(awards))
    assert not Decision.objects.exists()


def test_the_signed_file_is_never_generated_again(awards, fin_signs, decision_pdf, client):
    decision = issue(awards, awaiting_dossier(awards))
    signed = decision.pdf.read()
    with pytest.raises(ValidationError, match="đã được ký số"):
        decision_sign(actor=awards.world.users["approver"], decision=decision, pdf=page_pdf(name=SIGNER))
    # Even when the stored file is gone, the page does not make a new one: it says why.
    decision.pdf.storage.delete(decision.pdf.name)
    client.force_login(awards.world.users["approver"])
    response = client.get(reverse("awards:decision_pdf", args=[decision.pk]), follow=True)
    assert "tệp PDF đã ký không được tạo lại" in response.content.decode()
    decision.refresh_from_db()
    assert decision.signed_at is not None
    assert not decision.pdf.storage.exists(decision.pdf.name)
    assert signed  # what was issued stays the issued file


@pytest.mark.libreoffice
def test_the_real_decision_is_signed_over_the_signers_name(awards, fin_signs):
    """Through LibreOffice: the visible block lands on the page of the closing, right half, above the name."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from tdkt.documents.generation import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    decision = issue(awards, awaiting_dossier(awards))
    data = decision.pdf.read()
    [embedded] = PdfFileReader(BytesIO(data)).embedded_signatures
    x1, y1, x2, y2 = (float(v) for v in embedded.sig_field["/Rect"])
    assert x1 > 250
    assert y2 - y1 > 40
    assert signing.verify_pdf(data, trust_roots=[fin_signs.root_asn1]).all_valid


# --- attachments ---------------------------------------------------------------------------------


def _draft(awards, *, signed_component=False):
    world = awards.world
    officer = world.users["unit_officer"]
    form = awards.forms["GK_STC"]
    if signed_component:
        form.components = [{**c, "signed": True} if c["code"] == "to_trinh" else c for c in form.components]
        form.save(update_fields=["components"])
    dossier = dossier_create(actor=officer, round=awards.round, organization=world.orgs["FIN"], title="Hồ sơ")
    nominee_add(actor=officer, dossier=dossier, award=form, achievement="Hoàn thành xuất sắc nhiệm vụ",
                justification="Theo thành tích", person=world.people["fin"])
    return dossier, officer


def _upload(dossier, officer, component, data, name="to-trinh.pdf"):
    return attachment_add(actor=officer, dossier=dossier, component=component,
                          upload=SimpleUploadedFile(name, data, content_type="application/pdf"))


def _signed_by(pki, name, *, root=None):  # noqa: F811
    return signing.sign_pdf(actor=None, pdf=page_pdf(name="Lê Văn A"), organization=None, signer_name="Lê Văn A",
                            signer_title="GIÁM ĐỐC", configured=pki.signer(name, root=root))


def test_uploads_are_checked_and_the_dossier_shows_each_status(awards, pki, client):  # noqa: F811
    dossier, officer = _draft(awards)
    good = _upload(dossier, officer, "to_trinh", _signed_by(pki, "Sở Tài chính"))
    foreign = _upload(dossier, officer, "bien_ban", _signed_by(pki, "Sở Tài chính", root=make_ca("Lạ CA")),
                      name="bien-ban.pdf")
    altered = bytearray(_signed_by(pki, "Sở Tài chính"))
    at = altered.index(b"/MediaBox") + 12
    altered[at] = ord("7") if altered[at] != ord("7") else ord("8")
    changed = _upload(dossier, officer, "bao_cao", bytes(altered), name="bao-cao.pdf")
    plain = _upload(dossier, officer, "bao_cao", page_pdf(), name="khong-ky.pdf")
    word = attachment_add(actor=officer, dossier=dossier, component="bao_cao", upload=SimpleUploadedFile(
        "a.docx", open_docx(), content_type="application/octet-stream"))
    statuses = {a.pk: a.signature_verdict for a in Attachment.objects.filter(dossier=dossier)}
    assert statuses[good.pk].summary == "Chữ ký hợp lệ"
    assert statuses[foreign.pk].summary == "Chứng thư không thuộc nguồn tin cậy"
    assert statuses[changed.pk].summary == "Tệp đã bị sửa sau khi ký"
    assert statuses[plain.pk].summary == "Không có chữ ký số"
    assert statuses[word.pk] is None
    client.force_login(officer)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    for text in ("Chữ ký hợp lệ", "Chứng thư không thuộc nguồn tin cậy", "Tệp đã bị sửa sau khi ký"):
        assert text in page
    assert 'data-signature="none"' in page
    body = Api(client, officer).get(f"/awards/dossiers/{dossier.pk}").json()
    by_id = {a["id"]: a["signatures"] for a in body["attachments"]}
    assert by_id[good.pk]["all_valid"] is True
    assert by_id[good.pk]["signatures"][0]["status"] == "valid"
    assert by_id[foreign.pk]["signatures"][0]["status"] == "untrusted"
    assert by_id[changed.pk]["signatures"][0]["status"] == "altered"
    assert by_id[plain.pk] == {"signed": False, "all_valid": False, "summary": "Không có chữ ký số", "signatures": []}
    assert by_id[word.pk] is None


def open_docx() -> bytes:
    from docx import Document

    out = BytesIO()
    Document().save(out)
    return out.getvalue()


def test_a_dossier_needing_a_signed_to_trinh_cannot_be_sent_without_it(awards, pki, client):  # noqa: F811
    dossier, officer = _draft(awards, signed_component=True)
    _upload(dossier, officer, "to_trinh", page_pdf())  # not signed
    _upload(dossier, officer, "bien_ban", PDF, name="bien-ban.pdf")
    _upload(dossier, officer, "bao_cao", PDF, name="bao-cao.pdf")
    with pytest.raises(ValidationError, match="phải là tệp PDF có chữ ký số hợp lệ") as refused:
        dossier_act(actor=officer, dossier=dossier, action="submit")
    assert "Tờ trình đề nghị khen thưởng" in str(refused.value)
    client.force_login(officer)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert 'data-unsigned="yes"' in page
    api = Api(client, officer)
    answer = api.post(f"/awards/dossiers/{dossier.pk}/actions/submit", {})
    assert answer.status_code == 400
    assert "chữ ký số hợp lệ" in answer.content.decode()
    # A tờ trình signed from an untrusted root does not count either.
    _upload(dossier, officer, "to_trinh", _signed_by(pki, "Sở Tài chính", root=make_ca("Lạ CA")))
    with pytest.raises(ValidationError, match="chữ ký số hợp lệ"):
        dossier_act(actor=officer, dossier=dossier, action="submit")
    _upload(dossier, officer, "to_trinh", _signed_by(pki, "Sở Tài chính"))
    sent = dossier_act(actor=officer, dossier=dossier, action="submit")
    assert sent.state == "submitted"


def test_the_catalogue_form_reads_and_writes_signed(awards):
    from tdkt.awards.forms_catalogue import components_text, parse_components

    parsed = parse_components("to_trinh | Tờ trình | yes | signed\nbao_cao | Báo cáo | no")
    assert parsed == [{"code": "to_trinh", "label": "Tờ trình", "required": True, "signed": True},
                      {"code": "bao_cao", "label": "Báo cáo", "required": False}]
    assert components_text(parsed) == "to_trinh | Tờ trình | yes | signed\nbao_cao | Báo cáo | no"
    with pytest.raises(ValidationError):
        parse_components("to_trinh | Tờ trình | yes | maybe")


def test_timing_is_measured(awards, fin_signs, decision_pdf):
    """Not a limit: prints what signing a decision and checking it take here (the report quotes it)."""
    decision = issue(awards, awaiting_dossier(awards))
    data = decision.pdf.read()
    started = time.perf_counter()
    for _ in range(5):
        signing.verify_pdf(data, trust_roots=[fin_signs.root_asn1])
    verify = (time.perf_counter() - started) / 5
    print(f"verify {verify * 1000:.0f} ms for {len(data)} bytes; signed at {decision.signed_at:%H:%M:%S}")
    assert verify < 5
    assert datetime.datetime.now(datetime.UTC) >= decision.signed_at


@pytest.mark.libreoffice
def test_the_demo_signs_312_and_the_api_file_checks_against_the_demo_root(client, settings, tmp_path):
    """The demo's 312/QĐ-SNV: its PDF from the API validates against var/demo-pki/demo-root.pem (here
    the test's own folder), the root the README points to, also served at /cong-khai/chung-thu-demo.pem."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    from tdkt.accounts.models import User
    from tdkt.core.demo.loader import load_demo
    from tdkt.documents.generation import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    settings.TDKT_DEMO_PKI_DIR = tmp_path / "demo-pki"
    settings.TDKT_TRUST_ROOTS = []
    assert load_demo() is True
    decision = Decision.objects.get(number=312, symbol="QĐ-SNV")
    assert decision.signed_at is not None
    api = Api(client, User.objects.get(username="pheduyet"))
    response = api.get(f"/awards/decisions/{decision.pk}/files/pdf")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    root_pem = (tmp_path / "demo-pki" / "demo-root.pem").read_bytes()
    root = asn1_x509.Certificate.load(pem.unarmor(root_pem)[2])
    verdict = signing.verify_pdf(data, trust_roots=[root])
    assert verdict.all_valid, verdict
    assert verdict.signatures[0].signer == decision.issuer.name
    assert client.get("/cong-khai/chung-thu-demo.pem").content == root_pem
    assert api.get(f"/awards/decisions/{decision.pk}").json()["signature"]["signed"] is True
    settings.TDKT_DEMO = False
    assert client.get("/cong-khai/chung-thu-demo.pem").status_code == 404
