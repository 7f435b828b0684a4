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
