"""Seven years of emulation history (2019–2025).

Titles are recorded up to 2024; 2025 has ratings only, so the "who can be proposed" page has the
year's real question to answer.

The demo's own history (load_demo_history) is each province's yearly records files (data/), imported
as an office imports them; what the importers do not take yet (initiatives, the Bằng khen of the
years before, a discipline, a complaint) is written here. load_history draws plausible history at
random for any people (the files were first drawn by it; tests use it for people of their own).
"""


import datetime
import random

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.organizations.models import Organization, Person
from tdkt.records.models import AnnualRating, DisciplineRecord, HonourRecord, Initiative, ReviewFlag
from tdkt.records.signals import send_facts_changed

from .files import PROVINCES, RATING_YEARS, import_records, other_records

FIRST, LAST, LAST_TITLES = 2019, 2025, 2024
WEIGHTS = [("HTXSNV", 2), ("HTTNV", 6), ("HTNV", 2)]
INITIATIVE_TITLES = [
    "Số hóa quy trình tiếp nhận hồ sơ một cửa",
    "Ứng dụng phần mềm quản lý văn bản và điều hành",
    "Cải tiến quy trình thẩm định hồ sơ khen thưởng",
    "Xây dựng cơ sở dữ liệu cán bộ, công chức của đơn vị",
    "Giải pháp tiết kiệm chi thường xuyên",
]


def _rating(rng):
    return rng.choices([r for r, _ in WEIGHTS], weights=[w for _, w in WEIGHTS])[0]


def _discipline_and_complaint(actor) -> None:
    """A discipline in force and an open complaint, for the rules to show."""
    someone = Person.objects.filter(organization__code="QT-STC-NS").order_by("pk").first()
    if someone:
        DisciplineRecord.objects.create(
            person=someone,
            form="khien_trach",
            start_date=datetime.date(2025, 3, 1),
            end_date=datetime.date(2026, 3, 1),
            decision_number="12/QĐ-STC",
            created_by=actor,
        )
    another = Person.objects.filter(organization__code="QT-STC-GCS").order_by("pk").first()
    if another:
        ReviewFlag.objects.create(
            person=another,
            reason="khieu_nai",
            opened_on=datetime.date(2025, 11, 1),
            note="Đơn phản ánh đang được xác minh",
            created_by=actor,
        )


def load_history(*, actor, rng: random.Random) -> dict:
    ratings, honours, initiatives = [], [], []
    for person in Person.objects.order_by("pk"):
        for year in range(FIRST, LAST + 1):
            rating = _rating(rng)
            ratings.append(AnnualRating(person=person, year=year, rating=rating, created_by=actor))
            if year <= LAST_TITLES and rating != "HTNV":
                honours.append(
                    HonourRecord(
                        person=person,
                        code="LDTT",
                        year=year,
                        created_by=actor,
                        decision_number=f"{rng.randint(10, 999)}/QĐ-{year}",
                        decision_date=datetime.date(year + 1, 1, 15),
                    )
                )
                if rating == "HTXSNV" and rng.random() < 0.6:
                    honours.append(
                        HonourRecord(
                            person=person,
                            code="CSTDCS",
                            year=year,
                            created_by=actor,
                            decision_number=f"{rng.randint(10, 999)}/QĐ-{year}",
                            decision_date=datetime.date(year + 1, 1, 20),
                        )
                    )
        if rng.random() < 0.25:
            initiatives.append(
                Initiative(
                    person=person,
                    title=rng.choice(INITIATIVE_TITLES),
                    created_by=actor,
                    scope=rng.choice(["co_so"] * 4 + ["tinh"]),
                    year=rng.randint(2022, LAST),
                )
            )
        if rng.random() < 0.08:
            honours.append(
                HonourRecord(
                    person=person,
                    code="BK_TINH",
                    year=rng.randint(2018, 2020),
                    created_by=actor,
                    issuer="Chủ tịch UBND tỉnh",
                )
            )
    for org in Organization.objects.exclude(kind="province").filter(active_to__isnull=True):
        for year in range(FIRST, LAST + 1):
            rating = rng.choice(["HTXSNV", "HTTNV", "HTTNV"])
            ratings.append(AnnualRating(organization=org, year=year, rating=rating, created_by=actor))
            if year <= LAST_TITLES:
                honours.append(HonourRecord(organization=org, code="TTLDTT", year=year, created_by=actor))
    AnnualRating.objects.bulk_create(ratings, batch_size=2000)
    HonourRecord.objects.bulk_create(honours, batch_size=2000)
    Initiative.objects.bulk_create(initiatives, batch_size=2000)
    send_facts_changed(sender=AnnualRating, person_ids=(r.person_id for r in [*ratings, *honours, *initiatives]))
    _discipline_and_complaint(actor)
    counts = {"ratings": len(ratings), "honours": len(honours), "initiatives": len(initiatives)}
    audit_record(
        event_type=AuditEventType.RECORDS_IMPORTED,
        actor=actor,
        extra={"demo": True, **counts},
        target_label="Dữ liệu demo: xếp loại, danh hiệu, sáng kiến 2019–2025",
    )
    return counts


def load_demo_history(*, actor) -> dict:
    for province in PROVINCES:
        for year in RATING_YEARS:
            import_records(actor=actor, province=province, year=year)
    other = other_records()
    people = dict(Person.objects.values_list("code", "pk"))
    initiatives = [
        Initiative(person_id=people[item["person"]], title=item["title"], scope=item["scope"], year=item["year"],
                   created_by=actor)
        for item in other["initiatives"]
    ]
    honours = [
        HonourRecord(
            person_id=people[item["person"]],
            code=item["code"],
            year=item["year"],
            issuer=item["issuer"],
            decision_number=item["decision_number"],
            decision_date=datetime.datetime.strptime(item["decision_date"], "%d/%m/%Y").date()
            if item["decision_date"] else None,
            created_by=actor,
        )
        for item in other["honours"]
    ]
    HonourRecord.objects.bulk_create(honours)
    Initiative.objects.bulk_create(initiatives)
    send_facts_changed(sender=AnnualRating, person_ids=(r.person_id for r in [*honours, *initiatives]))
    _discipline_and_complaint(actor)
    counts = {"initiatives": len(initiatives), "honours": len(honours)}
    audit_record(
        event_type=AuditEventType.RECORDS_IMPORTED,
        actor=actor,
        extra={"demo": True, **counts},
        target_label="Dữ liệu demo: sáng kiến, bằng khen 2018–2020 (chưa có mẫu nhập)",
    )
    return {
        "ratings": AnnualRating.objects.count(),
        "honours": HonourRecord.objects.count(),
        "initiatives": Initiative.objects.count(),
    }
