"""The eligibility API: a subject's verdicts in the contract's result shape, the candidates of an
organisation scoped exactly as the page (never a row out of scope, a foreign organisation is
404), and proposal marks whose verdict the server computes.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Q ⊃ Q-CA apart.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import COVERS, ORGS, PEOPLE, PERSON_ORG, ROLES, VIETNAMESE, Api, make_person
from tdkt.accounts.models import RoleGrant, User
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.models import Organization
from tdkt.records import services as records
from tdkt.rules.models import ProposalMark, QuotaRule

YEAR = timezone.localdate().year - 1
MANAGES_RECORDS = {"admin", "standing_office", "unit_officer", "unit_leader"}
MISSING_ID = 987654321
RESULT_KEYS = {"award", "name", "year", "on_date", "regime", "verdict", "conditions"}
CONDITION_KEYS = {"code", "passed", "message", "legal_ref"}


def api(client, world, role) -> Api:
    return Api(client, world.users[role])


def refused(response, status, *secrets) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str), body
    assert VIETNAMESE.search(body["detail"]), body
    for secret in secrets:
        assert secret not in response.content.decode()
    return body


@pytest.fixture
def rated(world):
    """fin and home eligible for CSTĐCS in YEAR (rated HTXSNV); fin-ns only HTNV (not eligible)."""
    admin = world.users["admin"]
    records.rating_set(actor=admin, person=world.people["fin"], year=YEAR, rating="HTXSNV")
    records.rating_set(actor=admin, person=world.people["fin-ns"], year=YEAR, rating="HTNV")
    records.rating_set(actor=admin, person=world.people["home"], year=YEAR, rating="HTXSNV")
    records.rating_set(actor=admin, person=world.people["q"], year=YEAR, rating="HTXSNV")
    return world


def _by_award(results) -> dict:
    return {r["award"]: r for r in results}


# One subject -------------------------------------------------------------------------------------


def test_rating_and_initiative_make_cstdcs_eligible_through_the_api(client, world):
    """The story of issue 3, through the API only: a HTTNV rating and a sáng kiến cấp cơ sở for the
    year turn CSTĐCS from ineligible to eligible, with the reasons."""
    officer, person = api(client, world, "unit_officer"), world.people["fin"]
    url = f"/people/{person.pk}/eligibility"
    before = officer.get(url, year=YEAR, award="CSTDCS")
    assert before.status_code == 200
    [result] = before.json()
    assert result["verdict"] == "ineligible"
    assert {c["code"] for c in result["conditions"] if c["passed"] is False} >= {"LDTT_STANDARD"}

    assert officer.post(f"/people/{person.pk}/ratings", {"year": YEAR, "rating": "HTTNV"}).status_code == 200
    still = _by_award(officer.get(url, year=YEAR).json())["CSTDCS"]
    assert still["verdict"] == "ineligible"  # HTTNV alone: no CSTĐCS achievement yet
    assert [c["code"] for c in still["conditions"] if c["passed"] is False] == ["CSTDCS_ACHIEVEMENT"]
    response = officer.post(
        f"/people/{person.pk}/initiatives", {"title": "Số hóa hồ sơ thi đua", "scope": "co_so", "year": YEAR}
    )
    assert response.status_code == 201

    after = _by_award(officer.get(url, year=YEAR).json())
    assert after["CSTDCS"]["verdict"] == "eligible"
    assert after["LDTT"]["verdict"] == "eligible"
    passed = [c["message"] for c in after["CSTDCS"]["conditions"] if c["passed"]]
    assert any("HTTNV" in m for m in passed)
    assert any("sáng kiến" in m.lower() for m in passed)
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.RECORD_ADDED, organization=world.orgs["FIN"]).count() == 2
    )


def test_results_have_the_contract_shape(client, rated):
    response = api(client, rated, "unit_officer").get(f"/people/{rated.people['fin'].pk}/eligibility", year=YEAR)
    assert response.status_code == 200
    results = response.json()
    assert [r["award"] for r in results][:2] == ["LDTT", "CSTDCS"]
    for result in results:
        assert set(result) == RESULT_KEYS
        assert result["regime"] == "2025"
        assert result["year"] == YEAR
        assert result["verdict"] in {"eligible", "ineligible"}  # the overview leaves out "unsupported"
        assert VIETNAMESE.search(result["name"])
        for condition in result["conditions"]:
            assert set(condition) == CONDITION_KEYS
            assert condition["passed"] in (True, False, None)
            assert condition["message"]
            assert condition["legal_ref"]
        failed = any(c["passed"] is False for c in result["conditions"])
        assert result["verdict"] == ("ineligible" if failed else "eligible")


def test_on_date_selects_the_regime_and_award_may_be_unsupported(client, rated):
    officer, person = api(client, rated, "unit_officer"), rated.people["fin"]
    url = f"/people/{person.pk}/eligibility"
    [result] = officer.get(url, year=2022, on_date="2023-06-01", award="CSTD_TINH").json()
    assert (result["regime"], result["verdict"], result["conditions"]) == ("2013", "unsupported", [])
    [result] = officer.get(url, year=YEAR, on_date="2024-06-01", award="LDTT").json()
    assert (result["regime"], result["on_date"], result["verdict"]) == ("2024", "2024-06-01", "eligible")
    # A collective title asked of a person: the engine has no rule for it, never a crash.
    [result] = officer.get(url, year=YEAR, award="TTLDTT").json()
    assert result["verdict"] == "unsupported"


def test_collective_eligibility(client, world):
    admin = world.users["admin"]
    records.rating_set(actor=admin, organization=world.orgs["FIN-NS"], year=YEAR, rating="HTXSNV")
    response = api(client, world, "unit_officer").get(
        f"/organizations/{world.orgs['FIN-NS'].pk}/eligibility", year=YEAR
    )
    assert response.status_code == 200
    results = _by_award(response.json())
    assert {"TTLDTT", "TTLDXS"} <= set(results)
    assert "LDTT" not in results
    # One member (fin-ns) with no LĐTT: the member ratio fails.
    codes = {c["code"]: c["passed"] for c in results["TTLDTT"]["conditions"]}
    assert codes["RATING"] is True
    assert codes["MEMBERS_LDTT_RATIO"] is False


def test_a_pending_review_withholds_every_award(client, rated):
    records.review_flag_open(
        actor=rated.users["admin"], person=rated.people["fin"], reason="dieu_tra", opened_on=datetime.date(YEAR, 1, 1)
    )
    results = api(client, rated, "unit_officer").get(f"/people/{rated.people['fin'].pk}/eligibility", year=YEAR).json()
    for result in results:
        assert result["verdict"] == "ineligible"
        assert any(c["code"] == "GATE_PENDING_REVIEW" and c["passed"] is False for c in result["conditions"])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_eligibility_only_in_scope(client, rated, role, person_key):
    person = rated.people[person_key]
    response = api(client, rated, role).get(f"/people/{person.pk}/eligibility", year=YEAR)
    if PERSON_ORG[person_key] in COVERS[role]:
        assert response.status_code == 200
        assert _by_award(response.json())["CSTDCS"]["verdict"] == (
            "ineligible" if person_key in ("fin-ns", "home-tdkt") else "eligible"
        )
    else:
        refused(response, 404, person.full_name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_organisation_eligibility_only_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    response = api(client, world, role).get(f"/organizations/{org.pk}/eligibility", year=YEAR)
    if org_key in COVERS[role]:
        assert response.status_code == 200
    else:
        refused(response, 404, org.name)


def test_eligibility_query_errors_are_422(client, world):
    officer, url = api(client, world, "unit_officer"), f"/people/{world.people['fin'].pk}/eligibility"
    refused(officer.get(url), 422)
    refused(officer.get(url, year=YEAR, award="NOBEL"), 422)
    refused(officer.get(url, year=YEAR, on_date="2025-02-30"), 422)
    refused(officer.get(url, year=99999), 422)


# Candidates --------------------------------------------------------------------------------------


def _people_under(world, org_key) -> set[int]:
    root = world.orgs[org_key]
    return {world.people[k].pk for k in PEOPLE if world.orgs[PERSON_ORG[k]].path.startswith(root.path)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_candidates_never_include_anyone_out_of_scope(client, rated, role, org_key):
    org = rated.orgs[org_key]
    response = api(client, rated, role).get(
        "/eligibility/candidates", organization_id=org.pk, year=YEAR, award="CSTDCS", limit=500
    )
    if org_key in COVERS[role]:
        assert response.status_code == 200, response.content
        body = response.json()
        ids = {item["subject_id"] for item in body["items"]}
        in_scope = {rated.people[k].pk for k in PEOPLE if PERSON_ORG[k] in COVERS[role]}
        assert ids == _people_under(rated, org_key)
        assert ids <= in_scope
        assert body["count"] == len(ids)
    else:
        refused(response, 404, org.name, "Hoàng Văn Sơn")


@pytest.mark.parametrize("role", ["standing_office", "unit_officer", "viewer"])
def test_collective_candidates_never_include_an_organisation_out_of_scope(client, world, role):
    root = world.orgs["P"] if role == "standing_office" else world.orgs["FIN" if role == "unit_officer" else "HOME"]
    response = api(client, world, role).get(
        "/eligibility/candidates", organization_id=root.pk, year=YEAR, award="TTLDTT"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["target"] == "collective"
    expected = {
        world.orgs[k].pk
        for k in COVERS[role]
        if world.orgs[k].path.startswith(root.path) and world.orgs[k].kind != "province"
    }
    assert {i["subject_id"] for i in body["items"]} == expected
    assert all(i["organization_id"] == i["subject_id"] for i in body["items"])


def test_foreign_organisation_is_like_a_missing_one(client, rated):
    officer = api(client, rated, "unit_officer")
    foreign = officer.get("/eligibility/candidates", organization_id=rated.orgs["HOME"].pk, year=YEAR)
    missing = officer.get("/eligibility/candidates", organization_id=MISSING_ID, year=YEAR)
    refused(foreign, 404, "Sở Nội vụ", "Lê Minh Đạt")
    assert foreign.json() == missing.json()
    refused(officer.get("/eligibility/candidates", year=YEAR), 422)


def test_closed_organisation_is_not_offered(client, rated):
    """As on the page, the organisation must be an open one the caller sees."""
    Organization.objects.filter(pk=rated.orgs["FIN-NS"].pk).update(active_to=datetime.date(2025, 7, 1))
    response = api(client, rated, "unit_officer").get(
        "/eligibility/candidates", organization_id=rated.orgs["FIN-NS"].pk, year=YEAR
    )
    refused(response, 404)


def test_candidates_verdicts_filters_and_paging(client, rated):
    office = api(client, rated, "standing_office")
    query = {"organization_id": rated.orgs["P"].pk, "year": YEAR, "award": "CSTDCS"}
    body = office.get("/eligibility/candidates", **query).json()
    assert (body["award"], body["award_name"], body["year"], body["target"], body["basis"]) == (
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        YEAR,
        "individual",
        "regular",
    )
    assert body["regime"] == "2025"
    assert body["on_date"] == timezone.localdate().isoformat()
    verdicts = {i["name"]: i["verdict"] for i in body["items"]}
    assert verdicts == {
        "Nguyễn Văn Đức": "eligible",
        "Trần Thị Hoa": "ineligible",
        "Lê Minh Đạt": "eligible",
        "Phạm Thu Hà": "ineligible",
    }
    assert (body["count"], body["eligible_count"], body["marked_count"], body["quotas"]) == (4, 2, 0, [])
    hoa = next(i for i in body["items"] if i["name"] == "Trần Thị Hoa")
    assert any(c["code"] == "LDTT_STANDARD" and c["passed"] is False for c in hoa["conditions"])
    assert hoa["organization"] == "Phòng Quản lý ngân sách"

    eligible = office.get("/eligibility/candidates", **query, verdict="eligible").json()
    assert {i["name"] for i in eligible["items"]} == {"Nguyễn Văn Đức", "Lê Minh Đạt"}
    assert (eligible["count"], eligible["eligible_count"]) == (2, 2)
    found = office.get("/eligibility/candidates", **query, q="tran thi").json()
    assert [i["name"] for i in found["items"]] == ["Trần Thị Hoa"]

    page = office.get("/eligibility/candidates", **query, limit=3, offset=2).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (4, 3, 2, 2)
    assert [i["subject_id"] for i in page["items"]] == [i["subject_id"] for i in body["items"]][2:]
    refused(office.get("/eligibility/candidates", **query, limit=501), 422)
    refused(office.get("/eligibility/candidates", **query, verdict="maybe"), 422)


def test_candidates_show_quotas_and_marks(client, rated):
    QuotaRule.objects.create(
        organization=rated.orgs["P"],
        award="CSTDCS",
        percent=50,
        base="members",
        year_from=2024,
        source="Quy định thi đua của tỉnh",
    )
    admin = rated.users["admin"]
    for key in ["fin", "fin-ns", "home"]:
        person = rated.people[key]
        ProposalMark.objects.create(
            year=YEAR,
            award="CSTDCS",
            person=person,
            organization=person.organization,
            eligible=True,
            justification="x",
            marked_by=admin,
        )
    office = api(client, rated, "standing_office")
    body = office.get("/eligibility/candidates", organization_id=rated.orgs["P"].pk, year=YEAR).json()
    [quota] = body["quotas"]
    assert (
        quota["source"],
        quota["percent"],
        quota["base_count"],
        quota["cap"],
        quota["proposed"],
        quota["excess"],
    ) == (
        "Quy định thi đua của tỉnh",
        50.0,
        4,
        2,
        3,
        1,
    )
    assert body["marked_count"] == 3
    marked = office.get("/eligibility/candidates", organization_id=rated.orgs["P"].pk, year=YEAR, verdict="marked")
    items = marked.json()["items"]
    assert {i["name"] for i in items} == {"Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Minh Đạt"}
    assert all(i["marked"] and i["mark_id"] for i in items)


def test_2013_regime_caps_cstdcs_at_15_percent_of_ldtt(client, rated):
    body = (
        api(client, rated, "admin")
        .get("/eligibility/candidates", organization_id=rated.orgs["P"].pk, year=2022, award="CSTDCS")
        .json()
    )
    assert body["regime"] == "2013"
    assert "15%" in body["quotas"][0]["source"]


# Marks -------------------------------------------------------------------------------------------


def test_marking_an_eligible_person(client, rated):
    officer, person = api(client, rated, "unit_officer"), rated.people["fin"]
    response = officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": person.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["eligible"], body["verdict"], body["target"], body["subject_id"]) == (
        True,
        "eligible",
        "individual",
        person.pk,
    )
    assert body["proposing_organization"] == {"id": rated.orgs["FIN"].pk, "name": "Sở Tài chính"}
    mark = ProposalMark.objects.get()
    assert (mark.person, mark.eligible, mark.marked_by) == (person, True, rated.users["unit_officer"])
    event = AuditEvent.objects.get(event_type=AuditEventType.PROPOSAL_MARKED)
    assert (event.actor, event.organization) == (rated.users["unit_officer"], rated.orgs["FIN"])
    again = refused(officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": person.pk}), 400)
    assert "award" in again["errors"]
    listed = officer.get("/eligibility/candidates", organization_id=rated.orgs["FIN"].pk, year=YEAR).json()
    row = next(i for i in listed["items"] if i["subject_id"] == person.pk)
    assert (row["marked"], row["mark_id"]) == (True, mark.pk)


def test_marking_an_ineligible_person_needs_a_justification(client, rated):
    officer, person = api(client, rated, "unit_officer"), rated.people["fin-ns"]
    data = {"award": "CSTDCS", "year": YEAR, "person_id": person.pk}
    body = refused(officer.post("/eligibility/marks", data), 400)
    assert list(body["errors"]) == ["justification"]
    refused(officer.post("/eligibility/marks", {**data, "justification": "   "}), 400)
    assert not ProposalMark.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.PROPOSAL_MARKED).exists()
    response = officer.post("/eligibility/marks", {**data, "justification": " Có thành tích đột xuất trong năm "})
    assert response.status_code == 201
    assert (response.json()["eligible"], response.json()["verdict"]) == (False, "ineligible")
    assert any(c["passed"] is False for c in response.json()["conditions"])
    mark = ProposalMark.objects.get()
    assert (mark.eligible, mark.justification) == (False, "Có thành tích đột xuất trong năm")


def test_the_client_cannot_declare_the_verdict(client, rated):
    data = {"award": "CSTDCS", "year": YEAR, "person_id": rated.people["fin-ns"].pk}
    refused(api(client, rated, "unit_officer").post("/eligibility/marks", {**data, "eligible": True}), 422)
    refused(api(client, rated, "unit_officer").post("/eligibility/marks", {**data, "verdict": "eligible"}), 422)
    assert not ProposalMark.objects.exists()


def test_marking_someone_out_of_scope_is_like_someone_missing(client, rated):
    officer = api(client, rated, "unit_officer")
    home = officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": rated.people["home"].pk})
    missing = officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": MISSING_ID})
    refused(home, 404, "Lê Minh Đạt")
    assert home.json() == missing.json()
    q_ca = officer.post(
        "/eligibility/marks", {"award": "TTLDTT", "year": YEAR, "organization_id": rated.orgs["Q-CA"].pk}
    )
    gone = officer.post("/eligibility/marks", {"award": "TTLDTT", "year": YEAR, "organization_id": MISSING_ID})
    refused(q_ca, 404, "Công an tỉnh")
    assert q_ca.json() == gone.json()
    assert not ProposalMark.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_marking_needs_record_manage_in_scope(client, rated, role, person_key):
    person = rated.people[person_key]
    response = api(client, rated, role).post(
        "/eligibility/marks",
        {"award": "LDTT", "year": YEAR, "person_id": person.pk, "justification": "Đề nghị của đơn vị"},
    )
    sees = PERSON_ORG[person_key] in COVERS[role]
    if sees and role in MANAGES_RECORDS:
        assert response.status_code == 201, response.content
        assert ProposalMark.objects.filter(person=person).exists()
    else:
        refused(response, 403 if sees else 404, person.full_name)
        assert not ProposalMark.objects.exists()


def test_marking_a_collective(client, world):
    admin = world.users["admin"]
    records.rating_set(actor=admin, organization=world.orgs["FIN-NS"], year=YEAR, rating="HTXSNV")
    officer = api(client, world, "unit_officer")
    data = {"award": "TTLDTT", "year": YEAR, "organization_id": world.orgs["FIN-NS"].pk}
    refused(officer.post("/eligibility/marks", data), 400)  # no member holds LĐTT: ineligible
    response = officer.post("/eligibility/marks", {**data, "justification": "Đơn vị mới thành lập"})
    assert response.status_code == 201
    body = response.json()
    assert (body["target"], body["subject_id"], body["name"]) == (
        "collective",
        world.orgs["FIN-NS"].pk,
        "Phòng Quản lý ngân sách",
    )
    # The collective is proposed by its parent.
    assert body["proposing_organization"]["id"] == world.orgs["FIN"].pk
    assert ProposalMark.objects.get().collective == world.orgs["FIN-NS"]
    # FIN itself is proposed by P, where the unit officer may not propose.
    refused(
        officer.post("/eligibility/marks", {"award": "TTLDTT", "year": YEAR, "organization_id": world.orgs["FIN"].pk}),
        403,
    )


def test_a_mark_names_exactly_one_subject_fit_for_the_award(client, rated):
    officer = api(client, rated, "unit_officer")
    both = {
        "award": "CSTDCS",
        "year": YEAR,
        "person_id": rated.people["fin"].pk,
        "organization_id": rated.orgs["FIN"].pk,
    }
    assert list(refused(officer.post("/eligibility/marks", both), 400)["errors"]) == ["person_id"]
    refused(officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR}), 400)
    wrong = {"award": "TTLDXS", "year": YEAR, "person_id": rated.people["fin"].pk, "justification": "x"}
    assert list(refused(officer.post("/eligibility/marks", wrong), 400)["errors"]) == ["award"]
    assert not ProposalMark.objects.exists()


def test_a_person_who_has_left_can_still_be_marked(client, rated):
    person = rated.people["fin"]
    person.left_on = datetime.date(YEAR, 12, 31)
    person.save(update_fields=["left_on"])
    response = api(client, rated, "unit_officer").post(
        "/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": person.pk}
    )
    assert response.status_code == 201, response.content
    assert response.json()["verdict"] == "eligible"


def test_unmark(client, rated):
    officer = api(client, rated, "unit_officer")
    created = officer.post("/eligibility/marks", {"award": "CSTDCS", "year": YEAR, "person_id": rated.people["fin"].pk})
    mark_id = created.json()["id"]
    response = officer.delete(f"/eligibility/marks/{mark_id}")
    assert response.status_code == 204
    assert not ProposalMark.objects.exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.PROPOSAL_UNMARKED)
    assert (event.actor, event.organization) == (rated.users["unit_officer"], rated.orgs["FIN"])
    refused(officer.delete(f"/eligibility/marks/{mark_id}"), 404)


@pytest.mark.parametrize("role", ROLES)
def test_unmark_needs_record_manage_in_scope(client, rated, role):
    person = rated.people["home"]
    mark = ProposalMark.objects.create(
        year=YEAR, award="CSTDCS", person=person, organization=person.organization, eligible=True
    )
    response = api(client, rated, role).delete(f"/eligibility/marks/{mark.pk}")
    sees = "HOME" in COVERS[role]
    if sees and role in MANAGES_RECORDS:
        assert response.status_code == 204
        assert not ProposalMark.objects.exists()
    else:
        refused(response, 403 if sees else 404, person.full_name)
        assert ProposalMark.objects.filter(pk=mark.pk).exists()


def test_seen_but_not_managed_is_forbidden(client, world):
    """An officer of FIN who may also view the whole province sees HOME's candidates but may not
    mark them."""
    officer = User.objects.create_user(username="canbo2", password="pw-canbo2", organization=world.orgs["FIN"])
    RoleGrant.objects.create(user=officer, role="unit_officer", organization=world.orgs["FIN"])
    RoleGrant.objects.create(user=officer, role="viewer", organization=world.orgs["P"])
    caller = Api(client, officer)
    listed = caller.get("/eligibility/candidates", organization_id=world.orgs["HOME"].pk, year=YEAR)
    assert {i["subject_id"] for i in listed.json()["items"]} == _people_under(world, "HOME")
    response = caller.post(
        "/eligibility/marks",
        {"award": "LDTT", "year": YEAR, "person_id": world.people["home"].pk, "justification": "x"},
    )
    refused(response, 403)
    assert (
        caller.post(
            "/eligibility/marks",
            {"award": "LDTT", "year": YEAR, "person_id": world.people["fin"].pk, "justification": "x"},
        ).status_code
        == 201
    )


def test_candidates_cost_a_fixed_number_of_queries(client, rated):
    """The list is built set-based (rules/facts.py): more people, not more queries."""
    office = api(client, rated, "standing_office")
    query = {"organization_id": rated.orgs["P"].pk, "year": YEAR, "limit": 500}

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert office.get("/eligibility/candidates", **query).status_code == 200
        return len(queries)

    count()  # the token's first use records when it was used (accounts/services.py): not counted
    few = count()
    for i in range(15):
        person = make_person(rated.orgs["FIN-NS" if i % 2 else "HOME-TDKT"], f"Người Thứ {i}")
        records.rating_set(actor=rated.users["admin"], person=person, year=YEAR, rating="HTXSNV")
    computing = count()  # the newcomers' verdicts are computed and stored, set-based too
    assert count() == few
    assert computing - few < 15
