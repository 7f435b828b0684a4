"""Biểu 0601.N/BNV-TĐKT — Số phong trào thi đua (Thông tư 02/2023/TT-BNV), as its layout has it.

Counts movements (tdkt.movements Movement) by the dimensions the query gives each one:
- launcher: "central" (Hội đồng TĐKT Trung ương: never issued in a province's system), "province"
  (issued by an organisation of the provincial level: UBND tỉnh), "unit" (any other organisation:
  departments, agencies, communes, …);
- scope: "national" (none here), "local" (the province's own movement), "block" (a movement of a
  khối/cụm thi đua), "unit" (any other organisation's own);
- duration from its start and end dates, both counted (duration_band): lt1 (under 365 days), y1 (365
  or 366), y1_3 (to under 3 × 365), y3_5 (to under 5 × 365 + 1), ge5;
- method: "chuyen_de" (thematic movements and special campaigns), "thuong_xuyen" (regular).
Cells are the intersections of a row and a column.
"""

from .layout import Column, Form, Row, crit

LAUNCHER = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"

FORM = Form(
    code="0601",
    title="SỐ PHONG TRÀO THI ĐUA",
    unit_of_measure="Phong trào",
    source="movements",
    columns=(
        Column("1", "1=(2+3+4)", ("Tổng số",)),
        Column("2", "2", (LAUNCHER, "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
               crit(launcher="central")),
        Column("3", "3", (LAUNCHER, "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương"),
               crit(launcher="province")),
        Column("4", "4", (LAUNCHER, "Cơ quan, tổ chức, đơn vị"), crit(launcher="unit")),
    ),
    rows=(
        Row("01", "Tổng số", bold=True),
        Row("", "1. Chia theo phạm vi tổ chức thi đua", bold=True),
        Row("02", "- Toàn quốc", criteria=crit(scope="national")),
        Row("03", "- Bộ, ban, ngành đoàn thể, địa phương", criteria=crit(scope="local")),
        Row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
            criteria=crit(scope="block")),
        Row("05", "- Cơ quan, tổ chức, đơn vị", criteria=crit(scope="unit")),
        Row("", "2. Chia theo thời hạn thi đua", bold=True),
        Row("06", "- Dưới 1 năm", criteria=crit(duration="lt1")),
        Row("07", "- 1 năm", criteria=crit(duration="y1")),
        Row("08", "- Từ 1 năm đến dưới 3 năm", criteria=crit(duration="y1_3")),
        Row("09", "- Từ 3 năm đến dưới 5 năm", criteria=crit(duration="y3_5")),
        Row("10", "- Từ 5 năm trở lên", criteria=crit(duration="ge5")),
        Row("", "3. Chia theo phương thức tổ chức phong trào thi đua", bold=True),
        Row("11", "- Thi đua theo chuyên đề", criteria=crit(method="chuyen_de")),
        Row("12", "- Thi đua thường xuyên hàng năm", criteria=crit(method="thuong_xuyen")),
    ),
    notes=(
        "Phong trào tính vào năm báo cáo: đã ban hành (không tính bản nháp) và có thời gian diễn ra giao với năm.",
        "Hệ thống của tỉnh không có phong trào do cấp Trung ương phát động: cột 2 và dòng 02 luôn bằng 0.",
        "Đợt thi đua đặc biệt được tính là thi đua theo chuyên đề.",
    ),
)

# Duration bands in days from start to end inclusive: a calendar year has 365 or 366 days, and every
# run of five (three) calendar years holds at least one leap day (none may, for three).
ONE_YEAR_DAYS = (365, 366)
THREE_YEARS_DAYS = 3 * 365
FIVE_YEARS_DAYS = 5 * 365 + 1


def duration_band(days: int) -> str:
    """The band of a movement lasting `days` days (both ends counted)."""
    if days < ONE_YEAR_DAYS[0]:
        return "lt1"
    if days <= ONE_YEAR_DAYS[1]:
        return "y1"
    if days < THREE_YEARS_DAYS:
        return "y1_3"
    if days < FIVE_YEARS_DAYS:
        return "y3_5"
    return "ge5"
