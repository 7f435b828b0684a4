"""The dossier's history names who moved it by full name and organisation, not by login."""

from django.urls import reverse

from .test_documents import awaiting_dossier


def test_history_shows_full_names_with_their_organisations(client, awards):
    world = awards.world
    for key, name, org in (("unit_officer", "Phạm Thị Lan", "FIN"), ("standing_office", "Lê Thị Thu Hà", "P")):
        user = world.users[key]
        user.full_name, user.organization = name, world.orgs[org]
        user.save()
    dossier = awaiting_dossier(awards)
    client.force_login(world.users["standing_office"])
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    history = page.split('id="history"', 1)[1]
    assert "Phạm Thị Lan (Sở Tài chính)" in history
    assert "Lê Thị Thu Hà (UBND tỉnh Quảng Trị)" in history
    assert ">canbo<" not in history
    assert ">thuongtruc<" not in history
