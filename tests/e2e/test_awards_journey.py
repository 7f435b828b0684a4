"""The province's regular round of 2025 on the demo, from proposal to public verification (seed 004's
campaign round is Sở Nội vụ's own since issue 13.7, test_seed_rounds): a unit officer of the Văn
phòng Sở Nội vụ proposes three people for the Director's Giấy khen and one for the Chairman's Bằng
khen and puts the dossier before the unit's leader, who sends it back once (a reason) and then signs
it off from the summary (nominees and verdicts, checklist, totals); the standing office returns the
dossier for a missing biên bản; the unit adds it and resubmits (the leader signs it off again);
the office appraises; the council votes (one member at the keyboard, the others' written votes
recorded by the office); the list is published; the approver issues both decisions; the decision
and certificate PDFs carry the right Vietnamese text; the public page lists the awardees and the
certificate's QR address verifies it."""

import datetime

import pytest
from django.utils import timezone

from tdkt.accounts.models import RoleGrant, User
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Awardee, CommendationRound, Decision, Dossier
from tdkt.documents.tests.helpers import pdf_text
from tdkt.organizations.models import Organization, Person
from tdkt.records.models import HonourRecord

from .auth import login_demo
from .conftest import ARTIFACTS
from .test_foundation_journey import _login
from .test_movement_journey import PDF, _demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

GIAY_KHEN = "Giấy khen của Giám đốc Sở Nội vụ"
BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"
PROPOSALS = [  # the three Giấy khen, then the Bằng khen
    ("Hoàng Hồng Thủy", GIAY_KHEN), ("Lương Thanh Lan", GIAY_KHEN), ("Hà Thị Hằng", GIAY_KHEN),
    ("Trương Phương Nhung", BANG_KHEN),
]


def _ok(page):
    """The step went through: no error box on the page."""
    errors = page.locator(".alert-danger, .invalid-feedback, .errorlist")
    assert errors.count() == 0, errors.all_inner_texts()


def _act(page, action, reason=""):
    form = page.locator(f"#action-{action}")
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button").click()
    _ok(page)


def _choose(select, text):
    """Pick the option whose label contains the text (labels carry more: position, unit, code)."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value=value)


def _attach(page, tmp_path, component_label, filename):
    path = tmp_path / filename
    path.write_bytes(PDF)
    form = page.locator("#attachment-form")
    form.get_by_label("Thành phần hồ sơ").select_option(label=component_label)
    form.locator('input[type="file"]').set_input_files(str(path))
    form.get_by_role("button", name="Tải lên").click()
    _ok(page)


def _download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()


def _propose(page, base, tmp_path, screenshot) -> str:
    """The unit officer prepares the dossier and sends it; returns its address."""
    page.locator("#nav-commendation .dropdown-toggle").click()
    page.locator("#nav-commendation").get_by_role("link", name="Đợt khen thưởng").click()
    page.get_by_role("link", name="Khen thưởng thường xuyên năm 2025").first.click()
    page.locator("#round-new-dossier").click()
    page.get_by_label("Tên hồ sơ").fill("Tờ trình đề nghị khen thưởng năm 2025 — Văn phòng Sở")
    page.locator("#dossier-form").get_by_role("button").first.click()
    _ok(page)
    dossier_url = page.url
    for name, award in PROPOSALS:
        form = page.locator("#nominee-form")
        _choose(form.get_by_label("Cá nhân"), name)
        _choose(form.get_by_label("Danh hiệu, hình thức đề nghị"), award)
        form.get_by_label("Tóm tắt thành tích").fill(f"Thành tích xuất sắc trong đợt thi đua — {name}")
        form.get_by_role("button", name="Thêm vào hồ sơ").click()
        _ok(page)
        assert name in page.locator("#nominees").inner_text()
    # Each nominee shows the engine's verdict as soon as it is added: the law leaves the Giấy khen's
    # criteria to the council's judgment, so they are "Cần xem xét" (amber), not a green "Đủ điều
    # kiện"; the Bằng khen's two consecutive CSTĐCS (Điều 74) are counted: "Đủ điều kiện".
    verdicts = page.locator("#nominees tbody tr td:nth-child(4) .badge")
    assert verdicts.all_inner_texts() == ["Cần xem xét"] * 3 + ["Đủ điều kiện"]
    _attach(page, tmp_path, "Tờ trình hoặc văn bản đề nghị khen thưởng", "to-trinh.pdf")
    _attach(page, tmp_path, "Báo cáo thành tích (Mẫu số 08, Phụ lục I, Nghị định 98/2023/NĐ-CP)", "bao-cao.pdf")
    # Without a biên bản the checklist says what is missing and the dossier cannot be sent.
    assert "Còn thiếu" in page.locator("#component-bien_ban").inner_text()
    assert page.locator("#action-request_signoff").count() == 0
    assert "Còn thiếu: Biên bản họp bình xét khen thưởng" in page.locator("#send-blocked").inner_text()
    # The officer files the meeting's invitation as the biên bản by mistake and puts it before the leader.
    _attach(page, tmp_path, "Biên bản họp bình xét khen thưởng", "giay-moi-hop.pdf")
    screenshot(page, "e2e-awards-dossier-draft")
    assert page.locator("#action-submit").count() == 0  # the leader signs off what the unit sends
    _act(page, "request_signoff")
    assert page.locator("#signoff-link").is_visible()
    return dossier_url


def _leader_signs_off(page, base, dossier_url, screenshot=None):
    """The unit's leader reads the summary and signs the dossier off: it is sent."""
    page.context.clear_cookies()
    _login(page, base, "lanhdao_vp")
    page.goto(dossier_url)
    page.locator("#signoff-link a").click()
    assert page.locator("#signoff-totals").is_visible()
    if screenshot:
        screenshot(page, "e2e-awards-leader-summary")
    _act(page, "sign_off")
    assert "Đã gửi" in page.locator("#dossier-state").inner_text()
    assert page.locator("#dossier-late").count() == 0  # sent within the extended deadline
    page.context.clear_cookies()


def test_campaign_dossier_to_decisions_certificates_and_public_check(live_server, page, screenshot, tmp_path):
    _demo()
    base = live_server.url
    campaign = CommendationRound.objects.get(kind="regular", year=2025)
    unit = Organization.objects.get(code="QT-SNV-VP")
    # The year's Bằng khen of the Chairman is the regular kind (Điều 74 khoản 1 điểm d): two consecutive
    # CSTĐCS, as the unit's records would show (the demo's history is drawn at random).
    nhung = Person.objects.get(full_name="Trương Phương Nhung")
    for year in (2024, 2025):
        HonourRecord.objects.get_or_create(person=nhung, code="CSTDCS", year=year,
                                           defaults={"decision_number": f"{year}/QĐ-SNV"})
    officer = User.objects.create_user(username="canbo_vp", password="demo", full_name="Lê Thu Trang",
                                       organization=unit)
    RoleGrant.objects.create(user=officer, role="unit_officer", organization=unit)
    leader = User.objects.create_user(username="lanhdao_vp", password="demo", full_name="Đặng Quốc Hưng",
                                      organization=unit)
    RoleGrant.objects.create(user=leader, role="unit_leader", organization=unit)

    # The standing office gives the units a week more (the 10/12/2025 deadline has passed).
    _login(page, base, "thuongtruc")
    page.goto(f"{base}/awards/rounds/{campaign.pk}/")
    page.locator("#round-edit").click()
    extended = timezone.localdate() + datetime.timedelta(days=7)
    page.locator('#round-form [name="deadline"]').fill(extended.strftime("%d/%m/%Y"))
    page.locator("#round-form").get_by_role("button", name="Lưu").click()
    _ok(page)
    assert page.locator("#round-deadline").inner_text() == extended.strftime("%d/%m/%Y")
    page.context.clear_cookies()

    _login(page, base, "canbo_vp")
    dossier_url = _propose(page, base, tmp_path, screenshot)
    dossier = Dossier.objects.get(round=campaign, organization=unit)
    assert dossier.state == State.AWAITING_SIGNOFF
    # The leader sends it back once (the summaries of achievement are too short), the officer puts it
    # up again, and the leader signs it off from the summary.
    page.context.clear_cookies()
    _login(page, base, "lanhdao_vp")
    page.goto(dossier_url)
    page.locator("#signoff-link a").click()
    _act(page, "send_back", "Bổ sung tóm tắt thành tích cho rõ hơn.")
    page.context.clear_cookies()
    _login(page, base, "canbo_vp")
    page.goto(dossier_url)
    assert "Bổ sung tóm tắt thành tích" in page.locator("#sent-back").inner_text()
    _act(page, "request_signoff")
    _leader_signs_off(page, base, dossier_url, screenshot)

    # The standing office opens the files and sends the dossier back: the biên bản is not there.
    _login(page, base, "thuongtruc")
    page.goto(dossier_url)
    _act(page, "return", "Thiếu biên bản họp bình xét khen thưởng: tệp đính kèm là giấy mời họp.")
    assert page.locator("#dossier-state").inner_text() == "Bị trả lại"
    page.context.clear_cookies()

    # The unit sees why, replaces the file and sends it again.
    _login(page, base, "canbo_vp")
    page.goto(dossier_url)
    assert "Thiếu biên bản họp bình xét" in page.locator("#history").inner_text()
    page.locator("#component-bien_ban").locator("button", has_text="Xóa").click()
    _ok(page)
    _attach(page, tmp_path, "Biên bản họp bình xét khen thưởng", "bien-ban-hop-xet.pdf")
    _act(page, "request_signoff")
    _leader_signs_off(page, base, dossier_url)

    # The office receives and appraises every nominee, then opens the council's ballot.
    _login(page, base, "thuongtruc")
    page.goto(dossier_url)
    _act(page, "receive")
    for row in page.locator("#office-appraisal tbody tr").all():
        row.get_by_role("button", name="Lưu ý kiến thẩm định").click()
        _ok(page)
    _act(page, "appraise")
    _act(page, "open_vote")
    page.context.clear_cookies()

    # A council member votes at the keyboard …
    _login(page, base, "hoidong")
    page.goto(f"{dossier_url}votes/")
    page.locator(".own-vote").get_by_role("button", name="Đồng ý", exact=True).click()
    _ok(page)
    page.context.clear_cookies()

    # … the office records the paper ballots of the six others at the meeting and the written votes of
    # the two absent members (one for, one against), then closes the ballot.
    _login(page, base, "thuongtruc")
    page.goto(f"{dossier_url}votes/")
    for index in range(8):
        form = page.locator(".record-vote").first
        form.locator('select[name="vote"]').select_option(index=1 if index == 7 else 0)
        if index >= 6:
            form.get_by_label("phiếu bằng văn bản của thành viên vắng mặt").check()
        form.get_by_role("button", name="Ghi nhận phiếu").click()
        _ok(page)
    ballot = page.locator("section[id^=ballot-]")
    assert ballot.locator(".ballot-yes").inner_text() == "8"
    assert ballot.locator(".ballot-present").inner_text() == "7"
    assert ballot.locator(".ballot-needed").inner_text() == "5"  # ≥ 50% of all nine members
    assert ballot.locator(".ballot-result").get_attribute("data-passed") == "1"
    screenshot(page, "e2e-awards-ballot")
    page.goto(dossier_url)
    _act(page, "close_vote")
    _act(page, "publish_notice")
    dossier.refresh_from_db()
    assert dossier.state == State.NOTICE
    assert dossier.notice_until is not None
    page.goto(f"{base}/cong-khai/thong-bao/{dossier.pk}/")
    notice = page.locator("main").inner_text()
    assert "Trương Phương Nhung" in notice
    assert BANG_KHEN in notice
    # Five working days pass without objection.
    Dossier.objects.filter(pk=dossier.pk).update(notice_until=timezone.localdate() - datetime.timedelta(days=1))
    page.goto(dossier_url)
    page.locator("#action-close_notice").get_by_role("button").click()
    # The confirmation page says what ending the notice does (issue 11, guarded steps), then confirm.
    assert page.locator("#confirm-consequences").is_visible()
    page.locator("#confirm-step").get_by_role("button", name="Kết thúc công khai").click()
    _ok(page)
    assert "Chờ quyết định" in page.locator("#dossier-state").inner_text()
    page.context.clear_cookies()

    # The approver issues the two decisions: the Director's (three Giấy khen), the Chairman's (one Bằng khen).
    login_demo(page, base, "pheduyet")
    for issuer, signer in (("Sở Nội vụ", "Ngô Quang Chiền"), ("UBND tỉnh Quảng Trị", "Võ Văn Hưng")):
        page.goto(dossier_url)
        page.locator("#dossier-decisions a.btn", has_text=issuer).first.click()
        page.locator('#decision-form [name="signer_name"]').fill(signer)
        page.locator("#decision-form").get_by_role("button", name="Ban hành quyết định").click()
        # The confirmation page: what will happen (number, awardees, money), then issue.
        assert page.locator("#confirm-consequences").is_visible()
        page.locator("#confirm-step").get_by_role("button", name="Ban hành quyết định").click()
        _ok(page)
    dossier.refresh_from_db()
    assert dossier.state == State.DECIDED
    snv_decision = Decision.objects.get(dossier=dossier, issuer__code="QT-SNV")
    qt_decision = Decision.objects.get(dossier=dossier, issuer__code="QT")
    assert snv_decision.awardees.count() == 3
    assert qt_decision.awardees.count() == 1
    screenshot(page, "e2e-awards-decision")

    # The Chairman's decision as PDF and its certificate, read back as text.
    page.goto(f"{base}/awards/decisions/{qt_decision.pk}/")
    decision_text = pdf_text(_download(page, page.locator('a[href$="quyet-dinh.pdf"]').first))
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH",
                     qt_decision.reference, "Trương Phương Nhung", "Bằng khen"):
        assert expected in decision_text, expected
    certificates = _download(page, page.locator('a[href$="bang-khen.pdf"]').first)
    (ARTIFACTS / "e2e-awards-certificates.pdf").write_bytes(certificates)
    certificate_text = pdf_text(certificates)
    for expected in ("BẰNG KHEN", "TẶNG", "Trương Phương Nhung", qt_decision.reference):
        assert expected in certificate_text, expected
    awardee = Awardee.objects.get(decision=qt_decision)
    address = f"/xac-minh/{awardee.token}/"
    assert address in certificate_text.replace(" ", "")  # the QR's address, printed under it
    assert HonourRecord.objects.filter(person__full_name="Trương Phương Nhung", code="BK_TINH", year=2025,
                                       decision_number=qt_decision.reference).exists()
    page.context.clear_cookies()

    # Anyone: the public page lists the awardees (found without accents), and the QR address verifies.
    page.goto(f"{base}/cong-khai/?q=truong phuong nhung")
    public = page.locator("main").inner_text()
    assert "Trương Phương Nhung" in public
    assert qt_decision.reference in public
    page.goto(f"{base}/cong-khai/quyet-dinh/{snv_decision.pk}/")
    listed = page.locator("main").inner_text()
    for name, _award in PROPOSALS[:3]:
        assert name in listed
    assert "Ngày sinh" not in listed
    screenshot(page, "e2e-awards-public")
    page.goto(base + address)
    check = page.locator("main").inner_text()
    assert "Trương Phương Nhung" in check
    assert qt_decision.reference in check
    assert page.locator("#verify-valid").is_visible()
    screenshot(page, "e2e-awards-verify")

