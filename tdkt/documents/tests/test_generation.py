"""DOCX generation: the seed-000 plan rendered through the shipped templates and read back with
python-docx — header (quốc hiệu, tiêu ngữ, số/ký hiệu, địa danh và ngày), title, body, signature,
nơi nhận, every quarter and task, and every Vietnamese tone mark intact."""

import datetime
import unicodedata
from io import BytesIO

import pytest
from docx import Document
from docx.shared import Pt

from tdkt.documents import generation

from .conftest import COVENANT_ITEMS, EXTRA_MEMBERS, NFD_TASK, NUMBER, PANGRAM, PLAN_ITEMS, TASKS, THEME, TITLE
from .helpers import docx_paragraphs, docx_text, squash

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PLACE_DATE = "Quảng Trị, ngày 24 tháng 01 năm 2022"


# --- helpers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2022, 1, 24), "ngày 24 tháng 01 năm 2022"),
        (datetime.date(2022, 2, 5), "ngày 05 tháng 02 năm 2022"),
        (datetime.date(2022, 3, 5), "ngày 05 tháng 3 năm 2022"),
        (datetime.date(2022, 12, 31), "ngày 31 tháng 12 năm 2022"),
    ],
)
def test_date_long_follows_nd30(value, expected):
    assert generation.date_long(value) == expected


def test_date_long_without_a_date_leaves_blanks_for_the_clerk():
    assert generation.date_long(None, year=2022) == "ngày     tháng     năm 2022"


def test_clean_normalises_to_nfc_and_drops_control_characters():
    nfd = unicodedata.normalize("NFD", "Nguyễn Cảnh Hưng")
    assert nfd != "Nguyễn Cảnh Hưng"
    assert generation.clean(nfd) == "Nguyễn Cảnh Hưng"
    # \a and \f would be paragraph and page breaks for docxtpl; \x0b breaks the XML.
    assert generation.clean("a\ab\fc\x0bd\te\r\nf") == "abcd e\nf"


def test_upper_vi_keeps_tone_marks():
    assert generation.upper_vi("Khối các cơ quan tham mưu, tổng hợp") == "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP"
    assert generation.upper_vi(PANGRAM) == "Ạ Ặ Ậ Ẹ Ệ Ỉ Ị Ọ Ộ Ợ Ụ Ự Ỵ Ỹ Ữ Ẵ Đ Đ"


def test_unknown_kind_is_a_vietnamese_error():
    with pytest.raises(generation.DocumentError, match="Không có loại văn bản"):
        generation.get_kind("quyet-dinh")


# --- the three documents ---------------------------------------------------------------------------


def test_context_is_built_from_the_movement(seed_movement, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        context = generation.build_context(seed_movement)
    assert context["header"] == {
        "parent": "UBND TỈNH QUẢNG TRỊ",
        "issuer": "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP",
        "number": NUMBER,
        "program_number": "        /CTr-KTĐ",
        "plan_reference": " số 01/KH-KTĐ ngày 24/01/2022",
        "place_date": PLACE_DATE,
    }
    assert context["signer"] == {"title_lines": ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"], "name": "Nguyễn Cảnh Hưng"}
    assert [q["roman"] for q in context["quarters"]] == ["I", "II", "III", "IV"]
    assert sum(len(q["tasks"]) for q in context["quarters"]) == len(TASKS)
    assert len(context["participants"]) == 15
    assert context["participants"][:2] == ["Sở Nội vụ", "Sở Tài chính"]  # head first, then by position
    assert context["recipients"][0] == "UBND tỉnh (b/c);"


def test_ke_hoach_docx(seed_movement):
    data = generation.render_docx("ke-hoach", seed_movement)
    text = docx_text(data)
    for expected in [
        "UBND TỈNH QUẢNG TRỊ",
        "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP",
        QUOC_HIEU,
        TIEU_NGU,
        f"Số: {NUMBER}",
        PLACE_DATE,
        "KẾ HOẠCH",
        TITLE,
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        f"1. Chủ đề thi đua: “{THEME}”",
        "III. TỔ CHỨC THỰC HIỆN",
        "- Đợt 1 (từ ngày 01/01/2022 đến ngày 30/06/2022)",
        "trước ngày 15/03/2022",
        "- Tổng kết năm 2022: các đơn vị gửi báo cáo trước ngày 20/12/2022",
        "- 100% cán bộ, công chức hoàn thành tốt nhiệm vụ trở lên.",
        "Các cơ quan, đơn vị tham gia phong trào thi đua (15 đơn vị):",
        "TM. KHỐI THI ĐUA",
        "TRƯỞNG KHỐI",
        "Nguyễn Cảnh Hưng",
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "- Lưu: VT, HC-TC.",
        PANGRAM,
    ]:
        assert expected in text, expected
    for index, item in enumerate(PLAN_ITEMS, start=1):
        assert f"2.{index}. {item}" in text
    for name in EXTRA_MEMBERS:
        assert name in text  # "&" and "<" survive: the XML is escaped, not broken
    assert "{{" not in text
    assert "{%" not in text


def test_chuong_trinh_cong_tac_docx_lists_every_quarter_and_task(seed_movement):
    data = generation.render_docx("chuong-trinh-cong-tac", seed_movement)
    text = docx_text(data)
    for expected in [
        QUOC_HIEU,
        TIEU_NGU,
        "Số: /CTr-KTĐ",
        PLACE_DATE,
        "CHƯƠNG TRÌNH CÔNG TÁC",
        "Khối các cơ quan tham mưu, tổng hợp năm 2022",
        "Căn cứ Kế hoạch tổ chức thực hiện phong trào thi đua",
        "số 01/KH-KTĐ ngày 24/01/2022",
        "TT Nội dung công việc Đơn vị chủ trì Đơn vị thực hiện Thời gian",
        "TM. KHỐI THI ĐUA",
        "Nơi nhận:",
        PANGRAM,
    ]:
        assert expected in text, expected
    table = Document(BytesIO(data)).tables[1]
    rows = [[squash(c.text) for c in row.cells] for row in table.rows]
    quarter_rows = [r for r in rows if r[1].startswith("QUÝ")]
    assert [r[1] for r in quarter_rows] == ["QUÝ I/2022", "QUÝ II/2022", "QUÝ III/2022", "QUÝ IV/2022"]
    task_rows = [r for r in rows[1:] if not r[1].startswith("QUÝ")]
    assert [r[1] for r in task_rows] == [unicodedata.normalize("NFC", content) for _, content, _ in TASKS]
    assert task_rows[0] == [
        "1",
        TASKS[0][1],
        "Trưởng Khối",
        "Các Thành viên Khối",
        "15/03/2022",
    ]
    assert task_rows[4][0] == "1"
    assert task_rows[4][4] == "Quý II"
    # The task typed in NFD comes out in NFC.
    assert unicodedata.normalize("NFC", NFD_TASK) in text
    assert NFD_TASK not in "\n".join(docx_paragraphs(data))


def test_giao_uoc_docx_has_contents_and_signing_table(seed_movement):
    data = generation.render_docx("giao-uoc", seed_movement)
    text = docx_text(data)
    for expected in [
        QUOC_HIEU,
        TIEU_NGU,
        PLACE_DATE,
        "GIAO ƯỚC THI ĐUA",
        "I. NỘI DUNG THI ĐUA",
        "II. TỔ CHỨC THỰC HIỆN",
        "III. ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM 2022",
        "Cờ thi đua cấp bộ, ngành, tỉnh; Tập thể lao động xuất sắc",
        "PHẦN KÝ KẾT GIAO ƯỚC THI ĐUA",
        "KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP NĂM 2022",
        PANGRAM,
    ]:
        assert expected in text, expected
    for index, item in enumerate(COVENANT_ITEMS, start=1):
        assert f"{index}. {item}" in text
    signing = Document(BytesIO(data)).tables[-1]
    rows = [[squash(c.text) for c in row.cells] for row in signing.rows]
    assert rows[0] == ["TT", "Cơ quan, đơn vị", "Đại diện ký (họ tên, chức vụ)", "Ngày ký", "Chữ ký"]
    assert len(rows) == 1 + 15
    assert rows[1][:3] == ["1", "SỞ NỘI VỤ", "Lê Minh Đạt Giám đốc Sở Nội vụ"]
    assert rows[1][4] == "(Đã ký)"
    assert rows[2][2] == "Nguyễn Văn Đức Phó Giám đốc Sở Tài chính"
    assert rows[3][1] == "VĂN PHÒNG HĐND TỈNH"
    assert rows[3][2:] == ["", "", ""]


def test_covenant_falls_back_to_plan_contents(seed_movement):
    seed_movement.content_items.filter(part="covenant").delete()
    text = docx_text(generation.render_docx("giao-uoc", seed_movement))
    assert f"1. {PLAN_ITEMS[0]}" in text


def test_plan_without_optional_parts(world):
    """A department's own plan: no block, no number, date, phases, targets, recipients."""
    from tdkt.movements.services.plans import movement_create

    movement = movement_create(
        actor=world.users["admin"],
        organization=world.orgs["FIN"],
        title="Phong trào thi đua “Chuyển đổi số” năm 2023",
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    for kind in generation.KINDS:
        text = docx_text(generation.render_docx(kind, movement))
        assert "UBND TỈNH QUẢNG TRỊ SỞ TÀI CHÍNH" in text  # governing body, then the issuer
        assert "…………, ngày tháng năm 2023" in text
        assert "{{" not in text
        assert "{%" not in text
    text = docx_text(generation.render_docx("ke-hoach", movement))
    assert "Số: /KH" in text
    assert "KẾ HOẠCH Phong trào thi đua “Chuyển đổi số” năm 2023" in text
    assert "4. Chỉ tiêu thi đua" not in text
    assert "- Các đơn vị tham gia; - Lưu: VT." in text


def test_the_docx_has_the_administrative_layout(seed_movement):
    """NĐ 30/2020: A4, margins 20/20/30/15 mm, Times New Roman; bold quốc hiệu, bold underlined
    tiêu ngữ, italic place and date, bold italic 12 pt "Nơi nhận:", page numbers from page 2."""
    document = Document(BytesIO(generation.render_docx("ke-hoach", seed_movement)))
    section = document.sections[0]
    mm = [round(x.mm, 1) for x in (section.page_width, section.page_height)]
    assert mm == [210, 297]
    margins = [
        round(x.mm, 1) for x in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ]
    assert margins == [20, 20, 30, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml

    runs = {}  # text of each run → (run, paragraph), tables included
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        runs[run.text] = (run, paragraph)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            runs[run.text] = (run, paragraph)

    quoc_hieu, _ = runs[QUOC_HIEU]
    assert quoc_hieu.bold
    assert quoc_hieu.font.name == "Times New Roman"
    assert quoc_hieu.font.size == Pt(13)
    tieu_ngu, _ = runs[TIEU_NGU]
    assert tieu_ngu.bold
    assert tieu_ngu.underline
    place, _ = runs[PLACE_DATE]
    assert place.italic
    issuer, _ = runs["KHỐI CÁC CƠ QUAN THAM MƯU, TỔNG HỢP"]
    assert issuer.bold
    noi_nhan, _ = runs["Nơi nhận:"]
    assert noi_nhan.bold
    assert noi_nhan.italic
    assert noi_nhan.font.size == Pt(12)
    title, title_paragraph = runs["KẾ HOẠCH"]
    assert title.bold
    assert title_paragraph.alignment == 1
    signer, _ = runs["TRƯỞNG KHỐI"]
    assert signer.bold
    body_run, body_paragraph = runs[f"2.1. {PLAN_ITEMS[0]}"]
    assert body_run.font.size == Pt(14)
    assert body_paragraph.paragraph_format.first_line_indent.mm == pytest.approx(12.7, abs=0.05)
