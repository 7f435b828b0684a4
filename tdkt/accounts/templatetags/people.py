"""``{% load people %}{{ user|person }}``: the person who acted, by name and organisation
("Phạm Thị Lan (Sở Tài chính)"), as histories, the audit log and status lines show them — not the
login ("canbo"). ``{{ event|actor }}`` does the same for an audit event, falling back on the login
it recorded when the account is gone."""

from django import template

register = template.Library()

NOBODY = "—"


@register.filter
def person(user):
    if user is None or user == "":
        return NOBODY
    display = getattr(user, "display_name", None)
    return display if display is not None else str(user)


@register.filter
def actor(event):
    if event is None:
        return NOBODY
    if event.actor_id is not None and event.actor is not None:
        return person(event.actor)
    return event.actor_label or NOBODY
