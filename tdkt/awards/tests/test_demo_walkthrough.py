"""The demo walked as a new user (issue 11): whoever a waiting dossier reached was told (the bell and
"Thông báo" agree with the inbox), the dossiers past the unit carry their required files, the inbox
says since when each waits, and the dossier page of a ballot or a decision leads to where the work
is done instead of only saying no step is the user's."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts.models import User
from tdkt.accounts.testing import force_login_verified
from tdkt.awards.models import Dossier
from tdkt.core.demo.cached import load_demo
from tdkt.notifications.inbox import inbox_for
from tdkt.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    assert load_demo() is True


def _texts(username):
    return [n.text for n in Notification.objects.filter(user__username=username)]


def test_each_waiting_hand_over_was_notified_when_it_happened(demo, client):
    assert any("chờ tiếp nhận" in t for t in _texts("thuongtruc"))
    assert any("mời đồng chí bỏ phiếu" in t for t in _texts("hoidong"))
    assert any("chờ ban hành quyết định" in t for t in _texts("pheduyet"))
    assert any("chờ lãnh đạo ký duyệt" in t for t in _texts("lanhdao"))
    # dated when the demo's step happened, not when the demo was loaded
    dates = Notification.objects.filter(user__username__in=["thuongtruc", "hoidong", "pheduyet"])
    assert {timezone.localtime(n.created_at).year for n in dates} == {2025}

    client.force_login(User.objects.get(username="thuongtruc"))
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Bạn không có thông báo nào" not in page
    assert "08/09/2025" in page


def test_waiting_dossiers_carry_their_required_files_and_wait_since_their_step(demo):
    for dossier in Dossier.objects.filter(state__in=["submitted", "voting", "awaiting_decision", "awaiting_signoff"]):
        required = {c["code"] for n in dossier.nominees.all() for c in n.award.components if c.get("required")}
        assert required <= set(dossier.attachments.values_list("component", flat=True)), dossier
    today = timezone.localdate()
    for username in ("lanhdao", "hoidong", "thuongtruc", "pheduyet"):
        for item in inbox_for(User.objects.get(username=username)):
            if item.group == "awards":
                assert item.since is not None, (username, item.kind)
                assert item.since.date() < today, (username, item.kind)
                assert item.since.date() >= date(2025, 1, 1), (username, item.kind)


def test_the_ballot_and_the_decision_are_reached_from_the_dossier_page(demo, client):
    voting = Dossier.objects.get(state="voting")
    deciding = Dossier.objects.get(state="awaiting_decision")
    client.force_login(User.objects.get(username="thuongtruc"))
    page = client.get(reverse("awards:dossier", args=[voting.pk])).content.decode()
    assert 'id="ballot-link"' in page
    assert f'href="{reverse("awards:votes", args=[voting.pk])}"' in page
    assert client.get(reverse("awards:votes", args=[voting.pk])).status_code == 200

    force_login_verified(client, User.objects.get(username="pheduyet"))  # the demo's second factor passed
    page = client.get(reverse("awards:dossier", args=[deciding.pk])).content.decode()
    assert 'id="decision-link"' in page
    assert 'href="#dossier-decisions"' in page
    assert 'id="dossier-decisions"' in page
    assert reverse("awards:decision_new", args=[deciding.pk]) in page

    # the unit sees neither hint: the ballot is not theirs to open
    client.force_login(User.objects.get(username="canbo"))
    for dossier in (voting, deciding):
        response = client.get(reverse("awards:dossier", args=[dossier.pk]))
        assert 'id="ballot-link"' not in response.content.decode()


def test_load_demo_writes_counts_the_vietnamese_way(db, settings):
    settings.TDKT_DEMO = True
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    summary = out.getvalue().splitlines()[-1]
    assert "xếp loại" in summary
    assert "," not in summary.split("khối thi đua, ")[1].split(" xếp loại")[0]  # '2.884', not '2,884'
