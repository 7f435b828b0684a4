"""The inbox ("Việc cần làm"): everything that waits for one user's action, grouped and counted.

This app is below movements, scoring and awards and never imports them. Each of those apps
registers providers in its own `inbox` module (found by `NotificationsConfig.ready`): a provider
is a function `(user, today) -> list[Item]` that counts with a fixed number of aggregate queries
(never one query per row) and scopes with the user's role grants, so a unit never counts another
organisation's work. Adding a kind of work is one small provider.

Items come out most urgent first: those with a due date by date (overdue first), then the others
by how long they have waited.
"""

import datetime
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.models import User
from tdkt.accounts.scope import Scope, role_paths
from tdkt.organizations.models import ImportJob, ImportStatus


@dataclass(frozen=True)
class Item:
    kind: str  # stable code, e.g. "dossier_to_receive"
    title: str  # what to do, for people
    count: int
    url: str  # the list where the work is done
    group: str  # "awards", "scoring", "movements", "deadlines", "jobs"
    due: datetime.date | None = None  # the earliest deadline among the counted work
    since: datetime.datetime | None = None  # the oldest piece of work has waited since
    # False for a summary of work other items already count (deadlines of the week): shown, not added.
    in_total: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


Provider = Callable[..., list[Item]]
_PROVIDERS: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Decorator: add a provider (registered once by its qualified name, so a re-import is harmless)."""
    _PROVIDERS[f"{provider.__module__}.{provider.__qualname__}"] = provider
    return provider


def providers() -> list[Provider]:
    return list(_PROVIDERS.values())


def _as_datetime(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)


def _order(item: Item):
    far = datetime.date.max
    since = _as_datetime(item.since) or datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return (item.due is None, item.due or far, since, item.kind)


def inbox_for(user, *, today: datetime.date | None = None) -> list[Item]:
    """What waits for `user`, most urgent first; nothing for anonymous or inactive users."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    today = today or timezone.localdate()
    items = [item for provider in providers() for item in provider(user, today) if item.count > 0]
    return sorted(items, key=_order)


def total(items: list[Item]) -> int:
    return sum(item.count for item in items if item.in_total)


def inbox_for_request(request) -> list[Item]:
    """The inbox of the request's user, computed once per request (the home page and the menu's
    total share it)."""
    cached = getattr(request, "_tdkt_inbox", None)
    if cached is None:
        cached = inbox_for(getattr(request, "user", None))
        request._tdkt_inbox = cached
    return cached


# --- helpers for providers -----------------------------------------------------------------------


def grant_scope(user, *roles: str) -> Scope:
    """The subtrees where `user` holds one of `roles` itself. Unlike `scope_for`, the system
    administrator's global grant does not count: an administrator is not every unit's clerk, and
    their inbox would count the whole province's work as theirs."""
    paths = sorted({path for role, path in role_paths(user) if role in roles and path})
    minimal = tuple(p for p in paths if not any(o != p and p.startswith(o) for o in paths))
    return Scope(False, minimal)


def is_admin(user) -> bool:
    """The system administrator: the receiving side's work of the whole system shows in their inbox
    (what is stuck anywhere), never the units' own paperwork."""
    return bool(getattr(user, "is_superuser", False)) or any(role == "admin" for role, _path in role_paths(user))


def receiving_scope(user, *roles: str) -> Scope:
    """`grant_scope` for the receiving side's roles; the whole system for the administrator."""
    return Scope(True, ()) if is_admin(user) else grant_scope(user, *roles)


@register
def accounts_without_role(user, today: datetime.date) -> list[Item]:
    """Active accounts nobody gave a role yet: they see nothing until the administrator does."""
    if not is_admin(user):
        return []
    row = User.objects.filter(is_active=True, is_superuser=False, role_grants__isnull=True).aggregate(
        n=Count("pk"), since=Min("date_joined"))
    if not row["n"]:
        return []
    return [Item("account_without_role", _("Accounts waiting for a role"), row["n"], reverse("accounts:users"),
                 "accounts", since=row["since"])]


# --- the work of this app's own kind: the user's imports ----------------------------------------

RECENT_DAYS = 7  # finished jobs stay in the inbox this long


@register
def imports_finished(user, today: datetime.date) -> list[Item]:
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    rows = (
        ImportJob.objects.filter(created_by=user, finished_at__gte=since, status__in=(ImportStatus.DONE,
                                                                                     ImportStatus.FAILED))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), first=Min("finished_at"))
    )
    url = reverse("organizations:imports")
    titles = {ImportStatus.FAILED: _("Imports that failed"), ImportStatus.DONE: _("Imports finished")}
    kinds = {ImportStatus.FAILED: "import_failed", ImportStatus.DONE: "import_done"}
    return [Item(kinds[r["status"]], titles[r["status"]], r["n"], url, "jobs", since=r["first"]) for r in rows]
