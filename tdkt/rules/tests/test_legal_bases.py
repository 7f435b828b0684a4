"""The acts a document cites on its date (tdkt.rules.domain.legal_bases): each regime, the
boundaries of 01/01/2024 and 01/07/2025, and the rule book as the only source of those dates."""

from datetime import date

import pytest

from tdkt.rules.domain import legal_bases as lb
from tdkt.rules.domain.legal_bases import day_text, legal_bases_on
from tdkt.rules.domain.regimes import REGIME_2013, REGIME_2024, REGIME_2025


def text(day: date) -> str:
    return "\n".join(legal_bases_on(day).lines(province=True))


@pytest.mark.parametrize(
    ("day", "regime", "decree", "absent"),
    [
        (date(2019, 6, 1), "2013", "91/2017/NĐ-CP", ("98/2023", "152/2025", "06/2022")),
        (date(2023, 12, 31), "2013", "91/2017/NĐ-CP", ("98/2023", "152/2025", "06/2022")),
        (date(2024, 1, 1), "2024", "98/2023/NĐ-CP", ("91/2017", "152/2025", "12/2019")),
        (date(2024, 12, 27), "2024", "98/2023/NĐ-CP", ("91/2017", "152/2025", "15/2025/TT-BNV")),
        (date(2025, 6, 30), "2024", "98/2023/NĐ-CP", ("91/2017", "152/2025", "72/2025")),
        (date(2025, 7, 1), "2025", "152/2025/NĐ-CP", ("91/2017", "98/2023")),
        (date(2026, 12, 6), "2025", "152/2025/NĐ-CP", ("91/2017", "98/2023", "01/2024/TT-BNV")),
    ],
)
def test_each_regime_cites_its_own_decree_only(day, regime, decree, absent):
    bases = legal_bases_on(day)
    assert bases.regime == regime
    assert bases.reward_decree == f"Nghị định số {decree}"
    lines = text(day)
    assert f"Căn cứ Nghị định số {decree} ngày " in lines
    for number in absent:
        assert number not in lines, (day, number)
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in lines.splitlines())


def test_laws_per_regime():
    old = legal_bases_on(date(2023, 12, 31)).lines(issuer_name="Sở Nội vụ")
    assert old[1] == (
        "Căn cứ Luật Thi đua, khen thưởng ngày 26/11/2003; Luật sửa đổi, bổ sung một số điều của "
        "Luật Thi đua, khen thưởng ngày 14/6/2005 và ngày 16/11/2013;"
    )
    for day in (date(2024, 1, 1), date(2025, 7, 1)):
        assert legal_bases_on(day).lines(issuer_name="Sở Nội vụ")[1] == (
            "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;"
        )


def test_issuer_line_first():
    assert legal_bases_on(date(2024, 5, 2)).lines(issuer_name="Sở Nội vụ")[0] == (
        "Căn cứ văn bản quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ;"
    )
    assert legal_bases_on(date(2025, 7, 1)).lines(province=True)[0] == (
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025;"
    )
    assert "72/2025" not in legal_bases_on(date(2025, 6, 30)).lines(province=True)[0]
    assert "19/6/2015" in legal_bases_on(date(2023, 12, 31)).lines(province=True)[0]


def test_circulars_on_their_own_dates():
    def circulars(day):
        return [c.number for c in legal_bases_on(day).circulars]

    assert circulars(date(2023, 12, 31)) == ["12/2019/TT-BNV"]
    assert circulars(date(2024, 1, 1)) == []  # Nghị định 91's circular lapsed with it
    assert circulars(date(2024, 12, 27)) == ["01/2024/TT-BNV"]
    assert circulars(date(2025, 7, 1)) == ["01/2024/TT-BNV"]  # until Thông tư 15/2025 replaced it
    assert circulars(date(2025, 9, 1)) == ["15/2025/TT-BNV"]


def test_regime_boundaries_are_the_rule_books():
    """No second truth: the decree changes exactly where the rule book's regimes change."""
    assert REGIME_2013.effective_to == date(2023, 12, 31)
    assert legal_bases_on(REGIME_2013.effective_to).decree is lb.DECREE_91
    assert legal_bases_on(REGIME_2024.effective_from).decree is lb.DECREE_98
    assert legal_bases_on(REGIME_2024.effective_to).decree is lb.DECREE_98
    assert legal_bases_on(REGIME_2025.effective_from).decree is lb.DECREE_152
    assert set(lb._REGIME_ACTS) == {v.regime for v in (REGIME_2013, REGIME_2024, REGIME_2025)}


def test_every_day_has_one_local_government_law():
    day = date(2015, 1, 1)
    while day <= date(2027, 1, 1):
        assert sum(act.in_force(day) for act in lb.LOCAL_GOVERNMENT_LAWS) == 1, day
        day = date.fromordinal(day.toordinal() + 17)


def test_day_text_pads_like_decisions():
    assert day_text(date(2022, 6, 15)) == "15/6/2022"
    assert day_text(date(2019, 11, 4)) == "04/11/2019"
    assert day_text(date(2025, 2, 19)) == "19/02/2025"
