"""The demo's commendation: Quảng Trị's catalogue (in force from NĐ 98/2023, 01/01/2024), the
province's council (9 members; `hoidong` holds one seat), and seed 004's campaign as a round of
Sở Nội vụ with its 04/8/2025 deadline: units "gửi hồ sơ về Hội đồng Thi đua - Khen thưởng Sở Nội vụ
(qua Văn phòng Sở)", so the round's authority is the Sở, its council is the Sở's (chaired by the
Director the seed names; the other members are the demo's own staff of the Sở), and its standing
office is the Văn phòng Sở (`vanphong_snv`, standing office on the Sở). Only the campaign's
participants file into it (services.dossiers.takes_part); the Bằng khen of the Chairman, the Minister
and the Prime Minister it proposes are forwarded upward, as the seed says.

One dossier of the 2024 regular round was decided (Giấy khen of the Director of Sở Nội vụ for three
officers of the Văn phòng Sở), so the public pages and the records show a real decision; its
documents are generated when first opened.

Local rules set as data (a province may be stricter, Luật TĐKT Arts. 74(6), 75(2)): the council votes
on Bằng khen of the Chairman (at least half of all members) and its list is published for 5 working days.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tdkt.movements.models import Movement
from tdkt.notifications.models import Notification
from tdkt.notifications.services import notify, users_of
from tdkt.organizations.models import Organization, Person
from tdkt.records.models import HonourRecord

from .domain.money import reward_amount
from .domain.workflow import State
from .models import (
    Appraisal,
    Attachment,
    Awardee,
    AwardForm,
    CommendationRound,
    Council,
    CouncilMember,
    Decision,
    Dossier,
    Nominee,
    Transition,
)
from .notices import handover_notify
from .services.dossiers import form_on
from .services.fund import fund_set
from .services.law_catalogue import catalogue_install_law

D = datetime.date
COMPONENTS = [
    {"code": "to_trinh", "label": "Tờ trình hoặc văn bản đề nghị khen thưởng", "required": True},
    {"code": "bien_ban", "label": "Biên bản họp bình xét khen thưởng", "required": True},
    {"code": "bao_cao", "label": "Báo cáo thành tích (Mẫu số 08, Phụ lục I, Nghị định 98/2023/NĐ-CP)",
     "required": True},
]
LEGAL = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định số 98/2023/NĐ-CP"
COUNCIL = [
    ("Trần Quang Vinh", "Phó Chủ tịch Hội đồng"),
    ("Võ Văn Hưng", "Chủ tịch Hội đồng"),
    ("Hà Sỹ Đồng", "Phó Chủ tịch Hội đồng"),
    ("Nguyễn Chiến Thắng", "Phó Chủ tịch Thường trực Hội đồng"),
    ("Lê Minh Tuấn", "Ủy viên"),
    ("Phan Thị Hằng", "Ủy viên"),
    ("Đoàn Văn Phước", "Ủy viên"),
    ("Trương Thị Hồng Hạnh", "Ủy viên"),
    ("Nguyễn Hữu Thăng", "Ủy viên"),
]


# The council of Sở Nội vụ (seed 004, V.1–2). The seed names only the Director (Ngô Quang Chiền); the
# other seats go to the heads of the Sở's units in the demo (invented names, marked as demo data).
SNV_COUNCIL = [
    (None, "Ngô Quang Chiền", "Chủ tịch Hội đồng — Giám đốc Sở Nội vụ"),
    ("QT-SNV-VP", None, "Phó Chủ tịch Thường trực Hội đồng — Chánh Văn phòng Sở (dữ liệu demo)"),
    ("QT-SNV-TDKT", None, "Ủy viên — Trưởng ban Thi đua - Khen thưởng (dữ liệu demo)"),
    ("QT-SNV-TCBC", None, "Ủy viên — Trưởng phòng Tổ chức, biên chế và tổ chức phi chính phủ (dữ liệu demo)"),
    ("QT-SNV-CCVC", None, "Ủy viên — Trưởng phòng Công chức, viên chức (dữ liệu demo)"),
    ("QT-SNV-CCHC", None, "Ủy viên — Trưởng phòng Cải cách hành chính (dữ liệu demo)"),
    ("QT-SNV-TTR", None, "Ủy viên — Chánh Thanh tra Sở (dữ liệu demo)"),
]


def _snv_council(orgs) -> Council:
    council = Council.objects.create(authority=orgs["QT-SNV"], name="Hội đồng Thi đua - Khen thưởng Sở Nội vụ")
    for code, name, position in SNV_COUNCIL:
        if name is None:
            head = Person.objects.filter(organization=orgs[code], is_manager=True).order_by("pk").first()
            name = head.full_name if head else f"Thủ trưởng {orgs[code].name}"
        CouncilMember.objects.create(council=council, full_name=name, position=position)
    return council


def _catalogue(orgs) -> dict[str, AwardForm]:
    snv, qt = orgs["QT-SNV"], orgs["QT"]
    specs = [
        dict(code="GK_GD_SNV", name="Giấy khen của Giám đốc Sở Nội vụ", certificate_title="GIẤY KHEN",
             record_code="GK", issuer=snv, level="department", decider_title="GIÁM ĐỐC SỞ NỘI VỤ", copies=2,
             coefficient_individual=Decimal("0.3"), coefficient_collective=Decimal("0.6"),
             legal_ref="Luật TĐKT 2022, Điều 75; Nghị định 98/2023, Điều 55"),
        dict(code="BK_CT_UBND", name="Bằng khen của Chủ tịch UBND tỉnh", certificate_title="BẰNG KHEN",
             record_code="BK_TINH", issuer=qt, level="province", decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
             copies=3, needs_ballot=True, ballot_threshold=Decimal(50), needs_notice=True, notice_working_days=5,
             coefficient_individual=Decimal("1.5"), coefficient_collective=Decimal("3.0"),
             legal_ref="Luật TĐKT 2022, Điều 74; Quy chế TĐKT tỉnh (biểu quyết, công khai)"),
        dict(code="CSTDCS", name="Danh hiệu Chiến sĩ thi đua cơ sở", certificate_title="GIẤY CHỨNG NHẬN",
             record_code="CSTDCS", issuer=snv, level="department", decider_title="GIÁM ĐỐC SỞ NỘI VỤ",
             for_collective=False, needs_ballot=True, ballot_threshold=Decimal(80), copies=2,
             coefficient_individual=Decimal("1.0"), legal_ref="Luật TĐKT 2022, Điều 23; Nghị định 98/2023, Điều 30"),
        dict(code="CSTD_TINH", name="Danh hiệu Chiến sĩ thi đua cấp tỉnh", certificate_title="BẰNG CHỨNG NHẬN",
             record_code="CSTD_TINH", issuer=qt, level="province", decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
             for_collective=False, needs_ballot=True, ballot_threshold=Decimal(90), copies=3,
             coefficient_individual=Decimal("3.0"), legal_ref="Luật TĐKT 2022, Điều 22"),
        dict(code="CO_TINH", name="Cờ thi đua của UBND tỉnh", certificate_title="CỜ THI ĐUA",
             record_code="CO_TINH", issuer=qt, level="province", decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
             for_individual=False, needs_ballot=True, ballot_threshold=Decimal(80), copies=3,
             coefficient_collective=Decimal("8.0"), legal_ref="Luật TĐKT 2022, Điều 26"),
        dict(code="BK_BT_BNV", name="Bằng khen của Bộ trưởng Bộ Nội vụ", certificate_title="BẰNG KHEN",
             record_code="BK_TINH", issuer=None, level="central", decider_title="BỘ TRƯỞNG BỘ NỘI VỤ", copies=4,
             coefficient_individual=Decimal("1.5"), coefficient_collective=Decimal("3.0"),
             legal_ref="Luật TĐKT 2022, Điều 74"),
        dict(code="BK_TTG", name="Bằng khen của Thủ tướng Chính phủ", certificate_title="BẰNG KHEN",
             record_code="BK_TTG", issuer=None, level="central", decider_title="THỦ TƯỚNG CHÍNH PHỦ", copies=4,
             coefficient_individual=Decimal("3.5"), coefficient_collective=Decimal("7.0"),
             legal_ref="Luật TĐKT 2022, Điều 73"),
    ]
    return {
        spec["code"]: AwardForm.objects.create(components=COMPONENTS, effective_from=D(2024, 1, 1), **spec)
        for spec in specs
    }


def _decided_dossier(actor, orgs, forms, regular) -> Decision:
    unit = orgs["QT-SNV-VP"]
    people = list(Person.objects.filter(organization=unit).order_by("pk")[:3])
    dossier = Dossier.objects.create(round=regular, organization=unit, state=State.DECIDED, created_by=actor,
                                     title="Tờ trình đề nghị tặng Giấy khen năm 2024 — Văn phòng Sở Nội vụ",
                                     proposal_number="15/TTr-VP", submitted_at=_at(D(2024, 12, 5)))
    for step, (source, target, day) in enumerate([
        ("draft", "submitted", D(2024, 12, 5)), ("submitted", "received", D(2024, 12, 9)),
        ("received", "appraised", D(2024, 12, 16)), ("appraised", "awaiting_decision", D(2024, 12, 17)),
        ("awaiting_decision", "decided", D(2024, 12, 27)),
    ]):
        transition = Transition.objects.create(dossier=dossier, action=["submit", "receive", "appraise",
                                                                          "send_for_decision", "decide"][step],
                                               from_state=source, to_state=target, actor=actor)
        Transition.objects.filter(pk=transition.pk).update(at=_at(day))
    decision = Decision.objects.create(
        issuer=orgs["QT-SNV"], dossier=dossier, number=312, symbol="QĐ-SNV", year=2024, date=D(2024, 12, 27),
        subject="Về việc tặng Giấy khen của Giám đốc Sở Nội vụ năm 2024", signer_name="Ngô Quang Chiền",
        signer_title="GIÁM ĐỐC", legal_bases=f"Căn cứ {LEGAL};", created_by=actor,
    )
    form = forms["GK_GD_SNV"]
    for number, person in enumerate(people, start=1):
        nominee = Nominee.objects.create(dossier=dossier, person=person, award=form, appraisal=Appraisal.ACCEPTED,
                                         achievement="Hoàn thành xuất sắc nhiệm vụ năm 2024", position=number)
        record = HonourRecord.objects.create(person=person, code="GK", year=2024, decision_number=decision.reference,
                                             decision_date=decision.date, issuer=orgs["QT-SNV"].name)
        awardee = Awardee(decision=decision, nominee=nominee, award=form, name=person.full_name,
                          position=person.position or "", organization_name=unit.name, golden_book_number=number,
                          amount=reward_amount(form.coefficient_individual, decision.date), honour_record=record)
        awardee.refresh_search_text()
        awardee.save()
    decision.refresh_search_text()
    decision.save(update_fields=["search_text"])
    return decision


def _sign_decided(actor, decision: Decision) -> None:
    """312/QĐ-SNV as issued today would be: its PDF signed by Sở Nội vụ's demo certificate (made now in
    var/demo-pki/, tdkt.signing.demo), so that its signature checks against the demo's root. Without
    LibreOffice the decision keeps no file (generated unsigned on first download, as before)."""
    from tdkt.documents.generation import DocumentError
    from tdkt.signing.demo import ensure_demo_pki

    from .documents import decision_files
    from .services.decisions import decision_sign

    ensure_demo_pki([decision.issuer])
    try:
        docx, pdf = decision_files(decision)
    except DocumentError:
        return
    pdf = decision_sign(actor=actor, decision=decision, pdf=pdf)
    stem = f"quyet-dinh-{decision.number}-{decision.year}"
    decision.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    decision.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    decision.save(update_fields=["docx", "pdf", "signed_at", "signature_subject", "signature_serial"])


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


REGULAR_2025_FORMS = ("GK_GD_SNV", "BK_CT_UBND", "BK_BT_BNV", "BK_TTG", "CSTD_TINH", "CO_TINH")


def _fund(actor, orgs) -> None:
    """Sở Nội vụ's award fund: 2024 (312/QĐ-SNV drew 2.130.000 đồng from it) and the current year."""
    from django.utils import timezone

    for year, allocation in ((2024, 50_000_000), (timezone.localdate().year, 20_000_000)):
        fund_set(actor=actor, issuer=orgs["QT-SNV"], year=year, allocation=allocation,
                 note="Dự toán kinh phí khen thưởng (dữ liệu demo)")


def load_awards(*, actor) -> dict:
    if AwardForm.objects.exists():
        return {}
    orgs = {o.code: o for o in Organization.objects.filter(code__startswith="QT")}
    forms = _catalogue(orgs)
    council = Council.objects.create(authority=orgs["QT"], name="Hội đồng Thi đua - Khen thưởng tỉnh Quảng Trị")
    from tdkt.accounts.models import User

    seat_holder = User.objects.filter(username="hoidong").first()
    for index, (name, position) in enumerate(COUNCIL):
        CouncilMember.objects.create(council=council, user=seat_holder if index == 0 else None, full_name=name,
                                     position=position)
    _snv_council(orgs)
    movement = Movement.objects.filter(organization__code="QT-SNV", kind="special").first()
    campaign = CommendationRound.objects.create(
        authority=orgs["QT-SNV"], kind="movement", movement=movement, year=2025, deadline=D(2025, 8, 4),
        title="Khen thưởng tổng kết đợt thi đua đặc biệt Kỷ niệm 80 năm Ngày truyền thống ngành Tổ chức nhà nước",
        created_by=actor,
    )
    campaign.forms.set([forms[c] for c in ("GK_GD_SNV", "BK_CT_UBND", "BK_BT_BNV", "BK_TTG")])
    regular = CommendationRound.objects.create(authority=orgs["QT"], kind="regular", year=2024,
                                               deadline=D(2024, 12, 10), created_by=actor, is_open=False,
                                               title="Khen thưởng thường xuyên năm 2024")
    decision = _decided_dossier(actor, orgs, forms, regular)
    _sign_decided(actor, decision)
    waiting = _waiting_dossiers(actor, orgs, forms)
    # The rest of the law's catalogue, and the province's forms carried into the 2025 regime.
    catalogue_install_law(actor=actor, province=orgs["QT"])
    # Each province of the demo has its own provincial rows (Cờ thi đua, Bằng khen of its chair…).
    for code in ("HT", "TQ"):
        province = Organization.objects.filter(code=code, parent__isnull=True).first()
        if province is not None:
            catalogue_install_law(actor=actor, province=province, suffix=f"_{code}")
    # The province's regular round of 2025, open: every unit files its year's proposals to the
    # province's council through Sở Nội vụ, before 10/12 as provinces set it (LAW.md F5).
    regular_2025 = CommendationRound.objects.create(authority=orgs["QT"], kind="regular", year=2025,
                                                    deadline=D(2025, 12, 10), created_by=actor,
                                                    title="Khen thưởng thường xuyên năm 2025")
    regular_2025.forms.set([form_on(code, D(2025, 12, 10)) for code in REGULAR_2025_FORMS])
    _fund(actor, orgs)
    return {"forms": len(forms), "rounds": 4, "decisions": 1, "awardees": decision.awardees.count(),
            "waiting": waiting}


# Dossiers of a sudden round that wait at each step of the receiving side, so the standing office,
# the council member and the approver of the demo each find work in their inbox ("Việc cần làm").
WAITING = [
    # (unit, state, form, title, sent on)
    ("QT-SGTVT", State.SUBMITTED, "GK_GD_SNV", "Tờ trình đề nghị khen thưởng đột xuất — Sở Giao thông Vận tải",
     D(2025, 9, 8)),
    ("QT-SNV-TCBC", State.VOTING, "BK_CT_UBND", "Tờ trình đề nghị tặng Bằng khen — Phòng Tổ chức, biên chế",
     D(2025, 9, 2)),
    ("QT-SNV-CCVC", State.AWAITING_DECISION, "GK_GD_SNV", "Tờ trình đề nghị tặng Giấy khen — Phòng Công chức, "
     "viên chức", D(2025, 8, 28)),
]
STEPS = {  # the path to each waiting state: (action, from, to)
    State.SUBMITTED: [("submit", "draft", "submitted")],
    State.VOTING: [("submit", "draft", "submitted"), ("receive", "submitted", "received"),
                   ("appraise", "received", "appraised"), ("open_vote", "appraised", "voting")],
    State.AWAITING_DECISION: [("submit", "draft", "submitted"), ("receive", "submitted", "received"),
                              ("appraise", "received", "appraised"),
                              ("send_for_decision", "appraised", "awaiting_decision")],
}


def _waiting_dossiers(actor, orgs, forms) -> int:
    sudden = CommendationRound.objects.create(
        authority=orgs["QT"], kind="sudden", year=2025, created_by=actor,
        title="Khen thưởng đột xuất năm 2025 (thành tích phòng, chống thiên tai)",
    )
    sudden.forms.set([forms["GK_GD_SNV"], forms["BK_CT_UBND"]])
    for code, state, form_code, title, sent in WAITING:
        unit = orgs[code]
        dossier = Dossier.objects.create(round=sudden, organization=unit, state=state, created_by=actor, title=title,
                                         submitted_at=_at(sent))
        appraisal = Appraisal.PENDING if state == State.SUBMITTED else Appraisal.ACCEPTED
        for number, person in enumerate(Person.objects.filter(organization=unit).order_by("pk")[:2], start=1):
            Nominee.objects.create(dossier=dossier, person=person, award=forms[form_code], appraisal=appraisal,
                                   eligible=True, position=number,
                                   achievement="Có thành tích xuất sắc trong phòng, chống thiên tai năm 2025")
        _attach_required(dossier, forms[form_code], actor)
        for step, (action, source, target) in enumerate(STEPS[state]):
            transition = Transition.objects.create(dossier=dossier, action=action, from_state=source,
                                                   to_state=target, actor=actor)
            Transition.objects.filter(pk=transition.pk).update(at=_at(sent + datetime.timedelta(days=step)))
        # Whoever must act next was told when the dossier reached them, as a live hand-over does, so
        # the bell and "Thông báo" agree with the inbox on a fresh demo.
        last = _at(sent + datetime.timedelta(days=step))
        _told(lambda d=dossier, a=action: handover_notify(d, a), at=last)
        Dossier.objects.filter(pk=dossier.pk).update(updated_at=last)  # "chờ từ" in the inbox: since this step
    _before_the_leader(sudden, orgs, forms)
    return len(WAITING) + 1


# A PDF of one blank page: enough for a component the checklist counts and a download that opens.
BLANK_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _attach_required(dossier: Dossier, form: AwardForm, uploader) -> None:
    """A blank PDF for each required component, so a dossier past the unit is not shown missing them;
    each checked for signatures as an upload is. A Phòng of Sở Nội vụ sends its tờ trình signed with
    the Sở's demo certificate (issue 15.2: the dossier shows "Chữ ký hợp lệ")."""
    from tdkt.signing.services import verify_pdf

    for component in (c for c in form.components if c.get("required")):
        data = BLANK_PDF
        if component["code"] == "to_trinh" and dossier.organization.code.startswith("QT-SNV-"):
            data = _signed_proposal(dossier, uploader) or BLANK_PDF
        attachment = Attachment(dossier=dossier, component=component["code"], original_name=f"{component['code']}.pdf",
                                content_type="application/pdf", size=len(data), uploaded_by=uploader,
                                signatures=verify_pdf(data).as_dict())
        attachment.file.save(f"{component['code']}.pdf", ContentFile(data), save=False)
        attachment.save()


def _signed_proposal(dossier: Dossier, actor) -> bytes | None:
    """The dossier's tờ trình, one page, signed by Sở Nội vụ's demo signer (None without one)."""
    from django.utils.html import escape
    from weasyprint import HTML

    from tdkt.signing.demo import ensure_demo_pki
    from tdkt.signing.services import sign_pdf
    from tdkt.signing.signers import SigningError

    snv = Organization.objects.get(code="QT-SNV")
    ensure_demo_pki([snv])
    head = Person.objects.filter(organization=dossier.organization, is_manager=True).order_by("pk").first()
    name = head.full_name if head else "Trưởng phòng"
    html = (f'<html lang="vi"><meta charset="utf-8"><body style="font-family: \'Liberation Serif\'; font-size: 13pt">'
            f"<p><b>{escape(dossier.organization.name.upper())}</b></p><h1 style='text-align:center;font-size:14pt'>"
            f"TỜ TRÌNH</h1><p style='text-align:center'>{escape(dossier.title)}</p>"
            "<div style='margin-left:55%;text-align:center;margin-top:120pt'><b>TRƯỞNG PHÒNG</b>"
            f"<div style='height:64pt'></div><b>{escape(name)}</b></div></body></html>")
    try:
        return sign_pdf(actor=actor, pdf=HTML(string=html).write_pdf(), organization=snv, signer_name=name,
                        signer_title="TRƯỞNG PHÒNG", reason="Tờ trình đề nghị khen thưởng")
    except SigningError:
        return None


def _told(send, *, at: datetime.datetime) -> None:
    """Send the notices of a hand-over the demo recorded, dated when it happened."""
    before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    send()
    Notification.objects.filter(pk__gt=before).update(created_at=at)


def _before_the_leader(sudden, orgs, forms) -> Dossier:
    """Sở Tài chính's dossier that `canbo` prepared (two nominees, every required component) and put
    before `lanhdao`, so the leader's sign-off shows on a fresh demo: the leader's inbox, the summary
    ("Ký duyệt và gửi" or "Trả lại cán bộ")."""
    from tdkt.accounts.models import User

    unit, form = orgs["QT-STC"], forms["BK_CT_UBND"]
    officer = User.objects.filter(username="canbo").first()
    day = D(2025, 9, 10)
    dossier = Dossier.objects.create(
        round=sudden, organization=unit, state=State.AWAITING_SIGNOFF, created_by=officer, proposal_number="42/TTr-STC",
        title="Tờ trình đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh — Sở Tài chính (phòng, chống thiên tai)",
    )
    people = Person.objects.filter(organization__path__startswith=unit.path).order_by("pk")[:2]
    for number, person in enumerate(people, start=1):
        Nominee.objects.create(dossier=dossier, person=person, award=form, eligible=True, position=number,
                               achievement="Bảo đảm kinh phí kịp thời cho công tác phòng, chống thiên tai năm 2025")
    _attach_required(dossier, form, officer)
    transition = Transition.objects.create(dossier=dossier, action="request_signoff", from_state=State.DRAFT,
                                           to_state=State.AWAITING_SIGNOFF, actor=officer)
    Transition.objects.filter(pk=transition.pk).update(at=_at(day))
    name = officer.get_full_name() if officer else ""
    _told(lambda: notify(users_of(unit, roles=("unit_leader",)), url=reverse("awards:dossier", args=[dossier.pk]),
                         text=f"Hồ sơ “{dossier}” chờ lãnh đạo ký duyệt (trình bởi {name})."), at=_at(day))
    Dossier.objects.filter(pk=dossier.pk).update(created_at=_at(day - datetime.timedelta(days=2)), updated_at=_at(day))
    return dossier
