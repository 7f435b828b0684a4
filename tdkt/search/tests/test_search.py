"""Issue 14.5: one search across all history ("Tra cứu") on the demo — a person by a name typed without
tone marks, decision 312/QĐ-SNV by "312" (the decision and the three Giấy khen it recorded), scope (the
other provinces' users see none of Quảng Trị), filters, the Excel export read back, the API."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import Api
from tdkt.accounts.models import User
from tdkt.core.demo.cached import load_demo
from tdkt.organizations.models import Person


@pytest.fixture
def office(db, client):
    assert load_demo() is True
    user = User.objects.get(username="thuongtruc")
    client.force_login(user)
    return user


def _sections(client, **query):
    page = client.get(reverse("search:search"), query)
    assert page.status_code == 200
    return {s["kind"]: s for s in page.context["sections"]}


def test_a_name_without_tone_marks(office, client):
    found = _sections(client, q="truong phuong nhung")
    names = [r["values"][0] for r in found["people"]["rows"]]
    assert "Trương Phương Nhung" in names
    assert found["people"]["count"] == Person.objects.filter(full_name="Trương Phương Nhung").count()
    assert reverse("search:search") in client.get(reverse("home")).content.decode()  # in the menu


def test_312_finds_the_decision_and_what_it_recorded(office, client):
    found = _sections(client, q="312")
    assert [r["values"][0] for r in found["decisions"]["rows"]] == ["312/QĐ-SNV"]
    assert found["honours"]["count"] == 3  # the three Giấy khen of 312/QĐ-SNV
    assert {r["values"][4] for r in found["honours"]["rows"]} == {"312/QĐ-SNV"}
    only = _sections(client, q="312/QĐ-SNV", kind="decisions")
    assert list(only) == ["decisions"]
    assert only["decisions"]["count"] == 1
    assert _sections(client, q="312", year_from="2025")["decisions"]["count"] == 0  # issued in 2024


def test_filters_are_checked(office, client):
    response = client.get(reverse("search:search"), {"q": "x", "year_from": "2025", "year_to": "2020"})
    assert response.status_code == 400
    assert client.get(reverse("search:search"), {"year_from": "2o24"}).status_code == 400


def test_other_provinces_see_nothing_of_quang_tri(office, client):
    client.force_login(User.objects.get(username="canbo_tq"))
    found = _sections(client, q="truong phuong nhung")
    assert found["people"]["count"] == 0
    assert _sections(client, q="312")["decisions"]["count"] == 0


def test_the_excel_export_reads_back(office, client):
    response = client.get(reverse("search:export"), {"q": "312"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    decisions = [row for row in book["Quyết định khen thưởng"].iter_rows(values_only=True)]
    assert decisions[0][0] == "Quyết định"
    assert decisions[1][0] == "312/QĐ-SNV"
    assert len(list(book["Danh hiệu, khen thưởng đã nhận"].iter_rows(values_only=True))) == 4


def test_the_api(office, client):
    api = Api(client, office)
    body = api.get("/search", q="312", kind="decisions").json()
    assert body["results"][0]["count"] == 1
    assert body["results"][0]["items"][0]["values"][0] == "312/QĐ-SNV"
    assert api.get("/search", kind="nothing").status_code == 422
    assert api.get("/search", q="x" * 101).status_code == 422
    people = api.get("/search", q="truong phuong nhung", kind="people").json()["results"][0]
    assert people["count"] >= 1
