"""The decision's DOCX and PDF and the certificates, really generated from a decision issued with
the services (no monkeypatching): read back with python-docx and poppler. Without soffice the PDF
tests FAIL (tdkt.documents.tests.helpers.require_soffice)."""

import datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.awards.certificates import certificates_pdf, verify_url
from tdkt.awards.documents import decision_docx, decision_files, in_words, money, place_of
from tdkt.awards.services.decisions import decision_issue
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise
from tdkt.documents.tests.helpers import docx_text, pdf_info, pdf_text, require_soffice, save_png

from .conftest import PDF

LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;\n"
    "Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ\n"
    "Căn cứ Thông tư số 15/2025/TT-BNV;"
)


def awaiting_dossier(a, *, collective=True, proposal_number="15/TTr-QLNS"):
    """A dossier of FIN with GK_STC for two people (tone marks) and a collective, accepted and
    waiting for the decision."""
    world = a.world
    officer, office = world.users["unit_officer"], world.users["standing_office"]
    dossier = dossier_create(actor=officer, round=a.round, organization=world.orgs["FIN"],
                             title="Tờ trình đề nghị khen thưởng năm 2025")
    if proposal_number:
        dossier.proposal_number = proposal_number
        dossier.save(update_fields=["proposal_number"])
    subjects = [{"person": world.people["fin"]}, {"person": world.people["fin-ns"]}]
    if collective:
        subjects.append({"collective": world.orgs["FIN-NS"]})
    for subject in subjects:
        nominee_add(actor=officer, dossier=dossier, award=a.forms["GK_STC"], achievement="Hoàn thành xuất sắc nhiệm vụ",
                    justification="Đề nghị theo thành tích nổi bật", **subject)
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        attachment_add(actor=officer, dossier=dossier, component=component,
                       upload=SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf"))
    dossier = dossier_act(actor=officer, dossier=dossier, action="submit")
    dossier = dossier_act(actor=office, dossier=dossier, action="receive")
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    return dossier_act(actor=office, dossier=dossier, action="send_for_decision")


def issue(a, dossier, **extra):
    fields = {
        "actor": a.world.users["approver"], "dossier": dossier, "issuer": a.world.orgs["FIN"],
        "date": datetime.date(2025, 8, 20), "signer_name": "Hoàng Nam Tiến", "signer_title": "GIÁM ĐỐC",
        "subject": "Về việc tặng Giấy khen của Giám đốc Sở Tài chính", "legal_bases": LEGAL_BASES,
        "symbol": "QĐ-STC", **extra,
    }
    return decision_issue(**fields)


@pytest.fixture
def docx_only(monkeypatch):
    """Issue without LibreOffice for the tests that only read the DOCX."""
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents.generation, "docx_to_pdf", lambda data: b"%PDF-1.4 not converted")


def test_money_and_place(world):
    assert money(710000) == "710.000"
    assert money(1234000) == "1.234.000"
    assert money(0) == "0"
    assert place_of(world.orgs["FIN-NS"]) == "Quảng Trị"
    assert in_words(2830000) == "(Bằng chữ: Hai triệu tám trăm ba mươi nghìn đồng)"
    assert in_words(0) == "(Bằng chữ: Không đồng)"


def test_decision_docx_reads_back(awards, docx_only):
    decision = issue(awards, awaiting_dossier(awards))
    text = docx_text(decision_docx(decision))
    for expected in [
        "SỞ TÀI CHÍNH", "UBND TỈNH QUẢNG TRỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 1/QĐ-STC", "Quảng Trị, ngày 20 tháng 8 năm 2025", "QUYẾT ĐỊNH",
        "Về việc tặng Giấy khen của Giám đốc Sở Tài chính", "GIÁM ĐỐC SỞ TÀI CHÍNH",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ;",
        "Xét đề nghị của Sở Tài chính tại Tờ trình số 15/TTr-QLNS.", "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen của Giám đốc Sở Tài chính cho 1 tập thể và 2 cá nhân (có danh sách kèm theo), "
        "đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025.",
        "Điều 2.", "tổng số tiền thưởng là 2.830.000 đồng (Bằng chữ: Hai triệu tám trăm ba mươi nghìn đồng), "
        "trích từ Quỹ thi đua, khen thưởng của Sở Tài chính.", "Điều 3.", "Nơi nhận:", "- Như Điều 3;",
        "Hoàng Nam Tiến", "DANH SÁCH", "(Kèm theo Quyết định số 1/QĐ-STC ngày 20/08/2025 của GIÁM ĐỐC SỞ TÀI CHÍNH)",
        "TT", "Họ và tên / Tập thể", "Số sổ vàng", "Tiền thưởng (đồng)", "I. CÁ NHÂN", "II. TẬP THỂ",
        "Nguyễn Văn Đức", "Trần Thị Hoa", "Phòng Quản lý ngân sách", "710.000", "1.410.000", "Tổng cộng",
    ]:
        assert expected in text, expected
    books = sorted(decision.awardees.values_list("golden_book_number", flat=True))
    assert books == [1, 2, 3]
    # The golden-book numbers are in the appendix table, after the names.
    appendix = text.split("DANH SÁCH", 1)[1]
    assert "Nguyễn Văn Đức Sở Tài chính 1 710.000" in appendix
    # The total in words closes the appendix too, in a row of its own under "Tổng cộng".
    assert appendix.endswith("Tổng cộng 2.830.000 (Bằng chữ: Hai triệu tám trăm ba mươi nghìn đồng)")


def test_decision_docx_amount_in_words_row(awards, docx_only):
    """Opened with python-docx: the appendix table's last row is one italic cell across the table
    with the total in words, and Điều 2 says the same total in figures and in words."""
    from io import BytesIO

    from docx import Document

    decision = issue(awards, awaiting_dossier(awards, collective=False))
    total = sum(decision.awardees.values_list("amount", flat=True))
    assert total == 1_420_000
    document = Document(BytesIO(decision_docx(decision)))
    article = next(p.text for p in document.paragraphs if p.text.startswith("Điều 2."))
    assert "1.420.000 đồng (Bằng chữ: Một triệu bốn trăm hai mươi nghìn đồng)," in article
    table = document.tables[-1]
    *_, total_row, words_row = table.rows
    assert total_row.cells[0].text == "Tổng cộng"
    assert total_row.cells[-1].text == "1.420.000"
    assert len({c._tc for c in words_row.cells}) == 1  # one cell spanning the table, repeated per column
    cell = words_row.cells[0]
    assert cell.text == "(Bằng chữ: Một triệu bốn trăm hai mươi nghìn đồng)"
    assert all(run.italic for p in cell.paragraphs for run in p.runs)


def test_decision_docx_without_proposal_number_and_two_forms(awards, docx_only):
    dossier = awaiting_dossier(awards, collective=False, proposal_number="")
    text = docx_text(decision_docx(issue(awards, dossier)))
    assert "Xét đề nghị của Sở Tài chính." in text
    assert "cho 2 cá nhân (có danh sách kèm theo)" in text
    assert "II. TẬP THỂ" not in text


@pytest.mark.libreoffice
def test_decision_pdf(awards):
    require_soffice()
    decision = issue(awards, awaiting_dossier(awards))  # the service generates both files
    assert decision.docx.name.endswith(".docx")
    assert decision.pdf.name.endswith(".pdf")
    docx, pdf = decision_files(decision)
    assert docx[:2] == b"PK"
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in ["QUYẾT ĐỊNH", "Số: 1/QĐ-STC", "Nguyễn Văn Đức", "Trần Thị Hoa", "710.000", "DANH SÁCH",
                     "GIÁM ĐỐC SỞ TÀI CHÍNH", "Bằng chữ: Hai triệu tám trăm ba mươi nghìn đồng"]:
        assert expected in text, expected
    assert "A4" in pdf_info(pdf)["Page size"]
    save_png(pdf, "quyet-dinh-khen-thuong")


def test_certificates_pdf(awards, docx_only, settings):
    settings.TDKT_SITE_URL = "https://tdkt.example.vn/"
    decision = issue(awards, awaiting_dossier(awards))
    pdf = certificates_pdf(decision)
    info = pdf_info(pdf)
    assert int(info["Pages"]) == decision.awardees.count() == 3
    width, height = (float(x) for x in info["Page size"].split("pts")[0].split(" x "))
    assert width > height
    assert round(width) == 842
    assert round(height) == 595
    text = pdf_text(pdf)
    assert text.count("TẶNG") >= 3
    assert text.count("GIẤY KHEN") == 3
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "GIÁM ĐỐC SỞ TÀI CHÍNH", "Nguyễn Văn Đức", "Trần Thị Hoa",
                     "Phòng Quản lý ngân sách", "Quyết định số 1/QĐ-STC ngày 20/08/2025", "Số sổ vàng: 1",
                     "Số sổ vàng: 3", "Quảng Trị, ngày 20 tháng 8 năm 2025", "Hoàng Nam Tiến",
                     "Đã có thành tích hoàn thành xuất sắc nhiệm vụ"]:
        assert expected in text, expected
    # The QR code's address is printed under it (no QR decoder here) and is the public check page.
    for awardee in decision.awardees.all():
        url = verify_url(awardee)
        assert url == "https://tdkt.example.vn" + reverse("public:verify", args=[awardee.token])
        assert url in text.replace(" ", "") or url in pdf_text(pdf).replace(" ", "")
    save_png(pdf, "bang-khen")


def test_certificate_qr_matches_the_verify_url(awards, docx_only, settings):
    """The QR image drawn on the certificate is segno's encoding of the verify URL."""
    import segno

    from tdkt.awards.certificates import qr_data_uri

    settings.TDKT_SITE_URL = ""
    decision = issue(awards, awaiting_dossier(awards, collective=False))
    awardee = decision.awardees.first()
    url = verify_url(awardee)
    assert url.startswith("http")
    assert str(awardee.token) in url
    expected = segno.make(url, error="m").png_data_uri(scale=6, border=0)
    assert qr_data_uri(url) == expected


def test_settings_site_url_is_used():
    assert hasattr(settings, "TDKT_SITE_URL")


def test_decision_recipients_and_bases_typed_with_dashes_print_one_dash(awards, docx_only):
    """ "- - Như Điều 3" when the clerk typed the dash: the DOCX prints its own, once."""
    decision = issue(awards, awaiting_dossier(awards, collective=False),
                     recipients="- Như Điều 3;\n– UBND tỉnh (b/c);\n• Lưu: VT, TĐKT.\n-",
                     legal_bases="- Luật Thi đua, khen thưởng ngày 15/6/2022;\n- Căn cứ Thông tư số 15/2025/TT-BNV;")
    text = docx_text(decision_docx(decision))
    closing = text.split("Nơi nhận:", 1)[1]
    assert "- Như Điều 3; - UBND tỉnh (b/c); - Lưu: VT, TĐKT." in closing
    for doubled in ("- -", "- –", "- •"):
        assert doubled not in closing
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;" in text
    assert "Căn cứ Thông tư số 15/2025/TT-BNV;" in text
    assert "Căn cứ -" not in text
