"""Biểu 0604.N/BNV-TĐKT — Số lượng tổ chức làm công tác thi đua, khen thưởng (Thông tư 02/2023/TT-BNV),
as its layout has it.

Counts the open organisations in the scope marked with a TĐKT unit kind (Organization.tdkt_unit_kind).
"""

from .layout import Column, Form, Row, crit

FORM = Form(
    code="0604",
    title="SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG, "
          "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    unit_of_measure="",
    source="units",
    has_unit_column=True,
    columns=(Column("1", "1", ("Số lượng",)),),
    rows=(
        Row("01", "Tổng số", "Tổ chức", bold=True),
        Row("", "Chia theo cơ cấu tổ chức bộ máy", bold=True),
        Row("02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ", crit(unit_kind="vu")),
        Row("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng", crit(unit_kind="phong_vu")),
        Row("04", "- Cấp ban thuộc Sở Nội vụ", "Ban", crit(unit_kind="ban_snv")),
        Row("05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng", crit(unit_kind="phong_snv")),
    ),
    notes=("Đơn vị đang hoạt động trong phạm vi báo cáo được đánh dấu là tổ chức làm công tác thi đua, "
           "khen thưởng (trang đơn vị).",),
)
