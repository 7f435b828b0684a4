"""The council meeting's tally in one form (issue 11, point 5): the rules (pure), the nine-member
council of the demo (Quảng Trị) tallied in one form and through the API, invalid input leaving
nothing written, and who may do it (only the receiving organisation's standing office)."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_user
from tdkt.accounts.models import User
from tdkt.accounts.testing import force_login_verified
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.awards.domain.ballot import Vote
from tdkt.awards.domain.tally import NewBallot, Seat, tally
from tdkt.awards.domain.workflow import State
from tdkt.awards.forms_tally import TallyForm
from tdkt.awards.models import BallotMeeting, CouncilVote, Dossier
from tdkt.awards.services.tally import MINUTES_MISSING, NOTHING_LEFT, ballot_members, ballot_nominees, ballot_tally
from tdkt.awards.services.workflow import council_of, dossier_facts, vote_outcomes, vote_record
from tdkt.core.demo.cached import load_demo
from tdkt.organizations.models import Organization

from .conftest import PDF

# --- the rules, without a database ------------------------------------------------------------------

MEMBERS = [Seat(1, "Ông A"), Seat(2, "Bà B"), Seat(3, "Ông C")]
NOMINEES = [Seat(10, "Nguyễn Văn X"), Seat(11, "Trần Thị Y")]


def test_present_members_vote_yes_unless_marked_and_written_votes_are_flagged():
    result = tally(members=MEMBERS, nominees=NOMINEES, attendance={1: "present", 2: "written"},
                   votes={(1, 11): "no", (2, 10): "abstain"}, recorded={})
    assert result.errors == []
    assert result.present == [1]
    assert result.ballots == [
        NewBallot(1, 10, Vote.YES, False), NewBallot(1, 11, Vote.NO, False),
        NewBallot(2, 10, Vote.ABSTAIN, True), NewBallot(2, 11, Vote.YES, True),
    ]  # Ông C is absent: no ballot


def test_a_vote_already_cast_is_kept_and_never_overwritten():
    recorded = {(1, 10): "no"}
    result = tally(members=MEMBERS, nominees=NOMINEES, attendance={1: "present"}, votes={}, recorded=recorded)
    assert (result.kept, [b.nominee for b in result.ballots]) == (1, [11])
    clash = tally(members=MEMBERS, nominees=NOMINEES, attendance={1: "present"}, votes={(1, 10): "yes"},
                  recorded=recorded)
    assert clash.errors == ["Dòng Ông A, Nguyễn Văn X: thành viên đã bỏ phiếu “không đồng ý”; phiếu đã ghi nhận "
                            "không sửa được."]


def test_every_fault_is_named_by_its_row():
    result = tally(members=MEMBERS, nominees=NOMINEES,
                   attendance={1: "present", 3: "absent", 99: "present", 2: "maybe"},
                   votes={(1, 10): "yess", (3, 11): "no", (1, 77): "no"}, recorded={})
    assert result.errors == [
        "Thành viên có mã 99 không thuộc Hội đồng xét hồ sơ này.",
        "Dòng Ông A: người được đề nghị có mã 77 không thuộc hồ sơ hoặc không cần Hội đồng bỏ phiếu.",
        "Dòng Ông A, Nguyễn Văn X: phiếu “yess” không hợp lệ (đồng ý, không đồng ý, không biểu quyết).",
        "Dòng Bà B: tình trạng “maybe” không hợp lệ (có mặt, vắng có phiếu, vắng).",
        "Dòng Ông C: vắng mặt, không có phiếu bằng văn bản nhưng có phiếu cho Trần Thị Y; hãy đánh dấu có mặt "
        "hoặc vắng có phiếu bằng văn bản.",
    ]


# --- the demo's nine-member council ----------------------------------------------------------------


@pytest.fixture
def voting(db):
    """The demo's dossier waiting for the council of Quảng Trị (nine members; `hoidong` holds a seat)."""
    assert load_demo() is True
    dossier = Dossier.objects.get(state=State.VOTING)
    council = council_of(dossier)
    members, nominees = ballot_members(council), ballot_nominees(dossier)
    assert len(members) == 9
    assert len(nominees) == 2
    return dossier, members, nominees


def _minutes(name="bien-ban-kiem-phieu.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _grid(members, nominees, *, present, written=(), votes=None):
    """The POST of the page: what the clerk ticks and chooses (every select sent, as a browser does)."""
    data = {"held_on": "15/09/2025"}
    for i, member in enumerate(members):
        if i in present:
            data[f"present_{member.pk}"] = "on"
        if i in written:
            data[f"written_{member.pk}"] = "on"
        for j, nominee in enumerate(nominees):
            data[f"vote_{member.pk}_{nominee.pk}"] = (votes or {}).get((i, j), "yes")
    return data


def test_nine_member_council_tallied_in_one_form(client, voting):
    dossier, members, nominees = voting
    first, second = nominees
    hoidong = User.objects.get(username="hoidong")
    # The member with an account voted for himself before the meeting: his vote stays.
    vote_record(actor=hoidong, nominee=first, member=members[0], vote="no")
    client.force_login(User.objects.get(username="thuongtruc"))
    url = reverse("awards:ballot_tally", args=[dossier.pk])
    assert url in client.get(reverse("awards:votes", args=[dossier.pk])).content.decode()
    page = client.get(url).content.decode()
    assert page.count('<tr id="tally-') == 9
    assert f'name="vote_{members[0].pk}_{first.pk}"' not in page  # his own vote, read-only
    assert f'name="vote_{members[0].pk}_{second.pk}"' in page
    # Seven present, one absent with a written vote, one absent; two exceptions.
    data = _grid(members, nominees, present=range(7), written=(7,),
                 votes={(2, 1): "no", (7, 0): "abstain"})
    response = client.post(url, {**data, "minutes": _minutes()})
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = BallotMeeting.objects.get()
    assert meeting.present.count() == 7
    assert meeting.minutes_name == "bien-ban-kiem-phieu.pdf"
    assert meeting.minutes.read().startswith(b"%PDF")
    assert CouncilVote.objects.filter(meeting=meeting).count() == 15  # 8 members × 2 nominees, less his own
    assert CouncilVote.objects.get(nominee=first, member=members[0]).vote == "no"
    assert CouncilVote.objects.get(nominee=second, member=members[2]).vote == "no"
    written = CouncilVote.objects.get(nominee=first, member=members[7])
    assert (written.vote, written.in_writing) == ("abstain", True)
    assert not CouncilVote.objects.filter(member=members[8]).exists()
    outcomes = vote_outcomes(dossier)
    assert (outcomes[first.pk].yes, outcomes[first.pk].present, outcomes[first.pk].missing) == (6, 7, 1)
    assert (outcomes[second.pk].yes, outcomes[second.pk].missing) == (7, 1)
    assert outcomes[first.pk].passed
    assert outcomes[second.pk].passed
    event = AuditEvent.objects.filter(event_type=AuditEventType.COUNCIL_VOTE_RECORDED).latest("pk")
    assert event.after["votes"] == 15
    assert event.after["kept"] == 1
    assert len(event.after["present"]) == 7
    assert len(event.after["not_yes"]) == 2
    # The ballot page lists the meeting; its biên bản downloads for those who see the ballot.
    minutes = reverse("awards:ballot_minutes", args=[meeting.pk])
    assert minutes in client.get(reverse("awards:votes", args=[dossier.pk])).content.decode()
    for username, status in (("thuongtruc", 200), ("hoidong", 200), ("canbo", 404), ("xem", 404)):
        client.force_login(User.objects.get(username=username))
        response = client.get(minutes)
        assert response.status_code == status, username
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert response["Content-Disposition"].startswith("attachment")
    # The absent member may still vote for himself afterwards; then the ballot can close.
    vote_record(actor=User.objects.get(username="thuongtruc"), nominee=first, member=members[8], vote="yes",
                in_writing=True)
    vote_record(actor=User.objects.get(username="thuongtruc"), nominee=second, member=members[8], vote="yes",
                in_writing=True)
    assert dossier_facts(dossier).votes_complete


@pytest.mark.parametrize("case", ["both_ticked", "bad_vote", "no_minutes", "fake_pdf", "clash_with_own_vote"])
def test_invalid_input_leaves_nothing_written(client, voting, case, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    dossier, members, nominees = voting
    vote_record(actor=User.objects.get(username="hoidong"), nominee=nominees[0], member=members[0], vote="no")
    client.force_login(User.objects.get(username="thuongtruc"))
    data = _grid(members, nominees, present=range(9))
    files = {"minutes": _minutes()}
    expected = ""
    if case == "both_ticked":
        data[f"written_{members[4].pk}"] = "on"
        expected = members[4].full_name
    elif case == "bad_vote":
        data[f"vote_{members[5].pk}_{nominees[1].pk}"] = "maybe"
        expected = f"Dòng {members[5].full_name}, {nominees[1].subject}: phiếu “maybe” không hợp lệ"
    elif case == "no_minutes":  # the biên bản is the record of the count: required by the form
        files = {}
        expected = str(TallyForm.base_fields["minutes"].error_messages["required"])
    elif case == "fake_pdf":
        files = {"minutes": _minutes(data=b"<html><script>alert(1)</script></html>")}
        expected = "Loại tệp không được chấp nhận."
    else:
        data[f"vote_{members[0].pk}_{nominees[0].pk}"] = "yes"
        # the page shows no box for it; a forged POST cannot change the vote either
    before = CouncilVote.objects.count()
    response = client.post(reverse("awards:ballot_tally", args=[dossier.pk]), {**data, **files})
    if case == "clash_with_own_vote":  # the forged box is ignored, his vote is kept
        assert response.status_code == 302
        assert CouncilVote.objects.get(nominee=nominees[0], member=members[0]).vote == "no"
        return
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert CouncilVote.objects.count() == before
    assert not BallotMeeting.objects.exists()
    assert not list(tmp_path.rglob("bien-ban-kiem-phieu*"))


def test_only_the_receiving_standing_office_records_the_tally(client, voting):
    dossier, members, nominees = voting
    url = reverse("awards:ballot_tally", args=[dossier.pk])
    other_office = make_user("thuongtruc_stc", "standing_office", Organization.objects.get(code="QT-STC"))
    for username, status in (("hoidong", 403), ("pheduyet", 403), ("canbo", 404), ("xem", 404)):
        force_login_verified(client, User.objects.get(username=username))  # pheduyet has a second factor
        assert client.get(url).status_code == status, username
        assert client.post(url, {**_grid(members, nominees, present=range(9)), "minutes": _minutes()}
                           ).status_code == status, username
    client.force_login(other_office)
    assert client.post(url, {**_grid(members, nominees, present=range(9)), "minutes": _minutes()}
                       ).status_code in (403, 404)
    assert not CouncilVote.objects.filter(meeting__isnull=False).exists()
    assert not BallotMeeting.objects.exists()
    # Not while the council is not voting.
    Dossier.objects.filter(pk=dossier.pk).update(state=State.VOTED)
    client.force_login(User.objects.get(username="thuongtruc"))
    assert client.get(url).status_code == 302


# --- the API -----------------------------------------------------------------------------------------


def _token(client, username):
    response = client.post("/api/v1/auth/token", {"username": username, "password": "demo"},
                           content_type="application/json")
    return {"HTTP_AUTHORIZATION": f"Bearer {response.json()['token']}"}


def test_api_tally_all_or_nothing_and_office_only(client, voting):
    dossier, members, nominees = voting
    url = f"/api/v1/awards/dossiers/{dossier.pk}/ballot-tally"
    sheet = {"present": [m.pk for m in members[:8]], "written": [members[8].pk],
             "votes": [{"member_id": members[3].pk, "nominee_id": nominees[0].pk, "vote": "no"}]}
    body = {"held_on": "2025-09-15", "tally": json.dumps(sheet), "minutes": _minutes()}
    assert client.post(url, body, **_token(client, "hoidong")).status_code == 403
    office = _token(client, "thuongtruc")
    wrong = {**sheet, "votes": [{"member_id": members[3].pk, "nominee_id": 999999, "vote": "no"}]}
    response = client.post(url, {**body, "tally": json.dumps(wrong), "minutes": _minutes()}, **office)
    assert response.status_code == 400
    assert "999999" in response.json()["detail"]
    assert not CouncilVote.objects.exists()
    response = client.post(url, {**body, "minutes": _minutes()}, **office)
    assert response.status_code == 201, response.content.decode()
    assert response.json()["votes_recorded"] == 18
    assert sorted(response.json()["present"]) == sorted(m.pk for m in members[:8])
    assert CouncilVote.objects.filter(in_writing=True).count() == 2
    assert CouncilVote.objects.get(member=members[3], nominee=nominees[0]).vote == "no"
    assert dossier_facts(dossier).votes_complete


def test_the_minutes_are_required_by_page_service_and_api(client, voting):
    """The biên bản kiểm phiếu is the record of the count: no tally is written without it."""
    dossier, members, nominees = voting
    office = User.objects.get(username="thuongtruc")
    client.force_login(office)
    url = reverse("awards:ballot_tally", args=[dossier.pk])
    response = client.post(url, _grid(members, nominees, present=range(9)))
    assert response.status_code == 400
    assert "minutes" in response.context["form"].errors
    assert TallyForm.base_fields["minutes"].required
    with pytest.raises(ValidationError) as caught:
        ballot_tally(actor=office, dossier=dossier, held_on=datetime.date(2025, 9, 15),
                     attendance={m.pk: "present" for m in members}, votes={}, minutes=None)
    assert caught.value.message_dict["minutes"] == [MINUTES_MISSING]
    sheet = {"present": [m.pk for m in members], "written": [], "votes": []}
    response = client.post(f"/api/v1/awards/dossiers/{dossier.pk}/ballot-tally",
                           {"held_on": "2025-09-15", "tally": json.dumps(sheet)}, **_token(client, "thuongtruc"))
    assert response.status_code == 400
    assert response.json()["errors"]["minutes"] == [MINUTES_MISSING]
    assert "biên bản kiểm phiếu" in response.json()["detail"]
    assert not BallotMeeting.objects.exists()
    assert not CouncilVote.objects.exists()
    spec = client.get("/api/v1/openapi.json").json()
    body = spec["paths"]["/api/v1/awards/dossiers/{dossier_id}/ballot-tally"]["post"]["requestBody"]
    assert sorted(body["content"]["multipart/form-data"]["schema"]["required"]) == ["held_on", "minutes", "tally"]


def test_no_tally_is_offered_once_every_vote_is_in(client, voting):
    dossier, members, nominees = voting
    office = User.objects.get(username="thuongtruc")
    client.force_login(office)
    votes_url, url = reverse("awards:votes", args=[dossier.pk]), reverse("awards:ballot_tally", args=[dossier.pk])
    assert 'id="tally-link"' in client.get(votes_url).content.decode()
    response = client.post(url, {**_grid(members, nominees, present=range(9)), "minutes": _minutes()})
    assert response.status_code == 302
    assert BallotMeeting.objects.count() == 1
    # Every member voted on every nominee: the button gives way to a note, the page and the service refuse.
    page = client.get(votes_url).content.decode()
    assert 'id="tally-link"' not in page
    assert 'id="tally-done"' in page
    assert client.get(url).status_code == 302
    assert client.get(url, follow=True).redirect_chain[-1][0] == votes_url
    response = client.post(url, {**_grid(members, nominees, present=range(9)), "minutes": _minutes()})
    assert response.status_code == 302
    with pytest.raises(ValidationError) as caught:
        ballot_tally(actor=office, dossier=dossier, held_on=datetime.date(2025, 9, 16),
                     attendance={m.pk: "present" for m in members}, votes={}, minutes=_minutes())
    assert caught.value.message_dict == {"votes": [NOTHING_LEFT]}
    sheet = {"present": [m.pk for m in members], "written": [], "votes": []}
    response = client.post(f"/api/v1/awards/dossiers/{dossier.pk}/ballot-tally",
                           {"held_on": "2025-09-16", "tally": json.dumps(sheet), "minutes": _minutes()},
                           **_token(client, "thuongtruc"))
    assert response.status_code == 400
    assert response.json()["errors"] == {"votes": [NOTHING_LEFT]}
    assert BallotMeeting.objects.count() == 1
