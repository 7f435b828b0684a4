"""The award fund (issue 13.6): its arithmetic, setting the allocation (who may), the balance after
decisions and after a revocation, the guard of issuing against overdrawing it (service and API),
and scoping (another organisation's officer neither sees nor sets the fund).

Money of the fixtures' decision (GK_STC of Sở Tài chính, dated 20/08/2025, base salary 2.340.000):
two individuals at 0,3 × 2.340.000 = 702.000, rounded up to 710.000 each, and one collective at
0,6 × 2.340.000 = 1.404.000, rounded up to 1.410.000: 2.830.000 đồng in all."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import VIETNAMESE, Api, make_user
from tdkt.audit.models import AuditEvent
from tdkt.awards.domain.fund import Drawing, fund_balance
from tdkt.awards.domain.money import reward_amount
from tdkt.awards.models import AwardFund, Decision
from tdkt.awards.selectors_fund import fund_get, fund_list, fund_state
from tdkt.awards.services.decisions import decision_revoke
from tdkt.awards.services.fund import fund_set

from .test_documents import awaiting_dossier, issue

DECISION_MONEY = 2_830_000  # 710.000 + 710.000 + 1.410.000


@pytest.fixture(autouse=True)
def fake_documents(monkeypatch):
    """The DOCX and PDF are tested in test_documents; here issuing only needs some bytes."""
    import tdkt.awards.documents as documents

    monkeypatch.setattr(documents, "decision_files", lambda decision: (b"PK-docx", b"%PDF-1.4 fake"))


def _fund(a, allocation, *, year=2025, org="FIN"):
    return fund_set(actor=a.world.users["standing_office"], issuer=a.world.orgs[org], year=year,
                    allocation=allocation)


# The arithmetic ----------------------------------------------------------------------------------


def test_balance_counts_revoked_decisions_as_given_back():
    # A Bằng khen of the province's chairman, individual: 1,5 × 2.340.000 = 3.510.000 (a multiple of 10.000).
    bang_khen = reward_amount(Decimal("1.5"), datetime.date(2025, 3, 1))
    assert bang_khen == 3_510_000
    state = fund_balance(10_000_000, [Drawing(bang_khen, False), Drawing(2_830_000, True), Drawing(710_000, False)])
    assert state.drawn == 7_050_000
    assert state.returned == 2_830_000
    assert state.balance == 10_000_000 - 3_510_000 - 710_000 == 5_780_000
    assert not state.overdrawn
    assert state.after(5_780_000) == 0
    assert not state.would_overdraw(5_780_000)  # spending it down to 0 is not overdrawing it
    assert state.would_overdraw(5_790_000)
    assert fund_balance(1_000_000, [Drawing(3_510_000, False)]).balance == -2_510_000
    with pytest.raises(ValueError, match="không được âm"):
        fund_balance(1_000_000, [Drawing(-1, False)])


def test_decision_money_is_that_of_its_awardees(awards):
    assert reward_amount(Decimal("0.3"), datetime.date(2025, 8, 20)) == 710_000
    assert reward_amount(Decimal("0.6"), datetime.date(2025, 8, 20)) == 1_410_000
    decision = issue(awards, awaiting_dossier(awards))
    assert sorted(decision.awardees.values_list("amount", flat=True)) == [710_000, 710_000, 1_410_000]


# Setting the allocation --------------------------------------------------------------------------


def test_standing_office_sets_and_changes_the_allocation(awards):
    office, fin = awards.world.users["standing_office"], awards.world.orgs["FIN"]
    fund = fund_set(actor=office, issuer=fin, year=2025, allocation=5_000_000, note="Theo dự toán 2025")
    again = fund_set(actor=office, issuer=fin, year=2025, allocation=6_000_000)
    assert again.pk == fund.pk
    assert AwardFund.objects.get().allocation == 6_000_000
    events = list(AuditEvent.objects.filter(target_type="awards.awardfund").order_by("pk"))
    assert [e.before for e in events] == [None, {"allocation": 5_000_000, "note": "Theo dự toán 2025"}]
    assert events[1].after == {"year": 2025, "allocation": 6_000_000, "note": ""}
    assert events[1].organization_id == fin.pk
    admin = awards.world.users["admin"]
    assert fund_set(actor=admin, issuer=fin, year=2026, allocation=1).allocation == 1


@pytest.mark.parametrize("role", ["unit_officer", "unit_leader", "council_member", "approver", "viewer", "nobody"])
def test_only_the_standing_office_or_the_admin_sets_it(awards, role):
    with pytest.raises(PermissionDenied):
        fund_set(actor=awards.world.users[role], issuer=awards.world.orgs["FIN"], year=2025, allocation=5_000_000)
    assert not AwardFund.objects.exists()


@pytest.mark.parametrize(("allocation", "field"), [(0, "allocation"), (-5, "allocation"), (True, "allocation"),
                                                   (10**16, "allocation")])
def test_the_allocation_is_a_positive_whole_number(awards, allocation, field):
    with pytest.raises(ValidationError) as refused:
        _fund(awards, allocation)
    assert field in refused.value.message_dict
    assert VIETNAMESE.search(refused.value.message_dict[field][0])


# Decisions drawing from it -----------------------------------------------------------------------


def test_balance_after_decisions_overdraw_and_revocation(awards):
    _fund(awards, 5_000_000)
    first = issue(awards, awaiting_dossier(awards))
    fund, state = fund_state(awards.world.orgs["FIN"], 2025)
    assert (state.drawn, state.returned, state.balance) == (2_830_000, 0, 2_170_000)  # 5.000.000 − 2.830.000

    # The second decision (2.830.000) would leave 2.170.000 − 2.830.000 = −660.000: refused unless confirmed.
    second_dossier = awaiting_dossier(awards)
    with pytest.raises(ValidationError) as refused:
        issue(awards, second_dossier)
    error = refused.value.error_dict["overdraw_confirmed"][0]
    assert error.code == "confirm_overdraw"
    assert "2.830.000 đồng" in error.message
    assert "2.170.000 đồng" in error.message
    assert "-660.000 đồng" in error.message
    assert "Sở Tài chính" in error.message
    assert Decision.objects.count() == 1

    second = issue(awards, second_dossier, overdraw_confirmed=True)
    fund, state = fund_state(awards.world.orgs["FIN"], 2025)
    assert (state.drawn, state.returned, state.balance) == (5_660_000, 0, -660_000)
    assert state.overdrawn
    event = AuditEvent.objects.filter(target_id=str(second.pk), target_type="awards.decision").get()
    assert event.after["amount"] == DECISION_MONEY
    assert event.after["fund"] == {"fund_id": fund.pk, "balance_before": 2_170_000, "amount": 2_830_000,
                                   "balance_after": -660_000, "overdraw": True, "overdraw_confirmed": True}
    first_event = AuditEvent.objects.filter(target_id=str(first.pk), target_type="awards.decision").get()
    assert first_event.after["fund"]["overdraw"] is False
    assert first_event.after["fund"]["overdraw_confirmed"] is False

    # Revoking the first gives its 2.830.000 back: 5.000.000 − 2.830.000 = 2.170.000 again.
    decision_revoke(actor=awards.world.users["approver"], decision=first, reason="Kê khai thành tích không đúng")
    fund, state = fund_state(awards.world.orgs["FIN"], 2025)
    assert (state.drawn, state.returned, state.balance) == (5_660_000, 2_830_000, 2_170_000)


def test_exactly_spending_the_fund_needs_no_confirmation(awards):
    _fund(awards, DECISION_MONEY)
    issue(awards, awaiting_dossier(awards))
    assert fund_state(awards.world.orgs["FIN"], 2025)[1].balance == 0


def test_no_fund_for_the_issuer_and_year_no_check(awards):
    _fund(awards, 1, year=2024)  # another year's fund does not count
    _fund(awards, 1, org="P")  # nor another issuer's
    decision = issue(awards, awaiting_dossier(awards))
    assert decision.year == 2025
    event = AuditEvent.objects.filter(target_id=str(decision.pk), target_type="awards.decision").get()
    assert event.after["fund"] is None
    assert fund_state(awards.world.orgs["FIN"], 2025) is None


# Scope -------------------------------------------------------------------------------------------


def test_funds_are_seen_by_the_issuers_office_only(awards):
    fin_fund = _fund(awards, 5_000_000)
    users = awards.world.users
    for role in ("standing_office", "council_member", "approver", "admin"):
        assert list(fund_list(users[role])) == [fin_fund], role
    # The officers of Sở Tài chính itself prepare dossiers; they do not keep its fund.
    for role in ("unit_officer", "unit_leader", "viewer", "nobody"):
        assert not fund_list(users[role]).exists(), role
    other_office = make_user("thuongtruc_q", "standing_office", awards.world.orgs["Q"])
    assert not fund_list(other_office).exists()
    with pytest.raises(PermissionDenied):
        fund_set(actor=other_office, issuer=awards.world.orgs["FIN"], year=2025, allocation=1_000_000)
    from django.http import Http404

    with pytest.raises(Http404):
        fund_get(users["unit_officer"], fin_fund.pk)


# The API -----------------------------------------------------------------------------------------

ISSUE_BODY = {
    "date": "2025-08-20", "symbol": "QĐ-STC", "subject": "Về việc tặng Giấy khen", "signer_name": "Hoàng Nam Tiến",
    "signer_title": "GIÁM ĐỐC", "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;",
}


def test_api_sets_lists_and_reports_the_fund(client, awards):
    office = Api(client, awards.world.users["standing_office"])
    fin, p = awards.world.orgs["FIN"], awards.world.orgs["P"]
    body = {"issuer_id": fin.pk, "year": 2025, "allocation": 5_000_000, "note": "Dự toán"}
    response = office.put("/awards/funds", body)
    assert response.status_code == 200, response.content
    fund = response.json()
    assert (fund["allocation"], fund["drawn"], fund["balance"], fund["decisions"]) == (5_000_000, 0, 5_000_000, [])
    assert office.put("/awards/funds", {**body, "allocation": 4_000_000}).json()["id"] == fund["id"]
    office.put("/awards/funds", {"issuer_id": p.pk, "year": 2024, "allocation": 9_000_000})
    # Text, a fraction or true is not money; nor zero.
    for wrong in ("5.000.000", 5_000_000.5, True, 0):
        answer = office.put("/awards/funds", {**body, "allocation": wrong})
        assert answer.status_code == 422, (wrong, answer.content)
    assert AwardFund.objects.get(issuer=fin).allocation == 4_000_000

    decision = issue(awards, awaiting_dossier(awards))
    revoked = decision_revoke(actor=awards.world.users["approver"], decision=decision, reason="Sai đối tượng",
                              on=datetime.date(2025, 9, 1))
    assert revoked.revoked_on == datetime.date(2025, 9, 1)
    issue(awards, awaiting_dossier(awards))
    listed = office.get("/awards/funds", year=2025).json()
    assert listed["count"] == 1
    assert listed["items"][0] == {
        "id": fund["id"], "issuer": {"id": fin.pk, "name": "Sở Tài chính"}, "year": 2025, "allocation": 4_000_000,
        "drawn": 5_660_000, "returned": 2_830_000, "balance": 1_170_000, "note": "Dự toán",
    }  # 4.000.000 − (5.660.000 − 2.830.000)
    assert office.get("/awards/funds", issuer_id=p.pk).json()["items"][0]["year"] == 2024
    detail = office.get(f"/awards/funds/{fund['id']}").json()
    assert [(d["reference"], d["awardees"], d["money"], d["revoked_on"]) for d in detail["decisions"]] == [
        ("1/QĐ-STC", 3, 2_830_000, "2025-09-01"),
        ("2/QĐ-STC", 3, 2_830_000, None),
    ]


def test_api_scoping(client, awards):
    fund = _fund(awards, 5_000_000)
    officer = Api(client, awards.world.users["unit_officer"])
    assert officer.get("/awards/funds").json()["count"] == 0
    assert officer.get(f"/awards/funds/{fund.pk}").status_code == 404
    answer = officer.put("/awards/funds", {"issuer_id": awards.world.orgs["FIN"].pk, "year": 2025,
                                           "allocation": 1})
    assert answer.status_code == 403  # the officer sees Sở Tài chính, but does not keep its fund
    assert VIETNAMESE.search(answer.json()["detail"])
    other = Api(client, make_user("thuongtruc_q", "standing_office", awards.world.orgs["Q"]))
    assert other.get("/awards/funds").json()["count"] == 0
    assert other.get(f"/awards/funds/{fund.pk}").status_code == 404
    answer = other.put("/awards/funds", {"issuer_id": awards.world.orgs["FIN"].pk, "year": 2025, "allocation": 1})
    assert answer.status_code == 404  # another province's office does not even see Sở Tài chính
    assert AwardFund.objects.get().allocation == 5_000_000


def test_api_issue_refuses_an_overdraw_until_confirmed(client, awards):
    _fund(awards, 2_000_000)
    dossier = awaiting_dossier(awards)
    approver = Api(client, awards.world.users["approver"])
    url = f"/awards/dossiers/{dossier.pk}/decisions"
    body = {**ISSUE_BODY, "issuer_id": awards.world.orgs["FIN"].pk}
    refused = approver.post(url, body)
    assert refused.status_code == 400, refused.content
    message = refused.json()["errors"]["confirm_overdraw"][0]
    assert "2.830.000 đồng" in message
    assert "2.000.000 đồng" in message
    assert "2.000.000 đồng" in refused.json()["detail"]
    assert not Decision.objects.exists()
    assert approver.post(url, {**body, "confirm_overdraw": "yes"}).status_code == 422  # a JSON true only
    issued = approver.post(url, {**body, "confirm_overdraw": True})
    assert issued.status_code == 201, issued.content
    event = AuditEvent.objects.filter(target_type="awards.decision", target_id=str(issued.json()["id"])).get()
    assert event.after["fund"]["overdraw_confirmed"] is True
    assert event.after["fund"]["balance_after"] == -830_000  # 2.000.000 − 2.830.000
