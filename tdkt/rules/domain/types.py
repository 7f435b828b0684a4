"""Facts, conditions and results of the eligibility engine (pure Python: no Django here).

The engine reads only these frozen dataclasses. ``SubjectFacts`` builds, once, the indexes every
rule needs (ratings by year, title years by code, award years by code, initiative years by
minimum scope, first counted year), so evaluating many awards for one subject never re-scans
its history. Codes and orders follow contracts/eligibility.md.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

# The law's whole catalogue, kept once for the records and the engine (pure Python, no Django).
from tdkt.records.domain.codes import CONTRACT_CODES, HONOURS, HonourKind


class Rating(IntEnum):
    """Annual rating (xếp loại chất lượng); a higher value is a better rating."""

    KHTNV = 0  # không hoàn thành nhiệm vụ
    HTNV = 1  # hoàn thành nhiệm vụ
    HTTNV = 2  # hoàn thành tốt nhiệm vụ
    HTXSNV = 3  # hoàn thành xuất sắc nhiệm vụ


class Scope(IntEnum):
    """Scope in which an initiative or research was recognised; a higher scope meets a lower need."""

    CO_SO = 1  # cơ sở
    TINH = 2  # bộ, ban, ngành, tỉnh
    TOAN_QUOC = 3  # toàn quốc


class DisciplineForm(IntEnum):
    """Disciplinary forms, lightest first (Luật Cán bộ, công chức; Luật Viên chức)."""

    KHIEN_TRACH = 1
    CANH_CAO = 2
    HA_BAC_LUONG = 3
    GIANG_CHUC = 4
    CACH_CHUC = 5
    BUOC_THOI_VIEC = 6


class InitiativeKind(StrEnum):
    SANG_KIEN = "sang_kien"  # sáng kiến
    DE_TAI = "de_tai"  # đề tài, đề án, công trình khoa học đã nghiệm thu


class Kind(StrEnum):
    INDIVIDUAL = "individual"  # cá nhân
    COLLECTIVE = "collective"  # tập thể


class Basis(StrEnum):
    """Loại hình khen thưởng (Luật 06/2022/QH15 Điều 8; Thông tư 02/2023/TT-BNV Biểu 0603)."""

    REGULAR = "regular"  # công trạng, thường xuyên
    MOVEMENT = "movement"  # phong trào thi đua theo đợt, chuyên đề
    SUDDEN = "sudden"  # đột xuất
    CONG_HIEN = "cong_hien"  # quá trình cống hiến (long service in leadership posts)
    NIEN_HAN = "nien_han"  # niên hạn (years of service)
    DOI_NGOAI = "doi_ngoai"  # đối ngoại (foreigners, overseas Vietnamese, foreign organisations)
    KHANG_CHIEN = "khang_chien"  # thành tích kháng chiến


class Verdict(StrEnum):
    ELIGIBLE = "eligible"  # no condition failed
    INELIGIBLE = "ineligible"  # at least one condition failed
    UNSUPPORTED = "unsupported"  # no rules for this award, kind and regime


# JSON spellings (contract) of the ordered enums.
RATING_BY_NAME: dict[str, Rating] = {r.name: r for r in Rating}
RATING_NAMES: tuple[str, ...] = tuple(r.name for r in Rating)
SCOPE_BY_NAME: dict[str, Scope] = {"co_so": Scope.CO_SO, "tinh": Scope.TINH, "toan_quoc": Scope.TOAN_QUOC}
DISCIPLINE_BY_NAME: dict[str, DisciplineForm] = {f.name.lower(): f for f in DisciplineForm}
SEXES: tuple[str, ...] = ("nam", "nu")  # as organizations.models.Sex stores them
FEMALE = "nu"

# Leadership and management posts for the quá trình cống hiến tables (Nghị định 152/2025/NĐ-CP
# Điều 21), highest first. "Tương đương" is the decree's word: a province maps its own posts
# (Giám đốc sở ≈ Vụ trưởng, Phó Giám đốc sở ≈ Phó Vụ trưởng) [R: the equivalences are not verified].
POST_LEVELS: dict[str, str] = {
    "bo_truong": "Bộ trưởng, Chủ tịch UBND tỉnh và tương đương",
    "thu_truong": "Thứ trưởng, Phó Chủ tịch UBND tỉnh và tương đương",
    "tong_cuc_truong": "Tổng cục trưởng và tương đương",
    "pho_tong_cuc_truong": "Phó Tổng cục trưởng và tương đương",
    "vu_truong": "Vụ trưởng, Giám đốc sở và tương đương",
    "pho_vu_truong": "Phó Vụ trưởng, Phó Giám đốc sở và tương đương",
}
POST_RANK: dict[str, int] = {level: len(POST_LEVELS) - i for i, level in enumerate(POST_LEVELS)}  # higher: higher

# Emulation titles (danh hiệu thi đua) and commendation forms (hình thức khen thưởng): every code of
# the law's catalogue is a well-formed code (a case about one without rules is ``unsupported``); the
# contract's fifteen (CONTRACT_CODES) are those with rules on the regular basis.
TITLE_CODES: tuple[str, ...] = tuple(c for c, (_n, kind, _t) in HONOURS.items() if kind == HonourKind.TITLE)
FORM_CODES: tuple[str, ...] = tuple(c for c, (_n, kind, _t) in HONOURS.items() if kind == HonourKind.FORM)
AWARD_CODES: frozenset[str] = frozenset(TITLE_CODES + FORM_CODES)
CONTRACT_AWARD_CODES: tuple[str, ...] = CONTRACT_CODES

# Condition codes (contract, "Condition codes").
GATE_PENDING_REVIEW = "GATE_PENDING_REVIEW"
GATE_DISCIPLINE_ACTIVE = "GATE_DISCIPLINE_ACTIVE"
RATING = "RATING"
LDTT_STANDARD = "LDTT_STANDARD"
CSTDCS_ACHIEVEMENT = "CSTDCS_ACHIEVEMENT"
CHAIN = "CHAIN"
INITIATIVE_SCOPE = "INITIATIVE_SCOPE"
PRIOR_AWARD = "PRIOR_AWARD"
PERIOD_YEARS = "PERIOD_YEARS"
PERIOD_TITLES = "PERIOD_TITLES"
MEMBERS_LDTT_RATIO = "MEMBERS_LDTT_RATIO"
MEMBERS_COMPLETED = "MEMBERS_COMPLETED"
MEMBERS_CSTDCS = "MEMBERS_CSTDCS"
MEMBERS_DISCIPLINE = "MEMBERS_DISCIPLINE"
LEADS_BLOCK = "LEADS_BLOCK"
FOUNDED_YEARS = "FOUNDED_YEARS"
JUDGMENT = "JUDGMENT"
# Quá trình cống hiến and niên hạn (bases cong_hien, nien_han).
GATE_DISCIPLINE_TENURE = "GATE_DISCIPLINE_TENURE"
TENURE_YEARS = "TENURE_YEARS"
SERVICE_YEARS = "SERVICE_YEARS"
CONDITION_CODES: tuple[str, ...] = (
    GATE_PENDING_REVIEW, GATE_DISCIPLINE_ACTIVE, RATING, LDTT_STANDARD, CSTDCS_ACHIEVEMENT, CHAIN,
    INITIATIVE_SCOPE, PRIOR_AWARD, PERIOD_YEARS, PERIOD_TITLES, MEMBERS_LDTT_RATIO, MEMBERS_COMPLETED,
    MEMBERS_CSTDCS, MEMBERS_DISCIPLINE, LEADS_BLOCK, FOUNDED_YEARS, JUDGMENT,
    GATE_DISCIPLINE_TENURE, TENURE_YEARS, SERVICE_YEARS,
)

# Vietnamese names used in messages: the catalogue's names; short forms for the contract's codes.
AWARD_NAMES: dict[str, str] = {code: name for code, (name, _k, _t) in HONOURS.items()}
AWARD_ABBR: dict[str, str] = {
    **AWARD_NAMES,
    "LDTT": "LĐTT",
    "CSTT": "CSTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_TINH": "CSTĐ cấp bộ, ngành, tỉnh",
    "CSTD_TQ": "CSTĐ toàn quốc",
    "TTLDTT": "TTLĐTT",
    "TTLDXS": "TTLĐXS",
}
SCOPE_NAMES: dict[Scope, str] = {
    Scope.CO_SO: "cấp cơ sở",
    Scope.TINH: "cấp bộ, ngành, tỉnh",
    Scope.TOAN_QUOC: "toàn quốc",
}
DISCIPLINE_NAMES: dict[DisciplineForm, str] = {
    DisciplineForm.KHIEN_TRACH: "khiển trách",
    DisciplineForm.CANH_CAO: "cảnh cáo",
    DisciplineForm.HA_BAC_LUONG: "hạ bậc lương",
    DisciplineForm.GIANG_CHUC: "giáng chức",
    DisciplineForm.CACH_CHUC: "cách chức",
    DisciplineForm.BUOC_THOI_VIEC: "buộc thôi việc",
}

NO_COUNTED_YEAR = 10**6  # first counted year when a discipline period has no end
_EMPTY: tuple[int, ...] = ()
_NO_YEARS: dict[str, tuple[int, ...]] = {}  # shared, never mutated
_NO_INITIATIVES: tuple[tuple[int, ...], ...] = ((), (), (), ())


@dataclass(frozen=True, slots=True)
class Record:
    """An emulation title or a commendation form received, by year (of the decision for forms)."""

    code: str
    year: int


@dataclass(frozen=True, slots=True)
class Initiative:
    """A sáng kiến or accepted research, with the year and scope of its recognition."""

    year: int
    scope: Scope
    kind: InitiativeKind = InitiativeKind.SANG_KIEN


@dataclass(frozen=True, slots=True)
class Discipline:
    """A disciplinary measure and the period it was served; ``end`` None: not yet ended."""

    form: DisciplineForm
    start: date
    end: date | None = None

    def contains(self, day: date) -> bool:
        """Both ends included: a period "từ 01/6/2025 đến 01/6/2026" is in force on 01/6/2026."""
        return self.start <= day and (self.end is None or day <= self.end)

    @property
    def last_year(self) -> int:
        """The last calendar year in which the period was in force."""
        if self.end is None:
            return NO_COUNTED_YEAR - 1
        return max(self.start.year, self.end.year)


@dataclass(frozen=True, slots=True)
class Post:
    """A leadership or management post held (``POST_LEVELS``) from ``start`` to ``end`` (None: still
    held); the quá trình cống hiến tables count these."""

    level: str
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Members:
    """A collective's members in the year considered."""

    total: int
    completed: int
    ldtt: int
    cstdcs: int
    disciplined_canh_cao_or_above: int


@dataclass(frozen=True, slots=True)
class SubjectFacts:
    """Everything the rules know about one person or collective.

    Build it once per subject (the ORM adapter or the JSON parser does); the derived indexes are
    computed here, in ``__post_init__``, and reused by every evaluation.
    """

    kind: Kind
    ratings: Mapping[int, Rating] = field(default_factory=dict)
    titles: tuple[Record, ...] = ()
    awards: tuple[Record, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    pending_review: bool = False
    members: Members | None = None  # collective only
    leads_block: bool | None = None  # collective only: first of its block in the year considered
    founded_year: int | None = None  # collective only
    # Individual facts of the cống hiến and niên hạn bases; None: not known (a rule that needs one
    # raises MissingFact). ``posts`` () means "held no leadership post".
    sex: str | None = None  # "nam" | "nu"
    service_start: date | None = None  # in service (in the sector) since
    posts: tuple[Post, ...] | None = None
    # Derived indexes (not part of equality). ``rating_of`` is ``ratings`` itself (one dict).
    rating_of: dict[int, Rating] = field(init=False, repr=False, compare=False)
    title_years: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    award_years: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    initiative_years: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)
    first_counted: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        put = object.__setattr__
        if self.kind.__class__ is not Kind:
            put(self, "kind", Kind(self.kind))
        ratings: dict[int, Rating] = {}
        for y, r in self.ratings.items():
            if r.__class__ is not Rating:
                r = RATING_BY_NAME[r] if isinstance(r, str) else Rating(r)
            ratings[y if y.__class__ is int else int(y)] = r
        put(self, "ratings", ratings)
        put(self, "rating_of", ratings)
        titles, awards, initiatives, discipline = self.titles, self.awards, self.initiatives, self.discipline
        if titles.__class__ is not tuple:
            put(self, "titles", titles := tuple(titles))
        if awards.__class__ is not tuple:
            put(self, "awards", awards := tuple(awards))
        if initiatives.__class__ is not tuple:
            put(self, "initiatives", initiatives := tuple(initiatives))
        if discipline.__class__ is not tuple:
            put(self, "discipline", discipline := tuple(discipline))
        if self.posts is not None and self.posts.__class__ is not tuple:
            put(self, "posts", tuple(self.posts))
        put(self, "title_years", _years_by_code(titles, distinct=True) if titles else _NO_YEARS)
        put(self, "award_years", _years_by_code(awards, distinct=False) if awards else _NO_YEARS)
        if initiatives:
            put(self, "initiative_years", _initiative_index(initiatives))
        else:
            put(self, "initiative_years", _NO_INITIATIVES)
        if discipline:
            put(self, "first_counted", max(d.last_year for d in discipline) + 1)
        else:
            put(self, "first_counted", -NO_COUNTED_YEAR)

    # Lookups used on the hot path: dictionary and bisect only.
    def rating(self, year: int) -> int:
        """The rating of ``year`` (a ``Rating``, i.e. an int), or -1 when there is none."""
        return self.rating_of.get(year, -1)

    def has_title(self, code: str, year: int) -> bool:
        ys = self.title_years.get(code, _EMPTY)
        i = bisect_left(ys, year)
        return i < len(ys) and ys[i] == year

    def titles_in(self, code: str, first: int, last: int) -> tuple[int, ...]:
        """The distinct years ``first``..``last`` in which the subject held title ``code``."""
        ys = self.title_years.get(code, _EMPTY)
        return ys[bisect_left(ys, first):bisect_right(ys, last)]

    def count_awards(self, code: str, first: int, last: int) -> int:
        ys = self.award_years.get(code, _EMPTY)
        return bisect_right(ys, last) - bisect_left(ys, first)

    def initiatives_in(self, scope: int, first: int, last: int) -> tuple[int, ...]:
        """Years (one per initiative) of initiatives of scope ≥ ``scope`` recognised in first..last."""
        ys = self.initiative_years[scope]
        return ys[bisect_left(ys, first):bisect_right(ys, last)]

    def discipline_on(self, day: date) -> Discipline | None:
        """G2: a period that contains ``day`` or has no end (contracts/eligibility.md, Gates)."""
        for d in self.discipline:
            if d.end is None or d.contains(day):
                return d
        return None


def _initiative_index(initiatives: tuple[Initiative, ...]) -> tuple[tuple[int, ...], ...]:
    """Sorted years of the initiatives of scope ≥ s, for s = 1, 2, 3 (index 0 unused)."""
    years = sorted([(i.year, i.scope) for i in initiatives])
    all_years = tuple(y for y, _ in years)
    tinh = tuple(y for y, s in years if s >= 2)
    national = tuple(y for y, s in years if s >= 3)
    return ((), all_years, tinh, national)


def _years_by_code(records: tuple[Record, ...], *, distinct: bool) -> dict[str, tuple[int, ...]]:
    grouped: dict[str, list[int]] = {}
    for r in records:
        years = grouped.get(r.code)
        if years is None:
            grouped[r.code] = [r.year]
        else:
            years.append(r.year)
    if distinct:
        return {code: tuple(sorted(set(ys))) if len(ys) > 1 else tuple(ys) for code, ys in grouped.items()}
    return {code: tuple(sorted(ys)) if len(ys) > 1 else tuple(ys) for code, ys in grouped.items()}


@dataclass(frozen=True, slots=True)
class Case:
    """One question: may ``subject`` receive ``award`` for ``year``, considered on ``on_date``?"""

    award: str
    year: int
    on_date: date
    subject: SubjectFacts
    basis: Basis = Basis.REGULAR
    id: str = ""


@dataclass(frozen=True, slots=True)
class Condition:
    """One checked condition; ``passed`` None: the council judges it (never changes the verdict)."""

    code: str
    passed: bool | None
    message: str
    legal_ref: str

    def to_dict(self) -> dict:
        return {"code": self.code, "passed": self.passed, "message": self.message, "legal_ref": self.legal_ref}


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    award: str
    regime: str
    verdict: Verdict
    conditions: tuple[Condition, ...] = ()
    # Why an ``unsupported`` verdict: set only where the rule book names the article that leaves the
    # case to judgment (the bases beyond regular, movement and sudden); absent from the JSON otherwise,
    # so every result the contract already defined keeps its exact bytes.
    reason: str | None = None

    @property
    def failed(self) -> tuple[str, ...]:
        """Codes of the failed conditions, in report order (a code may repeat)."""
        return tuple(c.code for c in self.conditions if c.passed is False)

    @property
    def eligible(self) -> bool:
        return self.verdict is Verdict.ELIGIBLE

    def to_dict(self) -> dict:
        """The contract's JSON object for this result."""
        out = {
            "id": self.id,
            "award": self.award,
            "regime": self.regime,
            "verdict": str(self.verdict),
            "conditions": [c.to_dict() for c in self.conditions],
        }
        if self.reason is not None:
            out["reason"] = self.reason
        return out


class MissingFact(LookupError):
    """A rule needs a fact the subject does not carry (e.g. ``members`` for TTLDTT)."""

    def __init__(self, field_name: str, detail: str) -> None:
        super().__init__(f"{field_name}: {detail}")
        self.field = field_name
        self.detail = detail
