"""Writes through the API: the right data, one audit event each, errors in Vietnamese."""

import datetime
import re

import pytest

from conftest import Api
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.organizations.models import BlockMembership, EmulationBlock, Organization, Person, PersonAssignment

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)


@pytest.fixture
def as_office(client, world):
    return Api(client, world.users["standing_office"])


@pytest.fixture
def as_officer(client, world):
    return Api(client, world.users["unit_officer"])


@pytest.fixture
def as_admin(client, world):
    return Api(client, world.users["admin"])


def error(response, status) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str), body
    assert VIETNAMESE.search(body["detail"]), body
    return body


def events(event_type, **filters):
    return AuditEvent.objects.filter(event_type=event_type, **filters)


# Organisations -----------------------------------------------------------------------------------


def test_create_organisation(as_office, world):
    response = as_office.post(
        "/organizations",
        {
            "code": " FIN-KT ",
            "name": "Phòng Kế toán",
            "kind": "division",
            "level": "unit",
            "parent_id": world.orgs["FIN"].pk,
            "active_from": "2025-03-01",
        },
    )
    assert response.status_code == 201
    body = response.json()
    org = Organization.objects.get(pk=body["id"])
    assert (org.code, org.parent, org.active_from) == ("FIN-KT", world.orgs["FIN"], datetime.date(2025, 3, 1))
    assert org.path == f"{world.orgs['FIN'].path}{org.pk}/"
    assert body["parent"] == {"id": world.orgs["FIN"].pk, "name": "Sở Tài chính"}
    assert body["active_from"] == "2025-03-01"
    event = events(AuditEventType.ORGANIZATION_CREATED).get()
    assert (event.actor, event.target_id) == (world.users["standing_office"], str(org.pk))


def test_root_organisation_only_by_the_admin(as_office, as_admin):
    data = {"code": "HT", "name": "UBND tỉnh Hà Tĩnh", "kind": "province", "level": "province"}
    error(as_office.post("/organizations", data), 403)
    response = as_admin.post("/organizations", data)
    assert response.status_code == 201
    assert response.json()["parent"] is None


def test_duplicate_code_is_400_on_the_field(as_office, world):
    body = error(
        as_office.post(
            "/organizations",
            {
                "code": "FIN",
                "name": "Trùng mã",
                "kind": "division",
                "level": "unit",
                "parent_id": world.orgs["P"].pk,
            },
        ),
        400,
    )
    assert list(body["errors"]) == ["code"]
    assert not events(AuditEventType.ORGANIZATION_CREATED).exists()


def test_update_organisation(as_office, world):
    fin = world.orgs["FIN"]
    response = as_office.patch(f"/organizations/{fin.pk}", {"name": "Sở Tài chính tỉnh Quảng Trị", "short_name": "STC"})
    assert response.status_code == 200
    assert response.json()["name"] == "Sở Tài chính tỉnh Quảng Trị"
    fin.refresh_from_db()
    assert (fin.name, fin.short_name, fin.code) == ("Sở Tài chính tỉnh Quảng Trị", "STC", "FIN")
    event = events(AuditEventType.ORGANIZATION_CHANGED).get()
    assert set(event.extra["changed"]) == {"name", "short_name"}
    # The search follows the new name, accent-free.
    found = as_office.get("/organizations", q="tinh quang tri stc")
    assert [o["id"] for o in found.json()["items"]] == [fin.pk]


def test_move_organisation_to_another_parent_moves_its_subtree(as_office, world):
    fin_ns = world.orgs["FIN-NS"]
    response = as_office.patch(f"/organizations/{fin_ns.pk}", {"parent_id": world.orgs["HOME"].pk})
    assert response.status_code == 200
    fin_ns.refresh_from_db()
    assert fin_ns.path.startswith(world.orgs["HOME"].path)
    # Its people follow it in every scope: HOME's viewer now sees them.
    viewer = Api(as_office.client, world.users["viewer"])
    assert world.people["fin-ns"].pk in {p["id"] for p in viewer.get("/people").json()["items"]}


def test_organisation_cannot_go_under_itself(as_office, world):
    fin = world.orgs["FIN"]
    body = error(as_office.patch(f"/organizations/{fin.pk}", {"parent_id": world.orgs["FIN-NS"].pk}), 400)
    assert list(body["errors"]) == ["parent_id"]


@pytest.mark.parametrize(
    "data",
    [
        {"name": None},
        {"name": "   "},
        {"kind": "ministry"},
        {"parent_id": None},
        {"parent_id": 0},
        {"parent_id": "abc"},
        {"nam": "typo"},
        {"code": "x" * 41},
    ],
)
def test_invalid_organisation_update_is_422(as_office, world, data):
    fin = world.orgs["FIN"]
    body = error(as_office.patch(f"/organizations/{fin.pk}", data), 422)
    assert body["errors"][0]["field"] == next(iter(data))
    assert not events(AuditEventType.ORGANIZATION_CHANGED).exists()


def test_close_with_successor_moves_units_and_people(as_office, world):
    home, fin = world.orgs["HOME"], world.orgs["FIN"]
    response = as_office.post(
        f"/organizations/{home.pk}/close",
        {"closed_on": "2025-03-01", "successor_id": fin.pk, "note": "Hợp nhất theo NQ 01"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["closed_on"], body["is_active"], body["successor"]) == (
        "2025-03-01",
        False,
        {"id": fin.pk, "name": "Sở Tài chính"},
    )
    person = world.people["home"]
    person.refresh_from_db()
    assert person.organization == fin
    assert PersonAssignment.objects.filter(
        person=person, organization=fin, start_date=datetime.date(2025, 3, 1), end_date=None
    ).exists()
    unit = world.orgs["HOME-TDKT"]
    unit.refresh_from_db()
    assert unit.parent == fin
    assert unit.path.startswith(fin.path)
    event = events(AuditEventType.ORGANIZATION_CLOSED).get()
    assert event.extra == {"moved_units": [unit.pk], "moved_people": 1}
    # Closed organisations leave the default list but stay readable.
    assert home.pk not in {o["id"] for o in as_office.get("/organizations").json()["items"]}
    assert home.pk in {o["id"] for o in as_office.get("/organizations", include_closed="true").json()["items"]}
    assert as_office.get(f"/organizations/{home.pk}").status_code == 200
    # Nobody new may join it.
    new = {"organization_id": home.pk, "full_name": "Muộn Màng", "sex": "nu", "category": "vien_chuc"}
    assert list(error(as_office.post("/people", new), 400)["errors"]) == ["organization_id"]


def test_close_without_successor_while_people_remain_is_400(as_office, world):
    home = world.orgs["HOME"]
    body = error(as_office.post(f"/organizations/{home.pk}/close", {"closed_on": "2025-03-01"}), 400)
    assert list(body["errors"]) == ["successor_id"]
    home.refresh_from_db()
    assert home.active_to is None


def test_close_twice_is_400(as_office, world):
    unit = world.orgs["HOME-TDKT"]
    data = {"closed_on": "2025-03-01", "successor_id": world.orgs["HOME"].pk}
    assert as_office.post(f"/organizations/{unit.pk}/close", data).status_code == 200
    error(as_office.post(f"/organizations/{unit.pk}/close", data), 400)
    assert events(AuditEventType.ORGANIZATION_CLOSED).count() == 1


def test_organisation_list_filters_and_paging(as_office, world):
    divisions = as_office.get("/organizations", kind="division").json()
    assert {o["id"] for o in divisions["items"]} == {world.orgs["FIN-NS"].pk, world.orgs["HOME-TDKT"].pk}
    children = as_office.get("/organizations", parent_id=world.orgs["P"].pk).json()
    assert {o["id"] for o in children["items"]} == {world.orgs["FIN"].pk, world.orgs["HOME"].pk}
    page = as_office.get("/organizations", limit=2, offset=1).json()
    assert (page["count"], page["limit"], page["offset"], len(page["items"])) == (5, 2, 1, 2)
    assert as_office.get("/organizations", q="noi vu").json()["count"] == 1


# People ------------------------------------------------------------------------------------------


def test_create_person_with_history(as_officer, world):
    response = as_officer.post(
        "/people",
        {
            "organization_id": world.orgs["FIN-NS"].pk,
            "full_name": "  Vũ  Thị   Lan ",
            "sex": "nu",
            "category": "vien_chuc",
            "code": "CB-100",
            "date_of_birth": "1990-02-03",
            "position": "Chuyên viên",
            "start_date": "2015-08-01",
            "email": "lan@example.vn",
        },
    )
    assert response.status_code == 201
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert (person.full_name, person.organization, person.date_of_birth) == (
        "Vũ Thị Lan",
        world.orgs["FIN-NS"],
        datetime.date(1990, 2, 3),
    )
    assert body["assignments"] == [
        {
            "id": person.assignments.get().pk,
            "organization": {"id": world.orgs["FIN-NS"].pk, "name": "Phòng Quản lý ngân sách"},
            "position": "Chuyên viên",
            "start_date": "2015-08-01",
            "end_date": None,
        }
    ]
    assert events(AuditEventType.PERSON_CREATED, actor=world.users["unit_officer"], target_id=str(person.pk)).exists()
    assert [p["id"] for p in as_officer.get("/people", q="vu thi lan").json()["items"]] == [person.pk]


def test_create_person_with_a_taken_code_is_400(as_officer, world):
    data = {
        "organization_id": world.orgs["FIN"].pk,
        "full_name": "A",
        "sex": "nam",
        "category": "can_bo",
        "code": "CB-1",
    }
    assert as_officer.post("/people", data).status_code == 201
    response = as_officer.post("/people", data)
    assert response.status_code == 400
    assert Person.objects.filter(code="CB-1").count() == 1


def test_opening_date_after_closing_is_400(as_office, world):
    unit = world.orgs["HOME-TDKT"]
    as_office.post(f"/organizations/{unit.pk}/close", {"closed_on": "2025-03-01", "successor_id": unit.parent_id})
    assert as_office.patch(f"/organizations/{unit.pk}", {"active_from": "2026-01-01"}).status_code == 400
    unit.refresh_from_db()
    assert unit.active_from is None


@pytest.mark.parametrize("case", ["taken staff code", "opened after it closed"])
def test_constraint_violations_are_said_in_vietnamese(as_office, world, case):
    if case == "taken staff code":
        data = {"organization_id": world.orgs["FIN"].pk, "full_name": "A", "sex": "nam", "category": "can_bo"}
        as_office.post("/people", {**data, "code": "CB-1"})
        error(as_office.post("/people", {**data, "code": "CB-1"}), 400)
    else:
        unit = world.orgs["HOME-TDKT"]
        as_office.post(f"/organizations/{unit.pk}/close", {"closed_on": "2025-03-01", "successor_id": unit.parent_id})
        error(as_office.patch(f"/organizations/{unit.pk}", {"active_from": "2026-01-01"}), 400)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sex": "khac"}, "sex"),
        ({"category": "cong-chuc"}, "category"),
        ({"date_of_birth": "05/06/1980"}, "date_of_birth"),
        ({"full_name": ""}, "full_name"),
        ({"full_name": "x" * 151}, "full_name"),
        ({"is_manager": "co"}, "is_manager"),
        ({"organization_id": -1}, "organization_id"),
        ({"organization_id": 10**30}, "organization_id"),
        ({"phone": "\x00"}, "phone"),
    ],
)
def test_invalid_person_is_422_on_the_field(as_officer, world, data, field):
    base = {"organization_id": world.orgs["FIN"].pk, "full_name": "Hợp Lệ", "sex": "nam", "category": "can_bo"}
    body = error(as_officer.post("/people", {**base, **data}), 422)
    assert [e["field"] for e in body["errors"]] == [field]
    assert body["errors"][0]["message"].startswith(f"Trường “{field}”")
    assert not Person.objects.filter(full_name="Hợp Lệ").exists()


def test_update_person(as_officer, world):
    person = world.people["fin"]
    response = as_officer.patch(
        f"/people/{person.pk}", {"full_name": "Nguyễn Văn Đức Anh", "is_manager": True, "date_of_birth": None}
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.full_name, person.is_manager, person.date_of_birth, person.sex) == (
        "Nguyễn Văn Đức Anh",
        True,
        None,
        "nam",
    )
    event = events(AuditEventType.PERSON_CHANGED).get()
    assert set(event.extra["changed"]) == {"full_name", "is_manager", "date_of_birth"}


def test_update_without_change_writes_no_event(as_officer, world):
    person = world.people["fin"]
    assert as_officer.patch(f"/people/{person.pk}", {"full_name": person.full_name}).status_code == 200
    assert not events(AuditEventType.PERSON_CHANGED).exists()


def test_person_who_left_drops_out_of_the_default_list(as_officer, world):
    person = world.people["fin"]
    assert as_officer.patch(f"/people/{person.pk}", {"left_on": "2025-12-31"}).status_code == 200
    assert person.pk not in {p["id"] for p in as_officer.get("/people").json()["items"]}
    assert person.pk in {p["id"] for p in as_officer.get("/people", include_left="true").json()["items"]}
    assert as_officer.get(f"/people/{person.pk}").json()["is_active"] is False


def test_bad_email_is_400_from_the_model(as_officer, world):
    body = error(as_officer.patch(f"/people/{world.people['fin'].pk}", {"email": "khong-phai-email"}), 400)
    assert list(body["errors"]) == ["email"]


def test_move_records_the_history(as_officer, world):
    created = as_officer.post(
        "/people",
        {
            "organization_id": world.orgs["FIN"].pk,
            "full_name": "Đinh Công Tráng",
            "sex": "nam",
            "category": "cong_chuc",
            "position": "Chuyên viên",
            "start_date": "2018-01-01",
        },
    ).json()
    response = as_officer.post(
        f"/people/{created['id']}/move",
        {
            "organization_id": world.orgs["FIN-NS"].pk,
            "on_date": "2024-07-01",
            "position": "Phó Trưởng phòng",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["organization"]["id"] == world.orgs["FIN-NS"].pk
    assert body["position"] == "Phó Trưởng phòng"
    assert [(a["organization"]["id"], a["position"], a["start_date"], a["end_date"]) for a in body["assignments"]] == [
        (world.orgs["FIN-NS"].pk, "Phó Trưởng phòng", "2024-07-01", None),
        (world.orgs["FIN"].pk, "Chuyên viên", "2018-01-01", "2024-07-01"),
    ]
    event = events(AuditEventType.PERSON_MOVED).get()
    assert event.extra == {"on_date": "2024-07-01"}
    assert as_officer.get(f"/people/{created['id']}").json()["assignments"] == body["assignments"]


def test_move_before_the_current_start_is_400(as_officer, world):
    created = as_officer.post(
        "/people",
        {
            "organization_id": world.orgs["FIN"].pk,
            "full_name": "Lý Thường Kiệt",
            "sex": "nam",
            "category": "cong_chuc",
            "start_date": "2020-01-01",
        },
    ).json()
    body = error(
        as_officer.post(
            f"/people/{created['id']}/move", {"organization_id": world.orgs["FIN-NS"].pk, "on_date": "2019-12-31"}
        ),
        400,
    )
    assert list(body["errors"]) == ["on_date"]


def test_move_to_where_they_are_is_400(as_officer, world):
    person = world.people["fin"]
    body = error(
        as_officer.post(
            f"/people/{person.pk}/move", {"organization_id": world.orgs["FIN"].pk, "on_date": "2025-01-01"}
        ),
        400,
    )
    assert list(body["errors"]) == ["organization_id"]
    assert not events(AuditEventType.PERSON_MOVED).exists()


def test_people_list_filters_and_paging(as_office, world):
    women = as_office.get("/people", sex="nu").json()
    assert {p["id"] for p in women["items"]} == {world.people["fin-ns"].pk, world.people["home-tdkt"].pk}
    fin = world.orgs["FIN"].pk
    assert as_office.get("/people", organization_id=fin).json()["count"] == 2
    direct = as_office.get("/people", organization_id=fin, include_subunits="false").json()
    assert [p["id"] for p in direct["items"]] == [world.people["fin"].pk]
    assert as_office.get("/people", q="duc").json()["items"][0]["id"] == world.people["fin"].pk
    assert as_office.get("/people", category="vien_chuc").json()["count"] == 0
    page = as_office.get("/people", limit=1, offset=3).json()
    assert (page["count"], len(page["items"])) == (4, 1)
    assert as_office.get("/people", offset=100).json()["items"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 501},
        {"offset": -1},
        {"offset": 10**20},
        {"limit": "mot"},
        {"sex": "x"},
        {"include_left": "co"},
        {"q": "a" * 201},
        {"organization_id": "FIN"},
        {"q": "\x00"},
    ],
)
def test_invalid_list_queries_are_422(as_office, params):
    error(as_office.get("/people", **params), 422)


# Blocks ------------------------------------------------------------------------------------------


def test_create_block_and_add_members(as_office, world):
    response = as_office.post(
        "/blocks",
        {
            "organizer_id": world.orgs["P"].pk,
            "name": "Cụm thi đua các sở",
            "kind": "cum",
            "year": 2026,
            "basis": "QĐ 12/QĐ-UBND",
        },
    )
    assert response.status_code == 201
    block = EmulationBlock.objects.get(pk=response.json()["id"])
    assert (block.kind, block.year, response.json()["members"]) == ("cum", 2026, [])
    assert events(AuditEventType.BLOCK_CREATED, target_id=str(block.pk)).exists()

    home = as_office.post(f"/blocks/{block.pk}/members", {"organization_id": world.orgs["HOME"].pk, "role": "head"})
    assert home.status_code == 200
    assert (home.json()["organization"]["id"], home.json()["role"]) == (world.orgs["HOME"].pk, "head")
    fin = as_office.post(f"/blocks/{block.pk}/members", {"organization_id": world.orgs["FIN"].pk, "role": "head"})
    assert fin.status_code == 200
    # One head per block: the new head takes over, the old one stays a member.
    detail = as_office.get(f"/blocks/{block.pk}").json()
    assert [(m["organization"]["id"], m["role"]) for m in detail["members"]] == [
        (world.orgs["HOME"].pk, "member"),
        (world.orgs["FIN"].pk, "head"),
    ]
    assert detail["member_count"] == 2
    assert events(AuditEventType.BLOCK_MEMBER_ADDED, target_id=str(block.pk)).count() == 2


def test_duplicate_block_is_400(as_office, world):
    data = {"organizer_id": world.orgs["P"].pk, "name": world.block.name, "year": world.block.year}
    error(as_office.post("/blocks", data), 400)
    assert EmulationBlock.objects.count() == 1


def test_member_outside_the_organising_province_is_400(as_admin, world):
    body = error(as_admin.post(f"/blocks/{world.block.pk}/members", {"organization_id": world.orgs["Q-CA"].pk}), 400)
    assert list(body["errors"]) == ["organization_id"]


def test_remove_member(as_office, world):
    membership = world.block.memberships.get(organization=world.orgs["FIN"])
    url = f"/blocks/{world.block.pk}/members/{membership.pk}"
    response = as_office.delete(url)
    assert response.status_code == 204
    assert response.content == b""
    assert not BlockMembership.objects.filter(pk=membership.pk).exists()
    assert events(AuditEventType.BLOCK_MEMBER_REMOVED).get().before == {
        "organization_id": world.orgs["FIN"].pk,
        "role": "member",
    }
    error(as_office.delete(url), 404)


def test_block_list_by_year_and_name(as_office, world):
    EmulationBlock.objects.create(organizer=world.orgs["P"], name="Khối Nội chính", year=2023)
    world.block.refresh_search_text()  # the fixture creates it without the service
    world.block.save()
    assert [b["year"] for b in as_office.get("/blocks").json()["items"]] == [2023, 2022]
    assert [b["id"] for b in as_office.get("/blocks", year=2022).json()["items"]] == [world.block.pk]
    assert as_office.get("/blocks", q="tham muu").json()["items"][0]["member_count"] == 2
    error(as_office.get("/blocks", year="hai-nghin"), 422)


@pytest.mark.parametrize(
    "data", [{"year": 1999}, {"year": 2022.5}, {"kind": "nhom"}, {"name": ""}, {"organizer_id": None}]
)
def test_invalid_block_is_422(as_office, world, data):
    base = {"organizer_id": world.orgs["P"].pk, "name": "Khối hợp lệ", "year": 2026}
    body = error(as_office.post("/blocks", {**base, **data}), 422)
    assert [e["field"] for e in body["errors"]] == list(data)
