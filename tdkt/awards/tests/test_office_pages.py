"""The receiving side's pages: appraisal of each nominee, the council ballot (thresholds over ALL
members), objections during the public notice, the office panel of the dossier page."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Appraisal, AwardForm, CouncilMember, CouncilVote, Nominee, Objection
from tdkt.awards.services.dossiers import attachment_add, dossier_create, nominee_add
from tdkt.awards.services.workflow import dossier_act, nominee_appraise, vote_record

from .conftest import COMPONENTS, PDF


def _dossier(a, *pairs):
    """A submitted dossier of FIN with (person key, form code) nominees, every component attached."""
    officer = a.world.users["unit_officer"]
    dossier = dossier_create(actor=officer, round=a.round, organization=a.world.orgs["FIN"],
                             title="Tờ trình đề nghị khen thưởng năm 2025")
    for person, code in pairs:
        nominee_add(actor=officer, dossier=dossier, award=a.forms[code], person=a.world.people[person],
                    achievement="Hoàn thành xuất sắc nhiệm vụ", justification="Đề nghị theo thành tích nổi bật")
    for component in ("to_trinh", "bien_ban", "bao_cao"):
        upload = SimpleUploadedFile(f"{component}.pdf", PDF, content_type="application/pdf")
        attachment_add(actor=officer, dossier=dossier, component=component, upload=upload)
    return dossier_act(actor=officer, dossier=dossier, action="submit")


def _received(a, *pairs):
    return dossier_act(actor=a.world.users["standing_office"], dossier=_dossier(a, *pairs), action="receive")


def _voting(a, *pairs):
    office = a.world.users["standing_office"]
    dossier = _received(a, *pairs)
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    return dossier_act(actor=office, dossier=dossier, action="open_vote")


def _texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _panel(dossier, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% load awards_office %}{% office_panel dossier %}")
    return html.render(Context({"dossier": dossier, "request": request, "user": user}))


def _count(html: str, nominee) -> dict:
    section = re.search(rf'id="ballot-{nominee.pk}".*?</section>', html, re.S).group(0)
    found = {k: int(re.search(rf'class="ballot-{k}">(\d+)<', section).group(1))
             for k in ("yes", "needed", "present", "members")}
    found["passed"] = 'data-passed="1"' in section
    found["quorum"] = "text-bg-success ballot-quorum" in section
    return found


# Appraisal


def test_appraisal_by_page(awards, client):
    a = awards
    dossier = _received(a, ("fin", "GK_STC"), ("fin-ns", "GK_STC"))
    first, second = dossier.nominees.all()
    url = reverse("awards:nominee_appraise", args=[first.pk])

    client.force_login(a.world.users["unit_officer"])  # sees the dossier, may not appraise
    assert client.post(url, {"result": "accepted"}).status_code == 403
    for outsider in ("viewer", "nobody"):
        client.force_login(a.world.users[outsider])
        assert client.post(url, {"result": "accepted"}).status_code == 404

    client.force_login(a.world.users["standing_office"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"result": "rejected", "note": "  "})
    assert response.status_code == 302
    assert response.url == reverse("awards:dossier", args=[dossier.pk])
    assert _texts(response)  # the reason is required
    first.refresh_from_db()
    assert first.appraisal == Appraisal.PENDING
    assert first.appraisal_note == ""

    response = client.post(url, {"result": "accepted"})
    assert response.url == reverse("awards:dossier", args=[dossier.pk])
    first.refresh_from_db()
    assert first.appraisal == Appraisal.ACCEPTED

    # Changed to another form, with the reason.
    url2 = reverse("awards:nominee_appraise", args=[second.pk])
    response = client.post(url2, {"result": "changed", "note": "Thành tích ở mức Bằng khen tỉnh",
                                  "final_award": a.forms["BK_CT"].pk})
    second.refresh_from_db()
    assert second.appraisal == Appraisal.CHANGED
    assert second.final_award == a.forms["BK_CT"]
    assert second.awarded_form.code == "BK_CT"
    assert second.appraisal_note == "Thành tích ở mức Bằng khen tỉnh"
    # Changing to the same form is refused and leaves the appraisal as it was.
    response = client.post(url2, {"result": "changed", "note": "x", "final_award": a.forms["GK_STC"].pk})
    assert _texts(response)
    second.refresh_from_db()
    assert second.final_award == a.forms["BK_CT"]


def test_appraisal_refused_outside_received(awards, client):
    a = awards
    dossier = _dossier(a, ("fin", "GK_STC"))  # submitted, not yet received
    nominee = dossier.nominees.get()
    client.force_login(a.world.users["standing_office"])
    response = client.post(reverse("awards:nominee_appraise", args=[nominee.pk]), {"result": "accepted"})
    assert response.status_code == 302
    assert _texts(response)
    nominee.refresh_from_db()
    assert nominee.appraisal == Appraisal.PENDING


def test_office_panel_offers_appraisal_and_states_the_facts(awards):
    a = awards
    dossier = _received(a, ("fin", "GK_STC"), ("fin-ns", "BK_TTG"))
    office = a.world.users["standing_office"]
    html = _panel(dossier, office)
    assert 'id="office-panel"' in html
    for nominee in dossier.nominees.all():
        assert reverse("awards:nominee_appraise", args=[nominee.pk]) in html
    assert len(re.findall(r"<li>", html.split('id="office-steps"')[1].split("</ul>")[0])) >= 2
    # A council member sees the panel but no appraisal form.
    html = _panel(dossier, a.world.users["council_member"])
    assert reverse("awards:nominee_appraise", args=[dossier.nominees.first().pk]) not in html
    # Once appraised the panel names the nominee beyond this level's power.
    for nominee in dossier.nominees.all():
        nominee_appraise(actor=office, nominee=nominee, result="accepted")
    html = _panel(dossier, office)
    assert "Bằng khen của Thủ tướng Chính phủ" in html.split('id="office-steps"')[1].split("</ul>")[0]


# Ballot


def test_ballot_page_access(awards, client):
    a = awards
    dossier = _voting(a, ("fin", "CSTDCS"))
    url = reverse("awards:votes", args=[dossier.pk])
    for role, status in [("viewer", 404), ("nobody", 404), ("unit_officer", 403), ("unit_leader", 403),
                         ("approver", 200), ("council_member", 200), ("standing_office", 200), ("admin", 200)]:
        client.force_login(a.world.users[role])
        assert client.get(url).status_code == status, role
    client.force_login(a.world.users["unit_officer"])
    nominee = dossier.nominees.get()
    assert client.post(url, {"nominee": nominee.pk, "member": a.members[1].pk, "vote": "yes"}).status_code == 403
    client.force_login(a.world.users["approver"])  # sees the results, does not vote
    assert client.post(url, {"nominee": nominee.pk, "member": a.members[1].pk, "vote": "yes"}).status_code == 403
    assert not CouncilVote.objects.exists()


def test_ballot_by_page_over_all_members(awards, client):
    a = awards
    a.council.quorum = Decimal(60)  # 3 of 5 present is a quorum: the threshold alone decides below
    a.council.save()
    dossier = _voting(a, ("fin", "CSTDCS"), ("fin-ns", "CSTDCS"))
    four, three = dossier.nominees.all()
    url = reverse("awards:votes", args=[dossier.pk])

    # The council member votes for themself, on the page; not for another member.
    client.force_login(a.world.users["council_member"])
    html = client.get(url).content.decode()
    assert "own-vote" in html
    assert "record-vote" not in html
    for nominee in (four, three):
        response = client.post(url, {"nominee": nominee.pk, "vote": "yes"})
        assert response.status_code == 302
        assert response.url == url
    assert CouncilVote.objects.filter(member=a.members[0], in_writing=False, vote="yes").count() == 2
    assert client.post(url, {"nominee": four.pk, "member": a.members[1].pk, "vote": "yes"}).status_code == 403
    response = client.post(url, {"nominee": four.pk, "vote": "no"})  # a vote once recorded stays
    assert _texts(response)
    assert CouncilVote.objects.get(nominee=four, member=a.members[0]).vote == "yes"

    # The standing office records the others from the meeting, absent members' votes in writing.
    client.force_login(a.world.users["standing_office"])
    assert "record-vote" in client.get(url).content.decode()
    for member, vote, writing in [(1, "yes", False), (2, "yes", True), (3, "yes", True), (4, "no", False)]:
        data = {"nominee": four.pk, "member": a.members[member].pk, "vote": vote}
        if writing:
            data["in_writing"] = "on"
        assert client.post(url, data).status_code == 302
    for member in (1, 2):
        client.post(url, {"nominee": three.pk, "member": a.members[member].pk, "vote": "yes"})
    assert CouncilVote.objects.filter(nominee=four, in_writing=True).count() == 2

    html = client.get(url).content.decode()
    # 4 yes of ALL 5 members = 80%: passes (3 present of 5 = 60%: quorum met).
    assert _count(html, four) == {"yes": 4, "needed": 4, "present": 3, "members": 5, "passed": True, "quorum": True}
    # 3 yes and 2 members not yet voting: 60% of all members, not 80% — fails though quorum is met.
    assert _count(html, three) == {"yes": 3, "needed": 4, "present": 3, "members": 5, "passed": False,
                                   "quorum": True}
    assert f'id="vote-{four.pk}-{a.members[2].pk}"' in html

    # Still open: the ballot cannot close while votes are missing; once they are in, it closes.
    with pytest.raises(ValidationError):
        dossier_act(actor=a.world.users["standing_office"], dossier=dossier, action="close_vote")
    for member in (3, 4):
        client.post(url, {"nominee": three.pk, "member": a.members[member].pk, "vote": "abstain"})
    dossier = dossier_act(actor=a.world.users["standing_office"], dossier=dossier, action="close_vote")
    assert dossier.state == State.VOTED

    # Closed: read-only results, a late vote is refused.
    html = client.get(url).content.decode()
    assert "record-vote" not in html
    assert "own-vote" not in html
    assert _count(html, three)["passed"] is False
    assert _count(html, four)["passed"] is True
    before = CouncilVote.objects.count()
    response = client.post(url, {"nominee": four.pk, "member": a.members[1].pk, "vote": "no"})
    assert response.status_code == 302
    assert _texts(response)
    assert CouncilVote.objects.count() == before


def test_ninety_percent_form_over_ten_members(awards, client):
    a = awards
    p = a.world.orgs["P"]
    AwardForm.objects.create(
        code="CSTD_TINH", name="Chiến sĩ thi đua cấp tỉnh", record_code="CSTD_TINH", issuer=p, level="province",
        decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", for_collective=False, needs_ballot=True,
        ballot_threshold=Decimal(90), components=COMPONENTS, effective_from=datetime.date(2024, 1, 1),
    )
    a.forms["CSTD_TINH"] = AwardForm.objects.get(code="CSTD_TINH")
    members = a.members + [CouncilMember.objects.create(council=a.council, full_name=f"Thành viên {i}")
                           for i in range(6, 11)]
    dossier = _voting(a, ("fin", "CSTD_TINH"), ("fin-ns", "CSTD_TINH"))
    eight, nine = dossier.nominees.all()
    office = a.world.users["standing_office"]
    for nominee, yes in ((eight, 8), (nine, 9)):
        for i, member in enumerate(members):
            vote_record(actor=office, nominee=nominee, member=member, vote="yes" if i < yes else "no")
    client.force_login(office)
    html = client.get(reverse("awards:votes", args=[dossier.pk])).content.decode()
    assert "≥ 90% " in html
    assert _count(html, eight) == {"yes": 8, "needed": 9, "present": 10, "members": 10, "passed": False,
                                   "quorum": True}
    assert _count(html, nine) == {"yes": 9, "needed": 9, "present": 10, "members": 10, "passed": True,
                                  "quorum": True}


def test_ballot_link_in_the_panel(awards):
    a = awards
    dossier = _voting(a, ("fin", "CSTDCS"))
    html = _panel(dossier, a.world.users["council_member"])
    assert reverse("awards:votes", args=[dossier.pk]) in html


# Public notice and objections


def _notice(a):
    office = a.world.users["standing_office"]
    dossier = _received(a, ("fin", "BK_CT"))
    nominee_appraise(actor=office, nominee=dossier.nominees.get(), result="accepted")
    dossier = dossier_act(actor=office, dossier=dossier, action="appraise")
    return dossier_act(actor=office, dossier=dossier, action="publish_notice")


def test_objections_during_the_notice(awards, client):
    a = awards
    dossier = _notice(a)
    assert dossier.state == State.NOTICE
    nominee = dossier.nominees.get()
    url = reverse("awards:objection_add", args=[dossier.pk])
    data = {"text": "Thành tích kê khai chưa đúng thực tế", "sender": "Nguyễn Văn A", "nominee": nominee.pk}

    for outsider in ("viewer", "nobody"):
        client.force_login(a.world.users[outsider])
        assert client.post(url, data).status_code == 404
    client.force_login(a.world.users["unit_officer"])
    assert client.post(url, data).status_code == 403
    client.force_login(a.world.users["standing_office"])
    assert client.get(url).status_code == 405
    response = client.post(url, {"text": ""})
    assert response.status_code == 302
    assert _texts(response)
    assert not Objection.objects.exists()
    response = client.post(url, data)
    assert response.url == reverse("awards:dossier", args=[dossier.pk])
    objection = Objection.objects.get()
    assert objection.nominee == nominee
    assert objection.sender == "Nguyễn Văn A"
    assert objection.recorded_by == a.world.users["standing_office"]
    client.post(url, {"text": "Ý kiến chung về danh sách"})
    assert Objection.objects.filter(nominee=None).count() == 1

    html = _panel(dossier, a.world.users["standing_office"])
    assert dossier.notice_from.strftime("%d/%m/%Y") in html
    assert dossier.notice_until.strftime("%d/%m/%Y") in html
    assert reverse("public:notice", args=[dossier.pk]) in html
    assert "Thành tích kê khai chưa đúng thực tế" in html
    assert "Ý kiến chung về danh sách" in html
    assert url in html  # the form to record another
    # The approver sees the objections, not the form.
    html = _panel(dossier, a.world.users["approver"])
    assert "Ý kiến chung về danh sách" in html
    assert url not in html


def test_objection_refused_outside_the_notice(awards, client):
    a = awards
    dossier = _received(a, ("fin", "BK_CT"))
    client.force_login(a.world.users["standing_office"])
    response = client.post(reverse("awards:objection_add", args=[dossier.pk]), {"text": "Ý kiến"})
    assert response.status_code == 302
    assert _texts(response)
    assert not Objection.objects.exists()
    assert Nominee.objects.filter(dossier=dossier).count() == 1


def test_forms_carry_the_csrf_token(awards):
    from django.template import RequestContext
    from django.test import Client

    a = awards
    dossier = _voting(a, ("fin", "CSTDCS"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(a.world.users["council_member"])
    url = reverse("awards:votes", args=[dossier.pk])
    nominee = dossier.nominees.get()
    assert client.post(url, {"nominee": nominee.pk, "vote": "yes"}).status_code == 403  # no token
    html = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert client.post(url, {"nominee": nominee.pk, "vote": "yes", "csrfmiddlewaretoken": token}).status_code == 302
    assert CouncilVote.objects.filter(member=a.members[0]).count() == 1
    # The office panel, included in a page rendered with the request, keeps the token in its forms.
    request = RequestFactory().get("/")
    request.user = a.world.users["standing_office"]
    received = _received(a, ("fin-ns", "GK_STC"))
    html = Template("{% load awards_office %}{% office_panel dossier %}").render(
        RequestContext(request, {"dossier": received}))
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_dossier_page_shows_the_office_panel(awards, client):
    a = awards
    dossier = _received(a, ("fin", "GK_STC"))
    client.force_login(a.world.users["standing_office"])
    url = reverse("awards:nominee_appraise", args=[dossier.nominees.get().pk])
    response = client.post(url, {"result": "rejected"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="office-panel"' in html
    assert url in html  # the appraisal form again, with the error above
    notice = _notice(a)
    html = client.get(reverse("awards:dossier", args=[notice.pk])).content.decode()
    assert 'id="office-notice"' in html
    assert reverse("awards:objection_add", args=[notice.pk]) in html



def test_office_accepts_every_eligible_nominee_at_once(client, awards):
    from conftest import Api
    from tdkt.audit.models import AuditEvent, AuditEventType

    a = awards
    dossier = _received(a, ("fin", "GK_STC"), ("fin-ns", "GK_STC"), ("fin", "CSTDCS"))
    eligible, ineligible, unknown = dossier.nominees.order_by("pk")
    # What the engine said when each was added, set plainly so the test does not depend on the rules.
    Nominee.objects.filter(pk=eligible.pk).update(eligible=True)
    Nominee.objects.filter(pk=ineligible.pk).update(eligible=False)
    Nominee.objects.filter(pk=unknown.pk).update(eligible=None)
    office = a.world.users["standing_office"]
    # Only the office is offered the button, and only while someone eligible is pending.
    assert 'id="accept-eligible"' in _panel(dossier, office)
    assert 'id="accept-eligible"' not in _panel(dossier, a.world.users["unit_officer"])
    url = reverse("awards:nominees_accept", args=[dossier.pk])
    client.force_login(a.world.users["unit_officer"])
    assert client.post(url).status_code in (403, 404)
    client.force_login(office)
    response = client.post(url)
    assert response.status_code == 302
    texts = _texts(response)
    assert any("1" in t and "chấp thuận" in t.lower() for t in texts), texts
    assert any("2" in t for t in texts), texts  # two still need the office's own appraisal
    states = dict(dossier.nominees.values_list("pk", "appraisal"))
    assert states == {eligible.pk: Appraisal.ACCEPTED, ineligible.pk: Appraisal.PENDING,
                      unknown.pk: Appraisal.PENDING}
    accepted = AuditEvent.objects.filter(event_type=AuditEventType.NOMINEE_CHANGED, after__appraisal="accepted")
    assert accepted.count() == 1
    assert 'id="accept-eligible"' not in _panel(dossier, office)
    # The API does the same, and refuses once the appraisal is finished.
    api = Api(client, office)
    answer = api.post(f"/awards/dossiers/{dossier.pk}/appraisal/accept-eligible")
    assert answer.status_code == 200
    assert answer.json() == {"accepted": 0, "pending": 2}
    for nominee in (ineligible, unknown):
        nominee_appraise(actor=office, nominee=nominee, result="rejected", note="Chưa đủ thành tích")
    dossier_act(actor=office, dossier=dossier, action="appraise")
    refused = api.post(f"/awards/dossiers/{dossier.pk}/appraisal/accept-eligible")
    assert refused.status_code == 400
    assert "thẩm định" in refused.json()["detail"]
    assert Api(client, a.world.users["unit_officer"]).post(
        f"/awards/dossiers/{dossier.pk}/appraisal/accept-eligible").status_code in (403, 404)
