"""Criteria templates, a block's scoring round, score sheets with evidence, reviews and published results.

A template's tree is stored as the contract's JSON (``definition``: items, bands, tie_break) and
always checked by ``domain.parse_template`` before it is saved. Scores are stored per leaf code:
``value`` is points for a points leaf and the count for a counted leaf, as the contract reads them.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.core.domain.signoff import sent_back_reason


class CriteriaTemplate(models.Model):
    """One version of a bảng tiêu chí chấm điểm. Frozen once a sheet uses it; a change then makes
    the next version (``previous`` points back, ``change_note`` says why)."""

    owner = models.ForeignKey(
        "organizations.Organization", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=40)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=255)
    definition = models.JSONField(_("criteria"))
    max_total = models.DecimalField(_("maximum total"), max_digits=9, decimal_places=2)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    change_note = models.CharField(_("reason for the new version"), max_length=500, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("criteria template")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "code", "version"], name="criteria_template_version_once"),
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Scoring open")  # members score themselves, reviewers review
    PUBLISHED = "published", _("Published")  # result published; sheets and reviews locked
    CORRECTING = "correcting", _("Being corrected")  # reopened by the head; publishing again makes a new version


class ScoringRound(models.Model):
    """The scoring of one emulation block's year (a block is per year) against one template."""

    block = models.OneToOneField(
        "organizations.EmulationBlock",
        verbose_name=_("emulation block"),
        on_delete=models.CASCADE,
        related_name="scoring",
    )
    template = models.ForeignKey(
        CriteriaTemplate, verbose_name=_("criteria template"), on_delete=models.PROTECT, related_name="rounds"
    )
    self_deadline = models.DateField(_("self-scoring deadline"))
    review_deadline = models.DateField(_("review deadline"), null=True, blank=True)
    # An item is flagged when the self-score exceeds the reviews' mean by more than this share of its maximum.
    flag_share = models.DecimalField(
        _("flag when self exceeds review by (share of maximum)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.20"),
    )
    status = models.CharField(_("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("scoring round")
        ordering = ["-block__year", "block__name"]

    def __str__(self):
        return str(self.block)


class ReviewerAssignment(models.Model):
    """A reviewing organisation the head added besides the block's head and deputies."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "reviewer"], name="reviewer_assigned_once")]

    def __str__(self):
        return f"{self.reviewer} — {self.round}"


class SheetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNOFF = "awaiting_signoff", _("Awaiting the leader's sign-off")  # the officer put it before the leader
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")  # the head sent it back with a reason; the member corrects and submits


class ScoreSheet(models.Model):
    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="sheets")
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices, default=SheetStatus.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    was_late = models.BooleanField(_("submitted late"), default=False)
    return_reason = models.CharField(_("reason for return"), max_length=500, blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "organization"], name="score_sheet_once")]

    def __str__(self):
        return f"{self.organization} — {self.round}"

    @property
    def editable(self) -> bool:
        return self.status in (SheetStatus.DRAFT, SheetStatus.RETURNED)

    @property
    def sent_back_reason(self) -> str:
        """The unit leader's reason while a sheet the leader sent back is with the officer again
        (the sign-off keeps it in return_reason, marked; services/sheets.py sheet_act)."""
        if self.status not in (SheetStatus.DRAFT, SheetStatus.RETURNED):
            return ""
        return sent_back_reason(self.return_reason)


class SheetEntry(models.Model):
    """The member's own score of one leaf: points, or the count for a counted leaf."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="entries")
    item_code = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sheet", "item_code"], name="sheet_entry_once")]

    def __str__(self):
        return f"{self.item_code}: {self.value}"


class Evidence(models.Model):
    """A file proving an item of a sheet (minh chứng); served only as an attachment."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="evidence")
    item_code = models.CharField(max_length=40)
    file = models.FileField(upload_to="evidence/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item_code", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Being reviewed")
    COMPLETED = "completed", _("Completed")  # counts in the final score
    RECUSED = "recused", _("Recused (conflict of interest)")  # the reviewer declared a conflict; never counts


class Review(models.Model):
    """One reviewing organisation's scoring of one member's sheet (chấm thẩm định)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        "organizations.Organization", verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    recusal_reason = models.CharField(_("conflict of interest"), max_length=500, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sheet", "reviewer"], name="review_once_per_reviewer"),
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.sheet.organization}"


class ReviewEntry(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    item_code = models.CharField(max_length=40)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "item_code"], name="review_entry_once")]

    def __str__(self):
        return f"{self.item_code}: {self.value}"


class FrozenQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionError("Kết quả đã công bố không được xóa.")


class ScoringResult(models.Model):
    """A published result: frozen. A correction publishes the next version with its reason and the
    earlier one stops being current (the only change a published result ever gets)."""

    round = models.ForeignKey(ScoringRound, on_delete=models.PROTECT, related_name="results")
    version = models.PositiveSmallIntegerField(_("version"))
    template = models.ForeignKey(CriteriaTemplate, on_delete=models.PROTECT, related_name="+")
    is_current = models.BooleanField(default=True)
    reason = models.CharField(_("reason for the correction"), max_length=500, blank=True)
    data = models.JSONField()  # the contract's output plus flags and per-section maxima, as published
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"))

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["round", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["round", "version"], name="result_version_once"),
            models.UniqueConstraint(fields=["round"], condition=Q(is_current=True), name="result_one_current"),
        ]

    def __str__(self):
        return f"{self.round} — v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Kết quả đã công bố không được sửa; hãy công bố phiên bản mới.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Kết quả đã công bố không được xóa.")


class ResultRow(models.Model):
    """One unit's line of a published result (what the eligibility engine reads as "leads the block")."""

    result = models.ForeignKey(ScoringResult, on_delete=models.PROTECT, related_name="rows")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    self_total = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    final_total = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    band = models.CharField(max_length=100, blank=True)
    rank = models.PositiveSmallIntegerField(null=True)
    position = models.PositiveSmallIntegerField()

    objects = FrozenQuerySet.as_manager()

    class Meta:
        ordering = ["result", "position"]
        constraints = [models.UniqueConstraint(fields=["result", "organization"], name="result_row_once")]

    def __str__(self):
        return f"{self.organization}: {self.rank}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Kết quả đã công bố không được sửa.")
        super().save(*args, **kwargs)
