"""Reward money (NĐ 152/2025 Art. 49; NĐ 98/2023 Art. 55): coefficient × the base salary in force
on the decision date, rounded UP to the nearest 10,000 đồng. Base salaries are data by date."""

from __future__ import annotations

import datetime
from decimal import ROUND_CEILING, Decimal

# (in force from, base salary in đồng)
BASE_SALARIES: tuple[tuple[datetime.date, int], ...] = (
    (datetime.date(2018, 7, 1), 1_390_000),  # NĐ 72/2018
    (datetime.date(2019, 7, 1), 1_490_000),  # NĐ 38/2019
    (datetime.date(2023, 7, 1), 1_800_000),  # NĐ 24/2023
    (datetime.date(2024, 7, 1), 2_340_000),  # NĐ 73/2024
)
STEP = Decimal(10_000)


def base_salary(on: datetime.date) -> int:
    """The base salary in force on ``on``; ValueError before the first known one."""
    found = None
    for start, amount in BASE_SALARIES:
        if start <= on:
            found = amount
    if found is None:
        raise ValueError(f"chưa có mức lương cơ sở áp dụng cho ngày {on:%d/%m/%Y}")
    return found


def reward_amount(coefficient: Decimal, on: datetime.date) -> int:
    """coefficient × base salary on ``on``, rounded up to 10,000 đồng (0 for a coefficient of 0)."""
    if coefficient < 0:
        raise ValueError("hệ số tiền thưởng không được âm")
    raw = Decimal(coefficient) * base_salary(on)
    return int((raw / STEP).to_integral_value(rounding=ROUND_CEILING) * STEP)


def nominee_reward(form, collective: bool, on: datetime.date) -> int:
    """The reward money of an award ``form`` to one nominee: its collective or individual coefficient."""
    return reward_amount(form.coefficient_collective if collective else form.coefficient_individual, on)
