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
}

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
