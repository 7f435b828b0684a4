"""Progress against targets, on a small department-level plan like seed 002 (Sở Nội vụ, 2022):
participants are its phòng, ban, trung tâm; figures are checked exactly."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_org, make_person
from tdkt.movements.models import MovementStatus
from tdkt.movements.progress import movement_progress
from tdkt.movements.services import plans as services
from tdkt.records.models import AnnualRating, HonourRecord

D = datetime.date


def _plan(world, issuer, participants, *, issued=True):
    actor = world.users["admin"]
    movement = services.movement_create(
        actor=actor,
        organization=issuer,
        title="Kế hoạch thi đua năm 2022 của Sở Nội vụ",
        start_date=D(2022, 1, 1),
        end_date=D(2022, 12, 31),
    )
    services.participants_set(actor=actor, movement=movement, organizations=participants)
    if issued:
        movement = services.movement_set_status(actor=actor, movement=movement, status=MovementStatus.ISSUED)
    return movement


def _target(world, movement, label, kind, subject, value, *, year=2022, award_code="", min_rating=""):
    return services.target_add(
        actor=world.users["admin"],
        movement=movement,
        label=label,
        kind=kind,
        subject=subject,
        value=Decimal(value),
        year=year,
        award_code=award_code,
        min_rating=min_rating,
    )


def _honour(subject, code, year=2022, **extra):
    key = "person" if subject.__class__.__name__ == "Person" else "organization"
    return HonourRecord.objects.create(**{key: subject}, code=code, year=year, **extra)


@pytest.fixture
def dept(world):
    """Sở Nội vụ (HOME) and four phòng: TDKT, A, B, C, two people in each, and their 2022 records."""
    home = world.orgs["HOME"]
    units = [world.orgs["HOME-TDKT"]] + [make_org(f"HOME-{c}", f"Phòng {c}", "division", "unit", home) for c in "ABC"]
    people = {}
    for unit in units:
        there = [world.people["home-tdkt"]] if unit.code == "HOME-TDKT" else []
        people[unit.code] = there + [make_person(unit, f"Người {unit.code} {i}") for i in range(len(there), 2)]
    tdkt, a, b, c = units
    _honour(tdkt, "TTLDTT")
    _honour(a, "TTLDTT")
    _honour(b, "TTLDXS")  # chosen among TTLĐTT units: counts for the TTLĐTT target too
    _honour(c, "TTLDTT", revoked_on=D(2023, 5, 1), revocation_reason="Hủy bỏ")  # revoked: counts for nothing
    _honour(c, "GK")  # C has data for 2022, just no TTLĐTT
    _honour(b, "BK_TINH")
    _honour(tdkt, "TTLDTT", year=2021)  # another year
    _honour(people["HOME-A"][0], "CSTDCS")
    everyone = [p for pool in people.values() for p in pool]
    for i, person in enumerate(everyone):
        rating = "HTNV" if i == 0 else ("HTXSNV" if i % 3 else "HTTNV")
        AnnualRating.objects.create(person=person, year=2022, rating=rating)
    return units, people


@pytest.fixture
def plan(world, dept):
    return _plan(world, world.orgs["HOME"], dept[0])


def _by_label(progress):
    return {p.target.label: p for p in progress}


def test_collective_share_three_of_four_is_75_percent_and_not_met(world, dept, plan):
    movement, (tdkt, a, b, c) = plan, dept[0]
    _target(world, movement, "100% phòng ban TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
    _target(world, movement, "20% TTLĐXS", "award_share", "collective", "20", award_code="TTLDXS")
    result = _by_label(movement_progress(movement))
    ttldtt = result["100% phòng ban TTLĐTT"]
    assert (ttldtt.overall.measured, ttldtt.overall.reached) == (4, 3)
    assert ttldtt.overall.actual == Decimal("75.0")
    assert ttldtt.overall.met is False
    rows = {r.organization.code: r.figure for r in ttldtt.rows}
    assert [rows[u.code].met for u in (tdkt, a, b, c)] == [True, True, True, False]
    assert rows["HOME-C"].actual == Decimal("0.0")
    assert rows["HOME-C"].has_data
    ttldxs = result["20% TTLĐXS"]
    assert (ttldxs.overall.reached, ttldxs.overall.actual, ttldxs.overall.met) == (1, Decimal("25.0"), True)


def test_individual_share_and_rating_share(world, plan):
    movement = plan
    _target(world, movement, "15% CSTĐCS", "award_share", "individual", "15", award_code="CSTDCS")
    _target(world, movement, "100% HTTNV trở lên", "rating_share", "individual", "100", min_rating="HTTNV")
    result = _by_label(movement_progress(movement))
    cstdcs = result["15% CSTĐCS"]
    assert (cstdcs.overall.measured, cstdcs.overall.reached) == (8, 1)
    assert cstdcs.overall.actual == Decimal("12.5")
    assert cstdcs.overall.met is False
    rows = {r.organization.code: r.figure for r in cstdcs.rows}
    assert (rows["HOME-A"].reached, rows["HOME-A"].actual, rows["HOME-A"].met) == (1, Decimal("50.0"), True)
    rating = result["100% HTTNV trở lên"]
    assert (rating.overall.measured, rating.overall.reached, rating.overall.actual) == (8, 7, Decimal("87.5"))
    assert rating.overall.met is False


def test_count_target_is_judged_overall_only(world, plan):
    movement = plan
    _target(world, movement, "2 Bằng khen UBND tỉnh", "award_count", "collective", "2", award_code="BK_TINH")
    (count,) = movement_progress(movement)
    assert (count.overall.actual, count.overall.met) == (Decimal(1), False)
    assert all(r.figure.met is None for r in count.rows)
    assert sum(r.figure.reached for r in count.rows) == 1


def test_no_data_yet_for_a_year_without_records(world, plan):
    movement = plan
    movement.end_date = D(2023, 12, 31)
    movement.save()
    _target(world, movement, "100% TTLĐTT 2023", "award_share", "collective", "100", year=2023, award_code="TTLDTT")
    (p,) = movement_progress(movement)
    assert not p.overall.has_data
    assert p.overall.actual is None
    assert p.overall.met is None
    assert all(not r.figure.has_data for r in p.rows)


def test_a_participant_without_records_has_no_data(world, dept):
    d = make_org("HOME-D", "Trung tâm D", "division", "unit", world.orgs["HOME"])
    movement = _plan(world, world.orgs["HOME"], [*dept[0], d])
    _target(world, movement, "100% TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
    (p,) = movement_progress(movement)
    rows = {r.organization.code: r.figure for r in p.rows}
    assert not rows["HOME-D"].has_data
    assert rows["HOME-D"].actual is None
    assert (p.overall.measured, p.overall.reached, p.without_data) == (5, 3, 1)


def test_units_below_a_participant_and_people_of_its_subtree(world):
    """A province plan: FIN and HOME take part; collectives measured are their phòng, ban."""
    fin, home = world.orgs["FIN"], world.orgs["HOME"]
    _honour(world.orgs["FIN-NS"], "TTLDTT")
    _honour(fin, "TTLDTT")  # the sở itself is not one of its units
    _honour(world.people["fin-ns"], "LDTT")
    _honour(world.people["fin"], "CSTDCS")  # CSTĐCS is chosen among LĐTT holders
    _honour(world.people["home"], "GK")
    moved = world.people["home-tdkt"]
    moved.assignments.update(start_date=D(2019, 1, 1), end_date=D(2021, 6, 30))  # left HOME before 2022
    movement = _plan(world, world.orgs["P"], [fin, home])
    _target(world, movement, "100% TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
    _target(world, movement, "100% LĐTT", "award_share", "individual", "100", award_code="LDTT")
    result = _by_label(movement_progress(movement))
    rows = {r.organization.code: r.figure for r in result["100% TTLĐTT"].rows}
    assert (rows["FIN"].measured, rows["FIN"].reached, rows["FIN"].met) == (1, 1, True)
    assert (rows["HOME"].measured, rows["HOME"].reached, rows["HOME"].met) == (1, 0, False)
    people = {r.organization.code: r.figure for r in result["100% LĐTT"].rows}
    assert (people["FIN"].measured, people["FIN"].reached, people["FIN"].met) == (2, 2, True)
    assert (people["HOME"].measured, people["HOME"].reached) == (1, 0)


def test_a_draft_shows_no_progress(world):
    movement = _plan(world, world.orgs["P"], [world.orgs["FIN"]], issued=False)
    _target(world, movement, "100% TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
    assert movement_progress(movement) == []


def _queries(movement) -> int:
    with CaptureQueriesContext(connection) as ctx:
        movement_progress(movement)
    return len(ctx.captured_queries)


def test_queries_do_not_grow_with_organisations(world, dept, plan):
    extra = [make_org(f"HOME-X{i}", f"Phòng X{i}", "division", "unit", world.orgs["HOME"]) for i in range(6)]
    for org in extra:
        make_person(org, f"Người {org.code}")
        _honour(org, "TTLDTT")
    bigger = _plan(world, world.orgs["HOME"], [*dept[0], *extra])
    for movement in (plan, bigger):
        _target(world, movement, "100% TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
        _target(world, movement, "15% CSTĐCS", "award_share", "individual", "15", award_code="CSTDCS")
    assert _queries(bigger) == _queries(plan)


def test_detail_page_shows_target_against_actual(client, world, plan):
    movement = plan
    _target(world, movement, "100% phòng ban TTLĐTT", "award_share", "collective", "100", award_code="TTLDTT")
    client.force_login(world.users["viewer"])  # viewer of HOME
    page = client.get(reverse("movements:detail", args=[movement.pk])).text
    section = page[page.index('id="targets"') :]
    assert "100% phòng ban TTLĐTT" in section
    assert "<span data-actual>75%</span>" in section
    assert section.count('data-state="met"') == 3  # TDKT, A, B
    assert section.count('data-state="not-met"') == 2  # C, and overall
