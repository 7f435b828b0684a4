"""Signed and trusted (issue 15.1): the approver issues the decision for the demo's dossier waiting for
it (Phòng Công chức, viên chức — a Giấy khen of Sở Nội vụ, whose demo signer signs it), and the public
decision page shows "Đã ký số" with the signer and the time; the PDF downloaded from the decision page
checks against the demo's root. Before, the dossier page shows the unit's tờ trình as validly signed.

The approver signs in through the journeys' shared helper (tests/e2e/auth.py: the password, then the
TOTP code when the account has a second factor); without it, by the password alone."""

import pytest
from django.urls import reverse

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Decision, Dossier
from tdkt.core.demo.cached import load_demo
from tdkt.signing import services as signing

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SIGNER = "Ngô Quang Chiền"


def _signed_in(text: str) -> bool:
    return "Đã ký số" in text or "Digitally signed" in text
DOSSIER = "Tờ trình đề nghị tặng Giấy khen — Phòng Công chức, viên chức"


def _sign_in(page, base, username):
    try:
        from .auth import login_demo
    except ImportError:  # before the two-factor journeys' helper
        from .test_foundation_journey import _login as login_demo
    login_demo(page, base, username)


def _download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()  # noqa: SIM115, PTH123 - Playwright's temporary file


def test_the_approver_issues_a_signed_decision_and_the_public_page_says_so(live_server, page, screenshot):
    from tdkt.documents.generation import soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed: the decision's PDF cannot be made")
    load_demo()
    base = live_server.url
    dossier = Dossier.objects.get(title=DOSSIER)
    assert dossier.state == State.AWAITING_DECISION

    _sign_in(page, base, "pheduyet")
    page.goto(base + reverse("awards:dossier", args=[dossier.pk]))
    # The unit's tờ trình came signed (Sở Nội vụ's demo certificate): checked at upload, shown so;
    # the blank biên bản and báo cáo carry no signature.
    assert page.locator('#component-to_trinh [data-signature="valid"]').count() == 1
    assert page.locator('#component-bien_ban [data-signature="none"]').count() == 1
    screenshot(page, "e2e-signing-dossier")
    page.locator("#dossier-decisions a.btn", has_text="Sở Nội vụ").first.click()
    page.locator('#decision-form [name="signer_name"]').fill(SIGNER)
    page.locator("#decision-form").get_by_role("button", name="Ban hành quyết định").click()
    page.locator("#confirm-step").wait_for()
    page.locator("#confirm-step").get_by_role("button", name="Ban hành quyết định").click()
    page.wait_for_url(f"{base}/awards/decisions/**")
    decision = Decision.objects.get(dossier=dossier)
    assert decision.signed_at is not None

    # The decision's own page says it is signed, and its PDF checks against the demo's root.
    signature = page.locator("#decision-signature")
    assert signature.get_attribute("data-signed") == "yes"
    assert _signed_in(signature.inner_text())
    data = _download(page, page.locator('a[href$="quyet-dinh.pdf"]').first)
    (ARTIFACTS / "e2e-signing-decision.pdf").write_bytes(data)
    verdict = signing.verify_pdf(data)
    assert verdict.all_valid, verdict
    assert verdict.signatures[0].signer == decision.issuer.name
    page.context.clear_cookies()

    # Anyone: the public decision page.
    page.goto(base + reverse("public:decision", args=[decision.pk]))
    public = page.locator("#decision-signature")
    assert public.get_attribute("data-signed") == "yes"
    text = public.inner_text()
    assert _signed_in(text)
    assert SIGNER in text
    assert decision.signature_subject in text
    screenshot(page, "e2e-signing-public-decision")
    # The demo's root certificate is published for checking, under the demo only.
    pem = page.request.get(f"{base}/cong-khai/chung-thu-demo.pem")
    assert pem.ok
    assert pem.body().startswith(b"-----BEGIN CERTIFICATE-----")
