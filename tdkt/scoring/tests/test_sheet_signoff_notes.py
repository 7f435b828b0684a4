"""What the score sheet page tells each person once the unit leader's sign-off is on: the officer's
status line says to save and put the sheet before the leader (not "submit it by the deadline"), the
leader's says to sign it off; past the deadline the officer sees, beside "Trình lãnh đạo", that the
leader will have to confirm the late sending; a sheet the leader sent back is badged as such with the
reason (page and API)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from conftest import Api
from tdkt.organizations.models import Organization
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.services.sheets import sheet_act, sheet_save, sheet_start

from .conftest import entries


@pytest.fixture
def sheet(scoring):
    Organization.objects.filter(code="FIN").update(leader_signoff=True)
    sheet = sheet_start(actor=scoring.users["unit_officer"], scoring_round=scoring.round,
                        organization=scoring.orgs["FIN"])
    sheet_save(actor=scoring.users["unit_officer"], sheet=sheet, entries=entries(I_2=12, II_1=25))
    return sheet


def _page(client, user, sheet) -> str:
    client.force_login(user)
    return client.get(reverse("scoring:sheet", args=[sheet.pk])).content.decode()


def _note(page: str, element_id: str) -> str:
    return page.split(f'id="{element_id}"', 1)[1].split("</div>", 1)[0]


def _overdue(scoring, days=1457):
    ScoringRound.objects.filter(pk=scoring.round.pk).update(
        self_deadline=timezone.localdate() - datetime.timedelta(days=days))


def _vi(msgid: str, **values) -> str:
    """The page's text for ``msgid`` (the catalogue's Vietnamese once merged, else the msgid)."""
    with override("vi"):
        return gettext(msgid) % values if values else gettext(msgid)


USUAL = "Draft: not submitted yet. Save as often as you like, then submit it by the deadline."


def test_officer_is_told_to_put_it_before_the_leader(client, scoring, sheet):
    note = _note(_page(client, scoring.users["unit_officer"], sheet), "draft-note")
    deadline = scoring.round.self_deadline.strftime("%d/%m/%Y")
    assert note == ">" + _vi("Draft: not submitted yet. Save the draft, then put it before the unit leader for "
                             "sign-off by the deadline (%(deadline)s); the leader submits it.", deadline=deadline)
    assert _vi(USUAL) not in note
    assert "nộp phiếu trước hạn" not in note


def test_leader_is_told_to_sign_it_off(client, scoring, sheet):
    note = _note(_page(client, scoring.users["unit_leader"],
                       sheet), "draft-note")
    deadline = scoring.round.self_deadline.strftime("%d/%m/%Y")
    assert note == ">" + _vi("Draft: not submitted yet. Save the draft, then sign it off and submit it by the "
                             "deadline (%(deadline)s).", deadline=deadline)


def test_without_the_step_the_usual_note(client, scoring, sheet):
    Organization.objects.filter(code="FIN").update(leader_signoff=False)
    note = _note(_page(client, scoring.users["unit_officer"], sheet), "draft-note")
    assert note == ">" + _vi(USUAL)


def test_past_the_deadline_the_officer_is_warned_beside_the_button(client, scoring, sheet):
    _overdue(scoring)
    page = _page(client, scoring.users["unit_officer"], sheet)
    warning = _note(page, "late-warning")
    with override("vi"):
        from django.utils.translation import ngettext
        expected = ngettext(
            "Overdue by %(days)s day: the leader will have to confirm the reason for sending it late.",
            "Overdue by %(days)s days: the leader will have to confirm the reason for sending it late.", 1457,
        ) % {"days": "1.457"}
    assert warning.endswith(expected)
    # beside the button, not folded away with the confirmation text
    assert page.index('id="submit-sheet"') < page.index("</details>") < page.index('id="late-warning"')
    assert _note(page, "overdue-note").endswith(_vi(
        "Draft: not submitted yet, and the self-scoring deadline has passed. Save it, then put it before the unit "
        "leader as soon as it is complete: the leader confirms the late submission with a reason."))
    # the leader gets the confirmation page instead; no warning meant for the officer
    assert 'id="late-warning"' not in _page(client, scoring.users["unit_leader"], sheet)


def test_before_the_deadline_no_warning(client, scoring, sheet):
    assert 'id="late-warning"' not in _page(client, scoring.users["unit_officer"], sheet)


def test_sent_back_sheet_is_badged_with_the_reason(client, scoring, sheet):
    sheet = sheet_act(actor=scoring.users["unit_officer"], sheet=sheet, action="request_signoff")
    sheet = sheet_act(actor=scoring.users["unit_leader"], sheet=sheet, action="send_back", reason="Xem lại mục II.1")
    page = _page(client, scoring.users["unit_officer"], sheet)
    badge = page.split('id="sheet-state"', 1)[0].rsplit("<span", 1)[1] + page.split('id="sheet-state"', 1)[1]
    assert "text-bg-warning" in badge
    assert _vi("Sent back by the leader") in badge.split("</span>", 1)[0]
    assert "Xem lại mục II.1" in _note(page, "sent-back")
    body = Api(client, scoring.users["unit_officer"]).get(f"/scoring/sheets/{sheet.pk}").json()
    assert body["sent_back_reason"] == "Xem lại mục II.1"
    assert body["sent_back_at"]
    sheet = sheet_act(actor=scoring.users["unit_officer"], sheet=sheet, action="request_signoff")
    assert 'id="sent-back"' not in _page(client, scoring.users["unit_officer"], sheet)


def test_round_page_shows_the_unit_its_sheet_was_sent_back(client, scoring, sheet):
    sheet = sheet_act(actor=scoring.users["unit_officer"], sheet=sheet, action="request_signoff")
    sheet_act(actor=scoring.users["unit_leader"], sheet=sheet, action="send_back", reason="Xem lại mục II.1")
    client.force_login(scoring.users["unit_officer"])
    page = client.get(reverse("scoring:round", args=[scoring.round.pk])).text
    own = page.split('id="own-sheets"', 1)[1]
    assert f'text-bg-warning">{_vi("Sent back by the leader")}</span>' in own
    assert "Xem lại mục II.1" in own
