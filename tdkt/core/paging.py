"""Paging long lists from whichever end is nearer.

`OFFSET n` makes the database walk n rows before the page it returns, so the last page of 100,000
people read in name order cost a walk (or a sort) of the whole table. Read backwards, the last page
is the first: a page in the back half is fetched in the reverse order with the smaller offset and
turned round here. With an index that matches the order (tie-breaker included) both ends are as
cheap as the first page; the middle costs at most half a walk of the index, never a sort.

The reversed read is the exact mirror only when the order is total: the queryset must end its
order_by with a unique column ("pk", "id"), which `rows_from_nearer_end` checks.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet

UNIQUE_LAST = {"pk", "id", "-pk", "-id"}


def rows_from_nearer_end(queryset: QuerySet, offset: int, limit: int, count: int) -> list:
    """`queryset[offset:offset + limit]` as a list, read backwards when the end is nearer.

    `count` is the queryset's length (the caller has it already for the page's total).
    """
    order = queryset.query.order_by or queryset.model._meta.ordering
    if not queryset.ordered or not order or str(order[-1]) not in UNIQUE_LAST:
        raise ValueError(f"paging from the end needs an order ending with the primary key, not {order!r}")
    limit = max(0, min(limit, count - offset))
    from_end = count - offset - limit
    if from_end >= offset or limit == 0:
        return list(queryset[offset : offset + limit])
    rows = list(queryset.reverse()[from_end : from_end + limit])
    rows.reverse()
    return rows


class TwoEndedPaginator(Paginator):
    """Django's paginator (same pages, numbers and orphans) whose pages come from the nearer end."""

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = rows_from_nearer_end(self.object_list, bottom, top - bottom, self.count)
        return self._get_page(rows, number, self)
