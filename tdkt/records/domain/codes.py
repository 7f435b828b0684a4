"""The codes of titles, forms, ratings, scopes and discipline, as the eligibility contract names them.

Pure Python: the records, the engine's adapter and the pages all read these labels.
"""

from enum import StrEnum


class Target(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class HonourKind(StrEnum):
    TITLE = "title"  # danh hiệu thi đua
    FORM = "form"  # hình thức khen thưởng


# code: (Vietnamese name, title or form, who may receive it)
HONOURS: dict[str, tuple[str, HonourKind, frozenset[Target]]] = {
    "LDTT": ("Lao động tiên tiến", HonourKind.TITLE, frozenset({Target.INDIVIDUAL})),
    "CSTT": ("Chiến sĩ tiên tiến", HonourKind.TITLE, frozenset({Target.INDIVIDUAL})),
    "CSTDCS": ("Chiến sĩ thi đua cơ sở", HonourKind.TITLE, frozenset({Target.INDIVIDUAL})),
    "CSTD_TINH": ("Chiến sĩ thi đua cấp bộ, ngành, tỉnh", HonourKind.TITLE, frozenset({Target.INDIVIDUAL})),
    "CSTD_TQ": ("Chiến sĩ thi đua toàn quốc", HonourKind.TITLE, frozenset({Target.INDIVIDUAL})),
    "TTLDTT": ("Tập thể lao động tiên tiến", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "TTLDXS": ("Tập thể lao động xuất sắc", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "CO_TINH": ("Cờ thi đua cấp bộ, ngành, tỉnh", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "CO_CP": ("Cờ thi đua của Chính phủ", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "GK": ("Giấy khen", HonourKind.FORM, frozenset(Target)),
    "BK_TINH": ("Bằng khen cấp bộ, ngành, tỉnh", HonourKind.FORM, frozenset(Target)),
    "BK_TTG": ("Bằng khen của Thủ tướng Chính phủ", HonourKind.FORM, frozenset(Target)),
    "HCLD3": ("Huân chương Lao động hạng Ba", HonourKind.FORM, frozenset(Target)),
    "HCLD2": ("Huân chương Lao động hạng Nhì", HonourKind.FORM, frozenset(Target)),
    "HCLD1": ("Huân chương Lao động hạng Nhất", HonourKind.FORM, frozenset(Target)),
    # The rest of the law's catalogue (Luật 06/2022/QH15 Điều 9, 20, 29–33, 57–58, 71; LAW.md C, D6).
    # The engine counts none of them as a condition; they are recorded so a person's or collective's
    # history is whole (a Huân chương Độc lập, a sector's Kỷ niệm chương) and the catalogue can name them.
    "DVTT": ("Đơn vị tiên tiến", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "DVQT": ("Đơn vị quyết thắng", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "XA_TB": ("Xã, phường, đặc khu tiêu biểu", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "THON_VH": ("Thôn, tổ dân phố văn hóa", HonourKind.TITLE, frozenset({Target.COLLECTIVE})),
    "GDVH": ("Gia đình văn hóa", HonourKind.TITLE, frozenset()),  # households: neither a person nor a unit here
    "HCSV": ("Huân chương Sao vàng", HonourKind.FORM, frozenset(Target)),
    "HCHCM": ("Huân chương Hồ Chí Minh", HonourKind.FORM, frozenset(Target)),
    "HCDL1": ("Huân chương Độc lập hạng Nhất", HonourKind.FORM, frozenset(Target)),
    "HCDL2": ("Huân chương Độc lập hạng Nhì", HonourKind.FORM, frozenset(Target)),
    "HCDL3": ("Huân chương Độc lập hạng Ba", HonourKind.FORM, frozenset(Target)),
    "HCQC1": ("Huân chương Quân công hạng Nhất", HonourKind.FORM, frozenset(Target)),
    "HCQC2": ("Huân chương Quân công hạng Nhì", HonourKind.FORM, frozenset(Target)),
    "HCQC3": ("Huân chương Quân công hạng Ba", HonourKind.FORM, frozenset(Target)),
    "HCBVTQ1": ("Huân chương Bảo vệ Tổ quốc hạng Nhất", HonourKind.FORM, frozenset(Target)),
    "HCBVTQ2": ("Huân chương Bảo vệ Tổ quốc hạng Nhì", HonourKind.FORM, frozenset(Target)),
    "HCBVTQ3": ("Huân chương Bảo vệ Tổ quốc hạng Ba", HonourKind.FORM, frozenset(Target)),
    "HCCC1": ("Huân chương Chiến công hạng Nhất", HonourKind.FORM, frozenset(Target)),
    "HCCC2": ("Huân chương Chiến công hạng Nhì", HonourKind.FORM, frozenset(Target)),
    "HCCC3": ("Huân chương Chiến công hạng Ba", HonourKind.FORM, frozenset(Target)),
    "HCDDK": ("Huân chương Đại đoàn kết dân tộc", HonourKind.FORM, frozenset(Target)),
    "HCDC": ("Huân chương Dũng cảm", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HCHN": ("Huân chương Hữu nghị", HonourKind.FORM, frozenset(Target)),
    "HUYC_QKQT": ("Huy chương Quân kỳ quyết thắng", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HUYC_VANTQ": ("Huy chương Vì an ninh Tổ quốc", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HUYC_CSVV1": ("Huy chương Chiến sĩ vẻ vang hạng Nhất", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HUYC_CSVV2": ("Huy chương Chiến sĩ vẻ vang hạng Nhì", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HUYC_CSVV3": ("Huy chương Chiến sĩ vẻ vang hạng Ba", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "HUYC_HN": ("Huy chương Hữu nghị", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
    "AHLD": ("Anh hùng Lao động", HonourKind.FORM, frozenset(Target)),
    "AHLLVT": ("Anh hùng Lực lượng vũ trang nhân dân", HonourKind.FORM, frozenset(Target)),
    "KNC": ("Kỷ niệm chương", HonourKind.FORM, frozenset({Target.INDIVIDUAL})),
}

# The codes the eligibility contract names (../shared/contracts/eligibility.md): the engine has rules
# for these; every other code of the catalogue is known to it and judged `unsupported`.
CONTRACT_CODES: tuple[str, ...] = (
    "LDTT", "CSTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP",
    "GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1",
)

RATINGS = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
}
RATING_ORDER = {"KHTNV": 0, "HTNV": 1, "HTTNV": 2, "HTXSNV": 3}

INITIATIVE_KINDS = {"sang_kien": "Sáng kiến", "de_tai": "Đề tài, đề án, công trình khoa học"}
INITIATIVE_SCOPES = {"co_so": "Cấp cơ sở", "tinh": "Cấp bộ, ban, ngành, tỉnh", "toan_quoc": "Toàn quốc"}

DISCIPLINE_FORMS = {
    "khien_trach": "Khiển trách",
    "canh_cao": "Cảnh cáo",
    "ha_bac_luong": "Hạ bậc lương",
    "giang_chuc": "Giáng chức",
    "cach_chuc": "Cách chức",
    "buoc_thoi_viec": "Buộc thôi việc",
}
DISCIPLINE_ORDER = {form: i for i, form in enumerate(DISCIPLINE_FORMS)}

REVIEW_REASONS = {
    "xem_xet_ky_luat": "Đang xem xét kỷ luật",
    "dieu_tra": "Đang bị điều tra",
    "thanh_tra": "Đang bị thanh tra, kiểm tra",
    "khieu_nai": "Có đơn thư khiếu nại, tố cáo đang được xác minh",
}


def honour_label(code: str) -> str:
    return HONOURS[code][0] if code in HONOURS else code


def honours_for(target: Target, kind: HonourKind | None = None) -> list[str]:
    return [c for c, (_, k, targets) in HONOURS.items() if target in targets and (kind is None or k == kind)]
