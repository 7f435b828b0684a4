"""Linking rules, the pending list, the anonymous callback, and the deploy check."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.sso import services
from tdkt.sso.checks import oidc_issuer_https
from tdkt.sso.models import IdentityLink, PendingIdentity

from .factories import link_identity, pending_identity


def test_a_locked_account_cannot_be_linked(world, provider):
    account = world.users["unit_officer"]
    account.is_active = False
    account.save()
    with pytest.raises(ValidationError):
        services.identity_link(actor=world.users["admin"], pending=pending_identity(provider), user=account)
    assert not IdentityLink.objects.exists()


def test_an_account_gets_one_identity_of_a_provider(world, provider):
    account = world.users["unit_officer"]
    IdentityLink.objects.create(issuer=provider.issuer, subject="first", user=account)
    with pytest.raises(ValidationError):
        services.identity_link(actor=world.users["admin"], pending=pending_identity(provider), user=account)
    assert PendingIdentity.objects.count() == 1


def test_an_identity_already_linked_cannot_be_linked_again(world, provider):
    link_identity(world.users["unit_leader"], provider)
    with pytest.raises(ValidationError):
        services.identity_link(
            actor=world.users["admin"], pending=pending_identity(provider), user=world.users["unit_officer"]
        )


def test_the_services_refuse_anyone_but_the_administrator(world, provider):
    pending = pending_identity(provider)
    link = IdentityLink.objects.create(issuer=provider.issuer, subject="other", user=world.users["unit_leader"])
    actor = world.users["standing_office"]
    with pytest.raises(PermissionDenied):
        services.identity_link(actor=actor, pending=pending, user=world.users["unit_officer"])
    with pytest.raises(PermissionDenied):
        services.identity_unlink(actor=actor, link=link)
    with pytest.raises(PermissionDenied):
        services.pending_dismiss(actor=actor, pending=pending)


def test_the_administrator_removes_a_request_from_the_list(client, world, provider):
    pending = pending_identity(provider)
    client.force_login(world.users["admin"])
    assert client.post(reverse("sso:dismiss", args=[pending.pk])).status_code == 302
    assert not PendingIdentity.objects.exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.USER_CHANGED, extra__sso="dismissed")
    assert provider.user["sub"] in event.target_label


def test_a_callback_no_sign_in_started_is_refused_without_filling_the_log(client, db, provider):
    response = client.get(reverse("sso:callback") + "?code=abc&state=xyz")
    assert response.status_code == 400
    assert not AuditEvent.objects.exists()


def test_the_unlinked_page_without_an_attempt_goes_to_the_login_page(client, db, provider):
    assert client.get(reverse("sso:unlinked")).url == reverse("login")


@pytest.mark.parametrize(
    ("issuer", "errors"),
    [("https://sso.quangtri.gov.vn/realms/tinh", 0), ("http://127.0.0.1:9000", 0), ("http://sso.example.vn", 1)],
)
def test_the_deploy_check_wants_https(settings, issuer, errors):
    settings.TDKT_OIDC_ISSUER = issuer
    settings.TDKT_OIDC_CLIENT_ID = "tdkt"
    settings.TDKT_OIDC_CLIENT_SECRET = "x"
    assert len(oidc_issuer_https(None)) == errors


def test_the_deploy_check_is_silent_while_single_sign_on_is_off(settings):
    settings.TDKT_OIDC_ISSUER = ""
    assert oidc_issuer_https(None) == []


def test_the_administrators_account_page_include(world, provider):
    from django.template.loader import render_to_string

    account = world.users["unit_officer"]
    html = render_to_string("sso/_user_identity_admin.html", {"account": account})
    assert 'id="sso-user-identity"' in html
    assert reverse("sso:identities") in html
    link = link_identity(account, provider)
    html = render_to_string("sso/_user_identity_admin.html", {"account": account})
    assert provider.user["sub"] in html
    assert reverse("sso:unlink", args=[link.pk]) in html


def test_the_linked_identity_shows_on_the_account_pages(client, world, provider):
    account = world.users["unit_officer"]
    link = link_identity(account, provider)
    client.force_login(account)
    own = client.get(reverse("account_sessions")).content.decode()
    assert 'id="sso-account-identity"' in own
    assert provider.user["sub"] in own
    assert reverse("sso:unlink", args=[link.pk]) not in own  # the user sees it; only the administrator unlinks
    client.force_login(world.users["admin"])
    admin_page = client.get(reverse("accounts:user", args=[account.pk])).content.decode()
    assert 'id="sso-user-identity"' in admin_page
    assert reverse("sso:unlink", args=[link.pk]) in admin_page
