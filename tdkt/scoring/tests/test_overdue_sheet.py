"""A draft sheet long past its deadline says it is overdue, with the days grouped ("1.457"), and no
longer invites the unit to "submit it by the deadline"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tdkt.scoring.models import ScoringRound
from tdkt.scoring.services.sheets import sheet_start


def _sheet_page(client, s):
    sheet = sheet_start(actor=s.users["unit_officer"], scoring_round=s.round, organization=s.orgs["FIN"])
    client.force_login(s.users["unit_officer"])
    return client.get(reverse("scoring:sheet", args=[sheet.pk])).content.decode()


def test_a_draft_past_its_deadline_says_overdue_with_grouped_days(client, scoring):
    deadline = timezone.localdate() - datetime.timedelta(days=1457)
    ScoringRound.objects.filter(pk=scoring.round.pk).update(self_deadline=deadline)
    scoring.round.refresh_from_db()
    page = _sheet_page(client, scoring)
    days_left = page.split('id="days-left"', 1)[1].split("</span>", 1)[0]
    assert "1.457" in days_left
    assert "1457" not in page
    assert 'id="overdue-note"' in page
    assert "then submit it by the deadline" not in page
    assert "nộp phiếu trước hạn" not in page


def test_a_draft_before_its_deadline_keeps_the_usual_note(client, scoring):
    page = _sheet_page(client, scoring)
    assert 'id="overdue-note"' not in page
    assert 'id="days-left"' in page
