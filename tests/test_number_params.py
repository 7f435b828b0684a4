"""Numbers in addresses (issue 12, 1e): '²' passes str.isdigit() and then fails int(); 20 digits
overflow the database's integer. Every list that reads a year or an id from the address treats
them as not given (or not found), never a 500."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ODD = ["²", "²⁰²⁵", "9" * 20, "-1", "1e3", "٢٠٢٥"]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize(("name", "param"), [
    ("movements:list", "year"),
    ("scoring:rounds", "year"),
    ("organizations:blocks", "year"),
    ("awards:rounds", "year"),
    ("awards:dossiers", "round"),
    ("organizations:imports", "year"),
    ("organizations:imports", "organization"),
])
def test_lists_ignore_odd_numbers(client, world, name, param, value):
    client.force_login(world.users["admin"])
    assert client.get(reverse(name), {param: value}).status_code == 200


@pytest.mark.parametrize("value", ODD)
def test_record_page_and_template_ignore_odd_numbers(client, world, value):
    client.force_login(world.users["admin"])
    page = client.get(reverse("records:subject", args=["person", world.people["fin"].pk]), {"year": value})
    assert page.status_code == 200
    template = client.get(reverse("organizations:import_template", args=["records"]), {"organization": value})
    assert template.status_code == 404
