"""The unit's year-end vote on titles (bình xét cuối năm), as rules without Django.

Which titles the unit's council votes on, how many "yes" votes of ALL members each needs, the
quorum, who decides, and the money when one person holds two titles of the same year.

- CSTĐCS: at least 80% of all members of the council (Nghị định 98/2023, Điều 30 khoản 7) [V2].
- LĐTT, TTLĐTT, TTLĐXS: the law mandates no ballot; the unit's council decides by more than half of
  all its members, as units' quy chế do [R] (a stricter unit keeps its own in its minutes).
- The meeting needs at least two thirds of the members present (absent members vote in writing) [V2].
- LĐTT, CSTĐCS and TTLĐTT are the head of the unit's to decide (Luật TĐKT 2022, Điều 80 khoản 1);
  TTLĐXS is the province's or ministry's (Điều 79): the unit's decision proposes it upward.
- Money: several titles for the same period pay only the highest (Nghị định 152/2025, Điều 49) [V2].
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tdkt.awards.domain.ballot import votes_needed
from tdkt.awards.domain.law_catalogue import BY_CODE

INDIVIDUAL_TITLES = ("LDTT", "CSTDCS")
COLLECTIVE_TITLES = ("TTLDTT", "TTLDXS")
YEAR_END_TITLES = INDIVIDUAL_TITLES + COLLECTIVE_TITLES
DECIDED_BY_THE_UNIT = frozenset({"LDTT", "CSTDCS", "TTLDTT"})
PROPOSED_UPWARD = frozenset({"TTLDXS"})
BALLOT_SHARE = {"CSTDCS": Decimal(80)}
MAX_MEMBERS = 99


def yes_needed(award: str, members: int) -> int:
    """The fewest "yes" votes of ``members`` that carry ``award``."""
    if award in BALLOT_SHARE:
        return votes_needed(members, BALLOT_SHARE[award])
    return members // 2 + 1  # more than half of all members


def carried(award: str, yes: int, members: int) -> bool:
    return yes >= yes_needed(award, members)


def quorum_met(present: int, members: int) -> bool:
    """At least two thirds of the members present."""
    return present * 3 >= members * 2


def coefficient(award: str, *, collective: bool, on: date) -> Decimal:
    """The reward coefficient of ``award`` in the catalogue version in force on ``on`` (the decision's date)."""
    law = BY_CODE[award]
    version = law.on(on) or law.versions[0]
    return version.coefficient_collective if collective else version.coefficient_individual


def paid_titles(titles_of: dict[object, list[str]], *, on: date) -> dict[object, str]:
    """For each subject, the one title of the year that is paid: the one with the highest coefficient."""
    return {
        subject: max(titles, key=lambda code: coefficient(code, collective=code in COLLECTIVE_TITLES, on=on))
        for subject, titles in titles_of.items() if titles
    }
