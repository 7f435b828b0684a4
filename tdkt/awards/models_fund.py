"""The award fund (Quỹ thi đua, khen thưởng) of an issuing organisation for one year: the allocation
the organisation sets aside. What its decisions draw from it is not stored here but summed from
their awardees' money (``Awardee.amount``), so the balance can never drift from the decisions."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardFund(models.Model):
    issuer = models.ForeignKey("organizations.Organization", verbose_name=_("issuing organisation"),
                               on_delete=models.PROTECT, related_name="award_funds")
    year = models.PositiveSmallIntegerField(_("year"))
    # Whole đồng: a BigInteger, since a province's fund passes the 2,1 billion an IntegerField holds.
    allocation = models.PositiveBigIntegerField(_("allocation (đồng)"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("award fund")
        ordering = ["-year", "issuer__name"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="award_fund_once_a_year"),
            models.CheckConstraint(condition=models.Q(allocation__gt=0), name="award_fund_allocation_positive"),
        ]

    def __str__(self):
        return f"{self.issuer} — {self.year}"
