"""A naive second reading of contracts/eligibility.md (no indexes, no shared code with the engine),
compared with the engine's verdict on generated cases."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tdkt.rules.domain import Basis, Case, Kind, Rating, Scope, Verdict, evaluate

from .test_properties import SETTINGS, cases

XS, TT = Rating.HTXSNV, Rating.HTTNV


def regime(day: date) -> str:
    return "2013" if day < date(2024, 1, 1) else "2024" if day < date(2025, 7, 1) else "2025"


def first_counted(c: Case) -> int:
    ends = [d.end.year if d.end is not None else 9999 for d in c.subject.discipline]
    return max(ends) + 1 if ends else -9999


def gates_ok(c: Case) -> bool:
    s = c.subject
    active = any(d.end is None or d.start <= c.on_date <= d.end for d in s.discipline)
    return not s.pending_review and not active


def rated(c: Case, year: int, minimum: Rating) -> bool:
    r = c.subject.ratings.get(year)
    return r is not None and r >= minimum


def held(c: Case, code: str, year: int) -> bool:
    return any(t.code == code and t.year == year for t in c.subject.titles)


def title_years(c: Case, code: str, first: int, last: int) -> set[int]:
    return {t.year for t in c.subject.titles if t.code == code and first <= t.year <= last}


def award_count(c: Case, code: str, first: int, last: int) -> int:
    return sum(1 for a in c.subject.awards if a.code == code and first <= a.year <= last)


def inits(c: Case, scope: Scope, first: int, last: int) -> int:
    return sum(1 for i in c.subject.initiatives if i.scope >= scope and first <= i.year <= last)


def counted(c: Case, first: int) -> bool:
    return first >= first_counted(c)


def since(c: Case, prior: str, year_ok, titles_ok) -> bool:
    y = c.year
    own = [a.year for a in c.subject.awards if a.code == c.award]
    last = max(own) if own else None
    xs = {a.year for a in c.subject.awards if a.code == prior and a.year <= y and (last is None or a.year > last)}
    return any(
        y - x >= 5 and counted(c, x + 1) and all(year_ok(t) for t in range(x + 1, y + 1)) and titles_ok(x + 1, y)
        for x in xs
    )


def oracle(c: Case) -> Verdict | None:
    """The verdict by the contract's words; None where the oracle does not judge."""
    y, s, kind = c.year, c.subject, c.subject.kind
    reg = regime(c.on_date)
    forms = {"GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1"}
    if reg == "2013" and not (c.award in ("LDTT", "CSTDCS") and kind is Kind.INDIVIDUAL):
        return Verdict.UNSUPPORTED
    if c.award in forms and (c.basis is not Basis.REGULAR or c.award == "GK"):
        return Verdict.ELIGIBLE if gates_ok(c) else Verdict.INELIGIBLE
    ind = kind is Kind.INDIVIDUAL
    rules = {
        ("LDTT", True): lambda: rated(c, y, TT),
        ("CSTDCS", True): lambda: rated(c, y, TT) and (
            (reg != "2013" and rated(c, y, XS)) or inits(c, Scope.CO_SO, y, y) > 0),
        ("CSTD_TINH", True): lambda: counted(c, y - 2) and len(title_years(c, "CSTDCS", y - 2, y)) == 3
        and inits(c, Scope.TINH, y - 2, y) > 0,
        ("CSTD_TQ", True): lambda: _tq(c),
        ("BK_TINH", True): lambda: counted(c, y - 1) and (
            len(title_years(c, "CSTDCS", y - 1, y)) == 2
            or (rated(c, y - 1, XS) and rated(c, y, XS) and inits(c, Scope.CO_SO, y - 1, y) >= 2)),
        ("BK_TINH", False): lambda: counted(c, y - 1) and (
            (rated(c, y - 1, XS) and rated(c, y, XS)) or len(title_years(c, "TTLDXS", y - 1, y)) == 2),
        ("BK_TTG", True): lambda: since(c, "BK_TINH", lambda t: rated(c, t, TT),
                                        lambda a, b: len(title_years(c, "CSTDCS", a, b)) >= 3),
        ("BK_TTG", False): lambda: since(
            c, "BK_TINH", lambda t: rated(c, t, XS) or held(c, "TTLDXS", t),
            lambda a, b: len(title_years(c, "CO_TINH", a, b)) >= 1 or award_count(c, "BK_TINH", a, b) >= 2),
        ("HCLD3", True): lambda: since(
            c, "BK_TTG", lambda t: rated(c, t, TT),
            lambda a, b: sum(rated(c, t, XS) for t in range(a, b + 1)) >= 1
            and len(title_years(c, "CSTDCS", a, b)) >= 3),
        ("HCLD2", True): lambda: since(
            c, "HCLD3", lambda t: rated(c, t, TT),
            lambda a, b: sum(rated(c, t, XS) for t in range(a, b + 1)) >= 2
            and len(title_years(c, "CSTD_TINH", a, b)) >= 1),
        ("HCLD1", True): lambda: since(
            c, "HCLD2", lambda t: rated(c, t, TT),
            lambda a, b: sum(rated(c, t, XS) for t in range(a, b + 1)) >= 3
            and len(title_years(c, "CSTD_TINH", a, b)) >= 2),
        ("HCLD3", False): lambda: s.founded_year <= y - 10 and since(
            c, "BK_TTG", lambda t: rated(c, t, XS) or held(c, "TTLDXS", t),
            lambda a, b: len(title_years(c, "CO_CP", a, b)) >= 1
            or len(title_years(c, "CO_TINH", a, b)) + award_count(c, "BK_TINH", a, b) >= 2),
        ("TTLDTT", False): lambda: rated(c, y, TT) and s.members.ldtt * 10 >= 7 * s.members.total
        and s.members.disciplined_canh_cao_or_above == 0,
        ("TTLDXS", False): lambda: rated(c, y, XS) and s.members.completed == s.members.total
        and s.members.ldtt * 10 >= 7 * s.members.total and s.members.cstdcs >= 1,
        ("CO_TINH", False): lambda: bool(s.leads_block),
        ("CO_CP", False): lambda: held(c, "CO_TINH", y),
    }
    rule = rules.get((c.award, ind))
    if rule is None:
        return Verdict.UNSUPPORTED
    return Verdict.ELIGIBLE if gates_ok(c) and rule() else Verdict.INELIGIBLE


def _tq(c: Case) -> bool:
    years = sorted({t.year for t in c.subject.titles if t.code == "CSTD_TINH" and t.year <= c.year})
    if len(years) < 2:
        return False
    a, b = years[-2], years[-1]
    return (counted(c, a) and len(title_years(c, "CSTDCS", a, b)) == b - a + 1
            and inits(c, Scope.TOAN_QUOC, a - 2, c.year) > 0)


@SETTINGS
@given(c=cases())
def test_engine_agrees_with_a_naive_reading_of_the_contract(c):
    assert evaluate(c).verdict is oracle(c), evaluate(c)


@SETTINGS
@given(c=st.sampled_from(["CSTD_TINH", "CSTD_TQ", "BK_TTG", "HCLD3", "HCLD2", "HCLD1", "BK_TINH"]).flatmap(
    lambda award: cases(award=award, kind=Kind.INDIVIDUAL)))
def test_engine_agrees_with_the_oracle_on_multi_year_rules(c):
    assert evaluate(c).verdict is oracle(c), evaluate(c)
