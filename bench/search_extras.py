"""The other substring searches for bench_people.py (issue 12, point 5): organisations and the
golden book's awardees, built in bulk next to the imported people.

A province has a few thousand organisations (schools, health stations, communes under their
departments) and its golden book holds tens of thousands of awardees; both are searched through a
folded `search_text` column with `LIKE '%word%'`, as the people list is.
"""

import datetime

from tdkt.core.domain.text import fold_vi

SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS", "Trạm Y tế", "UBND xã", "Trung tâm Văn hóa"]
PLACES = ["Hải Lăng", "Triệu Phong", "Gio Linh", "Vĩnh Linh", "Cam Lộ", "Đakrông", "Hướng Hóa", "Cồn Cỏ"]


def build_more_organisations(departments, count: int) -> int:
    """`count` organisations under the departments, with names that repeat as real ones do."""
    from tdkt.organizations.models import Organization

    rows = []
    for i in range(count):
        parent = departments[i % len(departments)]
        org = Organization(
            code=f"BX{i:05d}",
            name=f"{SCHOOLS[i % len(SCHOOLS)]} {PLACES[(i // 7) % len(PLACES)]} số {i % 97 + 1}",
            kind="division",
            level="unit",
            parent=parent,
            depth=parent.depth + 1,
        )
        org.refresh_search_text()
        rows.append(org)
    created = Organization.objects.bulk_create(rows, batch_size=2000)
    for org in created:
        org.path = f"{org.parent.path}{org.pk}/"
    Organization.objects.bulk_update(created, ["path"], batch_size=2000)
    return len(created)


def build_awardees(province, user, count: int, per_decision: int = 100) -> int:
    """A golden book of `count` awardees (people of the province), `per_decision` to a decision."""
    from tdkt.awards.models import Awardee, AwardForm, CommendationRound, Decision, Dossier, Nominee
    from tdkt.organizations.models import Person
    from tdkt.records.models import HONOURS

    award = AwardForm.objects.create(
        code="BENCH",
        name="Giấy khen (bench)",
        record_code=next(iter(HONOURS)),
        level="province",
        decider_title="Chủ tịch",
        effective_from=datetime.date(2020, 1, 1),
    )
    round_ = CommendationRound.objects.create(authority=province, kind="regular", title="Bench", year=2025)
    people = list(Person.objects.order_by("pk").values_list("pk", "full_name", "organization__name")[:count])
    awardees = 0
    for start in range(0, len(people), per_decision):
        chunk = people[start : start + per_decision]
        number = start // per_decision + 1
        dossier = Dossier.objects.create(
            round=round_, organization=province, title=f"Tờ trình {number}", state="decided"
        )
        decision = Decision.objects.create(
            issuer=province,
            dossier=dossier,
            number=number,
            symbol="QĐ-UBND",
            year=2025,
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number % 300),
            subject=f"Khen thưởng đợt {number}",
            signer_name="Bench",
            signer_title="Chủ tịch",
            legal_bases="Luật Thi đua, khen thưởng 2022",
        )
        nominees = Nominee.objects.bulk_create(
            [Nominee(dossier=dossier, person_id=pk, award=award, position=i) for i, (pk, _n, _o) in enumerate(chunk)]
        )
        Awardee.objects.bulk_create(
            [
                Awardee(
                    decision=decision,
                    nominee=nominee,
                    award=award,
                    name=name,
                    organization_name=org_name,
                    golden_book_number=i + 1,
                    amount=500_000,
                    search_text=fold_vi(f"{name} {org_name}")[:700],
                )
                for i, (nominee, (_pk, name, org_name)) in enumerate(zip(nominees, chunk, strict=True))
            ]
        )
        awardees += len(chunk)
    return awardees
