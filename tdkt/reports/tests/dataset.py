"""A small hand-built dataset on top of conftest's `world` for the TT02 forms, year 2024.

People (besides world's): "lead" leader at P (leader_province), "phophong" leader at FIN-NS
(leader_other), "dn" leader of the enterprise ENT (businessperson); world's "fin" made a leader of FIN
(leader_department); the others are workers.

Awards of 2024 counted (r…: province level, 0603; s…: state level, 0602):
  r1 fin BK_TINH · r2 fin-ns BK_TINH (a movement round: chuyên đề) · r3 home-tdkt CSTD_TINH ·
  r4 FIN-NS (collective) CO_TINH · r5 ENT (enterprise) BK_TINH · r6 home KNC (a sudden round: đột xuất) ·
  r7 lead BK_TINH · r8 phophong BK_TINH · r9 dn BK_TINH ·
  s1 home BK_TTG · s2 FIN CO_CP · s3 fin HCLD3 · s4 FIN-NS HCLD3 · s5 home-tdkt CSTD_TQ
Not counted: fin-ns BK_TINH 2023, fin BK_TINH 2024 revoked, home LDTT 2024 (no TT02 column),
and q BK_TINH 2024 (the other province's: its own report counts it).

Movements: m1 P regular 2024 (366 days) · m2 P thematic 2019–2025 · m3 HOME special of the block
01/7/2024–31/7/2025 · m4 FIN regular 01/3–30/6/2024 (closed) · m5 FIN thematic 01/01/2022–30/6/2025;
not counted: a draft of FIN in 2024, P's 2023 movement, Q's 2024 movement.

TĐKT units: HOME-TDKT ban thuộc SNV, HOME-P2 phòng thuộc SNV; not counted: HOME-OLD (closed 2023),
Q-CA (ban, the other province).

TĐKT officers at 31/12/2024: o1 home-tdkt (nữ, 30 tuổi, đại học, 5 năm) · o2 home (nam, 40, trên đại
học, 14 năm) · o3 "thu" at HOME-TDKT (nữ, 60, cao đẳng, 3 năm) · o4 fin-ns (nữ, nothing recorded);
not counted: "nghi" left 30/6/2024, fin (not an officer), q (the other province).
"""

import datetime
from decimal import Decimal

from conftest import make_org, make_person, make_user
from tdkt.awards.models import Awardee, AwardForm, CommendationRound, Decision, Dossier, Nominee
from tdkt.movements.models import Movement
from tdkt.records.models import HonourRecord

YEAR = 2024
D = datetime.date


def _honour(subject, code, year=YEAR, **extra) -> HonourRecord:
    key = "person" if subject.__class__.__name__ == "Person" else "organization"
    return HonourRecord.objects.create(code=code, year=year, **{key: subject}, **extra)


def _through_round(record: HonourRecord, kind: str, authority) -> None:
    """Give the record the awardee of a decision in a round of `kind`, as a decision does."""
    form = AwardForm.objects.create(code=f"F{record.pk}", name="Bằng khen", record_code=record.code,
                                    level="province", issuer=authority, decider_title="CHỦ TỊCH",
                                    effective_from=D(2024, 1, 1))
    rnd = CommendationRound.objects.create(authority=authority, kind=kind, title=f"Đợt {kind}", year=YEAR)
    dossier = Dossier.objects.create(round=rnd, organization=authority, title="Hồ sơ")
    nominee = Nominee.objects.create(dossier=dossier, person=record.person, collective=record.organization, award=form)
    decision = Decision.objects.create(issuer=authority, dossier=dossier, number=record.pk, symbol="QĐ-UBND",
                                       year=YEAR, date=D(YEAR, 9, 1), subject="Khen thưởng", signer_name="A",
                                       signer_title="Chủ tịch", legal_bases="Luật")
    Awardee.objects.create(decision=decision, nominee=nominee, award=form, name=str(record.subject),
                           golden_book_number=record.pk, amount=Decimal(0), honour_record=record)


def build(world) -> dict:
    o, p = world.orgs, world.people
    ent = make_org("ENT", "Công ty Cổ phần Sao Mai", "enterprise", "unit", o["P"])
    p["fin"].is_manager = True
    p["fin"].save(update_fields=["is_manager"])
    lead = make_person(o["P"], "Võ Văn Lãnh", is_manager=True)
    phophong = make_person(o["FIN-NS"], "Đỗ Thị Phó", sex="nu", is_manager=True)
    dn = make_person(ent, "Ngô Doanh Nhân", is_manager=True)
    r = {
        "r1": _honour(p["fin"], "BK_TINH"), "r2": _honour(p["fin-ns"], "BK_TINH"),
        "r3": _honour(p["home-tdkt"], "CSTD_TINH"), "r4": _honour(o["FIN-NS"], "CO_TINH"),
        "r5": _honour(ent, "BK_TINH"), "r6": _honour(p["home"], "KNC"), "r7": _honour(lead, "BK_TINH"),
        "r8": _honour(phophong, "BK_TINH"), "r9": _honour(dn, "BK_TINH"),
        "s1": _honour(p["home"], "BK_TTG"), "s2": _honour(o["FIN"], "CO_CP"), "s3": _honour(p["fin"], "HCLD3"),
        "s4": _honour(o["FIN-NS"], "HCLD3"), "s5": _honour(p["home-tdkt"], "CSTD_TQ"),
        "x1": _honour(p["fin-ns"], "BK_TINH", year=2023),
        "x2": _honour(p["fin"], "BK_TINH", revoked_on=D(2024, 11, 1)),
        "x3": _honour(p["home"], "LDTT"), "x4": _honour(p["q"], "BK_TINH"),
    }
    _through_round(r["r2"], "movement", o["P"])
    _through_round(r["r6"], "sudden", o["P"])
    _through_round(r["r7"], "regular", o["P"])

    def movement(org, kind, start, end, status="issued", **extra):
        return Movement.objects.create(organization=org, title=f"Phong trào {org.code} {start}", kind=kind,
                                       status=status, start_date=start, end_date=end, **extra)

    m = {
        "m1": movement(o["P"], "regular", D(2024, 1, 1), D(2024, 12, 31)),
        "m2": movement(o["P"], "thematic", D(2019, 1, 1), D(2025, 12, 31)),
        "m3": movement(o["HOME"], "special", D(2024, 7, 1), D(2025, 7, 31), block=world.block),
        "m4": movement(o["FIN"], "regular", D(2024, 3, 1), D(2024, 6, 30), status="closed"),
        "m5": movement(o["FIN"], "thematic", D(2022, 1, 1), D(2025, 6, 30)),
        "x5": movement(o["FIN"], "regular", D(2024, 1, 1), D(2024, 12, 31), status="draft"),
        "x6": movement(o["P"], "regular", D(2023, 1, 1), D(2023, 12, 31)),
        "x7": movement(o["Q"], "regular", D(2024, 1, 1), D(2024, 12, 31)),
    }

    o["HOME-TDKT"].tdkt_unit_kind = "ban_snv"
    o["HOME-TDKT"].save(update_fields=["tdkt_unit_kind"])
    o["Q-CA"].tdkt_unit_kind = "ban_snv"
    o["Q-CA"].save(update_fields=["tdkt_unit_kind"])
    units = {
        "HOME-P2": make_org("HOME-P2", "Phòng Công chức", "division", "unit", o["HOME"], tdkt_unit_kind="phong_snv"),
        "HOME-OLD": make_org("HOME-OLD", "Phòng cũ", "division", "unit", o["HOME"], tdkt_unit_kind="phong_snv",
                             active_from=D(2010, 1, 1), active_to=D(2023, 6, 30)),
    }

    def officer(person, **fields):
        for k, v in {"is_tdkt_officer": True, **fields}.items():
            setattr(person, k, v)
        person.save()
        return person

    people = {
        "o1": officer(p["home-tdkt"], date_of_birth=D(1994, 3, 1), education_level="dai_hoc",
                      in_tdkt_work_since=D(2019, 9, 1)),
        "o2": officer(p["home"], date_of_birth=D(1984, 12, 31), education_level="tren_dai_hoc",
                      in_tdkt_work_since=D(2010, 1, 1)),
        "o3": officer(make_person(o["HOME-TDKT"], "Lý Thu", sex="nu"), date_of_birth=D(1964, 1, 1),
                      education_level="cao_dang", in_tdkt_work_since=D(2021, 1, 1)),
        "o4": officer(p["fin-ns"]),
        "x8": officer(make_person(o["HOME"], "Đã Nghỉ"), left_on=D(2024, 6, 30), date_of_birth=D(1990, 1, 1)),
        "x9": officer(p["q"], date_of_birth=D(1990, 1, 1)),
    }
    q_user = make_user("q_office", "standing_office", o["Q"])
    return {"records": r, "movements": m, "units": units, "people": people, "q_user": q_user}
