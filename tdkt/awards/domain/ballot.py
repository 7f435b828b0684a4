"""Council ballots (Luật TĐKT Art. 90; NĐ 98/2023 Art. 30(7)): thresholds over ALL members.

A nominee passes when the "yes" votes reach the threshold share of every member of the council,
present or not (absent members vote in writing; a member who did not vote counts against). The
session needs its quorum of members present in person. Shares are percentages as Decimal, compared
without rounding: 80% of 9 members needs 8 votes (7.2 rounds up), 90% of 10 needs 9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)


class Vote(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True, slots=True)
class Ballot:
    member: object
    vote: Vote
    in_writing: bool = False  # an absent member's written vote


@dataclass(frozen=True, slots=True)
class Count:
    members: int
    present: int
    yes: int
    no: int
    abstain: int
    missing: int
    needed: int  # yes votes needed
    quorum_met: bool
    passed: bool


def votes_needed(members: int, threshold: Decimal) -> int:
    """The fewest yes votes reaching ``threshold`` percent of ``members``."""
    needed = (Decimal(members) * threshold / HUNDRED).to_integral_value(rounding="ROUND_CEILING")
    return int(needed)


def count(ballots: Iterable[Ballot], *, members: int, threshold: Decimal, quorum: Decimal) -> Count:
    ballots = list(ballots)
    voters = {b.member for b in ballots}
    if len(voters) != len(ballots):
        raise ValueError("a member voted twice")
    if len(ballots) > members:
        raise ValueError("more ballots than members")
    present = sum(1 for b in ballots if not b.in_writing)
    yes = sum(1 for b in ballots if b.vote is Vote.YES)
    no = sum(1 for b in ballots if b.vote is Vote.NO)
    abstain = sum(1 for b in ballots if b.vote is Vote.ABSTAIN)
    needed = votes_needed(members, threshold)
    quorum_met = members > 0 and Decimal(present) * HUNDRED >= quorum * members
    return Count(
        members=members,
        present=present,
        yes=yes,
        no=no,
        abstain=abstain,
        missing=members - len(ballots),
        needed=needed,
        quorum_met=quorum_met,
        passed=members > 0 and quorum_met and yes >= needed,
    )
