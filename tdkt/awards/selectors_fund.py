"""Reads of the award fund, scoped: a fund is seen by the issuer's standing office, council members
and approver (a grant covering the issuer) and by the admin; set by the standing office and the
admin. A unit's officers see no fund, not even their own organisation's (out of scope = 404).

What decisions drew is summed from their awardees' money in the database (one query for a list),
so the figures are those the decisions and their documents show.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from tdkt.organizations.models import Organization

from .access import AUTHORITY_ROLES
from .domain.fund import Drawing, FundBalance, fund_balance
from .models import Awardee, AwardForm, Decision
from .models_fund import AwardFund
from .selectors import role_scope

FUND_VIEWERS = AUTHORITY_ROLES
FUND_KEEPERS = ("standing_office",)


def _covering(field: str, everything: bool, paths: list[str]) -> Q:
    if everything:
        return Q()
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q


def can_keep_fund(user, issuer: Organization) -> bool:
    """Whether ``user`` sets the allocation of ``issuer``'s funds (its standing office, the admin)."""
    everything, paths = role_scope(user, FUND_KEEPERS)
    return everything or any(issuer.path.startswith(p) for p in paths)


def _money(*, revoked: bool | None = None):
    """The awardees' money of the fund's issuer and year (only revoked decisions' when asked)."""
    awardees = Awardee.objects.filter(decision__issuer=OuterRef("issuer"), decision__year=OuterRef("year"))
    if revoked is not None:
        awardees = awardees.filter(decision__revoked_on__isnull=not revoked)
    total = awardees.order_by().values("decision__issuer").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def fund_list(user, *, year: int | None = None, issuer_id: int | None = None) -> QuerySet:
    """The funds ``user`` sees, each with ``drawn`` (every decision of the year) and ``returned``
    (the revoked ones'); ``balance_of(fund)`` gives the rest."""
    everything, paths = role_scope(user, FUND_VIEWERS)
    qs = (AwardFund.objects.filter(_covering("issuer__path", everything, paths))
          .select_related("issuer").annotate(drawn=_money(), returned=_money(revoked=True)))
    if year:
        qs = qs.filter(year=year)
    if issuer_id:
        qs = qs.filter(issuer_id=issuer_id)
    return qs.order_by("-year", "issuer__name", "pk")


def fund_get(user, pk) -> AwardFund:
    fund = fund_list(user).filter(pk=pk).first()
    if fund is None:
        raise Http404("Không tìm thấy quỹ thi đua, khen thưởng.")
    return fund


def balance_of(fund: AwardFund) -> FundBalance:
    """The balance of a fund read through ``fund_list`` (its sums annotated) or, otherwise, summed now."""
    if hasattr(fund, "drawn") and hasattr(fund, "returned"):
        return FundBalance(allocation=fund.allocation, drawn=fund.drawn, returned=fund.returned)
    return fund_balance(fund.allocation, (Drawing(d.money, d.revoked_on is not None)
                                          for d in fund_decisions(fund)))


def fund_decisions(fund: AwardFund) -> QuerySet:
    """Every decision of the fund's issuer and year, oldest first, each with its awardees' count and
    ``money``: the report's lines. Revoked decisions stay, marked: their money went back."""
    return (Decision.objects.filter(issuer_id=fund.issuer_id, year=fund.year)
            .annotate(awardee_count=Count("awardees"),
                      money=Coalesce(Sum("awardees__amount"), Value(0), output_field=IntegerField()))
            .order_by("date", "number", "pk"))


def fund_state(issuer: Organization, year: int) -> tuple[AwardFund, FundBalance] | None:
    """The fund of ``issuer`` for ``year`` and its balance, or None when none was set (then a decision
    is not checked against any fund). Not scoped: the decision's service and its confirmation page
    ask it for the issuer they act for."""
    fund = (AwardFund.objects.filter(issuer=issuer, year=year)
            .annotate(drawn=_money(), returned=_money(revoked=True)).first())
    if fund is None:
        return None
    return fund, balance_of(fund)


def fund_issuers(user) -> QuerySet:
    """The organisations whose fund ``user`` may set: those that decide a title or form of the
    catalogue or have issued a decision, within the user's standing office grants (all for the admin)."""
    everything, paths = role_scope(user, FUND_KEEPERS)
    deciding = Q(pk__in=AwardForm.objects.filter(issuer__isnull=False).values("issuer_id")) | Q(
        pk__in=Decision.objects.values("issuer_id"))
    return Organization.objects.filter(deciding, _covering("path", everything, paths)).order_by("path", "name")
