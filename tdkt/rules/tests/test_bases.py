"""Bases beyond regular, movement and sudden (issue 13.2), and the whole catalogue of codes.

Cống hiến: Huân chương Lao động hạng Ba by the tenure table of Nghị định 152/2025/NĐ-CP Điều 21
(Luật 06/2022/QH15 Điều 44 khoản 1 điểm g), women a third less (Điều 4 khoản 7), no award when
disciplined during the tenure (Điều 9). Niên hạn: a sector's Kỷ niệm chương by years in the sector.
Đối ngoại, kháng chiến and the rest: ``unsupported`` with the reason. Expected verdicts are written
out by hand.
"""

import dataclasses
import io
import json
import sys
from datetime import date

import pytest

from tdkt.cli import main
from tdkt.records.domain.codes import CONTRACT_CODES, HONOURS, HonourKind
from tdkt.rules.domain import NATIONAL, REGIME_2024, REGIME_2025, Basis, Kind, check, evaluate
from tdkt.rules.domain.long_service import full_months, months_held
from tdkt.rules.domain.needs import needs_for, trim
from tdkt.rules.domain.parsing import parse_case
from tdkt.rules.domain.types import AWARD_CODES, FORM_CODES, TITLE_CODES, Post

from .builders import case, discipline, ratings

ON = "2025-12-10"


def run_cli(capsys, monkeypatch, cases) -> tuple[int, str, str]:
    data = json.dumps(cases, ensure_ascii=False).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main(["rules", "check", "-"])
    out, err = capsys.readouterr()
    return code, out, err


def one(c: dict) -> dict:
    return check([c])[0]


def codes(result: dict) -> list[str]:
    return [c["code"] for c in result["conditions"]]


def failed(result: dict) -> list[str]:
    return [c["code"] for c in result["conditions"] if c["passed"] is False]


def condition(result: dict, code: str) -> dict:
    [found] = [c for c in result["conditions"] if c["code"] == code]
    return found


def post(level: str, start: str, end: str | None = None) -> dict:
    return {"level": level, "from": start, "to": end}


def tenure_case(posts, *, sex="nam", on_date=ON, **fields) -> dict:
    return case("HCLD3", 2025, on_date, basis="cong_hien", posts=posts, sex=sex, **fields)


def knc_case(service_start, *, sex="nam", on_date=ON, **fields) -> dict:
    subject = {"service_start": service_start, **fields}
    if sex is not None:
        subject["sex"] = sex
    return case("KNC", 2025, on_date, basis="nien_han", **subject)


# --- The catalogue ------------------------------------------------------------------------------


def test_basis_spellings_of_the_contract():
    assert [b.value for b in Basis] == [
        "regular", "movement", "sudden", "cong_hien", "nien_han", "doi_ngoai", "khang_chien",
    ]


def test_engine_knows_exactly_the_catalogue_and_splits_titles_from_forms():
    assert AWARD_CODES == set(HONOURS)
    assert set(TITLE_CODES) == {c for c, (_n, k, _t) in HONOURS.items() if k == HonourKind.TITLE}
    assert set(FORM_CODES) == {c for c, (_n, k, _t) in HONOURS.items() if k == HonourKind.FORM}
    assert not set(TITLE_CODES) & set(FORM_CODES)


def test_regular_rules_exist_only_for_the_contract_codes():
    for version in NATIONAL.versions:
        assert {award for award, _kind in version.rules} <= set(CONTRACT_CODES)


@pytest.mark.parametrize("code", sorted(HONOURS))
def test_every_catalogue_code_is_accepted_as_award_title_and_form(code, capsys, monkeypatch):
    c = case(code, titles=[{"code": code, "year": 2024}], awards=[{"code": code, "year": 2023}])
    status, out, err = run_cli(capsys, monkeypatch, [c])
    assert (status, err) == (0, "")
    [result] = json.loads(out)
    assert result["award"] == code
    if code in ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "GK", "BK_TINH", "BK_TTG", "HCLD3", "HCLD2", "HCLD1"):
        assert result["verdict"] in ("eligible", "ineligible")
    else:  # no individual rule on the regular basis: unsupported, and no reason (as before)
        assert result == {"id": "t", "award": code, "regime": "2025", "verdict": "unsupported", "conditions": []}


def test_a_case_about_the_gold_star_order_is_unsupported_not_an_error(capsys, monkeypatch):
    status, out, _ = run_cli(capsys, monkeypatch, [case("HCSV")])
    assert status == 0
    assert json.loads(out)[0]["verdict"] == "unsupported"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda c: c.update(award="XYZ"), "trường award"),
        (lambda c: c["subject"].update(titles=[{"code": "XYZ", "year": 2024}]), "trường subject.titles[0].code"),
        (lambda c: c["subject"].update(awards=[{"code": "XYZ", "year": 2024}]), "trường subject.awards[0].code"),
        (lambda c: c.update(basis="khen_le"), "trường basis"),
        (lambda c: c["subject"].update(sex="x"), "trường subject.sex"),
        (lambda c: c["subject"].update(service_start="10/12/2005"), "trường subject.service_start"),
        (lambda c: c["subject"].update(posts=[post("truong_phong", "2020-01-01")]), "trường subject.posts[0].level"),
        (lambda c: c["subject"].update(posts=[{"level": "vu_truong"}]), "trường subject.posts[0].from"),
        (lambda c: c["subject"].update(posts=[post("vu_truong", "2020-01-01", "2019-01-01")]),
         "trường subject.posts[0].to"),
    ],
)
def test_unknown_codes_and_bad_new_facts_still_exit_2(mutate, field, capsys, monkeypatch):
    c = case("LDTT", ratings=ratings(2025, 2025), case_id="bad")
    mutate(c)
    status, out, err = run_cli(capsys, monkeypatch, [c])
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert '(id "bad")' in err
    assert field in err


# --- Cống hiến: Huân chương Lao động hạng Ba ----------------------------------------------------


def test_six_years_as_vu_truong_is_enough_for_a_man_one_day_less_is_not():
    ok = one(tenure_case([post("vu_truong", "2019-12-10")]))
    assert ok["verdict"] == "eligible"
    assert codes(ok) == [
        "GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE", "GATE_DISCIPLINE_TENURE", "TENURE_YEARS", "JUDGMENT",
    ]
    tenure = condition(ok, "TENURE_YEARS")
    assert tenure["message"] == (
        "Thời gian giữ chức vụ Vụ trưởng, Giám đốc sở và tương đương trở lên: 6 năm tính đến 10/12/2025; "
        "ngưỡng do tỉnh cấu hình: từ 6 năm đến dưới 10 năm"
    )
    assert tenure["legal_ref"] == "Luật TĐKT 2022, Điều 44 khoản 1 điểm g; Nghị định 152/2025/NĐ-CP, Điều 21"
    assert condition(ok, "GATE_DISCIPLINE_TENURE")["legal_ref"] == (
        "Luật TĐKT 2022, Điều 44 khoản 1 điểm g; Nghị định 152/2025/NĐ-CP, Điều 9"
    )
    short = one(tenure_case([post("vu_truong", "2019-12-11")]))
    assert (short["verdict"], failed(short)) == ("ineligible", ["TENURE_YEARS"])
    assert "5 năm 11 tháng" in condition(short, "TENURE_YEARS")["message"]
    assert condition(short, "TENURE_YEARS")["message"].endswith("; chưa đủ thời gian")


def test_women_serve_a_third_less_four_years_for_six_boundary():
    assert one(tenure_case([post("vu_truong", "2021-12-10")], sex="nu"))["verdict"] == "eligible"
    assert one(tenure_case([post("vu_truong", "2021-12-11")], sex="nu"))["verdict"] == "ineligible"
    assert one(tenure_case([post("vu_truong", "2021-12-10")], sex="nam"))["verdict"] == "ineligible"
    message = condition(one(tenure_case([post("vu_truong", "2021-12-10")], sex="nu")), "TENURE_YEARS")["message"]
    assert message == (
        "Thời gian giữ chức vụ Vụ trưởng, Giám đốc sở và tương đương trở lên: 4 năm tính đến 10/12/2025; "
        "ngưỡng do tỉnh cấu hình: từ 4 năm đến dưới 6 năm 8 tháng (nữ được giảm 1/3 thời gian so với mức "
        "chung từ 6 năm đến dưới 10 năm, Nghị định 152/2025/NĐ-CP, Điều 4 khoản 7)"
    )


def test_women_ten_years_becomes_six_years_eight_months():
    # Phó Vụ trưởng: 10 years, for a woman 80 months.
    assert one(tenure_case([post("pho_vu_truong", "2019-04-10")], sex="nu"))["verdict"] == "eligible"
    assert one(tenure_case([post("pho_vu_truong", "2019-04-11")], sex="nu"))["verdict"] == "ineligible"


def test_without_sex_the_general_threshold_applies_and_says_so():
    result = one(tenure_case([post("vu_truong", "2021-12-10")], sex=None))
    assert result["verdict"] == "ineligible"
    assert "(chưa có giới tính: áp dụng mức chung)" in condition(result, "TENURE_YEARS")["message"]


def test_time_in_a_higher_post_counts_towards_a_lower_one():
    # 5 years 11 months as Vụ trưởng (short of 6) after 6 years as Phó Vụ trưởng: 11 years 11 months
    # at Phó Vụ trưởng or higher, enough for its 10.
    result = one(tenure_case([post("pho_vu_truong", "2014-01-01", "2019-12-31"), post("vu_truong", "2020-01-01")]))
    assert result["verdict"] == "eligible"
    message = condition(result, "TENURE_YEARS")["message"]
    assert message.startswith(
        "Thời gian giữ chức vụ Phó Vụ trưởng, Phó Giám đốc sở và tương đương trở lên: 11 năm 11 tháng"
    )
    # A Thứ trưởng's 3 years meet the Tổng cục trưởng row.
    assert one(tenure_case([post("thu_truong", "2022-12-10", "2025-12-09")]))["verdict"] == "eligible"


def test_a_short_tenure_is_reported_at_the_highest_post_held():
    result = one(tenure_case([post("pho_vu_truong", "2023-01-01", "2023-12-31"), post("vu_truong", "2024-01-01")]))
    assert failed(result) == ["TENURE_YEARS"]
    assert condition(result, "TENURE_YEARS")["message"].startswith(
        "Thời gian giữ chức vụ Vụ trưởng, Giám đốc sở và tương đương trở lên: 1 năm 11 tháng"
    )


def test_no_post_held_fails_and_unknown_posts_are_missing_input(capsys, monkeypatch):
    result = one(tenure_case([]))
    assert failed(result) == ["TENURE_YEARS"]
    assert "Phó Vụ trưởng, Phó Giám đốc sở và tương đương trở lên: không có" in condition(result, "TENURE_YEARS")[
        "message"
    ]
    c = case("HCLD3", 2025, ON, basis="cong_hien", case_id="no-posts")
    status, out, err = run_cli(capsys, monkeypatch, [c])
    assert (status, out) == (2, "")
    assert "trường subject.posts" in err


def test_time_beyond_the_bracket_is_eligible_with_a_note():
    result = one(tenure_case([post("tong_cuc_truong", "2019-12-10")]))
    assert result["verdict"] == "eligible"
    assert condition(result, "TENURE_YEARS")["message"].endswith("; từ 5 năm trở lên thuộc mức xét hạng cao hơn")


def test_discipline_during_the_tenure_bars_the_award():
    result = one(tenure_case([post("vu_truong", "2015-01-01")], discipline=[discipline("2022-03-01", "2023-03-01")]))
    assert (result["verdict"], failed(result)) == ("ineligible", ["GATE_DISCIPLINE_TENURE"])
    assert condition(result, "GATE_DISCIPLINE_TENURE")["message"] == (
        "Bị kỷ luật khiển trách (từ 01/03/2022 đến 01/03/2023) trong thời gian giữ chức vụ Vụ trưởng, Giám đốc sở "
        "và tương đương (từ 01/01/2015 đến nay): không xét khen thưởng quá trình cống hiến"
    )


def test_discipline_outside_the_tenure_does_not():
    before = one(tenure_case([post("vu_truong", "2015-01-01")], discipline=[discipline("2012-03-01", "2013-03-01")]))
    assert before["verdict"] == "eligible"
    between = one(tenure_case(
        [post("pho_vu_truong", "2005-01-01", "2012-12-31"), post("vu_truong", "2014-01-01")],
        discipline=[discipline("2013-02-01", "2013-11-30")],
    ))
    assert between["verdict"] == "eligible"
    assert condition(between, "GATE_DISCIPLINE_TENURE")["passed"] is True


def test_cong_hien_gates_still_apply():
    result = one(tenure_case([post("vu_truong", "2015-01-01")], pending_review=True))
    assert failed(result) == ["GATE_PENDING_REVIEW"]


def test_cong_hien_before_decree_152_is_unsupported_with_the_reason():
    result = one(tenure_case([post("vu_truong", "2015-01-01")], on_date="2025-03-01"))
    assert (result["regime"], result["verdict"], result["conditions"]) == ("2024", "unsupported", [])
    assert result["reason"] == (
        "Khen thưởng quá trình cống hiến: bộ quy tắc chưa có bảng chức vụ, thời gian giữ chức vụ để xét "
        "Huân chương Lao động hạng Ba theo Nghị định 98/2023/NĐ-CP; Hội đồng Thi đua - Khen thưởng xem xét hồ sơ "
        "(Luật TĐKT 2022, Điều 8)"
    )


def test_cong_hien_for_a_form_without_a_table_is_unsupported_with_the_reason():
    result = one(case("HCLD2", basis="cong_hien", posts=[]))
    assert result["verdict"] == "unsupported"
    assert "Huân chương Lao động hạng Nhì theo Nghị định 152/2025/NĐ-CP" in result["reason"]


def test_month_arithmetic():
    assert full_months(date(2019, 12, 10), date(2025, 12, 10)) == 72
    assert full_months(date(2019, 12, 11), date(2025, 12, 10)) == 71
    assert full_months(date(2026, 1, 1), date(2025, 12, 10)) == 0
    # A post's end is its last day; overlapping posts count once; a post after the day is ignored.
    posts = (
        Post("vu_truong", date(2015, 1, 1), date(2019, 12, 31)),
        Post("vu_truong", date(2018, 1, 1), date(2020, 12, 31)),
        Post("vu_truong", date(2026, 1, 1)),
    )
    assert months_held(posts, 0, date(2025, 12, 10)) == 72


# --- Niên hạn: Kỷ niệm chương -------------------------------------------------------------------


def test_knc_twenty_years_for_a_man_boundary():
    ok = one(knc_case("2005-12-10"))
    assert ok["verdict"] == "eligible"
    assert codes(ok) == ["GATE_PENDING_REVIEW", "GATE_DISCIPLINE_ACTIVE", "SERVICE_YEARS", "JUDGMENT"]
    service = condition(ok, "SERVICE_YEARS")
    assert service == {
        "code": "SERVICE_YEARS",
        "passed": True,
        "message": "Công tác trong ngành từ 10/12/2005: 20 năm tính đến 10/12/2025; ngưỡng do tỉnh cấu hình: "
                   "từ 20 năm (nam)",
        "legal_ref": "Luật TĐKT 2022, Điều 71; Nghị định 152/2025/NĐ-CP",
    }
    assert condition(ok, "JUDGMENT")["passed"] is None
    short = one(knc_case("2005-12-11"))
    assert (short["verdict"], failed(short)) == ("ineligible", ["SERVICE_YEARS"])
    assert "19 năm 11 tháng" in condition(short, "SERVICE_YEARS")["message"]


def test_knc_fifteen_years_for_a_woman_boundary():
    assert one(knc_case("2010-12-10", sex="nu"))["verdict"] == "eligible"
    assert one(knc_case("2010-12-11", sex="nu"))["verdict"] == "ineligible"
    assert one(knc_case("2010-12-10", sex="nam"))["verdict"] == "ineligible"


def test_knc_without_sex_uses_the_mens_years():
    result = one(knc_case("2010-12-10", sex=None))
    assert result["verdict"] == "ineligible"
    assert "(chưa có giới tính: áp dụng mức của nam)" in condition(result, "SERVICE_YEARS")["message"]


def test_knc_in_regime_2024_cites_decree_98():
    result = one(knc_case("2005-01-01", on_date="2025-03-01"))
    assert (result["regime"], result["verdict"]) == ("2024", "eligible")
    assert condition(result, "SERVICE_YEARS")["legal_ref"] == "Luật TĐKT 2022, Điều 71; Nghị định 98/2023/NĐ-CP"


def test_knc_without_service_start_is_missing_input(capsys, monkeypatch):
    c = case("KNC", 2025, ON, basis="nien_han", sex="nam", case_id="k")
    status, out, err = run_cli(capsys, monkeypatch, [c])
    assert (status, out) == (2, "")
    assert "trường subject.service_start" in err


def test_knc_years_are_configurable_by_a_province():
    local = REGIME_2025.derive(
        key="QT-2026", name="Quảng Trị", jurisdiction="QT", effective_from=date(2026, 1, 1),
        note="Quyết định 1/2026/QĐ-UBND",
        params={("KNC", Kind.INDIVIDUAL, Basis.NIEN_HAN): {"years_men": 25}},
    )
    book = NATIONAL.with_versions(local)
    c = knc_case("2005-01-01", on_date="2026-03-01")
    assert evaluate(c).verdict == "eligible"
    strict = evaluate(c, rulebook=book, jurisdiction="QT")
    assert strict.verdict == "ineligible"
    [service] = [x for x in strict.conditions if x.code == "SERVICE_YEARS"]
    assert "từ 25 năm (nam)" in service.message
    assert service.legal_ref.endswith("; Quyết định 1/2026/QĐ-UBND")


def test_knc_on_other_bases_is_not_a_niên_hạn_rule():
    regular = one(knc_case("2000-01-01") | {"basis": "regular"})
    assert regular == {"id": "t", "award": "KNC", "regime": "2025", "verdict": "unsupported", "conditions": []}
    assert "Kỷ niệm chương" in one(knc_case("2000-01-01") | {"basis": "cong_hien"})["reason"]


def test_nien_han_of_the_armed_forces_is_unsupported_with_the_reason():
    result = one(case("HUYC_CSVV1", basis="nien_han", service_start="1990-01-01"))
    assert (result["verdict"], result["conditions"]) == ("unsupported", [])
    assert result["reason"] == (
        "Khen thưởng theo niên hạn là khen thưởng thời gian phục vụ trong Quân đội nhân dân, Công an nhân dân, "
        "do Bộ Quốc phòng, Bộ Công an xét theo quy định riêng; bộ quy tắc chỉ có niên hạn của Kỷ niệm chương, "
        "không có cho Huy chương Chiến sĩ vẻ vang hạng Nhất; Hội đồng Thi đua - Khen thưởng xem xét hồ sơ "
        "(Luật TĐKT 2022, Điều 8)"
    )


# --- Đối ngoại, kháng chiến ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("award", "kind"), [("HCHN", "individual"), ("BK_TTG", "collective"), ("HUYC_HN", "individual")]
)
def test_doi_ngoai_is_unsupported_with_the_article(award, kind):
    result = one(case(award, basis="doi_ngoai", kind=kind))
    assert list(result) == ["id", "award", "regime", "verdict", "conditions", "reason"]
    assert (result["verdict"], result["conditions"]) == ("unsupported", [])
    assert result["reason"].startswith("Khen thưởng đối ngoại (")
    assert result["reason"].endswith("(Luật TĐKT 2022, Điều 8; Điều 85 điểm d: thủ tục đơn giản)")


def test_khang_chien_is_unsupported_with_the_article():
    result = one(case("HCDL1", basis="khang_chien"))
    assert result["reason"] == (
        "Khen thưởng thành tích kháng chiến (Huân chương Độc lập hạng Nhất): xét theo hồ sơ quá trình tham gia "
        "kháng chiến, không có tiêu chuẩn định lượng để tự xét; cấp có thẩm quyền xem xét (Luật TĐKT 2022, "
        "Điều 8; Nghị định 152/2025/NĐ-CP; Thông tư 02/2023/TT-BNV, Biểu 0603)"
    )


def test_titles_ignore_the_new_bases_too():
    regular = one(case("LDTT", ratings={"2025": "HTNV"}))
    for basis in ("cong_hien", "nien_han", "doi_ngoai", "khang_chien"):
        assert one(case("LDTT", ratings={"2025": "HTNV"}, basis=basis)) == regular


def test_the_old_bases_and_regime_2013_give_no_reason():
    assert "reason" not in one(case("BK_TINH", 2023, "2023-10-01", basis="sudden"))
    assert "reason" not in one(case("BK_TINH", 2023, "2023-10-01", basis="doi_ngoai"))
    assert "reason" not in one(case("HCSV", basis="movement"))


def test_only_forms_take_reasons():
    assert REGIME_2024.reason_for("DVTT", Kind.COLLECTIVE, Basis.DOI_NGOAI) is None
    assert REGIME_2025.reason_for("GK", Kind.INDIVIDUAL, Basis.REGULAR) is None
    assert REGIME_2025.reason_for("KNC", Kind.INDIVIDUAL, Basis.NIEN_HAN) is None  # it has a rule
    assert REGIME_2025.reason_for("HCLD3", Kind.INDIVIDUAL, Basis.CONG_HIEN) is None
    assert REGIME_2024.reason_for("HCLD3", Kind.INDIVIDUAL, Basis.CONG_HIEN) is not None
    reason = REGIME_2025.reason_for("GK", Kind.INDIVIDUAL, Basis.DOI_NGOAI)
    assert reason.startswith("Khen thưởng đối ngoại (Giấy khen)")


@pytest.mark.parametrize(
    "c",
    [
        tenure_case([post("vu_truong", "2019-12-10")], ratings=ratings(2015, 2025),
                    titles=[{"code": "CSTDCS", "year": 2024}], discipline=[discipline("2012-03-01", "2013-03-01")]),
        tenure_case([post("vu_truong", "2019-12-10")], sex="nu", discipline=[discipline("2022-03-01", None)]),
        knc_case("2005-12-10", ratings=ratings(2015, 2025), awards=[{"code": "BK_TINH", "year": 2020}]),
        knc_case("2010-12-10", sex="nu"),
    ],
)
def test_what_the_adapter_loads_for_the_new_bases_is_enough(c):
    """The adapter loads only ``needs_for(award, kind, basis)`` (plus the person facts): trimming a
    subject to it never changes the result."""
    parsed = parse_case(c)
    trimmed = trim(parsed.subject, needs_for(parsed.award, parsed.subject.kind, parsed.basis), parsed.year)
    assert (trimmed.ratings, trimmed.titles, trimmed.awards) == ({}, (), ())
    assert evaluate(parsed) == evaluate(dataclasses.replace(parsed, subject=trimmed))
