"""A plan as its plan file (domain/plan_file.py): what the plan page's download and
`GET /api/v1/movements/{id}/export` give, and what the import reads back into an equal plan.

Rows keep the order they were written in (participants, phases, milestones by id), so a plan
imported from its export is written in the same order as the original."""

from .domain.plan_file import FORMAT, format_date, format_number
from .models import ContentItem, Movement


def plan_export(movement: Movement) -> dict:
    block = movement.block
    participants = movement.participants.select_related("organization").order_by("pk")
    phases = list(movement.phases.order_by("position", "pk"))
    contents = list(movement.content_items.order_by("part", "position", "pk"))
    return {
        "format": FORMAT,
        "organization": movement.organization.code,
        "block": {"name": block.name, "year": block.year, "organizer": block.organizer.code} if block else None,
        "title": movement.title,
        "kind": movement.kind,
        "status": movement.status,
        "document_number": movement.document_number,
        "document_date": format_date(movement.document_date),
        "place": movement.place,
        "signer_title": movement.signer_title,
        "signer_name": movement.signer_name,
        "start_date": format_date(movement.start_date),
        "end_date": format_date(movement.end_date),
        "registration_deadline": format_date(movement.registration_deadline),
        "theme": movement.theme,
        "purposes": movement.purposes,
        "for_collectives": movement.for_collectives,
        "for_individuals": movement.for_individuals,
        "award_codes": list(movement.award_codes),
        "recipients": movement.recipients,
        "participants": [p.organization.code for p in participants],
        "phases": [
            {
                "name": p.name,
                "start_date": format_date(p.start_date),
                "end_date": format_date(p.end_date),
                "celebrates": p.celebrates,
            }
            for p in phases
        ],
        "milestones": [
            {
                "kind": m.kind,
                "name": m.name,
                "report_deadline": format_date(m.report_deadline),
                "data_from": format_date(m.data_from),
                "data_to": format_date(m.data_to),
                "phase": m.phase.name if m.phase else None,
                "meeting": m.meeting,
            }
            for m in movement.milestones.select_related("phase").order_by("pk")
        ],
        "targets": [
            {
                "label": t.label,
                "kind": t.kind,
                "subject": t.subject,
                "award_code": t.award_code or None,
                "min_rating": t.min_rating or None,
                "value": format_number(t.value),
                "year": t.year,
            }
            for t in movement.targets.order_by("position", "pk")
        ],
        "tasks": [
            {
                "quarter": t.quarter,
                "content": t.content,
                "lead": t.lead,
                "lead_organization": t.lead_organization.code if t.lead_organization else None,
                "executing": t.executing,
                "due_date": format_date(t.due_date),
                "status": t.status,
            }
            for t in movement.tasks.select_related("lead_organization").order_by("quarter", "position", "pk")
        ],
        "plan_contents": [c.text for c in contents if c.part == ContentItem.PLAN],
        "covenant_contents": [c.text for c in contents if c.part == ContentItem.COVENANT],
    }


def plan_file_name(movement: Movement) -> str:
    """An ASCII file name for the download: the plan's number, else its id."""
    number = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in movement.document_number).strip("-")
    return f"ke-hoach-{number or movement.pk}.json"
