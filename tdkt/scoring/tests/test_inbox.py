"""Scoring in the inbox: members' sheets to submit and returned, sheets to review by the head and
the deputy (never their own), rounds to publish; a submitted sheet tells the reviewers."""

from tdkt.notifications.inbox import inbox_for
from tdkt.notifications.models import Notification
from tdkt.scoring.services.reviews import review_save
from tdkt.scoring.services.sheets import sheet_return, sheet_save, sheet_start, sheet_submit

from .conftest import entries


def kinds(user) -> dict[str, int]:
    return {i.kind: i.count for i in inbox_for(user)}


def submitted(s, org="FIN", actor="unit_leader"):
    user = s.users[actor]
    sheet = sheet_start(actor=user, scoring_round=s.round, organization=s.orgs[org])
    sheet_save(actor=user, sheet=sheet, entries=entries(I_1=4, I_2=12, II_1=25, II_2=1))
    return sheet_submit(actor=user, sheet=sheet)


def test_members_reviewers_and_the_head(scoring):
    s = scoring
    leader, head, deputy = s.users["unit_leader"], s.users["block_head"], s.users["deputy"]
    assert kinds(leader) == {"sheet_to_submit": 1}
    assert kinds(s.users["member_officer"]) == {"sheet_to_submit": 1}
    assert "sheet_to_review" not in kinds(head)
    sheet = submitted(s)
    assert "sheet_to_submit" not in kinds(leader)
    # The head unit and the deputy review it, and each is told.
    assert kinds(head)["sheet_to_review"] == 1
    assert kinds(deputy)["sheet_to_review"] == 1
    assert Notification.objects.filter(user=head, text__contains="chờ thẩm định").exists()
    assert Notification.objects.filter(user=deputy, text__contains="chờ thẩm định").exists()
    assert not Notification.objects.filter(user=leader, text__contains="chờ thẩm định").exists()
    review_save(actor=deputy, sheet=sheet, reviewer=s.orgs["DEP"], entries=entries(I_1=4), complete=True)
    assert "sheet_to_review" not in kinds(deputy)
    assert kinds(head)["sheet_to_review"] == 1
    sheet_return(actor=head, sheet=sheet, reason="Thiếu minh chứng mục I.1")
    assert kinds(leader) == {"sheet_returned": 1}
    assert "sheet_to_review" not in kinds(head)


def test_the_head_does_not_review_its_own_sheet(scoring):
    s = scoring
    submitted(s, org="HOME", actor="admin")
    assert "sheet_to_review" not in kinds(s.users["block_head"])
    assert kinds(s.users["deputy"])["sheet_to_review"] == 1
    assert "sheet_to_review" not in kinds(s.users["unit_leader"])  # FIN does not review


def test_the_leader_signs_off_what_the_officer_prepared(scoring):
    s = scoring
    s.orgs["FIN"].leader_signoff = True
    s.orgs["FIN"].save(update_fields=["leader_signoff"])
    sheet = submitted(s, actor="unit_officer")  # put before the leader
    assert kinds(s.users["unit_leader"]) == {"sheet_to_sign_off": 1}
    assert kinds(s.users["unit_officer"]) == {}
    assert "sheet_to_review" not in kinds(s.users["block_head"])
    sheet_submit(actor=s.users["unit_leader"], sheet=sheet)
    assert kinds(s.users["unit_leader"]) == {}
    assert kinds(s.users["block_head"])["sheet_to_review"] == 1
