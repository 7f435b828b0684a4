"""What a user may see of the year-end votes: those of the organisations their records scope covers."""

from django.db.models import QuerySet
from django.http import Http404

from tdkt.accounts.scope import scope_for
from tdkt.organizations.models import Organization

from .models import YearEndVote


def votes_for(user) -> QuerySet:
    return YearEndVote.objects.filter(scope_for(user, "record.view").q("organization__path")).select_related(
        "organization")


def vote_get(user, pk) -> YearEndVote:
    vote = votes_for(user).filter(pk=pk).first()
    if vote is None:
        raise Http404("Không tìm thấy danh sách bình xét.")
    return vote


def units_to_prepare(user) -> QuerySet:
    """The units whose year-end vote this user may prepare."""
    return Organization.objects.filter(scope_for(user, "yearend.prepare").q("path"), active_to__isnull=True).order_by(
        "path")
