"""The columns of the import files, with the Vietnamese headers and values the template shows.

A file's labels are Vietnamese whatever the interface language, so the labels for choice columns
are written here rather than taken from the models' (translatable) labels; the stored codes and
the models' own labels are accepted too. Headers and values are compared without case, tone
marks or punctuation ("HO VA TEN", "Họ và tên *" and "họ và tên" are the same header).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import translation

from tdkt.core.domain.text import fold_vi
from tdkt.records.domain.codes import HONOURS, RATINGS, HonourKind

from ..models import (
    EducationLevel,
    ImportKind,
    OrganizationKind,
    OrganizationLevel,
    PersonCategory,
    Sex,
    TdktUnitKind,
)

# CODE is a new record's own code (no spaces); references to existing codes are TEXT. DATE_OR_YEAR is a
# date, or a year alone ("2015": from 01/01/2015), for facts people know only by the year.
TEXT, CODE, DATE, CHOICE, BOOL, EMAIL = "text", "code", "date", "choice", "bool", "email"
DATE_OR_YEAR = "date_or_year"


@lru_cache(maxsize=4096)  # choice cells repeat the same few values on every row
def fold_key(text) -> str:
    """Header or value as compared: folded, without "*", parenthesised notes or punctuation."""
    text = re.sub(r"\(.*?\)", " ", str(text or "")).replace("*", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold_vi(text)).split())


@dataclass(frozen=True)
class Column:
    key: str  # the field it fills
    header: str  # the template's header, Vietnamese, without the "*" of required columns
    kind: str = TEXT  # how the cell is read: TEXT, CODE, DATE, CHOICE, BOOL or EMAIL
    required: bool = False
    max_length: int | None = None
    labels: dict[str, str] = field(default_factory=dict)  # CHOICE: Vietnamese label -> stored code
    model_choices: type | None = None  # CHOICE: the TextChoices whose codes and labels are accepted too
    accepted: dict[str, str] = field(default_factory=dict)  # CHOICE: other spellings -> code, not listed
    aliases: tuple[str, ...] = ()
    note: str = ""  # what the "Hướng dẫn" sheet says about the column
    width: int = 18

    @property
    def template_header(self) -> str:
        return f"{self.header} *" if self.required else self.header

    def choice_lookup(self) -> dict[str, str]:
        """Every accepted spelling (folded) -> code: the Vietnamese label, the code, the model label."""
        lookup = {}
        if self.model_choices is not None:
            for value, label in self.model_choices.choices:
                lookup[fold_key(value)] = value
                lookup[fold_key(str(label))] = value
                with translation.override("vi"):
                    lookup[fold_key(str(label))] = value
        for label, value in {**self.accepted, **self.labels}.items():
            lookup[fold_key(label)] = value
        return lookup


KIND_LABELS = {
    "UBND tỉnh": OrganizationKind.PROVINCE,
    "Sở": OrganizationKind.DEPARTMENT,
    "Ban, ngành, cơ quan": OrganizationKind.AGENCY,
    "Phòng, ban, trung tâm, chi cục": OrganizationKind.DIVISION,
    "Huyện, thị xã, thành phố": OrganizationKind.DISTRICT,
    "Xã, phường, đặc khu": OrganizationKind.COMMUNE,
    "Doanh nghiệp, hội": OrganizationKind.ENTERPRISE,
}
LEVEL_LABELS = {
    "Cấp tỉnh": OrganizationLevel.PROVINCE,
    "Cấp sở": OrganizationLevel.DEPARTMENT,
    "Cấp huyện": OrganizationLevel.DISTRICT,
    "Cấp đơn vị": OrganizationLevel.UNIT,
    "Cấp xã": OrganizationLevel.COMMUNE,
}
SEX_LABELS = {"Nam": Sex.MALE, "Nữ": Sex.FEMALE}
CATEGORY_LABELS = {
    "Cán bộ": PersonCategory.CAN_BO,
    "Công chức": PersonCategory.CONG_CHUC,
    "Viên chức": PersonCategory.VIEN_CHUC,
    "Người lao động": PersonCategory.NGUOI_LAO_DONG,
    "Lực lượng vũ trang": PersonCategory.LUC_LUONG_VU_TRANG,
}
YES_NO_LABELS = {"Có": "1", "Không": "0"}
# Biểu 0604.N/BNV-TĐKT's kinds of TĐKT unit and Biểu 0605.N's levels of education (Thông tư 02/2023/TT-BNV).
TDKT_UNIT_LABELS = {
    "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương": TdktUnitKind.MINISTRY_DEPARTMENT,
    "Cấp phòng, ban hoặc bộ phận thuộc Vụ": TdktUnitKind.MINISTRY_SECTION,
    "Cấp ban thuộc Sở Nội vụ": TdktUnitKind.HOME_AFFAIRS_BOARD,
    "Cấp phòng thuộc Sở Nội vụ": TdktUnitKind.HOME_AFFAIRS_SECTION,
}
EDUCATION_LABELS = {
    "Sơ cấp": EducationLevel.SO_CAP,
    "Trung cấp": EducationLevel.TRUNG_CAP,
    "Cao đẳng": EducationLevel.CAO_DANG,
    "Đại học": EducationLevel.DAI_HOC,
    "Trên đại học": EducationLevel.TREN_DAI_HOC,
}
DATE_NOTE = "Ô kiểu ngày, hoặc chữ theo dạng dd/mm/yyyy (ngày/tháng/năm, ví dụ 05/06/1980)."

ORGANIZATION_COLUMNS = (
    Column(
        "code", "Mã đơn vị", CODE, required=True, max_length=40, width=16, note="Mã duy nhất, chưa có trong hệ thống."
    ),
    Column("name", "Tên đơn vị", required=True, max_length=255, width=40),
    Column("short_name", "Tên viết tắt", max_length=100),
    Column("kind", "Loại đơn vị", CHOICE, required=True, labels=KIND_LABELS, model_choices=OrganizationKind, width=26),
    Column("level", "Cấp", CHOICE, required=True, labels=LEVEL_LABELS, model_choices=OrganizationLevel, width=14),
    Column(
        "parent",
        "Mã đơn vị cấp trên",
        TEXT,
        max_length=40,
        width=20,
        aliases=("Mã cấp trên", "Đơn vị cấp trên"),
        note="Mã một đơn vị bạn được quản lý, hoặc một đơn vị khai báo ở dòng trên trong cùng tệp. Chỉ để trống "
        "ở dòng UBND tỉnh (đơn vị gốc, không có cấp trên), do quản trị hệ thống nhập.",
    ),
    Column("active_from", "Ngày bắt đầu hoạt động", DATE, width=22, note=DATE_NOTE),
    Column(
        "tdkt_unit_kind",
        "Loại tổ chức TĐKT",
        CHOICE,
        labels=TDKT_UNIT_LABELS,
        model_choices=TdktUnitKind,
        aliases=("Tổ chức TĐKT", "Loại tổ chức thi đua khen thưởng"),
        width=30,
        note="Chỉ ghi cho đơn vị làm công tác thi đua, khen thưởng (Biểu 0604.N/BNV-TĐKT); để trống cho đơn vị khác.",
    ),
)

PEOPLE_COLUMNS = (
    Column(
        "code",
        "Mã cán bộ",
        CODE,
        max_length=40,
        aliases=("Mã CB", "Mã số cán bộ"),
        width=14,
        note="Không bắt buộc; nếu có thì không được trùng.",
    ),
    Column("full_name", "Họ và tên", required=True, max_length=150, aliases=("Họ tên",), width=28),
    Column("sex", "Giới tính", CHOICE, required=True, labels=SEX_LABELS, model_choices=Sex, width=10),
    Column(
        "date_of_birth",
        "Ngày sinh",
        DATE,
        aliases=("Ngày tháng năm sinh",),
        width=14,
        note=DATE_NOTE + " Không được ở tương lai; người được nhập phải đủ 15 tuổi.",
    ),
    Column("ethnicity", "Dân tộc", max_length=50, width=12),
    Column(
        "category",
        "Loại",
        CHOICE,
        required=True,
        labels=CATEGORY_LABELS,
        model_choices=PersonCategory,
        aliases=("Loại cán bộ", "Đối tượng"),
        width=18,
    ),
    Column("position", "Chức vụ", max_length=200, aliases=("Chức danh", "Chức vụ chức danh"), width=24),
    Column(
        "is_manager",
        "Lãnh đạo quản lý",
        BOOL,
        labels=YES_NO_LABELS,
        width=16,
        note="Có hoặc Không (để trống là Không).",
    ),
    Column(
        "organization",
        "Mã đơn vị",
        TEXT,
        required=True,
        max_length=40,
        width=14,
        aliases=("Mã đơn vị công tác",),
        note="Mã một đơn vị đang hoạt động mà bạn được quản lý cán bộ.",
    ),
    Column("service_start", "Ngày bắt đầu công tác", DATE, width=20, note=DATE_NOTE),
    Column("email", "Email", EMAIL, max_length=254, aliases=("Thư điện tử",), width=26),
    Column("phone", "Điện thoại", max_length=30, aliases=("Số điện thoại",), width=16),
    Column(
        "education_level",
        "Trình độ đào tạo",
        CHOICE,
        labels=EDUCATION_LABELS,
        model_choices=EducationLevel,
        aliases=("Trình độ chuyên môn",),
        width=16,
        note="Trình độ đào tạo cao nhất (Biểu 0605.N/BNV-TĐKT).",
    ),
    Column(
        "is_tdkt_officer",
        "Làm công tác TĐKT",
        BOOL,
        labels=YES_NO_LABELS,
        aliases=("Làm công tác thi đua khen thưởng", "Cán bộ TĐKT"),
        width=14,
        note="Có (hoặc x) nếu người này làm công tác thi đua, khen thưởng; để trống là Không.",
    ),
    Column(
        "in_tdkt_work_since",
        "Làm công tác TĐKT từ",
        DATE_OR_YEAR,
        aliases=("Làm công tác thi đua khen thưởng từ",),
        width=18,
        note="Ngày (dd/mm/yyyy) hoặc chỉ năm (yyyy, tính từ 01/01 của năm đó) bắt đầu làm công tác thi đua, "
        "khen thưởng.",
    ),
)

# A year's ratings and titles of one organisation: the year and the organisation are chosen on the
# upload form. A row names a person (staff code, or name and date of birth, within the organisation)
# or, with the person columns empty, a collective (a unit code).
RATING_LABELS = {name: code for code, name in RATINGS.items()}
RATING_ACCEPTED = {
    **{code: code for code in RATINGS},
    **{name.removesuffix(" nhiệm vụ"): code for code, name in RATINGS.items()},  # "Hoàn thành tốt"
}
TITLE_LABELS = {name: code for code, (name, kind, _t) in HONOURS.items() if kind == HonourKind.TITLE}
# Codes as people write them, with đ ("LĐTT", "CSTĐCS"), and the usual short names.
TITLE_ACCEPTED = {
    **{code: code for code in TITLE_LABELS.values()},
    "LĐTT": "LDTT",
    "CSTĐCS": "CSTDCS",
    "TTLĐTT": "TTLDTT",
    "TTLĐXS": "TTLDXS",
    "CSTĐ cơ sở": "CSTDCS",
    "CSTĐ cấp tỉnh": "CSTD_TINH",
    "Chiến sĩ thi đua cấp tỉnh": "CSTD_TINH",
    "CSTĐ toàn quốc": "CSTD_TQ",
    "Cờ thi đua cấp tỉnh": "CO_TINH",
    "Cờ thi đua Chính phủ": "CO_CP",
}
RECORD_COLUMNS = (
    Column(
        "person_code",
        "Mã cán bộ",
        TEXT,
        max_length=40,
        aliases=("Mã CB", "Mã số cán bộ"),
        width=14,
        note="Để nhận ra cán bộ. Nếu trống thì nhận ra theo Họ và tên (và Ngày sinh). Dòng tập thể: để trống.",
    ),
    Column(
        "full_name",
        "Họ và tên",
        max_length=150,
        aliases=("Họ tên",),
        width=28,
        note="Họ tên đầy đủ, có dấu, đúng như trong hệ thống. Dòng tập thể: để trống.",
    ),
    Column(
        "date_of_birth",
        "Ngày sinh",
        DATE,
        aliases=("Ngày tháng năm sinh",),
        width=14,
        note=DATE_NOTE + " Nên ghi để phân biệt những người trùng họ tên.",
    ),
    Column(
        "unit",
        "Mã đơn vị",
        TEXT,
        max_length=40,
        aliases=("Mã đơn vị công tác", "Mã tập thể"),
        width=14,
        note="Dòng tập thể: mã của tập thể (đơn vị đã chọn hoặc một đơn vị trực thuộc). Dòng cá nhân: không "
        "bắt buộc; nếu có thì cán bộ phải đang công tác ở đơn vị này.",
    ),
    Column(
        "rating",
        "Xếp loại",
        CHOICE,
        labels=RATING_LABELS,
        accepted=RATING_ACCEPTED,
        width=30,
        note="Viết tắt HTXSNV, HTTNV, HTNV, KHTNV cũng được. Nếu người hoặc tập thể đã có xếp loại của năm "
        "thì xếp loại trong tệp thay thế (sửa) xếp loại cũ.",
    ),
    Column(
        "title",
        "Danh hiệu",
        TEXT,
        max_length=60,
        aliases=("Danh hiệu thi đua",),
        labels=TITLE_LABELS,
        accepted=TITLE_ACCEPTED,
        width=30,
        note="Viết tắt LĐTT, CSTĐCS, TTLĐTT, TTLĐXS cũng được. Danh hiệu cá nhân chỉ ghi cho cá nhân, danh hiệu "
        "tập thể chỉ ghi cho tập thể; mỗi danh hiệu chỉ được công nhận một lần trong năm.",
    ),
    Column(
        "decision_number",
        "Số quyết định",
        max_length=60,
        aliases=("Số QĐ",),
        width=18,
        note="Quyết định công nhận danh hiệu, ví dụ 125/QĐ-UBND. Chỉ ghi khi có danh hiệu.",
    ),
    Column(
        "decision_date",
        "Ngày quyết định",
        DATE,
        aliases=("Ngày QĐ", "Ngày ký"),
        width=16,
        note=DATE_NOTE + " Không ở tương lai, không trước năm xếp loại. Chỉ ghi khi có danh hiệu.",
    ),
    Column(
        "issuer",
        "Cơ quan ban hành",
        max_length=200,
        aliases=("Cơ quan ra quyết định", "Cấp khen"),
        width=24,
        note="Chỉ ghi khi có danh hiệu.",
    ),
    Column("note", "Ghi chú", max_length=500, width=30),
)

# Past decisions (issue 13.4): one sheet of decisions, one of their awardees, which name the decision by
# its number. A title or a form is written by its code or its Vietnamese name.
HONOUR_ACCEPTED = {
    **TITLE_ACCEPTED,
    **{code: code for code in HONOURS},
    **{name: code for code, (name, _k, _t) in HONOURS.items()},
    "BK tỉnh": "BK_TINH",
    "Bằng khen UBND tỉnh": "BK_TINH",
    "Bằng khen của Chủ tịch UBND tỉnh": "BK_TINH",
    "Bằng khen Thủ tướng": "BK_TTG",
    "BKTTg": "BK_TTG",
    "Huân chương Lao động hạng 3": "HCLD3",
    "Huân chương Lao động hạng 2": "HCLD2",
    "Huân chương Lao động hạng 1": "HCLD1",
}
PERSON_TARGET, COLLECTIVE_TARGET = "person", "organization"
TARGET_LABELS = {"Cá nhân": PERSON_TARGET, "Tập thể": COLLECTIVE_TARGET}
def _decision_number(note: str) -> Column:
    """The decision's number: the key of the "Quyết định" sheet and the link to it from each awardee."""
    return Column("number", "Số quyết định", required=True, max_length=60,
                  aliases=("Số QĐ", "Số, ký hiệu", "Số ký hiệu"), width=18, note=note)


DECISION_SHEET_COLUMNS = (
    _decision_number("Ví dụ 312/QĐ-SNV. Mỗi quyết định một dòng, số không trùng trong tệp."),
    Column(
        "decided_on",
        "Ngày quyết định",
        DATE,
        required=True,
        aliases=("Ngày QĐ", "Ngày ký", "Ngày ban hành"),
        width=16,
        note=DATE_NOTE + " Không ở tương lai.",
    ),
    Column(
        "issuer",
        "Cơ quan ban hành",
        required=True,
        max_length=200,
        aliases=("Cơ quan ra quyết định", "Cấp khen"),
        width=28,
        note="Ví dụ UBND tỉnh Quảng Trị, Sở Nội vụ; được ghi vào từng khen thưởng của quyết định.",
    ),
    Column("signer", "Người ký", max_length=150, width=24),
    Column("summary", "Trích yếu", max_length=500, aliases=("Nội dung", "Trích yếu nội dung"), width=50),
)
AWARDEE_COLUMNS = (
    _decision_number("Số của một quyết định ở trang tính “Quyết định”."),
    Column(
        "honour",
        "Danh hiệu, hình thức",
        required=True,
        max_length=60,
        aliases=("Danh hiệu", "Hình thức", "Hình thức khen thưởng", "Danh hiệu hình thức khen thưởng"),
        width=30,
        note="Tên hoặc mã của danh hiệu thi đua, hình thức khen thưởng (ví dụ Bằng khen cấp bộ, ngành, tỉnh "
        "hoặc BK_TINH; Lao động tiên tiến hoặc LĐTT). Danh sách ở cuối trang này.",
    ),
    Column(
        "year",
        "Năm xét tặng",
        max_length=4,
        aliases=("Năm", "Năm khen thưởng", "Năm công nhận"),
        width=12,
        note="Năm của thành tích được khen (ví dụ danh hiệu năm 2023 quyết định tháng 01/2024: ghi 2023). "
        "Để trống là năm của ngày quyết định.",
    ),
    Column(
        "target",
        "Đối tượng",
        CHOICE,
        labels=TARGET_LABELS,
        accepted={"CN": PERSON_TARGET, "TT": COLLECTIVE_TARGET},
        width=12,
        note="Để trống: dòng có Mã cán bộ hoặc Họ và tên là cá nhân, dòng chỉ có đơn vị là tập thể.",
    ),
    Column(
        "person_code",
        "Mã cán bộ",
        max_length=40,
        aliases=("Mã CB", "Mã số cán bộ"),
        width=14,
        note="Cá nhân: nhận ra theo mã; nếu trống thì theo Họ và tên, Ngày sinh, Đơn vị.",
    ),
    Column("full_name", "Họ và tên", max_length=150, aliases=("Họ tên",), width=26),
    Column("date_of_birth", "Ngày sinh", DATE, aliases=("Ngày tháng năm sinh",), width=14, note=DATE_NOTE),
    Column(
        "unit",
        "Mã đơn vị",
        max_length=40,
        aliases=("Mã tập thể",),
        width=14,
        note="Tập thể: mã của tập thể. Cá nhân: không bắt buộc, đơn vị người đó công tác (hoặc đơn vị cấp trên).",
    ),
    Column(
        "unit_name",
        "Đơn vị",
        max_length=255,
        aliases=("Tên đơn vị", "Đơn vị công tác", "Tên tập thể"),
        width=30,
        note="Tên đơn vị, khi không có mã: tập thể được khen, hoặc đơn vị công tác của cá nhân.",
    ),
    Column("note", "Ghi chú", max_length=500, width=24),
)
DECISION_SHEETS = {"Quyết định": DECISION_SHEET_COLUMNS, "Danh sách khen thưởng": AWARDEE_COLUMNS}

COLUMNS = {
    ImportKind.ORGANIZATIONS: ORGANIZATION_COLUMNS,
    ImportKind.PEOPLE: PEOPLE_COLUMNS,
    ImportKind.RECORDS: RECORD_COLUMNS,
}
SHEET_TITLES = {ImportKind.ORGANIZATIONS: "Đơn vị", ImportKind.PEOPLE: "Cán bộ", ImportKind.RECORDS: "Xếp loại"}
GUIDE_SHEET_TITLE = "Hướng dẫn"


def header_lookup(columns) -> dict[str, Column]:
    lookup = {}
    for column in columns:
        for spelling in (column.header, *column.aliases):
            lookup[fold_key(spelling)] = column
    return lookup
