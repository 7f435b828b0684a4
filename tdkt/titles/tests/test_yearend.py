"""The unit's year-end vote on titles (issue 13.3): the list from the records, the council's tally
over all members (CSTĐCS 80%, the others more than half), the head's one decision writing every title
at once with the money of the highest title per person, collectives checked again with this vote's
LĐTT counted, TTLĐXS proposed upward, revocation taking the titles out again; pages, API, DOCX.
Expected figures are written out here."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from conftest import Api, make_person
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.records.models import AnnualRating, HonourRecord
from tdkt.titles import domain
from tdkt.titles.models import VoteState, YearEndVote
from tdkt.titles.selectors import votes_for
from tdkt.titles.services import yearend_decide, yearend_open, yearend_revoke, yearend_tally

YEAR = 2025
MEETING = datetime.date(2026, 1, 8)
DECIDED = datetime.date(2026, 1, 10)


def test_thresholds_over_all_members():
    assert domain.yes_needed("CSTDCS", 9) == 8  # 80% of 9 = 7,2
    assert domain.yes_needed("CSTDCS", 10) == 8
    assert domain.yes_needed("LDTT", 9) == 5
    assert domain.yes_needed("LDTT", 10) == 6  # more than half: 5 of 10 is not enough
    assert domain.quorum_met(6, 9)
    assert not domain.quorum_met(5, 9)


@pytest.fixture
def unit(world):
    """Sở Tài chính: nine people (eight rated at least HTTNV, one HTXSNV), the Sở rated HTTNV."""
    fin = world.orgs["FIN"]
    people = [world.people["fin"], world.people["fin-ns"]] + [
        make_person(fin, name) for name in ("Võ Thị Lan", "Đặng Văn Bình", "Ngô Thị Cúc", "Bùi Văn Dũng",
                                            "Phan Thị Én", "Lý Văn Giang", "Hồ Thị Hạnh")]
    ratings = ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"]
    for person, rating in zip(people, ratings, strict=True):
        AnnualRating.objects.create(person=person, year=YEAR, rating=rating)
    AnnualRating.objects.create(organization=fin, year=YEAR, rating="HTTNV")
    return people


def _tally_all(vote, *, yes=9, cstdcs_yes=8, include=()):
    """Every row the list puts to the vote (and the collectives named in ``include``) with these votes."""
    rows = list(vote.candidates.select_related("collective"))
    tallies = {c.pk: (cstdcs_yes if c.award == "CSTDCS" else yes) for c in rows}
    excluded = {c.pk for c in rows if not c.included and not (c.collective and c.collective.code in include)}
    return tallies, excluded


def test_the_whole_year_end_vote(world, unit):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    fin = world.orgs["FIN"]
    vote = yearend_open(actor=officer, organization=fin, year=YEAR)
    rows = {(c.award, c.name) for c in vote.candidates.all()}
    ldtt = {name for award, name in rows if award == "LDTT"}
    assert len(ldtt) == 8
    assert "Hồ Thị Hạnh" not in ldtt  # rated HTNV: the engine never lets her through
    assert {name for award, name in rows if award == "CSTDCS"} == {"Nguyễn Văn Đức"}
    assert {name for award, name in rows if award == "TTLDTT"} == {"Sở Tài chính", "Phòng Quản lý ngân sách"}
    with pytest.raises(ValidationError):  # one live list a year
        yearend_open(actor=officer, organization=fin, year=YEAR)

    tallies, excluded = _tally_all(vote, cstdcs_yes=7)
    with pytest.raises(ValidationError) as caught:
        yearend_tally(actor=officer, vote=vote, meeting_date=MEETING, members=9, present=5, tallies=tallies,
                      excluded=excluded)
    assert "hai phần ba" in caught.value.message_dict["present"][0]
    with pytest.raises(ValidationError) as caught:
        yearend_tally(actor=officer, vote=vote, meeting_date=MEETING, members=9, present=9,
                      tallies={**tallies, next(iter(tallies)): 10}, excluded=excluded)
    assert "từ 0 đến 9" in caught.value.message_dict["tallies"][0]
    yearend_tally(actor=officer, vote=vote, meeting_date=MEETING, members=9, present=8, tallies=tallies,
                  excluded=excluded)
    vote.refresh_from_db()
    assert vote.state == VoteState.VOTED
    assert not vote.candidates.get(award="CSTDCS").passed  # 7 of 9 < 80%
    tallies, excluded = _tally_all(vote, cstdcs_yes=8)
    yearend_tally(actor=officer, vote=vote, meeting_date=MEETING, members=9, present=8, tallies=tallies,
                  excluded=excluded)
    assert vote.candidates.get(award="CSTDCS").passed

    with pytest.raises(PermissionDenied):  # the officer prepares; the head decides
        yearend_decide(actor=officer, vote=vote, number="15/QĐ-STC", date=DECIDED, signer_name="Lê Văn Tài",
                       signer_title="GIÁM ĐỐC")
    vote = yearend_decide(actor=leader, vote=vote, number="15/QĐ-STC", date=DECIDED, signer_name="Lê Văn Tài",
                          signer_title="GIÁM ĐỐC")
    assert vote.state == VoteState.DECIDED
    records = HonourRecord.objects.filter(year=YEAR, decision_number="15/QĐ-STC")
    assert records.filter(code="LDTT").count() == 8
    assert records.filter(code="CSTDCS", person=world.people["fin"]).count() == 1
    # The Sở's 70% of LĐTT is met by this decision's own LĐTT (8 of 9), checked inside it.
    assert records.filter(code="TTLDTT", organization=fin).count() == 1
    money = {(c.award, c.name): c.amount for c in vote.candidates.filter(passed=True)}
    assert money[("CSTDCS", "Nguyễn Văn Đức")] == 2_340_000  # 1,0 × 2.340.000
    assert money[("LDTT", "Nguyễn Văn Đức")] == 0  # the same year's lower title is not paid twice
    assert money[("LDTT", "Võ Thị Lan")] == 710_000  # 0,3 × 2.340.000 = 702.000, rounded up
    assert money[("TTLDTT", "Sở Tài chính")] == 1_880_000  # 0,8 × 2.340.000 = 1.872.000
    assert AuditEvent.objects.filter(event_type=AuditEventType.YEAREND_DECIDED).count() == 1
    text = "\n".join(p.text for p in Document(BytesIO(vote.docx.read())).paragraphs)
    assert "Về việc công nhận danh hiệu thi đua năm 2025" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text  # the decree in force on 10/01/2026
    assert "Lao động tiên tiến" in text

    with pytest.raises(PermissionDenied):
        yearend_revoke(actor=officer, vote=vote, reason="Sai sót")
    yearend_revoke(actor=leader, vote=vote, reason="Sai sót trong danh sách")
    assert not HonourRecord.objects.filter(decision_number="15/QĐ-STC").exists()
    assert YearEndVote.objects.get(pk=vote.pk).state == VoteState.REVOKED
    assert yearend_open(actor=officer, organization=fin, year=YEAR).state == VoteState.DRAFT  # a new vote


def test_a_collective_not_met_even_with_the_votes_lets_nothing_be_written(world, unit):
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    vote = yearend_open(actor=officer, organization=world.orgs["FIN"], year=YEAR)
    # The clerk puts Phòng Quản lý ngân sách to the vote although the list did not: it has no rating.
    assert not vote.candidates.get(award="TTLDTT", collective=world.orgs["FIN-NS"]).included
    tallies, excluded = _tally_all(vote, include=("FIN-NS",))
    yearend_tally(actor=officer, vote=vote, meeting_date=MEETING, members=9, present=9, tallies=tallies,
                  excluded=excluded)
    with pytest.raises(ValidationError) as caught:
        yearend_decide(actor=leader, vote=vote, number="16/QĐ-STC", date=DECIDED, signer_name="Lê Văn Tài",
                       signer_title="GIÁM ĐỐC")
    assert "Phòng Quản lý ngân sách" in caught.value.messages[0]
    assert not HonourRecord.objects.filter(decision_number="16/QĐ-STC").exists()
    assert YearEndVote.objects.get(pk=vote.pk).state == VoteState.VOTED


def test_another_unit_may_not_open_or_see_it(world, unit):
    with pytest.raises(PermissionDenied):
        yearend_open(actor=world.users["viewer"], organization=world.orgs["FIN"], year=YEAR)
    vote = yearend_open(actor=world.users["unit_officer"], organization=world.orgs["FIN"], year=YEAR)
    assert list(votes_for(world.users["viewer"])) == []  # Sở Nội vụ's viewer
    assert list(votes_for(world.users["standing_office"])) == [vote]  # the province's office sees its units


def test_pages_and_api(world, unit, client):
    client.force_login(world.users["unit_officer"])
    page = client.get(reverse("titles:votes"))
    assert page.status_code == 200
    assert reverse("titles:votes") in client.get(reverse("home")).content.decode()  # in the menu
    response = client.post(reverse("titles:votes"), {"organization": world.orgs["FIN"].pk, "year": "2025"})
    assert response.status_code == 302
    vote = YearEndVote.objects.get()
    data = {"meeting_date": "08/01/2026", "members": "9", "present": "8"}
    for c in vote.candidates.filter(included=True):
        data[f"in_{c.pk}"] = "on"
        data[f"yes_{c.pk}"] = "8"
    wrong = vote.candidates.filter(award="LDTT").first()
    response = client.post(reverse("titles:tally", args=[vote.pk]), dict(data, **{f"yes_{wrong.pk}": "7,5"}))
    assert response.status_code == 400
    assert f"{wrong.name} (Lao động tiên tiến): “7,5” không phải là số phiếu nguyên" in response.content.decode()
    assert vote.candidates.filter(yes_votes__isnull=False).count() == 0  # nothing half-written
    assert client.post(reverse("titles:tally", args=[vote.pk]), data).status_code == 302
    decide = {"number": "15/QĐ-STC", "date": "10/01/2026", "signer_name": "Lê Văn Tài", "signer_title": "GIÁM ĐỐC"}
    assert client.post(reverse("titles:decide", args=[vote.pk]), decide).status_code == 403
    client.force_login(world.users["unit_leader"])
    assert client.post(reverse("titles:decide", args=[vote.pk]), decide).status_code == 302
    assert HonourRecord.objects.filter(decision_number="15/QĐ-STC", code="LDTT").count() == 8
    docx = client.get(reverse("titles:docx", args=[vote.pk]))
    assert docx.status_code == 200
    assert "Võ Thị Lan" in "\n".join(c.text for t in Document(BytesIO(b"".join(docx.streaming_content))).tables
                                    for r in t.rows for c in r.cells)

    client.force_login(world.users["viewer"])
    assert client.get(reverse("titles:vote", args=[vote.pk])).status_code == 404
    viewer = Api(client, world.users["viewer"])
    assert viewer.get(f"/titles/votes/{vote.pk}").status_code == 404
    api = Api(client, world.users["unit_leader"])
    body = api.get(f"/titles/votes/{vote.pk}").json()
    assert body["state"] == "decided"
    assert sum(1 for c in body["candidates"] if c["award"] == "LDTT" and c["passed"]) == 8
    assert api.post(f"/titles/votes/{vote.pk}/revoke", {"reason": ""}).status_code == 422
    assert api.post(f"/titles/votes/{vote.pk}/revoke", {"reason": "Sai sót"}).json()["state"] == "revoked"
    assert not HonourRecord.objects.filter(decision_number="15/QĐ-STC").exists()


def test_the_api_holds_a_vote_end_to_end(world, unit, client):
    officer = Api(client, world.users["unit_officer"])
    opened = officer.post("/titles/votes", {"organization_id": world.orgs["FIN"].pk, "year": YEAR})
    assert opened.status_code == 201, opened.content
    vote = opened.json()
    tallies = [{"candidate_id": c["id"], "included": c["included"], "yes_votes": 9} for c in vote["candidates"]]
    tallied = officer.post(f"/titles/votes/{vote['id']}/tally",
                           {"meeting_date": "2026-01-08", "members": 9, "present": 9, "tallies": tallies})
    assert tallied.status_code == 200, tallied.content
    decide = {"number": "15/QĐ-STC", "date": "2026-01-10", "signer_name": "Lê Văn Tài", "signer_title": "GIÁM ĐỐC"}
    assert officer.post(f"/titles/votes/{vote['id']}/decide", decide).status_code == 403
    leader = Api(client, world.users["unit_leader"])
    decided = leader.post(f"/titles/votes/{vote['id']}/decide", decide)
    assert decided.status_code == 200, decided.content
    assert decided.json()["state"] == "decided"
    assert HonourRecord.objects.filter(decision_number="15/QĐ-STC").count() == 10  # 8 LĐTT, 1 CSTĐCS, 1 TTLĐTT
    assert leader.get(f"/titles/votes/{vote['id']}/files/docx").status_code == 200


def test_the_tally_boxes_keep_their_names_past_a_thousand_rows(world, unit, client):
    """Ids are written as plain digits in the boxes' names: the page's number format would make 10001
    "10.001", and the box would not match its candidate when posted."""
    from django.db.models import F

    from tdkt.titles.models import YearEndCandidate

    vote = yearend_open(actor=world.users["unit_officer"], organization=world.orgs["FIN"], year=YEAR)
    YearEndCandidate.objects.filter(vote=vote).update(id=F("id") + 10000)
    client.force_login(world.users["unit_officer"])
    page = client.get(reverse("titles:vote", args=[vote.pk])).content.decode()
    for c in vote.candidates.all():
        assert f'name="in_{c.pk}"' in page
        assert f'name="yes_{c.pk}"' in page
