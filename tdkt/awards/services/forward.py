"""Forwarding: nominees whose form is beyond this level's power (a Bằng khen of the province's chair
proposed to a Sở, a Bằng khen of the Prime Minister proposed to the province) go up as a new dossier
of the receiving authority in a round of the authority above, linked both ways. When nothing is left
to decide here the dossier ends as "forwarded"; otherwise it goes on with the rest."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..access import acting_roles
from ..domain.workflow import Action, State, TransitionRefused, transition
from ..models import Appraisal, CommendationRound, Dossier, Nominee
from .workflow import _lock, _record, decides_here, dossier_facts


def beyond_power_nominees(dossier: Dossier) -> list[Nominee]:
    authority = dossier.round.authority
    return [
        n for n in dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED),
                                           forwarded_as__isnull=True).select_related("award__issuer",
                                                                                      "final_award__issuer")
        if not decides_here(n.awarded_form, authority)
    ]


@transaction.atomic
def dossier_forward(*, actor, dossier: Dossier, to_round: CommendationRound, reason: str = "") -> Dossier:
    """Create the upstream dossier in ``to_round`` (its authority must be above this one) with the
    nominees this level cannot decide; answer the upstream dossier."""
    dossier = _lock(dossier)
    roles = acting_roles(actor, dossier)
    try:
        transition(dossier.state, Action.FORWARD, roles=roles, facts=dossier_facts(dossier), reason=reason)
    except TransitionRefused as refused:
        if refused.forbidden:
            raise PermissionDenied(refused.reason) from None
        raise ValidationError({"action": refused.reason}) from None
    here = dossier.round.authority
    if to_round.authority_id == here.pk or not here.path.startswith(to_round.authority.path):
        raise ValidationError({"round": f"Đợt “{to_round}” không thuộc cấp trên của {here}."})
    if not to_round.is_open:
        raise ValidationError({"round": "Đợt khen thưởng của cấp trên đã đóng."})
    moving = beyond_power_nominees(dossier)
    upstream = Dossier.objects.create(
        round=to_round, organization=here, title=f"Đề nghị cấp trên khen thưởng — {dossier.title}"[:300],
        state=State.SUBMITTED, upstream=dossier, created_by=actor,
    )
    for position, nominee in enumerate(moving):
        copy = Nominee.objects.create(
            dossier=upstream, person=nominee.person, collective=nominee.collective, award=nominee.awarded_form,
            achievement=nominee.achievement, eligible=nominee.eligible, eligibility=nominee.eligibility,
            justification=nominee.justification, position=position,
        )
        nominee.forwarded_as = copy
        nominee.save(update_fields=["forwarded_as"])
    for attachment in dossier.attachments.filter(nominee__isnull=True):
        attachment.pk = None
        attachment.dossier = upstream
        attachment.save()  # the same stored file: the upstream reads the unit's components
    source = dossier.state
    remaining = dossier.nominees.filter(appraisal__in=(Appraisal.ACCEPTED, Appraisal.CHANGED),
                                        forwarded_as__isnull=True).exists()
    if not remaining:
        dossier.state = State.FORWARDED
        dossier.save(update_fields=["state", "updated_at"])
    _record(actor, dossier, Action.FORWARD, source,
            reason or f"Chuyển {len(moving)} người được đề nghị lên {to_round.authority}")
    _record(actor, upstream, Action.SUBMIT, State.DRAFT, f"Chuyển lên từ hồ sơ “{dossier}”")
    return upstream
