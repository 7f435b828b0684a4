"""With the unit leader's sign-off on: a draft the leader sent back is badged "Lãnh đạo trả lại" (the
warning colour) with the reason on the dossier page and in the dossier list, and the API says so
(sent_back_reason, sent_back_at), unlike a fresh draft or one the officer recalled; past the round's
deadline the officer sees beside "Trình lãnh đạo" that the leader will have to confirm the late
sending, and puts it before the leader without any extra step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, override

from conftest import Api
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import CommendationRound
from tdkt.awards.services.workflow import dossier_act
from tdkt.organizations.models import Organization

from .test_dossier_pages import _ready


@pytest.fixture
def signoff(awards):
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    return awards


def _vi(msgid: str) -> str:
    with override("vi"):
        return gettext(msgid)


def _badge(page: str) -> str:
    return page.split('id="dossier-state">', 1)[1].split("</span>", 1)[0]


def _sent_back(a):
    officer, leader = a.world.users["unit_officer"], a.world.users["unit_leader"]
    dossier = dossier_act(actor=officer, dossier=_ready(a), action="request_signoff")
    return dossier_act(actor=leader, dossier=dossier, action="send_back", reason="Thiếu biên bản họp")


def test_sent_back_draft_is_badged_with_the_reason(client, signoff):
    a = signoff
    dossier = _sent_back(a)
    fresh = _ready(a, title="Hồ sơ mới")
    client.force_login(a.world.users["unit_officer"])
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).text
    assert _badge(page) == _vi("Sent back by the leader")
    assert 'text-bg-warning" id="dossier-state"' in page
    assert "Thiếu biên bản họp" in page.split('id="sent-back"', 1)[1].split("</div>", 1)[0]
    assert _badge(client.get(reverse("awards:dossier", args=[fresh.pk])).text) == _vi("Draft")
    listing = client.get(reverse("awards:dossiers")).text
    row = listing.split(dossier.title, 1)[1].split("</tr>", 1)[0]
    assert f'text-bg-warning">{_vi("Sent back by the leader")}</span>' in row
    assert "Thiếu biên bản họp" in row
    fresh_row = listing.split(fresh.title, 1)[1].split("</tr>", 1)[0]
    assert _vi("Sent back by the leader") not in fresh_row
    api = Api(client, a.world.users["unit_officer"])
    body = api.get(f"/awards/dossiers/{dossier.pk}").json()
    assert body["sent_back_reason"] == "Thiếu biên bản họp"
    assert body["sent_back_at"]
    items = {d["id"]: d for d in api.get("/awards/dossiers").json()["items"]}
    assert items[dossier.pk]["sent_back_reason"] == "Thiếu biên bản họp"
    assert items[fresh.pk]["sent_back_reason"] == ""
    assert items[fresh.pk]["sent_back_at"] is None


def test_once_put_before_the_leader_again_it_is_no_longer_sent_back(client, signoff):
    a = signoff
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_sent_back(a), action="request_signoff")
    assert dossier.state == State.AWAITING_SIGNOFF
    client.force_login(a.world.users["unit_officer"])
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).text
    assert _badge(page) == _vi("Awaiting the leader's sign-off")
    recalled = dossier_act(actor=a.world.users["unit_officer"], dossier=dossier, action="recall")
    assert _badge(client.get(reverse("awards:dossier", args=[recalled.pk])).text) == _vi("Draft")


def test_officer_past_the_deadline_is_warned_beside_the_button(client, signoff):
    a = signoff
    dossier = _ready(a)
    CommendationRound.objects.filter(pk=a.round.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=3))
    client.force_login(a.world.users["unit_officer"])
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).text
    with override("vi"):
        expected = ngettext(
            "Overdue by %(days)s day: the leader will have to confirm the reason for sending it late.",
            "Overdue by %(days)s days: the leader will have to confirm the reason for sending it late.", 3,
        ) % {"days": 3}
    form = page.split('id="action-request_signoff"', 1)[1].split("</form>", 1)[0]
    assert expected in form
    # no extra step: the officer's press puts it before the leader
    client.post(reverse("awards:dossier_action", args=[dossier.pk, "request_signoff"]))
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SIGNOFF
    client.force_login(a.world.users["unit_leader"])
    assert 'id="late-warning"' not in client.get(reverse("awards:dossier", args=[dossier.pk])).text


def test_officer_before_the_deadline_no_warning(client, signoff):
    a = signoff
    dossier = _ready(a)
    CommendationRound.objects.filter(pk=a.round.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=3))
    client.force_login(a.world.users["unit_officer"])
    assert 'id="late-warning"' not in client.get(reverse("awards:dossier", args=[dossier.pk])).text


def test_summary_totals_row_has_its_own_words(client, signoff):
    a = signoff
    dossier = dossier_act(actor=a.world.users["unit_officer"], dossier=_ready(a), action="request_signoff")
    client.force_login(a.world.users["unit_leader"])
    page = client.get(reverse("awards:dossier_signoff", args=[dossier.pk])).text
    row = page.split("<tfoot>", 1)[1].split('id="signoff-count"', 1)[0]
    assert _vi("Total nominees") in row
    assert "Danh sách đề nghị khen thưởng" not in row  # the list's title, not a count's label
