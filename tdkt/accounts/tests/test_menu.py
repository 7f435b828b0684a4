"""The navigation of every page (templates/base.html): the commendation menu and the public pages."""

import re

import pytest
from django.urls import reverse

from conftest import ROLES


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_anonymous_visitors_see_only_the_public_pages_link(client, db):
    html = client.get(reverse("login")).content.decode()
    links = _hrefs(html)
    assert reverse("public:home") in links
    for name in ("awards:dossiers", "awards:rounds", "awards:decisions", "awards:catalogue"):
        assert reverse(name) not in links, name


@pytest.mark.parametrize("role", ROLES)
def test_commendation_menu_by_role(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("home"))
    assert response.status_code == 200
    links = _hrefs(response.content.decode())
    for name in ("awards:dossiers", "awards:rounds", "awards:decisions", "public:home"):
        assert reverse(name) in links, (role, name)
    # The catalogue is read by whoever may read dossiers (every role); a user with no role gets no link.
    assert (reverse("awards:catalogue") in links) == (role != "nobody"), role
    if role != "nobody":
        assert client.get(reverse("awards:catalogue")).status_code == 200
    else:
        assert client.get(reverse("awards:catalogue")).status_code in (403, 404)
