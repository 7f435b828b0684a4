"""A province's catalogue built from the law's (``domain.law_catalogue``): every title and form the
province does not have yet, in its 2024 and 2025 versions; and each of the province's own forms that
still cites Nghị định 98/2023 carried into 01/07/2025 with Nghị định 152/2025 in its place.

Idempotent: a version already there (same code, same start) is left as the province keeps it, so
running it again after a clerk's edits changes nothing of theirs.
"""

import re

from django.db import transaction
from django.db.models import Q

from tdkt.audit.models import AuditEventType
from tdkt.audit.services import audit_record
from tdkt.organizations.models import Organization

from ..domain.law_catalogue import FROM_2025, LAW_FORMS, LawForm, LawVersion
from ..models import AwardForm, Level
from .catalogue import _require_admin, form_create, form_new_version

OLD_DECREE = re.compile(r"Nghị định (số )?98/2023(/NĐ-CP)?(, Điều \d+( khoản \d+)?)?")


def _fields(law: LawForm, version: LawVersion, province: Organization) -> dict:
    return {
        "name": version.name,
        "certificate_title": law.certificate_title,
        "record_code": law.record_code,
        "for_individual": "individual" in law.targets,
        "for_collective": "collective" in law.targets,
        "for_household": "household" in law.targets,
        "level": version.level,
        # The province decides its own level's forms; the central level and the units (their heads) others.
        "issuer": province if version.level in (Level.PROVINCE, Level.DEPARTMENT) else None,
        "decider_title": version.decider_title.upper(),
        "needs_ballot": version.needs_ballot,
        "ballot_threshold": version.ballot_threshold,
        "needs_notice": version.needs_notice,
        "notice_working_days": version.notice_working_days,
        "coefficient_individual": version.coefficient_individual,
        "coefficient_collective": version.coefficient_collective,
        "components": [dict(c) for c in version.components],
        "copies": version.copies,
        "legal_ref": version.legal_ref,
    }


def _code(law: LawForm, version: LawVersion, suffix: str) -> str:
    # Central and unit-level forms are one row for every province; a province's own carry its suffix.
    return law.code + suffix if version.level in (Level.PROVINCE, Level.DEPARTMENT) else law.code


@transaction.atomic
def catalogue_install_law(*, actor, province: Organization, suffix: str = "") -> dict:
    """Add the law's titles and forms the catalogue lacks for ``province`` and carry the province's
    forms into the 2025 regime. ``suffix`` tells one province's rows from another's ("_HT") when
    several share a database. Returns counts: added versions, carried forms."""
    _require_admin(actor)
    added = carried = 0
    for law in LAW_FORMS:
        for version in law.versions:
            code = _code(law, version, suffix)
            versions = AwardForm.objects.filter(code=code)
            if versions.filter(effective_from=version.effective_from).exists():
                continue
            latest = versions.order_by("-effective_from").first()
            fields = _fields(law, version, province)
            if latest is None:
                form = form_create(actor=actor, code=code, effective_from=version.effective_from, **fields)
                if version.effective_to:
                    form.effective_to = version.effective_to
                    form.save(update_fields=["effective_to"])
                added += 1
            elif latest.effective_from < version.effective_from:
                # The province's own row for this code: keep its issuer, copies and ballot; take the
                # law's citation, and its decider where the province had the law's previous one.
                previous = law.on(latest.effective_from)
                changes = {"legal_ref": version.legal_ref, "name": version.name}
                if previous and latest.decider_title.casefold() == previous.decider_title.casefold():
                    changes["decider_title"] = version.decider_title.upper()
                form_new_version(actor=actor, form=latest, effective_from=version.effective_from, **changes)
                added += 1
    law_codes = {_code(law, v, suffix) for law in LAW_FORMS for v in law.versions}
    own = AwardForm.objects.filter(Q(issuer=province) | Q(issuer__parent=province)).exclude(code__in=law_codes)
    for form in own.filter(effective_from__lt=FROM_2025, effective_to__isnull=True):
        if OLD_DECREE.search(form.legal_ref):
            legal_ref = OLD_DECREE.sub("Nghị định 152/2025/NĐ-CP", form.legal_ref)
            form_new_version(actor=actor, form=form, effective_from=FROM_2025, legal_ref=legal_ref)
            carried += 1
    audit_record(event_type=AuditEventType.AWARD_FORM_CHANGED, actor=actor, target=province, organization=province,
                 after={"law_catalogue": {"added": added, "carried": carried}})
    return {"added": added, "carried": carried}
