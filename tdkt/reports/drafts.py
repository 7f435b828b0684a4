"""The consolidated report drafts of issue 14.3, as DOCX through the documents' template mechanism
(``tdkt.documents.generation``: the shipped templates in tdkt/documents/docx_templates/, a clerk's own
under document_templates/ in the file storage):

    bao-cao-tong-hop-khoi          a milestone's summary by the block head (movement of a block)
    bao-cao-tong-hop-thuong-truc   a milestone's summary by the standing office (any other movement)
    bao-cao-tong-ket-nam           the yearly Báo cáo tổng kết công tác thi đua, khen thưởng năm N

Every figure is a grouped query (COUNT … GROUP BY), never a loop over people; the legal acts cited
are those in force on the report's date (``tdkt.rules.domain.legal_bases``), and the level of a
title or form is the catalogue's version in force on that date (``law_catalogue``).

Variables of the milestone reports (besides header, issuer_name, signer, recipients, bases as in
the plans — see tdkt/documents/generation.py):

    report_title                the heading under BÁO CÁO
    movement.title_lower        the plan's subject, to write after "Kế hoạch"
    milestone.name_lower, milestone.deadline
    participants                names of the participating units (the head's order)
    registrations.registered, .missing (names); .on_time, .late (counts)
    reports.counted, .on_time, .late (counts); .on_time_units, .late_units, .missing (names)
    figures                     label, total, units: the figures units sent, added up
    scoring.note, scoring.rows  rank, name, total, band (the block's published ranking)
    proposals.rows              name, dossiers, individuals, collectives; and their totals
    awards.rows                 name, individuals, collectives; .decisions and the totals

Variables of the yearly report: year, next_year, scope_name, data_to; movements (rows by scope:
label, regular, thematic, special, total, and the totals); participation (participants, on_time,
late, missing); punctuality (milestones, expected, on_time, late, missing); honours (rows: label,
level, individuals, collectives, total; levels: label and the same counts; the totals); dossiers
(total, decided, pending, mean_days, median_days, returns, returned, reasons).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from tdkt.awards.documents import place_of
from tdkt.awards.domain.law_catalogue import BY_CODE
from tdkt.awards.domain.workflow import FINAL, State
from tdkt.awards.models import Awardee, Dossier
from tdkt.core.domain.numbers import format_number
from tdkt.documents.generation import (
    clean,
    date_long,
    date_short,
    lines,
    lower_first,
    plan_subject,
    upper_vi,
    without_bullet,
)
from tdkt.movements.models import Milestone, Participant, Registration, RegistrationStatus, ReportSubmission
from tdkt.movements.views.participation_reports import milestone_summary
from tdkt.organizations.models import Organization
from tdkt.records.domain.codes import honour_label
from tdkt.rules.domain.legal_bases import legal_bases_on
from tdkt.scoring.models import ScoringRound
from tdkt.scoring.selectors import current_result
from tdkt.stats import selectors as stats
from tdkt.stats.selectors import StatsFilters

from .selectors import _movements

BLOCK_KIND = "bao-cao-tong-hop-khoi"
OFFICE_KIND = "bao-cao-tong-hop-thuong-truc"
YEARLY_KIND = "bao-cao-tong-ket-nam"

REGISTERED_ON_TIME = (RegistrationStatus.REGISTERED,)
REGISTERED_LATE = (RegistrationStatus.ACCEPTED_LATE, RegistrationStatus.LATE_PENDING)
REPORT_DONE = ("submitted", "late", "accepted")
COMPILING_DAYS = 30  # a milestone's summary is dated at most this long after its report deadline
LEVEL_LABELS = {
    "central": "Khen thưởng cấp Nhà nước",
    "province": "Khen thưởng cấp tỉnh",
    "department": "Khen thưởng cấp sở, ban, ngành, địa phương",
    "unit": "Khen thưởng cấp cơ sở",
}
LEVEL_SHORT = {"central": "Nhà nước", "province": "Tỉnh", "department": "Sở, ngành", "unit": "Cơ sở"}
LEVEL_ORDER = ("central", "province", "department", "unit")
SCOPE_LABELS = {
    "local": "Do tỉnh phát động",
    "block": "Khối, cụm thi đua",
    "unit": "Cơ quan, đơn vị, địa phương",
}


def n(value) -> str:
    """A count or total as Vietnamese write it ("1.234")."""
    return format_number(value or 0)


def bases(day: datetime.date) -> list[str]:
    """The law and the decree in force on ``day`` ("Căn cứ Luật …;", "Căn cứ Nghị định …;")."""
    legal = legal_bases_on(day)
    return [legal.law_line(), f"Căn cứ {legal.decree.citation()};"]


def _report_symbol(plan_number: str) -> str:
    """ "01/KH-KTĐ" → "      /BC-KTĐ": the report's number is the văn thư's, its symbol the issuer's."""
    symbol = plan_number.split("/", 1)[1] if "/" in plan_number else ""
    issuer = symbol.split("-", 1)[1] if "-" in symbol else ""
    return f"        /BC-{issuer}" if issuer else "        /BC"


def _names(orgs) -> list[str]:
    return [clean(o.name) for o in orgs]


# -- a milestone ----------------------------------------------------------------------------------


MILESTONE_KINDS = {"khoi": BLOCK_KIND, "thuong-truc": OFFICE_KIND}


def milestone_kind(movement, asked: str | None = None) -> str | None:
    """The block head's report for a block's movement, the standing office's otherwise; ``asked``
    ("khoi", "thuong-truc") chooses — the office may sum up a block's movement too. None: no such
    report (a block's report of a movement without a block, or an unknown choice)."""
    if not asked:
        return BLOCK_KIND if movement.block_id else OFFICE_KIND
    kind = MILESTONE_KINDS.get(asked)
    return None if kind is None or (kind == BLOCK_KIND and not movement.block_id) else kind


def milestone_date(milestone, today: datetime.date | None = None) -> datetime.date:
    """The report's date: today, but no later than a month after the report deadline — a summary of an
    old milestone drafted now is dated as it would have been issued (and cites the law of that time)."""
    today = today or timezone.localdate()
    return min(today, milestone.report_deadline + datetime.timedelta(days=COMPILING_DAYS))


def _registrations(movement, participants) -> dict:
    ids = [o.pk for o in participants]
    status = dict(Registration.objects.filter(movement=movement, organization_id__in=ids)
                  .values_list("organization_id", "status"))
    done = (*REGISTERED_ON_TIME, *REGISTERED_LATE)
    return {
        "registered": [clean(o.name) for o in participants if status.get(o.pk) in done],
        "missing": [clean(o.name) for o in participants if status.get(o.pk) not in done],
        "on_time": sum(1 for s in status.values() if s in REGISTERED_ON_TIME),
        "late": sum(1 for s in status.values() if s in REGISTERED_LATE),
    }


def _scoring(movement) -> dict:
    if not movement.block_id:
        return {"note": "Phong trào thi đua không tổ chức chấm điểm, xếp hạng.", "rows": []}
    scoring_round = ScoringRound.objects.filter(block_id=movement.block_id).first()
    if scoring_round is None:
        return {"note": "Khối, cụm thi đua chưa tổ chức chấm điểm, xếp hạng.", "rows": []}
    result = current_result(scoring_round)
    if result is None:
        return {"note": "Kết quả chấm điểm, xếp hạng chưa được công bố.", "rows": []}
    rows = [
        {"rank": str(row.rank) if row.rank else "", "name": clean(row.organization.name),
         "total": format_number(row.final_total) if row.final_total is not None else "", "band": clean(row.band)}
        for row in result.rows.select_related("organization").order_by("position")
    ]
    published = date_short(timezone.localtime(result.published_at).date())
    return {"note": f"Kết quả chấm điểm, xếp hạng (công bố ngày {published}):", "rows": rows}


def _proposals(movement) -> dict:
    """Dossiers sent in the movement's rounds (not drafts, not the copies forwarded upwards), per unit."""
    dossiers = (Dossier.objects.filter(round__movement=movement, upstream__isnull=True)
                .exclude(state__in=(State.DRAFT, State.AWAITING_SIGNOFF)))
    rows = list(
        dossiers.order_by().values("organization__name")
        .annotate(dossiers=Count("pk", distinct=True),
                  individuals=Count("nominees", filter=Q(nominees__person__isnull=False)),
                  collectives=Count("nominees", filter=Q(nominees__collective__isnull=False)))
        .order_by("organization__name")
    )
    return {
        "rows": [{"name": clean(r["organization__name"]), "dossiers": n(r["dossiers"]),
                  "individuals": n(r["individuals"]), "collectives": n(r["collectives"])} for r in rows],
        "dossiers": n(sum(r["dossiers"] for r in rows)),
        "individuals": n(sum(r["individuals"] for r in rows)),
        "collectives": n(sum(r["collectives"] for r in rows)),
    }


def _awards(movement) -> dict:
    awardees = Awardee.objects.filter(decision__dossier__round__movement=movement, decision__revoked_on__isnull=True)
    rows = list(
        awardees.order_by().values("award__name")
        .annotate(individuals=Count("pk", filter=Q(is_collective=False)),
                  collectives=Count("pk", filter=Q(is_collective=True)))
        .order_by("award__name")
    )
    return {
        "rows": [{"name": clean(r["award__name"]), "individuals": n(r["individuals"]),
                  "collectives": n(r["collectives"])} for r in rows],
        "decisions": n(awardees.order_by().values("decision_id").distinct().count()),
        "individuals": n(sum(r["individuals"] for r in rows)),
        "collectives": n(sum(r["collectives"] for r in rows)),
    }


def milestone_context(user, movement, milestone, *, kind: str | None = None,
                      today: datetime.date | None = None) -> dict:
    """The summary of ``milestone`` as the user's milestone summary page shows it, with the
    registrations, the block's ranking, the proposals and the awards of the movement."""
    day = milestone_date(milestone, today)
    summary, participants, submissions = milestone_summary(user, movement, milestone)
    counted = [o for o in participants if o not in summary.owing]
    kind = kind or milestone_kind(movement)
    block = movement.block if kind == BLOCK_KIND else None
    if block is not None:
        parent, issuer = block.organizer.name, block.name
        place = clean(movement.place) or place_of(block.organizer)
        number = _report_symbol(clean(movement.document_number))
        title_lines = [upper_vi(line) for line in lines(movement.signer_title)] or ["TRƯỞNG KHỐI"]
        signer_name = clean(movement.signer_name)
    else:
        office = user.organization if getattr(user, "organization", None) is not None else movement.organization
        parent = office.parent.name if office.parent_id else ""
        issuer = office.name
        place = place_of(office)
        number = "        /BC"
        title_lines, signer_name = ["THỦ TRƯỞNG CƠ QUAN"], ""
    plan_number = clean(movement.document_number)
    return {
        "header": {
            "parent": upper_vi(parent),
            "issuer": upper_vi(issuer),
            "number": number,
            "plan_reference": (
                f" số {plan_number}" + (f" ngày {date_short(movement.document_date)}" if movement.document_date else "")
                if plan_number else ""
            ),
            "place_date": f"{place or '…………'}, {date_long(day)}",
        },
        "issuer_name": clean(issuer),
        "bases": bases(day),
        "report_title": (f"Tổng hợp kết quả {lower_first(clean(milestone.name))} thực hiện Kế hoạch "
                         f"{lower_first(plan_subject(clean(movement.title)))}"),
        "movement": {"title": clean(movement.title), "title_lower": lower_first(plan_subject(clean(movement.title)))},
        "milestone": {"name": clean(milestone.name), "name_lower": lower_first(clean(milestone.name)),
                      "deadline": date_short(milestone.report_deadline)},
        "participants": _names(participants),
        "registrations": _registrations(movement, participants),
        "reports": {
            "counted": summary.counted, "on_time": summary.on_time, "late": summary.late,
            "on_time_units": _names(o for o in counted if not submissions[o.pk].was_late),
            "late_units": _names(o for o in counted if submissions[o.pk].was_late),
            "missing": _names(summary.owing),
        },
        "figures": [{"label": clean(f.label), "total": n(f.total), "units": f.units} for f in summary.figures],
        "scoring": _scoring(movement),
        "proposals": _proposals(movement),
        "awards": _awards(movement),
        "signer": {"title_lines": title_lines, "name": signer_name},
        "recipients": ["Thường trực Hội đồng Thi đua - Khen thưởng tỉnh;", "Các đơn vị tham gia;", "Lưu: VT."]
        if block is not None else ["Hội đồng Thi đua - Khen thưởng tỉnh;", "Các đơn vị tham gia;", "Lưu: VT."],
    }


# -- the year -------------------------------------------------------------------------------------


def yearly_date(year: int, today: datetime.date | None = None) -> datetime.date:
    """The report's date: today, but no later than 31/12 of the year (so a 2024 report drafted in 2026
    cites the acts of 2024, not Nghị định 152/2025)."""
    today = today or timezone.localdate()
    return min(today, datetime.date(year, 12, 31))


def _level(code: str, day: datetime.date) -> str:
    law = BY_CODE.get(code)
    if law is None or not law.versions:
        return "unit"
    version = law.on(day) or (law.versions[0] if day < law.versions[0].effective_from else law.versions[-1])
    return version.level


def _movement_rows(year: int, organization) -> dict:
    qs, _dims = _movements(year, organization, None)
    grouped = qs.order_by().values("d_scope", "kind").annotate(c=Count("pk"))
    rows = {key: {"label": label, "regular": 0, "thematic": 0, "special": 0} for key, label in SCOPE_LABELS.items()}
    for g in grouped:
        rows[g["d_scope"]][g["kind"]] += g["c"]
    out = [{**r, "total": r["regular"] + r["thematic"] + r["special"]} for r in rows.values()]
    out = [r for r in out if r["total"]]
    totals = {k: sum(r[k] for r in out) for k in ("regular", "thematic", "special", "total")}
    return {"rows": [{k: (n(v) if k != "label" else v) for k, v in r.items()} for r in out],
            **{k: n(v) for k, v in totals.items()}, "ids": qs.values("pk")}


def _participation(movement_ids, organization) -> dict:
    path = organization.path
    participants = Participant.objects.filter(movement_id__in=movement_ids, organization__path__startswith=path)
    total = participants.count()
    regs = Registration.objects.filter(movement_id__in=movement_ids, organization__path__startswith=path).aggregate(
        on_time=Count("pk", filter=Q(status__in=REGISTERED_ON_TIME)),
        late=Count("pk", filter=Q(status__in=REGISTERED_LATE)))
    return {"participants": n(total), "on_time": n(regs["on_time"]), "late": n(regs["late"]),
            "missing": n(max(total - regs["on_time"] - regs["late"], 0))}


def _punctuality(movement_ids, organization, year: int) -> dict:
    path = organization.path
    milestones = Milestone.objects.filter(movement_id__in=movement_ids, report_deadline__year=year)
    expected = milestones.aggregate(
        m=Count("pk", distinct=True),
        e=Count("movement__participants", filter=Q(movement__participants__organization__path__startswith=path)))
    sent = ReportSubmission.objects.filter(milestone__in=milestones, organization__path__startswith=path,
                                           status__in=REPORT_DONE).aggregate(
        on_time=Count("pk", filter=Q(was_late=False)), late=Count("pk", filter=Q(was_late=True)))
    return {"milestones": n(expected["m"]), "expected": n(expected["e"]), "on_time": n(sent["on_time"]),
            "late": n(sent["late"]), "missing": n(max(expected["e"] - sent["on_time"] - sent["late"], 0))}


def _honours(user, filters: StatsFilters, day: datetime.date) -> dict:
    grouped = (stats.honour_records(user, filters).order_by().values("code")
               .annotate(individuals=Count("pk", filter=Q(person__isnull=False)),
                         collectives=Count("pk", filter=Q(person__isnull=True))))
    rows = []
    for g in grouped:
        level = _level(g["code"], day)
        rows.append({"code": g["code"], "label": clean(honour_label(g["code"])), "level_key": level,
                     "individuals": g["individuals"], "collectives": g["collectives"],
                     "total": g["individuals"] + g["collectives"]})
    rows.sort(key=lambda r: (LEVEL_ORDER.index(r["level_key"]) if r["level_key"] in LEVEL_ORDER else 9, r["label"]))
    levels = []
    for key in LEVEL_ORDER:
        of = [r for r in rows if r["level_key"] == key]
        if of:
            levels.append({"label": LEVEL_LABELS[key], "total": n(sum(r["total"] for r in of)),
                           "individuals": n(sum(r["individuals"] for r in of)),
                           "collectives": n(sum(r["collectives"] for r in of))})
    return {
        "rows": [{"label": r["label"], "level": LEVEL_SHORT.get(r["level_key"], ""), "individuals": n(r["individuals"]),
                  "collectives": n(r["collectives"]), "total": n(r["total"])} for r in rows],
        "levels": levels,
        "individuals": n(sum(r["individuals"] for r in rows)),
        "collectives": n(sum(r["collectives"] for r in rows)),
        "total": n(sum(r["total"] for r in rows)),
    }


def _days(value) -> str:
    return format_number(value, decimals=1) if value is not None else "…"


def _dossiers(user, filters: StatsFilters) -> dict:
    states = stats.dossier_states(user, filters)
    total = sum(states.values()) - states.get(State.DRAFT, 0) - states.get(State.AWAITING_SIGNOFF, 0)
    decided = states.get(State.DECIDED, 0)
    final = sum(states.get(s, 0) for s in FINAL)
    step = next((s for s in stats.lead_times(user, filters) if s["step"] == State.DECIDED), {})
    returns = stats.returns(user, filters)
    return {
        "total": n(total), "decided": n(decided), "pending": n(max(total - final, 0)),
        "mean_days": _days(step.get("mean_days")), "median_days": _days(step.get("median_days")),
        "returns": n(returns["returns"]), "returned": n(returns["dossiers"]),
        "reasons": [f"{clean(reason) or 'không ghi lý do'} ({n(count)} lần)"
                    for reason, count in returns["reasons"][:3]],
    }


def _yearly_signer(organization) -> list[str]:
    """Who signs for the issuer (NĐ 30/2020: "TM." for a collective body, then the post)."""
    if organization.kind == "province":
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    if organization.kind == "department":
        return ["GIÁM ĐỐC"]
    return ["THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"]


def yearly_context(user, year: int, organization: Organization, *, today: datetime.date | None = None) -> dict:
    day = yearly_date(year, today)
    filters = StatsFilters(organization=organization, year_from=year, year_to=year)
    movements = _movement_rows(year, organization)
    ids = movements.pop("ids")
    name = clean(organization.name)
    return {
        "header": {
            "parent": upper_vi(organization.parent.name) if organization.parent_id else "",
            "issuer": upper_vi(name),
            "number": "        /BC",
            "place_date": f"{place_of(organization)}, {date_long(day)}",
        },
        "issuer_name": name,
        "scope_name": name,
        "year": year,
        "next_year": year + 1,
        "data_to": date_short(day),
        "bases": bases(day),
        "movements": movements,
        "participation": _participation(ids, organization),
        "punctuality": _punctuality(ids, organization, year),
        "honours": _honours(user, filters, day),
        "dossiers": _dossiers(user, filters),
        "signer": {"title_lines": _yearly_signer(organization), "name": ""},
        "recipients": [without_bullet(r) for r in ("Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương);",
                                                  "Hội đồng Thi đua - Khen thưởng;", "Lưu: VT.")],
    }
