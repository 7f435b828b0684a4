"""The five seed documents as movements of the demo: the facts each seed states are there, loaded
through the services (audited), quickly."""

import datetime
import time
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.accounts.models import User
from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.core.demo.cached import load_demo
from tdkt.core.uploads import check_document
from tdkt.movements.demo import load_movements, report_pdf
from tdkt.movements.models import (
    CovenantSignature,
    Movement,
    MovementKind,
    MovementStatus,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)

D = datetime.date
BLOCK_000 = "Khối các cơ quan tham mưu, tổng hợp"


def _movements() -> dict:
    """The demo with its movements, whether or not the demo loader already calls load_movements."""
    assert load_demo() is True
    if not Movement.objects.exists():
        load_movements(actor=User.objects.get(username="admin"))
    return {
        "000": Movement.objects.get(block__name=BLOCK_000, block__year=2022),
        "001": Movement.objects.get(document_number="3741/KH-UBND"),
        "002": Movement.objects.get(document_number="05/KH-SNV"),
        "003": Movement.objects.get(document_number="11/KH-KTĐNC"),
        "004": Movement.objects.get(organization__code="QT-SNV", kind=MovementKind.SPECIAL),
    }


def test_the_seeds_as_movements(db):
    """One demo load for every seed's facts (loading the demo takes seconds)."""
    seeds = _movements()
    for check in (
        check_seed_000_block_plan,
        check_seed_000_work_program_as_the_seed_lists_it,
        check_seed_000_registrations_covenant_and_reports,
        check_seed_001_multi_year_plan,
        check_seed_002_targets_and_phases,
        check_seed_003_data_windows,
        check_seed_004_special_campaign,
        check_every_movement_is_issued_and_audited,
    ):
        check(seeds)


def check_seed_000_block_plan(seeds):
    m = seeds["000"]
    assert m.organization.code == "QT-VPUBND"
    assert m.status == MovementStatus.ISSUED
    assert m.participants.count() == 15
    assert set(m.participants.values_list("organization__code", flat=True)) == set(
        m.block.memberships.values_list("organization__code", flat=True)
    )
    assert m.theme.startswith("Trách nhiệm, kỷ cương - Thích ứng an toàn")
    assert m.registration_deadline == D(2022, 3, 15)
    assert m.award_codes == ["CO_TINH", "CO_CP"]
    phases = list(m.phases.order_by("position"))
    assert [(p.name, p.start_date, p.end_date) for p in phases] == [
        ("Đợt 1", D(2022, 1, 1), D(2022, 6, 30)),
        ("Đợt 2", D(2022, 7, 1), D(2022, 12, 31)),
    ]
    assert "92 năm ngày thành lập Đảng Cộng sản Việt Nam" in phases[0].celebrates
    assert "77 năm Cách mạng tháng Tám" in phases[1].celebrates
    assert [(ms.kind, ms.report_deadline) for ms in m.milestones.all()] == [
        ("mid_year", D(2022, 6, 30)),
        ("year_end", D(2022, 12, 20)),
    ]
    plan = list(m.content_items.filter(part="plan"))
    covenant = list(m.content_items.filter(part="covenant"))
    assert len(plan) == len(covenant) == 10
    assert plan[0].text.startswith("Chỉ đạo thực hiện Chỉ thị số 34-CT/TW")
    assert covenant[9].text.startswith("Thường xuyên đôn đốc, kiểm tra, sơ kết, tổng kết")
    assert "thế trận quốc phòng toàn dân" in plan[1].text  # OCR's "thể trận" corrected


def check_seed_000_work_program_as_the_seed_lists_it(seeds):
    tasks = list(seeds["000"].tasks.all())
    assert [t.quarter for t in tasks] == [1] * 5 + [2] * 3 + [4] * 4
    assert tasks[0].content == "Xây dựng Kế hoạch, chương trình tổ chức thực hiện phong trào thi đua của Khối năm 2022"
    assert (tasks[0].lead, tasks[0].executing, tasks[0].lead_organization.code) == (
        "Trưởng Khối",
        "Các Thành viên Khối",
        "QT-VPUBND",
    )
    assert (tasks[3].content, tasks[3].lead, tasks[3].due_date) == (
        "Đăng ký Danh hiệu thi đua, năm 2022",
        "Các Thành viên Khối",
        D(2022, 3, 15),
    )
    assert tasks[7].content.startswith("Báo cáo sơ kết 6 tháng đầu năm")
    assert tasks[7].due_date == D(2022, 6, 30)
    assert tasks[-1].content.startswith("Tổng hợp Báo cáo kết quả thi đua của Khối năm 2022")
    assert {t.status for t in tasks if t.quarter == 1} == {"done"}
    assert {t.status for t in tasks if t.quarter == 4} == {"planned"}


def check_seed_000_registrations_covenant_and_reports(seeds):
    m = seeds["000"]
    registrations = Registration.objects.filter(movement=m)
    assert registrations.count() == 12
    by_status = {s: registrations.filter(status=s).count() for s in RegistrationStatus.values}
    assert by_status == {"registered": 10, "late_pending": 1, "accepted_late": 1, "refused_late": 0,
                         "awaiting_signoff": 0, "sent_back": 0}
    assert all(r.registered_at.year == 2022 and r.registered_at.month == 3 for r in registrations)
    assert all("CO_TINH" in r.items.values_list("award_code", flat=True) for r in registrations)
    assert registrations.filter(items__award_code="CO_CP").count() == 3
    unregistered = m.participants.exclude(organization__in=registrations.values("organization"))
    assert set(unregistered.values_list("organization__code", flat=True)) == {"QT-SNGV", "QT-BQLNN", "QT-BQLGT"}

    signatures = CovenantSignature.objects.filter(movement=m)
    assert signatures.count() == 12
    assert all(s.signed_at.date() == D(2022, 3, 25) for s in signatures)
    assert signatures.get(organization__code="QT-VPUBND").signer_name == "Nguyễn Cảnh Hưng"

    submissions = ReportSubmission.objects.filter(milestone__movement=m, milestone__kind="mid_year")
    counts = {s: submissions.filter(status=s).count() for s in SubmissionStatus.values}
    assert counts == {"submitted": 9, "late": 1, "returned": 1, "accepted": 1, "awaiting_signoff": 0}
    late = submissions.get(status=SubmissionStatus.LATE)
    assert late.was_late
    assert late.submitted_at.date() > D(2022, 6, 30)
    assert all(not s.was_late for s in submissions.exclude(pk=late.pk))
    returned = submissions.get(status=SubmissionStatus.RETURNED)
    assert returned.organization.code == "QT-STC"
    assert "bổ sung" in returned.return_reason
    with returned.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def check_seed_001_multi_year_plan(seeds):
    m = seeds["001"]
    assert (m.organization.code, m.kind, m.document_date) == ("QT", MovementKind.THEMATIC, D(2019, 8, 16))
    assert (m.start_date.year, m.end_date.year) == (2019, 2025)
    assert m.for_collectives
    assert m.for_individuals
    codes = set(m.participants.values_list("organization__code", flat=True))
    assert len(codes) == 14
    assert "QT-SKHDT" not in codes
    reviews = {ms.kind: ms.report_deadline.year for ms in m.milestones.exclude(kind="yearly")}
    assert reviews == {"mid_term": 2022, "final": 2025}
    assert list(m.milestones.filter(kind="yearly").values_list("report_deadline__year", flat=True)) == list(
        range(2019, 2026)
    )
    texts = list(m.content_items.values_list("text", flat=True))
    assert any(t.startswith("Tập thể: ") for t in texts)
    assert any(t.startswith("Cá nhân: ") for t in texts)
    assert "BK_TINH" in m.award_codes
    # The yearly reports before the demo's year were sent (on paper, before the system) and received:
    # 14 units × 2019–2021, each dated before its deadline; later ones are the units' open work.
    early = ReportSubmission.objects.filter(milestone__movement=m, milestone__report_deadline__year__lt=2022)
    assert early.count() == 3 * 14
    assert set(early.values_list("status", flat=True)) == {SubmissionStatus.ACCEPTED}
    assert all(s.submitted_at.date() < s.milestone.report_deadline < s.reviewed_at.date() and not s.was_late
               for s in early.select_related("milestone"))
    assert not ReportSubmission.objects.filter(milestone__movement=m, milestone__report_deadline__year__gte=2022)


def check_seed_002_targets_and_phases(seeds):
    m = seeds["002"]
    assert m.organization.code == "HT-SNV"
    assert set(m.participants.values_list("organization__parent__code", flat=True)) == {"HT-SNV"}
    targets = {(t.kind, t.subject, t.award_code, t.min_rating): t.value for t in m.targets.all()}
    assert targets[("award_share", "collective", "TTLDTT", "")] == Decimal(100)
    assert targets[("award_share", "collective", "TTLDXS", "")] == Decimal(20)
    assert targets[("award_share", "individual", "CSTDCS", "")] == Decimal(15)
    assert targets[("rating_share", "individual", "", "HTTNV")] == Decimal(100)
    assert targets[("award_count", "collective", "BK_TINH", "")] == Decimal(2)
    assert targets[("award_share", "individual", "BK_TINH", "")] == Decimal(15)
    assert {t.year for t in m.targets.all()} == {2022}
    assert m.signer_name == "Phan Thị Tố Hoa"  # written with tone marks, unlike the OCR text
    assert [ms.report_deadline for ms in m.milestones.all()] == [D(2022, 7, 15), D(2022, 12, 31)]
    assert [(p.start_date, p.end_date) for p in m.phases.all()] == [
        (D(2022, 1, 1), D(2022, 6, 30)),
        (D(2022, 7, 1), D(2022, 12, 31)),
    ]


def check_seed_003_data_windows(seeds):
    m = seeds["003"]
    assert m.organization.code == "TQ-BCHQS"
    assert m.block.name == "Khối thi đua Nội chính"
    assert m.participants.count() == 7
    assert [(p.start_date, p.end_date) for p in m.phases.all()] == [
        (D(2022, 1, 1), D(2022, 5, 31)),
        (D(2022, 6, 1), D(2022, 11, 30)),
    ]
    assert [(ms.report_deadline, ms.data_from, ms.data_to) for ms in m.milestones.all()] == [
        (D(2022, 6, 15), D(2021, 12, 1), D(2022, 5, 31)),
        (D(2022, 12, 15), D(2021, 12, 1), D(2022, 11, 30)),
    ]


def check_seed_004_special_campaign(seeds):
    m = seeds["004"]
    assert (m.start_date, m.end_date) == (D(2024, 7, 1), D(2025, 7, 31))
    final = m.milestones.get(kind="final")
    assert final.report_deadline == D(2025, 8, 4)
    assert m.award_codes == ["GK", "BK_TINH", "BK_TTG"]
    assert set(m.participants.values_list("organization__parent__code", flat=True)) == {"QT-SNV"}
    assert m.participants.count() == 8
    assert {(t.kind, t.min_rating, t.value) for t in m.targets.all()} >= {("rating_share", "HTXSNV", Decimal(20))}


def check_every_movement_is_issued_and_audited(seeds):
    assert set(Movement.objects.values_list("status", flat=True)) == {MovementStatus.ISSUED}
    audited = AuditEvent.objects.filter(event_type=AuditEventType.MOVEMENT_CREATED)
    assert audited.count() == 5
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_RETURNED).count() == 1
    notes = AuditEvent.objects.filter(event_type=AuditEventType.MOVEMENT_CHANGED, extra__demo=True)
    assert notes.count() == 2  # the 2022 (seed 000) and 2019–2021 (seed 001) dates set after the services ran


# About 280 service calls, each in its own savepoint with its audit event: about 2,400 queries (the
# 42 yearly reports of 2019–2021 sent and received through the services cost about 1,000 of them).
QUERY_BUDGET = 2_700


def test_load_movements_is_quick_and_once(db):
    """The demo database is SQLite (load_demo refuses any other outside the tests), which runs in
    this process: there the load takes under 3 s of this process's time (about 1 s on an idle
    machine; the CPU time, so that other processes on a busy test machine do not count). On every
    database it stays within its query budget."""
    assert load_demo() is True
    admin = User.objects.get(username="admin")
    from tdkt.awards.models import CommendationRound

    CommendationRound.objects.filter(movement__isnull=False).delete()  # seed 004's round points at its movement
    Movement.objects.all().delete()  # if the demo loader already made them
    reverse("home")  # the URLconf's first import (seconds) is not the movements' cost
    with CaptureQueriesContext(connection) as queries:
        start = time.process_time()
        counts = load_movements(actor=admin)
        elapsed = time.process_time() - start
    assert len(queries) < QUERY_BUDGET
    if connection.vendor == "sqlite":
        assert elapsed < 3, f"load_movements took {elapsed:.1f} s"
    assert counts["movements"] == 5
    assert counts["submissions"] == 12 + 3 * 14
    assert load_movements(actor=admin) == {}


def test_report_pdf_is_accepted_as_a_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = report_pdf("Sở Nội vụ (báo cáo)")
    assert data.startswith(b"%PDF-1.4")
    assert data.rstrip().endswith(b"%%EOF")
    offset = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[offset:].startswith(b"xref")
    assert check_document(SimpleUploadedFile("a.pdf", data)).extension == ".pdf"
