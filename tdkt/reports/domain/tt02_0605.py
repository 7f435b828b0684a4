"""Biểu 0605.N/BNV-TĐKT — Số lượng công chức làm công tác thi đua, khen thưởng (Thông tư 02/2023/TT-BNV),
as its layout has it (the layout numbers the last row 14 twice; the second is 15 here).

Counts the people in the scope marked as working on TĐKT (Person.is_tdkt_officer) and in service at
the end of the report year (31/12), by:
- age at 31/12 of the year from the date of birth (le30, 31_40, 41_50, 51_55, 56_60, gt60; "unknown"
  without a date of birth: in the total only);
- education level (Person.education_level; "unknown" when not recorded);
- full years in TĐKT work at 31/12 (Person.in_tdkt_work_since: lt5, 5_10 for 5 to under 10, ge10;
  "unknown" when not recorded);
- sex ("nu": the column "Trong đó: Nữ").
"""

from .layout import Column, Form, Row, crit

AGE_BANDS = (("le30", None, 30), ("31_40", 31, 40), ("41_50", 41, 50), ("51_55", 51, 55), ("56_60", 56, 60),
             ("gt60", 61, None))
SENIORITY_BANDS = (("lt5", None, 4), ("5_10", 5, 9), ("ge10", 10, None))
EDUCATION = ("so_cap", "trung_cap", "cao_dang", "dai_hoc", "tren_dai_hoc")

FORM = Form(
    code="0605",
    title="SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ TRUNG ƯƠNG, "
          "TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
    unit_of_measure="Người",
    source="officers",
    columns=(
        Column("1", "1", ("Số lượng (Người)", "Tổng số")),
        Column("2", "2", ("Số lượng (Người)", "Trong đó: Nữ"), crit(sex="nu")),
    ),
    rows=(
        Row("01", "Tổng số", bold=True),
        Row("", "1. Chia theo độ tuổi", bold=True),
        Row("02", "- Từ 30 trở xuống", criteria=crit(age="le30")),
        Row("03", "- Từ 31 đến 40", criteria=crit(age="31_40")),
        Row("04", "- Từ 41 đến 50", criteria=crit(age="41_50")),
        Row("05", "- Từ 51 đến 55", criteria=crit(age="51_55")),
        Row("06", "- Từ 56 đến 60", criteria=crit(age="56_60")),
        Row("07", "- Trên 60 tuổi", criteria=crit(age="gt60")),
        Row("", "2. Chia theo trình độ đào tạo", bold=True),
        Row("08", "- Sơ cấp", criteria=crit(education="so_cap")),
        Row("09", "- Trung cấp", criteria=crit(education="trung_cap")),
        Row("10", "- Cao đẳng", criteria=crit(education="cao_dang")),
        Row("11", "- Đại học", criteria=crit(education="dai_hoc")),
        Row("12", "- Trên đại học", criteria=crit(education="tren_dai_hoc")),
        Row("", "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng", bold=True),
        Row("13", "- Dưới 5 năm", criteria=crit(seniority="lt5")),
        Row("14", "- Từ 5 đến 10 năm", criteria=crit(seniority="5_10")),
        Row("15", "- Từ 10 năm trở lên", criteria=crit(seniority="ge10")),
    ),
    notes=("Công chức được đánh dấu làm công tác thi đua, khen thưởng, còn công tác đến 31/12 năm báo cáo. "
           "Tuổi và thâm niên tính đến 31/12 năm báo cáo; người chưa ghi ngày sinh, trình độ hoặc năm bắt đầu "
           "làm công tác thi đua, khen thưởng chỉ được tính ở dòng tổng số.",),
)
