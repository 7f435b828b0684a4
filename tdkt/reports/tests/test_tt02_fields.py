"""The facts forms 0604 and 0605 count, kept on organisations and people: edited on their pages and
through the API, shown on their pages, and counted once set."""

import datetime

from conftest import Api
from tdkt.organizations.models import Organization, Person
from tdkt.reports import selectors
from tdkt.reports.domain.forms import FORMS


def _count(code, org, year=2025):
    return selectors.report_compute(FORMS[code], year=year, organization=org).cells["01"]["1"]


def test_organisation_page_sets_the_unit_kind(client, world):
    client.force_login(world.users["standing_office"])
    org = world.orgs["HOME-TDKT"]
    data = {"code": org.code, "name": org.name, "short_name": "", "kind": org.kind, "level": org.level,
            "parent": org.parent_id, "active_from": "", "tdkt_unit_kind": "ban_snv"}
    response = client.post(f"/organizations/{org.pk}/edit/", data)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.tdkt_unit_kind == "ban_snv"
    page = client.get(f"/organizations/{org.pk}/").content.decode()
    assert 'id="tdkt-unit-kind"' in page
    assert _count("0604", world.orgs["P"]) == 1
    data["tdkt_unit_kind"] = ""
    client.post(f"/organizations/{org.pk}/edit/", data)
    assert _count("0604", world.orgs["P"]) == 0


def test_person_page_sets_the_tdkt_officer_facts(client, world):
    client.force_login(world.users["standing_office"])
    person = world.people["home-tdkt"]
    data = {"code": "", "full_name": person.full_name, "sex": "nu", "date_of_birth": "01/03/1990", "ethnicity": "",
            "category": "cong_chuc", "position": "", "service_start": "", "left_on": "", "email": "", "phone": "",
            "is_tdkt_officer": "on", "in_tdkt_work_since": "15/08/2018", "education_level": "tren_dai_hoc"}
    response = client.post(f"/people/{person.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.is_tdkt_officer
    assert person.in_tdkt_work_since == datetime.date(2018, 8, 15)
    assert person.education_level == "tren_dai_hoc"
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert "15/08/2018" in page
    assert 'id="tdkt-officer"' in page
    cells = selectors.report_compute(FORMS["0605"], year=2025, organization=world.orgs["P"]).cells
    assert cells["01"] == {"1": 1, "2": 1}
    assert cells["03"] == {"1": 1, "2": 1}  # 35 at 31/12/2025
    assert cells["12"] == {"1": 1, "2": 1}
    assert cells["14"] == {"1": 1, "2": 1}  # 7 years


def test_api_reads_and_writes_the_fields(client, world):
    api = Api(client, world.users["standing_office"])
    created = api.post("/organizations", {"code": "HOME-P9", "name": "Phòng Thi đua", "kind": "division",
                                          "level": "unit", "parent_id": world.orgs["HOME"].pk,
                                          "tdkt_unit_kind": "phong_snv"})
    assert created.status_code in (200, 201), created.content
    assert created.json()["tdkt_unit_kind"] == "phong_snv"
    assert Organization.objects.get(code="HOME-P9").tdkt_unit_kind == "phong_snv"
    org_id = created.json()["id"]
    assert api.patch(f"/organizations/{org_id}", {"tdkt_unit_kind": "vu"}).json()["tdkt_unit_kind"] == "vu"
    assert api.patch(f"/organizations/{org_id}", {"tdkt_unit_kind": "khac"}).status_code == 422

    person = world.people["home"]
    body = api.patch(f"/people/{person.pk}", {"is_tdkt_officer": True, "education_level": "dai_hoc",
                                              "in_tdkt_work_since": "2020-01-01"}).json()
    assert body["is_tdkt_officer"] is True
    assert body["education_level"] == "dai_hoc"
    assert body["in_tdkt_work_since"] == "2020-01-01"
    person = Person.objects.get(pk=person.pk)
    assert person.is_tdkt_officer
    assert api.patch(f"/people/{person.pk}", {"education_level": "tien_si"}).status_code == 422
