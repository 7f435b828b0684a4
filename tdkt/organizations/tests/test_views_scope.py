"""The role × organisation matrix for pages: out of scope is "not found", never the data."""

import pytest
from django.urls import reverse

from conftest import ROLES

# Which people each role's organisation subtree covers (fixture: P ⊃ FIN ⊃ FIN-NS, P ⊃ HOME ⊃ HOME-TDKT; Q apart).
SEES = {
    "admin": {"fin", "fin-ns", "home", "home-tdkt", "q"},
    "standing_office": {"fin", "fin-ns", "home", "home-tdkt"},
    "council_member": {"fin", "fin-ns", "home", "home-tdkt"},
    "approver": {"fin", "fin-ns", "home", "home-tdkt"},
    "block_head": {"home", "home-tdkt"},
    "unit_officer": {"fin", "fin-ns"},
    "unit_leader": {"fin", "fin-ns"},
    "viewer": {"home", "home-tdkt"},
    "nobody": set(),
}
MANAGES_PEOPLE = {"admin", "standing_office", "unit_officer", "unit_leader"}
PEOPLE = ["fin", "fin-ns", "home", "home-tdkt", "q"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_page_visible_only_in_scope(client, world, role, person_key):
    client.force_login(world.users[role])
    person = world.people[person_key]
    response = client.get(reverse("organizations:person", args=[person.pk]))
    if person_key in SEES[role]:
        assert response.status_code == 200
        assert person.full_name in response.text
    else:
        assert response.status_code == 404
        assert person.full_name not in response.text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("person_key", PEOPLE)
def test_person_edit_needs_manage_role_in_scope(client, world, role, person_key):
    client.force_login(world.users[role])
    person = world.people[person_key]
    url = reverse("organizations:person_edit", args=[person.pk])
    response = client.post(url, {"full_name": "Tên Bị Đổi", "sex": "nam", "category": "cong_chuc"})
    person.refresh_from_db()
    if person_key in SEES[role] and role in MANAGES_PEOPLE:
        assert response.status_code == 302
        assert person.full_name == "Tên Bị Đổi"
    else:
        assert response.status_code in (403, 404)
        assert person.full_name != "Tên Bị Đổi"
        expected = 404 if person_key not in SEES[role] else 403
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_people_list_holds_only_people_in_scope(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("organizations:people"))
    assert response.status_code == 200
    for key, person in world.people.items():
        assert (person.full_name in response.text) == (key in SEES[role]), key


@pytest.mark.parametrize("role", ROLES)
def test_people_list_filtered_by_foreign_organisation_is_not_found(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("organizations:people"), {"org": world.orgs["Q"].pk})
    assert response.status_code == (200 if role == "admin" else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("org_key", ["P", "FIN", "HOME", "Q-CA"])
def test_organisation_page_visible_only_in_scope(client, world, role, org_key):
    client.force_login(world.users[role])
    org = world.orgs[org_key]
    response = client.get(reverse("organizations:detail", args=[org.pk]))
    covered = {
        "admin": {"P", "FIN", "HOME", "Q-CA"},
        "standing_office": {"P", "FIN", "HOME"},
        "council_member": {"P", "FIN", "HOME"},
        "approver": {"P", "FIN", "HOME"},
        "block_head": {"HOME"},
        "unit_officer": {"FIN"},
        "unit_leader": {"FIN"},
        "viewer": {"HOME"},
    }
    assert response.status_code == (200 if org_key in covered.get(role, set()) else 404)


@pytest.mark.parametrize("role", ROLES)
def test_organisation_edit_only_for_managers(client, world, role):
    client.force_login(world.users[role])
    org = world.orgs["FIN"]
    response = client.post(
        reverse("organizations:edit", args=[org.pk]),
        {
            "code": "FIN",
            "name": "Sở Tài chính (đổi)",
            "kind": "department",
            "level": "department",
            "parent": world.orgs["P"].pk,
        },
    )
    org.refresh_from_db()
    if role in {"admin", "standing_office"}:
        assert response.status_code == 302
        assert org.name == "Sở Tài chính (đổi)"
    else:
        assert response.status_code in (403, 404)
        assert org.name == "Sở Tài chính"


@pytest.mark.parametrize("role", ROLES)
def test_block_visible_to_members_and_organiser_scope(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("organizations:block", args=[world.block.pk]))
    assert response.status_code == (404 if role == "nobody" else 200)


def test_block_page_links_only_members_in_scope(client, world):
    client.force_login(world.users["unit_officer"])
    response = client.get(reverse("organizations:block", args=[world.block.pk]))
    assert reverse("organizations:detail", args=[world.orgs["FIN"].pk]) in response.text
    assert "Sở Nội vụ" in response.text
    assert reverse("organizations:detail", args=[world.orgs["HOME"].pk]) not in response.text


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("organizations:people"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_guessing_ids_reveals_nothing(client, world):
    client.force_login(world.users["unit_officer"])
    for name in ["organizations:person", "organizations:person_edit", "organizations:person_move"]:
        assert client.get(reverse(name, args=[world.people["home"].pk])).status_code == 404
        assert client.get(reverse(name, args=[999999])).status_code == 404
