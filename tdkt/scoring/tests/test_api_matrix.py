"""The scoring API role by role: out of scope is 404 (never the data), in scope without the
permission is 403, the allowed get 200/201; refusals always in Vietnamese.

Users (tdkt/scoring/tests/conftest.py): admin; standing_office (the province P, organiser of the
block); block_head (HOME, head of the block); unit_officer and unit_leader (FIN, a member);
deputy (unit leader at DEP, the deputy); member_officer (MEM, a member); viewer (HOME); nobody;
and "outsider", the standing office of province Q, which has nothing to do with the block.
"""

import json

import pytest

from conftest import VIETNAMESE, make_user
from tdkt.accounts.services import api_token_issue
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.scoring.models import CriteriaTemplate, Review, ScoreSheet, ScoringResult, SheetEntry, SheetStatus
from tdkt.scoring.services.sheets import sheet_save, sheet_start, sheet_submit

from .conftest import entries

USERS = [
    "admin",
    "standing_office",
    "block_head",
    "unit_officer",
    "unit_leader",
    "deputy",
    "member_officer",
    "viewer",
    "nobody",
    "outsider",
]
SEES_ROUND = set(USERS) - {"nobody", "outsider"}
# Who sees FIN's sheet: the round's managers and reviewers, FIN's own users.
SEES_FIN = {"admin", "standing_office", "block_head", "deputy", "unit_officer", "unit_leader"}
# Who sees HOME's sheet: the managers and reviewers, and HOME's viewer.
SEES_HOME = {"admin", "standing_office", "block_head", "deputy", "viewer"}


def expected(role, allowed, sees, ok=200):
    if role in allowed:
        return ok
    return 403 if role in sees else 404


EXPECTED = {
    "round": {r: expected(r, SEES_ROUND, SEES_ROUND) for r in USERS},
    "standings": {r: expected(r, {"admin", "standing_office", "block_head", "deputy"}, SEES_ROUND) for r in USERS},
    "fin_sheet": {r: expected(r, SEES_FIN, SEES_FIN) for r in USERS},
    "save_fin": {r: expected(r, {"admin", "unit_officer", "unit_leader"}, SEES_FIN) for r in USERS},
    "submit_fin": {r: expected(r, {"admin", "unit_officer", "unit_leader"}, SEES_FIN) for r in USERS},
    "return_fin": {r: expected(r, {"admin", "standing_office", "block_head"}, SEES_FIN) for r in USERS},
    "review_fin_as_home": {r: expected(r, {"admin", "block_head"}, SEES_FIN) for r in USERS},
    "review_home_as_home": {r: expected(r, set(), SEES_HOME) for r in USERS},  # conflict, even for the head
    "publish": {r: expected(r, {"admin", "standing_office", "block_head"}, SEES_ROUND, 201) for r in USERS},
    "template_update": {r: expected(r, {"admin", "standing_office"}, SEES_ROUND) for r in USERS},
}


@pytest.fixture
def users(scoring):
    outsider = make_user("thuongtruc_q", "standing_office", scoring.orgs["Q"])
    return {**scoring.users, "outsider": outsider}


def call(client, user, method, path, data=None):
    headers = {"Authorization": f"Bearer {api_token_issue(user=user)}"}
    if method == "get":
        return client.get("/api/v1" + path, headers=headers)
    body = json.dumps(data if data is not None else {})
    return getattr(client, method)("/api/v1" + path, body, content_type="application/json", headers=headers)


def check(response, status, *secrets):
    assert response.status_code == status, response.content.decode()
    if status >= 400:
        assert VIETNAMESE.search(response.json()["detail"]), response.json()
        for secret in secrets:
            assert secret not in response.content.decode()


def sheet_of(s, org, user, *, submit=False, **values):
    sheet = sheet_start(actor=s.users[user], scoring_round=s.round, organization=s.orgs[org])
    if values:
        sheet_save(actor=s.users[user], sheet=sheet, entries=entries(**values))
    return sheet_submit(actor=s.users[user], sheet=sheet) if submit else sheet


@pytest.mark.parametrize("role", USERS)
def test_get_round(client, scoring, users, role):
    response = call(client, users[role], "get", f"/scoring/rounds/{scoring.round.pk}")
    check(response, EXPECTED["round"][role], "Sở Tài chính")
    if response.status_code == 200:
        assert response.json()["can_manage"] is (role in {"admin", "standing_office", "block_head"})


@pytest.mark.parametrize("role", USERS)
def test_get_standings_before_publication(client, scoring, users, role):
    sheet_of(scoring, "FIN", "unit_officer", submit=True, I_2=11)
    response = call(client, users[role], "get", f"/scoring/rounds/{scoring.round.pk}/standings")
    check(response, EXPECTED["standings"][role], "11.0")
    if response.status_code == 200:
        assert response.json()["lines"][0]["self_total"] == 11.0


@pytest.mark.parametrize("role", USERS)
def test_get_fin_sheet(client, scoring, users, role):
    sheet = sheet_of(scoring, "FIN", "unit_officer", I_2=11)
    check(call(client, users[role], "get", f"/scoring/sheets/{sheet.pk}"), EXPECTED["fin_sheet"][role], "11.0")


@pytest.mark.parametrize("role", USERS)
def test_put_fin_sheet_entries(client, scoring, users, role):
    sheet = sheet_of(scoring, "FIN", "unit_officer")
    body = {"entries": [{"item_code": "I.2", "value": 12.5, "comment": "Đã ban hành 3 văn bản"}]}
    response = call(client, users[role], "put", f"/scoring/sheets/{sheet.pk}/entries", body)
    check(response, EXPECTED["save_fin"][role])
    assert SheetEntry.objects.filter(sheet=sheet).exists() is (response.status_code == 200)


@pytest.mark.parametrize("role", USERS)
def test_submit_fin_sheet(client, scoring, users, role):
    sheet = sheet_of(scoring, "FIN", "unit_officer", I_2=12)
    response = call(client, users[role], "post", f"/scoring/sheets/{sheet.pk}/submit")
    check(response, EXPECTED["submit_fin"][role])
    submitted = ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.SUBMITTED
    assert submitted is (response.status_code == 200)


@pytest.mark.parametrize("role", USERS)
def test_return_fin_sheet(client, scoring, users, role):
    sheet = sheet_of(scoring, "FIN", "unit_officer", submit=True, I_2=12)
    response = call(client, users[role], "post", f"/scoring/sheets/{sheet.pk}/return", {"reason": "Thiếu minh chứng"})
    check(response, EXPECTED["return_fin"][role])
    returned = ScoreSheet.objects.get(pk=sheet.pk).status == SheetStatus.RETURNED
    assert returned is (response.status_code == 200)


@pytest.mark.parametrize("role", USERS)
def test_put_review_as_home_on_fin_sheet(client, scoring, users, role):
    sheet = sheet_of(scoring, "FIN", "unit_officer", submit=True, I_2=12)
    body = {"entries": [{"item_code": "I.2", "value": 10}], "complete": True}
    response = call(client, users[role], "put", f"/scoring/sheets/{sheet.pk}/reviews/{scoring.orgs['HOME'].pk}", body)
    check(response, EXPECTED["review_fin_as_home"][role])
    assert Review.objects.filter(sheet=sheet).exists() is (response.status_code == 200)


@pytest.mark.parametrize("role", USERS)
def test_put_review_as_home_on_home_sheet_is_a_conflict(client, scoring, users, role):
    sheet = sheet_of(scoring, "HOME", "admin", submit=True, I_2=12)
    body = {"entries": [{"item_code": "I.2", "value": 15}], "complete": True}
    response = call(client, users[role], "put", f"/scoring/sheets/{sheet.pk}/reviews/{scoring.orgs['HOME'].pk}", body)
    check(response, EXPECTED["review_home_as_home"][role])
    assert not Review.objects.exists()
    # The attempt by someone who may review for HOME stays on the record.
    conflicts = AuditEvent.objects.filter(event_type=AuditEventType.REVIEW_CONFLICT_REFUSED).count()
    assert conflicts == (1 if role in {"admin", "block_head"} else 0)
    if conflicts:
        assert "xung đột lợi ích" in response.json()["detail"]


@pytest.mark.parametrize("role", USERS)
def test_publish(client, scoring, users, role):
    sheet_of(scoring, "FIN", "unit_officer", submit=True, I_2=12)
    response = call(client, users[role], "post", f"/scoring/rounds/{scoring.round.pk}/publish", {"reason": "Chưa đủ"})
    check(response, EXPECTED["publish"][role])
    assert ScoringResult.objects.exists() is (response.status_code == 201)


@pytest.mark.parametrize("role", USERS)
def test_results_are_seen_by_everyone_who_sees_the_round(client, scoring, users, role):
    sheet_of(scoring, "FIN", "unit_officer", submit=True, I_2=12)
    call(client, users["block_head"], "post", f"/scoring/rounds/{scoring.round.pk}/publish", {"reason": "Chưa đủ"})
    response = call(client, users[role], "get", f"/scoring/rounds/{scoring.round.pk}/results/1")
    check(response, 200 if role in SEES_ROUND else 404, "Sở Tài chính")


@pytest.mark.parametrize("role", USERS)
def test_template_update(client, scoring, users, role):
    response = call(client, users[role], "patch", f"/scoring/templates/{scoring.template.pk}", {"name": "Tên mới"})
    check(response, EXPECTED["template_update"][role])
    assert (CriteriaTemplate.objects.get(pk=scoring.template.pk).name == "Tên mới") is (response.status_code == 200)
