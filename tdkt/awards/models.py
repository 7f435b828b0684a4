"""Commendation: the catalogue of titles and forms, rounds, dossiers with nominees and attachments,
every workflow step, council ballots, public notice and objections, decisions and their awardees.

The workflow's rules live in ``domain/workflow.py``; these models hold data and constraints only.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.records.domain.codes import HONOURS, HonourKind
from tdkt.records.models import HONOUR_CHOICES

from .domain.ballot import Vote
from .domain.workflow import Action, State


class Level(models.TextChoices):
    UNIT = "unit", _("Unit")
    DEPARTMENT = "department", _("Department")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central government")


class AwardForm(models.Model):
    """One title or form of the catalogue (e.g. Giấy khen của Giám đốc Sở Nội vụ), in force from a
    date: a change of law adds a version with a later ``effective_from`` instead of editing it."""

    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    certificate_title = models.CharField(_("title on the certificate"), max_length=100, blank=True)
    record_code = models.CharField(_("recorded as"), max_length=12, choices=HONOUR_CHOICES)
    for_individual = models.BooleanField(_("for individuals"), default=True)
    for_collective = models.BooleanField(_("for collectives"), default=True)
    for_household = models.BooleanField(_("for households"), default=False)
    level = models.CharField(_("decided at level"), max_length=12, choices=Level.choices)
    issuer = models.ForeignKey(
        "organizations.Organization", verbose_name=_("decided by (organisation)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    decider_title = models.CharField(
        _("title of the person who decides"), max_length=200
    )
    needs_ballot = models.BooleanField(_("council ballot required"), default=False)
    ballot_threshold = models.DecimalField(_("yes votes needed (percent of all members)"), max_digits=5,
                                           decimal_places=2,
                                           default=Decimal(80))
    needs_notice = models.BooleanField(_("public notice required"), default=False)
    notice_working_days = models.PositiveSmallIntegerField(_("notice period (working days)"), default=10)
    coefficient_individual = models.DecimalField(_("reward coefficient, individual"), max_digits=5, decimal_places=2,
                                                 default=Decimal(0))
    coefficient_collective = models.DecimalField(_("reward coefficient, collective"), max_digits=5, decimal_places=2,
                                                 default=Decimal(0))
    components = models.JSONField(_("dossier components"), default=list, blank=True)  # [{code, label, required}]
    copies = models.PositiveSmallIntegerField(_("number of copies"), default=1)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    legal_ref = models.CharField(_("legal basis"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("title or form of the catalogue")
        ordering = ["level", "code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="award_form_version_once")]

    def __str__(self):
        return self.name

    @property
    def kind_is_title(self) -> bool:
        return HONOURS[self.record_code][1] is HonourKind.TITLE


class RoundKind(models.TextChoices):
    REGULAR = "regular", _("Year's regular commendation")
    MOVEMENT = "movement", _("Movement or campaign")
    SUDDEN = "sudden", _("Sudden (đột xuất)")


class CommendationRound(models.Model):
    """What a dossier answers: the year's regular commendation, a movement or phase, or a sudden award."""

    authority = models.ForeignKey(
        "organizations.Organization", verbose_name=_("receiving organisation"), on_delete=models.PROTECT,
        related_name="commendation_rounds",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RoundKind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    movement = models.ForeignKey(
        "movements.Movement", verbose_name=_("movement"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="commendation_rounds",
    )
    deadline = models.DateField(_("deadline for dossiers"), null=True, blank=True)
    forms = models.ManyToManyField(AwardForm, verbose_name=_("titles and forms"), blank=True, related_name="+")
    is_open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commendation round")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title


class Dossier(models.Model):
    round = models.ForeignKey(CommendationRound, verbose_name=_("round"), on_delete=models.PROTECT,
                              related_name="dossiers")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(_("status"), max_length=20, choices=[(s.value, s.value) for s in State],
                             default=State.DRAFT)
    proposal_number = models.CharField(_("number of the proposal (tờ trình)"), max_length=60, blank=True)
    notice_from = models.DateField(_("public notice from"), null=True, blank=True)
    notice_until = models.DateField(_("public notice until"), null=True, blank=True)
    upstream = models.ForeignKey(
        "self", verbose_name=_("forwarded from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="forwarded_dossiers",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commendation dossier")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def sent_late(self) -> bool:
        """Sent after the round's deadline. Not refused (the office decides whether to consider it;
        seed 004 sets a deadline without barring late dossiers), but shown wherever the dossier is listed."""
        deadline = self.round.deadline
        return bool(self.submitted_at and deadline and timezone.localtime(self.submitted_at).date() > deadline)


class Appraisal(models.TextChoices):
    PENDING = "pending", _("Not appraised")
    ACCEPTED = "accepted", _("Accepted for commendation")
    REJECTED = "rejected", _("Rejected")
    CHANGED = "changed", _("Changed to another form")


class Nominee(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey("organizations.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    collective = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="nominations")
    award = models.ForeignKey(AwardForm, verbose_name=_("title or form proposed"), on_delete=models.PROTECT,
                              related_name="+")
    achievement = models.TextField(_("achievements summary"), blank=True)
    eligible = models.BooleanField(_("eligible"), null=True)  # None: no rule covers it
    eligibility = models.JSONField(_("eligibility check"), default=dict, blank=True)  # verdict, conditions, on_date
    justification = models.TextField(_("justification for an ineligible nominee"), blank=True)
    appraisal = models.CharField(_("appraisal"), max_length=10, choices=Appraisal.choices,
                                 default=Appraisal.PENDING)
    appraisal_note = models.CharField(_("appraisal note"), max_length=500, blank=True)
    final_award = models.ForeignKey(AwardForm, verbose_name=_("title or form after appraisal"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    # Set when the nominee was sent up to the authority that decides its form (the upstream copy).
    forwarded_as = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="forwarded_from")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="nominee_one_subject",
            ),
        ]

    def __str__(self):
        return f"{self.person or self.collective} — {self.award}"

    @property
    def subject(self):
        return self.person or self.collective

    @property
    def awarded_form(self) -> AwardForm:
        return self.final_award or self.award


class Attachment(models.Model):
    """A dossier component (tờ trình, biên bản, báo cáo thành tích…), checked by content and size."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    component = models.CharField(_("component"), max_length=40)
    nominee = models.ForeignKey(Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="dossiers/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # The check of its digital signatures at upload (tdkt.signing FileVerdict.as_dict()); None: not a PDF.
    signatures = models.JSONField(_("digital signatures"), null=True, blank=True)

    class Meta:
        ordering = ["component", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def signature_verdict(self):
        from tdkt.signing.domain.reports import FileVerdict

        return FileVerdict.from_dict(self.signatures)


class Transition(models.Model):
    """One workflow step: who, when, from, to, why. Append-only."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20, choices=[(a.value, a.value) for a in Action])
    from_state = models.CharField(max_length=20)
    to_state = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.dossier_id}: {self.from_state} → {self.to_state}"


class Council(models.Model):
    """The Hội đồng Thi đua - Khen thưởng of an awarding organisation."""

    authority = models.OneToOneField("organizations.Organization", on_delete=models.PROTECT, related_name="council")
    name = models.CharField(_("name"), max_length=300)
    quorum = models.DecimalField(_("quorum (percent of members present)"), max_digits=5, decimal_places=2,
                                 default=Decimal("66.67"))

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="council_seats")
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position in the council"), max_length=200, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.full_name


class BallotMeeting(models.Model):
    """A council meeting whose ballot the standing office recorded in one step (services/tally.py):
    who was present, and the biên bản kiểm phiếu. Its votes point to it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="ballot_meetings")
    held_on = models.DateField(_("meeting date"))
    present = models.ManyToManyField(CouncilMember, related_name="+", blank=True)
    minutes = models.FileField(_("vote-counting record (biên bản kiểm phiếu)"), upload_to="ballots/%Y/")
    minutes_name = models.CharField(_("file name"), max_length=255)
    minutes_content_type = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.dossier} — {self.held_on:%d/%m/%Y}"


class CouncilVote(models.Model):
    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="votes")
    vote = models.CharField(max_length=10, choices=[(v.value, v.value) for v in Vote])
    in_writing = models.BooleanField(_("written vote of an absent member"), default=False)
    meeting = models.ForeignKey(BallotMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="votes")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nominee", "member"], name="council_vote_once")]

    def __str__(self):
        return f"{self.member}: {self.vote}"


class Objection(models.Model):
    """An objection received while the list was published (công khai)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="objections")
    nominee = models.ForeignKey(Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="objections")
    text = models.TextField(_("objection"))
    sender = models.CharField(_("sent by"), max_length=200, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.text[:60]


DEFAULT_RECIPIENTS = "Như Điều 3;\nLưu: VT, TĐKT."


class Decision(models.Model):
    """A decision (quyết định khen thưởng): numbered per issuer and year ("Số: 123/QĐ-UBND")."""

    issuer = models.ForeignKey("organizations.Organization", verbose_name=_("issued by"), on_delete=models.PROTECT,
                               related_name="+")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="decisions")
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)  # "QĐ-UBND"
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    subject = models.CharField(_("about"), max_length=300)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_title = models.CharField(_("signer's title"), max_length=200)
    legal_bases = models.TextField(_("legal bases"))
    # Nơi nhận, one per line; the clerk edits it (who is informed differs from one decision to the next).
    recipients = models.TextField(_("recipients"), default=DEFAULT_RECIPIENTS)
    docx = models.FileField(upload_to="decisions/%Y/", blank=True)
    pdf = models.FileField(upload_to="decisions/%Y/", blank=True)
    # Set when the PDF was digitally signed (PAdES) by the issuer's configured signer: that file is
    # never generated again (a change needs a new decision or a correction).
    signed_at = models.DateTimeField(_("digitally signed at"), null=True, blank=True)
    signature_subject = models.CharField(_("signing certificate"), max_length=500, blank=True)
    signature_serial = models.CharField(_("certificate serial number"), max_length=80, blank=True)
    published = models.BooleanField(_("published on the public pages"), default=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # fold_vi of the number, subject, issuer and the forms given: "giay khen 312/qd-snv …" (search).
    search_text = models.CharField(max_length=1000, editable=False, default="")

    class Meta:
        verbose_name = _("decision")
        ordering = ["-date", "-number"]
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "number"], name="decision_number_once")]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}"

    def refresh_search_text(self) -> None:
        """After its awardees exist: the forms they were given are words one searches by."""
        from tdkt.core.domain.text import fold_vi

        forms = sorted(set(self.awardees.values_list("award__name", flat=True)))
        self.search_text = fold_vi(" ".join([self.reference, self.subject, self.issuer.name, *forms]))[:1000]


class Awardee(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awardees")
    nominee = models.OneToOneField(Nominee, on_delete=models.PROTECT, related_name="awardee")
    award = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=300)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=300, blank=True)
    is_collective = models.BooleanField(default=False)
    golden_book_number = models.PositiveIntegerField(_("golden book number"))
    amount = models.PositiveIntegerField(_("reward (đồng)"))
    honour_record = models.OneToOneField("records.HonourRecord", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)  # the certificate's QR code
    search_text = models.CharField(max_length=700, editable=False, default="")  # fold_vi of name and organisation

    class Meta:
        ordering = ["decision", "golden_book_number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "golden_book_number"], name="golden_book_number_once"),
        ]

    def __str__(self):
        return f"{self.name} — {self.award}"

    def refresh_search_text(self):
        from tdkt.core.domain.text import fold_vi

        self.search_text = fold_vi(f"{self.name} {self.organization_name}")[:700]


class CertificateBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


def _certificates_upload_to(instance, filename):
    # Never a user's name and never guessable: the file is only handed out through the decision's page.
    return f"certificates/{instance.decision.year}/{uuid.uuid4().hex}.pdf"


class CertificateBatch(models.Model):
    """The generated PDF of a decision's certificates, kept so that a download does not render it again.

    ``fingerprint`` is the hash of everything the certificates print (and of their layout) when the file
    was rendered: a file whose fingerprint no longer matches the decision is stale and never served.
    A large decision is rendered by the background worker (``tasks.certificates_build_task``)."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="certificate_batch")
    status = models.CharField(_("status"), max_length=10, choices=CertificateBatchStatus.choices,
                              default=CertificateBatchStatus.QUEUED)
    fingerprint = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=_certificates_upload_to, max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificates of a decision")

    def __str__(self):
        return f"{self.decision_id}: {self.status}"

    @property
    def is_pending(self) -> bool:
        return self.status in (CertificateBatchStatus.QUEUED, CertificateBatchStatus.RUNNING)

from .models_fund import AwardFund  # noqa: E402,F401 (the award fund, issue 13.6)
