"""Biểu 0602.N/BNV-TĐKT — Số lượng khen thưởng cấp Nhà nước (Thông tư 02/2023/TT-BNV), as its layout
has it (the layout numbers its rows 1–3 and 6–21; so does this form).

Counts the state-level title and award records of the report year (tdkt.records HonourRecord, not
revoked) of the subjects in the organisation's scope, each kind of award split into collectives and
individuals. The layout lists each order and medal, honorary title and other form by name; here they
are grouped under the circular's column numbers 2, 5 and 9. The State's prizes (Giải thưởng Hồ Chí
Minh, Giải thưởng Nhà nước) have no code in the records: columns 3 and 4 stay 0.

Row 02 (ministries) counts nothing in a province's system: every award of its people went up
through the province's tờ trình (row 03).
"""

from tdkt.records.domain.codes import HONOURS

from .layout import Column, Form, Row, crit
from .tt02_awards import COLLECTIVES, HOUSEHOLDS, INDIVIDUALS, method_rows, recipient_rows

ORDERS_AND_MEDALS = tuple(c for c in HONOURS if c.startswith(("HC", "HUYC_")))
HONORARY_TITLES = ("AHLD", "AHLLVT")
CODES = {
    "2": ORDERS_AND_MEDALS,
    "3": (),  # Giải thưởng Hồ Chí Minh: no code
    "4": (),  # Giải thưởng Nhà nước: no code
    "5": HONORARY_TITLES,
    "6": ("CO_CP",),
    "7": ("BK_TTG",),
    "8": ("CSTD_TQ",),
    "9": (),  # other state-level forms: none in the catalogue beyond those above
}
ALL_CODES = tuple(c for codes in CODES.values() for c in codes)
# The layout counts households (hộ gia đình) in the "Tập thể" columns.
GROUPS = COLLECTIVES + HOUSEHOLDS
SPLIT = "Chia ra"
COLLECTIVE, INDIVIDUAL = "Tập thể", "Cá nhân"


def _pair(number: str, label: str) -> tuple[Column, Column]:
    return (Column(f"{number}_tt", number, (SPLIT, label, COLLECTIVE), crit(code=CODES[number], recipient=GROUPS)),
            Column(f"{number}_cn", number, (SPLIT, label, INDIVIDUAL), crit(code=CODES[number], recipient=INDIVIDUALS)))


def _one(number: str, label: str, sub: str, recipients) -> Column:
    return Column(number, number, (SPLIT, label, sub), crit(code=CODES[number], recipient=recipients))


FORM = Form(
    code="0602",
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
    unit_of_measure="",
    source="honours",
    has_unit_column=True,
    columns=(
        Column("1", "1", ("Tổng số",), crit(code=ALL_CODES)),
        *_pair("2", "Các loại huân chương, huy chương"),
        _one("3", "Giải thưởng Hồ Chí Minh", INDIVIDUAL, INDIVIDUALS),
        _one("4", "Giải thưởng Nhà nước", INDIVIDUAL, INDIVIDUALS),
        *_pair("5", "Danh hiệu vinh dự nhà nước"),
        _one("6", "Cờ thi đua của Chính phủ", COLLECTIVE, GROUPS),
        *_pair("7", "Bằng khen của Thủ tướng Chính phủ"),
        _one("8", "Chiến sĩ thi đua Toàn quốc", INDIVIDUAL, INDIVIDUALS),
        *_pair("9", "Các hình thức khen thưởng khác"),
    ),
    rows=(
        Row("01", "Tổng số", bold=True),
        Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", bold=True),
        Row("02", "- Bộ, ban, ngành, đoàn thể Trung ương", "Bộ, ngành", crit(submitter="ministry")),
        Row("03", "- Tỉnh, thành phố trực thuộc Trung ương", "Tỉnh, TP", crit(submitter="province")),
        Row("", "2. Chia theo đối tượng khen thưởng", bold=True),
        *recipient_rows(6),
        Row("", "3. Chia theo phương thức khen thưởng", bold=True),
        *method_rows(15),
    ),
    notes=(
        "Số khen thưởng cấp Nhà nước trong năm báo cáo của các cá nhân, tập thể thuộc phạm vi đơn vị báo cáo; "
        "không tính khen thưởng đã bị hủy bỏ.",
        "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước chưa có mã trong hồ sơ khen thưởng: cột 3, 4 bằng 0.",
        "Phương thức lấy theo loại đợt xét khen thưởng của quyết định; khen thưởng nhập tay hoặc nhập "
        "từ quyết định cũ được tính là thường xuyên.",
    ),
)
