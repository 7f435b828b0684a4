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

from . import collective, forms, individual
from .conditions import CheckFn, Gates, RuleSpec, check_nothing
from .forms import Need, SinceAwardParams
from .types import (
    CSTDCS_ACHIEVEMENT,
    FORM_CODES,
    LDTT_STANDARD,
    PERIOD_TITLES,
    PERIOD_YEARS,
    PRIOR_AWARD,
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

RuleKey = tuple[str, Kind]  # (award code, kind of subject)


@dataclass(frozen=True)
class RuleVersion:
    """The rules in force from ``effective_from`` to ``effective_to`` (both included; None: open).

    ``rules`` holds the regular-basis rule of each (award, kind); ``other_basis`` the rules of
    forms on the movement or sudden basis, keyed (award, kind, basis). A key absent from both is
    ``unsupported``. Titles ignore the basis (it only qualifies commendation forms).
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
    other_basis: Mapping[tuple[str, Kind, Basis], RuleSpec] = field(default_factory=dict)
    jurisdiction: str | None = None
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
                raise ValueError(f"{self.key}: only forms have movement/sudden rules ({award}, {basis})")
            lookup[(award, kind, basis)] = spec
        object.__setattr__(self, "_lookup", lookup)

    def covers(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )

    def spec_for(self, award: str, kind: Kind, basis: Basis) -> RuleSpec | None:
        """The rule of ``award`` for ``kind`` on ``basis``; None: unsupported."""
        return self._lookup.get((award, kind, basis))

    def derive(
        self,
        *,
        key: str,
        name: str,
        jurisdiction: str,
        effective_from: date,
        effective_to: date | None = None,
        note: str,
        params: Mapping[RuleKey, Mapping[str, Any]] | None = None,
        extra: Mapping[RuleKey, Iterable[CheckFn]] | None = None,
    ) -> RuleVersion:
        """A stricter local version of this one, e.g. a province's regulation.

        ``params`` replaces thresholds of the named rules (``{("TTLDTT", Kind.COLLECTIVE):
        {"ldtt_percent": 80}}``); ``extra`` appends further checks to a rule; ``note`` is the
        local act (e.g. "Quyết định 25/2025/QĐ-UBND tỉnh Quảng Trị, Điều 6"), cited after the
        national reference of every changed rule. The national rules stay as they are: the local
        version applies only to ``jurisdiction`` and only within its dates.
        """
        rules = dict(self.rules)
        changed: set[RuleKey] = set(params or {}) | set(extra or {})
        for rule_key in changed:
            if rule_key not in rules:
                raise KeyError(f"{self.key} has no rule {rule_key}")
            spec = rules[rule_key]
            new_params = spec.params
            if params and rule_key in params:
                if spec.params is None:
                    raise ValueError(f"{self.key}: rule {rule_key} has no parameters to change")
                new_params = dataclasses.replace(spec.params, **params[rule_key])
            rules[rule_key] = dataclasses.replace(
                spec,
                params=new_params,
                ref=f"{spec.ref}; {note}",
                refs={code: f"{ref}; {note}" for code, ref in spec.refs.items()},
                extra=spec.extra + tuple((extra or {}).get(rule_key, ())),
            )
        return RuleVersion(
            key=key, regime=self.regime, name=name, effective_from=effective_from, effective_to=effective_to,
            law=self.law, decree=self.decree, gate_ref=self.gate_ref, rules=rules,
            other_basis=self.other_basis, jurisdiction=jurisdiction,
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


def _modern(key: str, regime: str, name: str, start: date, end: date | None, decree: str) -> RuleVersion:
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
    return RuleVersion(
        key=key, regime=regime, name=name, effective_from=start, effective_to=end, law=LAW_2022, decree=decree,
        gate_ref=f"{decree}, Điều 4; {LAW_2022}", rules=rules, other_basis=other,
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
)
NATIONAL_VERSIONS: tuple[RuleVersion, ...] = (REGIME_2013, REGIME_2024, REGIME_2025)
NATIONAL: RuleBook = RuleBook(NATIONAL_VERSIONS)
