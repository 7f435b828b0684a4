"""Rule versions: national regimes by date, and a province's stricter version as added data."""

from datetime import date

import pytest

from tdkt.rules.domain import (
    NATIONAL,
    REGIME_2024,
    REGIME_2025,
    Case,
    Condition,
    Initiative,
    Kind,
    Members,
    Rating,
    Scope,
    SubjectFacts,
    evaluate,
    evaluate_subjects,
    regime_for,
)
from tdkt.rules.domain.types import RATING

QT_ACT = "Quyết định 25/2025/QĐ-UBND tỉnh Quảng Trị, Điều 6"


def quang_tri_2026():
    return REGIME_2025.derive(
        key="QT-2026", name="Quảng Trị: tiêu chuẩn TĐKT từ 2026", jurisdiction="QT",
        effective_from=date(2026, 1, 1), note=QT_ACT,
        params={
            ("TTLDTT", Kind.COLLECTIVE): {"ldtt_percent": 80},
            ("CSTDCS", Kind.INDIVIDUAL): {"achievement_rating": None},  # an initiative is required
        },
    )


def unit(ldtt: int) -> SubjectFacts:
    return SubjectFacts(kind=Kind.COLLECTIVE, ratings={2026: Rating.HTTNV}, members=Members(20, 20, ldtt, 1, 0))


def test_national_regimes_by_date():
    assert [regime_for(d) for d in (date(2023, 12, 31), date(2024, 1, 1), date(2025, 6, 30), date(2025, 7, 1))] == [
        "2013", "2024", "2024", "2025"]
    assert NATIONAL.select(date(2025, 7, 1)) is REGIME_2025


def test_a_province_version_applies_only_to_its_jurisdiction_and_dates():
    book = NATIONAL.with_versions(quang_tri_2026())
    c = Case("TTLDTT", 2026, date(2026, 12, 10), unit(15))  # 75%
    assert str(evaluate(c).verdict) == "eligible"
    assert str(evaluate(c, rulebook=book).verdict) == "eligible"  # no jurisdiction: national rules
    strict = evaluate(c, rulebook=book, jurisdiction="QT")
    assert (str(strict.verdict), strict.regime, list(strict.failed)) == ("ineligible", "2025", ["MEMBERS_LDTT_RATIO"])
    ratio = next(x for x in strict.conditions if x.code == "MEMBERS_LDTT_RATIO")
    assert "cần từ 80%" in ratio.message
    assert QT_ACT in ratio.legal_ref
    assert "152/2025" in ratio.legal_ref
    before = Case("TTLDTT", 2025, date(2025, 12, 10), SubjectFacts(
        kind=Kind.COLLECTIVE, ratings={2025: Rating.HTTNV}, members=Members(20, 20, 15, 1, 0)))
    assert str(evaluate(before, rulebook=book, jurisdiction="QT").verdict) == "eligible"


def test_a_province_version_can_change_a_rule_shape_by_parameters():
    book = NATIONAL.with_versions(quang_tri_2026())
    person = SubjectFacts(kind=Kind.INDIVIDUAL, ratings={2026: Rating.HTXSNV})
    c = Case("CSTDCS", 2026, date(2026, 12, 10), person)
    assert str(evaluate(c).verdict) == "eligible"
    assert list(evaluate(c, rulebook=book, jurisdiction="QT").failed) == ["CSTDCS_ACHIEVEMENT"]
    with_initiative = Case("CSTDCS", 2026, date(2026, 12, 10), SubjectFacts(
        kind=Kind.INDIVIDUAL, ratings={2026: Rating.HTTNV}, initiatives=(Initiative(2026, Scope.CO_SO),)))
    assert str(evaluate(with_initiative, rulebook=book, jurisdiction="QT").verdict) == "eligible"


def test_a_province_can_append_a_check():
    def no_khtnv_in_three_years(subject, year, spec):
        bad = [t for t in range(year - 2, year + 1) if subject.rating(t) == Rating.KHTNV]
        return [Condition(RATING, not bad, f"Các năm {year - 2}–{year}: {len(bad)} năm KHTNV", spec.ref)]

    version = REGIME_2025.derive(
        key="QT-2026b", name="Quảng Trị", jurisdiction="QT", effective_from=date(2026, 1, 1), note=QT_ACT,
        extra={("LDTT", Kind.INDIVIDUAL): [no_khtnv_in_three_years]},
    )
    book = NATIONAL.with_versions(version)
    person = SubjectFacts(kind=Kind.INDIVIDUAL, ratings={2024: Rating.KHTNV, 2026: Rating.HTTNV})
    result = evaluate(Case("LDTT", 2026, date(2026, 12, 10), person), rulebook=book, jurisdiction="QT")
    assert list(result.failed) == ["RATING"]
    assert result.conditions[-1].code == "JUDGMENT"


def test_versions_must_not_overlap_or_cross_a_regime():
    with pytest.raises(ValueError, match="overlap"):
        NATIONAL.with_versions(quang_tri_2026(), REGIME_2025.derive(
            key="QT-x", name="x", jurisdiction="QT", effective_from=date(2026, 6, 1), note=QT_ACT))
    with pytest.raises(ValueError, match="within national regime"):
        NATIONAL.with_versions(REGIME_2024.derive(
            key="QT-y", name="y", jurisdiction="QT", effective_from=date(2025, 1, 1), note=QT_ACT))
    with pytest.raises(KeyError):
        REGIME_2025.derive(key="k", name="n", jurisdiction="QT", effective_from=date(2026, 1, 1), note=QT_ACT,
                           params={("LDTT", Kind.COLLECTIVE): {"min_rating": Rating.HTXSNV}})


def test_mass_evaluation_uses_the_province_version():
    book = NATIONAL.with_versions(quang_tri_2026())
    results = list(evaluate_subjects([("a", unit(15)), ("b", unit(16))], "TTLDTT", year=2026,
                                     on_date=date(2026, 12, 10), rulebook=book, jurisdiction="QT"))
    assert [(r.id, str(r.verdict)) for r in results] == [("a", "ineligible"), ("b", "eligible")]
