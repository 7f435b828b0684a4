"""The council's tally in one form on the demo (issue 11, point 5): `thuongtruc` opens the ballot of
the dossier waiting for Quảng Trị's nine-member council, records the meeting — seven present, one
written vote, one absent, two exceptions, the biên bản kiểm phiếu — in one form; the ballot page
then shows the counts. A member's own vote stays read-only in the grid."""

import pytest
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import BallotMeeting, CouncilVote, Dossier
from tdkt.awards.services.tally import ballot_members, ballot_nominees
from tdkt.awards.services.workflow import council_of, vote_record
from tdkt.core.demo.cached import load_demo

from .test_foundation_journey import _login
from .test_movement_journey import PDF

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_standing_office_records_the_nine_member_tally_in_one_form(live_server, page, screenshot, tmp_path):
    load_demo()
    dossier = Dossier.objects.get(state=State.VOTING)
    members, nominees = ballot_members(council_of(dossier)), ballot_nominees(dossier)
    assert len(members) == 9
    vote_record(actor=User.objects.get(username="hoidong"), nominee=nominees[0], member=members[0], vote="yes")
    base = live_server.url
    _login(page, base, "thuongtruc")
    page.goto(base + reverse("awards:votes", args=[dossier.pk]))
    page.locator("#tally-link").click()
    grid = page.locator("#tally-grid")
    assert grid.locator("tbody tr").count() == 9
    assert "đã tự bỏ phiếu" in grid.locator(f"#tally-{members[0].pk}").inner_text()
    # Member 8 sent a written vote; member 9 is absent; two exceptions.
    page.locator(f"#present_{members[7].pk}").uncheck()
    page.locator(f"#written_{members[7].pk}").check()
    page.locator(f"#present_{members[8].pk}").uncheck()
    page.locator(f"#vote_{members[2].pk}_{nominees[1].pk}").select_option("no")
    page.locator(f"#vote_{members[7].pk}_{nominees[0].pk}").select_option("abstain")
    # Without the biên bản nothing is saved: it is the record of the count (the grid is kept).
    page.get_by_role("button", name="Ghi kết quả kiểm phiếu").click()
    assert page.locator("#tally-form .tdkt-file ~ .invalid-feedback").count() == 1
    assert not BallotMeeting.objects.exists()
    assert not page.locator(f"#present_{members[7].pk}").is_checked()
    minutes = tmp_path / "bien-ban-kiem-phieu.pdf"
    minutes.write_bytes(PDF)
    page.locator('input[name="minutes"]').set_input_files(str(minutes))
    screenshot(page, "e2e-tally-form")
    page.get_by_role("button", name="Ghi kết quả kiểm phiếu").click()
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()
    assert "Đã ghi kết quả kiểm phiếu" in page.locator("main").inner_text()
    screenshot(page, "e2e-tally-ballot")
    meeting = BallotMeeting.objects.get(dossier=dossier)
    assert meeting.present.count() == 7
    assert CouncilVote.objects.filter(meeting=meeting).count() == 15
    assert CouncilVote.objects.get(member=members[7], nominee=nominees[0]).in_writing
    assert not CouncilVote.objects.filter(member=members[8]).exists()
