"""The facts the eligibility engine reads, kept per person or per collective (organisation).

Each record names exactly one subject: a person or an organisation. Records are corrected, not
silently rewritten: every write goes through services.py, which audits it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .domain.codes import DISCIPLINE_FORMS, HONOURS, INITIATIVE_KINDS, INITIATIVE_SCOPES, RATINGS, REVIEW_REASONS

RATING_CHOICES = list(RATINGS.items())
TITLE_CODES = [code for code, (_n, kind, _t) in HONOURS.items() if kind == "title"]
HONOUR_CHOICES = [(code, name) for code, (name, _k, _t) in HONOURS.items()]
ONE_SUBJECT = (Q(person__isnull=False) & Q(organization__isnull=True)) | (
    Q(person__isnull=True) & Q(organization__isnull=False)
)


def recorded_by_field():
    """The organisation on whose behalf a blocking record (discipline, review) was entered: only it
    or one above it may close or remove the record (separation of duties, issue 12), so a unit
    cannot lift a block on its own staff. Empty on rows entered before it was kept, or whose
    organisation is gone: then the top of the subject's tree stands for it."""
    return models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class SubjectRecord(models.Model):
    person = models.ForeignKey(
        "organizations.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("collective"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person or self.organization

    @property
    def subject_organization(self):
        """The organisation whose scope decides who may see or change this record."""
        return self.person.organization if self.person_id else self.organization


class AnnualRating(SubjectRecord):
    """Xếp loại chất lượng hằng năm (Nghị định 90/2020, 48/2023): one per subject and year."""

    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=10, choices=RATING_CHOICES)

    class Meta:
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"], condition=Q(person__isnull=False), name="rating_once_per_person_year"
            ),
            models.UniqueConstraint(
                fields=["organization", "year"],
                condition=Q(organization__isnull=False),
                name="rating_once_per_collective_year",
            ),
        ]
        indexes = [models.Index(fields=["year", "rating"])]

    def __str__(self):
        return f"{self.subject} — {self.year}: {self.rating}"


class PastDecision(models.Model):
    """A decision issued before the system was used (or outside it), imported with its awardees so that
    the engine's chains (a Bằng khen of the Prime Minister needs a provincial one five years back) see
    the history from the first day. The system's own decisions are tdkt.awards'; this one is only
    what the paper said: number, date, issuer, signer and subject."""

    number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    summary = models.CharField(_("subject"), max_length=500, blank=True)
    # The organisation on whose behalf it was imported: lists of past decisions are scoped by it.
    recorded_by_organization = recorded_by_field()
    import_job = models.ForeignKey(
        "organizations.ImportJob",
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("past decision")
        verbose_name_plural = _("past decisions")
        ordering = ["-decided_on", "number"]
        constraints = [
            # The same paper imported twice is one decision (a second file adds awardees to it).
            models.UniqueConstraint(fields=["number", "decided_on", "issuer"], name="past_decision_once"),
        ]
        indexes = [models.Index(fields=["decided_on"])]

    def __str__(self):
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"


class HonourRecord(SubjectRecord):
    """A title (danh hiệu) or form (hình thức khen thưởng) received, by the year it was awarded for
    (titles) or of the decision (forms), with the decision that gave it. A revoked one (hủy bỏ,
    Luật TĐKT 2022, Điều 93) stays on record but counts for nothing."""

    code = models.CharField(_("title or form"), max_length=12, choices=HONOUR_CHOICES)
    year = models.PositiveSmallIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    # Set on records imported with a past decision (issue 13.4); the others name theirs in the fields above.
    past_decision = models.ForeignKey(
        PastDecision,
        verbose_name=_("past decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
    )

    class Meta:
        verbose_name = _("title or award received")
        verbose_name_plural = _("titles and awards received")
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="honour_one_subject"),
            # A title is given once a year; a form may come twice (e.g. regular and a movement's).
            models.UniqueConstraint(
                fields=["person", "code", "year"],
                condition=Q(person__isnull=False, code__in=TITLE_CODES),
                name="title_once_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["organization", "code", "year"],
                condition=Q(organization__isnull=False, code__in=TITLE_CODES),
                name="title_once_per_collective_year",
            ),
        ]
        indexes = [models.Index(fields=["code", "year"])]

    def __str__(self):
        return f"{self.subject} — {self.get_code_display()} {self.year}"


class Initiative(SubjectRecord):
    """A sáng kiến recognised, or a đề tài/đề án accepted (nghiệm thu), with its scope of effect."""

    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=list(INITIATIVE_KINDS.items()), default="sang_kien")
    scope = models.CharField(_("scope"), max_length=10, choices=list(INITIATIVE_SCOPES.items()))
    year = models.PositiveSmallIntegerField(_("year recognised"))
    recognized_by = models.CharField(_("recognised by (decision)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("initiative or research")
        verbose_name_plural = _("initiatives and research")
        ordering = ["-year", "id"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="initiative_one_subject")]

    def __str__(self):
        return self.title


class DisciplineRecord(models.Model):
    """A disciplinary measure on a person and the period it is in force (`end_date` empty: not ended)."""

    person = models.ForeignKey(
        "organizations.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="discipline_records"
    )
    form = models.CharField(_("form"), max_length=20, choices=list(DISCIPLINE_FORMS.items()))
    start_date = models.DateField(_("in force from"))
    end_date = models.DateField(_("in force until"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_organization = recorded_by_field()

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("discipline")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="discipline_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_form_display()}"

    @property
    def subject_organization(self):
        return self.person.organization


class ReviewFlag(SubjectRecord):
    """Under review (đang xem xét kỷ luật, điều tra, thanh tra, khiếu nại): commendation is withheld
    while the flag is open (Nghị định 98/2023 and 152/2025, Điều 4)."""

    reason = models.CharField(_("reason"), max_length=20, choices=list(REVIEW_REASONS.items()))
    opened_on = models.DateField(_("from"))
    closed_on = models.DateField(_("resolved on"), null=True, blank=True)
    recorded_by_organization = recorded_by_field()

    class Meta:
        verbose_name = _("under review")
        verbose_name_plural = _("under review")
        ordering = ["-opened_on"]
        constraints = [models.CheckConstraint(condition=ONE_SUBJECT, name="review_one_subject")]

    def __str__(self):
        return f"{self.subject} — {self.get_reason_display()}"
