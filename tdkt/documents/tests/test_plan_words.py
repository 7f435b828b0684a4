"""What a new user stumbled on in the generated documents: "Căn cứ Kế hoạch kế hoạch …" when the
plan's title starts with "Kế hoạch" (most do), and "- - Như Điều 3" when a Nơi nhận line was typed
with its own dash. Rendered through the shipped templates and read back with python-docx."""

import pytest

from tdkt.documents import generation

from .helpers import docx_text

TITLE = "Kế hoạch tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022"


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        (TITLE, "tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022"),
        ("KẾ HOẠCH Phát động thi đua năm 2023", "Phát động thi đua năm 2023"),
        ("Kế hoạch: thi đua chuyển đổi số", "thi đua chuyển đổi số"),
        ("Phong trào thi đua “Chuyển đổi số”", "Phong trào thi đua “Chuyển đổi số”"),
        ("Kế hoạch", "Kế hoạch"),  # nothing else to say: the title stays
        ("Kế hoạchX", "Kế hoạchX"),
    ],
)
def test_plan_subject_drops_a_leading_ke_hoach(title, subject):
    assert generation.plan_subject(title) == subject


@pytest.fixture
def titled_plan(seed_movement):
    seed_movement.title = TITLE
    seed_movement.recipients = "- UBND tỉnh (b/c);\n– Ban TĐKT tỉnh (b/c);\n• Lưu: VT, HC-TC.\n-"
    seed_movement.save(update_fields=["title", "recipients"])
    return seed_movement


def test_chuong_trinh_says_ke_hoach_once(titled_plan):
    text = docx_text(generation.render_docx("chuong-trinh-cong-tac", titled_plan))
    assert "Căn cứ Kế hoạch tổ chức thực hiện phong trào thi đua của Khối" in text
    assert "kế hoạch kế hoạch" not in text.lower()


def test_ke_hoach_heading_and_closing_say_it_once(titled_plan):
    text = docx_text(generation.render_docx("ke-hoach", titled_plan))
    assert "KẾ HOẠCH Tổ chức thực hiện phong trào thi đua của Khối" in text
    assert "xây dựng Kế hoạch tổ chức thực hiện phong trào thi đua" in text
    assert "Trên đây là Kế hoạch tổ chức thực hiện phong trào thi đua" in text
    assert "kế hoạch kế hoạch" not in text.lower()


def test_recipient_lines_typed_with_a_dash_get_one_dash(titled_plan):
    text = docx_text(generation.render_docx("ke-hoach", titled_plan))
    closing = text.split("Nơi nhận:", 1)[1]
    assert "- UBND tỉnh (b/c); - Ban TĐKT tỉnh (b/c); - Lưu: VT, HC-TC." in closing
    assert "- -" not in closing
    assert "- –" not in closing
    assert "- •" not in closing


def test_without_bullet():
    assert generation.without_bullet("- Như Điều 3;") == "Như Điều 3;"
    assert generation.without_bullet("  –  Như Điều 3;") == "Như Điều 3;"
    assert generation.without_bullet("• Lưu: VT.") == "Lưu: VT."
    assert generation.without_bullet("Lưu: VT - TĐKT.") == "Lưu: VT - TĐKT."
    assert generation.without_bullet("-") == ""
