from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventType(models.IntegerChoices):
    """Event types in bands, as Zulip does: 1xx accounts, 2xx organisations, 3xx people, 4xx blocks,
    5xx emulation and commendation records, 6xx movements, 7xx scoring, 8xx commendation, 9xx operations."""

    USER_LOGIN = 101, _("Logged in")
    USER_LOGIN_FAILED = 102, _("Failed login")
    USER_PASSWORD_CHANGED = 103, _("Password changed")
    USER_CREATED = 104, _("Account created")
    ROLE_GRANTED = 105, _("Role granted")
    ROLE_REVOKED = 106, _("Role revoked")
    API_TOKEN_ISSUED = 107, _("API token issued")
    USER_CHANGED = 108, _("Account changed")
    ORGANIZATION_CREATED = 201, _("Organisation created")
    ORGANIZATION_CHANGED = 202, _("Organisation changed")
    ORGANIZATION_CLOSED = 203, _("Organisation closed")
    ORGANIZATIONS_IMPORTED = 204, _("Organisations imported")
    PERSON_CREATED = 301, _("Person created")
    PERSON_CHANGED = 302, _("Person changed")
    PERSON_MOVED = 303, _("Person moved")
    PEOPLE_IMPORTED = 304, _("People imported")
    BLOCK_CREATED = 401, _("Block created")
    BLOCK_CHANGED = 402, _("Block changed")
    BLOCK_MEMBER_ADDED = 403, _("Block member added")
    BLOCK_MEMBER_REMOVED = 404, _("Block member removed")
    RECORD_ADDED = 501, _("Record added")
    RECORD_CHANGED = 502, _("Record changed")
    RECORD_DELETED = 503, _("Record deleted")
    RECORDS_IMPORTED = 504, _("Records imported")
    PROPOSAL_MARKED = 505, _("Marked for proposal")
    PROPOSAL_UNMARKED = 506, _("Proposal mark removed")
    MOVEMENT_CREATED = 601, _("Movement created")
    MOVEMENT_CHANGED = 602, _("Movement changed")
    MOVEMENT_ISSUED = 603, _("Movement issued")
    REGISTRATION_SUBMITTED = 604, _("Registration submitted")
    REGISTRATION_DECIDED = 605, _("Late registration decided")
    COVENANT_SIGNED = 606, _("Covenant signed")
    REPORT_SUBMITTED = 607, _("Report submitted")
    REPORT_RETURNED = 608, _("Report returned")
    REPORT_ACCEPTED = 609, _("Report accepted")
    TASK_CHANGED = 610, _("Work program changed")
    REMINDERS_SENT = 611, _("Reminders sent")
    DOCUMENT_GENERATED = 612, _("Document generated")
    TEMPLATE_CREATED = 701, _("Criteria template created")
    TEMPLATE_CHANGED = 702, _("Criteria template changed")
    TEMPLATE_VERSIONED = 703, _("Criteria template new version")
    ROUND_OPENED = 704, _("Scoring round opened")
    ROUND_CHANGED = 705, _("Scoring round changed")
    SHEET_SAVED = 706, _("Score sheet saved")
    SHEET_SUBMITTED = 707, _("Score sheet submitted")
    SHEET_RETURNED = 708, _("Score sheet returned")
    EVIDENCE_ADDED = 709, _("Evidence added")
    EVIDENCE_REMOVED = 710, _("Evidence removed")
    REVIEW_SAVED = 711, _("Review saved")
    REVIEW_COMPLETED = 712, _("Review completed")
    REVIEW_RECUSED = 713, _("Review recused for a conflict of interest")
    REVIEW_CONFLICT_REFUSED = 714, _("Review of own organisation refused")
    REVIEWER_ASSIGNED = 715, _("Reviewer assigned")
    RESULT_PUBLISHED = 716, _("Scoring result published")
    ROUND_REOPENED = 717, _("Scoring round reopened for correction")
    AWARD_FORM_CHANGED = 801, _("Catalogue changed")
    COMMENDATION_ROUND_CHANGED = 802, _("Commendation round changed")
    DOSSIER_CHANGED = 803, _("Dossier changed")
    DOSSIER_TRANSITION = 804, _("Dossier moved in the workflow")
    NOMINEE_CHANGED = 805, _("Nominee changed")
    ATTACHMENT_CHANGED = 806, _("Dossier attachment changed")
    COUNCIL_VOTE_RECORDED = 807, _("Council vote recorded")
    OBJECTION_RECORDED = 808, _("Objection recorded")
    DECISION_ISSUED = 809, _("Decision issued")
    DECISION_REVOKED = 810, _("Decision revoked")
    OBJECTION_RESOLVED = 811, _("Objection resolved")
    AWARD_FUND_CHANGED = 812, _("Award fund allocation set")
    YEAREND_OPENED = 821, _("Year-end vote list prepared")
    YEAREND_TALLIED = 822, _("Year-end vote tally recorded")
    YEAREND_DECIDED = 823, _("Year-end titles decided")
    YEAREND_REVOKED = 824, _("Year-end titles decision revoked")
    STATISTICAL_REPORT_SUBMITTED = 831, _("Statistical report submitted")
    BACKUP_CREATED = 901, _("Backup made")
    BACKUP_RESTORED = 902, _("Backup restored")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Nhật ký không được sửa.")

    def delete(self):
        raise PermissionError("Nhật ký không được xóa.")


class AuditEvent(models.Model):
    """One write in the system. Append-only: the application never edits or deletes it.

    `actor` is who acted; `organization` is whose data changed, so that the audit page can be
    scoped like every other page.
    """

    event_type = models.PositiveSmallIntegerField(_("event"), choices=AuditEventType.choices, db_index=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    target_type = models.CharField(_("object type"), max_length=50, blank=True, db_index=True)
    target_id = models.CharField(_("object id"), max_length=50, blank=True, db_index=True)
    target_label = models.CharField(_("object"), max_length=300, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_event_type_display()} — {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Nhật ký không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Nhật ký không được xóa.")
