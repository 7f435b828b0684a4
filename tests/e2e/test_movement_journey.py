"""Seed 000's block plan: the head sees the phases and deadlines; a unit officer registers a title,
which the unit's leader signs off; the officer signs the covenant and prepares a report after its
deadline, which the leader signs off through the confirmation page (a reason for the late sending);
it shows as late."""

import base64

import pytest

from tdkt.accounts.models import RoleGrant, User
from tdkt.core.demo.cached import load_demo
from tdkt.movements.models import Movement
from tdkt.organizations.models import Organization

from .test_foundation_journey import _login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = "Kế hoạch tổ chức thực hiện phong trào thi đua của Khối các cơ quan tham mưu, tổng hợp năm 2022"
# A minimal valid one-page PDF, as a clerk's scanned report would be.
PDF = base64.b64decode(
    "JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBvYmo8PC9UeXBlL1BhZ2VzL0tp"
    "ZHNbMyAwIFJdL0NvdW50IDE+PmVuZG9iagozIDAgb2JqPDwvVHlwZS9QYWdlL1BhcmVudCAyIDAgUi9NZWRpYUJveFswIDAgNTk1"
    "IDg0Ml0+PmVuZG9iagp0cmFpbGVyPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg=="
)


def _demo():
    load_demo()
    if not Movement.objects.exists():  # the demo loader loads the seeds' movements itself
        from tdkt.movements.demo import load_movements

        load_movements(actor=User.objects.get(username="admin"))


def _signed_covenant(settings, tmp_path, organization: str, signer: str) -> bytes:
    """A covenant signed with a certificate of the organisation, from a test root the settings trust."""
    from tdkt.signing.pki import make_ca
    from tdkt.signing.services import sign_pdf
    from tdkt.signing.testing import TestPki, page_pdf

    root = make_ca("TDKT Test Root CA")
    (tmp_path / "root.pem").write_bytes(root.pem)
    settings.TDKT_TRUST_ROOTS = [str(tmp_path / "root.pem")]
    configured = TestPki(root=root, directory=tmp_path).signer(organization, common_name=signer)
    return sign_pdf(actor=None, pdf=page_pdf(name=signer), organization=None, signer_name=signer,
                    signer_title="Giám đốc Ban", configured=configured)


def test_block_plan_registration_covenant_and_late_report(live_server, page, screenshot, tmp_path, settings):
    _demo()
    base = live_server.url
    # Ban Quản lý dự án … giao thông: a member that has neither registered, signed nor reported.
    unit = Organization.objects.get(code="QT-BQLGT")
    officer = User.objects.create_user(username="canbo_gt", password="demo", full_name="Trương Văn Giao",
                                       organization=unit)
    RoleGrant.objects.create(user=officer, role="unit_officer", organization=unit)
    leader = User.objects.create_user(username="lanhdao_gt", password="demo", full_name="Phan Minh Khôi",
                                      organization=unit)
    RoleGrant.objects.create(user=leader, role="unit_leader", organization=unit)

    _login(page, base, "truongkhoi")
    page.get_by_role("link", name="Phong trào thi đua").first.click()
    page.get_by_role("link", name=PLAN).click()
    assert page.locator("h1").inner_text() == PLAN
    phases = page.locator("#phases")
    assert "Đợt 1" in phases.inner_text()
    assert "Đợt 2" in phases.inner_text()
    milestones = page.locator("#milestones").inner_text()
    assert "30/06/2022" in milestones
    assert "20/12/2022" in milestones
    screenshot(page, "e2e-movement-plan")
    plan_url = page.url

    page.context.clear_cookies()  # log out
    _login(page, base, "canbo_gt")
    page.goto(plan_url)
    page.locator("#participation").get_by_role("link", name="Đăng ký thi đua").click()
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    page.get_by_label("Cờ thi đua cấp bộ, ngành, tỉnh").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    # The unit's leader signs it off (the unit's sign-off is on, as for every organisation by default).
    registrations_url = page.url
    page.context.clear_cookies()
    _login(page, base, "lanhdao_gt")
    page.goto(registrations_url)
    row = page.locator("#registrations tr", has_text=unit.name)
    row.get_by_role("button", name="Ký duyệt và gửi").click()
    row = page.locator("#registrations tr", has_text=unit.name)
    assert "Đăng ký muộn, chờ Trưởng khối duyệt" in row.inner_text()  # 15/3/2022 has passed
    page.context.clear_cookies()
    _login(page, base, "canbo_gt")

    page.goto(plan_url)
    page.locator("#participation").get_by_role("link", name="Giao ước thi đua").click()
    page.get_by_role("link", name="Ký giao ước").click()
    # The covenant signed for real (issue 15.3): the PDF signed with the unit's own certificate, uploaded.
    covenant = tmp_path / "giao-uoc-da-ky.pdf"
    covenant.write_bytes(_signed_covenant(settings, tmp_path, unit.name, "Trương Văn Giao"))
    page.locator('#sign-upload input[name="file"]').set_input_files(str(covenant))
    page.locator("#sign-upload button[type=submit]").click()
    page.wait_for_url(f"{base}/movements/*/covenant/")
    row = page.locator("#signatures tr", has_text=unit.name).inner_text()
    assert "Trương Văn Giao" in row
    assert "Chữ ký hợp lệ" in row

    page.goto(plan_url)
    page.locator("#participation").get_by_role("link", name="Nộp báo cáo").click()
    page.locator("#report-matrix tr", has_text=unit.name).get_by_role("link", name="Nộp", exact=True).first.click()
    report = tmp_path / "bao-cao-so-ket.pdf"
    report.write_bytes(PDF)
    page.get_by_label("Tệp báo cáo").set_input_files(str(report))
    page.locator("#report-send").click()  # to the leader first: no reason needed yet
    page.context.clear_cookies()
    _login(page, base, "lanhdao_gt")
    page.goto(plan_url.rstrip("/") + "/reports/")
    page.locator("#report-matrix tr", has_text=unit.name).get_by_role("link", name="Chi tiết").first.click()
    page.locator("#report-action-sign_off").get_by_role("button").click()
    step = page.locator("#confirm-step")  # after the deadline: what is late, what happens, why
    step.wait_for(state="visible")  # the click posts and the confirmation page loads: wait for it
    screenshot(page, "e2e-movement-report-late-confirm")
    step.locator('textarea[name="reason"]').fill("Ban họp tổng kết muộn do dự án trọng điểm")
    step.locator('button[type="submit"]').click()
    page.goto(plan_url.rstrip("/") + "/reports/")
    cells = page.locator("#report-matrix tr", has_text=unit.name).locator("td").all_inner_texts()
    assert any("Nộp muộn" in c for c in cells), cells
    screenshot(page, "e2e-movement-reports")
