"""Reads of account data, always the caller's own."""

from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone

from .models import ApiToken, LoginFailure


def api_tokens_of(user):
    """The user's API tokens still in force, newest first. Only their hashes are stored, so a
    token is named by when and where it was issued and when it was last used."""
    return ApiToken.objects.filter(user=user, expires_at__gt=timezone.now()).order_by("-created_at", "-pk")


def api_token_get(user, pk: int) -> ApiToken:
    """One of the user's own tokens; anyone else's (or an expired one) is "not found"."""
    token = api_tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404("Không tìm thấy token này trong các token của bạn.")
    return token


def login_failures_of(account) -> list[dict]:
    """For the administrator: the addresses where the account's name failed to log in, with how
    many failures each and how long the name must still wait there (seconds, 0 if it may try)."""
    from .services import login_wait_seconds  # the same rule that refuses the login

    name = account.username.lower()
    rows = (
        LoginFailure.objects.filter(username=name)
        .values("ip_address")
        .annotate(failures=Count("pk"), last=Max("created_at"))
        .order_by("-last")
    )
    return [{**row, "wait": login_wait_seconds(username=name, ip_address=row["ip_address"])} for row in rows]
