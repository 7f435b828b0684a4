"""Formula injection (issue 12, 1b): the candidates' export writes names as text, numbers as numbers."""


import pytest
from django.urls import reverse

from tdkt.core.tests.hostile_xlsx import FORMULA_LIKE, assert_text_not_formulas
from tdkt.organizations.models import Organization, Person
from tdkt.records import services as records

pytestmark = pytest.mark.django_db


def test_candidates_export(client, world):
    Person.objects.filter(pk=world.people["fin"].pk).update(full_name=FORMULA_LIKE[0], position=FORMULA_LIKE[1])
    Person.objects.filter(pk=world.people["fin-ns"].pk).update(full_name=FORMULA_LIKE[3])
    Organization.objects.filter(pk=world.orgs["HOME"].pk).update(name=FORMULA_LIKE[2])
    for key in ("fin", "fin-ns", "home"):
        records.rating_set(actor=world.users["admin"], person=world.people[key], year=2025, rating="HTXSNV")
    client.force_login(world.users["standing_office"])
    response = client.get(reverse("rules:candidates"),
                          {"year": 2025, "award": "CSTDCS", "org": world.orgs["P"].pk, "format": "xlsx"})
    assert response.status_code == 200
    cells = assert_text_not_formulas(b"".join(response.streaming_content), FORMULA_LIKE[0], FORMULA_LIKE[3],
                                     FORMULA_LIKE[2])
    numbers = [c for c in cells if c.column == 1 and c.row > 1]
    assert numbers
    assert all(c.data_type == "n" for c in numbers)  # "TT" stays a number
