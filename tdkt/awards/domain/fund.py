"""The award fund's arithmetic (pure Python): what an issuer's decisions of a year drew from its
allocation, what revocations gave back, the balance, and whether a new decision would overdraw it.

A decision draws the money of its awardees (coefficient × base salary on its date, ``money.py``).
A revoked decision (hủy bỏ) pays nothing, so its money goes back to the fund: the balance counts
only decisions not revoked. Amounts are whole đồng (int), never floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Drawing:
    """One decision's money as the fund sees it."""

    amount: int
    revoked: bool


@dataclass(frozen=True)
class FundBalance:
    allocation: int
    drawn: int  # every decision of the year, revoked ones included
    returned: int  # the money of the revoked ones, given back

    @property
    def spent(self) -> int:
        return self.drawn - self.returned

    @property
    def balance(self) -> int:
        """What is left; negative once decisions confirmed as overdrawing passed the allocation."""
        return self.allocation - self.spent

    @property
    def overdrawn(self) -> bool:
        return self.balance < 0

    def after(self, amount: int) -> int:
        """The balance once a new decision of ``amount`` đồng is issued."""
        return self.balance - amount

    def would_overdraw(self, amount: int) -> bool:
        """True when a new decision of ``amount`` đồng leaves the balance below zero. Spending the
        fund down to exactly 0 is not overdrawing it."""
        return self.after(amount) < 0


def fund_balance(allocation: int, drawings: Iterable[Drawing]) -> FundBalance:
    drawn = returned = 0
    for drawing in drawings:
        if drawing.amount < 0:
            raise ValueError("tiền thưởng của một quyết định không được âm")
        drawn += drawing.amount
        if drawing.revoked:
            returned += drawing.amount
    if allocation < 0:
        raise ValueError("kinh phí của quỹ không được âm")
    return FundBalance(allocation=allocation, drawn=drawn, returned=returned)
