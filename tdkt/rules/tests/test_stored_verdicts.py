"""Stored verdicts (issue 12, point 2): the candidates page reads verdicts computed once and kept
current, with the same results as the engine run in the request."""

import datetime
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import Api, make_person
from tdkt.core.demo.history import load_history
from tdkt.organizations.models import Organization, Person
from tdkt.organizations.selectors import PersonFilters, person_list
from tdkt.records import services as records
from tdkt.records.domain.codes import Target
from tdkt.records.models import AnnualRating, DisciplineRecord
from tdkt.records.signals import send_facts_changed
from tdkt.rules.domain import Basis
from tdkt.rules.evaluation import INDIVIDUAL_AWARDS, candidate_table
from tdkt.rules.listing import candidate_listing
from tdkt.rules.models import ConditionSet, PersonFactsStamp, StoredVerdict, VerdictRun
from tdkt.rules.stored import VerdictKey, current_verdicts, run_verdicts

Y = 2025


@pytest.fixture
def populated(world):
    """The world's people and 60 more, with seven years of the demo's plausible history."""
    units = [world.orgs["FIN"], world.orgs["FIN-NS"], world.orgs["HOME"], world.orgs["HOME-TDKT"]]
    for i in range(60):
        make_person(units[i % 4], f"Người thử {i:02d}")
    load_history(actor=world.users["admin"], rng=random.Random(7))
    return world


def _scope(world, user="standing_office", org="P"):
    user = world.users[user]
    root = world.orgs[org]
    return user, root, person_list(user, filters=PersonFilters(organization_id=root.pk), permission="record.view")


def _listing(world, award, *, year=Y, basis=Basis.REGULAR.value, verdict="", query="", on_date=None):
    _user, root, people = _scope(world)
    return candidate_listing(
        people=people,
        organizations=Organization.objects.none(),
        root=root,
        award=award,
        year=year,
        target=Target.INDIVIDUAL,
        basis=basis,
        verdict=verdict,
        query=query,
        on_date=on_date,
    )


def _in_province(world):
    return Person.objects.filter(organization__path__startswith=world.orgs["P"].path, left_on__isnull=True).count()


def _pairs(rows):
    return [(r.subject.pk, r.result.verdict, r.result.conditions) for r in rows]


@pytest.mark.parametrize("basis", [Basis.REGULAR.value, Basis.MOVEMENT.value])
def test_stored_verdicts_are_the_engines_for_every_individual_award(populated, basis):
    _user, root, people = _scope(populated)
    for year in (2024, 2025):
        for award in INDIVIDUAL_AWARDS:
            inline = candidate_table(
                people=people,
                organizations=Organization.objects.none(),
                root=root,
                award=award,
                year=year,
                target=Target.INDIVIDUAL,
                basis=basis,
            )
            listing = _listing(populated, award, year=year, basis=basis)
            stored = list(listing.all_rows())
            assert _pairs(stored) == _pairs(inline.rows), (award, year)
            assert (listing.total, listing.eligible_count, listing.needs_review_count, listing.marked_count) == (
                len(inline.rows),
                inline.eligible_count,
                inline.needs_review_count,
                inline.marked_count,
            )
            assert [(q.base_count, q.cap, q.proposed) for q in listing.quotas] == [
                (q.base_count, q.cap, q.proposed) for q in inline.quotas
            ]
    assert StoredVerdict.objects.filter(basis=basis).count() == 2 * len(INDIVIDUAL_AWARDS) * people.count()


def test_a_second_look_reads_the_stored_verdicts_without_the_engine(populated, monkeypatch):
    _listing(populated, "CSTDCS")
    computed = StoredVerdict.objects.values_list("pk", "computed_at")
    before = set(computed)

    def engine_must_not_run(*args, **kwargs):
        raise AssertionError("the engine ran again although every verdict was current")

    monkeypatch.setattr("tdkt.rules.stored.evaluate_safely", engine_must_not_run)
    listing = _listing(populated, "CSTDCS")
    assert listing.total == Person.objects.filter(organization__path__startswith=populated.orgs["P"].path).count()
    assert set(computed) == before


def test_a_changed_record_makes_that_persons_verdict_stale_and_it_is_recomputed(populated):
    fin = populated.people["fin"]
    key = VerdictKey("CSTDCS", Y, Basis.REGULAR.value, _listing(populated, "CSTDCS").on_date)
    before = current_verdicts(key).get(person=fin)
    assert before.verdict == _inline_verdict(populated, fin)
    records.rating_set(actor=populated.users["admin"], person=fin, year=Y, rating="KHTNV")
    assert not current_verdicts(key).filter(person=fin).exists()  # stale at once
    assert current_verdicts(key).count() == _in_province(populated) - 1  # nobody else
    rows = {r.subject.pk: r for r in _listing(populated, "CSTDCS").all_rows()}
    assert rows[fin.pk].result.verdict == "ineligible"
    assert any("KHTNV" in c.message or c.passed is False for c in rows[fin.pk].result.conditions)


def test_discipline_added_and_removed_is_seen(populated):
    someone = populated.people["home"]
    records.rating_set(actor=populated.users["admin"], person=someone, year=Y, rating="HTXSNV")
    assert _row(populated, someone).result.verdict == _inline_verdict(populated, someone)
    record = DisciplineRecord.objects.create(
        person=someone,
        form="canh_cao",
        start_date=datetime.date(Y, 3, 1),
        decision_number="1/QĐ",
        created_by=populated.users["admin"],
    )
    assert _row(populated, someone).result.verdict == "ineligible"
    record.delete()
    assert _row(populated, someone).result.verdict == _inline_verdict(populated, someone)


def _row(world, person, award="CSTDCS"):
    return next(r for r in _listing(world, award).all_rows() if r.subject.pk == person.pk)


def _inline_verdict(world, person, award="CSTDCS"):
    _user, root, people = _scope(world)
    table = candidate_table(
        people=people.filter(pk=person.pk),
        organizations=Organization.objects.none(),
        root=root,
        award=award,
        year=Y,
        target=Target.INDIVIDUAL,
    )
    return table.rows[0].result.verdict


def test_bulk_writers_stamp_the_people_they_touched(populated):
    fin = populated.people["fin"]
    _listing(populated, "CSTDCS")
    # A queryset update sends no model signal: the writer says who changed.
    AnnualRating.objects.filter(person=fin, year=Y).update(rating="KHTNV")
    send_facts_changed(sender=AnnualRating, person_ids=[fin.pk, None])
    assert PersonFactsStamp.objects.filter(person=fin).exists()
    assert _row(populated, fin).result.verdict == "ineligible"


def test_editing_a_person_stamps_them(populated):
    """Sex and the service start are facts of the years-of-service bases: an edited person is stale."""
    fin = populated.people["fin"]
    PersonFactsStamp.objects.all().delete()
    make_person(populated.orgs["FIN"], "Người mới")  # a new person has no verdict to make stale
    assert not PersonFactsStamp.objects.exists()
    fin.service_start = datetime.date(2000, 1, 1)
    fin.save()
    assert PersonFactsStamp.objects.filter(person=fin).exists()


def test_a_verdict_computed_before_a_change_that_commits_later_is_stale(populated):
    """A background run stamps its rows with the time it started reading; a change committed after
    that start (its stamp is later) makes the row stale, not wrongly current."""
    fin = populated.people["fin"]
    key = VerdictKey("CSTDCS", Y, Basis.REGULAR.value, _listing(populated, "CSTDCS").on_date)
    StoredVerdict.objects.filter(person=fin).update(computed_at=timezone.now() - datetime.timedelta(seconds=5))
    PersonFactsStamp.objects.update_or_create(person=fin, defaults={"changed_at": timezone.now()})
    assert not current_verdicts(key).filter(person=fin).exists()


def test_another_day_replaces_the_verdict(populated):
    _listing(populated, "CSTDCS", on_date=datetime.date(2026, 1, 10))
    _listing(populated, "CSTDCS", on_date=datetime.date(2026, 1, 11))
    assert set(StoredVerdict.objects.values_list("on_date", flat=True)) == {datetime.date(2026, 1, 11)}


def test_filters_and_search_page_through_the_stored_rows(populated):
    listing = _listing(populated, "CSTDCS", verdict="eligible")
    assert {r.result.verdict for r in listing.all_rows()} <= {"eligible"}
    assert listing.matches.count() == listing.eligible_count
    found = list(_listing(populated, "CSTDCS", query="NGUOI thử 07").all_rows())  # every word, without tone marks
    assert [str(r.subject) for r in found] == ["Người thử 07"]


def test_a_person_deleted_with_records_and_stamp_leaves_no_error(populated):
    fin = populated.people["fin"]
    _listing(populated, "CSTDCS")
    records.rating_set(actor=populated.users["admin"], person=fin, year=Y, rating="HTNV")
    fin.proposal_marks.all().delete()
    fin.delete()
    assert not StoredVerdict.objects.filter(person_id=fin.pk).exists()
    assert all(r.subject.pk != fin.pk for r in _listing(populated, "CSTDCS").all_rows())


# The page -----------------------------------------------------------------------------------------


def _page(client, world, user="standing_office", **params):
    client.force_login(world.users[user])
    return client.get(reverse("rules:candidates"), {"year": Y, "award": "CSTDCS", **params})


def test_the_page_opens_on_the_users_own_unit(client, populated):
    officer = populated.users["standing_office"]
    officer.organization = populated.orgs["HOME-TDKT"]
    officer.save()
    response = _page(client, populated)
    assert response.context["root"] == populated.orgs["HOME-TDKT"]
    assert {r.subject.organization_id for r in response.context["page_obj"]} == {populated.orgs["HOME-TDKT"].pk}


def test_a_whole_province_beyond_the_inline_limit_is_computed_by_a_background_run(client, populated, settings):
    settings.TDKT_CANDIDATES_INLINE_MAX = 10
    # The tests' task backend runs the task at once: the page shows the run's results.
    response = _page(client, populated, org=populated.orgs["P"].pk)
    assert response.status_code == 200
    run = VerdictRun.objects.get()
    assert (run.status, run.done, run.total) == ("done", run.total, _in_province(populated))
    assert response.context["page_obj"].paginator.count == _in_province(populated)


def test_while_the_run_works_the_page_shows_progress_and_the_api_asks_to_come_back(client, populated, settings):
    settings.TDKT_CANDIDATES_INLINE_MAX = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, no worker here
    response = _page(client, populated, org=populated.orgs["P"].pk)
    run = VerdictRun.objects.get()
    assert run.status == "queued"
    assert response.context["run"] == run
    assert "page_obj" not in response.context
    assert 'hx-trigger="every 2s"' in response.text
    assert str(run.total) in response.text
    again = _page(client, populated, org=populated.orgs["P"].pk)
    assert VerdictRun.objects.count() == 1
    assert again.context["run"] == run
    client_api = Api(client, populated.users["standing_office"])
    where = {"organization_id": populated.orgs["P"].pk, "year": Y}
    answer = client_api.get("/eligibility/candidates", **where)
    assert answer.status_code == 202
    assert answer["Retry-After"] == "5"
    assert answer.json() == {"status": "computing", "total": run.total, "done": 0}
    run_verdicts(run)  # what the worker does
    done = _page(client, populated, org=populated.orgs["P"].pk)
    assert done.context["page_obj"].paginator.count == _in_province(populated)
    assert client_api.get("/eligibility/candidates", **where).json()["count"] == _in_province(populated)


def test_a_run_whose_worker_was_lost_is_started_again(client, populated, settings):
    settings.TDKT_CANDIDATES_INLINE_MAX = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _page(client, populated, org=populated.orgs["P"].pk)
    VerdictRun.objects.update(status="running", updated_at=timezone.now() - datetime.timedelta(minutes=11))
    _page(client, populated, org=populated.orgs["P"].pk)
    assert sorted(VerdictRun.objects.values_list("status", flat=True)) == ["queued", "running"]


def test_the_page_costs_the_same_queries_for_few_or_many_people(client, populated):
    _page(client, populated, org=populated.orgs["FIN-NS"].pk)
    _page(client, populated, org=populated.orgs["P"].pk)  # computed and stored

    def queries(org):
        with CaptureQueriesContext(connection) as captured:
            assert _page(client, populated, org=org.pk).status_code == 200
        return len(captured)

    assert queries(populated.orgs["P"]) == queries(populated.orgs["FIN-NS"])


def test_sweep_jobs_fails_a_run_that_stopped_reporting(populated, settings):
    from django.core.management import call_command

    settings.TDKT_CANDIDATES_INLINE_MAX = 10
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _listing(populated, "CSTDCS")
    fresh = VerdictRun.objects.create(
        organization=populated.orgs["FIN"], award="LDTT", year=Y, basis="regular", on_date=datetime.date(2026, 1, 1)
    )
    VerdictRun.objects.exclude(pk=fresh.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=11))
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "1 lượt xét điều kiện khen thưởng" in out.getvalue()
    assert dict(VerdictRun.objects.values_list("pk", "status")) == {
        **{pk: "failed" for pk in VerdictRun.objects.exclude(pk=fresh.pk).values_list("pk", flat=True)},
        fresh.pk: "queued",
    }


def test_pages_read_from_the_end_are_the_same_rows_in_the_same_order(populated):
    listing = _listing(populated, "CSTDCS")
    forward = [r.subject.pk for r in listing.all_rows()]
    paginator = listing.paginator(per_page=7)
    paged = [row.subject.pk for n in paginator.page_range for row in listing.to_rows(list(paginator.page(n)))]
    assert paged == forward
    assert listing.rows_of(len(forward) - 3, len(forward))[-1].subject.pk == forward[-1]


def test_people_with_the_same_conditions_share_one_stored_list(populated):
    _listing(populated, "CSTDCS")
    assert ConditionSet.objects.count() < StoredVerdict.objects.count() / 2
