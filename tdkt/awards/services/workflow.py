"""Moving a dossier through the workflow (domain/workflow.py), appraising nominees, the council's
ballot, the public notice and its objections (recorded, then each resolved before the notice ends).
Every step locks the dossier row, so two concurrent actions cannot both succeed: the second sees
the new state and is refused by the table."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tdkt.audit.models import AuditEvent, AuditEventType
from tdkt.audit.services import audit_record
from tdkt.notifications.services import notify, users_of

from ..access import acting_roles
from ..domain.ballot import Ballot, Count, Vote, count
from ..domain.workflow import ACTION_LABELS, Action, Facts, State, TransitionRefused, transition
from ..models import Appraisal, AwardForm, Council, CouncilMember, CouncilVote, Dossier, Nominee, Objection, Transition
from ..notices import handover_notify
from .dossiers import missing_components, unsigned_components, unsigned_problem


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The day ``days`` working days (Monday–Friday) after ``start``."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def council_of(dossier: Dossier) -> Council | None:
    """The council of the round's authority, or of the nearest organisation above it that has one."""
    ids = [int(part) for part in dossier.round.authority.path.strip("/").split("/")]
    councils = {c.authority_id: c for c in Council.objects.filter(authority_id__in=ids)}
    return next((councils[i] for i in reversed(ids) if i in councils), None)


def ballot_counts(nominees, council: Council) -> dict[int, Count]:
    """Each ballot nominee's count, from one query over the council's active members' votes."""
    nominees = [n for n in nominees if n.awarded_form.needs_ballot]
    members = council.members.filter(active=True)
    ballots: dict[int, list[Ballot]] = {n.pk: [] for n in nominees}
    for nominee_id, member_id, vote, in_writing in CouncilVote.objects.filter(
        nominee_id__in=ballots, member__in=members
    ).values_list("nominee_id", "member_id", "vote", "in_writing"):
        ballots[nominee_id].append(Ballot(member_id, Vote(vote), in_writing))
    size = members.count()
    return {
        n.pk: count(ballots[n.pk], members=size, threshold=n.awarded_form.ballot_threshold, quorum=council.quorum)
        for n in nominees
    }


def _accepted(dossier: Dossier):
    return dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED)).select_related(
        "award__issuer", "final_award__issuer"
    )


def dossier_facts(dossier: Dossier) -> Facts:
    nominees = list(dossier.nominees.select_related("award__issuer", "final_award__issuer"))
    accepted = [n for n in nominees if n.appraisal in (Appraisal.ACCEPTED, Appraisal.CHANGED)]
    needs_vote = any(n.awarded_form.needs_ballot for n in accepted)
    votes_complete = False
    if needs_vote:
        council = council_of(dossier)
        if council is not None:
            counts = ballot_counts(accepted, council)
            votes_complete = bool(counts) and all(c.members > 0 and c.missing == 0 for c in counts.values())
    authority = dossier.round.authority
    return Facts(
        has_nominees=bool(nominees),
        components_complete=not missing_components(dossier),
        all_appraised=bool(nominees) and all(n.appraisal != Appraisal.PENDING for n in nominees),
        any_accepted=bool(accepted),
        needs_vote=needs_vote,
        needs_notice=any(n.awarded_form.needs_notice for n in accepted) and dossier.notice_from is None,
        notice_over=dossier.notice_until is not None and timezone.localdate() > dossier.notice_until,
        votes_complete=votes_complete,
        beyond_power=any(not decides_here(n.awarded_form, authority) and n.forwarded_as_id is None for n in accepted),
        objections_open=dossier.objections.filter(resolution="").exists(),
        signoff_required=dossier.organization.leader_signoff,
    )


def decides_here(form: AwardForm, authority) -> bool:
    """The form is decided within the receiving authority's tree (e.g. a Giấy khen of a Sở, a Bằng
    khen of the province's chair); otherwise the dossier must go up (forward)."""
    return form.issuer is not None and form.issuer.path.startswith(authority.path)


def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("round__authority", "organization").get(pk=dossier.pk)


def _notify(dossier: Dossier, text: str, *, users=None) -> None:
    users = users_of(dossier.organization) if users is None else users
    notify(users, text=text, url=reverse("awards:dossier", args=[dossier.pk]))


SENDING = (Action.SUBMIT, Action.SIGN_OFF)  # the steps that send the dossier to the receiving organisation


def sends_late(dossier: Dossier, action: str) -> bool:
    """Sending now would be after the round's deadline: a step the unit confirms with a reason."""
    deadline = dossier.round.deadline
    return action in SENDING and deadline is not None and timezone.localdate() > deadline


def _requester(dossier: Dossier):
    """Who put the dossier before the leader last (told when it is sent back)."""
    step = dossier.transitions.filter(action=Action.REQUEST_SIGNOFF).select_related("actor").order_by("-at", "-pk")
    step = step.first()
    return [step.actor] if step and step.actor and step.actor.is_active else None


def _record(actor, dossier: Dossier, action: Action, source: str, reason: str, *, late: bool = False) -> Transition:
    step = Transition.objects.create(dossier=dossier, action=action, from_state=source, to_state=dossier.state,
                                     actor=actor, reason=reason)
    after = {"state": dossier.state, "action": action.value, "reason": reason}
    if late:
        after.update(late=True, deadline=dossier.round.deadline.isoformat())
    audit_record(event_type=AuditEventType.DOSSIER_TRANSITION, actor=actor, target=dossier,
                 organization=dossier.organization, before={"state": source}, after=after)
    handover_notify(dossier, action, reason=reason)  # whoever must act next is told
    return step


@transaction.atomic
def dossier_act(*, actor, dossier: Dossier, action: str, reason: str = "", confirmed: bool = False) -> Dossier:
    """Take one workflow action. ``decide`` and ``forward`` have their own services (they create a
    decision or the upstream dossier) and are refused here. Sending after the round's deadline is
    allowed (the office decides whether to consider it) but only ``confirmed`` with a reason, which
    the history and the audit keep; without them it is refused with the code ``confirm_late``. Ending
    the public notice needs ``confirmed`` too (code ``confirm_close_notice``); its reason is optional."""
    dossier = _lock(dossier)
    if action in (Action.DECIDE, Action.FORWARD):
        raise ValidationError({"action": "Thao tác này được thực hiện qua trang ban hành quyết định / chuyển cấp."})
    reason = reason.strip()
    if len(reason) > 2000:
        raise ValidationError({"reason": "Lý do dài quá 2.000 ký tự."})
    try:
        step = transition(dossier.state, action, roles=acting_roles(actor, dossier), facts=dossier_facts(dossier),
                          reason=reason)
    except TransitionRefused as refused:
        if refused.forbidden:
            raise PermissionDenied(refused.reason) from None
        raise ValidationError({"action": refused.reason}) from None
    if step.action is Action.CLOSE_NOTICE and not confirmed:
        # Ending the notice sends the list for decision and takes no more objections: it goes through
        # a confirmation page (views/notice_confirm.py); the API sends ``confirmed``.
        raise ValidationError({"action": ValidationError(
            "Kết thúc công khai chuyển danh sách sang chờ quyết định và không nhận thêm ý kiến phản ánh: "
            "hãy xác nhận.", code="confirm_close_notice")})
    if step.action in SENDING and (unsigned := unsigned_components(dossier)):
        raise ValidationError({"action": ValidationError(unsigned_problem(unsigned), code="unsigned_component")})
    late = sends_late(dossier, step.action)
    if late and not (confirmed and reason):
        raise ValidationError(
            {"reason": ValidationError(
                f"Đã quá hạn nhận hồ sơ ({dossier.round.deadline:%d/%m/%Y}): hãy xác nhận gửi sau hạn và ghi rõ lý do.",
                code="confirm_late")}
        )
    source = dossier.state
    dossier.state = step.target
    if step.action in SENDING:
        dossier.submitted_at = timezone.now()
    if step.action is Action.PUBLISH_NOTICE:
        days = max(n.awarded_form.notice_working_days for n in _accepted(dossier) if n.awarded_form.needs_notice)
        dossier.notice_from = timezone.localdate()
        dossier.notice_until = add_working_days(dossier.notice_from, days)
    dossier.save()
    _record(actor, dossier, step.action, source, reason, late=late)
    label = ACTION_LABELS[step.action]
    if step.action in (Action.RETURN, Action.RECEIVE, Action.CLOSE):
        _notify(dossier, f"Hồ sơ “{dossier}”: {label.lower()}" + (f" — {reason}" if reason else "."))
    elif step.action is Action.REQUEST_SIGNOFF:
        _notify(dossier, f"Hồ sơ “{dossier}” chờ lãnh đạo ký duyệt (trình bởi {actor.get_full_name() or actor})"
                ".", users=users_of(dossier.organization, roles=("unit_leader",)))
    elif step.action is Action.SEND_BACK:
        _notify(dossier, f"Hồ sơ “{dossier}”: lãnh đạo trả lại cán bộ — {reason}",
                users=_requester(dossier) or users_of(dossier.organization, roles=("unit_officer",)))
    return dossier


def _require_office(actor, dossier: Dossier,
                    message: str = "Chỉ cơ quan thường trực của cấp tiếp nhận được thẩm định hồ sơ.") -> None:
    if not acting_roles(actor, dossier) & {"admin", "standing_office"}:
        raise PermissionDenied(message)


@transaction.atomic
def nominee_appraise(*, actor, nominee: Nominee, result: str, note: str = "", final_award: AwardForm | None = None
                     ) -> Nominee:
    dossier = _lock(nominee.dossier)
    _require_office(actor, dossier)
    if dossier.state != State.RECEIVED:
        raise ValidationError({"appraisal": "Chỉ thẩm định khi hồ sơ đã được tiếp nhận và chưa hoàn thành thẩm định."})
    return _appraise(actor, dossier, nominee, result=result, note=note, final_award=final_award)


@transaction.atomic
def nominees_accept_eligible(*, actor, dossier: Dossier) -> tuple[int, int]:
    """Accept at once every nominee not appraised yet whom the rules found eligible: most proposals
    are in order, and a clerk should not save them one by one. Nominees the rules found ineligible
    (sent with a justification) or could not judge stay pending: the office decides each of those.
    Returns (accepted, left pending)."""
    dossier = _lock(dossier)
    _require_office(actor, dossier)
    if dossier.state != State.RECEIVED:
        raise ValidationError({"appraisal": "Chỉ thẩm định khi hồ sơ đã được tiếp nhận và chưa hoàn thành thẩm định."})
    pending = list(dossier.nominees.filter(appraisal=Appraisal.PENDING).select_related("person", "collective"))
    eligible = [n for n in pending if n.eligible is True]
    if eligible:  # one update and one audit event, however many nominees the dossier carries
        Nominee.objects.filter(pk__in=[n.pk for n in eligible]).update(
            appraisal=Appraisal.ACCEPTED, appraisal_note="", final_award=None)
        audit_record(event_type=AuditEventType.NOMINEE_CHANGED, actor=actor, target=dossier,
                     organization=dossier.organization, before={"appraisal": Appraisal.PENDING},
                     after={"appraisal": Appraisal.ACCEPTED, "nominees": [str(n.subject) for n in eligible]})
    return len(eligible), len(pending) - len(eligible)


def _appraise(actor, dossier: Dossier, nominee: Nominee, *, result: str, note: str,
              final_award: AwardForm | None = None) -> Nominee:
    """Set a nominee's appraisal on the locked dossier (the caller checked the role and the state)."""
    if result not in Appraisal.values or result == Appraisal.PENDING:
        raise ValidationError({"appraisal": "Kết quả thẩm định không hợp lệ."})
    note = note.strip()
    if result in (Appraisal.REJECTED, Appraisal.CHANGED) and not note:
        raise ValidationError({"appraisal_note": "Hãy ghi lý do không chấp thuận hoặc đổi hình thức."})
    nominee = Nominee.objects.select_related("award").get(pk=nominee.pk)
    if result == Appraisal.CHANGED:
        if final_award is None or final_award.code == nominee.award.code:
            raise ValidationError({"final_award": "Hãy chọn hình thức khác để đổi."})
        fits = final_award.for_individual if nominee.person_id else final_award.for_collective
        today = timezone.localdate()
        in_force = final_award.effective_from <= today and (final_award.effective_to is None
                                                             or final_award.effective_to >= today)
        if not fits or not in_force:
            raise ValidationError(
                {"final_award": f"“{final_award}” không dành cho đối tượng này hoặc không còn hiệu lực."}
            )
    before = {"appraisal": nominee.appraisal}
    nominee.appraisal = result
    nominee.appraisal_note = note[:500]
    nominee.final_award = final_award if result == Appraisal.CHANGED else None
    nominee.save()
    audit_record(event_type=AuditEventType.NOMINEE_CHANGED, actor=actor, target=dossier,
                 organization=dossier.organization, before=before,
                 after={"nominee": str(nominee.subject), "appraisal": result, "note": note})
    return nominee


@transaction.atomic
def vote_record(*, actor, nominee: Nominee, member: CouncilMember, vote: str, in_writing: bool = False) -> CouncilVote:
    """A council member's vote on a nominee: cast by the member, or entered by the standing office from
    the meeting (present, or the written vote of an absent member). Once recorded it is not changed."""
    dossier = _lock(nominee.dossier)
    nominee = Nominee.objects.select_related("award", "final_award").get(pk=nominee.pk)  # as of the lock
    if dossier.state != State.VOTING:
        raise ValidationError({"vote": "Hội đồng không đang bỏ phiếu hồ sơ này."})
    council = council_of(dossier)
    if council is None or member.council_id != council.pk or not member.active:
        raise ValidationError({"member": "Người này không phải thành viên Hội đồng xét hồ sơ này."})
    roles = acting_roles(actor, dossier)
    own = member.user_id == actor.pk and "council_member" in roles and not in_writing
    # The standing office records the meeting's ballots (present or written) from the biên bản.
    if not own and not roles & {"admin", "standing_office"}:
        raise PermissionDenied("Thành viên Hội đồng chỉ bỏ phiếu của chính mình.")
    if vote not in Vote.__members__.values() and vote not in [v.value for v in Vote]:
        raise ValidationError({"vote": "Phiếu không hợp lệ (đồng ý, không đồng ý, không biểu quyết)."})
    if not nominee.awarded_form.needs_ballot or nominee.appraisal not in (Appraisal.ACCEPTED, Appraisal.CHANGED):
        raise ValidationError({"vote": "Người này không cần Hội đồng bỏ phiếu."})
    if CouncilVote.objects.filter(nominee=nominee, member=member).exists():
        raise ValidationError({"vote": f"{member} đã bỏ phiếu cho người này."})
    cast = CouncilVote.objects.create(nominee=nominee, member=member, vote=vote, in_writing=in_writing,
                                      recorded_by=actor)
    audit_record(event_type=AuditEventType.COUNCIL_VOTE_RECORDED, actor=actor, target=dossier,
                 organization=dossier.organization,
                 after={"nominee": str(nominee.subject), "member": str(member), "vote": vote, "in_writing": in_writing})
    return cast


@transaction.atomic
def objection_record(*, actor, dossier: Dossier, text: str, sender: str = "", nominee: Nominee | None = None
                     ) -> Objection:
    dossier = _lock(dossier)
    _require_office(actor, dossier)
    if dossier.state != State.NOTICE:
        raise ValidationError({"text": "Chỉ ghi nhận ý kiến khi danh sách đang được công khai."})
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Hãy nhập nội dung ý kiến."})
    if nominee is not None and nominee.dossier_id != dossier.pk:
        raise ValidationError({"nominee": "Người được đề nghị không thuộc hồ sơ này."})
    objection = Objection.objects.create(dossier=dossier, nominee=nominee, text=text[:5000], sender=sender[:200],
                                         recorded_by=actor)
    audit_record(event_type=AuditEventType.OBJECTION_RECORDED, actor=actor, target=dossier,
                 organization=dossier.organization, after={"text": text[:500]})
    return objection


@transaction.atomic
def objection_resolve(*, actor, objection: Objection, resolution: str, reject_nominee: bool = False) -> Objection:
    """Record how an objection received during the notice was resolved (the office's answer after
    checking it). With ``reject_nominee`` the objection was founded: the nominee it concerns is not
    accepted any more, with the resolution as the reason. Once resolved it is not changed; who
    resolved it and when is in the audit event (``objection_resolutions``)."""
    dossier = _lock(objection.dossier)
    _require_office(actor, dossier, "Chỉ cơ quan thường trực của cấp tiếp nhận được xử lý ý kiến phản ánh.")
    objection = Objection.objects.select_related("nominee__person", "nominee__collective").get(pk=objection.pk)
    if dossier.state != State.NOTICE:
        raise ValidationError({"resolution": "Chỉ xử lý ý kiến phản ánh khi danh sách đang được công khai."})
    if objection.resolution:
        raise ValidationError({"objection": "Ý kiến phản ánh này đã được xử lý."})
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError({"resolution": "Hãy nhập kết quả xử lý ý kiến phản ánh."})
    if len(resolution) > 5000:
        raise ValidationError({"resolution": "Kết quả xử lý dài quá 5.000 ký tự."})
    nominee = objection.nominee
    if reject_nominee:
        if nominee is None:
            raise ValidationError(
                {"reject_nominee": "Ý kiến này không nêu người được đề nghị nào để không chấp thuận."}
            )
        if nominee.appraisal not in (Appraisal.ACCEPTED, Appraisal.CHANGED):
            raise ValidationError({"reject_nominee": f"{nominee.subject} đã không được chấp thuận từ trước."})
        _appraise(actor, dossier, nominee, result=Appraisal.REJECTED, note=resolution)
    objection.resolution = resolution
    objection.save(update_fields=["resolution"])
    audit_record(event_type=AuditEventType.OBJECTION_RESOLVED, actor=actor, target=objection,
                 target_label=f"{dossier} — {objection}", organization=dossier.organization,
                 after={"dossier": dossier.pk, "resolution": resolution[:500],
                        "rejected_nominee": str(nominee.subject) if reject_nominee else None})
    text = f"Hồ sơ “{dossier}”: ý kiến phản ánh trong thời gian công khai đã được xử lý — {resolution[:300]}"
    if reject_nominee:
        text += f" ({nominee.subject}: không chấp thuận)"
    _notify(dossier, text)
    return objection


def objection_resolutions(objections) -> dict[int, AuditEvent]:
    """Who resolved each objection and when: its OBJECTION_RESOLVED audit event, by objection id."""
    ids = [str(o.pk) for o in objections if o.resolution]
    if not ids:
        return {}
    events = AuditEvent.objects.filter(event_type=AuditEventType.OBJECTION_RESOLVED, target_type="awards.objection",
                                       target_id__in=ids).select_related("actor").order_by("created_at", "pk")
    return {int(e.target_id): e for e in events}


def vote_outcomes(dossier: Dossier) -> dict[int, Count]:
    """Each ballot nominee's count (for the page, the biên bản and the decision)."""
    council = council_of(dossier)
    if council is None:
        return {}
    return ballot_counts(_accepted(dossier), council)
