"""Each TT02 form computed on the hand-built dataset (dataset.py), every expected cell written out here.

Rows are listed in the form's column order; None is a cell the form leaves empty."""

import pytest

from tdkt.reports import selectors
from tdkt.reports.domain.forms import FORMS

from . import dataset

YEAR = dataset.YEAR


@pytest.fixture
def data(world):
    return dataset.build(world)


def _cells(code, org, year=YEAR):
    report = selectors.report_compute(FORMS[code], year=year, organization=org)
    keys = [c.key for c in FORMS[code].columns]
    return {row: [cells[k] for k in keys] for row, cells in report.cells.items()}


def test_0603_province_awards(world, data):
    got = _cells("0603", world.orgs["P"])
    # columns: total, Bằng khen, CSTĐ tỉnh, Cờ thi đua tỉnh, Kỷ niệm chương
    assert got == {
        "01": [9, 6, 1, 1, 1],
        "02": [2, 1, 0, 1, 0],
        "03": [1, 1, 0, 0, 0],
        "04": [0, 0, 0, 0, 0],
        "05": [7, 5, 1, 0, 1],
        "06": [1, 1, 0, 0, 0],
        "07": [1, 1, 0, 0, 0],
        "08": [1, 1, 0, 0, 0],
        "09": [1, 1, 0, 0, 0],
        "10": [3, 1, 1, 0, 1],
        "11": [7, 5, 1, 1, 0],
        "12": [1, 1, 0, 0, 0],
        "13": [1, 0, 0, 0, 1],
        "14": [0, 0, 0, 0, 0],
        "15": [0, 0, 0, 0, 0],
        "16": [0, 0, 0, 0, 0],
        "17": [0, 0, 0, 0, 0],
    }


def test_0602_state_awards(world, data):
    got = _cells("0602", world.orgs["P"])
    # columns: 1, 2 TT, 2 CN, 3, 4, 5 TT, 5 CN, 6, 7 TT, 7 CN, 8, 9 TT, 9 CN
    n = None
    total = [5, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0]
    zeros = [0] * 13
    collective_only = [0, 0, n, n, n, 0, n, 0, 0, n, n, 0, n]
    individual_only = [0, n, 0, 0, 0, n, 0, n, n, 0, 0, n, 0]
    assert got == {
        "01": total,
        "02": zeros,
        "03": total,
        "06": [2, 1, n, n, n, 0, n, 1, 0, n, n, 0, n],
        "07": collective_only,
        "08": collective_only,
        "09": [3, n, 1, 0, 0, n, 0, n, n, 1, 1, n, 0],
        "10": individual_only,
        "11": [1, n, 1, 0, 0, n, 0, n, n, 0, 0, n, 0],
        "12": individual_only,
        "13": individual_only,
        "14": [2, n, 0, 0, 0, n, 0, n, n, 1, 1, n, 0],
        "15": total,
        "16": zeros, "17": zeros, "18": zeros, "19": zeros, "20": zeros, "21": zeros,
    }


def test_0601_movements(world, data):
    got = _cells("0601", world.orgs["P"])
    # columns: total, central, ministry or province, unit
    assert got == {
        "01": [5, 0, 2, 3],
        "02": [0, 0, 0, 0],
        "03": [2, 0, 2, 0],
        "04": [1, 0, 0, 1],
        "05": [2, 0, 0, 2],
        "06": [1, 0, 0, 1],
        "07": [1, 0, 1, 0],
        "08": [1, 0, 0, 1],
        "09": [1, 0, 0, 1],
        "10": [1, 0, 1, 0],
        "11": [3, 0, 1, 2],
        "12": [2, 0, 1, 1],
    }


def test_0604_units(world, data):
    assert _cells("0604", world.orgs["P"]) == {"01": [2], "02": [0], "03": [0], "04": [1], "05": [1]}


def test_0605_officers(world, data):
    assert _cells("0605", world.orgs["P"]) == {
        "01": [4, 3],
        "02": [1, 1], "03": [1, 0], "04": [0, 0], "05": [0, 0], "06": [1, 1], "07": [0, 0],
        "08": [0, 0], "09": [0, 0], "10": [1, 1], "11": [1, 1], "12": [1, 0],
        "13": [1, 1], "14": [1, 1], "15": [1, 0],
    }


def test_a_department_counts_only_its_own(world, data):
    """Scope below the province: Sở Tài chính and its division."""
    fin = world.orgs["FIN"]
    assert _cells("0603", fin)["01"] == [4, 3, 0, 1, 0]  # r1, r2, r8 (BK), r4 (Cờ)
    assert _cells("0601", fin)["01"] == [2, 0, 0, 2]  # m4, m5
    assert _cells("0605", fin)["01"] == [1, 1]  # o4


def test_another_year_counts_that_year(world, data):
    assert _cells("0603", world.orgs["P"], year=2023)["01"] == [1, 1, 0, 0, 0]  # x1
    assert _cells("0601", world.orgs["P"], year=2023)["01"] == [3, 0, 2, 1]  # m2, x6 (P); m5 (FIN)


@pytest.mark.parametrize("days", [364, 365, 366, 367, 1094, 1095, 1825, 1826])
def test_movement_duration_in_sql_is_the_domain_band(world, days):
    import datetime

    from tdkt.movements.models import Movement
    from tdkt.reports.domain.tt02_0601 import duration_band

    start = datetime.date(2023, 3, 1)
    Movement.objects.create(organization=world.orgs["FIN"], title="P", status="issued", start_date=start,
                            end_date=start + datetime.timedelta(days=days - 1))
    rows = {"lt1": "06", "y1": "07", "y1_3": "08", "y3_5": "09", "ge5": "10"}
    got = _cells("0601", world.orgs["P"], year=2023)
    assert [code for code in rows.values() if got[code][0]] == [rows[duration_band(days)]]
