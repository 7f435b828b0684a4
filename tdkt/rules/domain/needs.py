"""Which facts each award's rules read, so the adapter loads only those (pure Python).

Evaluating one award for a whole province must not drag ten years of every title through Python
when the rule looks at one year's rating. `Needs` names, per award and kind, the rating years,
title and award codes with their years, and initiative years a rule can read, relative to the
year Y considered; `None` means "all of them". Discipline, review flags, members, block
leadership and founding year are always loaded (gates and collective facts), and so are a
person's sex and service start (the cống hiến and niên hạn bases read only those and discipline).

tdkt/rules/tests/test_needs.py checks that trimming a subject's facts to these needs never
changes any result, for every award, kind, regime and basis.
"""

from dataclasses import dataclass

from .types import FORM_CODES, TITLE_CODES, Kind, Record, SubjectFacts

Window = tuple[int, int] | None  # (first, last) offsets from Y, both included; None: every year


@dataclass(frozen=True)
class Needs:
    ratings: Window = None
    title_codes: frozenset[str] | None = None  # None: every title code
    title_years: Window = None
    award_codes: frozenset[str] | None = None
    award_years: Window = None
    initiatives: Window = None


EVERYTHING = Needs()
NOTHING = Needs(ratings=(1, 0), title_codes=frozenset(), award_codes=frozenset(), initiatives=(1, 0))

_INDIVIDUAL = {
    "LDTT": Needs(ratings=(0, 0), title_codes=frozenset(), award_codes=frozenset(), initiatives=(1, 0)),
    "CSTDCS": Needs(ratings=(0, 0), title_codes=frozenset(), award_codes=frozenset(), initiatives=(0, 0)),
    "CSTD_TINH": Needs(
        ratings=(1, 0),
        title_codes=frozenset({"CSTDCS"}),
        title_years=(-2, 0),
        award_codes=frozenset(),
        initiatives=(-2, 0),
    ),
    "CSTD_TQ": Needs(ratings=(1, 0), title_codes=frozenset({"CSTDCS", "CSTD_TINH"}), award_codes=frozenset()),
    "BK_TINH": Needs(
        ratings=(-1, 0),
        title_codes=frozenset({"CSTDCS"}),
        title_years=(-1, 0),
        award_codes=frozenset(),
        initiatives=(-1, 0),
    ),
    "GK": NOTHING,
}
_COLLECTIVE = {
    "TTLDTT": Needs(ratings=(0, 0), title_codes=frozenset(), award_codes=frozenset(), initiatives=(1, 0)),
    "TTLDXS": Needs(ratings=(0, 0), title_codes=frozenset(), award_codes=frozenset(), initiatives=(1, 0)),
    "CO_TINH": NOTHING,
    "CO_CP": Needs(
        ratings=(1, 0),
        title_codes=frozenset({"CO_TINH"}),
        title_years=(0, 0),
        award_codes=frozenset(),
        initiatives=(1, 0),
    ),
    "BK_TINH": Needs(
        ratings=(-1, 0),
        title_codes=frozenset({"TTLDXS"}),
        title_years=(-1, 0),
        award_codes=frozenset(),
        initiatives=(1, 0),
    ),
    "GK": NOTHING,
}


def needs_for(award: str, kind: Kind, basis: str = "regular") -> Needs:
    """What the rules of `award` read. Forms on any other basis than regular read only the gates and the
    person facts (sex, service start, posts) that are always loaded."""
    if basis != "regular" and award in FORM_CODES:
        return NOTHING
    table = _INDIVIDUAL if kind == Kind.INDIVIDUAL else _COLLECTIVE
    return table.get(award, EVERYTHING)


def years_of(window: Window, year: int) -> tuple[int, int] | None:
    return None if window is None else (year + window[0], year + window[1])


def _within(y: int, span: tuple[int, int] | None) -> bool:
    return span is None or span[0] <= y <= span[1]


def trim(subject: SubjectFacts, needs: Needs, year: int) -> SubjectFacts:
    """The subject's facts reduced to `needs` (what the adapter's queries load)."""
    ratings_span, titles_span = years_of(needs.ratings, year), years_of(needs.title_years, year)
    awards_span, initiatives_span = years_of(needs.award_years, year), years_of(needs.initiatives, year)
    title_codes = frozenset(TITLE_CODES) if needs.title_codes is None else needs.title_codes
    award_codes = frozenset(FORM_CODES) if needs.award_codes is None else needs.award_codes

    def keep(records: tuple[Record, ...], codes, span) -> tuple[Record, ...]:
        return tuple(r for r in records if r.code in codes and _within(r.year, span))

    return SubjectFacts(
        kind=subject.kind,
        ratings={y: r for y, r in subject.ratings.items() if _within(y, ratings_span)},
        titles=keep(subject.titles, title_codes, titles_span),
        awards=keep(subject.awards, award_codes, awards_span),
        initiatives=tuple(i for i in subject.initiatives if _within(i.year, initiatives_span)),
        discipline=subject.discipline,
        pending_review=subject.pending_review,
        members=subject.members,
        leads_block=subject.leads_block,
        founded_year=subject.founded_year,
        sex=subject.sex,
        service_start=subject.service_start,
        posts=subject.posts,
    )
