"""The inbox ("Việc cần làm") in the browser: the standing office's home page lists what waits,
the menu shows the total, a unit's sending raises it by one and the bell says so; the page fits a
390 px phone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.accounts.models import User
from tdkt.awards.models import Dossier
from tdkt.awards.services.dossiers import attachment_add
from tdkt.awards.services.workflow import dossier_act
from tdkt.awards.tests.conftest import PDF
from tdkt.core.demo.cached import load_demo
from tdkt.organizations.models import Organization

from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_standing_office_inbox_and_bell(live_server, browser, screenshot):
    load_demo()
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    _login(page, base, "thuongtruc")
    page.goto(f"{base}/")
    rows = page.locator("#inbox li[data-kind]")
    assert rows.count() >= 4
    assert page.locator('#inbox li[data-kind="dossier_to_receive"] .badge').inner_text() == "1"
    before = int(page.locator("#inbox-count").inner_text())
    # The demo's own hand-overs already told the office (a dossier to receive): the bell counts one more.
    unread = int(page.locator("#unread-count").inner_text()) if page.locator("#unread-count").count() else 0
    screenshot(page, "e2e-inbox-standing-office")

    # A unit's dossier goes back to draft, then is sent: the office's count falls and rises by one,
    # and the bell rings.
    admin = User.objects.get(username="admin")
    dossier = Dossier.objects.get(state="submitted")
    Dossier.objects.filter(pk=dossier.pk).update(state="draft")
    Organization.objects.filter(pk=dossier.organization_id).update(leader_signoff=False)
    page.goto(f"{base}/")
    assert int(page.locator("#inbox-count").inner_text()) == before - 1
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        attachment_add(actor=admin, dossier=dossier, component=component, upload=upload)
    dossier_act(actor=admin, dossier=dossier, action="submit")
    page.goto(f"{base}/")
    assert int(page.locator("#inbox-count").inner_text()) == before
    assert page.locator('#inbox li[data-kind="dossier_to_receive"] .badge').inner_text() == "1"
    assert page.locator("#unread-count").inner_text() == str(unread + 1)
    page.locator("#unread-count").click()
    assert "chờ tiếp nhận" in page.locator("main").inner_text()
    context.close()

    phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    _login(page, base, "canbo")
    page.goto(f"{base}/")
    assert page.locator("#inbox li[data-kind]").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "e2e-inbox-unit-officer-phone")
    phone.close()
