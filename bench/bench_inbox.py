"""Benchmark: the inbox ("Việc cần làm") of every role for a province of 50,000 people and 2,000
dossiers — queries per request and latency (median, p95) of GET /api/v1/inbox and of the home page.

    .venv/bin/python bench/bench_inbox.py [--people 50000] [--dossiers 2000] [--runs 40]

Without DATABASE_URL it runs on a throwaway SQLite file; with DATABASE_URL=postgres://… on a
throwaway test database next to the named one (bench/throwaway.py). The province: 30 departments
with 5 divisions each, the people spread over them; dossiers from every unit at every step of the
workflow (two nominees each, council votes, objections); two issued movements with registrations
and reports; a block of 15 members scoring. One user per role, as in the demo.
"""

import argparse
import datetime
import statistics
import time
from decimal import Decimal

from bootstrap import ROOT, WORKDIR  # noqa: F401 - sets Django up; before any Django import
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from throwaway import throwaway_database  # noqa: E402

D = datetime.date
ROLES = [  # (username, role, where the grant is: "province", a department index, or None)
    ("admin", "admin", None),
    ("thuongtruc", "standing_office", "province"),
    ("hoidong", "council_member", "province"),
    ("pheduyet", "approver", "province"),
    ("truongkhoi", "block_head", 0),
    ("canbo", "unit_officer", 1),
    ("lanhdao", "unit_leader", 1),
    ("xem", "viewer", 2),
]
STATES = ["draft"] * 3 + ["submitted"] * 3 + ["returned", "received", "received", "appraised", "voting", "voting",
                                               "notice", "awaiting_decision"] + ["decided"] * 6
TEMPLATE = {
    "items": [{"code": "I", "title": "Nhiệm vụ", "max": 60,
               "children": [{"code": "I.1", "title": "Tham mưu", "max": 60}]},
              {"code": "II", "title": "Thi đua", "max": 40,
               "children": [{"code": "II.1", "title": "Kế hoạch", "max": 40}]}],
    "bands": [{"label": "Xuất sắc", "min": 90}, {"label": "Tốt", "min": 0}],
    "tie_break": ["II", "I"],
}


def build(people: int, dossiers: int) -> dict:
    from tdkt.accounts.models import RoleGrant, User
    from tdkt.awards.models import (
        AwardForm,
        CommendationRound,
        Council,
        CouncilMember,
        CouncilVote,
        Dossier,
        Nominee,
        Objection,
    )
    from tdkt.movements.models import Milestone, Movement, Participant, Registration, ReportSubmission
    from tdkt.organizations.models import BlockMembership, EmulationBlock, Organization, Person
    from tdkt.scoring.models import ScoreSheet, ScoringRound
    from tdkt.scoring.services.templates import template_create

    def org(code, name, kind, level, parent):
        o = Organization(code=code, name=name, kind=kind, level=level, parent=parent)
        o.refresh_search_text()
        o.save()
        o.path = f"{parent.path if parent else '/'}{o.pk}/"
        o.depth = o.path.count("/") - 2
        o.save(update_fields=["path", "depth"])
        return o

    province = org("BT", "UBND tỉnh Bench", "province", "province", None)
    departments, units = [], []
    for d in range(30):
        dept = org(f"BT-S{d:02d}", f"Sở số {d + 1}", "department", "department", province)
        departments.append(dept)
        units.append(dept)
        units += [org(f"BT-S{d:02d}-P{p}", f"Phòng {p + 1} Sở {d + 1}", "division", "unit", dept) for p in range(5)]
    Person.objects.bulk_create(
        (Person(full_name=f"Cán bộ {i}", sex="nam" if i % 2 else "nu", category="cong_chuc",
                organization=units[i % len(units)], search_text=f"can bo {i}") for i in range(people)),
        batch_size=5000)
    users = {}
    for username, role, where in ROLES:
        place = province if where == "province" else (departments[where] if isinstance(where, int) else None)
        user = User.objects.create_user(username=username, password="bench-password-1", organization=place,
                                        is_superuser=role == "admin")
        RoleGrant.objects.create(user=user, role=role, organization=place)
        users[username] = user

    # Commendation: 2,000 dossiers over every unit and step, two nominees each.
    form = AwardForm.objects.create(code="BK", name="Bằng khen", certificate_title="BẰNG KHEN", record_code="BK_TINH",
                                    issuer=province, level="province", decider_title="CHỦ TỊCH", needs_ballot=True,
                                    ballot_threshold=Decimal(50), effective_from=D(2024, 1, 1), components=[])
    council = Council.objects.create(authority=province, name="Hội đồng TĐKT tỉnh")
    members = [CouncilMember.objects.create(council=council, user=users["hoidong"] if i == 0 else None,
                                            full_name=f"Thành viên {i}") for i in range(9)]
    commendation_round = CommendationRound.objects.create(authority=province, kind="regular", year=2025,
                                                          title="Khen thưởng năm 2025", deadline=D(2026, 12, 31))
    now = timezone.now()
    Dossier.objects.bulk_create(
        (Dossier(round=commendation_round, organization=units[i % len(units)], state=STATES[i % len(STATES)],
                 title=f"Hồ sơ {i}", submitted_at=now - datetime.timedelta(days=i % 90),
                 notice_until=D(2026, 12, 20) if STATES[i % len(STATES)] == "notice" else None)
         for i in range(dossiers)), batch_size=1000)
    made = list(Dossier.objects.order_by("pk"))
    people_ids = list(Person.objects.values_list("pk", flat=True)[:dossiers * 2])
    Nominee.objects.bulk_create(
        (Nominee(dossier=d, person_id=people_ids[2 * i + k], award=form, position=k,
                 appraisal="pending" if d.state in ("draft", "submitted", "returned", "received") else "accepted")
         for i, d in enumerate(made) for k in range(2)), batch_size=2000)
    nominees = list(Nominee.objects.filter(dossier__state="voting").values_list("pk", flat=True))
    CouncilVote.objects.bulk_create(
        (CouncilVote(nominee_id=n, member=m, vote="yes") for n in nominees[: len(nominees) // 2] for m in members),
        batch_size=2000)
    Objection.objects.bulk_create(Objection(dossier=d, text="Phản ánh") for d in made if d.state == "notice")

    # Movements: two issued plans with every department taking part; registrations and reports.
    for n in range(2):
        movement = Movement.objects.create(organization=province, title=f"Phong trào {n}", status="issued",
                                           start_date=D(2026, 1, 1), end_date=D(2026, 12, 31),
                                           registration_deadline=timezone.localdate() + datetime.timedelta(days=3))
        Participant.objects.bulk_create(Participant(movement=movement, organization=d) for d in departments)
        milestone = Milestone.objects.create(movement=movement, kind="mid_year", name="Sơ kết 6 tháng",
                                             report_deadline=timezone.localdate() + datetime.timedelta(days=5))
        Registration.objects.bulk_create(
            Registration(movement=movement, organization=d, status="late_pending" if i % 5 == 0 else "registered",
                         registered_at=now) for i, d in enumerate(departments[::2]))
        ReportSubmission.objects.bulk_create(
            ReportSubmission(milestone=milestone, organization=d, status="submitted" if i % 2 else "returned",
                             submitted_at=now, size=1000, original_name="bao-cao.pdf", content_type="application/pdf")
            for i, d in enumerate(departments[1::2]))

    # Scoring: a block of 15 departments (the block head's department heads it), round open.
    block = EmulationBlock.objects.create(organizer=province, name="Khối bench", year=2026)
    BlockMembership.objects.bulk_create(
        BlockMembership(block=block, organization=d, role="head" if i == 0 else "member", position=i)
        for i, d in enumerate(departments[:15]))
    template = template_create(actor=users["admin"], owner=province, code="BENCH", name="Tiêu chí", definition=TEMPLATE)
    scoring_round = ScoringRound.objects.create(block=block, template=template, self_deadline=D(2026, 1, 10),
                                                review_deadline=D(2026, 1, 20))
    ScoreSheet.objects.bulk_create(ScoreSheet(round=scoring_round, organization=d, status="submitted",
                                              submitted_at=now) for d in departments[1:12])
    return users


def measure(client: Client, url: str, runs: int) -> tuple[float, float, int, float]:
    response = client.get(url)  # warm-up
    assert response.status_code == 200, (url, response.status_code)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    p95 = statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    return statistics.median(samples), p95, len(queries), sql_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--dossiers", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with throwaway_database("inbox", WORKDIR) as vendor:
        with override_settings(ALLOWED_HOSTS=["localhost"], MEDIA_ROOT=WORKDIR / "media"):
            start = time.perf_counter()
            users = build(args.people, args.dossiers)
            if vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"{vendor}: built {args.people:,} people, {args.dossiers:,} dossiers in "
                  f"{time.perf_counter() - start:.1f} s; {args.runs} requests per line")
            from tdkt.notifications.inbox import inbox_for, total

            print(f"{'user':<11} {'items':>5} {'total':>6} | {'API median':>10} {'p95':>7} {'queries':>7} {'SQL ms':>7}"
                  f" | {'home median':>11} {'p95':>7} {'queries':>7}")
            for username, user in users.items():
                items = inbox_for(user)
                client = Client(SERVER_NAME="localhost")
                client.force_login(user)
                api = measure(client, "/api/v1/inbox", args.runs)
                home = measure(client, "/", args.runs)
                print(f"{username:<11} {len(items):>5} {total(items):>6} | {api[0]:>8.1f}ms {api[1]:>5.1f}ms "
                      f"{api[2]:>7} {api[3]:>7.1f} | {home[0]:>9.1f}ms {home[1]:>5.1f}ms {home[2]:>7}")


if __name__ == "__main__":
    main()
