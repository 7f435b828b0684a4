"""The office's day on the demo (issue 11, "How we will know"), in a real browser.

A unit officer of Sở Tài chính (`canbo`) prepares a proposal dossier in the province's regular round of 2025 and
puts it before the unit's leader (`lanhdao`, "Trình lãnh đạo"); the leader reads the summary and
sends it back once with a reason; the officer sees the reason, corrects the file and puts it before
the leader again; the leader signs it off and sends it ("Ký duyệt và gửi") — the round's 10/12/2025
deadline has passed, so a confirmation page asks why it is late. The standing office (`thuongtruc`)
finds one more item in its "Việc cần làm" (menu badge and home page) and a notification; it receives
and appraises the dossier, opens the council's ballot and records the nine-member council's meeting
in one form. On the 2022 block's score sheet, "2,5" typed by `canbo` is stored as 2.5 and shown back
as "2,5" after a reload.

Selectors use the Vietnamese labels and button names (the workflow's own "Trình lãnh đạo", "Ký duyệt
và gửi" …); the sign-off summary and the late-sending page are found by their ids, their English
source text being translated in the catalogue.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext, override

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import BallotMeeting, CommendationRound, CouncilVote, Dossier
from tdkt.core.days import late_for_leader
from tdkt.notifications.models import Notification
from tdkt.organizations.models import Organization
from tdkt.scoring.models import ScoreSheet, ScoringRound, SheetEntry
from tdkt.scoring.standings import parsed_template

from .test_awards_journey import _attach, _choose, _ok
from .test_foundation_journey import _login
from .test_movement_journey import PDF, _demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"  # needs the council's ballot (≥ 50% of all nine members)
TITLE = "Tờ trình đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025 — Sở Tài chính"
TO_TRINH = "Tờ trình hoặc văn bản đề nghị khen thưởng"
BIEN_BAN = "Biên bản họp bình xét khen thưởng"
BAO_CAO = "Báo cáo thành tích (Mẫu số 08, Phụ lục I, Nghị định 98/2023/NĐ-CP)"
SEND_BACK_REASON = "Tờ trình chưa có số, ngày văn bản và chữ ký; đề nghị bổ sung rồi trình lại."
LATE_REASON = "Đơn vị nhận được hướng dẫn của Sở Nội vụ muộn; hồ sơ đã hoàn thiện ngay sau khi họp xét."
ABSENT_WRITTEN = ("Nguyễn Hữu Thăng", "Trương Thị Hồng Hạnh")  # absent from the meeting, voted in writing
AGAINST = "Đoàn Văn Phước"  # present, votes against the second nominee


def _logout(page):
    page.context.clear_cookies()


def _shot(screenshot, page, step):
    return screenshot(page, f"e2e-officeday-{step}")


def _inbox_total(page) -> int:
    """The menu's "Việc cần làm" badge (absent when nothing waits)."""
    badge = page.locator("#nav-inbox #inbox-count")
    return int(badge.inner_text()) if badge.count() else 0


def _inbox_item(page, kind: str) -> int:
    """The count of one kind of work in the home page's inbox (0 when the kind is not listed)."""
    row = page.locator(f'#inbox li[data-kind="{kind}"]')
    return int(row.locator(".badge").first.inner_text()) if row.count() else 0


def _unread(page) -> int:
    badge = page.locator("#unread-count")
    return int(badge.inner_text()) if badge.count() else 0


def _action(page, label: str):
    """A workflow button, found by the label the workflow table gives it."""
    return page.locator("#actions").get_by_role("button", name=label, exact=True)


def _prepare(page, base, tmp_path, screenshot) -> tuple[str, list[str]]:
    """`canbo` prepares the dossier (two nominees, the three required files) and puts it before the
    leader. Returns the dossier's address and the nominees' names."""
    page.locator("#nav-commendation .dropdown-toggle").click()
    page.locator("#nav-commendation").get_by_role("link", name="Đợt khen thưởng").click()
    page.get_by_role("link", name="Khen thưởng thường xuyên năm 2025").first.click()
    page.locator("#round-new-dossier").click()
    unit = page.get_by_label("Đơn vị đề nghị")
    unit.select_option(value=unit.locator("option", has_text=re.compile(r"(^|— )Sở Tài chính$")).get_attribute("value"))
    page.get_by_label("Tên hồ sơ").fill(TITLE)
    page.locator("#dossier-form").get_by_role("button").first.click()
    _ok(page)
    dossier_url = page.url
    names = []
    for index in (1, 2):  # the first two people of the unit the form offers
        form = page.locator("#nominee-form")
        person = form.get_by_label("Cá nhân")
        option = person.locator("option").nth(index)
        names.append(option.inner_text().split(" — ")[0].split(" (")[0].strip())
        person.select_option(value=option.get_attribute("value"))
        _choose(form.get_by_label("Danh hiệu, hình thức đề nghị"), BANG_KHEN)
        form.get_by_label("Tóm tắt thành tích").fill(
            "Hoàn thành xuất sắc nhiệm vụ; tham mưu bố trí kinh phí tổ chức các hoạt động Kỷ niệm 80 năm.")
        form.get_by_role("button", name="Thêm vào hồ sơ").click()
        if page.locator("#nominee-form .invalid-feedback").count():  # a condition unmet: say why anyway
            form = page.locator("#nominee-form")
            form.get_by_label("Lý do đề nghị (khi chưa đủ điều kiện)").fill(
                "Thành tích đột xuất trong đợt thi đua, đề nghị Hội đồng xem xét.")
            form.get_by_role("button", name="Thêm vào hồ sơ").click()
        _ok(page)
    nominees = page.locator("#nominees").inner_text()
    for name in names:
        assert name in nominees, (name, nominees)
    _attach(page, tmp_path, TO_TRINH, "to-trinh-chua-so.pdf")
    _attach(page, tmp_path, BAO_CAO, "bao-cao-thanh-tich.pdf")
    _attach(page, tmp_path, BIEN_BAN, "bien-ban-hop-xet.pdf")
    # With the leader's sign-off on (the default), the officer cannot send: only put it before the leader.
    assert _action(page, "Gửi hồ sơ").count() == 0
    _shot(screenshot, page, "01-officer-draft")
    _action(page, "Trình lãnh đạo").click()
    _ok(page)
    assert page.locator("#signoff-link").is_visible()
    return dossier_url, names


def _tally(page, dossier, names, tmp_path, screenshot):
    """The standing office records the meeting: seven present (all "đồng ý" but one vote against),
    two absent who voted in writing, the biên bản kiểm phiếu attached."""
    page.get_by_role("link", name="Ghi kết quả kiểm phiếu cuộc họp").click()
    form = page.locator("#tally-form")
    grid = form.locator("#tally-grid")
    assert grid.locator("tbody tr").count() == 9
    # Everyone is ticked present and every box says "đồng ý" until told otherwise.
    assert grid.locator('input[name^="present_"]:checked').count() == 9
    for select in grid.locator("select").all():
        assert select.input_value() == "yes"
    assert form.get_by_label("Ngày họp").input_value() == timezone.localdate().strftime("%d/%m/%Y")
    minutes = tmp_path / "bien-ban-kiem-phieu.pdf"
    minutes.write_bytes(PDF)
    form.locator('input[type="file"][name="minutes"]').set_input_files(str(minutes))
    for name in ABSENT_WRITTEN:
        form.get_by_label(f"{name} có mặt", exact=True).uncheck()
        form.get_by_label(f"{name} vắng mặt, có phiếu bằng văn bản").check()
    form.get_by_label(f"Phiếu của {AGAINST} cho {names[1]}").select_option(label="Không đồng ý")
    _shot(screenshot, page, "08-tally-form")
    form.get_by_role("button", name="Ghi kết quả kiểm phiếu", exact=True).click()
    _ok(page)
    assert "/votes/" in page.url
    assert "/tally/" not in page.url
    meeting = BallotMeeting.objects.get(dossier=dossier)
    assert meeting.minutes
    assert CouncilVote.objects.filter(nominee__dossier=dossier).count() == 18  # nine members × two nominees
    assert CouncilVote.objects.filter(nominee__dossier=dossier, in_writing=True).count() == 4
    against = CouncilVote.objects.get(nominee__dossier=dossier, vote="no")
    assert (against.member.full_name, against.nominee.person.full_name) == (AGAINST, names[1])
    sections = page.locator("section[id^=ballot-]:not(#ballot-meetings)")  # one per nominee
    assert sections.count() == 2
    for section in sections.all():
        assert section.locator(".ballot-present").inner_text() == "7"
        assert section.locator(".ballot-members").inner_text() == "9"
        assert section.locator(".ballot-result").get_attribute("data-passed") == "1"
    assert sorted(s.locator(".ballot-yes").inner_text() for s in sections.all()) == ["8", "9"]
    # Every vote is in: the ballot no longer offers to record a meeting.
    assert page.locator("#tally-link").count() == 0
    assert page.locator("#tally-done").is_visible()
    _shot(screenshot, page, "09-ballot-recorded")


def test_dossier_signed_off_sent_late_received_and_tallied(live_server, page, screenshot, tmp_path):
    _demo()
    base = live_server.url
    campaign = CommendationRound.objects.get(kind="regular", year=2025)
    assert campaign.deadline < timezone.localdate()  # 10/12/2025 has passed: the sending is late
    unit = Organization.objects.get(code="QT-STC")

    # Morning: what waits for the standing office before the unit sends anything.
    _login(page, base, "thuongtruc")
    total_before = _inbox_total(page)
    to_receive_before = _inbox_item(page, "dossier_to_receive")
    unread_before = _unread(page)
    assert total_before > 0  # the demo leaves work for every account
    _shot(screenshot, page, "00-office-home-before")
    _logout(page)

    # The officer prepares the dossier and puts it before the leader.
    _login(page, base, "canbo")
    dossier_url, names = _prepare(page, base, tmp_path, screenshot)
    dossier = Dossier.objects.get(round=campaign, organization=unit)
    assert dossier.state == State.AWAITING_SIGNOFF
    _logout(page)
    assert Notification.objects.filter(user__username="lanhdao", text__contains="chờ lãnh đạo ký duyệt").exists()

    # The leader finds it in the inbox, reads the summary and sends it back with a reason.
    _login(page, base, "lanhdao")
    # two: this one and the one the demo leaves waiting (Sở Tài chính's, in the 2025 sudden round)
    assert _inbox_item(page, "dossier_to_sign_off") == 2
    _shot(screenshot, page, "02-leader-home")
    page.locator('#inbox li[data-kind="dossier_to_sign_off"] a').click()  # the list of both
    page.get_by_role("link", name=Dossier.objects.get(pk=dossier.pk).title, exact=True).click()
    page.locator("#signoff-link a").click()
    summary = page.locator("main")
    assert page.locator("#signoff-count").inner_text() == "2"
    for name in names:
        assert name in page.locator("#signoff-nominees").inner_text()
    assert BANG_KHEN in page.locator("#signoff-totals").inner_text()
    assert "đồng" in page.locator("#signoff-money").inner_text()
    assert page.locator("#signoff-checklist .text-danger").count() == 0  # every required file is there
    assert page.locator("#signoff-late").is_visible()  # the leader is told the deadline has passed
    assert summary.get_by_role("button", name="Ký duyệt và gửi").is_visible()
    _shot(screenshot, page, "03-leader-summary")
    page.locator("#action-send_back textarea").fill(SEND_BACK_REASON)
    page.locator("#action-send_back").get_by_role("button", name="Trả lại cán bộ").click()
    _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.DRAFT
    _logout(page)

    assert Notification.objects.filter(user__username="canbo", text__contains=SEND_BACK_REASON).exists()

    # The officer sees why, replaces the tờ trình and puts it before the leader again.
    _login(page, base, "canbo")
    page.goto(dossier_url)
    assert SEND_BACK_REASON in page.locator("#sent-back").inner_text()
    assert SEND_BACK_REASON in page.locator("#history").inner_text()
    _shot(screenshot, page, "04-officer-sent-back")
    page.locator("#component-to_trinh").locator("button", has_text="Xóa").click()
    _ok(page)
    _attach(page, tmp_path, TO_TRINH, "to-trinh-so-45-TTr-STC.pdf")
    with override("vi"):  # the catalogue's words ("Lãnh đạo trả lại", "… lãnh đạo sẽ phải xác nhận lý do gửi muộn")
        sent_back_label = gettext("Sent back by the leader")
        late_warning = late_for_leader(campaign.deadline)
    assert page.locator("#dossier-state").inner_text() == sent_back_label
    # past the deadline: told beside the button that the leader will confirm it, no step of the officer's
    assert page.locator("#late-warning").inner_text() == late_warning
    _action(page, "Trình lãnh đạo").click()
    _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SIGNOFF
    _logout(page)

    # The leader signs off; the deadline has passed, so a page says so and asks why.
    _login(page, base, "lanhdao")
    page.goto(dossier_url)
    page.locator("#signoff-link a").click()
    page.locator("#action-sign_off").get_by_role("button", name="Ký duyệt và gửi").click()
    step = page.locator("#confirm-step")
    step.wait_for(state="visible")  # the click posts and the confirmation page loads: wait for it
    assert "10/12/2025" in page.locator("#confirm-problems").inner_text()
    assert page.locator("#confirm-consequences").is_visible()
    dossier.refresh_from_db()
    assert dossier.state == State.AWAITING_SIGNOFF  # nothing sent before the confirmation
    step.locator('textarea[name="reason"]').fill(LATE_REASON)
    _shot(screenshot, page, "05-late-confirmation")
    step.locator('button[type="submit"]').click()
    _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.SUBMITTED
    assert dossier.sent_late
    assert page.locator("#dossier-late").is_visible()
    assert LATE_REASON in page.locator("#history").inner_text()
    _shot(screenshot, page, "06-leader-sent")
    _logout(page)

    # The standing office: one more dossier to receive, and a notification naming it.
    assert Notification.objects.filter(user__username="thuongtruc", url__contains=f"/{dossier.pk}/").exists()
    _login(page, base, "thuongtruc")
    assert _inbox_total(page) == total_before + 1
    assert _inbox_item(page, "dossier_to_receive") == to_receive_before + 1
    assert _unread(page) == unread_before + 1
    _shot(screenshot, page, "07-office-home-after")
    page.locator('nav a[href="/notifications/"]').first.click()  # the bell
    notice = page.locator(".list-group-item", has_text=unit.name).first
    assert "sau hạn" in notice.inner_text()
    _shot(screenshot, page, "07b-notifications")
    notice.get_by_role("button", name="Mở").click()
    page.wait_for_url(re.compile(rf".*/awards/{dossier.pk}/$"))

    # Receive, appraise each nominee, open the council's ballot, record the meeting in one form.
    _action(page, "Tiếp nhận").click()
    _ok(page)
    for row in page.locator("#office-appraisal tbody tr").all():
        row.get_by_role("button", name="Lưu ý kiến thẩm định").click()
        _ok(page)
    _action(page, "Hoàn thành thẩm định").click()
    _ok(page)
    _action(page, "Mở bỏ phiếu").click()
    _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.VOTING
    page.goto(f"{dossier_url}votes/")
    _tally(page, dossier, names, tmp_path, screenshot)
    page.goto(dossier_url)
    _action(page, "Kết thúc bỏ phiếu").click()
    _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.VOTED


def test_decimal_comma_on_the_finance_departments_sheet(live_server, page, screenshot):
    _demo()
    base = live_server.url
    scoring_round = ScoringRound.objects.get(block__year=2022, block__name="Khối các cơ quan tham mưu, tổng hợp")
    assert scoring_round.self_deadline < timezone.localdate()
    leaf = next(leaf for leaf in parsed_template(scoring_round.template).leaves()
                if not leaf.counted and leaf.max >= 3)

    # The block's head gives the members time to score (the 10/12/2022 deadline has passed).
    _login(page, base, "truongkhoi")
    page.goto(f"{base}/scoring/{scoring_round.pk}/")
    page.get_by_role("link", name="Sửa đợt chấm điểm").click()
    extended = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Hạn tự chấm điểm").fill(extended.strftime("%d/%m/%Y"))
    review = page.locator('[name="review_deadline"]')
    if review.input_value():  # the review comes after the self-scoring
        review.fill((extended + datetime.timedelta(days=7)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu", exact=True).click()
    _ok(page)
    assert page.locator("#self-deadline").inner_text() == extended.strftime("%d/%m/%Y")
    _logout(page)

    _login(page, base, "canbo")
    page.goto(f"{base}/scoring/{scoring_round.pk}/")
    page.locator("#own-sheets").get_by_role("button", name="Bắt đầu tự chấm điểm").click()
    box = page.locator(f'input[name="v_{leaf.code}"]')
    box.fill("2,5")
    page.get_by_role("button", name="Lưu nháp").click()
    _ok(page)
    sheet = ScoreSheet.objects.get(round=scoring_round, organization__code="QT-STC")
    assert SheetEntry.objects.get(sheet=sheet, item_code=leaf.code).value == Decimal("2.5")
    page.reload()
    assert page.locator(f'input[name="v_{leaf.code}"]').input_value() == "2,5"
    _shot(screenshot, page, "10-score-sheet")
