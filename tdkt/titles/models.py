"""A unit's year-end vote on titles: the list the engine proposes, the council's tally, the head's
one decision that writes every title into the records (and proposes TTLĐXS upward), its revocation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class VoteState(models.TextChoices):
    DRAFT = "draft", _("List prepared")
    VOTED = "voted", _("Council has voted")
    DECIDED = "decided", _("Decided")
    REVOKED = "revoked", _("Revoked")


class YearEndVote(models.Model):
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("unit"), on_delete=models.PROTECT,
                                     related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("status"), max_length=10, choices=VoteState.choices, default=VoteState.DRAFT)
    on_date = models.DateField(_("eligibility checked as of"))
    meeting_date = models.DateField(_("council meeting date"), null=True, blank=True)
    members = models.PositiveSmallIntegerField(_("council members"), null=True, blank=True)
    present = models.PositiveSmallIntegerField(_("members present"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    docx = models.FileField(upload_to="yearend/%Y/", blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason for revocation"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("year-end vote on titles")
        ordering = ["-year", "organization__name"]
        constraints = [
            # One live vote per unit and year; a revoked one stays beside its replacement.
            models.UniqueConstraint(fields=["organization", "year"], condition=~Q(state="revoked"),
                                    name="yearend_vote_once_a_year"),
        ]

    def __str__(self):
        return f"{self.organization} — {self.year}"


class YearEndCandidate(models.Model):
    vote = models.ForeignKey(YearEndVote, on_delete=models.CASCADE, related_name="candidates")
    award = models.CharField(_("title awarded"), max_length=12)
    person = models.ForeignKey("organizations.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    collective = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    name = models.CharField(_("name"), max_length=300)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=300, blank=True)
    verdict = models.CharField(_("check"), max_length=20)  # eligible, needs_review, ineligible
    reasons = models.TextField(_("why"), blank=True)
    included = models.BooleanField(_("put to the vote"), default=True)
    yes_votes = models.PositiveSmallIntegerField(_("yes votes"), null=True, blank=True)
    passed = models.BooleanField(_("carried"), default=False)
    amount = models.PositiveIntegerField(_("reward (đồng)"), default=0)
    honour_record = models.OneToOneField("records.HonourRecord", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    proposal_mark = models.OneToOneField("rules.ProposalMark", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")

    class Meta:
        ordering = ["vote", "award", "organization_name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="yearend_candidate_one_subject",
            ),
            models.UniqueConstraint(fields=["vote", "award", "person"], condition=Q(person__isnull=False),
                                    name="yearend_person_once"),
            models.UniqueConstraint(fields=["vote", "award", "collective"], condition=Q(collective__isnull=False),
                                    name="yearend_collective_once"),
        ]

    def __str__(self):
        return f"{self.name} — {self.award}"

    @property
    def is_collective(self) -> bool:
        return self.collective_id is not None
