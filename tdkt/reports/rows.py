"""The columns of a cell's list of records, per source: what each record shows and where it links."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.records.domain.codes import honour_label

METHOD_LABELS = {"thuong_xuyen": "Thường xuyên", "chuyen_de": "Chuyên đề", "dot_xuat": "Đột xuất"}

HEADERS = {
    "honours": (_("Person or collective"), _("Organisation"), _("Title or form"), _("Year"), _("Decision number"),
                _("Issued by"), _("Method")),
    "movements": (_("Movement"), _("Issued by"), _("From"), _("To"), _("Kind")),
    "units": (_("Organisation"), _("Parent organisation"), _("TĐKT unit kind")),
    "officers": (_("Full name"), _("Organisation"), _("Sex"), _("Date of birth"), _("Education level"),
                 _("In TĐKT work since")),
}


def fetched(source: str, qs):
    related = {
        "honours": ("person__organization", "organization__parent"),
        "movements": ("organization",),
        "units": ("parent",),
        "officers": ("organization",),
    }[source]
    return qs.select_related(*related)


def values(source: str, obj) -> list:
    if source == "honours":
        subject_org = obj.person.organization if obj.person_id else obj.organization.parent
        return [str(obj.subject), str(subject_org or ""), honour_label(obj.code), obj.year, obj.decision_number,
                obj.issuer, METHOD_LABELS.get(obj.d_method, obj.d_method)]
    if source == "movements":
        return [obj.title, str(obj.organization), obj.start_date, obj.end_date, obj.get_kind_display()]
    if source == "units":
        return [obj.name, str(obj.parent or ""), obj.get_tdkt_unit_kind_display()]
    return [obj.full_name, str(obj.organization), obj.get_sex_display(), obj.date_of_birth,
            obj.get_education_level_display(), obj.in_tdkt_work_since]


def link(source: str, obj) -> str:
    if source == "honours":
        return (reverse("organizations:person", args=[obj.person_id]) if obj.person_id
                else reverse("organizations:detail", args=[obj.organization_id]))
    if source == "movements":
        return reverse("movements:detail", args=[obj.pk])
    if source == "units":
        return reverse("organizations:detail", args=[obj.pk])
    return reverse("organizations:person", args=[obj.pk])
