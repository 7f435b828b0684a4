"""The inbox registry: most urgent first, counted once per request, the administrator's grant is
not every unit's clerk, and the user's finished imports."""

import datetime

from django.test import RequestFactory
from django.utils import timezone

from tdkt.notifications import context_processors, inbox
from tdkt.notifications.inbox import Item, grant_scope, inbox_for, inbox_for_request, total
from tdkt.organizations.models import ImportJob, ImportStatus

D = datetime.date


def test_most_urgent_first_then_the_oldest(world, monkeypatch):
    old = timezone.now() - datetime.timedelta(days=9)
    fake = [
        Item("b", "B", 2, "/b", "x", since=timezone.now()),
        Item("c", "C", 1, "/c", "x", due=D(2022, 3, 15)),
        Item("a", "A", 4, "/a", "x", since=old),
        Item("d", "D", 1, "/d", "x", due=D(2022, 3, 1), in_total=False),
        Item("e", "E", 0, "/e", "x"),  # nothing waiting: left out
    ]
    monkeypatch.setattr(inbox, "_PROVIDERS", {"fake": lambda user, today: fake})
    items = inbox_for(world.users["viewer"], today=D(2022, 3, 1))
    assert [i.kind for i in items] == ["d", "c", "a", "b"]
    assert total(items) == 7
    assert inbox_for(None) == []


def test_computed_once_per_request_and_only_when_read(world, monkeypatch):
    calls = []
    monkeypatch.setattr(inbox, "_PROVIDERS", {"fake": lambda user, today: calls.append(1) or [
        Item("a", "A", 3, "/a", "x")]})
    request = RequestFactory().get("/")
    request.user = world.users["viewer"]
    context = context_processors.notifications(request)
    assert calls == []  # lazy: a page that does not show the total does not compute it
    assert str(context["inbox_total"]) == "3"
    assert [i.kind for i in inbox_for_request(request)] == ["a"]
    assert calls == [1]


def test_grant_scope_leaves_out_the_administrators_global_grant(world):
    assert grant_scope(world.users["admin"], "standing_office", "admin").is_empty
    scope = grant_scope(world.users["unit_officer"], "unit_officer", "unit_leader")
    assert scope.covers(world.orgs["FIN-NS"])
    assert not scope.covers(world.orgs["HOME"])


def test_finished_and_failed_imports_of_the_user(world):
    officer = world.users["unit_officer"]
    now = timezone.now()
    for status, finished in [(ImportStatus.DONE, now), (ImportStatus.FAILED, now), (ImportStatus.FAILED, now),
                             (ImportStatus.DONE, now - datetime.timedelta(days=30)), (ImportStatus.QUEUED, None)]:
        ImportJob.objects.create(kind="people", status=status, original_name="nhan-su.xlsx", created_by=officer,
                                 finished_at=finished)
    found = {i.kind: i.count for i in inbox_for(officer) if i.group == "jobs"}
    assert found == {"import_done": 1, "import_failed": 2}
    assert not [i for i in inbox_for(world.users["unit_leader"]) if i.group == "jobs"]


def test_the_administrator_sees_accounts_waiting_for_a_role(world):
    assert {i.kind: i.count for i in inbox_for(world.users["admin"])}["account_without_role"] == 1  # khongquyen
    assert "account_without_role" not in {i.kind for i in inbox_for(world.users["standing_office"])}


def test_api_inbox_for_every_role_ignores_what_it_does_not_take(client, world):
    from conftest import Api

    for role in ("admin", "standing_office", "council_member", "approver", "block_head", "unit_officer",
                 "unit_leader", "viewer", "nobody"):
        api = Api(client, world.users[role])
        for query in ({}, {"limit": "-1", "q": "\x00"}, {"offset": "9" * 40}):
            answer = api.get("/inbox", **query)
            assert answer.status_code == 200, (role, query)
            assert answer.json()["total"] == sum(i["count"] for i in answer.json()["items"] if i["in_total"])
    assert client.post("/api/v1/inbox", {}, content_type="application/json").status_code in (401, 405)
