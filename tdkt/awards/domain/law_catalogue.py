"""The law's catalogue of emulation titles and commendation forms, as it stood on each date.

Every title and form of Luật Thi đua, khen thưởng 06/2022/QH15 (Điều 9, 19–33, 71–75) in two
versions: from 01/01/2024 under Nghị định 98/2023/NĐ-CP, and from 01/07/2025 under Nghị định
152/2025/NĐ-CP with the two-tier local government (Nghị định 129/2025/NĐ-CP, Điều 59: the district
level is gone and the commune chair decides LĐTT, CSTĐCS, TTLĐTT, thôn văn hóa and Giấy khen).
The dates of the regimes come from the rule book (``tdkt.rules.domain.regimes``), one truth.

This is the reference a province's catalogue is built from (``services.catalogue.catalogue_install_law``):
the province's own rows (its issuer, copies, a stricter ballot) are what dossiers use.

Confidence, as in ../shared/domain/LAW.md: deciders, ballots and articles are [V] or [V2] unless
the comment says otherwise; the reward coefficients of the orders, Huy chương and Anh hùng other than
those LAW.md quotes are recalled [R] and are data a province corrects through a new version.

Pure Python (no Django).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from tdkt.rules.domain.regimes import REGIME_2024, REGIME_2025

FROM_2024: date = REGIME_2024.effective_from
FROM_2025: date = REGIME_2025.effective_from
UNTIL_2025: date = REGIME_2024.effective_to

LAW = "Luật TĐKT 2022"
DECREE_2024 = "Nghị định 98/2023/NĐ-CP"
DECREE_2025 = "Nghị định 152/2025/NĐ-CP"
REFORM_2025 = "Nghị định 129/2025/NĐ-CP, Điều 59"

# Who decides (Luật TĐKT 2022, Điều 77–80), as a decision names them.
PRESIDENT = "Chủ tịch nước"
PRIME_MINISTER = "Thủ tướng Chính phủ"
GOVERNMENT = "Chính phủ"
MINISTER = "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, cơ quan trung ương"
PROVINCE_CHAIR = "Chủ tịch Ủy ban nhân dân tỉnh"
DEPARTMENT_HEAD = "Thủ trưởng cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh"
UNIT_HEAD = "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân"
DISTRICT_CHAIR = "Chủ tịch Ủy ban nhân dân cấp huyện"
COMMUNE_CHAIR = "Chủ tịch Ủy ban nhân dân cấp xã"
ENTERPRISE_HEAD = "Chủ tịch Hội đồng quản trị, Hội đồng thành viên, Tổng giám đốc, Giám đốc doanh nghiệp, hợp tác xã"
ARMED_FORCES = "Thủ trưởng đơn vị theo quy định của Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an"
ORGANISATION_HEAD = "Người đứng đầu bộ, ngành, tỉnh, tổ chức chính trị - xã hội ban hành Kỷ niệm chương"

# Dossier components (Luật TĐKT 2022, Điều 84; LAW.md F3).
TO_TRINH = {"code": "to_trinh", "label": "Tờ trình đề nghị khen thưởng", "required": True}
BAO_CAO = {"code": "bao_cao", "label": "Báo cáo thành tích", "required": True}
BIEN_BAN_BINH_XET = {"code": "bien_ban", "label": "Biên bản họp bình xét thi đua", "required": True}
BIEN_BAN_PHIEU = {"code": "bien_ban", "label": "Biên bản họp bình xét và kết quả bỏ phiếu kín của Hội đồng",
                  "required": True}
BIEN_BAN_KHEN = {"code": "bien_ban", "label": "Biên bản họp xét khen thưởng", "required": True}
CHUNG_NHAN_CS = {"code": "chung_nhan", "label": "Chứng nhận sáng kiến, đề tài được công nhận hoặc kết quả "
                 "xếp loại hoàn thành xuất sắc nhiệm vụ", "required": True}
CHUNG_NHAN_TINH = {"code": "chung_nhan", "label": "Xác nhận phạm vi ảnh hưởng của sáng kiến, đề tài trong "
                   "bộ, ngành, tỉnh của người đứng đầu", "required": True}
CHUNG_NHAN_TQ = {"code": "chung_nhan", "label": "Xác nhận phạm vi ảnh hưởng toàn quốc của sáng kiến, đề tài",
                 "required": True}
CHUNG_NHAN_THANH_TICH = {"code": "chung_nhan", "label": "Xác nhận thành tích đột xuất, đặc biệt, sáng kiến "
                         "(nếu có)", "required": False}
Y_KIEN = {"code": "y_kien", "label": "Ý kiến của Ủy ban nhân dân tỉnh hoặc cơ quan trung ương liên quan",
          "required": True}
TEP_DIEN_TU = {"code": "tep_dien_tu", "label": "Tệp điện tử hồ sơ (Word và PDF) gửi qua Hệ thống quản lý hồ sơ "
               "khen thưởng điện tử", "required": True}

TITLE_PAPERS = (TO_TRINH, BAO_CAO, BIEN_BAN_BINH_XET)
FORM_PAPERS = (TO_TRINH, BAO_CAO, BIEN_BAN_KHEN, CHUNG_NHAN_THANH_TICH)
CENTRAL_PAPERS = (TO_TRINH, BAO_CAO, BIEN_BAN_KHEN, Y_KIEN, TEP_DIEN_TU)


@dataclass(frozen=True)
class LawVersion:
    """One title or form as a regime has it."""

    effective_from: date
    effective_to: date | None
    name: str
    level: str  # "unit" (cơ sở), "department", "province", "central" (awards.models.Level)
    deciders: tuple[str, ...]  # who may decide it, the first as a decision of the province names it
    legal_ref: str
    needs_ballot: bool = False
    ballot_threshold: Decimal = Decimal(80)  # % of all members (Nghị định 98/2023, Điều 30 khoản 7)
    needs_notice: bool = False  # published before the proposal (Luật, Điều 84 khoản 5)
    notice_working_days: int = 10  # Nghị định 98/2023, Điều 46 khoản 2
    coefficient_individual: Decimal = Decimal(0)
    coefficient_collective: Decimal = Decimal(0)
    components: tuple[dict, ...] = FORM_PAPERS
    copies: int = 1

    @property
    def decider_title(self) -> str:
        return self.deciders[0]


@dataclass(frozen=True)
class LawForm:
    code: str  # also the catalogue code of a province's row (awards.AwardForm.code)
    record_code: str  # tdkt.records.domain.codes.HONOURS
    certificate_title: str
    targets: frozenset[str]  # "individual", "collective", "household"
    versions: tuple[LawVersion, ...] = field(default=())

    def on(self, day: date) -> LawVersion | None:
        """The version in force on ``day``; None before 01/01/2024 (the 2013 law's forms are records only)."""
        for version in self.versions:
            if version.effective_from <= day and (version.effective_to is None or day <= version.effective_to):
                return version
        return None


IND, COL, HH = "individual", "collective", "household"


def _form(code, record_code, certificate_title, targets, *, name, level, deciders, articles,
          deciders_2025=None, name_2025=None, level_2025=None, reform=False, **rest) -> LawForm:
    """The two versions of one title or form: the 2025 one differs in its decree, and where the
    reform of 01/07/2025 moved the power, in who decides (``deciders_2025``, citing ND 129/2025)."""
    first = LawVersion(
        effective_from=FROM_2024, effective_to=UNTIL_2025, name=name, level=level, deciders=tuple(deciders),
        legal_ref=f"{LAW}, {articles}; {DECREE_2024}", **rest,
    )
    second = replace(
        first, effective_from=FROM_2025, effective_to=None, name=name_2025 or name, level=level_2025 or level,
        deciders=tuple(deciders_2025 or deciders),
        legal_ref=f"{LAW}, {articles}; {DECREE_2025}" + (f"; {REFORM_2025}" if reform else ""),
    )
    return LawForm(code=code, record_code=record_code, certificate_title=certificate_title,
                   targets=frozenset(targets), versions=(first, second))


def _order(code, name, articles, *, ind, col=None, targets=(IND, COL), **rest) -> LawForm:
    """A Huân chương, Huy chương or Anh hùng title: the President decides (Điều 77), the list is
    published before the proposal (Điều 84 khoản 5), the dossier goes to the Bộ Nội vụ."""
    col = Decimal(col) if col is not None else Decimal(ind) * 2 if COL in targets else Decimal(0)
    return _form(
        code, code, name.upper(), targets, name=name, level="central", deciders=(PRESIDENT,), articles=articles,
        needs_notice=True, coefficient_individual=Decimal(ind), coefficient_collective=col,
        components=CENTRAL_PAPERS, **rest,
    )


D = Decimal
BASE_LEVEL_2024 = (UNIT_HEAD, DISTRICT_CHAIR, ENTERPRISE_HEAD)  # Điều 80 khoản 1, 2, 4
BASE_LEVEL_2025 = (UNIT_HEAD, COMMUNE_CHAIR, ENTERPRISE_HEAD)  # the district's power to the commune

LAW_FORMS: tuple[LawForm, ...] = (
    # A. Individual titles.
    _form("LDTT", "LDTT", "GIẤY CHỨNG NHẬN", (IND,), name="Danh hiệu Lao động tiên tiến", level="unit",
          deciders=(*BASE_LEVEL_2024, COMMUNE_CHAIR), deciders_2025=BASE_LEVEL_2025, reform=True,
          articles="Điều 24, 80", coefficient_individual=D("0.3"), components=TITLE_PAPERS),
    _form("CSTT", "CSTT", "GIẤY CHỨNG NHẬN", (IND,), name="Danh hiệu Chiến sĩ tiên tiến", level="unit",
          deciders=(ARMED_FORCES,), articles="Điều 24, 80 khoản 5", coefficient_individual=D("0.3"),
          components=TITLE_PAPERS),
    # Before the reform the commune chair could not decide CSTĐCS (Điều 80 khoản 3); from it, yes.
    _form("CSTDCS", "CSTDCS", "GIẤY CHỨNG NHẬN", (IND,), name="Danh hiệu Chiến sĩ thi đua cơ sở", level="unit",
          deciders=BASE_LEVEL_2024, deciders_2025=BASE_LEVEL_2025, reform=True, articles="Điều 23, 80",
          needs_ballot=True, ballot_threshold=D(80), coefficient_individual=D("1.0"),
          components=(TO_TRINH, BAO_CAO, BIEN_BAN_PHIEU, CHUNG_NHAN_CS)),
    _form("CSTD_TINH", "CSTD_TINH", "BẰNG CHỨNG NHẬN", (IND,), name="Danh hiệu Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
          level="province", deciders=(PROVINCE_CHAIR, MINISTER), articles="Điều 22, 79",
          needs_ballot=True, ballot_threshold=D(90), coefficient_individual=D("3.0"),
          components=(TO_TRINH, BAO_CAO, BIEN_BAN_PHIEU, CHUNG_NHAN_TINH)),
    _form("CSTD_TQ", "CSTD_TQ", "BẰNG CHỨNG NHẬN", (IND,), name="Danh hiệu Chiến sĩ thi đua toàn quốc",
          level="central", deciders=(PRIME_MINISTER,), articles="Điều 21, 78", needs_ballot=True,
          ballot_threshold=D(90), coefficient_individual=D("4.5"),
          components=(TO_TRINH, BAO_CAO, BIEN_BAN_PHIEU, CHUNG_NHAN_TQ, TEP_DIEN_TU)),
    # B. Collective titles.
    _form("TTLDTT", "TTLDTT", "GIẤY CHỨNG NHẬN", (COL,), name="Danh hiệu Tập thể lao động tiên tiến", level="unit",
          deciders=BASE_LEVEL_2024, deciders_2025=BASE_LEVEL_2025, reform=True, articles="Điều 28, 80",
          coefficient_collective=D("0.8"), components=TITLE_PAPERS),
    _form("DVTT", "DVTT", "GIẤY CHỨNG NHẬN", (COL,), name="Danh hiệu Đơn vị tiên tiến", level="unit",
          deciders=(ARMED_FORCES,), articles="Điều 28, 80 khoản 5", coefficient_collective=D("0.8"),
          components=TITLE_PAPERS),
    _form("TTLDXS", "TTLDXS", "BẰNG CHỨNG NHẬN", (COL,), name="Danh hiệu Tập thể lao động xuất sắc",
          level="province", deciders=(PROVINCE_CHAIR, MINISTER), articles="Điều 27, 79",
          coefficient_collective=D("1.5"), components=TITLE_PAPERS),
    _form("DVQT", "DVQT", "BẰNG CHỨNG NHẬN", (COL,), name="Danh hiệu Đơn vị quyết thắng", level="central",
          deciders=(ARMED_FORCES,), articles="Điều 27, 79 khoản 5", coefficient_collective=D("1.5"),
          components=TITLE_PAPERS),
    _form("CO_TINH", "CO_TINH", "CỜ THI ĐUA", (COL,), name="Cờ thi đua cấp bộ, ngành, tỉnh", level="province",
          deciders=(PROVINCE_CHAIR, MINISTER), articles="Điều 26, 79", needs_ballot=True, ballot_threshold=D(80),
          coefficient_collective=D("8.0"), components=(TO_TRINH, BAO_CAO, BIEN_BAN_PHIEU)),
    # The Law (Điều 78 khoản 1) gives it to the Government; from 2025 the Prime Minister decides
    # (Nghị định 152/2025; QĐ 311/QĐ-BNV/2025) [V2].
    _form("CO_CP", "CO_CP", "CỜ THI ĐUA", (COL,), name="Cờ thi đua của Chính phủ", level="central",
          deciders=(GOVERNMENT,), deciders_2025=(PRIME_MINISTER,), articles="Điều 25, 78", needs_ballot=True,
          ballot_threshold=D(80), coefficient_collective=D("12.0"),
          components=(TO_TRINH, BAO_CAO, BIEN_BAN_PHIEU, Y_KIEN, TEP_DIEN_TU)),
    # C. Communes, villages and households.
    _form("XA_TB", "XA_TB", "BẰNG CÔNG NHẬN", (COL,), name="Danh hiệu Xã, phường, thị trấn tiêu biểu",
          name_2025="Danh hiệu Xã, phường, đặc khu tiêu biểu", level="province", deciders=(PROVINCE_CHAIR,),
          articles="Điều 29, 79", coefficient_collective=D("2.0"), components=TITLE_PAPERS),
    _form("THON_VH", "THON_VH", "GIẤY CÔNG NHẬN", (COL,), name="Danh hiệu Thôn, tổ dân phố văn hóa", level="unit",
          deciders=(DISTRICT_CHAIR,), deciders_2025=(COMMUNE_CHAIR,), reform=True, articles="Điều 30, 80",
          coefficient_collective=D("1.5"), components=TITLE_PAPERS),
    # The reward of Gia đình văn hóa is the province's to set [R]: 0 until it does.
    _form("GDVH", "GDVH", "GIẤY CÔNG NHẬN", (HH,), name="Danh hiệu Gia đình văn hóa", level="unit",
          deciders=(COMMUNE_CHAIR,), articles="Điều 31, 80 khoản 3", components=TITLE_PAPERS),
    # D. Commendation forms. Giấy khen: individual 0,3 [R], collective 0,6 [V2].
    _form("GK", "GK", "GIẤY KHEN", (IND, COL, HH), name="Giấy khen", level="unit",
          deciders=(DEPARTMENT_HEAD, UNIT_HEAD, ENTERPRISE_HEAD, DISTRICT_CHAIR, COMMUNE_CHAIR),
          deciders_2025=(DEPARTMENT_HEAD, UNIT_HEAD, ENTERPRISE_HEAD, COMMUNE_CHAIR), reform=True,
          articles="Điều 75, 80", coefficient_individual=D("0.3"), coefficient_collective=D("0.6")),
    _form("BK_TINH", "BK_TINH", "BẰNG KHEN", (IND, COL, HH), name="Bằng khen cấp bộ, ngành, tỉnh", level="province",
          deciders=(PROVINCE_CHAIR, MINISTER), articles="Điều 74, 79", coefficient_individual=D("1.5"),
          coefficient_collective=D("3.0")),
    _form("BK_TTG", "BK_TTG", "BẰNG KHEN", (IND, COL, HH), name="Bằng khen của Thủ tướng Chính phủ",
          level="central", deciders=(PRIME_MINISTER,), articles="Điều 73, 78", coefficient_individual=D("3.5"),
          coefficient_collective=D("7.0"), components=CENTRAL_PAPERS),
    # The orders (Điều 33 lists them; the President decides, Điều 77). Huân chương Lao động: Điều 42–44 [V];
    # the other orders' coefficients are recalled [R].
    _order("HCSV", "Huân chương Sao vàng", "Điều 33, 77", ind="46.0"),
    _order("HCHCM", "Huân chương Hồ Chí Minh", "Điều 33, 77", ind="30.5"),
    _order("HCDL1", "Huân chương Độc lập hạng Nhất", "Điều 33, 77", ind="15.0"),
    _order("HCDL2", "Huân chương Độc lập hạng Nhì", "Điều 33, 77", ind="12.5"),
    _order("HCDL3", "Huân chương Độc lập hạng Ba", "Điều 33, 77", ind="10.5"),
    _order("HCQC1", "Huân chương Quân công hạng Nhất", "Điều 33, 77", ind="15.0"),
    _order("HCQC2", "Huân chương Quân công hạng Nhì", "Điều 33, 77", ind="12.5"),
    _order("HCQC3", "Huân chương Quân công hạng Ba", "Điều 33, 77", ind="10.5"),
    _order("HCLD1", "Huân chương Lao động hạng Nhất", "Điều 42, 77", ind="9.0"),
    _order("HCLD2", "Huân chương Lao động hạng Nhì", "Điều 43, 77", ind="7.5"),
    _order("HCLD3", "Huân chương Lao động hạng Ba", "Điều 44, 77", ind="4.5", col="9.0"),
    _order("HCBVTQ1", "Huân chương Bảo vệ Tổ quốc hạng Nhất", "Điều 33, 77", ind="9.0"),
    _order("HCBVTQ2", "Huân chương Bảo vệ Tổ quốc hạng Nhì", "Điều 33, 77", ind="7.5"),
    _order("HCBVTQ3", "Huân chương Bảo vệ Tổ quốc hạng Ba", "Điều 33, 77", ind="4.5"),
    _order("HCCC1", "Huân chương Chiến công hạng Nhất", "Điều 33, 77", ind="9.0"),
    _order("HCCC2", "Huân chương Chiến công hạng Nhì", "Điều 33, 77", ind="7.5"),
    _order("HCCC3", "Huân chương Chiến công hạng Ba", "Điều 33, 77", ind="4.5"),
    _order("HCDDK", "Huân chương Đại đoàn kết dân tộc", "Điều 33, 77", ind="10.5"),
    _order("HCDC", "Huân chương Dũng cảm", "Điều 33, 77", ind="3.0", targets=(IND,)),
    # Given to foreigners (đối ngoại): a gift, no money.
    _order("HCHN", "Huân chương Hữu nghị", "Điều 33, 77", ind="0", col="0"),
    _order("HUYC_QKQT", "Huy chương Quân kỳ quyết thắng", "Điều 9, 77", ind="1.5", targets=(IND,)),
    _order("HUYC_VANTQ", "Huy chương Vì an ninh Tổ quốc", "Điều 9, 77", ind="1.5", targets=(IND,)),
    _order("HUYC_CSVV1", "Huy chương Chiến sĩ vẻ vang hạng Nhất", "Điều 9, 77", ind="1.5", targets=(IND,)),
    _order("HUYC_CSVV2", "Huy chương Chiến sĩ vẻ vang hạng Nhì", "Điều 9, 77", ind="1.0", targets=(IND,)),
    _order("HUYC_CSVV3", "Huy chương Chiến sĩ vẻ vang hạng Ba", "Điều 9, 77", ind="0.5", targets=(IND,)),
    _order("HUYC_HN", "Huy chương Hữu nghị", "Điều 9, 77", ind="0", targets=(IND,)),
    # Danh hiệu vinh dự nhà nước: individual 15,5, collective twice that [V2, ND98 Art. 56]; a ballot of
    # at least 90% of all members (Nghị định 98/2023, Điều 30 khoản 7).
    _order("AHLD", "Danh hiệu Anh hùng Lao động", "Điều 9, 59, 77", ind="15.5", needs_ballot=True,
           ballot_threshold=D(90)),
    _order("AHLLVT", "Danh hiệu Anh hùng Lực lượng vũ trang nhân dân", "Điều 9, 59, 77", ind="15.5",
           needs_ballot=True, ballot_threshold=D(90)),
    # Kỷ niệm chương of a ministry, sector, province or organisation: the issuer sets its criteria
    # (Điều 71); money up to 0,6 [V2].
    _form("KNC", "KNC", "KỶ NIỆM CHƯƠNG", (IND,), name="Kỷ niệm chương", level="central",
          deciders=(ORGANISATION_HEAD,), articles="Điều 71", coefficient_individual=D("0.6"),
          components=(TO_TRINH, BAO_CAO)),
)
BY_CODE: dict[str, LawForm] = {form.code: form for form in LAW_FORMS}


def law_forms_on(day: date) -> list[tuple[LawForm, LawVersion]]:
    """Every title and form with the version in force on ``day`` (none before 01/01/2024)."""
    return [(form, version) for form in LAW_FORMS if (version := form.on(day)) is not None]


def decider_on(code: str, day: date) -> str | None:
    """Who decides ``code`` on ``day``, as the first decider of its version; None when not in force."""
    version = BY_CODE[code].on(day)
    return version.decider_title if version else None
