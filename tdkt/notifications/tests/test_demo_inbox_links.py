"""Every demo account's inbox walked like a new user: each item's link answers 200 and leads to a page
where that work shows and can be done by that user (the object, or a list showing it) — a link or a
form per piece of work counted; the links among them are followed too (the calendar's deadlines to
the reports page, the submit link to its form). And the demo asks nobody for work due before its
year: plan 3741's reports of 2019–2021 were sent before the system (the oldest report asked of Sở
Tài chính is the 2022 sơ kết, not 30/11/2019)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.accounts.testing import force_login_verified
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Dossier
from tdkt.awards.services.workflow import dossier_act
from tdkt.core.demo.cached import load_demo
from tdkt.movements.demo import report_pdf
from tdkt.movements.models import Milestone
from tdkt.movements.services.participation import report_submit
from tdkt.notifications.inbox import inbox_for
from tdkt.organizations.models import Organization
from tdkt.scoring.models import RoundStatus, ScoringRound
from tdkt.scoring.services.sheets import sheet_start

# Where the work of each kind shows on the page its item leads to: one link or form per piece of work.
# A kind missing here fails the walk: say where its work is done before adding it to an inbox.
WORK = {
    "dossier_to_receive": r'action="(/awards/\d+/actions/receive/)"',
    "dossier_to_decide": r'href="(/awards/decisions/issue/\d+/[^"]*)"',
    "dossier_voting": r'href="(/awards/\d+/votes/)"',
    "ballot_to_cast": r'<form[^>]*class="[^"]*own-vote',
    "dossier_to_sign_off": r'action="(/awards/\d+/actions/sign_off/)"',
    "report_returned": r'href="(/movements/\d+/reports/\d+/submit/\?org=\d+)"',
    "report_to_submit": r'href="(/movements/\d+/reports/)">Nộp báo cáo ',  # the calendar's rows
    "sheet_to_submit": r'action="(/scoring/\d+/units/\d+/sheet/)"|href="(/scoring/sheets/\d+/)">Tiếp tục tự chấm<',
    "round_to_publish": r'action="(/scoring/\d+/publish/)"',
    "registration_to_approve": r'action="(/movements/\d+/registrations/\d+/decide/)"',
    "report_to_review": r'href="(/movements/\d+/reports/submissions/\d+/)">Xem xét<',
    # After a few hand-overs (test_the_walk_after_a_few_hand_overs):
    "dossier_to_appraise": r'action="(/awards/nominees/\d+/appraise/)"',
    "dossier_draft": r'action="(/awards/\d+/actions/(?:request_signoff|sign_off|submit)/)"',
    "dossier_sent_back": r'action="(/awards/\d+/actions/(?:request_signoff|sign_off|submit)/)"',
    "report_to_sign_off": r'href="(/movements/\d+/reports/submissions/\d+/)">Chi tiết<',
}
# What the page behind a followed link must offer.
FOLLOWED = {
    "report_to_submit": r'href="/movements/\d+/reports/\d+/submit/\?org=\d+"',
    "report_to_sign_off": r'action="/movements/\d+/reports/submissions/\d+/signoff/sign_off/"',
}


@pytest.fixture
def demo(db):
    assert load_demo() is True


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[-1]


def _walk(client) -> set[str]:
    walked = set()
    for user in User.objects.filter(is_active=True).order_by("username"):
        force_login_verified(client, user)  # pheduyet's demo second factor passed
        home = client.get(reverse("home")).content.decode()
        for item in inbox_for(user):
            where = f"{user.username}: {item.kind} → {item.url}"
            assert f'href="{item.url}"' in home, where  # the home page links it
            assert item.kind in WORK, f"{where}: where is this work done?"
            response = client.get(item.url)
            assert response.status_code == 200, where
            found = [m.group(0) for m in re.finditer(WORK[item.kind], _main(response))]
            assert len(found) >= item.count, (where, found)
            # Links are followed (a form's button is the work itself).
            links = {next(g for g in m.groups() if g) for m in re.finditer(WORK[item.kind], _main(response))
                     if m.group(0).startswith("href=")}
            offered = 0
            for url in sorted(links):
                followed = client.get(url.replace("&amp;", "&"))
                assert followed.status_code == 200, (where, url)
                offered += bool(re.search(FOLLOWED.get(item.kind, ""), _main(followed)))
            assert offered or not links, (where, links)  # e.g. a deadline's reports page offers the form
            walked.add(item.kind)
    return walked


def test_every_inbox_link_leads_to_the_work(client, demo):
    walked = _walk(client)
    # The demo as loaded leaves every kind above but the hand-overs' waiting for someone.
    assert walked == set(WORK) - {"dossier_to_appraise", "dossier_draft", "dossier_sent_back", "report_to_sign_off"}


def test_the_walk_after_a_few_hand_overs(client, demo):
    """The office receives the unit's dossier (now to appraise), the leader sends Sở Tài chính's back
    to its officer (a draft again), the officer starts the score sheet and puts a report before the
    leader: every item still leads to its work."""
    office, leader, officer = (User.objects.get(username=n) for n in ("thuongtruc", "lanhdao", "canbo"))
    dossier_act(actor=office, dossier=Dossier.objects.get(state=State.SUBMITTED), action="receive")
    dossier_act(actor=leader, dossier=Dossier.objects.get(state=State.AWAITING_SIGNOFF), action="send_back",
                reason="Bổ sung bản thành tích")
    finance = Organization.objects.get(code="QT-STC")
    own_round = ScoringRound.objects.get(status=RoundStatus.OPEN, block__memberships__organization=finance)
    sheet_start(actor=officer, scoring_round=own_round, organization=finance)
    milestone = Milestone.objects.get(movement__document_number="3741/KH-UBND",
                                      report_deadline=datetime.date(2022, 9, 30))
    report_submit(actor=officer, milestone=milestone, organization=finance, confirmed=True, reason="Gửi muộn",
                  upload=SimpleUploadedFile("bao-cao.pdf", report_pdf("Bao cao"), content_type="application/pdf"))
    walked = _walk(client)
    assert {"dossier_to_appraise", "dossier_sent_back", "report_to_sign_off", "sheet_to_submit"} <= walked


def test_no_demo_inbox_asks_for_work_due_before_the_demo_year(demo):
    for user in User.objects.filter(is_active=True):
        for item in inbox_for(user):
            assert item.due is None or item.due.year >= 2022, (user.username, item)
    lanhdao = {i.kind: i for i in inbox_for(User.objects.get(username="lanhdao"))}
    assert lanhdao["report_to_submit"].due == datetime.date(2022, 9, 30)  # the sơ kết of 2019–2022
