"""Every demo account's inbox walked like a new user: each item's link answers 200 and leads to a page
where that work shows and can be done by that user (the object, or a list showing it) — a link or a
form per piece of work counted; the links among them are followed too (the calendar's deadlines to
the reports page, the submit link to its form). And the demo asks nobody for work due before its
year: plan 3741's reports of 2019–2021 were sent before the system (the oldest report asked of Sở
Tài chính is the 2022 sơ kết, not 30/11/2019)."""

import datetime
import re

import pytest
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.core.demo.loader import load_demo
from tdkt.notifications.inbox import inbox_for

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
    "sheet_to_submit": r'action="(/scoring/\d+/units/\d+/sheet/)"',
    "round_to_publish": r'action="(/scoring/\d+/publish/)"',
    "registration_to_approve": r'action="(/movements/\d+/registrations/\d+/decide/)"',
    "report_to_review": r'href="(/movements/\d+/reports/submissions/\d+/)">Xem xét<',
}
# Work done in place (a button) rather than behind a link the walk can follow.
POSTED = {"dossier_to_receive", "dossier_to_sign_off", "sheet_to_submit", "round_to_publish",
          "registration_to_approve", "ballot_to_cast"}


@pytest.fixture
def demo(db):
    assert load_demo() is True


def _main(response) -> str:
    return response.content.decode().split("<main", 1)[-1]


def test_every_inbox_link_leads_to_the_work(client, demo):
    walked = set()
    for user in User.objects.filter(is_active=True).order_by("username"):
        client.force_login(user)
        home = client.get(reverse("home")).content.decode()
        for item in inbox_for(user):
            where = f"{user.username}: {item.kind} → {item.url}"
            assert f'href="{item.url}"' in home, where  # the home page links it
            assert item.kind in WORK, f"{where}: where is this work done?"
            response = client.get(item.url)
            assert response.status_code == 200, where
            found = re.findall(WORK[item.kind], _main(response))
            assert len(found) >= item.count, (where, found)
            if item.kind not in POSTED:
                for url in sorted(set(found)):
                    followed = client.get(url)
                    assert followed.status_code == 200, (where, url)
                    if item.kind == "report_to_submit":  # the deadline's reports page offers the form
                        assert re.search(r'href="/movements/\d+/reports/\d+/submit/\?org=\d+"', _main(followed)), url
            walked.add(item.kind)
    assert walked == set(WORK)  # the demo leaves every kind above waiting for someone


def test_no_demo_inbox_asks_for_work_due_before_the_demo_year(demo):
    for user in User.objects.filter(is_active=True):
        for item in inbox_for(user):
            assert item.due is None or item.due.year >= 2022, (user.username, item)
    lanhdao = {i.kind: i for i in inbox_for(User.objects.get(username="lanhdao"))}
    assert lanhdao["report_to_submit"].due == datetime.date(2022, 9, 30)  # the sơ kết of 2019–2022
