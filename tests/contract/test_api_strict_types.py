"""Issue 12, 1f: the API takes ids, years and dates strictly (tdkt.core.api_types) — `0` is not a
date, `true` is not an id, a year is 1900–2100 — and says which field is wrong, in Vietnamese (422).
"""

import datetime

import pytest
from pydantic import ValidationError

from conftest import VIETNAMESE, Api
from tdkt.core.api_types import Date, Id, Year
from tdkt.records.models import AnnualRating, DisciplineRecord, ReviewFlag


@pytest.fixture
def admin(client, world):
    return Api(client, world.users["admin"])


def refused_on(response, field):
    assert response.status_code == 422, response.content
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field], body
    assert field in body["detail"]
    assert VIETNAMESE.search(body["detail"])
    return body["detail"]


@pytest.mark.parametrize("bad", [0, 20250101, 1.5, True, "01/02/2025", "2025-1-2", "2025-01-01T00:00:00", "", None])
def test_a_date_is_iso_text_only(admin, world, bad):
    person = world.people["fin"]
    response = admin.post(f"/people/{person.pk}/discipline", {"form": "canh_cao", "start_date": bad})
    refused_on(response, "start_date")
    assert not DisciplineRecord.objects.exists()


@pytest.mark.parametrize(("bad", "says"), [("1899-12-31", "1900"), ("2101-01-01", "2100"), ("2025-02-30", "có thật")])
def test_a_date_is_real_and_within_1900_to_2100(admin, world, bad, says):
    response = admin.post(f"/people/{world.people['fin'].pk}/reviews", {"reason": "thanh_tra", "opened_on": bad})
    assert says in refused_on(response, "opened_on")
    assert not ReviewFlag.objects.exists()


def test_a_good_date_still_passes(admin, world):
    response = admin.post(
        f"/people/{world.people['fin'].pk}/reviews", {"reason": "thanh_tra", "opened_on": "2025-03-31"}
    )
    assert response.status_code == 201, response.content
    assert ReviewFlag.objects.get().opened_on == datetime.date(2025, 3, 31)


@pytest.mark.parametrize("bad", [True, False, 1.0, "abc", "12", [1], {"id": 1}])
def test_an_id_is_a_whole_number_not_a_boolean(admin, world, bad):
    response = admin.post(
        "/people", {"organization_id": bad, "full_name": "Ngô Thị Lan", "sex": "nu", "category": "cong_chuc"}
    )
    refused_on(response, "organization_id")


def test_ids_in_a_json_list_are_integers(admin, world):
    body = {
        "organization_id": world.orgs["P"].pk,
        "title": "Phong trào thử",
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
        "participant_ids": [world.orgs["FIN"].pk, str(world.orgs["HOME"].pk)],
    }
    refused_on(admin.post("/movements", body), "participant_ids.1")


def test_true_is_not_the_parent_with_id_1(admin, world):
    body = {"code": "X", "name": "Phòng X", "kind": "division", "level": "unit", "parent_id": True}
    refused_on(admin.post("/organizations", body), "parent_id")


@pytest.mark.parametrize("bad", [1899, 2101, 0, -5, True, 2024.0, "2024", 10**20])
def test_a_year_is_a_whole_number_from_1900_to_2100(admin, world, bad):
    response = admin.post(f"/organizations/{world.orgs['FIN'].pk}/ratings", {"year": bad, "rating": "HTTNV"})
    refused_on(response, "year")
    assert not AnnualRating.objects.exists()


@pytest.mark.parametrize("bad", [1, 0, "true", "yes", "on", None])
def test_a_yes_no_in_a_json_body_is_true_or_false(admin, world, bad):
    person = world.people["fin"]
    refused_on(admin.patch(f"/people/{person.pk}", {"is_manager": bad}), "is_manager")
    assert admin.patch(f"/people/{person.pk}", {"is_manager": True}).status_code == 200


def test_a_quarter_is_a_whole_number_too():
    from tdkt.movements.schemas import TaskIn

    with pytest.raises(ValidationError) as caught:
        TaskIn.model_validate({"quarter": True})
    assert any(e["loc"] == ("quarter",) and e["type"] == "strict_int" for e in caught.value.errors())


@pytest.mark.parametrize("bad", ["1899", "2101", "true", "2024.0", "x"])
def test_a_year_in_the_query_string_is_checked_too(admin, bad):
    refused_on(admin.get("/blocks", year=bad), "year")


def test_a_date_in_the_query_string_is_checked_too(admin, world):
    url = f"/people/{world.people['fin'].pk}/eligibility"
    refused_on(admin.get(url, year=2024, on_date="0"), "on_date")
    refused_on(admin.get(url, year=2024, on_date="1899-01-01"), "on_date")


def test_an_id_in_the_address_is_still_text(admin, world):
    assert admin.get(f"/organizations/{world.orgs['FIN'].pk}").status_code == 200
    assert admin.get("/organizations/true").status_code == 422


# The types themselves ----------------------------------------------------------------------------


def _check(annotation, value):
    from pydantic import TypeAdapter

    return TypeAdapter(annotation).validate_python(value)


def test_the_types_accept_what_python_callers_pass():
    assert _check(Date, datetime.date(2025, 1, 2)) == datetime.date(2025, 1, 2)
    assert _check(Id, 7) == 7
    assert _check(Year, "2025") == 2025  # a query string's text
    for annotation, bad in [
        (Date, datetime.datetime(2025, 1, 2, 0, 0)),
        (Date, 0),
        (Id, True),
        (Id, 0),
        (Id, "1e3"),
        (Year, 1899.0),
    ]:
        with pytest.raises(ValidationError):
            _check(annotation, bad)


# The OpenAPI document says so --------------------------------------------------------------------


@pytest.fixture
def spec(client, db):
    return client.get("/api/v1/openapi.json").json()


def _inputs(spec):
    for name, schema in spec["components"]["schemas"].items():
        if name.endswith(("In", "Query")):
            for field, prop in schema.get("properties", {}).items():
                yield name, field, prop


def _types(prop):
    return prop.get("anyOf", [prop])


def test_every_input_date_is_iso_text_with_bounds_documented(spec):
    dates = [(n, f, p) for n, f, p in _inputs(spec) if any(t.get("format") == "date" for t in _types(p))]
    assert len(dates) > 20
    for name, field, prop in dates:
        date = next(t for t in _types(prop) if t.get("format") == "date")
        assert date["type"] == "string", (name, field)
        assert "1900-01-01" in date.get("description", "") + prop.get("description", ""), (name, field)


def test_every_input_id_and_year_is_a_bounded_integer(spec):
    checked = 0
    for name, field, prop in _inputs(spec):
        if field.endswith("_id") or field == "year":
            number = next(t for t in _types(prop) if t.get("type") == "integer")
            assert number["minimum"] >= 1, (name, field)
            if field == "year":
                assert number["minimum"] >= 1900, (name, field)
                assert number["maximum"] <= 2100, (name, field)
            checked += 1
    assert checked > 20
