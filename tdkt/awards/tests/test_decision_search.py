"""Issue 14.5: the decisions list finds a decision by its number and by words without tone marks (the
public search already did): /awards/decisions/?q=312 finds 312/QĐ-SNV, so do "312/QĐ-SNV", "giay khen"
(the form it gives), "so noi vu" (its issuer) and an awardee's name without marks; the API the same."""

import pytest
from django.urls import reverse

from conftest import Api
from tdkt.accounts.models import User
from tdkt.awards.models import Decision
from tdkt.core.demo.cached import load_demo


@pytest.fixture
def office(db, client):
    assert load_demo() is True
    user = User.objects.get(username="thuongtruc")
    client.force_login(user)
    return user


def _found(client, query) -> list[str]:
    page = client.get(reverse("awards:decisions"), {"q": query})
    assert page.status_code == 200
    return [d.reference for d in page.context["page"].object_list]


@pytest.mark.parametrize("query", ["312", "312/QĐ-SNV", "312/qd-snv", "giay khen", "GIẤY KHEN", "so noi vu 312"])
def test_the_decisions_list_finds_312_by_number_and_words_without_marks(office, client, query):
    assert _found(client, query) == ["312/QĐ-SNV"]


def test_an_awardee_without_marks_and_nothing_for_a_stranger(office, client):
    awardee = Decision.objects.get(number=312).awardees.first()
    assert _found(client, awardee.search_text.split()[-1] + " 312") == ["312/QĐ-SNV"]
    assert _found(client, "khong co quyet dinh nao") == []
    assert _found(client, "313") == []


def test_the_api_searches_the_same_way(office, client):
    api = Api(client, office)
    body = api.get("/awards/decisions", q="giay khen 312").json()
    assert [f"{d['number']}/{d['symbol']}" for d in body["items"]] == ["312/QĐ-SNV"]
    assert api.get("/awards/decisions", q="x" * 101).status_code == 422
