"""Invariants of the engine, checked by hypothesis on generated histories (no database)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.rules.domain import (
    AWARD_CODES,
    Basis,
    Case,
    Discipline,
    DisciplineForm,
    Initiative,
    InitiativeKind,
    Kind,
    Members,
    Rating,
    Record,
    Scope,
    SubjectFacts,
    Verdict,
    check,
    evaluate,
    evaluate_many,
    evaluate_subjects,
)
from tdkt.rules.domain.types import CONDITION_CODES, FORM_CODES

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIRST, LAST = 2012, 2026
YEARS = st.integers(FIRST, LAST)
ANY_RATING = st.sampled_from([Rating.HTXSNV, Rating.HTXSNV, Rating.HTTNV, Rating.HTTNV, Rating.HTNV, Rating.KHTNV])
TITLE_POOL = ["CSTDCS", "CSTDCS", "CSTD_TINH", "TTLDXS", "TTLDXS", "CO_TINH", "CO_CP", "LDTT"]
AWARD_POOL = ["BK_TINH", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "GK"]
INDIVIDUAL_AWARDS = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1", "GK"]
COLLECTIVE_AWARDS = ["TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "BK_TINH", "BK_TTG", "HCLD3", "GK"]


FORMS = st.sampled_from(list(DisciplineForm))
STARTS = st.dates(date(2012, 1, 1), date(2026, 12, 31))
LENGTHS = st.one_of(st.none(), st.integers(0, 800))


@st.composite
def disciplines(draw):
    start = draw(STARTS)
    days = draw(LENGTHS)
    return Discipline(draw(FORMS), start, None if days is None else start + timedelta(days=days))


DISCIPLINE_LISTS = st.one_of(st.just(()), st.just(()), st.lists(disciplines(), max_size=2).map(tuple))
SPAN = LAST - FIRST + 1
MASKS = st.integers(0, 2**SPAN - 1)
FEW_TITLES = st.lists(st.builds(Record, st.sampled_from(TITLE_POOL), YEARS), max_size=4)
MANY_TITLES = st.lists(st.builds(Record, st.sampled_from(TITLE_POOL), YEARS), max_size=10)
SPARSE_RATINGS = st.dictionaries(YEARS, ANY_RATING, max_size=15)
AWARD_LISTS = st.lists(st.builds(Record, st.sampled_from(AWARD_POOL), YEARS), max_size=5).map(tuple)
INITIATIVE_LISTS = st.lists(
    st.builds(Initiative, YEARS, st.sampled_from(list(Scope)), st.sampled_from(list(InitiativeKind))), max_size=6,
).map(tuple)
SCOPES = st.sampled_from(list(Scope))
PENDING = st.sampled_from([False] * 7 + [True])
BOOLS = st.booleans()
FOUNDED = st.integers(1990, 2020)


@st.composite
def members(draw):
    total = draw(st.integers(1, 40))
    return Members(
        total=total,
        completed=draw(st.integers(max(0, total - 2), total)),
        ldtt=draw(st.integers(total // 2, total)),
        cstdcs=draw(st.integers(0, min(3, total))),
        disciplined_canh_cao_or_above=draw(st.sampled_from([0, 0, 0, 1])),
    )


MEMBERS = members()


@st.composite
def subjects(draw, kind: Kind):
    if draw(BOOLS):  # a good career: every year rated, most years titled; many cases are then eligible
        excellent = draw(MASKS)
        titled = draw(MASKS) | draw(MASKS)
        years = range(FIRST, LAST + 1)
        ratings = {y: Rating.HTXSNV if excellent >> i & 1 else Rating.HTTNV for i, y in enumerate(years)}
        code = "CSTDCS" if kind is Kind.INDIVIDUAL else "TTLDXS"
        titles = [Record(code, y) for i, y in enumerate(years) if titled >> i & 1] + draw(FEW_TITLES)
        innovative = draw(MASKS) & draw(MASKS)
        scope = draw(SCOPES)
        initiatives = tuple(Initiative(y, scope) for i, y in enumerate(years) if innovative >> i & 1)
    else:
        ratings = draw(SPARSE_RATINGS)
        titles = draw(MANY_TITLES)
        initiatives = ()
    collective = kind is Kind.COLLECTIVE
    return SubjectFacts(
        kind=kind,
        ratings=ratings,
        titles=tuple(titles),
        awards=draw(AWARD_LISTS),
        initiatives=initiatives + draw(INITIATIVE_LISTS),
        discipline=draw(DISCIPLINE_LISTS),
        pending_review=draw(PENDING),
        members=draw(MEMBERS) if collective else None,
        leads_block=draw(BOOLS) if collective else None,
        founded_year=draw(FOUNDED) if collective else None,
    )


SUBJECTS = {kind: subjects(kind) for kind in Kind}
KINDS = st.sampled_from([Kind.INDIVIDUAL, Kind.INDIVIDUAL, Kind.COLLECTIVE])
AWARDS = {
    Kind.INDIVIDUAL: st.sampled_from(INDIVIDUAL_AWARDS * 4 + sorted(AWARD_CODES)),
    Kind.COLLECTIVE: st.sampled_from(COLLECTIVE_AWARDS * 4 + sorted(AWARD_CODES)),
}
CASE_YEARS = st.integers(2020, 2026)
DAY_OFFSETS = st.integers(0, 900)  # on_date: from 1 June of the year (2022 at the earliest): every regime
BASES = st.sampled_from([Basis.REGULAR] * 6 + [Basis.MOVEMENT, Basis.SUDDEN])
IDS = st.text(max_size=8)


@st.composite
def cases(draw, award: str | None = None, kind: Kind | None = None):
    kind = draw(KINDS) if kind is None else kind
    award = draw(AWARDS[kind]) if award is None else award
    year = draw(CASE_YEARS)
    on_date = date(max(year, 2022), 6, 1) + timedelta(days=draw(DAY_OFFSETS))
    return Case(award=award, year=year, on_date=on_date, subject=draw(SUBJECTS[kind]), basis=draw(BASES),
                id=draw(IDS))


def with_subject(c: Case, **changes) -> Case:
    return dataclasses.replace(c, subject=dataclasses.replace(c.subject, **changes))


def verdict(c: Case) -> Verdict:
    return evaluate(c).verdict


def never_hurts(before: Case, after: Case) -> None:
    """Monotonicity: when ``before`` is eligible, ``after`` is too."""
    if verdict(before) is Verdict.ELIGIBLE:
        assert verdict(after) is Verdict.ELIGIBLE, (before, evaluate(after))


# --- Monotonicity ----------------------------------------------------------------------------------------


@SETTINGS
@given(c=cases(kind=Kind.INDIVIDUAL), year=YEARS)
def test_adding_a_cstdcs_title_never_turns_eligible_into_ineligible(c, year):
    never_hurts(c, with_subject(c, titles=(*c.subject.titles, Record("CSTDCS", year))))


@SETTINGS
@given(c=cases(award="CSTD_TINH", kind=Kind.INDIVIDUAL), year=st.integers(2016, 2026))
def test_adding_cstdcs_never_hurts_cstd_tinh(c, year):
    never_hurts(c, with_subject(c, titles=(*c.subject.titles, Record("CSTDCS", year))))


@SETTINGS
@given(c=cases(), year=YEARS, rating=st.sampled_from(list(Rating)))
def test_improving_a_rating_never_turns_eligible_into_ineligible(c, year, rating):
    current = c.subject.ratings.get(year)
    if current is not None and rating <= current:
        return
    never_hurts(c, with_subject(c, ratings={**c.subject.ratings, year: rating}))


@SETTINGS
@given(c=cases(), initiative=st.builds(Initiative, YEARS, st.sampled_from(list(Scope))))
def test_adding_an_initiative_never_turns_eligible_into_ineligible(c, initiative):
    never_hurts(c, with_subject(c, initiatives=(*c.subject.initiatives, initiative)))


@SETTINGS
@given(c=cases(), code=st.sampled_from(sorted(AWARD_CODES)), year=YEARS)
def test_adding_a_title_never_hurts_except_cstd_tinh_for_cstd_tq(c, code, year):
    # The exception is the rule's own: CSTĐ toàn quốc looks at the two latest CSTĐ tỉnh (A, B), so a
    # newer CSTĐ tỉnh moves the chain (see test_rules.test_cstd_tq_ignores_titles_after_y...).
    if code == "CSTD_TINH" and c.award == "CSTD_TQ":
        return
    never_hurts(c, with_subject(c, titles=(*c.subject.titles, Record(code, year))))


@SETTINGS
@given(c=cases(), code=st.sampled_from(sorted(AWARD_CODES)), year=YEARS)
def test_adding_another_award_never_hurts(c, code, year):
    # An award of the form considered is the exception: x must be later than the last one.
    if code == c.award:
        return
    never_hurts(c, with_subject(c, awards=(*c.subject.awards, Record(code, year))))


@SETTINGS
@given(c=cases(), period=disciplines())
def test_discipline_never_turns_ineligible_into_eligible(c, period):
    after = with_subject(c, discipline=(*c.subject.discipline, period))
    if verdict(c) is Verdict.INELIGIBLE:
        assert verdict(after) is Verdict.INELIGIBLE
    assert verdict(after) is not Verdict.ELIGIBLE or verdict(c) is Verdict.ELIGIBLE


@SETTINGS
@given(c=cases())
def test_pending_review_is_never_eligible(c):
    assert verdict(with_subject(c, pending_review=True)) is not Verdict.ELIGIBLE


# --- Shape of every result -------------------------------------------------------------------------------


def regime_of(day: date) -> str:
    return "2013" if day < date(2024, 1, 1) else "2024" if day <= date(2025, 6, 30) else "2025"


REGIME_REFS = {"2013": ("2013", "91/2017"), "2024": ("Luật TĐKT 2022", "98/2023"),
               "2025": ("Luật TĐKT 2022", "152/2025")}


@SETTINGS
@given(c=cases())
def test_every_result_is_consistent(c):
    r = evaluate(c)
    assert (r.id, r.award, r.regime) == (c.id, c.award, regime_of(c.on_date))
    if r.verdict is Verdict.UNSUPPORTED:
        assert r.conditions == ()
        return
    assert [x.code for x in r.conditions[:2]] == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE"]
    failed = any(x.passed is False for x in r.conditions)
    assert r.verdict is (Verdict.INELIGIBLE if failed else Verdict.ELIGIBLE)
    law, decree = REGIME_REFS[r.regime]
    for x in r.conditions:
        assert x.code in CONDITION_CODES
        assert (x.passed is None) == (x.code == "JUDGMENT")
        assert x.message.strip()
        assert "\n" not in x.message
        assert law in x.legal_ref
        assert decree in x.legal_ref
    if r.regime == "2013":
        assert (c.award, c.subject.kind) in {("LDTT", Kind.INDIVIDUAL), ("CSTDCS", Kind.INDIVIDUAL)}
    if c.award in FORM_CODES and (c.basis is not Basis.REGULAR or c.award == "GK"):
        assert [x.code for x in r.conditions] == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE", "JUDGMENT"]


@SETTINGS
@given(batch=st.lists(cases(), max_size=8))
def test_order_and_determinism(batch):
    first = evaluate_many(batch)
    assert [r.id for r in first] == [c.id for c in batch]
    assert evaluate_many(batch) == first
    assert evaluate_many(list(reversed(batch))) == list(reversed(first))
    assert [evaluate(c) for c in batch] == first


def to_json(c: Case) -> dict:
    s = c.subject
    subject = {
        "kind": str(s.kind),
        "ratings": {str(y): r.name for y, r in s.ratings.items()},
        "titles": [{"code": t.code, "year": t.year} for t in s.titles],
        "awards": [{"code": a.code, "year": a.year} for a in s.awards],
        "initiatives": [{"year": i.year, "scope": i.scope.name.lower(), "kind": str(i.kind)} for i in s.initiatives],
        "discipline": [{"form": d.form.name.lower(), "from": d.start.isoformat(),
                        "to": d.end.isoformat() if d.end else None} for d in s.discipline],
        "pending_review": s.pending_review,
    }
    if s.members is not None:
        subject["members"] = dataclasses.asdict(s.members)
        subject["leads_block"] = s.leads_block
        subject["founded_year"] = s.founded_year
    return {"id": c.id, "award": c.award, "year": c.year, "on_date": c.on_date.isoformat(),
            "basis": str(c.basis), "subject": subject}


@SETTINGS
@given(batch=st.lists(cases(), max_size=5))
def test_json_contract_and_python_facts_agree(batch):
    payload = json.loads(json.dumps([to_json(c) for c in batch]))
    assert check(payload) == [evaluate(c).to_dict() for c in batch]


@settings(max_examples=100, deadline=None)
@given(population=st.lists(SUBJECTS[Kind.INDIVIDUAL], max_size=6),
       award=st.sampled_from(INDIVIDUAL_AWARDS), on_date=st.dates(date(2022, 1, 1), date(2026, 12, 31)))
def test_mass_evaluation_matches_single_cases(population, award, on_date):
    year = on_date.year
    mass = list(evaluate_subjects([(str(i), s) for i, s in enumerate(population)], award, year=year, on_date=on_date))
    single = [evaluate(Case(award, year, on_date, s, id=str(i))) for i, s in enumerate(population)]
    assert mass == single
