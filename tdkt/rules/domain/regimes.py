"""Rule versions: which rules, thresholds and legal references apply on a given day.

The law changes by adding a version, never by editing one (DESIGN.md). A ``RuleVersion`` is the
complete rule set of one legal regime over a date range, for the whole country
(``jurisdiction`` None) or for one province or sector that adopted stricter criteria, as the Law
allows (Luật 06/2022/QH15 Điều 24 khoản 4, 26 khoản 3, 27 khoản 3, 28 khoản 3, 74 khoản 6,
75 khoản 2). ``RuleBook.select(on_date, jurisdiction)`` picks the version in force.

National regimes (contracts/eligibility.md, "Output"):

* ``2013``: on_date < 2024-01-01 — Luật Thi đua, khen thưởng 2003 sửa đổi 2013, Nghị định
  91/2017/NĐ-CP. Only LĐTT and CSTĐCS are covered; every other award is ``unsupported``.
* ``2024``: 2024-01-01 .. 2025-06-30 — Luật 06/2022/QH15, Nghị định 98/2023/NĐ-CP.
* ``2025``: from 2025-07-01 — Luật 06/2022/QH15, Nghị định 152/2025/NĐ-CP (replaces ND 98).

A province adds a stricter version with ``RuleVersion.derive`` (see its docstring) and
``RuleBook.with_versions``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import collective, forms, individual, long_service
from .conditions import CheckFn, Gates, RuleSpec, check_nothing
from .forms import Need, SinceAwardParams
from .long_service import ServiceYearsParams, TenureParams, TenureRow
from .types import (
    AWARD_NAMES,
    CSTDCS_ACHIEVEMENT,
    FORM_CODES,
    GATE_DISCIPLINE_TENURE,
    LDTT_STANDARD,
    PERIOD_TITLES,
    PERIOD_YEARS,
    PRIOR_AWARD,
    SERVICE_YEARS,
    TENURE_YEARS,
    Basis,
    Kind,
    Rating,
)

LAW_2013 = "Luật TĐKT 2003 sửa đổi 2013"
LAW_2022 = "Luật TĐKT 2022"
DECREE_91 = "Nghị định 91/2017/NĐ-CP"
DECREE_98 = "Nghị định 98/2023/NĐ-CP"
DECREE_152 = "Nghị định 152/2025/NĐ-CP"

IND, COL = Kind.INDIVIDUAL, Kind.COLLECTIVE
MOVEMENT, SUDDEN = Basis.MOVEMENT, Basis.SUDDEN
CONG_HIEN, NIEN_HAN = Basis.CONG_HIEN, Basis.NIEN_HAN

RuleKey = tuple[str, Kind]  # (award code, kind of subject)
BasisRuleKey = tuple[str, Kind, Basis]  # a form's rule on a basis other than regular


@dataclass(frozen=True)
class RuleVersion:
    """The rules in force from ``effective_from`` to ``effective_to`` (both included; None: open).

    ``rules`` holds the regular-basis rule of each (award, kind); ``other_basis`` the rules of
    forms on another basis (movement, sudden, cống hiến, niên hạn), keyed (award, kind, basis). A
    key absent from both is ``unsupported``; ``basis_reasons`` gives, per basis, why a form without a
    rule on it is (the article that leaves it to judgment; ``{name}`` is the form's name). Titles
    ignore the basis (it only qualifies commendation forms).
    """

    key: str
    regime: str
    name: str
    effective_from: date | None
    effective_to: date | None
    law: str
    decree: str
    gate_ref: str
    rules: Mapping[RuleKey, RuleSpec]
    other_basis: Mapping[BasisRuleKey, RuleSpec] = field(default_factory=dict)
    jurisdiction: str | None = None
    basis_reasons: Mapping[Basis, str] = field(default_factory=dict)
    gates: Gates = field(init=False, repr=False, compare=False)
    _lookup: dict[tuple[str, str, str], RuleSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gates", Gates(self.gate_ref))
        lookup: dict[tuple[str, str, str], RuleSpec] = {}
        for (award, kind), spec in self.rules.items():
            for basis in Basis:
                if basis is Basis.REGULAR or award not in FORM_CODES:
                    lookup[(award, kind, basis)] = spec
        for (award, kind, basis), spec in self.other_basis.items():
            if award not in FORM_CODES or basis is Basis.REGULAR:
                raise ValueError(f"{self.key}: only forms have rules on another basis ({award}, {basis})")
            lookup[(award, kind, basis)] = spec
        object.__setattr__(self, "_lookup", lookup)

    def covers(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    def spec_for(self, award: str, kind: Kind, basis: Basis) -> RuleSpec | None:
        """The rule of ``award`` for ``kind`` on ``basis``; None: unsupported."""
        return self._lookup.get((award, kind, basis))

    def reason_for(self, award: str, kind: Kind, basis: Basis) -> str | None:
        """Why ``award`` has no rule on ``basis`` (only where the rule book says), else None."""
        if award not in FORM_CODES or self.spec_for(award, kind, basis) is not None:
            return None
        text = self.basis_reasons.get(basis)
        return None if text is None else text.format(name=AWARD_NAMES[award])

    def derive(
        self,
        *,
        key: str,
        name: str,
        jurisdiction: str,
        effective_from: date,
        effective_to: date | None = None,
        note: str,
        params: Mapping[RuleKey | BasisRuleKey, Mapping[str, Any]] | None = None,
        extra: Mapping[RuleKey | BasisRuleKey, Iterable[CheckFn]] | None = None,
    ) -> RuleVersion:
        """A stricter local version of this one, e.g. a province's regulation.

        ``params`` replaces thresholds of the named rules (``{("TTLDTT", Kind.COLLECTIVE):
        {"ldtt_percent": 80}}``; a rule on another basis is keyed with it, e.g. ``{("KNC",
        Kind.INDIVIDUAL, Basis.NIEN_HAN): {"years_men": 25}}``); ``extra`` appends further checks
        to a rule; ``note`` is the
        local act (e.g. "Quyết định 25/2025/QĐ-UBND tỉnh Quảng Trị, Điều 6"), cited after the
        national reference of every changed rule. The national rules stay as they are: the local
        version applies only to ``jurisdiction`` and only within its dates.
        """
        rules, other = dict(self.rules), dict(self.other_basis)
        changed: set[RuleKey | BasisRuleKey] = set(params or {}) | set(extra or {})
        for rule_key in changed:
            book = other if len(rule_key) == 3 else rules
            if rule_key not in book:
                raise KeyError(f"{self.key} has no rule {rule_key}")
            spec = book[rule_key]
            new_params = spec.params
            if params and rule_key in params:
                if spec.params is None:
                    raise ValueError(f"{self.key}: rule {rule_key} has no parameters to change")
                new_params = dataclasses.replace(spec.params, **params[rule_key])
            book[rule_key] = dataclasses.replace(
                spec,
                params=new_params,
                ref=f"{spec.ref}; {note}",
                refs={code: f"{ref}; {note}" for code, ref in spec.refs.items()},
                extra=spec.extra + tuple((extra or {}).get(rule_key, ())),
            )
        return RuleVersion(
            key=key, regime=self.regime, name=name, effective_from=effective_from, effective_to=effective_to,
            law=self.law, decree=self.decree, gate_ref=self.gate_ref, rules=rules,
            other_basis=other, jurisdiction=jurisdiction, basis_reasons=self.basis_reasons,
        )


class RuleBook:
    """All rule versions; selects the one in force for a day and a jurisdiction.

    National versions must not overlap. A local version must lie inside one national regime (a
    new decree means the province adds a new version on the new national base) and must not
    overlap another version of the same jurisdiction. Outside its local versions a jurisdiction
    uses the national rules.
    """

    def __init__(self, versions: Iterable[RuleVersion]) -> None:
        self.versions: tuple[RuleVersion, ...] = tuple(versions)
        self._national = sorted(
            (v for v in self.versions if v.jurisdiction is None), key=lambda v: v.effective_from or date.min,
        )
        self._local: dict[str, list[RuleVersion]] = {}
        for v in self.versions:
            if v.jurisdiction is not None:
                self._local.setdefault(v.jurisdiction, []).append(v)
        for group in [self._national, *self._local.values()]:
            group.sort(key=lambda v: v.effective_from or date.min)
            for a, b in zip(group, group[1:], strict=False):
                if a.effective_to is None or (b.effective_from is not None and b.effective_from <= a.effective_to):
                    raise ValueError(f"rule versions {a.key} and {b.key} overlap")
        for group in self._local.values():
            for v in group:
                if v.effective_from is None:
                    raise ValueError(f"{v.key}: a local version needs effective_from")
                base = self._select_national(v.effective_from)
                inside = base.regime == v.regime and (
                    base.effective_to is None
                    or (v.effective_to is not None and v.effective_to <= base.effective_to)
                )
                if not inside:
                    raise ValueError(f"{v.key} must lie within national regime {v.regime}")
        self._cache: dict[tuple[date, str | None], RuleVersion] = {}

    def _select_national(self, day: date) -> RuleVersion:
        for v in self._national:
            if v.covers(day):
                return v
        raise LookupError(f"no national rule version covers {day.isoformat()}")

    def select(self, on_date: date, jurisdiction: str | None = None) -> RuleVersion:
        cache_key = (on_date, jurisdiction)
        found = self._cache.get(cache_key)
        if found is not None:
            return found
        found = None
        for v in self._local.get(jurisdiction, ()) if jurisdiction else ():
            if v.covers(on_date):
                found = v
                break
        if found is None:
            found = self._select_national(on_date)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[cache_key] = found
        return found

    def with_versions(self, *versions: RuleVersion) -> RuleBook:
        return RuleBook(self.versions + versions)


# ---------------------------------------------------------------------------------------------
# National data
# ---------------------------------------------------------------------------------------------


def _cite(law: str, article: str, decree: str) -> str:
    return f"{law}, {article}; {decree}"


JUDGMENT_TEXT = {
    "LDTT": "Tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua: "
            "Hội đồng Thi đua - Khen thưởng xem xét",
    "CSTD_TINH": "Là cá nhân tiêu biểu xuất sắc trong số những người 3 lần liên tục đạt CSTĐCS: "
                 "Hội đồng Thi đua - Khen thưởng xem xét",
    "CSTD_TQ": "Là cá nhân tiêu biểu xuất sắc trong số những người 2 lần liên tục đạt CSTĐ cấp bộ, ngành, tỉnh: "
               "Hội đồng Thi đua - Khen thưởng xem xét",
    "CO_TINH": "Hoàn thành vượt mức chỉ tiêu, là tập thể tiêu biểu xuất sắc; nội bộ đoàn kết, trong sạch: "
               "Hội đồng Thi đua - Khen thưởng xem xét",
    "CO_CP": "Là tập thể tiêu biểu xuất sắc trong số các tập thể dẫn đầu cụm, khối thi đua: "
             "Hội đồng Thi đua - Khen thưởng xem xét",
    "GK": "Tiêu chuẩn Giấy khen do bộ, ngành, tỉnh quy định: Hội đồng Thi đua - Khen thưởng xem xét thành tích",
    Basis.MOVEMENT: "Thành tích xuất sắc trong phong trào thi đua theo đợt, chuyên đề: "
                    "Hội đồng Thi đua - Khen thưởng xem xét",
    Basis.SUDDEN: "Thành tích đột xuất: Hội đồng Thi đua - Khen thưởng xem xét",
    Basis.CONG_HIEN: "Có quá trình cống hiến lâu dài trong cơ quan, tổ chức, đoàn thể (hoặc hoạt động liên tục "
                     "trong hai cuộc kháng chiến, giữ chức vụ theo bảng của Nghị định): "
                     "Hội đồng Thi đua - Khen thưởng xem xét",
    "KNC": "Đối tượng và tiêu chuẩn khác của Kỷ niệm chương do cơ quan ban hành quy định: "
           "Hội đồng Thi đua - Khen thưởng xem xét",
}

# Quá trình cống hiến: the tenure tables of Nghị định 152/2025/NĐ-CP, by form, with the article of
# Luật 06/2022/QH15 that points to them. Regime 2024 (Nghị định 98/2023) has none here: its
# tables were not obtained, so a cống hiến case there is ``unsupported`` with the reason below.
TENURE_2025: dict[str, tuple[str, TenureParams]] = {
    # Huân chương Lao động hạng Ba, Điều 44 khoản 1 điểm g; Nghị định 152/2025 Điều 21 điểm b.
    # [R] Years as a secondary source quotes the decree (laodong.vn, 2025: Tổng cục trưởng from 3 to
    # under 5 years, Phó Tổng cục trưởng 5 to under 8, Vụ trưởng 6 to under 10, Phó Vụ trưởng 10 to
    # under 15); the decree's text was not read. A province corrects them with RuleVersion.derive.
    "HCLD3": ("Điều 44 khoản 1 điểm g", TenureParams(
        table=(
            TenureRow("tong_cuc_truong", 3, 5),  # [R]
            TenureRow("pho_tong_cuc_truong", 5, 8),  # [R]
            TenureRow("vu_truong", 6, 10),  # [R]
            TenureRow("pho_vu_truong", 10, 15),  # [R]
        ),
        women_ref=f"{DECREE_152}, Điều 4 khoản 7",
    )),
}


def _basis_reasons(decree: str) -> dict[Basis, str]:
    """Why a form has no rule on these bases: the law leaves it to judgment, or its table is not
    in the rule book. ``{name}`` is the form's name."""
    return {
        Basis.CONG_HIEN: (
            f"Khen thưởng quá trình cống hiến: bộ quy tắc chưa có bảng chức vụ, thời gian giữ chức vụ để xét "
            f"{{name}} theo {decree}; Hội đồng Thi đua - Khen thưởng xem xét hồ sơ ({LAW_2022}, Điều 8)"
        ),
        Basis.NIEN_HAN: (
            "Khen thưởng theo niên hạn là khen thưởng thời gian phục vụ trong Quân đội nhân dân, Công an nhân "
            "dân, do Bộ Quốc phòng, Bộ Công an xét theo quy định riêng; bộ quy tắc chỉ có niên hạn của Kỷ niệm "
            f"chương, không có cho {{name}}; Hội đồng Thi đua - Khen thưởng xem xét hồ sơ ({LAW_2022}, Điều 8)"
        ),
        Basis.DOI_NGOAI: (
            "Khen thưởng đối ngoại ({name}) cho cá nhân, tổ chức nước ngoài và người Việt Nam ở nước ngoài: "
            "luật không đặt tiêu chuẩn định lượng, cấp có thẩm quyền xem xét mức đóng góp "
            f"({LAW_2022}, Điều 8; Điều 85 điểm d: thủ tục đơn giản)"
        ),
        Basis.KHANG_CHIEN: (
            "Khen thưởng thành tích kháng chiến ({name}): xét theo hồ sơ quá trình tham gia kháng chiến, "
            "không có tiêu chuẩn định lượng để tự xét; cấp có thẩm quyền xem xét "
            f"({LAW_2022}, Điều 8; {decree}; Thông tư 02/2023/TT-BNV, Biểu 0603)"
        ),
    }

# Articles of Luật 06/2022/QH15 for the movement and sudden bases, by (form, kind).
_OTHER_BASIS_ARTICLES: dict[tuple[str, Kind], tuple[str, str]] = {
    ("GK", IND): ("Điều 75", "Điều 75"),
    ("GK", COL): ("Điều 75", "Điều 75"),
    ("BK_TINH", IND): ("Điều 74 khoản 1 điểm a", "Điều 74 khoản 1 điểm b"),
    ("BK_TINH", COL): ("Điều 74 khoản 3 điểm a", "Điều 74 khoản 3 điểm b"),
    ("BK_TTG", IND): ("Điều 73 khoản 1 điểm a", "Điều 73 khoản 1 điểm c"),
    ("BK_TTG", COL): ("Điều 73 khoản 4 điểm d", "Điều 73 khoản 4 điểm a"),
    ("HCLD3", IND): ("Điều 44 khoản 1 điểm a", "Điều 44 khoản 1 điểm d"),
    ("HCLD3", COL): ("Điều 44 khoản 2 điểm c", "Điều 44 khoản 2 điểm a"),
    ("HCLD2", IND): ("Điều 43", "Điều 43"),
    ("HCLD2", COL): ("Điều 43", "Điều 43"),
    ("HCLD1", IND): ("Điều 42", "Điều 42"),
    ("HCLD1", COL): ("Điều 42", "Điều 42"),
}


def _modern(
    key: str, regime: str, name: str, start: date, end: date | None, decree: str,
    tenure: Mapping[str, tuple[str, TenureParams]] | None = None,
) -> RuleVersion:
    """Regimes 2024 and 2025: the same Law (06/2022/QH15) and thresholds, different decrees."""

    def cite(article: str) -> str:
        return _cite(LAW_2022, article, decree)

    def spec(award, kind, check, params, article, *, judgment=None, refs=None) -> RuleSpec:
        return RuleSpec(
            award=award, kind=kind, check=check, params=params, ref=cite(article),
            refs={code: cite(a) for code, a in (refs or {}).items()}, judgment=judgment,
        )

    def since(award, kind, article, **params) -> RuleSpec:
        return spec(award, kind, forms.check_since_award, SinceAwardParams(**params), article)

    rules = {
        # A. Individual titles
        ("LDTT", IND): spec("LDTT", IND, individual.check_ldtt, individual.LdttParams(), "Điều 24",
                            judgment=JUDGMENT_TEXT["LDTT"]),
        ("CSTDCS", IND): spec("CSTDCS", IND, individual.check_cstdcs, individual.CstdcsParams(), "Điều 23",
                              refs={LDTT_STANDARD: "Điều 23 khoản 1, Điều 24", CSTDCS_ACHIEVEMENT: "Điều 23"}),
        ("CSTD_TINH", IND): spec("CSTD_TINH", IND, individual.check_cstd_tinh, individual.CstdTinhParams(),
                                 "Điều 22", judgment=JUDGMENT_TEXT["CSTD_TINH"]),
        ("CSTD_TQ", IND): spec("CSTD_TQ", IND, individual.check_cstd_tq, individual.CstdTqParams(), "Điều 21",
                               judgment=JUDGMENT_TEXT["CSTD_TQ"]),
        # B. Collective titles
        ("TTLDTT", COL): spec("TTLDTT", COL, collective.check_ttldtt, collective.TtldttParams(), "Điều 28"),
        ("TTLDXS", COL): spec("TTLDXS", COL, collective.check_ttldxs, collective.TtldxsParams(), "Điều 27"),
        ("CO_TINH", COL): spec("CO_TINH", COL, collective.check_co_tinh, None, "Điều 26 khoản 1",
                               judgment=JUDGMENT_TEXT["CO_TINH"]),
        ("CO_CP", COL): spec("CO_CP", COL, collective.check_co_cp, collective.CoCpParams(), "Điều 25",
                             judgment=JUDGMENT_TEXT["CO_CP"]),
        # C. Forms, regular basis
        ("BK_TINH", IND): spec("BK_TINH", IND, forms.check_bk_tinh_individual, forms.BkTinhIndividualParams(),
                               "Điều 74 khoản 1 điểm d"),
        ("BK_TINH", COL): spec("BK_TINH", COL, forms.check_bk_tinh_collective, forms.BkTinhCollectiveParams(),
                               "Điều 74 khoản 3 điểm d"),
        ("BK_TTG", IND): since(
            "BK_TTG", IND, "Điều 73 khoản 1 điểm b", prior="BK_TINH", min_rating=Rating.HTTNV,
            needs=((Need("title", "CSTDCS", 3),),),
        ),
        ("BK_TTG", COL): since(
            "BK_TTG", COL, "Điều 73 khoản 4 điểm e", prior="BK_TINH", min_rating=Rating.HTXSNV, or_title="TTLDXS",
            needs=((Need("title", "CO_TINH", 1),), (Need("award", "BK_TINH", 2),)),
        ),
        ("HCLD3", IND): since(
            "HCLD3", IND, "Điều 44 khoản 1 điểm e", prior="BK_TTG", min_rating=Rating.HTTNV,
            needs=((Need("rating", "HTXSNV", 1), Need("title", "CSTDCS", 3)),),
        ),
        ("HCLD2", IND): since(
            "HCLD2", IND, "Điều 43", prior="HCLD3", min_rating=Rating.HTTNV,
            needs=((Need("rating", "HTXSNV", 2), Need("title", "CSTD_TINH", 1)),),
        ),
        ("HCLD1", IND): since(
            "HCLD1", IND, "Điều 42", prior="HCLD2", min_rating=Rating.HTTNV,
            needs=((Need("rating", "HTXSNV", 3), Need("title", "CSTD_TINH", 2)),),
        ),
        ("HCLD3", COL): since(
            "HCLD3", COL, "Điều 44 khoản 2 điểm đ", prior="BK_TTG", min_rating=Rating.HTXSNV, or_title="TTLDXS",
            founded_years=10,
            needs=(
                (Need("title", "CO_CP", 1),),
                (Need("title", "CO_TINH", 2),),
                (Need("title", "CO_TINH", 1), Need("award", "BK_TINH", 1)),
                (Need("award", "BK_TINH", 2),),
            ),
        ),
        # D. Giấy khen: criteria left to ministries and provinces (Điều 75 khoản 2).
        ("GK", IND): spec("GK", IND, check_nothing, None, "Điều 75", judgment=JUDGMENT_TEXT["GK"]),
        ("GK", COL): spec("GK", COL, check_nothing, None, "Điều 75", judgment=JUDGMENT_TEXT["GK"]),
    }
    # The "since" rules cite the same article for PRIOR_AWARD, PERIOD_YEARS and PERIOD_TITLES.
    for rule_key, rule in list(rules.items()):
        if rule.check is forms.check_since_award:
            rules[rule_key] = dataclasses.replace(
                rule, refs={PRIOR_AWARD: rule.ref, PERIOD_YEARS: rule.ref, PERIOD_TITLES: rule.ref},
            )
    other = {}
    for (award, kind), (movement_article, sudden_article) in _OTHER_BASIS_ARTICLES.items():
        for basis, article in ((MOVEMENT, movement_article), (SUDDEN, sudden_article)):
            other[(award, kind, basis)] = spec(award, kind, check_nothing, None, article,
                                               judgment=JUDGMENT_TEXT[basis])
    # Quá trình cống hiến: time in leadership posts (long_service.py).
    for award, (article, params) in (tenure or {}).items():
        other[(award, IND, CONG_HIEN)] = RuleSpec(
            award=award, kind=IND, check=long_service.check_tenure, params=params, dated=True,
            ref=f"{LAW_2022}, {article}; {decree}, Điều 21",
            refs={GATE_DISCIPLINE_TENURE: f"{LAW_2022}, {article}; {decree}, Điều 9",
                  TENURE_YEARS: f"{LAW_2022}, {article}; {decree}, Điều 21"},
            judgment=JUDGMENT_TEXT[CONG_HIEN],
        )
    # Niên hạn: a sector's Kỷ niệm chương, criteria set by the issuing body (Điều 71).
    other[("KNC", IND, NIEN_HAN)] = RuleSpec(
        award="KNC", kind=IND, check=long_service.check_service_years, params=ServiceYearsParams(), dated=True,
        ref=cite("Điều 71"), refs={SERVICE_YEARS: cite("Điều 71")}, judgment=JUDGMENT_TEXT["KNC"],
    )
    return RuleVersion(
        key=key, regime=regime, name=name, effective_from=start, effective_to=end, law=LAW_2022, decree=decree,
        gate_ref=f"{decree}, Điều 4; {LAW_2022}", rules=rules, other_basis=other,
        basis_reasons=_basis_reasons(decree),
    )


def _regime_2013() -> RuleVersion:
    """Luật 2003 sửa đổi 2013 and Nghị định 91/2017: only LĐTT and CSTĐCS are covered.

    CSTĐCS then required a recognised initiative (a HTXSNV rating was not enough); its cap of
    15% of LĐTT holders (Nghị định 91/2017 Điều 9 khoản 3) is a per-unit quota checked by the
    application, not by a single case.
    """

    def cite(article: str) -> str:
        return _cite(LAW_2013, article, DECREE_91)

    rules = {
        ("LDTT", IND): RuleSpec(
            award="LDTT", kind=IND, check=individual.check_ldtt, params=individual.LdttParams(),
            ref=cite("Điều 24"), judgment=JUDGMENT_TEXT["LDTT"],
        ),
        ("CSTDCS", IND): RuleSpec(
            award="CSTDCS", kind=IND, check=individual.check_cstdcs,
            params=individual.CstdcsParams(achievement_rating=None), ref=cite("Điều 23"),
            refs={LDTT_STANDARD: cite("Điều 23, Điều 24"), CSTDCS_ACHIEVEMENT: cite("Điều 23")},
        ),
    }
    return RuleVersion(
        key="VN-2013", regime="2013", name="Luật TĐKT 2003 sửa đổi 2013, Nghị định 91/2017/NĐ-CP",
        effective_from=None, effective_to=date(2023, 12, 31), law=LAW_2013, decree=DECREE_91,
        gate_ref=f"{DECREE_91}; {LAW_2013}", rules=rules,
    )


REGIME_2013 = _regime_2013()
REGIME_2024 = _modern(
    "VN-2024", "2024", "Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP", date(2024, 1, 1), date(2025, 6, 30), DECREE_98,
)
REGIME_2025 = _modern(
    "VN-2025", "2025", "Luật TĐKT 2022, Nghị định 152/2025/NĐ-CP", date(2025, 7, 1), None, DECREE_152,
    tenure=TENURE_2025,
)
NATIONAL_VERSIONS: tuple[RuleVersion, ...] = (REGIME_2013, REGIME_2024, REGIME_2025)
NATIONAL: RuleBook = RuleBook(NATIONAL_VERSIONS)
