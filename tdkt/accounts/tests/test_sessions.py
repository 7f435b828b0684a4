"""Session policy (issue 15.6): idle sessions end, a user sees their sessions and ends one or all."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tdkt.accounts.domain.useragent import describe
from tdkt.accounts.models import UserSession
from tdkt.audit.models import AuditEvent, AuditEventType

NOW = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
)
COCCOC_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/140.0 "
    "Chrome/134.0 Mobile Safari/537.36"
)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def signed_in(username="canbo", **headers) -> Client:
    browser = Client(headers=headers)
    response = browser.post(reverse("login"), {"username": username, "password": f"pw-{username}"})
    assert response.status_code == 302
    return browser


def test_user_agent_is_described():
    assert describe(CHROME_WINDOWS) == "Chrome trên Windows"
    assert describe(COCCOC_ANDROID) == "Cốc Cốc trên Android"
    assert describe("") == "Trình duyệt không rõ"


def test_idle_session_ends_with_a_message_on_the_login_page(world, clock, settings):
    settings.TDKT_SESSION_IDLE_MINUTES = 30
    browser = signed_in()
    clock.shift(datetime.timedelta(minutes=29))
    assert browser.get(reverse("home")).status_code == 200  # activity: the clock starts again
    clock.shift(datetime.timedelta(minutes=29))
    assert browser.get(reverse("home")).status_code == 200
    clock.shift(datetime.timedelta(minutes=31))
    answer = browser.get(reverse("account_sessions"))
    assert answer.status_code == 302
    assert answer.url == reverse("login") + "?next=%2Faccounts%2Fsessions%2F&expired=idle"
    login_page = browser.get(answer.url)
    assert 'id="idle-expired"' in login_page.text
    assert browser.get(reverse("home")).status_code == 302  # signed out for good
    assert not UserSession.objects.exists()


def test_htmx_request_of_an_idle_session_redirects_the_whole_page(world, clock, settings):
    settings.TDKT_SESSION_IDLE_MINUTES = 30
    browser = signed_in()
    clock.shift(datetime.timedelta(minutes=31))
    answer = browser.get(reverse("home"), headers={"HX-Request": "true"})
    assert answer["HX-Redirect"] == reverse("login") + "?expired=idle"


def test_activity_is_written_at_most_once_a_minute(world, clock):
    browser = signed_in()
    row = UserSession.objects.get()
    clock.shift(30)
    browser.get(reverse("home"))
    row.refresh_from_db()
    assert row.last_active_at == NOW
    clock.shift(40)
    browser.get(reverse("home"))
    row.refresh_from_db()
    assert row.last_active_at == NOW + datetime.timedelta(seconds=70)


def test_sessions_page_lists_mine_and_marks_this_one(world, clock):
    here = signed_in(**{"User-Agent": CHROME_WINDOWS})
    signed_in(**{"User-Agent": COCCOC_ANDROID})
    signed_in("xem")  # someone else's is not listed
    page = here.get(reverse("account_sessions"))
    assert page.status_code == 200
    rows = page.context["user_sessions"]
    assert [r["device"] for r in rows if r["current"]] == ["Chrome trên Windows"]
    assert {r["device"] for r in rows} == {"Chrome trên Windows", "Cốc Cốc trên Android"}
    assert 'id="current-session"' in page.text
    assert "127.0.0.1" in page.text


def test_ending_one_session_signs_it_out(world, clock):
    here = signed_in()
    phone = signed_in(**{"User-Agent": COCCOC_ANDROID})
    theirs = signed_in("xem")
    target = UserSession.objects.get(user=world.users["unit_officer"], user_agent=COCCOC_ANDROID)
    other = UserSession.objects.get(user=world.users["viewer"])
    # Someone else's session cannot be ended.
    here.post(reverse("session_end", args=[other.pk]))
    assert theirs.get(reverse("home")).status_code == 200
    assert here.post(reverse("session_end", args=[target.pk])).status_code == 302
    assert phone.get(reverse("home")).status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert not Session.objects.filter(session_key=target.session_key).exists()
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED).latest("pk")
    assert event.after == {"session_ended": target.pk}
    assert "Cốc Cốc trên Android" in event.target_label


def test_sign_out_everywhere_ends_the_listed_sessions_but_this_one(world, clock):
    here = signed_in()
    elsewhere = [signed_in(), signed_in()]
    assert here.post(reverse("sign_out_everywhere")).status_code == 302
    assert here.get(reverse("home")).status_code == 200
    for browser in elsewhere:
        assert browser.get(reverse("home")).status_code == 302
    rows = here.get(reverse("account_sessions")).context["user_sessions"]
    assert len(rows) == 1
    assert rows[0]["current"]
    # The kept session's key was cycled: its row follows it, so it can still be ended from the list.
    row = UserSession.objects.get()
    assert row.session_key == here.session.session_key


def test_logout_forgets_the_row(world, clock):
    browser = signed_in()
    assert UserSession.objects.count() == 1
    browser.post(reverse("logout"))
    assert not UserSession.objects.exists()


def test_idle_rows_are_not_listed(world, clock, settings):
    settings.TDKT_SESSION_IDLE_MINUTES = 30
    signed_in()
    clock.shift(datetime.timedelta(minutes=45))
    here = signed_in()
    rows = here.get(reverse("account_sessions")).context["user_sessions"]
    assert len(rows) == 1
    assert rows[0]["current"]


def test_ending_this_session_signs_out_here(world, clock):
    here = signed_in()
    clock.shift(90)  # this request also writes the activity: the ended session must not be saved back
    row = UserSession.objects.get()
    answer = here.post(reverse("session_end", args=[row.pk]))
    assert answer.status_code == 302
    assert answer.url == reverse("login")
    assert here.get(reverse("home")).status_code == 302
    assert not UserSession.objects.exists()
