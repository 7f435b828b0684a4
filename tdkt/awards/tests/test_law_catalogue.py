"""The law's catalogue (issue 13.1): every title and form of Luật TĐKT 2022 in its version until
30/06/2025 (Nghị định 98/2023) and from 01/07/2025 (Nghị định 152/2025, the two-tier reform), who
decides each before and after, a province's catalogue completed from it (idempotent, admin only,
the province's own forms carried into 2025), the page and the API. The expected deciders are
written out here from LAW.md, not read from the module under test."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import Api
from tdkt.awards.domain.law_catalogue import BY_CODE, LAW_FORMS, decider_on, law_forms_on
from tdkt.awards.models import AwardForm
from tdkt.awards.services.catalogue import form_create
from tdkt.awards.services.law_catalogue import catalogue_install_law
from tdkt.records.domain.codes import HONOURS

D = datetime.date
BEFORE, AFTER = D(2025, 6, 30), D(2025, 7, 1)
PRESIDENT, PM, GOV = "Chủ tịch nước", "Thủ tướng Chính phủ", "Chính phủ"
PROVINCE = "Chủ tịch Ủy ban nhân dân tỉnh"
DISTRICT, COMMUNE = "Chủ tịch Ủy ban nhân dân cấp huyện", "Chủ tịch Ủy ban nhân dân cấp xã"
HEAD = "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân"
ORDERS = ["HCSV", "HCHCM", "HCDL1", "HCDL2", "HCDL3", "HCQC1", "HCQC2", "HCQC3", "HCLD1", "HCLD2", "HCLD3",
          "HCBVTQ1", "HCBVTQ2", "HCBVTQ3", "HCCC1", "HCCC2", "HCCC3", "HCDDK", "HCDC", "HCHN"]
MEDALS = ["HUYC_QKQT", "HUYC_VANTQ", "HUYC_CSVV1", "HUYC_CSVV2", "HUYC_CSVV3", "HUYC_HN"]

# code: (first decider until 30/06/2025, first decider from 01/07/2025)
FIRST_DECIDER = {
    "LDTT": (HEAD, HEAD), "CSTDCS": (HEAD, HEAD), "TTLDTT": (HEAD, HEAD),
    "CSTD_TINH": (PROVINCE, PROVINCE), "TTLDXS": (PROVINCE, PROVINCE), "CO_TINH": (PROVINCE, PROVINCE),
    "XA_TB": (PROVINCE, PROVINCE), "BK_TINH": (PROVINCE, PROVINCE),
    "CSTD_TQ": (PM, PM), "BK_TTG": (PM, PM), "CO_CP": (GOV, PM),
    "THON_VH": (DISTRICT, COMMUNE), "GDVH": (COMMUNE, COMMUNE),
    "AHLD": (PRESIDENT, PRESIDENT), "AHLLVT": (PRESIDENT, PRESIDENT),
    **{code: (PRESIDENT, PRESIDENT) for code in ORDERS + MEDALS},
}
# The reform's moves (Nghị định 129/2025, Điều 59): the district chair's powers go to the commune chair;
# CSTĐCS was not the commune chair's before (Luật, Điều 80 khoản 3) and is from 01/07/2025.
DISTRICT_TO_COMMUNE = ["LDTT", "CSTDCS", "TTLDTT", "THON_VH", "GK"]


def test_the_catalogue_covers_every_code_of_the_records_and_of_the_law():
    codes = {form.code for form in LAW_FORMS}
    assert len(codes) == len(LAW_FORMS)
    assert {form.record_code for form in LAW_FORMS} == set(HONOURS)
    for code in ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "XA_TB",
                 "THON_VH", "GDVH", "GK", "BK_TINH", "BK_TTG", "KNC", *ORDERS, *MEDALS]:
        assert code in codes, code


@pytest.mark.parametrize("code", sorted(FIRST_DECIDER))
def test_each_forms_decider_before_and_after_the_reform(code):
    before, after = FIRST_DECIDER[code]
    assert decider_on(code, BEFORE) == before
    assert decider_on(code, AFTER) == after


def test_the_two_tier_reform_moves_the_district_chairs_powers_to_the_commune_chair():
    for code in DISTRICT_TO_COMMUNE:
        before, after = BY_CODE[code].on(BEFORE).deciders, BY_CODE[code].on(AFTER).deciders
        assert DISTRICT in before, code
        assert DISTRICT not in after, code
        assert COMMUNE in after, code
    assert COMMUNE not in BY_CODE["CSTDCS"].on(BEFORE).deciders
    assert COMMUNE in BY_CODE["LDTT"].on(BEFORE).deciders  # the commune chair always decided LĐTT (Điều 80.3)
    for law in LAW_FORMS:  # no version from 01/07/2025 names the district level
        assert all("cấp huyện" not in d for d in law.on(AFTER).deciders), law.code
    assert BY_CODE["XA_TB"].on(BEFORE).name == "Danh hiệu Xã, phường, thị trấn tiêu biểu"
    assert BY_CODE["XA_TB"].on(AFTER).name == "Danh hiệu Xã, phường, đặc khu tiêu biểu"


def test_versions_follow_each_other_and_cite_the_decree_of_their_time():
    for law in LAW_FORMS:
        first, second = law.versions
        assert (first.effective_from, first.effective_to) == (D(2024, 1, 1), BEFORE)
        assert (second.effective_from, second.effective_to) == (AFTER, None)
        assert "98/2023" in first.legal_ref, law.code
        assert "152/2025" not in first.legal_ref, law.code
        assert "152/2025" in second.legal_ref, law.code
        assert "98/2023" not in second.legal_ref, law.code
        assert law.on(D(2023, 12, 31)) is None
    assert len(law_forms_on(D(2023, 6, 1))) == 0
    assert len(law_forms_on(AFTER)) == len(LAW_FORMS)


def test_ballots_notices_and_money_as_the_law_sets_them():
    on = AFTER
    assert (BY_CODE["CSTD_TINH"].on(on).needs_ballot, BY_CODE["CSTD_TINH"].on(on).ballot_threshold) == (True, 90)
    assert (BY_CODE["CSTD_TQ"].on(on).needs_ballot, BY_CODE["CSTD_TQ"].on(on).ballot_threshold) == (True, 90)
    for code in ["CSTDCS", "CO_TINH", "CO_CP"]:
        assert (BY_CODE[code].on(on).needs_ballot, BY_CODE[code].on(on).ballot_threshold) == (True, 80), code
    assert not BY_CODE["LDTT"].on(on).needs_ballot
    assert not BY_CODE["BK_TINH"].on(on).needs_ballot
    assert all(BY_CODE[code].on(on).needs_notice for code in ORDERS)
    money = {code: (BY_CODE[code].on(on).coefficient_individual, BY_CODE[code].on(on).coefficient_collective)
             for code in ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "GK",
                          "BK_TINH", "BK_TTG", "HCLD3"]}
    assert money == {
        "LDTT": (Decimal("0.3"), 0), "CSTDCS": (1, 0), "CSTD_TINH": (3, 0), "CSTD_TQ": (Decimal("4.5"), 0),
        "TTLDTT": (0, Decimal("0.8")), "TTLDXS": (0, Decimal("1.5")), "CO_TINH": (0, 8), "CO_CP": (0, 12),
        "GK": (Decimal("0.3"), Decimal("0.6")), "BK_TINH": (Decimal("1.5"), 3), "BK_TTG": (Decimal("3.5"), 7),
        "HCLD3": (Decimal("4.5"), 9),
    }
    assert "household" in BY_CODE["GDVH"].targets
    assert BY_CODE["GDVH"].targets == {"household"}


@pytest.mark.django_db
def test_a_province_catalogue_is_completed_once_and_its_own_forms_carried_into_2025(world):
    admin, province = world.users["admin"], world.orgs["P"]
    own = form_create(actor=admin, code="GK_SNV", effective_from=D(2024, 1, 1), issuer=world.orgs["HOME"],
                      name="Giấy khen của Giám đốc Sở Nội vụ", certificate_title="GIẤY KHEN", record_code="GK",
                      level="department", decider_title="GIÁM ĐỐC SỞ NỘI VỤ", for_individual=True,
                      for_collective=True, notice_working_days=10, copies=2, ballot_threshold=Decimal(80),
                      legal_ref="Luật TĐKT 2022, Điều 75; Nghị định 98/2023, Điều 55")
    with pytest.raises(PermissionDenied):
        catalogue_install_law(actor=world.users["standing_office"], province=province)
    counts = catalogue_install_law(actor=admin, province=province)
    assert counts == {"added": 2 * len(LAW_FORMS), "carried": 1}
    assert catalogue_install_law(actor=admin, province=province) == {"added": 0, "carried": 0}
    assert AwardForm.objects.filter(code="CO_TINH", issuer=province).count() == 2
    assert AwardForm.objects.get(code="LDTT", effective_from=AFTER).issuer is None
    co_cp = {f.effective_from: f for f in AwardForm.objects.filter(code="CO_CP")}
    assert co_cp[D(2024, 1, 1)].decider_title == "CHÍNH PHỦ"
    assert co_cp[D(2024, 1, 1)].effective_to == BEFORE
    assert co_cp[AFTER].decider_title == "THỦ TƯỚNG CHÍNH PHỦ"
    own.refresh_from_db()
    assert own.effective_to == BEFORE
    carried = AwardForm.objects.get(code="GK_SNV", effective_from=AFTER)
    assert carried.legal_ref == "Luật TĐKT 2022, Điều 75; Nghị định 152/2025/NĐ-CP"
    assert (carried.issuer, carried.decider_title) == (world.orgs["HOME"], "GIÁM ĐỐC SỞ NỘI VỤ")
    # A second province in the same database gets its own provincial rows, shares the rest.
    other = catalogue_install_law(actor=admin, province=world.orgs["Q"], suffix="_Q")
    assert AwardForm.objects.filter(code="CO_TINH_Q", issuer=world.orgs["Q"]).count() == 2
    assert other["added"] == 2 * len([f for f in LAW_FORMS if f.on(AFTER).level == "province"])


@pytest.mark.django_db
def test_the_api_lists_the_law_and_the_catalogue_on_a_date(world, client):
    catalogue_install_law(actor=world.users["admin"], province=world.orgs["P"])
    api = Api(client, world.users["unit_officer"])
    law = api.get("/awards/law-forms", on="2025-06-30").json()
    assert {row["code"] for row in law} == {form.code for form in LAW_FORMS}
    by_code = {row["code"]: row for row in law}
    assert by_code["CSTDCS"]["deciders"] == [HEAD, DISTRICT, "Chủ tịch Hội đồng quản trị, Hội đồng thành viên, "
                                             "Tổng giám đốc, Giám đốc doanh nghiệp, hợp tác xã"]
    after = {row["code"]: row for row in api.get("/awards/law-forms", on="2025-07-01").json()}
    assert COMMUNE in after["CSTDCS"]["deciders"]
    assert DISTRICT not in after["CSTDCS"]["deciders"]
    assert len(api.get("/awards/law-forms", all="true").json()) == 2 * len(LAW_FORMS)
    assert api.get("/awards/law-forms", on="30/06/2025").status_code == 422
    before = {f["code"]: f for f in api.get("/awards/forms", on="2025-06-30").json()}
    after = {f["code"]: f for f in api.get("/awards/forms", on="2025-07-01").json()}
    assert (before["CO_CP"]["decider_title"], after["CO_CP"]["decider_title"]) == ("CHÍNH PHỦ", "THỦ TƯỚNG CHÍNH PHỦ")
    assert before["CO_CP"]["effective_to"] == "2025-06-30"
    assert after["CO_CP"]["effective_from"] == "2025-07-01"
    assert before["THON_VH"]["deciders"] == ["CHỦ TỊCH ỦY BAN NHÂN DÂN CẤP HUYỆN"]
    assert after["THON_VH"]["deciders"] == ["CHỦ TỊCH ỦY BAN NHÂN DÂN CẤP XÃ"]
    assert "HCDL1" in after
    assert after["HCDL1"]["needs_notice"] is True


@pytest.mark.django_db
def test_the_law_page_shows_the_reform_and_only_the_admin_completes_the_catalogue(world, client):
    client.force_login(world.users["unit_officer"])
    page = client.get(reverse("awards:law_catalogue"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Huân chương Độc lập hạng Nhất" in text
    assert "Xã, phường, đặc khu tiêu biểu" in text
    assert 'id="law-install"' not in text
    assert client.post(reverse("awards:law_catalogue_install"), {"province": world.orgs["P"].pk}).status_code == 403
    assert not AwardForm.objects.exists()
    assert reverse("awards:law_catalogue") in client.get(reverse("awards:catalogue")).content.decode()
    client.force_login(world.users["admin"])
    assert 'id="law-install"' in client.get(reverse("awards:law_catalogue")).content.decode()
    response = client.post(reverse("awards:law_catalogue_install"), {"province": world.orgs["P"].pk})
    assert response.status_code == 302
    assert AwardForm.objects.filter(code="HCSV").count() == 2
