"""Reads, always scoped to what the user may see. Out of scope reads as "not found"."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from tdkt.accounts.scope import scope_for
from tdkt.core.domain.text import search_terms

from .models import BlockMembership, EmulationBlock, Organization, Person


def _match_all(qs: QuerySet, query: str | None, field: str = "search_text") -> QuerySet:
    for term in search_terms(query):
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


@dataclass
class OrganizationFilters:
    query: str = ""
    kind: str = ""
    include_closed: bool = False
    parent_id: int | None = None


def organization_list(user, *, filters: OrganizationFilters | None = None, permission="organization.view") -> QuerySet:
    filters = filters or OrganizationFilters()
    qs = Organization.objects.filter(scope_for(user, permission).q("path")).select_related("parent")
    qs = _match_all(qs, filters.query)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if not filters.include_closed:
        qs = qs.filter(active_to__isnull=True)
    if filters.parent_id:
        qs = qs.filter(parent_id=filters.parent_id)
    return qs


def organization_get(user, pk, *, permission="organization.view") -> Organization:
    org = (
        organization_list(user, filters=OrganizationFilters(include_closed=True), permission=permission)
        .filter(pk=pk)
        .first()
    )
    if org is None:
        raise Http404("Không tìm thấy đơn vị.")
    return org


def organization_roots(user) -> list[Organization]:
    """The top of what the user sees: visible organisations whose parent is not visible."""
    visible = organization_list(user, filters=OrganizationFilters(include_closed=True))
    visible_ids = set(visible.values_list("pk", flat=True))
    return [o for o in visible.filter(depth__lte=8) if o.parent_id not in visible_ids][:200]


def organization_children(org: Organization, *, include_closed: bool = False) -> QuerySet:
    qs = org.children.annotate(
        people_count=Count("people", filter=Q(people__left_on__isnull=True), distinct=True),
        child_count=Count("children", distinct=True),
    ).order_by("name")
    return qs if include_closed else qs.filter(active_to__isnull=True)


@dataclass
class PersonFilters:
    query: str = ""
    organization_id: int | None = None
    include_subunits: bool = True
    category: str = ""
    sex: str = ""
    include_left: bool = False


def person_list(user, *, filters: PersonFilters | None = None, permission="person.view") -> QuerySet:
    filters = filters or PersonFilters()
    qs = Person.objects.filter(scope_for(user, permission).q("organization__path")).select_related("organization")
    qs = _match_all(qs, filters.query)
    if filters.organization_id:
        if filters.include_subunits:
            root = Organization.objects.filter(pk=filters.organization_id).values_list("path", flat=True).first()
            qs = qs.filter(organization__path__startswith=root) if root else qs.none()
        else:
            qs = qs.filter(organization_id=filters.organization_id)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.sex:
        qs = qs.filter(sex=filters.sex)
    if not filters.include_left:
        qs = qs.filter(left_on__isnull=True)
    if filters.query:
        # Names sort by surname, so the matches of "nguyen" sit together far down the order index,
        # and the planner, which expects them spread out, would walk most of the index to fill a
        # page. Ordered by an expression no index serves, a page is a sort of the matches (found
        # through the trigram index on PostgreSQL), no dearer than counting them. The same order:
        # search_text is lower-case already (fold_vi).
        return qs.order_by(Lower("search_text"), "id")
    return qs.order_by("search_text", "id")


def person_get(user, pk, *, permission="person.view") -> Person:
    person = person_list(user, filters=PersonFilters(include_left=True), permission=permission).filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy cán bộ.")
    return person


def block_list(user, *, year: int | None = None, query: str = "") -> QuerySet:
    """Blocks the user may see: organised within their scope, or with a member in it."""
    scope = scope_for(user, "block.view")
    qs = EmulationBlock.objects.select_related("organizer")
    if not scope.is_global:
        member_blocks = BlockMembership.objects.filter(scope.q("organization__path")).values("block_id")
        qs = qs.filter(scope.q("organizer__path") | Q(pk__in=member_blocks))
    if year:
        qs = qs.filter(year=year)
    qs = _match_all(qs, query)
    return qs.annotate(member_count=Count("memberships")).order_by("-year", "name")


def block_get(user, pk) -> EmulationBlock:
    block = block_list(user).filter(pk=pk).first()
    if block is None:
        raise Http404("Không tìm thấy khối thi đua.")
    return block


def block_members(block: EmulationBlock) -> QuerySet:
    return (
        block.memberships.select_related("organization")
        .annotate(
            people_count=Count("organization__people", filter=Q(organization__people__left_on__isnull=True)),
        )
        .order_by("position", "id")
    )
