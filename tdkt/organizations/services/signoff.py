"""The organisation's switch for the unit leader's sign-off (Organization.leader_signoff): on, the
unit officer submits dossiers, score sheets, reports and registrations to the unit leader, who signs
them off and sends them or sends them back; off, the officer sends directly. The unit's own leader
(or an administrator) changes it; the change is audited with before and after."""

from django.db import transaction

from tdkt.accounts.scope import user_can
from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record, changed_fields

from ..errors import ValidationError, require
from ..models import Organization


@transaction.atomic
def organization_signoff_set(*, actor, organization: Organization, on: bool, reason: str = "") -> Organization:
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    require(user_can(actor, "organization.signoff", org))
    reason = reason.strip()
    if len(reason) > 500:
        raise ValidationError({"reason": "Lý do dài quá 500 ký tự."})
    if org.leader_signoff == bool(on):
        return org
    before = {"leader_signoff": org.leader_signoff}
    org.leader_signoff = bool(on)
    org.save(update_fields=["leader_signoff"])
    after = {"leader_signoff": org.leader_signoff}
    # extra.changed as every ORGANIZATION_CHANGED event writes it ({field: [before, after]}): the audit
    # page lists it as "leader_signoff: có → không" (a list of names showed nothing there).
    audit_record(event_type=AuditEventType.ORGANIZATION_CHANGED, actor=actor, target=org, organization=org,
                 before=before, after={**after, "reason": reason},
                 extra={"changed": changed_fields(before, after)})
    return org
