"""Biểu 0603.N/BNV-TĐKT — Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và tỉnh,
thành phố trực thuộc Trung ương (Thông tư 02/2023/TT-BNV), as its layout has it.

Counts the title and award records of the report year (tdkt.records HonourRecord, not revoked) of
the subjects in the organisation's scope, by code: Bằng khen (BK_TINH), Chiến sĩ thi đua cấp bộ,
cấp tỉnh (CSTD_TINH), Cờ thi đua (CO_TINH), Kỷ niệm chương (KNC). Recipients and methods: tt02_awards.
"""

from .layout import Column, Form, Row, crit
from .tt02_awards import method_rows, recipient_rows

CODES = {"2": ("BK_TINH",), "3": ("CSTD_TINH",), "4": ("CO_TINH",), "5": ("KNC",)}
ALL_CODES = tuple(c for codes in CODES.values() for c in codes)

FORM = Form(
    code="0603",
    title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, "
          "THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    unit_of_measure="",
    source="honours",
    has_unit_column=True,
    columns=(
        Column("1", "1", ("Tổng số",), crit(code=ALL_CODES)),
        Column("2", "2", ("Chia ra", "Bằng khen"), crit(code=CODES["2"])),
        Column("3", "3", ("Chia ra", "Chiến sĩ thi đua cấp bộ, cấp tỉnh"), crit(code=CODES["3"])),
        Column("4", "4", ("Chia ra", "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, "
                                     "thành phố trực thuộc Trung ương"), crit(code=CODES["4"])),
        Column("5", "5", ("Chia ra", "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, "
                                     "thành phố trực thuộc Trung ương"), crit(code=CODES["5"])),
    ),
    rows=(
        Row("01", "Tổng số", bold=True),
        Row("", "1. Chia theo đối tượng khen thưởng", bold=True),
        *recipient_rows(2),
        # The layout prints "3." here though it is the form's second part.
        Row("", "2. Chia theo phương thức khen thưởng", bold=True),
        *method_rows(11),
    ),
    notes=(
        "Số khen thưởng trong năm báo cáo của các cá nhân, tập thể thuộc phạm vi đơn vị báo cáo; "
        "không tính khen thưởng đã bị hủy bỏ.",
        "Phương thức lấy theo loại đợt xét khen thưởng của quyết định; khen thưởng nhập tay hoặc nhập "
        "từ quyết định cũ được tính là thường xuyên. Hệ thống chưa ghi nhận khen thưởng đối ngoại, "
        "cống hiến, niên hạn, kháng chiến và khen thưởng hộ gia đình.",
    ),
)
