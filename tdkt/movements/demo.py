"""The five seed documents (shared/seeds) as movements of the demo province.

The plans themselves are plan files (tdkt/core/demo/data/plans/, the format of
domain/plan_file.py), imported through the same service a province's office uses
(services/plan_import.py), so each part is checked and audited as real work. What those plans
set going in 2022 and before, the participation history, is still written here, through the
participation services:

- 000 Khối các cơ quan tham mưu, tổng hợp, Quảng Trị 2022: most members registered (by 15/3/2022)
  and signed the Giao ước; the sơ kết reports in every state (on time, late, returned, accepted,
  not sent).
- 001 Kế hoạch 3741/KH-UBND of UBND tỉnh Quảng Trị, 2019–2025: the departments' yearly reports of
  2019–2021, before the system, recorded as sent on time and accepted.
- 002 (Sở Nội vụ Hà Tĩnh), 003 (Khối Nội chính Tuyên Quang), 004 (Sở Nội vụ Quảng Trị's special
  campaign): the plans only.

Historical dates. The services stamp registrations, signatures and submissions with the current
time, and judge lateness against today, so through them alone every 2022 registration would be
"late" and dated today. The demo shows the 2022 story as it happened: after each service call
the row's own timestamps and the lateness they imply are set to their 2022 values with a
queryset update, the notices that a late registration waits for the head are removed for those
that were on time, and one audit event on the movement records the correction (historical demo
data, never done outside the demo).
"""

import datetime
import hashlib
import unicodedata
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

import tdkt.core.demo
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.notifications.models import Notification
from tdkt.organizations.models import Organization, Person

from .domain.plan_file import loads
from .models import (
    CovenantSignature,
    MilestoneKind,
    Movement,
    Registration,
    RegistrationStatus,
    ReportSubmission,
    SubmissionStatus,
)
from .services import participation
from .services.plan_import import plan_import

D = datetime.date

PLANS_DIR = Path(tdkt.core.demo.__file__).resolve().parent / "data" / "plans"
PLAN_FILES = {
    "000": "000_khoi_tham_muu_tong_hop_2022.json",
    "001": "001_van_hoa_cong_so_2019_2025.json",
    "002": "002_snv_ha_tinh_2022.json",
    "003": "003_khoi_noi_chinh_tuyen_quang_2022.json",
    "004": "004_snv_quang_tri_80_nam.json",
}


def _at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """A moment of the demo's past in the province's time zone."""
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, minute))


# Seed 000's participation ------------------------------------------------------------------------

# The registration table (Giao ước, part III): who registered what, and when.
CO_TINH_TARGET = "Dẫn đầu Khối các cơ quan tham mưu, tổng hợp năm 2022"
CO_CP_TARGET = "Dẫn đầu phong trào thi đua của tỉnh, đủ điều kiện đề nghị Chính phủ tặng Cờ thi đua"
REGISTERED_ON_TIME = {
    "QT-VPHDND": D(2022, 3, 10),
    "QT-VPUBND": D(2022, 3, 2),
    "QT-SXD": D(2022, 3, 11),
    "QT-SNNPTNT": D(2022, 3, 14),
    "QT-SKHDT": D(2022, 3, 9),
    "QT-STC": D(2022, 3, 8),
    "QT-SNV": D(2022, 3, 4),
    "QT-STNMT": D(2022, 3, 15),
    "QT-SGTVT": D(2022, 3, 14),
    "QT-BQLKKT": D(2022, 3, 7),
}
ALSO_CO_CP = {"QT-VPUBND", "QT-SNV", "QT-STC"}
LATE_ACCEPTED = ("QT-BQLDDCN", D(2022, 3, 18))
LATE_PENDING = ("QT-SCT", D(2022, 3, 21))
# Not registered: QT-SNGV, QT-BQLNN, QT-BQLGT.
REGISTRATION_NOTE = "Đơn vị cam kết thực hiện đầy đủ 10 nội dung Giao ước thi đua năm 2022 của Khối."

# The covenant was signed at the conference in Văn phòng UBND tỉnh; three members had not signed.
COVENANT_SIGNED_ON = D(2022, 3, 25)
COVENANT_UNSIGNED = {"QT-SGTVT", "QT-BQLNN", "QT-BQLGT"}
SIGNER_TITLES = {
    "QT-VPHDND": "Chánh Văn phòng HĐND tỉnh",
    "QT-VPUBND": "Chánh Văn phòng UBND tỉnh",
    "QT-BQLKKT": "Trưởng ban Ban Quản lý Khu Kinh tế tỉnh",
}
SEED_SIGNERS = {"QT-VPUBND": "Nguyễn Cảnh Hưng"}  # named in seed 000

# The six-month reports (deadline 30/6/2022).
SUBMITTED_ON_TIME = {
    "QT-VPHDND": D(2022, 6, 27),
    "QT-VPUBND": D(2022, 6, 23),
    "QT-SXD": D(2022, 6, 29),
    "QT-SNNPTNT": D(2022, 6, 30),
    "QT-SKHDT": D(2022, 6, 28),
    "QT-STNMT": D(2022, 6, 29),
    "QT-BQLKKT": D(2022, 6, 24),
    "QT-BQLDDCN": D(2022, 6, 30),
    "QT-BQLNN": D(2022, 6, 30),
}
ACCEPTED = ("QT-SNV", D(2022, 6, 24), D(2022, 7, 1))
RETURNED = (
    "QT-STC",
    D(2022, 6, 28),
    D(2022, 7, 4),
    "Báo cáo chưa có số liệu kết quả thực hiện 10 nội dung Giao ước thi đua và chưa có chữ ký của Thủ trưởng "
    "đơn vị; đề nghị bổ sung và gửi lại",
)
SUBMITTED_LATE = ("QT-SCT", D(2022, 7, 5))
# Not submitted: QT-SNGV, QT-SGTVT, QT-BQLGT.

# Plan 3741's yearly reports before the demo's year (2019–2021) were sent on paper before the system
# came into use, and received: the demo records them as sent on time and accepted, so that no unit's
# inbox asks in 2022 and later for a 2019 report (the open work starts with the 2022 sơ kết).
S001_REPORTED_YEARS = (2019, 2020, 2021)
S001_SENT_BEFORE = 5  # days before the deadline (30/11)
S001_ACCEPTED_AFTER = 10  # days after the deadline


# Loading -----------------------------------------------------------------------------------------


class _Loader:
    def __init__(self, actor):
        self.actor = actor
        self.orgs = {o.code: o for o in Organization.objects.all()}
        self.counts = dict.fromkeys(
            [
                "movements",
                "participants",
                "content_items",
                "covenant_items",
                "phases",
                "milestones",
                "targets",
                "tasks",
                "registrations",
                "signatures",
                "submissions",
            ],
            0,
        )

    def plan(self, seed: str) -> Movement:
        """Import the seed's plan file, as an office imports one."""
        path = PLANS_DIR / PLAN_FILES[seed]
        data = path.read_bytes()
        plan = loads(data)
        movement = plan_import(
            actor=self.actor, plan=plan, file_name=path.name, sha256=hashlib.sha256(data).hexdigest()
        )
        self.counts["movements"] += 1
        self.counts["participants"] += movement.participants.count()
        self.counts["content_items"] += len(plan.plan_contents)
        self.counts["covenant_items"] += len(plan.covenant_contents)
        self.counts["phases"] += len(plan.phases)
        self.counts["milestones"] += len(plan.milestones)
        self.counts["targets"] += len(plan.targets)
        self.counts["tasks"] += len(plan.tasks)
        return movement

    def history_note(self, movement, **corrected):
        """The one audit event that records the 2022 dates set after the services ran."""
        audit_record(
            event_type=AuditEventType.MOVEMENT_CHANGED,
            actor=self.actor,
            target=movement,
            organization=movement.organization,
            extra={"demo": True, "historical_dates": corrected},
            target_label=f"Dữ liệu demo: ngày lịch sử của {movement.title}"[:300],
        )

    # The seeds -------------------------------------------------------------------------------------

    def seed_000(self) -> Movement:
        movement = self.plan("000")
        self._registrations_000(movement)
        self._covenant_000(movement, movement.block)
        self._reports_000(movement.milestones.get(kind=MilestoneKind.MID_YEAR))
        self.history_note(
            movement,
            registered_at="03–21/3/2022",
            signed_at=f"{COVENANT_SIGNED_ON:%d/%m/%Y}",
            submitted_at="23/6–05/7/2022",
            reviewed_at="01–04/7/2022",
        )
        return movement

    def _registrations_000(self, movement):
        def register(code, day, hour, *, late):
            items = [("CO_TINH", CO_TINH_TARGET)]
            if code in ALSO_CO_CP:
                items.append(("CO_CP", CO_CP_TARGET))
            last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
            registration = participation.registration_submit(
                actor=self.actor, movement=movement, organization=self.orgs[code], items=items, note=REGISTRATION_NOTE
            )
            # The service judged lateness against today; the 2022 date decides it. A registration
            # that was on time never asked the head for approval: that notice goes.
            fields = {"registered_at": _at(day, hour, 30)}
            if not late:
                fields["status"] = RegistrationStatus.REGISTERED
                Notification.objects.filter(pk__gt=last_notice).delete()
            Registration.objects.filter(pk=registration.pk).update(**fields)
            self.counts["registrations"] += 1
            return registration

        for code, day in REGISTERED_ON_TIME.items():
            register(code, day, 9, late=False)
        code, day = LATE_ACCEPTED
        last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        registration = register(code, day, 14, late=True)
        Notification.objects.filter(pk__gt=last_notice).delete()  # decided: the head's notice is stale
        participation.registration_decide(
            actor=self.actor,
            registration=registration,
            accept=True,
            note="Chấp nhận đăng ký muộn: đơn vị có văn bản giải trình ngày 18/3/2022.",
        )
        code, day = LATE_PENDING
        register(code, day, 15, late=True)  # awaits the head, who is told

    def _covenant_000(self, movement, block):
        heads = {
            p.organization.code: p.full_name
            for p in Person.objects.filter(organization__in=self.orgs.values(), is_manager=True)
            .select_related("organization")
            .order_by("-pk")
        }
        signed = []
        for minute, membership in enumerate(block.memberships.select_related("organization").order_by("position")):
            org = membership.organization
            if org.code in COVENANT_UNSIGNED:
                continue
            title = SIGNER_TITLES.get(org.code) or f"Giám đốc {org.name}"
            name = SEED_SIGNERS.get(org.code) or heads.get(org.code, "Thủ trưởng đơn vị")
            signature = participation.covenant_record(
                actor=self.actor, movement=movement, organization=org, signer_name=name, signer_title=title
            )
            signed.append((signature.pk, _at(COVENANT_SIGNED_ON, 9, 15 + minute)))
        for pk, moment in signed:
            CovenantSignature.objects.filter(pk=pk).update(signed_at=moment)
        self.counts["signatures"] += len(signed)

    def _reports_000(self, milestone):
        def submit(code, day, *, late=False):
            org = self.orgs[code]
            upload = SimpleUploadedFile(
                f"Bao cao so ket 6 thang 2022 - {org.short_name or org.code}.pdf",
                report_pdf(f"{org.name} - Bao cao so ket phong trao thi dua 6 thang dau nam 2022"),
                content_type="application/pdf",
            )
            figures = {
                "Phong trào thi đua đã phát động": 3 + len(code) % 4,
                "Tập thể được khen thưởng": 1 + len(org.name) % 3,
                "Cá nhân được khen thưởng": 4 + len(org.name) % 7,
                "Sáng kiến được công nhận": len(code) % 3,
            }
            # Sent today for 2022: past the deadline, so confirmed as a late sending (then dated below).
            submission = participation.report_submit(
                actor=self.actor, milestone=milestone, organization=org, upload=upload, figures=figures,
                confirmed=True, reason="Dữ liệu mẫu: báo cáo năm 2022 nhập lại vào hệ thống",
            )
            # The service judged lateness against today; the 2022 date decides it.
            ReportSubmission.objects.filter(pk=submission.pk).update(
                submitted_at=_at(day, 16),
                was_late=late,
                status=SubmissionStatus.LATE if late else SubmissionStatus.SUBMITTED,
            )
            submission.refresh_from_db()
            self.counts["submissions"] += 1
            return submission

        for code, day in SUBMITTED_ON_TIME.items():
            submit(code, day)
        code, day, reviewed = ACCEPTED
        accepted = participation.report_review(actor=self.actor, submission=submit(code, day), accept=True)
        ReportSubmission.objects.filter(pk=accepted.pk).update(reviewed_at=_at(reviewed, 10))
        code, day, reviewed, reason = RETURNED
        returned = participation.report_review(
            actor=self.actor, submission=submit(code, day), accept=False, reason=reason
        )
        ReportSubmission.objects.filter(pk=returned.pk).update(reviewed_at=_at(reviewed, 10))
        code, day = SUBMITTED_LATE
        submit(code, day, late=True)

    def seed_001(self) -> Movement:
        movement = self.plan("001")
        yearly = {m.report_deadline.year: m for m in movement.milestones.filter(kind=MilestoneKind.YEARLY)}
        self._reports_001(movement, [yearly[year] for year in S001_REPORTED_YEARS])
        return movement

    def _reports_001(self, movement, milestones):
        """The yearly reports sent (on paper, before the system) and received before 2022: through
        the services, then dated; the notices of that past are removed like the registrations'."""
        last_notice = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        participants = [p.organization for p in movement.participants.select_related("organization").order_by("pk")]
        for milestone in milestones:
            sent = _at(milestone.report_deadline - datetime.timedelta(days=S001_SENT_BEFORE), 15)
            received = _at(milestone.report_deadline + datetime.timedelta(days=S001_ACCEPTED_AFTER), 10)
            for org in participants:
                upload = SimpleUploadedFile(
                    f"Bao cao van hoa cong so {milestone.report_deadline.year} - {org.short_name or org.code}.pdf",
                    report_pdf(f"{org.name} - Bao cao thuc hien van hoa cong so nam {milestone.report_deadline.year}"),
                    content_type="application/pdf",
                )
                submission = participation.report_submit(
                    actor=self.actor, milestone=milestone, organization=org, upload=upload, confirmed=True,
                    reason="Dữ liệu mẫu: báo cáo đã gửi bằng văn bản giấy, nhập lại vào hệ thống",
                )
                ReportSubmission.objects.filter(pk=submission.pk).update(
                    submitted_at=sent, was_late=False, status=SubmissionStatus.SUBMITTED)
                submission.refresh_from_db()
                participation.report_review(actor=self.actor, submission=submission, accept=True)
                ReportSubmission.objects.filter(pk=submission.pk).update(reviewed_at=received)
                self.counts["submissions"] += 1
        Notification.objects.filter(pk__gt=last_notice).delete()  # that past is no news to anyone
        self.history_note(
            movement,
            submitted_at=", ".join(f"{m.report_deadline - datetime.timedelta(days=S001_SENT_BEFORE):%d/%m/%Y}"
                                   for m in milestones),
            reviewed_at=", ".join(f"{m.report_deadline + datetime.timedelta(days=S001_ACCEPTED_AFTER):%d/%m/%Y}"
                                  for m in milestones),
        )


    def seed_002(self) -> Movement:
        return self.plan("002")

    def seed_003(self) -> Movement:
        return self.plan("003")

    def seed_004(self) -> Movement:
        return self.plan("004")


def report_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (catalog, pages, page, font, content and a correct xref table)."""
    ascii_title = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_title = "".join(c for c in ascii_title if ord(c) < 128)
    text = ascii_title.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 56 780 Td ({text}) Tj 0 -18 Td (TDKT - du lieu demo) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_movements(*, actor) -> dict:
    """Load the five seed movements once; answer how many of each thing were created (an empty
    dict when they are already there)."""
    if Movement.objects.filter(document_number="3741/KH-UBND").exists():
        return {}
    loader = _Loader(actor)
    loader.seed_000()
    loader.seed_001()
    loader.seed_002()
    loader.seed_003()
    loader.seed_004()
    return loader.counts
