"""Movements (phong trào thi đua) issued by a plan (kế hoạch), and what a plan sets going before
anyone is scored or commended: phases and milestones with report deadlines, the work program,
registrations, the covenant and its signatures, and report submissions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.domain.signoff import sent_back_reason
from tdkt.records.models import HONOUR_CHOICES, RATING_CHOICES


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Regular (thường xuyên)")
    THEMATIC = "thematic", _("Thematic (chuyên đề)")
    SPECIAL = "special", _("Special campaign (đợt thi đua đặc biệt)")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # being written; only its managers see it
    ISSUED = "issued", _("Issued")  # in force: participants register, sign, report
    CLOSED = "closed", _("Closed")  # finished (tổng kết done); read only


class Movement(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="movements"
    )
    block = models.ForeignKey(
        "organizations.EmulationBlock",
        verbose_name=_("emulation block"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=MovementKind.choices, default=MovementKind.REGULAR)
    status = models.CharField(_("status"), max_length=10, choices=MovementStatus.choices, default=MovementStatus.DRAFT)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    theme = models.TextField(_("theme"), blank=True)
    purposes = models.TextField(_("purposes and requirements"), blank=True)
    for_collectives = models.BooleanField(_("for collectives"), default=True)
    for_individuals = models.BooleanField(_("for individuals"), default=True)
    award_codes = models.JSONField(_("award forms planned"), default=list, blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    recipients = models.TextField(_("recipients (nơi nhận)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="movement_period_ordered")
        ]

    def __str__(self):
        return self.title


class Participant(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="participants")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="movement_participations",
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "organization"], name="participant_once")]

    def __str__(self):
        return str(self.organization)


class ContentItem(models.Model):
    """A numbered content of the plan (nội dung thi đua) or of the covenant (giao ước)."""

    PLAN, COVENANT = "plan", "covenant"
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="content_items")
    part = models.CharField(max_length=10, choices=[(PLAN, _("plan")), (COVENANT, _("covenant"))], default=PLAN)
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("content"))

    class Meta:
        ordering = ["part", "position", "id"]

    def __str__(self):
        return self.text[:80]


class TargetKind(models.TextChoices):
    AWARD_SHARE = "award_share", _("Share reaching a title or form")  # "20% TTLĐXS"
    AWARD_COUNT = "award_count", _("Number reaching a title or form")  # "2-3 Bằng khen"
    RATING_SHARE = "rating_share", _("Share rated at least")  # "100% HTTNV trở lên"


class Target(models.Model):
    """A numeric target of the plan (chỉ tiêu), measured against the records when they exist."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("target"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    subject = models.CharField(
        _("who"), max_length=12, choices=[("individual", _("individuals")), ("collective", _("collectives"))]
    )
    award_code = models.CharField(_("title or form"), max_length=12, choices=HONOUR_CHOICES, blank=True)
    min_rating = models.CharField(_("rating at least"), max_length=10, choices=RATING_CHOICES, blank=True)
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year measured"))

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.label


class Phase(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    celebrates = models.TextField(_("anniversaries celebrated"), blank=True)

    class Meta:
        ordering = ["position", "start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="phase_period_ordered")
        ]

    def __str__(self):
        return self.name


class MilestoneKind(models.TextChoices):
    MID_YEAR = "mid_year", _("Six-month review (sơ kết 6 tháng)")
    YEAR_END = "year_end", _("Year-end review (tổng kết năm)")
    MID_TERM = "mid_term", _("Mid-term review (sơ kết giữa kỳ)")
    FINAL = "final", _("Final review (tổng kết)")
    PHASE_END = "phase_end", _("End of a phase")
    YEARLY = "yearly", _("Yearly report")


class Milestone(models.Model):
    """A review (sơ kết, tổng kết) whose report every participant submits by a deadline, covering
    the data window the plan states ("số liệu từ 01/12/2021 đến 31/5/2022")."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey(Phase, null=True, blank=True, on_delete=models.SET_NULL, related_name="milestones")
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    name = models.CharField(_("name"), max_length=200)
    report_deadline = models.DateField(_("report deadline"))
    data_from = models.DateField(_("data from"), null=True, blank=True)
    data_to = models.DateField(_("data to"), null=True, blank=True)
    meeting = models.CharField(_("meeting"), max_length=300, blank=True)

    class Meta:
        ordering = ["report_deadline", "id"]

    def __str__(self):
        return self.name


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class WorkTask(models.Model):
    """A line of the work program (chương trình công tác), by quarter."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="tasks")
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, q) for q in range(1, 5)])
    position = models.PositiveSmallIntegerField(default=0)
    content = models.TextField(_("content"))
    lead = models.CharField(_("lead"), max_length=200)
    lead_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    executing = models.CharField(_("executing"), max_length=200, blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.PLANNED)

    class Meta:
        ordering = ["quarter", "position", "id"]

    def __str__(self):
        return self.content[:80]


class RegistrationStatus(models.TextChoices):
    # Before it is sent, with the unit leader's sign-off on: waiting for the leader, or sent back.
    AWAITING_SIGNOFF = "awaiting_signoff", _("Awaiting the leader's sign-off")
    SENT_BACK = "sent_back", _("Sent back to the unit officer")
    REGISTERED = "registered", _("Registered")  # on time
    LATE_PENDING = "late_pending", _("Late, awaiting the head's approval")
    ACCEPTED_LATE = "accepted_late", _("Late, accepted")
    REFUSED_LATE = "refused_late", _("Late, refused")


class Registration(models.Model):
    """A participant's registration (đăng ký thi đua): the titles and targets it aims for."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("commitments"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(_("decision note"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "organization"], name="registration_once")]

    def __str__(self):
        return f"{self.organization} — {self.movement}"

    @property
    def sent_back_reason(self) -> str:
        """The unit leader's reason while a registration the leader sent back is with the officer
        (services/signoff_steps.py keeps it in decision_note, marked; a recall leaves it blank)."""
        return sent_back_reason(self.decision_note) if self.status == RegistrationStatus.SENT_BACK else ""


class RegistrationItem(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="items")
    award_code = models.CharField(_("title or form"), max_length=12, choices=HONOUR_CHOICES)
    target_text = models.CharField(_("target"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "award_code"], name="registration_item_once")]

    def __str__(self):
        return self.award_code


class CovenantMethod(models.TextChoices):
    # Recorded from a signature made outside the system (the demo's 2022 history, rows from before
    # issue 15): not a digital signature.
    PAPER = "paper", _("Recorded, not digitally signed")
    UPLOAD = "upload", _("Signed PDF uploaded")  # the member's own signed PDF, verified at upload
    SERVICE = "service", _("Signed by the signing service")  # the organisation's configured signer


class CovenantSignature(models.Model):
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="signatures")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("title"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    method = models.CharField(_("how it was signed"), max_length=10, choices=CovenantMethod.choices,
                              default=CovenantMethod.PAPER)
    # The digitally signed covenant (uploaded or made by the signing service) and what its check found.
    file = models.FileField(_("signed covenant"), upload_to="covenants/%Y/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    certificate = models.CharField(_("signing certificate"), max_length=500, blank=True)
    certificate_serial = models.CharField(_("certificate serial number"), max_length=80, blank=True)
    signatures = models.JSONField(_("digital signatures"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["movement", "organization"], name="covenant_signed_once")]

    def __str__(self):
        return f"{self.organization} — {self.signer_name}"

    @property
    def digitally_signed(self) -> bool:
        return self.method != CovenantMethod.PAPER

    @property
    def signature_verdict(self):
        from tdkt.signing.domain.reports import FileVerdict

        return FileVerdict.from_dict(self.signatures)


class SubmissionStatus(models.TextChoices):
    # "Not submitted" is the absence of a row.
    AWAITING_SIGNOFF = "awaiting_signoff", _("Awaiting the leader's sign-off")  # not sent yet
    SUBMITTED = "submitted", _("Submitted")  # on time, awaiting review
    LATE = "late", _("Submitted late")  # after the deadline, awaiting review
    RETURNED = "returned", _("Returned")  # sent back with a reason; the unit submits again
    ACCEPTED = "accepted", _("Accepted")  # received; final


class ReportSubmission(models.Model):
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="submissions")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=SubmissionStatus.choices)
    file = models.FileField(_("report file"), upload_to="reports/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    figures = models.JSONField(_("summary figures"), default=dict, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"))
    was_late = models.BooleanField(default=False)
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["milestone", "organization"], name="submission_once")]

    def __str__(self):
        return f"{self.organization} — {self.milestone}"

    @property
    def sent_back_reason(self) -> str:
        """The unit leader's reason, told apart from the reviewing head's return (same status and field)."""
        return sent_back_reason(self.return_reason) if self.status == SubmissionStatus.RETURNED else ""


class ReminderKind(models.TextChoices):
    DAYS_7 = "d7", _("7 days before")
    DAYS_3 = "d3", _("3 days before")
    DUE_TODAY = "d0", _("Due today")
    OVERDUE = "late", _("Overdue")


class ReminderSent(models.Model):
    """One reminder about one deadline to one user: the unique key makes each one go out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    deadline_key = models.CharField(max_length=100)
    kind = models.CharField(max_length=5, choices=ReminderKind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "deadline_key", "kind"], name="reminder_once")]

    def __str__(self):
        return f"{self.user} {self.deadline_key} {self.kind}"

