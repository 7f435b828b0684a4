"""The round's deadline badge counts days like every page and groups them ("quá hạn 1.457 ngày")."""

import datetime

from django.urls import reverse
from django.utils import timezone


def test_round_page_groups_a_long_overdue_count(client, awards):
    awards.round.deadline = timezone.localdate() - datetime.timedelta(days=1457)
    awards.round.save()
    client.force_login(awards.world.users["unit_officer"])
    page = client.get(reverse("awards:round", args=[awards.round.pk])).content.decode()
    badge = page.split('id="round-days-left"', 1)[1].split("</span>", 1)[0]
    assert "1.457" in badge
    assert "1457" not in badge
