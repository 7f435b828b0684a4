"""OpenID sign-in (issue 15 point 5) against a local provider on a real port: the whole redirect
dance, refusals of bad ID tokens, the administrator's linking, and no account ever created."""

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tdkt.accounts.models import RoleGrant, User
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.sso.models import IdentityLink, PendingIdentity

from .conftest import follow
from .factories import link_identity, pending_identity


def signed_in_as(client) -> int | None:
    """Who the client's session signs in as on its next request (None: nobody)."""
    if client.session.get(SESSION_KEY) is None:
        return None
    user = client.get(reverse("account_sessions")).wsgi_request.user
    return user.pk if user.is_authenticated else None


def test_no_button_and_no_sign_in_while_not_configured(client, db, settings):
    settings.TDKT_OIDC_ISSUER = ""
    assert 'id="sso-login"' not in client.get(reverse("login")).text
    assert client.get(reverse("sso:login")).status_code == 404
    assert client.get(reverse("sso:callback")).status_code == 404


def test_button_on_the_login_page_when_configured(client, db, provider):
    page = client.get(reverse("login") + "?next=/records/")
    assert 'id="sso-login"' in page.text
    assert reverse("sso:login") + "?next=/records/" in page.text


@pytest.mark.parametrize("alg", ["RS256", "ES256"])
def test_a_linked_identity_signs_in(client, world, provider, alg):
    provider.alg = alg
    user = world.users["unit_officer"]
    link_identity(user, provider)
    users_before = User.objects.count()

    response = follow(client, provider, reverse("sso:login"))

    assert response.status_code == 200
    assert response.wsgi_request.path == reverse("home")
    assert signed_in_as(client) == user.pk
    assert User.objects.count() == users_before
    # The authorization request carried state, nonce and a S256 PKCE challenge; the token request
    # the verifier and the client secret (checked by the provider, or no ID token would come back).
    ((_, authorize),) = [entry for entry in provider.log if entry[0] == "/authorize"]
    assert authorize["code_challenge_method"] == "S256"
    assert authorize["state"]
    assert authorize["nonce"]
    ((_, token),) = [entry for entry in provider.log if entry[0] == "/token"]
    assert token["code_verifier"]
    link = IdentityLink.objects.get(user=user)
    assert link.last_login_at is not None
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN, actor=user).get()
    assert event.extra["method"] == "oidc"
    assert event.extra["subject"] == provider.user["sub"]


def test_sign_in_returns_to_the_page_asked_for(client, world, provider):
    link_identity(world.users["unit_officer"], provider)
    response = follow(client, provider, reverse("sso:login") + "?next=/accounts/sessions/")
    assert response.wsgi_request.path == "/accounts/sessions/"


def test_the_account_page_line_shows_the_linked_identity(client, world, provider):
    """The read-only line tdkt/sso offers the account's sessions page (sso/_account_identity.html)."""
    link_identity(world.users["unit_officer"], provider, email="canbo@quangtri.gov.vn")
    response = follow(client, provider, reverse("sso:login"))
    html = render_to_string("sso/_account_identity.html", request=response.wsgi_request)
    assert 'id="sso-account-identity"' in html
    assert provider.user["sub"] in html
    assert "canbo@quangtri.gov.vn" in html
    other = Client()
    other.force_login(world.users["unit_leader"])
    page = other.get(reverse("account_sessions"))
    assert "sso-account-identity" not in render_to_string("sso/_account_identity.html", request=page.wsgi_request)


def test_an_unlinked_identity_is_refused_and_waits_for_the_administrator(client, world, provider):
    users_before = User.objects.count()
    response = follow(client, provider, reverse("sso:login"))

    assert response.wsgi_request.path == reverse("sso:unlinked")
    assert 'id="sso-unlinked"' in response.text
    for shown in (provider.issuer, provider.user["sub"], provider.user["email"], provider.user["name"]):
        assert shown in response.text
    assert signed_in_as(client) is None
    assert User.objects.count() == users_before
    pending = PendingIdentity.objects.get()
    assert (pending.subject, pending.email, pending.attempts) == (provider.user["sub"], provider.user["email"], 1)
    failure = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED).get()
    assert failure.extra["reason"] == "identity not linked"

    follow(client, provider, reverse("sso:login"))  # tries again: the same row, counted
    assert PendingIdentity.objects.get().attempts == 2


def test_the_administrator_links_the_identity_and_it_signs_in(client, world, provider):
    follow(client, provider, reverse("sso:login"))
    pending = PendingIdentity.objects.get()
    account = world.users["unit_officer"]
    grants_before = list(RoleGrant.objects.values_list("user_id", "role", "organization_id").order_by("pk"))
    users_before = User.objects.count()

    admin = Client()
    admin.force_login(world.users["admin"])
    listing = admin.get(reverse("sso:identities"))
    assert listing.status_code == 200
    assert provider.user["sub"] in listing.text
    assert admin.get(reverse("sso:link", args=[pending.pk])).status_code == 200
    # Choosing the account shows the confirmation page; nothing is linked yet.
    confirm = admin.post(reverse("sso:link", args=[pending.pk]), {"user": account.pk})
    assert 'id="confirm-step"' in confirm.text
    assert account.username in confirm.text
    assert not IdentityLink.objects.exists()
    done = admin.post(reverse("sso:link", args=[pending.pk]), {"user": account.pk, "confirmed": "1"})
    assert done.status_code == 302

    link = IdentityLink.objects.get()
    assert (link.user, link.linked_by, link.subject) == (account, world.users["admin"], provider.user["sub"])
    assert not PendingIdentity.objects.exists()
    event = AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED, extra__sso="linked").get()
    assert event.actor == world.users["admin"]
    assert event.target_id == str(account.pk)

    response = follow(client, provider, reverse("sso:login"))
    assert response.wsgi_request.path == reverse("home")
    assert signed_in_as(client) == account.pk
    assert User.objects.count() == users_before
    assert list(RoleGrant.objects.values_list("user_id", "role", "organization_id").order_by("pk")) == grants_before


def test_unlinking_ends_the_session_and_the_sign_in(client, world, provider):
    account = world.users["unit_officer"]
    link = link_identity(account, provider)
    follow(client, provider, reverse("sso:login"))
    assert client.get(reverse("home")).status_code == 200

    admin = Client()
    admin.force_login(world.users["admin"])
    assert 'id="confirm-step"' in admin.get(reverse("sso:unlink", args=[link.pk])).text
    assert admin.post(reverse("sso:unlink", args=[link.pk]), {"confirmed": "1"}).status_code == 302
    assert not IdentityLink.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_CHANGED, extra__sso="unlinked").count() == 1

    # The session the identity opened is over at its next request.
    assert client.get(reverse("home")).status_code == 302
    response = follow(client, provider, reverse("sso:login"))
    assert response.wsgi_request.path == reverse("sso:unlinked")
    assert signed_in_as(client) is None
    # The account's password still works.
    assert Client().post(reverse("login"), {"username": "canbo", "password": "pw-canbo"}).status_code == 302


def test_a_locked_account_is_refused(client, world, provider):
    account = world.users["unit_officer"]
    link_identity(account, provider)
    account.is_active = False
    account.save()
    response = follow(client, provider, reverse("sso:login"))
    assert response.status_code == 403
    assert 'id="sso-locked"' in response.text
    assert signed_in_as(client) is None
    failure = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED).get()
    assert failure.extra["reason"] == "account inactive"
    assert failure.target_id == str(account.pk)
    assert not PendingIdentity.objects.exists()


def test_a_session_of_an_account_locked_afterwards_ends(client, world, provider):
    account = world.users["unit_officer"]
    link_identity(account, provider)
    follow(client, provider, reverse("sso:login"))
    User.objects.filter(pk=account.pk).update(is_active=False)
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    ("breakage", "reason"),
    [
        ({"id_token_claims": {"nonce": "not-the-session-nonce"}}, "nonce"),
        ({"id_token_claims": {"aud": "another-client"}}, "aud"),
        ({"id_token_claims": {"aud": "another-client", "azp": "tdkt-quangtri"}}, "aud"),
        ({"id_token_claims": {"exp": 1_000_000_000}}, "exp"),
        ({"id_token_claims": {"iss": "http://evil.example"}}, "iss"),
        ({"id_token_claims": {"sub": None}}, "sub"),
        ({"sign_with": "unknown"}, "signature"),
    ],
    ids=[
        "wrong-nonce",
        "wrong-audience",
        "wrong-audience-with-azp",
        "expired",
        "wrong-issuer",
        "no-subject",
        "bad-signature",
    ],
)
def test_a_bad_id_token_is_refused(client, world, provider, breakage, reason):
    link_identity(world.users["unit_officer"], provider)
    for name, value in breakage.items():
        setattr(provider, name, value)
    users_before = User.objects.count()

    response = follow(client, provider, reverse("sso:login"))

    assert response.status_code == 400
    assert 'id="sso-failed"' in response.text
    assert signed_in_as(client) is None
    assert User.objects.count() == users_before
    assert not PendingIdentity.objects.exists()
    failure = AuditEvent.objects.filter(event_type=AuditEventType.USER_LOGIN_FAILED).get()
    assert failure.extra["method"] == "oidc"
    assert reason in failure.extra["reason"]
    assert IdentityLink.objects.get().last_login_at is None


def test_a_callback_with_a_forged_state_is_refused(client, world, provider):
    link_identity(world.users["unit_officer"], provider)
    start = client.get(reverse("sso:login"))
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    callback = answer.headers["Location"].replace("state=", "state=x")
    response = client.get(callback.removeprefix("http://testserver"))
    assert response.status_code == 400
    assert signed_in_as(client) is None


def test_a_code_without_the_pkce_verifier_gets_no_token(client, world, provider):
    link_identity(world.users["unit_officer"], provider)
    start = client.get(reverse("sso:login"))
    session = client.session
    for key, value in session.items():
        if key.startswith("_state_province_"):
            value["data"]["code_verifier"] = "a-verifier-the-provider-never-saw-" + "x" * 20
            session[key] = value
    session.save()
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    response = client.get(answer.headers["Location"].removeprefix("http://testserver"))
    assert response.status_code == 400
    assert signed_in_as(client) is None
    token_answers = [entry for entry in provider.log if entry[0] == "/token"]
    assert len(token_answers) == 1  # asked, and refused by the provider (PKCE)


def test_a_provider_claiming_another_issuer_is_refused(client, world, provider, settings):
    settings.TDKT_OIDC_ISSUER = provider.issuer.replace("127.0.0.1", "localhost")
    response = client.get(reverse("sso:login"))
    assert response.status_code == 502
    assert 'id="sso-failed"' in response.text


def test_logout_offers_to_end_the_provincial_session(client, world, provider):
    link_identity(world.users["unit_officer"], provider)
    follow(client, provider, reverse("sso:login"))
    response = client.post(reverse("sso:logout"))
    assert response.status_code == 200
    assert 'id="sso-end-session"' in response.text
    assert f"{provider.issuer}/logout?" in response.text
    assert "id_token_hint=" in response.text
    assert signed_in_as(client) is None
    # Without a provincial session (a password login) it is a plain local logout.
    other = Client()
    other.post(reverse("login"), {"username": "lanhdao", "password": "pw-lanhdao"})
    assert other.post(reverse("sso:logout")).status_code == 302


@pytest.mark.parametrize("role", ["standing_office", "unit_officer", "viewer", "nobody"])
def test_only_the_administrator_links_and_unlinks(world, provider, role):
    pending = pending_identity(provider)
    other = world.users["unit_leader"]
    link = IdentityLink.objects.create(issuer=provider.issuer, subject="another-subject", user=other)
    client = Client()
    client.force_login(world.users[role])
    assert client.get(reverse("sso:identities")).status_code == 403
    assert client.get(reverse("sso:link", args=[pending.pk])).status_code == 403
    target = world.users["unit_officer"].pk
    assert client.post(reverse("sso:link", args=[pending.pk]), {"user": target, "confirmed": "1"}).status_code == 403
    assert client.post(reverse("sso:unlink", args=[link.pk]), {"confirmed": "1"}).status_code == 403
    assert client.post(reverse("sso:dismiss", args=[pending.pk])).status_code == 403
    assert IdentityLink.objects.count() == 1
    assert PendingIdentity.objects.count() == 1


def test_single_sign_on_does_not_skip_the_second_factor(client, world, provider, settings):
    """The accounts app's middleware (issue 15.4) asks the roles that need it for a second factor
    whatever opened the session; a provincial sign-in opens it with Django's login() like the form."""
    if "tdkt.accounts.middleware.SecondFactorMiddleware" not in settings.MIDDLEWARE:
        pytest.skip("two-factor sign-in is not in this tree")
    settings.TDKT_TWO_FACTOR_REQUIRED_ROLES = ("unit_officer",)
    link_identity(world.users["unit_officer"], provider)
    response = follow(client, provider, reverse("sso:login"))
    assert response.wsgi_request.resolver_match.url_name in {"two_factor_enrol", "two_factor_verify"}
    assert client.get(reverse("home")).status_code == 302
