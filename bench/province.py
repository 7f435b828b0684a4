"""A province for the benchmarks, built with bulk inserts (import after ``django.setup()``).

    from province import build_province
    made = build_province(100_000)   # 100 s on PostgreSQL on 2 busy cores (COPY; bulk_create on SQLite)

One province with 100 departments directly under it; ``people`` people spread over the departments
(person n in department n % 100) with ten years of history each: a rating every year, the LĐTT and
CSTĐCS titles those ratings earn, initiatives (30%), a BK_TINH five to nine years ago (10%),
discipline (1%) and open inspection reviews (0.5%). The history is drawn from ``random.Random(seed)``
in a fixed order, so the same ``people`` and ``seed`` always give the same province (the eligibility
bench's figures depend on it).

Then what the pages need, none of which touches the rules' facts: three users with the password
``PASSWORD`` (a province standing-office user, a unit officer and a unit leader of the first
department), a commendation round with one dossier per department at every step of the workflow
(ten nominees each), a published decision with its awardees (the golden book) for each decided
dossier, and dossiers on public notice.

Returns a dict: ``users`` (role → username), ``password``, ``province_id``, ``department_ids`` (in
order; the unit users work in the first), ``person_ids`` (a sample of 1,000, spread over the
departments), ``unit_person_ids`` (people of the first department), ``dossier_ids`` (all),
``unit_dossier_ids`` (the first department's), ``sent_dossier_ids`` (past the unit: what the
province's office sees), ``decision_ids`` (published), ``notice_ids`` (dossiers on public notice) and
``awardee_tokens`` (the certificates' QR codes, for the public check page).
"""

import datetime
import random

from django.db import connection, transaction
from django.utils import timezone

YEAR = 2025
DEPARTMENTS = 100
BATCH = 5000
PASSWORD = "bench-password-1"  # noqa: S105 - a throwaway benchmark database's users
RATINGS = ["HTXSNV"] * 2 + ["HTTNV"] * 6 + ["HTNV"] * 2
USERS = {"standing_office": "bench_thuongtruc", "unit_officer": "bench_canbo", "unit_leader": "bench_lanhdao"}
# One dossier per department; its step of the workflow by department index (a tenth decided).
STATES = [
    "draft",
    "awaiting_signoff",
    "submitted",
    "returned",
    "received",
    "appraised",
    "voting",
    "notice",
    "awaiting_decision",
    "decided",
]
NOMINEES_PER_DOSSIER = 10


def build_province(people: int, *, seed: int = 7) -> dict:
    """Build the province described in the module's docstring and return its users and ids."""
    from tdkt.organizations.models import Organization

    province = Organization.objects.create(code="BE", name="UBND tỉnh Bench", kind="province", level="province")
    province.path = f"/{province.pk}/"
    province.refresh_search_text()
    province.save()
    departments = []
    for i in range(DEPARTMENTS):
        unit = Organization(
            code=f"BE-{i}", name=f"Sở số {i}", kind="department", level="department", parent=province, depth=1
        )
        unit.refresh_search_text()
        unit.save()
        unit.path = f"{province.path}{unit.pk}/"
        unit.save(update_fields=["path"])
        departments.append(unit)
    person_ids = _people(people, departments)
    _history(person_ids, random.Random(seed))
    users = _users(province, departments[0])
    dossiers = _dossiers(province, departments, users)
    unit_people = person_ids[: len(person_ids) : DEPARTMENTS][:1000]
    return {
        "users": {role: user.username for role, user in users.items()},
        "password": PASSWORD,
        "province_id": province.pk,
        "department_ids": [d.pk for d in departments],
        "person_ids": person_ids[:: max(1, len(person_ids) // 1000)][:1000],
        "unit_person_ids": unit_people,
        **dossiers,
    }


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]


def _people(people: int, departments) -> list[int]:
    from tdkt.core.domain.text import fold_vi
    from tdkt.organizations.models import Person

    department_ids = [d.pk for d in departments]

    def person(n):
        # Names repeat as in a real province (a search for "nguyen van" matches thousands); the number
        # keeps each one findable.
        name = f"{FAMILY[n % 14]} {MIDDLE[n // 14 % 8]} {GIVEN[n // 112 % 22]} {n}"
        return {
            "full_name": name,
            "search_text": fold_vi(name),
            "sex": "nam" if n % 2 else "nu",
            "category": "cong_chuc",
            "organization_id": department_ids[n % len(department_ids)],
        }

    with transaction.atomic():
        _insert(Person, [person(n) for n in range(people)])
    return list(Person.objects.order_by("pk").values_list("pk", flat=True))


def _insert(model, rows: list[dict]) -> None:
    """Insert rows given as {field: value}: bulk_create, or COPY on PostgreSQL. The history of 100,000
    people is 2.3 million rows, which bulk_create (building a model instance for each) writes in about
    four minutes on this machine and COPY of plain tuples in well under one. The columns left out get
    what Django would save: the field's default, now for auto_now fields."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**row) for row in rows), batch_size=BATCH)
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    filled = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            filled.append((field.attname, now, None))
        elif field.has_default() and callable(field.default):
            filled.append((field.attname, None, field.default))  # a new value for every row (a uuid)
        else:
            filled.append((field.attname, field.get_default(), None))
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([row[name] if name in row else (make() if make else value) for name, value, make in filled])


def _history(person_ids: list[int], rng: random.Random) -> None:
    """Drawn person by person in one fixed order; written a chunk of people at a time (memory stays small)."""
    from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag

    counts = dict.fromkeys(("ratings", "honours", "initiatives", "discipline", "reviews"), 0)
    for chunk in range(0, len(person_ids), BATCH):
        ratings, honours, initiatives, discipline, reviews = [], [], [], [], []
        for pid in person_ids[chunk : chunk + BATCH]:
            for year in range(YEAR - 9, YEAR + 1):
                rating = rng.choice(RATINGS)
                ratings.append({"person_id": pid, "year": year, "rating": rating})
                if rating != "HTNV":
                    honours.append({"person_id": pid, "code": "LDTT", "year": year})
                    if rating == "HTXSNV":
                        honours.append({"person_id": pid, "code": "CSTDCS", "year": year})
            if rng.random() < 0.3:
                scope, year = rng.choice(["co_so", "tinh"]), rng.randint(YEAR - 3, YEAR)
                initiatives.append({"person_id": pid, "title": "Sáng kiến", "scope": scope, "year": year})
            if rng.random() < 0.1:
                honours.append({"person_id": pid, "code": "BK_TINH", "year": rng.randint(YEAR - 9, YEAR - 5)})
            if rng.random() < 0.01:
                start = datetime.date(rng.randint(YEAR - 4, YEAR), 3, 1)
                end = start + datetime.timedelta(days=365)
                discipline.append({"person_id": pid, "form": "khien_trach", "start_date": start, "end_date": end})
            if rng.random() < 0.005:
                reviews.append({"person_id": pid, "reason": "thanh_tra", "opened_on": datetime.date(YEAR, 6, 1)})
        with transaction.atomic():
            for name, model, rows in [
                ("ratings", AnnualRating, ratings),
                ("honours", HonourRecord, honours),
                ("initiatives", Initiative, initiatives),
                ("discipline", DisciplineRecord, discipline),
                ("reviews", ReviewFlag, reviews),
            ]:
                _insert(model, rows)
                counts[name] += len(rows)
    print(
        f"history: {counts['ratings']:,} ratings, {counts['honours']:,} titles and awards, "
        f"{counts['initiatives']:,} initiatives, {counts['discipline']:,} discipline, "
        f"{counts['reviews']:,} open reviews"
    )


def _users(province, unit) -> dict:
    from django.contrib.auth.hashers import make_password

    from tdkt.accounts.models import RoleGrant, User

    users = {}
    hashed = make_password(PASSWORD)  # once: hashing takes a good part of a second
    for role, username in USERS.items():
        place = province if role == "standing_office" else unit
        user = User.objects.create(username=username, password=hashed, organization=place, full_name=f"Bench {role}")
        RoleGrant.objects.create(user=user, role=role, organization=place)
        users[role] = user
    return users


def _dossiers(province, departments, users) -> dict:
    """One dossier per department at every step; a published decision for each decided one."""
    from tdkt.awards.models import Awardee, AwardForm, CommendationRound, Decision, Dossier, Nominee
    from tdkt.core.domain.text import fold_vi
    from tdkt.organizations.models import Person

    today = timezone.localdate()
    form = AwardForm.objects.create(
        code="BK_TINH",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        certificate_title="BẰNG KHEN",
        record_code="BK_TINH",
        issuer=province,
        level="province",
        decider_title="CHỦ TỊCH",
        effective_from=datetime.date(2024, 1, 1),
        components=[],
    )
    commendation_round = CommendationRound.objects.create(
        authority=province,
        kind="regular",
        year=YEAR,
        title=f"Khen thưởng thường xuyên năm {YEAR}",
        deadline=datetime.date(YEAR + 1, 12, 31),
    )
    commendation_round.forms.set([form])
    now = timezone.now()
    with transaction.atomic():
        Dossier.objects.bulk_create(
            Dossier(
                round=commendation_round,
                organization=d,
                state=STATES[i % len(STATES)],
                title=f"Tờ trình {d.name}",
                created_by=users["unit_officer"] if i == 0 else None,
                submitted_at=None if STATES[i % len(STATES)] in ("draft", "awaiting_signoff") else now,
                notice_from=today if STATES[i % len(STATES)] == "notice" else None,
                notice_until=today + datetime.timedelta(days=10) if STATES[i % len(STATES)] == "notice" else None,
            )
            for i, d in enumerate(departments)
        )
        dossiers = list(Dossier.objects.filter(round=commendation_round).order_by("pk"))
        # The first people of each department (the lowest ids), ten per dossier.
        nominees = []
        for dossier in dossiers:
            accepted = dossier.state in ("appraised", "voting", "notice", "awaiting_decision", "decided")
            ids = (
                Person.objects.filter(organization_id=dossier.organization_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:NOMINEES_PER_DOSSIER]
            )
            nominees += [
                Nominee(
                    dossier=dossier,
                    person_id=pid,
                    award=form,
                    position=k,
                    appraisal="accepted" if accepted else "pending",
                    achievement="Hoàn thành xuất sắc",
                )
                for k, pid in enumerate(ids)
            ]
        Nominee.objects.bulk_create(nominees, batch_size=BATCH)
        decisions, book = [], 0
        for number, dossier in enumerate((d for d in dossiers if d.state == "decided"), start=1):
            decision = Decision.objects.create(
                issuer=province,
                dossier=dossier,
                number=number,
                symbol="QĐ-UBND",
                year=YEAR,
                date=datetime.date(YEAR, 12, 1 + number % 28),
                subject=f"Về việc tặng Bằng khen — {dossier.title}",
                signer_name="Chủ tịch Bench",
                signer_title="CHỦ TỊCH",
                legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
                published=True,
            )
            awardees = []
            for nominee in dossier.nominees.select_related("person__organization").order_by("position"):
                book += 1
                person = nominee.person
                awardees.append(
                    Awardee(
                        decision=decision,
                        nominee=nominee,
                        award=form,
                        name=person.full_name,
                        organization_name=person.organization.name,
                        golden_book_number=book,
                        amount=2_340_000,
                        search_text=fold_vi(f"{person.full_name} {person.organization.name}"),
                    )
                )
            Awardee.objects.bulk_create(awardees)
            decisions.append(decision.pk)
    first = departments[0].pk
    return {
        "dossier_ids": [d.pk for d in dossiers],
        "unit_dossier_ids": [d.pk for d in dossiers if d.organization_id == first],
        "sent_dossier_ids": [d.pk for d in dossiers if d.state not in ("draft", "awaiting_signoff")],
        "decision_ids": decisions,
        "notice_ids": [d.pk for d in dossiers if d.state == "notice"],
        "awardee_tokens": [str(t) for t in Awardee.objects.order_by("pk").values_list("token", flat=True)],
    }
