from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.records.models import HONOUR_CHOICES

from .domain.quotas import BASE_LABELS


class QuotaRule(models.Model):
    """A cap set by a province or a plan (e.g. "CSTĐCS không quá 15% số LĐTT") on an organisation's
    subtree for some years."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="quota_rules",
    )
    award = models.CharField(_("title or form"), max_length=12, choices=HONOUR_CHOICES)
    percent = models.DecimalField(_("at most (%)"), max_digits=5, decimal_places=2)
    base = models.CharField(_("share of"), max_length=20, choices=list(BASE_LABELS.items()))
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    source = models.CharField(_("set by (document)"), max_length=300)

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.CheckConstraint(condition=Q(percent__gt=0) & Q(percent__lte=100), name="quota_percent_range"),
        ]

    def __str__(self):
        return f"{self.get_award_display()} ≤ {self.percent}% — {self.source}"


class ProposalMark(models.Model):
    """A candidate the unit intends to propose for a title or form in a year (dự kiến đề nghị).

    Counted against quotas; an ineligible candidate may be marked only with a written
    justification, which stays on record and goes with the dossier."""

    year = models.PositiveSmallIntegerField(_("year"))
    award = models.CharField(_("title or form"), max_length=12, choices=HONOUR_CHOICES)
    person = models.ForeignKey(
        "organizations.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="proposal_marks"
    )
    collective = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="proposal_marks"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("proposing unit"), on_delete=models.PROTECT, related_name="+"
    )
    eligible = models.BooleanField(_("eligible when marked"))
    justification = models.TextField(_("justification"), blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="proposal_one_subject",
            ),
            models.UniqueConstraint(
                fields=["year", "award", "person"], condition=Q(person__isnull=False), name="proposal_person_once"
            ),
            models.UniqueConstraint(
                fields=["year", "award", "collective"],
                condition=Q(collective__isnull=False),
                name="proposal_collective_once",
            ),
            models.CheckConstraint(
                condition=Q(eligible=True) | ~Q(justification=""), name="proposal_ineligible_needs_reason"
            ),
        ]

    def __str__(self):
        return f"{self.person or self.collective} — {self.award} {self.year}"


class StoredVerdict(models.Model):
    """The engine's verdict on one person for one title or form, year, basis and day considered,
    kept so that the "who can be proposed" page of a whole province is a paged query instead of
    the engine run over 100,000 people inside a request (tdkt/rules/stored.py).

    One row per person, award, year and basis: a computation for another day replaces it. A row
    counts only while it is current: computed on the day asked for, and not before the person's
    facts last changed (PersonFactsStamp)."""

    person = models.ForeignKey("organizations.Person", on_delete=models.CASCADE, related_name="+")
    award = models.CharField(max_length=12, choices=HONOUR_CHOICES)
    year = models.PositiveSmallIntegerField()
    basis = models.CharField(max_length=12)  # a domain.Basis value ("khang_chien" is 11)
    on_date = models.DateField()
    verdict = models.CharField(max_length=12)  # the engine's: eligible, ineligible, unsupported
    shown = models.CharField(max_length=12)  # as pages show it: eligible, needs_review, …
    condition_set = models.ForeignKey("ConditionSet", on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["award", "year", "basis", "person"], name="stored_verdict_once"),
        ]
        indexes = [models.Index(fields=["award", "year", "basis", "on_date", "verdict"], name="stored_verdict_key")]

    def __str__(self):
        return f"{self.person_id} — {self.award} {self.year}: {self.verdict}"


class ConditionSet(models.Model):
    """The conditions of a verdict ([Condition.to_dict(), …] in the engine's order), kept once for
    all the people who share them: a province's 100,000 verdicts have a few hundred distinct lists,
    and writing each list once per person was most of the cost of storing them."""

    digest = models.CharField(max_length=40, primary_key=True)  # sha1 of the list's canonical JSON
    conditions = models.JSONField()

    def __str__(self):
        return self.digest


class PersonFactsStamp(models.Model):
    """When the facts the engine reads about a person (ratings, titles, awards, initiatives,
    discipline, reviews) last changed; a verdict computed before that is no longer current.

    No foreign-key constraint: the stamp is written from the records' delete signals, which also fire
    while a person is being deleted with their records; a stamp left over is harmless."""

    person = models.OneToOneField(
        "organizations.Person",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="facts_stamp",
    )
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.person_id}: {self.changed_at:%Y-%m-%d %H:%M:%S}"


class VerdictRun(models.Model):
    """The background computation of the verdicts of an organisation's people, started when more
    are missing than a request computes (settings.TDKT_CANDIDATES_INLINE_MAX); the page shows its
    progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE, related_name="+")
    award = models.CharField(max_length=12, choices=HONOUR_CHOICES)
    year = models.PositiveSmallIntegerField()
    basis = models.CharField(max_length=12)  # a domain.Basis value ("khang_chien" is 11)
    on_date = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moved forward with each chunk: a run that has not moved for a while lost its worker.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["award", "year", "basis", "on_date", "status"], name="verdict_run_key")]

    def __str__(self):
        return f"{self.organization_id} — {self.award} {self.year}: {self.done}/{self.total} {self.status}"
