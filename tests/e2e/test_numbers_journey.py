"""Numbers as Vietnamese type them, in a real browser (issue 11 point 6): on a score sheet "2,5" is
stored as 2,5 and shown as "2,5" — even in a browser set to English, whose number box used to read
the comma as a thousands separator and send 25 — and "2.5" is refused naming the item."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from tdkt.scoring.models import ScoreSheet, ScoringRound, SheetEntry
from tdkt.scoring.standings import parsed_template

from .test_foundation_journey import _login
from .test_movement_journey import _demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def test_decimal_comma_on_a_score_sheet(live_server, english_page, screenshot):
    page = english_page
    _demo()
    base = live_server.url
    scoring_round = ScoringRound.objects.get(block__year=2022, block__name="Khối các cơ quan tham mưu, tổng hợp")
    ScoringRound.objects.filter(pk=scoring_round.pk).update(
        self_deadline=timezone.localdate() + datetime.timedelta(days=7)
    )
    leaves = [leaf for leaf in parsed_template(scoring_round.template).leaves() if not leaf.counted]
    small = next(leaf for leaf in leaves if leaf.max >= 3)
    large = next((leaf for leaf in leaves if leaf.max >= 28 and leaf is not small), None)

    _login(page, base, "canbo")
    page.goto(f"{base}/scoring/{scoring_round.pk}/")
    page.locator("#own-sheets").get_by_role("button", name="Bắt đầu tự chấm điểm").click()
    box = page.locator(f'input[name="v_{small.code}"]')
    assert box.get_attribute("type") == "text"
    assert box.get_attribute("inputmode") == "decimal"
    box.fill("2,5")
    if large is not None:
        page.locator(f'input[name="v_{large.code}"]').fill("27,5")
    page.get_by_role("button", name="Lưu nháp").click()
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()

    sheet = ScoreSheet.objects.get(round=scoring_round, organization__code="QT-STC")
    saved = {e.item_code: e.value for e in SheetEntry.objects.filter(sheet=sheet)}
    assert saved[small.code] == Decimal("2.5")
    if large is not None:
        assert saved[large.code] == Decimal("27.5")
    assert page.locator(f'input[name="v_{small.code}"]').input_value() == "2,5"
    if large is not None:
        assert page.locator(f'input[name="v_{large.code}"]').input_value() == "27,5"
    screenshot(page, "e2e-numbers-score-sheet")

    # The English decimal point is refused, the message names the item and shows the comma form.
    page.locator(f'input[name="v_{small.code}"]').fill("3.5")
    page.get_by_role("button", name="Lưu nháp").click()
    alert = page.locator(".alert-danger").first.inner_text()
    assert f"Mục {small.code}" in alert
    assert "3,5" in alert
    assert page.locator(f'input[name="v_{small.code}"]').input_value() == "3.5"
    assert SheetEntry.objects.get(sheet=sheet, item_code=small.code).value == Decimal("2.5")
    screenshot(page, "e2e-numbers-refused")
