"""Issue 12, 1g: a user lists and revokes their own API tokens (page and API) and can sign out
everywhere — every token revoked and every other session ended, this one kept, the password
unchanged. Audited."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import VIETNAMESE
from tdkt.accounts.models import ApiToken
from tdkt.accounts.services import api_token_issue
from tdkt.audit.models import AuditEvent, AuditEventType

TOKENS_URL = "/api/v1/auth/tokens"


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def works(token) -> bool:
    status = Client().get("/api/v1/people", headers=bearer(token)).status_code
    assert status in (200, 401)
    return status == 200


@pytest.fixture
def officer(world):
    return world.users["unit_officer"]


# API ---------------------------------------------------------------------------------------------


def test_list_shows_only_my_tokens_and_which_one_i_use(client, world, officer):
    mine = api_token_issue(user=officer, ip_address="10.0.0.7")
    other = api_token_issue(user=officer)
    api_token_issue(user=world.users["viewer"])
    response = client.get(TOKENS_URL, headers=bearer(mine))
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 2
    assert {t["id"] for t in body} == set(ApiToken.objects.filter(user=officer).values_list("pk", flat=True))
    current = [t for t in body if t["current"]]
    assert len(current) == 1
    assert current[0]["ip_address"] == "10.0.0.7"
    assert current[0]["last_used_at"] is not None  # this very call
    assert works(other)
    assert "token_hash" not in response.content.decode()


def test_revoke_one_of_my_tokens(client, world, officer):
    mine, other = api_token_issue(user=officer), api_token_issue(user=officer)
    other_id = ApiToken.objects.filter(user=officer).order_by("-pk").first().pk
    response = client.delete(f"{TOKENS_URL}/{other_id}", headers=bearer(mine))
    assert response.status_code == 204
    assert not works(other)
    assert works(mine)
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED)
    assert event.actor == officer
    assert event.after == {"api_token_revoked": other_id}


def test_revoking_the_token_in_use_ends_it_too(client, officer):
    mine = api_token_issue(user=officer)
    token_id = ApiToken.objects.get(user=officer).pk
    assert client.delete(f"{TOKENS_URL}/{token_id}", headers=bearer(mine)).status_code == 204
    assert client.get(TOKENS_URL, headers=bearer(mine)).status_code == 401


def test_someone_elses_token_is_not_found(client, world, officer):
    mine = api_token_issue(user=officer)
    theirs = api_token_issue(user=world.users["admin"])
    their_id = ApiToken.objects.get(user=world.users["admin"]).pk
    response = client.delete(f"{TOKENS_URL}/{their_id}", headers=bearer(mine))
    assert response.status_code == 404
    assert VIETNAMESE.search(response.json()["detail"])
    assert works(theirs)
    assert not AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED).exists()


def test_the_token_list_needs_a_login(client, db):
    assert client.get(TOKENS_URL).status_code == 401
    assert client.delete(f"{TOKENS_URL}/1").status_code == 401


def test_a_page_session_revokes_with_csrf(world, officer):
    token = api_token_issue(user=officer)
    token_id = ApiToken.objects.get(user=officer).pk
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    assert browser.delete(f"{TOKENS_URL}/{token_id}").status_code == 403  # no CSRF token
    assert works(token)


def test_sign_out_everywhere_by_api(client, world, officer):
    here = Client()
    assert here.login(username="canbo", password="pw-canbo")
    mine, other = api_token_issue(user=officer), api_token_issue(user=officer)
    theirs = api_token_issue(user=world.users["viewer"])
    response = client.delete(TOKENS_URL, headers=bearer(mine))
    assert response.status_code == 200
    assert response.json() == {"revoked": 2}
    assert not works(mine)
    assert not works(other)
    assert works(theirs)
    assert here.get(reverse("account_sessions")).status_code == 302  # the page session ended too
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED, actor=officer)
    assert event.after == {"signed_out_everywhere": True, "api_tokens_revoked": 2, "sessions_ended": 1}


# Page --------------------------------------------------------------------------------------------


def test_menu_leads_to_the_page(client, officer):
    client.force_login(officer)
    assert reverse("account_sessions") in client.get(reverse("home")).content.decode()


def test_page_lists_and_revokes_my_tokens(client, world, officer):
    token = api_token_issue(user=officer, ip_address="192.0.2.4")
    theirs = api_token_issue(user=world.users["viewer"])
    client.force_login(officer)
    page = client.get(reverse("account_sessions"))
    assert page.status_code == 200
    assert "192.0.2.4" in page.text
    mine = ApiToken.objects.get(user=officer)
    their_id = ApiToken.objects.get(user=world.users["viewer"]).pk
    assert client.post(reverse("api_token_revoke", args=[their_id])).status_code == 404
    assert works(theirs)
    response = client.post(reverse("api_token_revoke", args=[mine.pk]))
    assert response.status_code == 302
    assert not works(token)
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED, actor=officer).count() == 1


def test_sign_out_everywhere(world, officer):
    here, elsewhere = Client(), Client()
    assert here.login(username="canbo", password="pw-canbo")
    assert elsewhere.login(username="canbo", password="pw-canbo")
    tokens = [api_token_issue(user=officer), api_token_issue(user=officer)]
    response = here.post(reverse("sign_out_everywhere"))
    assert response.status_code == 302
    # This session stays, the other ends, every token is revoked.
    assert here.get(reverse("account_sessions")).status_code == 200
    assert elsewhere.get(reverse("account_sessions")).status_code == 302
    assert not any(works(t) for t in tokens)
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED, actor=officer)
    assert event.after == {"signed_out_everywhere": True, "api_tokens_revoked": 2, "sessions_ended": 1}
    # The password is unchanged: a new sign-in and a new token work.
    assert Client().login(username="canbo", password="pw-canbo")
    body = json.dumps({"username": "canbo", "password": "pw-canbo"})
    assert Client().post("/api/v1/auth/token", body, content_type="application/json").status_code == 200


def test_sign_out_everywhere_is_a_post_with_csrf(officer):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    assert browser.get(reverse("sign_out_everywhere")).status_code == 405
    assert browser.post(reverse("sign_out_everywhere")).status_code == 403
    officer.refresh_from_db()
    assert officer.session_epoch == ""


def test_sessions_signed_before_the_change_stay_valid(world, officer):
    """The session hash is Django's own until the user first signs out everywhere."""
    from django.contrib.auth.base_user import AbstractBaseUser

    assert officer.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(officer)
