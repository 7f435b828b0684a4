"""A submitted (nộp) statistical form: the cells as they were computed when it was sent, frozen, so
that later changes to the data show as the difference from what was reported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSubmission(models.Model):
    form_code = models.CharField(_("form"), max_length=4)  # "0601" … "0605"
    year = models.PositiveSmallIntegerField(_("year"))
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    cells = models.JSONField(_("figures"))  # {row code: {column key: number or null}}
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("submitted statistical report")
        verbose_name_plural = _("submitted statistical reports")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["form_code", "year", "organization", "-submitted_at"])]

    def __str__(self):
        return f"{self.form_code} {self.year} — {self.organization_id}"
