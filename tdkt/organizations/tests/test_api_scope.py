"""The role × organisation matrix for the API: out of scope is 404 (never the data), in scope
without the manage permission is 403, and lists never hold a row out of scope.

Fixture (conftest.py): P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Q ⊃ Q-CA apart. The block is
organised by P with HOME (head) and FIN as members.
"""

import json

import pytest

from conftest import COVERS, ORGS, PEOPLE, PERSON_ORG, ROLES, VIETNAMESE, make_org
from tdkt.accounts.models import RoleGrant, User
from tdkt.accounts.services import api_token_issue
from tdkt.organizations.models import BlockMembership, EmulationBlock, Organization, Person

MANAGES_PEOPLE = {"admin", "standing_office", "unit_officer", "unit_leader"}
MANAGES_ORGS = {"admin", "standing_office"}
MANAGES_BLOCKS = {"admin", "standing_office"}


def sees_person(role, key) -> bool:
    return PERSON_ORG[key] in COVERS[role]


def auth(user) -> dict:
    return {"Authorization": f"Bearer {api_token_issue(user=user)}"}


def patch(client, url, data, headers):
    return client.patch(url, json.dumps(data), content_type="application/json", headers=headers)


def post(client, url, data, headers):
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def assert_refused(response, expected_status, *secrets):
    """A refusal says why in Vietnamese and carries none of the object's data."""
    assert response.status_code == expected_status, response.content
    body = response.json()
    assert VIETNAMESE.search(body["detail"]), body
    for secret in secrets:
        assert secret not in response.content.decode()


# People ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_visible_only_in_scope(client, world, role, person_key):
    person = world.people[person_key]
    response = client.get(f"/api/v1/people/{person.pk}", headers=auth(world.users[role]))
    if sees_person(role, person_key):
        assert response.status_code == 200
        assert response.json()["full_name"] == person.full_name
    else:
        assert_refused(response, 404, person.full_name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_patch_needs_manage_role_in_scope(client, world, role, person_key):
    person = world.people[person_key]
    response = patch(client, f"/api/v1/people/{person.pk}", {"position": "Chuyên viên chính"}, auth(world.users[role]))
    person.refresh_from_db()
    if sees_person(role, person_key) and role in MANAGES_PEOPLE:
        assert response.status_code == 200
        assert response.json()["position"] == person.position == "Chuyên viên chính"
    else:
        assert_refused(response, 403 if sees_person(role, person_key) else 404, person.full_name)
        assert person.position == ""


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_move_needs_manage_role_in_scope(client, world, role, person_key):
    """Moving a person within their own organisation's subtree: the target is always in scope."""
    person = world.people[person_key]
    target = world.orgs[
        {"FIN": "FIN-NS", "FIN-NS": "FIN", "HOME": "HOME-TDKT", "HOME-TDKT": "HOME", "Q-CA": "Q"}[
            PERSON_ORG[person_key]
        ]
    ]
    response = post(
        client,
        f"/api/v1/people/{person.pk}/move",
        {"organization_id": target.pk, "on_date": "2025-01-01"},
        auth(world.users[role]),
    )
    person.refresh_from_db()
    if sees_person(role, person_key) and role in MANAGES_PEOPLE:
        assert response.status_code == 200
        assert person.organization == target
    else:
        assert_refused(response, 403 if sees_person(role, person_key) else 404, person.full_name)
        assert person.organization == world.orgs[PERSON_ORG[person_key]]


@pytest.mark.parametrize("role", ROLES)
def test_people_list_holds_only_people_in_scope(client, world, role):
    response = client.get("/api/v1/people", headers=auth(world.users[role]))
    assert response.status_code == 200
    expected = {world.people[k].pk for k in PEOPLE if sees_person(role, k)}
    assert {p["id"] for p in response.json()["items"]} == expected
    assert response.json()["count"] == len(expected)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "query",
    ["", "q=son", "q=hoang van son", "include_left=true", "sex=nam", "category=cong_chuc", "include_subunits=false"],
)
def test_people_list_filters_never_widen_the_scope(client, world, role, query):
    response = client.get(f"/api/v1/people?{query}", headers=auth(world.users[role]))
    assert response.status_code == 200
    allowed = {world.people[k].pk for k in PEOPLE if sees_person(role, k)}
    assert {p["id"] for p in response.json()["items"]} <= allowed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_people_list_by_organisation_out_of_scope_is_not_found(client, world, role, org_key):
    org = world.orgs[org_key]
    response = client.get(f"/api/v1/people?organization_id={org.pk}", headers=auth(world.users[role]))
    if org_key in COVERS[role]:
        assert response.status_code == 200
        expected = {world.people[k].pk for k in PEOPLE if world.orgs[PERSON_ORG[k]].path.startswith(org.path)}
        assert {p["id"] for p in response.json()["items"]} == expected
    else:
        assert_refused(response, 404, org.name)


# Organisations -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_organisation_visible_only_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    response = client.get(f"/api/v1/organizations/{org.pk}", headers=auth(world.users[role]))
    if org_key in COVERS[role]:
        assert response.status_code == 200
        assert response.json()["name"] == org.name
    else:
        assert_refused(response, 404, org.name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ORGS)
def test_organisation_patch_needs_manage_role_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    response = patch(client, f"/api/v1/organizations/{org.pk}", {"short_name": "Đã đổi"}, auth(world.users[role]))
    org.refresh_from_db()
    if org_key in COVERS[role] and role in MANAGES_ORGS:
        assert response.status_code == 200
        assert org.short_name == "Đã đổi"
    else:
        assert_refused(response, 403 if org_key in COVERS[role] else 404, org.name)
        assert org.short_name == ""


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ["FIN-NS", "HOME-TDKT", "Q-CA"])
def test_organisation_close_needs_manage_role_in_scope(client, world, role, org_key):
    org = world.orgs[org_key]
    successor = org.parent
    response = post(
        client,
        f"/api/v1/organizations/{org.pk}/close",
        {"closed_on": "2025-07-01", "successor_id": successor.pk},
        auth(world.users[role]),
    )
    org.refresh_from_db()
    if org_key in COVERS[role] and role in MANAGES_ORGS:
        assert response.status_code == 200
        assert org.active_to is not None
    else:
        assert_refused(response, 403 if org_key in COVERS[role] else 404, org.name)
        assert org.active_to is None


@pytest.mark.parametrize("role", ROLES)
def test_organisation_list_holds_only_organisations_in_scope(client, world, role):
    response = client.get("/api/v1/organizations?limit=500", headers=auth(world.users[role]))
    assert response.status_code == 200
    assert {o["id"] for o in response.json()["items"]} == {world.orgs[k].pk for k in COVERS[role]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("query", ["q=tuyen quang", "q=cong an", "include_closed=true", "kind=province", "kind=agency"])
def test_organisation_list_filters_never_widen_the_scope(client, world, role, query):
    response = client.get(f"/api/v1/organizations?{query}", headers=auth(world.users[role]))
    assert response.status_code == 200
    assert {o["id"] for o in response.json()["items"]} <= {world.orgs[k].pk for k in COVERS[role]}


@pytest.mark.parametrize("role", ROLES)
def test_organisation_list_by_parent_out_of_scope_is_not_found(client, world, role):
    response = client.get(f"/api/v1/organizations?parent_id={world.orgs['Q'].pk}", headers=auth(world.users[role]))
    if role == "admin":
        assert [o["id"] for o in response.json()["items"]] == [world.orgs["Q-CA"].pk]
    else:
        assert_refused(response, 404, "Công an tỉnh")


def test_parent_out_of_scope_is_not_named(client, world):
    response = client.get(f"/api/v1/organizations/{world.orgs['FIN'].pk}", headers=auth(world.users["unit_officer"]))
    assert response.json()["parent"] is None
    response = client.get(f"/api/v1/organizations/{world.orgs['FIN-NS'].pk}", headers=auth(world.users["unit_officer"]))
    assert response.json()["parent"] == {"id": world.orgs["FIN"].pk, "name": "Sở Tài chính"}


# Blocks ------------------------------------------------------------------------------------------


@pytest.fixture
def q_block(world):
    block = EmulationBlock.objects.create(organizer=world.orgs["Q"], name="Khối thi đua Nội chính", year=2022)
    BlockMembership.objects.create(block=block, organization=world.orgs["Q-CA"], role="head", position=1)
    return block


# The P block is organised in P and has HOME and FIN as members, so every role with a grant in P
# sees it; the Q block only the admin.
SEES_P_BLOCK = set(ROLES) - {"nobody"}


@pytest.mark.parametrize("role", ROLES)
def test_block_visible_when_organised_or_with_a_member_in_scope(client, world, q_block, role):
    headers = auth(world.users[role])
    response = client.get(f"/api/v1/blocks/{world.block.pk}", headers=headers)
    if role in SEES_P_BLOCK:
        assert response.status_code == 200
        assert [m["organization"]["name"] for m in response.json()["members"]] == ["Sở Nội vụ", "Sở Tài chính"]
    else:
        assert_refused(response, 404, world.block.name)
    response = client.get(f"/api/v1/blocks/{q_block.pk}", headers=headers)
    if role == "admin":
        assert response.status_code == 200
    else:
        assert_refused(response, 404, q_block.name)


@pytest.mark.parametrize("role", ROLES)
def test_block_list_holds_only_blocks_in_scope(client, world, q_block, role):
    response = client.get("/api/v1/blocks", headers=auth(world.users[role]))
    expected = ({world.block.pk} if role in SEES_P_BLOCK else set()) | ({q_block.pk} if role == "admin" else set())
    assert {b["id"] for b in response.json()["items"]} == expected


def test_block_seen_through_a_member_only(client, world):
    """A block organised elsewhere is visible to a unit that is a member of it, and only it."""
    other = EmulationBlock.objects.create(organizer=world.orgs["P"], name="Cụm thi đua số 2", year=2023, kind="cum")
    BlockMembership.objects.create(block=other, organization=world.orgs["FIN-NS"], position=1)
    fin = client.get("/api/v1/blocks?year=2023", headers=auth(world.users["unit_officer"]))
    assert [b["id"] for b in fin.json()["items"]] == [other.pk]
    home = client.get("/api/v1/blocks?year=2023", headers=auth(world.users["viewer"]))
    assert home.json()["items"] == []


@pytest.mark.parametrize("role", ROLES)
def test_block_member_add_needs_block_manage(client, world, q_block, role):
    headers = auth(world.users[role])
    newcomer = make_org("P-KKT", "Ban Quản lý Khu Kinh tế", "agency", "department", world.orgs["P"])
    response = post(client, f"/api/v1/blocks/{world.block.pk}/members", {"organization_id": newcomer.pk}, headers)
    added = world.block.memberships.filter(organization=newcomer).exists()
    if role in MANAGES_BLOCKS:
        assert response.status_code == 200
        assert added
    else:
        assert_refused(response, 403 if role in SEES_P_BLOCK else 404)
        assert not added
    q_fin = make_org("Q-TC", "Sở Tài chính Tuyên Quang", parent=world.orgs["Q"])
    response = post(client, f"/api/v1/blocks/{q_block.pk}/members", {"organization_id": q_fin.pk}, headers)
    assert response.status_code == (200 if role == "admin" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_block_member_remove_needs_block_manage(client, world, role):
    membership = world.block.memberships.get(organization=world.orgs["FIN"])
    response = client.delete(
        f"/api/v1/blocks/{world.block.pk}/members/{membership.pk}", headers=auth(world.users[role])
    )
    still_there = BlockMembership.objects.filter(pk=membership.pk).exists()
    if role in MANAGES_BLOCKS:
        assert response.status_code == 204
        assert not still_there
    else:
        assert_refused(response, 403 if role in SEES_P_BLOCK else 404)
        assert still_there


@pytest.mark.parametrize("role", ROLES)
def test_block_create_needs_block_manage_on_the_organiser(client, world, role):
    response = post(
        client,
        "/api/v1/blocks",
        {"organizer_id": world.orgs["P"].pk, "name": "Khối mới", "year": 2026},
        auth(world.users[role]),
    )
    created = EmulationBlock.objects.filter(name="Khối mới").exists()
    if role in MANAGES_BLOCKS:
        assert response.status_code == 201
        assert created
    else:
        # P out of view: "not found" on the field, as for an id that does not exist.
        assert response.status_code == (403 if "P" in COVERS[role] else 400)
        assert not created


# Referenced ids: out of scope answers exactly as "does not exist" --------------------------------


MISSING_ID = 987654321


def _same_answer(out_of_scope, missing, pk):
    assert out_of_scope.status_code == missing.status_code == 400
    assert out_of_scope.json()["detail"].replace(str(pk), "?") == missing.json()["detail"].replace(str(MISSING_ID), "?")
    assert list(out_of_scope.json()["errors"]) == list(missing.json()["errors"])


def test_create_person_in_an_organisation_out_of_scope_is_like_a_missing_one(client, world):
    headers = auth(world.users["unit_officer"])
    body = {"full_name": "Người Lạ", "sex": "nam", "category": "cong_chuc"}
    home = world.orgs["HOME"]
    out_of_scope = post(client, "/api/v1/people", {**body, "organization_id": home.pk}, headers)
    missing = post(client, "/api/v1/people", {**body, "organization_id": MISSING_ID}, headers)
    _same_answer(out_of_scope, missing, home.pk)
    assert "Sở Nội vụ" not in out_of_scope.content.decode()
    assert not Person.objects.filter(full_name="Người Lạ").exists()


def test_move_person_out_of_scope_is_like_a_missing_organisation(client, world):
    headers = auth(world.users["standing_office"])
    url = f"/api/v1/people/{world.people['fin'].pk}/move"
    q_ca = world.orgs["Q-CA"]
    out_of_scope = post(client, url, {"organization_id": q_ca.pk, "on_date": "2025-01-01"}, headers)
    missing = post(client, url, {"organization_id": MISSING_ID, "on_date": "2025-01-01"}, headers)
    _same_answer(out_of_scope, missing, q_ca.pk)
    world.people["fin"].refresh_from_db()
    assert world.people["fin"].organization == world.orgs["FIN"]


def test_organisation_parent_out_of_scope_is_like_a_missing_one(client, world):
    headers = auth(world.users["standing_office"])
    url = f"/api/v1/organizations/{world.orgs['FIN-NS'].pk}"
    q = world.orgs["Q"]
    _same_answer(
        patch(client, url, {"parent_id": q.pk}, headers), patch(client, url, {"parent_id": MISSING_ID}, headers), q.pk
    )
    create = {"code": "MOI", "name": "Đơn vị mới", "kind": "division", "level": "unit"}
    _same_answer(
        post(client, "/api/v1/organizations", {**create, "parent_id": q.pk}, headers),
        post(client, "/api/v1/organizations", {**create, "parent_id": MISSING_ID}, headers),
        q.pk,
    )
    assert not Organization.objects.filter(code="MOI").exists()


def test_close_with_successor_out_of_scope_is_like_a_missing_one(client, world):
    headers = auth(world.users["standing_office"])
    url = f"/api/v1/organizations/{world.orgs['HOME'].pk}/close"
    q = world.orgs["Q"]
    _same_answer(
        post(client, url, {"closed_on": "2025-07-01", "successor_id": q.pk}, headers),
        post(client, url, {"closed_on": "2025-07-01", "successor_id": MISSING_ID}, headers),
        q.pk,
    )
    world.orgs["HOME"].refresh_from_db()
    assert world.orgs["HOME"].active_to is None


def test_block_member_out_of_scope_is_like_a_missing_one(client, world):
    headers = auth(world.users["standing_office"])
    url = f"/api/v1/blocks/{world.block.pk}/members"
    q_ca = world.orgs["Q-CA"]
    _same_answer(
        post(client, url, {"organization_id": q_ca.pk}, headers),
        post(client, url, {"organization_id": MISSING_ID}, headers),
        q_ca.pk,
    )


def test_member_of_another_block_is_not_found(client, world, q_block):
    membership = q_block.memberships.get()
    response = client.delete(
        f"/api/v1/blocks/{world.block.pk}/members/{membership.pk}", headers=auth(world.users["admin"])
    )
    assert_refused(response, 404)
    assert BlockMembership.objects.filter(pk=membership.pk).exists()


def test_target_seen_but_not_managed_is_forbidden(client, world):
    """An officer of FIN who may also view the whole province sees HOME but may not move people there."""
    officer = User.objects.create_user(username="canbo2", password="pw-canbo2", organization=world.orgs["FIN"])
    RoleGrant.objects.create(user=officer, role="unit_officer", organization=world.orgs["FIN"])
    RoleGrant.objects.create(user=officer, role="viewer", organization=world.orgs["P"])
    headers = auth(officer)
    response = post(
        client,
        f"/api/v1/people/{world.people['fin'].pk}/move",
        {"organization_id": world.orgs["HOME"].pk, "on_date": "2025-01-01"},
        headers,
    )
    assert_refused(response, 403)
    # ... nor may it change HOME's people, which it can read.
    home = world.people["home"]
    assert client.get(f"/api/v1/people/{home.pk}", headers=headers).status_code == 200
    assert_refused(patch(client, f"/api/v1/people/{home.pk}", {"position": "X"}, headers), 403)
