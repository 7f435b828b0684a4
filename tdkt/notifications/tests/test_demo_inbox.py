"""The demo leaves work waiting for every demo account (the viewer only reads: nothing waits for
it), the home page and the API show it, and each inbox counts only its own organisations' work."""

import pytest
from django.urls import reverse

from conftest import Api
from tdkt.accounts.models import User
from tdkt.core.demo.cached import load_demo
from tdkt.notifications.inbox import inbox_for, total

ACCOUNTS = ["admin", "thuongtruc", "hoidong", "pheduyet", "truongkhoi", "canbo", "lanhdao"]


@pytest.fixture
def demo(db):
    assert load_demo() is True


def kinds(username) -> dict[str, int]:
    return {i.kind: i.count for i in inbox_for(User.objects.get(username=username))}


def test_every_demo_account_has_work_waiting(demo):
    for username in ACCOUNTS:
        items = inbox_for(User.objects.get(username=username))
        assert total(items) > 0, username
    assert kinds("xem") == {}  # a viewer reads; nothing waits for its action
    assert kinds("thuongtruc")["dossier_to_receive"] == 1
    assert kinds("hoidong") == {"ballot_to_cast": 2}
    assert kinds("pheduyet") == {"dossier_to_decide": 1}
    assert {"report_to_review", "registration_to_approve", "round_to_publish"} <= set(kinds("truongkhoi"))
    assert {"report_to_submit", "report_returned", "sheet_to_submit"} <= set(kinds("canbo"))
    # canbo put a Sở Tài chính dossier before lanhdao: it waits for the leader's sign-off
    assert kinds("lanhdao")["dossier_to_sign_off"] == 1
    assert "dossier_to_sign_off" not in kinds("canbo")


def test_a_unit_never_counts_another_units_work(demo):
    # Sở Tài chính's officer sees none of the dossiers other units sent, nor their reports.
    assert not {k for k in kinds("canbo") if k.startswith("dossier_")}
    assert "dossier_to_receive" not in kinds("truongkhoi")  # the block head is not the receiving office


def test_home_page_lists_the_inbox_and_the_menu_its_total(client, demo):
    assert client.login(username="thuongtruc", password="demo")
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert 'data-kind="dossier_to_receive"' in page.text
    expected = total(inbox_for(User.objects.get(username="thuongtruc")))
    assert f'<span class="badge text-bg-warning" id="inbox-count">{expected}</span>' in page.text
    assert client.login(username="xem", password="demo")
    page = client.get(reverse("home"))
    assert 'id="inbox-count"' not in page.text
    assert 'id="inbox"' in page.text  # the section says nothing waits


def test_api_inbox_is_the_same_inbox(client, demo):
    user = User.objects.get(username="pheduyet")
    answer = Api(client, user).get("/inbox")
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 1
    [item] = body["items"]
    assert (item["kind"], item["count"], item["group"]) == ("dossier_to_decide", 1, "awards")
    assert item["url"].startswith("/awards/")
    assert {"title", "due", "since", "in_total"} <= set(item)
    assert client.get("/api/v1/inbox").status_code == 401


def test_lanhdao_finds_the_dossier_canbo_put_before_them(client, demo):
    from tdkt.awards.models import Dossier

    dossier = Dossier.objects.get(state="awaiting_signoff")
    assert dossier.organization.code == "QT-STC"
    assert dossier.created_by.username == "canbo"
    assert dossier.nominees.count() == 2
    assert list(dossier.transitions.values_list("action", "actor__username")) == [("request_signoff", "canbo")]
    assert client.login(username="lanhdao", password="demo")
    page = client.get(reverse("awards:dossier_signoff", args=[dossier.pk]))
    assert page.status_code == 200
    assert 'id="signoff-count">2<' in page.text
    assert "sign_off" in page.text
    detail = client.get(reverse("awards:dossier", args=[dossier.pk])).text
    assert 'id="send-blocked"' not in detail  # every required component is attached
    assert client.get(reverse("awards:attachment", args=[dossier.attachments.first().pk])).status_code == 200
