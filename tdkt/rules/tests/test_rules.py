"""The rules of contracts/eligibility.md, one behaviour per test (no database)."""

import pytest

from tdkt.rules.domain import MalformedInput, evaluate

from .builders import (
    case,
    codes,
    condition,
    discipline,
    failed,
    initiative,
    members,
    ratings,
    run,
    titles,
)

# --- Regimes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on_date", "regime"),
    [("2023-12-31", "2013"), ("2024-01-01", "2024"), ("2025-06-30", "2024"), ("2025-07-01", "2025"),
     ("2016-05-01", "2013"), ("2031-01-01", "2025")],
)
def test_regime_is_chosen_by_on_date(on_date, regime):
    assert run(case("LDTT", 2023, on_date, ratings=ratings(2023, 2023))).regime == regime


@pytest.mark.parametrize(
    ("on_date", "law", "decree"),
    [("2023-12-01", "2013", "91/2017"), ("2024-12-01", "Luật TĐKT 2022", "98/2023"),
     ("2025-12-01", "Luật TĐKT 2022", "152/2025")],
)
def test_legal_references_follow_the_regime(on_date, law, decree):
    result = run(case("LDTT", int(on_date[:4]), on_date, ratings=ratings(2023, 2025)))
    for c in result.conditions:
        assert law in c.legal_ref, c
        assert decree in c.legal_ref, c
    assert "Điều 24" in condition(result, "RATING").legal_ref


def test_unsupported_has_no_conditions_but_a_regime():
    result = run(case("BK_TTG", 2023, "2023-12-01", awards=titles("BK_TINH", 2017)))
    assert (str(result.verdict), result.regime, result.conditions) == ("unsupported", "2013", ())


# --- Gates -------------------------------------------------------------------------------------


def test_pending_review_withholds_every_supported_award():
    result = run(case("LDTT", ratings=ratings(2025, 2025), pending_review=True))
    assert failed(result) == ["GATE_PENDING_REVIEW"]
    assert codes(result)[:2] == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE"]


@pytest.mark.parametrize(
    ("period", "active"),
    [(("2025-06-01", "2026-06-01"), True), (("2024-12-10", "2025-12-10"), True), (("2025-12-10", None), True),
     (("2020-01-01", None), True), (("2026-01-05", None), True), (("2024-01-01", "2025-12-09"), False),
     (("2025-12-11", "2026-01-01"), False)],
)
def test_gate_discipline_active_contains_on_date_with_both_ends(period, active):
    result = run(case("LDTT", ratings=ratings(2025, 2025), discipline=[discipline(*period)]))
    assert condition(result, "GATE_DISCIPLINE_ACTIVE").passed is (not active)


# --- G3: counted years -----------------------------------------------------------------------------


def test_single_year_conditions_ignore_g3():
    # Discipline served during 2025 but over before on_date: LĐTT for 2025 still only looks at 2025.
    result = run(case("LDTT", ratings=ratings(2025, 2025), discipline=[discipline("2025-01-10", "2025-06-10")]))
    assert str(result.verdict) == "eligible"


def test_g3_a_discipline_year_and_every_year_before_are_not_counted():
    history = dict(ratings=ratings(2023, 2025), titles=titles("CSTDCS", 2023, 2024, 2025),
                   initiatives=[initiative(2024, "tinh")])
    clean = run(case("CSTD_TINH", **history))
    assert str(clean.verdict) == "eligible"
    # Discipline in force in 2023 only (from 2022): 2023 and before are not counted.
    broke = run(case("CSTD_TINH", **history, discipline=[discipline("2022-09-01", "2023-01-01")]))
    assert failed(broke) == ["CHAIN"]
    assert "không được tính" in condition(broke, "CHAIN").message
    # A discipline ending in 2022 leaves 2023..2025 counted.
    assert str(run(case("CSTD_TINH", **history, discipline=[discipline("2022-01-01", "2022-12-31")])).verdict) == (
        "eligible"
    )


def test_initiative_scope_is_not_subject_to_g3():
    # The only tinh-scope initiative is in 2023, an uncounted year: only CHAIN fails (contract lists the
    # spanning conditions G3 applies to: CHAIN, PERIOD_YEARS, PERIOD_TITLES, RATING over two years).
    result = run(case("CSTD_TINH", ratings=ratings(2023, 2025), titles=titles("CSTDCS", 2023, 2024, 2025),
                      initiatives=[initiative(2023, "tinh")], discipline=[discipline("2023-01-01", "2023-02-01")]))
    assert failed(result) == ["CHAIN"]


def test_open_ended_discipline_leaves_no_counted_year():
    result = run(case("BK_TINH", ratings=ratings(2024, 2025), titles=titles("CSTDCS", 2024, 2025),
                      discipline=[discipline("2020-01-01", None)]))
    assert "GATE_DISCIPLINE_ACTIVE" in failed(result)
    assert "RATING" in failed(result)


# --- A. Individual titles ----------------------------------------------------------------------------


def test_ldtt_without_rating_fails_rating_naming_the_year():
    result = run(case("LDTT", ratings={"2024": "HTXSNV"}))
    assert failed(result) == ["RATING"]
    assert "2025" in condition(result, "RATING").message
    assert condition(result, "JUDGMENT").passed is None


@pytest.mark.parametrize(
    ("rating", "inits", "expected"),
    [("HTXSNV", [], []), ("HTTNV", [initiative(2025, "co_so", "de_tai")], []),
     ("HTTNV", [initiative(2025, "toan_quoc")], []), ("HTTNV", [initiative(2024)], ["CSTDCS_ACHIEVEMENT"]),
     ("HTNV", [initiative(2025)], ["LDTT_STANDARD"]), ("KHTNV", [], ["CSTDCS_ACHIEVEMENT", "LDTT_STANDARD"])],
)
def test_cstdcs_2024_regime(rating, inits, expected):
    assert failed(run(case("CSTDCS", ratings={"2025": rating}, initiatives=inits))) == expected


def test_cstdcs_2013_needs_an_initiative_of_the_year():
    base = dict(ratings={"2023": "HTTNV"})
    assert str(run(case("CSTDCS", 2023, "2023-12-05", initiatives=[initiative(2023)], **base)).verdict) == "eligible"
    assert failed(run(case("CSTDCS", 2023, "2023-12-05", initiatives=[initiative(2022)], **base))) == [
        "CSTDCS_ACHIEVEMENT"
    ]


def test_ldtt_2013_is_covered():
    result = run(case("LDTT", 2022, "2022-12-01", ratings={"2022": "HTTNV"}))
    assert (str(result.verdict), result.regime) == ("eligible", "2013")
    assert "2013" in condition(result, "RATING").legal_ref


def test_cstd_tinh_chain_needs_each_year_and_scope_window():
    base = dict(ratings=ratings(2023, 2025))
    assert failed(run(case("CSTD_TINH", titles=titles("CSTDCS", 2023, 2025), initiatives=[initiative(2025, "tinh")],
                           **base))) == ["CHAIN"]
    assert failed(run(case("CSTD_TINH", titles=titles("CSTDCS", 2023, 2024, 2025),
                           initiatives=[initiative(2022, "toan_quoc")], **base))) == ["INITIATIVE_SCOPE"]
    assert failed(run(case("CSTD_TINH", titles=titles("CSTDCS", 2023, 2024, 2025),
                           initiatives=[initiative(2023, "toan_quoc")], **base))) == []


def _tq(*, tinh_years, cstdcs_years, inits, year=2025, **extra):
    return run(case("CSTD_TQ", year, titles=titles("CSTD_TINH", *tinh_years) + titles("CSTDCS", *cstdcs_years),
                    initiatives=inits, **extra))


def test_cstd_tq_with_fewer_than_two_tinh_titles_reports_only_chain():
    result = _tq(tinh_years=[2022], cstdcs_years=range(2018, 2026), inits=[initiative(2024, "toan_quoc")])
    assert failed(result) == ["CHAIN"]
    assert "INITIATIVE_SCOPE" not in codes(result)
    assert codes(result)[-1] == "JUDGMENT"


def test_cstd_tq_uses_the_two_latest_tinh_titles():
    ok = _tq(tinh_years=[2016, 2019, 2022], cstdcs_years=range(2019, 2023), inits=[initiative(2017, "toan_quoc")])
    assert str(ok.verdict) == "eligible"  # A=2019, B=2022, initiative window 2017..2025
    too_early = _tq(tinh_years=[2019, 2022], cstdcs_years=range(2019, 2023), inits=[initiative(2016, "toan_quoc")])
    assert failed(too_early) == ["INITIATIVE_SCOPE"]
    gap = _tq(tinh_years=[2019, 2022], cstdcs_years=[2019, 2020, 2022], inits=[initiative(2024, "toan_quoc")])
    assert failed(gap) == ["CHAIN"]
    assert "2021" in condition(gap, "CHAIN").message
    low_scope = _tq(tinh_years=[2019, 2022], cstdcs_years=range(2019, 2023), inits=[initiative(2024, "tinh")])
    assert failed(low_scope) == ["INITIATIVE_SCOPE"]


def test_cstd_tq_ignores_titles_after_y_and_a_newer_tinh_can_break_the_chain():
    later = _tq(tinh_years=[2019, 2022, 2026], cstdcs_years=range(2019, 2023), inits=[initiative(2024, "toan_quoc")])
    assert str(later.verdict) == "eligible"
    # Adding a CSTĐ tỉnh in 2025 moves (A, B) to (2022, 2025); CSTĐCS 2023-2025 missing: CHAIN fails.
    moved = _tq(tinh_years=[2019, 2022, 2025], cstdcs_years=range(2019, 2023), inits=[initiative(2024, "toan_quoc")])
    assert failed(moved) == ["CHAIN"]


def test_cstd_tq_chain_needs_counted_years():
    result = _tq(tinh_years=[2019, 2022], cstdcs_years=range(2019, 2023), inits=[initiative(2024, "toan_quoc")],
                 discipline=[discipline("2020-02-01", "2020-08-01")])
    assert failed(result) == ["CHAIN"]


# --- B. Collective titles -------------------------------------------------------------------------------


def _col(award, **fields):
    fields.setdefault("members", members())
    fields.setdefault("leads_block", False)
    return run(case(award, kind="collective", **fields))


def test_ttldtt():
    assert failed(_col("TTLDTT", ratings={"2025": "HTTNV"}, members=members(20, 20, 14))) == []  # exactly 70%
    assert failed(_col("TTLDTT", ratings={"2025": "HTTNV"}, members=members(20, 20, 13))) == ["MEMBERS_LDTT_RATIO"]
    assert failed(_col("TTLDTT", ratings={"2025": "HTNV"}, members=members(disciplined=1))) == [
        "MEMBERS_DISCIPLINE", "RATING"]


def test_ttldxs():
    good = dict(ratings={"2025": "HTXSNV"})
    assert failed(_col("TTLDXS", **good)) == []
    assert failed(_col("TTLDXS", ratings={"2025": "HTTNV"})) == ["RATING"]
    assert failed(_col("TTLDXS", **good, members=members(20, 19, 15, 1))) == ["MEMBERS_COMPLETED"]
    assert failed(_col("TTLDXS", **good, members=members(20, 20, 15, 0))) == ["MEMBERS_CSTDCS"]
    # TTLĐXS has no member-discipline condition in the contract.
    assert "MEMBERS_DISCIPLINE" not in codes(_col("TTLDXS", **good, members=members(disciplined=2)))


def test_co_tinh_and_co_cp():
    assert failed(_col("CO_TINH", leads_block=True)) == []
    assert failed(_col("CO_TINH", leads_block=False)) == ["LEADS_BLOCK"]
    assert codes(_col("CO_TINH", leads_block=True))[-1] == "JUDGMENT"
    assert failed(_col("CO_CP", titles=titles("CO_TINH", 2025))) == []
    assert failed(_col("CO_CP", titles=titles("CO_TINH", 2024))) == ["PRIOR_AWARD"]


def test_collective_facts_a_rule_needs_must_be_present():
    with pytest.raises(MalformedInput, match="subject.leads_block"):
        evaluate(case("CO_TINH", kind="collective"))
    with pytest.raises(MalformedInput, match="subject.founded_year"):
        evaluate(case("HCLD3", kind="collective", awards=titles("BK_TTG", 2015)))
    # GK needs neither.
    assert str(evaluate(case("GK", kind="collective")).verdict) == "eligible"


# --- C. Forms ----------------------------------------------------------------------------------------------


def test_bk_tinh_individual_chain_branch():
    result = run(case("BK_TINH", titles=titles("CSTDCS", 2024, 2025)))
    assert (str(result.verdict), codes(result)) == ("eligible", ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE",
                                                                   "CHAIN"])


def test_bk_tinh_individual_rating_branch_when_chain_fails():
    result = run(case("BK_TINH", ratings=ratings(2024, 2025), titles=titles("CSTDCS", 2025),
                      initiatives=[initiative(2024), initiative(2024, "tinh", "de_tai")]))
    assert str(result.verdict) == "eligible"
    assert codes(result)[2:] == ["RATING", "RATING", "PERIOD_TITLES"]


def test_bk_tinh_individual_reports_the_branch_tried_last_when_neither_holds():
    result = run(case("BK_TINH", ratings=ratings(2024, 2025, y2024="HTTNV"), titles=titles("CSTDCS", 2025),
                      initiatives=[initiative(2025)]))
    assert failed(result) == ["PERIOD_TITLES", "RATING"]
    assert "CHAIN" not in codes(result)
    assert [c.passed for c in result.conditions if c.code == "RATING"] == [False, True]


def test_bk_tinh_individual_two_initiatives_outside_the_two_years_do_not_count():
    result = run(case("BK_TINH", ratings=ratings(2024, 2025), initiatives=[initiative(2023), initiative(2025)]))
    assert failed(result) == ["PERIOD_TITLES"]


def test_bk_tinh_individual_rating_branch_needs_counted_years():
    result = run(case("BK_TINH", ratings=ratings(2024, 2025), initiatives=[initiative(2025), initiative(2025)],
                      discipline=[discipline("2024-01-05", "2024-07-05")]))
    assert failed(result) == ["PERIOD_TITLES", "RATING"]
    assert [c.passed for c in result.conditions if c.code == "RATING"] == [False, True]


def test_bk_tinh_collective_branches():
    assert failed(_col("BK_TINH", ratings=ratings(2024, 2025))) == []
    assert codes(_col("BK_TINH", ratings=ratings(2024, 2025)))[2:] == ["RATING", "RATING"]
    via_titles = _col("BK_TINH", ratings=ratings(2024, 2025, y2024="HTTNV"), titles=titles("TTLDXS", 2024, 2025))
    assert (failed(via_titles), codes(via_titles)[2:]) == ([], ["CHAIN"])
    neither = _col("BK_TINH", ratings=ratings(2024, 2025, y2024="HTTNV"), titles=titles("TTLDXS", 2025))
    assert failed(neither) == ["CHAIN"]


def _bk_ttg(**fields):
    return run(case("BK_TTG", 2024, "2024-12-10", **fields))


def test_since_award_picks_an_x_that_works():
    # x=2015 fails (2016 rated HTNV); x=2019 works.
    result = _bk_ttg(ratings=ratings(2016, 2024, "HTTNV", y2016="HTNV"), titles=titles("CSTDCS", 2020, 2022, 2024),
                     awards=titles("BK_TINH", 2015, 2019))
    assert str(result.verdict) == "eligible"
    assert "2019" in condition(result, "PRIOR_AWARD").message


def test_since_award_reports_the_earliest_x_when_none_works():
    result = _bk_ttg(ratings=ratings(2016, 2024, "HTTNV", y2016="HTNV"), titles=titles("CSTDCS", 2022, 2024),
                     awards=titles("BK_TINH", 2015, 2019))
    assert failed(result) == ["PERIOD_TITLES", "PERIOD_YEARS"]
    assert "2015" in condition(result, "PRIOR_AWARD").message
    assert "2016" in condition(result, "PERIOD_YEARS").message


def test_since_award_every_year_after_x_must_meet_the_rating():
    # Y − x = 7 ≥ 5, but 2018 (inside x+1..Y) is HTNV: the whole period counts.
    result = _bk_ttg(ratings=ratings(2018, 2024, "HTTNV", y2018="HTNV"), titles=titles("CSTDCS", 2020, 2022, 2024),
                     awards=titles("BK_TINH", 2017))
    assert failed(result) == ["PERIOD_YEARS"]


def test_since_award_x_must_follow_the_last_award_of_the_form():
    history = dict(ratings=ratings(2016, 2024, "HTTNV"), titles=titles("CSTDCS", 2020, 2022, 2024))
    again = _bk_ttg(awards=titles("BK_TINH", 2015) + titles("BK_TTG", 2018), **history)
    assert failed(again) == ["PRIOR_AWARD"]
    assert codes(again)[2:] == ["PRIOR_AWARD"]
    assert "2018" in condition(again, "PRIOR_AWARD").message
    renewed = _bk_ttg(awards=titles("BK_TINH", 2015, 2019) + titles("BK_TTG", 2018), **history)
    assert str(renewed.verdict) == "eligible"


def test_since_award_without_any_prior_award():
    result = _bk_ttg(ratings=ratings(2016, 2024), titles=titles("CSTDCS", *range(2016, 2025)))
    assert failed(result) == ["PRIOR_AWARD"]


def test_since_award_period_needs_counted_years():
    result = _bk_ttg(ratings=ratings(2016, 2024, "HTTNV"), titles=titles("CSTDCS", 2020, 2022, 2024),
                     awards=titles("BK_TINH", 2019), discipline=[discipline("2020-03-01", "2020-09-01")])
    assert failed(result) == ["PERIOD_TITLES", "PERIOD_YEARS"]


def test_bk_ttg_collective():
    base = dict(ratings=ratings(2020, 2024, "HTXSNV", y2021="HTTNV"), titles=titles("TTLDXS", 2021),
                awards=titles("BK_TINH", 2019))
    assert failed(run(case("BK_TTG", 2024, kind="collective", **base))) == ["PERIOD_TITLES"]
    flag = dict(base, titles=titles("TTLDXS", 2021) + titles("CO_TINH", 2023))
    assert failed(run(case("BK_TTG", 2024, kind="collective", **flag))) == []
    two_bk = dict(base, awards=titles("BK_TINH", 2019, 2021, 2023))
    assert failed(run(case("BK_TTG", 2024, kind="collective", **two_bk))) == []
    no_ttldxs = dict(base, titles=titles("CO_TINH", 2023))
    assert failed(run(case("BK_TTG", 2024, kind="collective", **no_ttldxs))) == ["PERIOD_YEARS"]


def test_since_award_choice_trades_period_length_for_title_count():
    # Collective BK_TTG: x=2014 needs 10 good years (2016 is bad); x=2018 works with 2 later BK_TINH.
    result = run(case("BK_TTG", 2024, kind="collective", ratings=ratings(2015, 2024, y2016="HTTNV"),
                      awards=titles("BK_TINH", 2014, 2018, 2020, 2022)))
    assert str(result.verdict) == "eligible"
    assert "2018" in condition(result, "PRIOR_AWARD").message


@pytest.mark.parametrize(
    ("award", "prior", "extra_titles", "htxs_years", "ok"),
    [("HCLD3", "BK_TTG", titles("CSTDCS", 2021, 2022, 2023), [2022], True),
     ("HCLD3", "BK_TTG", titles("CSTDCS", 2021, 2022, 2023), [], False),
     ("HCLD3", "BK_TTG", titles("CSTDCS", 2021, 2022), [2022], False),
     ("HCLD2", "HCLD3", titles("CSTD_TINH", 2023), [2021, 2022], True),
     ("HCLD2", "HCLD3", titles("CSTD_TINH", 2019), [2021, 2022], False),
     ("HCLD1", "HCLD2", titles("CSTD_TINH", 2021, 2024), [2021, 2022, 2023], True),
     ("HCLD1", "HCLD2", titles("CSTD_TINH", 2021, 2024), [2021, 2022], False)],
)
def test_huan_chuong_lao_dong_individual(award, prior, extra_titles, htxs_years, ok):
    rs = ratings(2020, 2025, "HTTNV")
    rs.update({str(y): "HTXSNV" for y in htxs_years})
    result = run(case(award, ratings=rs, titles=extra_titles, awards=titles(prior, 2020)))
    assert failed(result) == ([] if ok else ["PERIOD_TITLES"])


@pytest.mark.parametrize(
    ("flags", "bk_years", "ok"),
    [(titles("CO_CP", 2022), [], True), (titles("CO_TINH", 2021, 2023), [], True),
     (titles("CO_TINH", 2021), [2023], True), ([], [2021, 2023], True), (titles("CO_TINH", 2021), [], False),
     ([], [2023], False), (titles("CO_CP", 2019), [], False)],
)
def test_hcld3_collective_titles(flags, bk_years, ok):
    result = run(case("HCLD3", kind="collective", founded_year=2001, ratings=ratings(2020, 2025),
                      titles=flags, awards=titles("BK_TTG", 2019) + titles("BK_TINH", *bk_years)))
    assert failed(result) == ([] if ok else ["PERIOD_TITLES"])
    assert codes(result)[2:] == ["FOUNDED_YEARS", "PRIOR_AWARD", "PERIOD_YEARS", "PERIOD_TITLES"]


def test_hcld3_collective_founded_years():
    base = dict(kind="collective", ratings=ratings(2020, 2025), titles=titles("CO_CP", 2022),
                awards=titles("BK_TTG", 2019))
    assert failed(run(case("HCLD3", founded_year=2015, **base))) == []
    assert failed(run(case("HCLD3", founded_year=2016, **base))) == ["FOUNDED_YEARS"]


# --- Bases, Giấy khen ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("basis", ["movement", "sudden"])
@pytest.mark.parametrize("award", ["BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1", "GK"])
@pytest.mark.parametrize("kind", ["individual", "collective"])
def test_forms_on_movement_or_sudden_basis_have_gates_and_judgment_only(basis, award, kind):
    result = run(case(award, basis=basis, kind=kind))
    assert codes(result) == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE", "JUDGMENT"]
    assert str(result.verdict) == "eligible"
    assert "Luật TĐKT 2022" in condition(result, "JUDGMENT").legal_ref
    blocked = run(case(award, basis=basis, kind=kind, pending_review=True))
    assert failed(blocked) == ["GATE_PENDING_REVIEW"]


def test_giay_khen_regular_basis_has_gates_and_judgment_only():
    result = run(case("GK"))
    assert codes(result) == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE", "JUDGMENT"]
    assert "Điều 75" in result.conditions[-1].legal_ref


def test_titles_ignore_the_basis():
    assert failed(run(case("LDTT", basis="sudden", ratings={"2025": "HTNV"}))) == ["RATING"]


def test_forms_on_other_bases_are_unsupported_in_2013():
    assert str(run(case("BK_TINH", 2023, "2023-10-01", basis="sudden")).verdict) == "unsupported"


# --- Messages --------------------------------------------------------------------------------------------------


def test_messages_name_the_facts():
    result = run(case("BK_TTG", 2024, "2024-12-10", ratings=ratings(2020, 2024, "HTTNV", y2022="HTNV"),
                      titles=titles("CSTDCS", 2020, 2024), awards=titles("BK_TINH", 2019)))
    assert "2022 (HTNV)" in condition(result, "PERIOD_YEARS").message
    assert "2 lần CSTĐCS (2020, 2024)" in condition(result, "PERIOD_TITLES").message
    assert condition(result, "PRIOR_AWARD").message == "Đã được tặng Bằng khen cấp bộ, ngành, tỉnh năm 2019"
    gate = run(case("LDTT", ratings=ratings(2025, 2025), discipline=[discipline("2025-06-01", None, "canh_cao")]))
    assert condition(gate, "GATE_DISCIPLINE_ACTIVE").message == (
        "Ngày xét 10/12/2025 đang trong thời gian kỷ luật cảnh cáo (từ 01/06/2025 chưa kết thúc)"
    )
