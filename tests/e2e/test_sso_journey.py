"""Provincial single sign-on in the browser (issue 15.5): the login page's button → the local OpenID
provider (a real server on its own port) → "not linked yet" → the administrator links the identity to
the person's account → the same button signs the person in."""

import pytest

from tdkt.accounts.models import RoleGrant, User
from tdkt.organizations.models import Organization
from tdkt.sso.models import IdentityLink, PendingIdentity
from tests.support.oidc_provider import OidcProvider

from .test_accessibility import SEVERE, _axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(settings):
    with OidcProvider(client_id="tdkt-e2e", client_secret="e2e-secret", alg="ES256") as p:
        p.user = {"sub": "cccd-045201000777", "email": "lan.pt@quangtri.gov.vn", "name": "Phạm Thị Lan"}
        settings.TDKT_OIDC_ISSUER = p.issuer
        settings.TDKT_OIDC_CLIENT_ID = p.client_id
        settings.TDKT_OIDC_CLIENT_SECRET = p.client_secret
        yield p


def _no_severe_findings(page):
    """axe-core, as the accessibility test runs it: no serious or critical finding on the page."""
    severe = [v for v in _axe(page) if v["impact"] in SEVERE]
    assert severe == [], severe


def _password_login(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(f"{base}/")


def test_sso_button_provider_link_and_home(live_server, browser, page, provider, screenshot):
    base = live_server.url
    fin = Organization(code="FIN", name="Sở Tài chính", kind="department", level="department")
    fin.refresh_search_text()
    fin.save()
    fin.path, fin.depth = f"/{fin.pk}/", 0
    fin.save(update_fields=["path", "depth"])
    lan = User.objects.create_user(
        username="lanpt", password="pw-lanpt-12345", full_name="Phạm Thị Lan", organization=fin
    )
    RoleGrant.objects.create(user=lan, role="unit_officer", organization=fin)
    admin = User.objects.create_user(username="quantri", password="pw-quantri-12345", full_name="Quản trị")
    RoleGrant.objects.create(user=admin, role="admin")
    users_before = User.objects.count()

    # The login page offers the provincial sign-in; the provider knows the person, the system does not yet.
    page.goto(f"{base}/accounts/login/")
    button = page.locator("#sso-login")
    assert button.is_visible()
    screenshot(page, "e2e-sso-login-button")
    button.click()
    page.wait_for_url(f"{base}/sso/unlinked/")
    assert page.locator("#sso-subject").inner_text() == provider.user["sub"]
    assert "lan.pt@quangtri.gov.vn" in page.locator("#sso-identity").inner_text()
    screenshot(page, "e2e-sso-unlinked")
    assert PendingIdentity.objects.filter(subject=provider.user["sub"]).exists()

    # The administrator links the identity to Lan's existing account, from the account menu.
    # (axe is injected as a script, so this second browser bypasses the pages' CSP; the first one keeps it.)
    admin_context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900}, bypass_csp=True)
    admin_page = admin_context.new_page()
    admin_page.goto(f"{base}/accounts/login/")
    _no_severe_findings(admin_page)  # the login page with the provincial button
    admin_page.locator("#sso-login").click()
    admin_page.wait_for_url(f"{base}/sso/unlinked/")
    _no_severe_findings(admin_page)
    _password_login(admin_page, base, "quantri", "pw-quantri-12345")
    admin_page.locator("#nav-user .dropdown-toggle").click()
    admin_page.locator("#nav-sso-identities").click()
    admin_page.wait_for_url(f"{base}/accounts/identities/")
    admin_page.locator(f'#sso-pending tr[data-subject="{provider.user["sub"]}"] a.btn-primary').click()
    _no_severe_findings(admin_page)  # the form that chooses the account
    admin_page.locator("#id_user").select_option(str(lan.pk))
    admin_page.locator("#sso-link button[type=submit]").click()
    admin_page.locator("#confirm-step").wait_for()
    admin_page.locator("#confirm-step button[type=submit]").click()
    admin_page.wait_for_url(f"{base}/accounts/identities/")
    assert "lanpt" in admin_page.locator(f'#sso-links tr[data-subject="{provider.user["sub"]}"]').inner_text()
    screenshot(admin_page, "e2e-sso-identities")
    _no_severe_findings(admin_page)
    admin_context.close()

    # The same button now signs Lan in, straight to the home page.
    page.goto(f"{base}/accounts/login/")
    page.locator("#sso-login").click()
    page.wait_for_url(f"{base}/")
    assert "Phạm Thị Lan" in page.locator("#nav-user").inner_text()
    screenshot(page, "e2e-sso-home")
    assert IdentityLink.objects.get(user=lan).last_login_at is not None
    assert User.objects.count() == users_before
