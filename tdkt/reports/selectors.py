"""Reads for the TT02 forms: each form computed for a year and an organisation's scope by one GROUP BY
query, and the records behind any cell.

Every source (awards, movements, TĐKT units, TĐKT officers) is a queryset of the records in the
scope whose dimensions (recipient, method, duration, age band, …) are SQL expressions (CASE … WHEN);
a form's cells are the sums of the counted groups that meet each cell's criteria (domain/layout.py),
and a cell's list is the same queryset filtered by the same criteria: the number and the list can
never disagree. No Python loop over people or records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from tdkt.accounts.scope import scope_for
from tdkt.awards.models import Awardee
from tdkt.movements.models import Movement
from tdkt.organizations.models import Organization, Person
from tdkt.records.models import HonourRecord

from .domain import tt02_0601, tt02_0605
from .domain.forms import FORMS
from .domain.layout import Criteria, Form, cell_criteria, fill
from .domain.tt02_awards import DEFAULT_METHOD, ROUND_KIND_METHOD
from .models import ReportSubmission

PERMISSION = "record.view"
PREFIX = "d_"  # annotation names, kept apart from the models' own fields (Person.sex)


def form_get(code: str) -> Form:
    form = FORMS.get(code)
    if form is None:
        raise Http404("Không có biểu này.")
    return form


# -- the organisation a report is for --------------------------------------------------------------

def reporting_organizations(user) -> QuerySet:
    """The organisations the user may report for: every one in their "record.view" scope."""
    return Organization.objects.filter(scope_for(user, PERMISSION).q("path")).order_by("path")


def default_organization(user) -> Organization | None:
    """The province by default: the top organisation of the user's scope (the first, for an administrator)."""
    scope = scope_for(user, PERMISSION)
    if scope.is_empty:
        return None
    return reporting_organizations(user).order_by("depth", "path").first()


def report_organization(user, organization_id=None) -> Organization:
    if organization_id in (None, ""):
        org = default_organization(user)
    else:
        org = reporting_organizations(user).filter(pk=organization_id).first()
    if org is None:
        raise Http404("Không tìm thấy đơn vị.")
    return org


# -- the sources, with their dimensions as SQL ------------------------------------------------------

def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _form_codes(form: Form) -> list[str]:
    """The title and award codes a form's cells ask for: the query reads no other record."""
    return sorted({code for part in (*form.columns, *form.rows) for code in part.criteria.get("code", ())})


def _honours(year: int, org: Organization, form: Form) -> tuple[QuerySet, tuple[str, ...]]:
    # One correlated lookup per record (the awardee is unique per record); the CASE sits inside it so
    # that PostgreSQL evaluates the subquery once per row, not once per WHEN.
    method = Coalesce(
        Subquery(Awardee.objects.filter(honour_record=OuterRef("pk")).order_by().annotate(
            m=Case(*(When(decision__dossier__round__kind=kind, then=Value(m))
                     for kind, m in ROUND_KIND_METHOD.items()), default=Value(DEFAULT_METHOD),
                   output_field=CharField())).values("m")[:1]),
        Value(DEFAULT_METHOD), output_field=CharField(),
    )
    recipient = Case(
        When(person__isnull=True, organization__kind="enterprise", then=Value("enterprise")),
        When(person__isnull=True, then=Value("collective")),
        When(person__is_manager=True, person__organization__kind="enterprise", then=Value("businessperson")),
        When(person__is_manager=True, person__organization__level="province", then=Value("leader_province")),
        When(person__is_manager=True, person__organization__kind__in=("department", "agency", "district"),
             then=Value("leader_department")),
        When(person__is_manager=True, then=Value("leader_other")),
        default=Value("worker"), output_field=CharField(),
    )
    qs = (HonourRecord.objects
          .filter(year=year, revoked_on__isnull=True, code__in=_form_codes(form))
          .filter(Q(person__organization__path__startswith=org.path) | Q(organization__path__startswith=org.path))
          .annotate(d_code=F("code"), d_recipient=recipient, d_method=method,
                    # Every award of a province's people went up through the province (TT02 0602, row 03).
                    d_submitter=Value("province", output_field=CharField())))
    return qs, ("code", "recipient", "method", "submitter")


def _movements(year: int, org: Organization, _form: Form) -> tuple[QuerySet, tuple[str, ...]]:
    span = ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField())
    days = datetime.timedelta  # the span is end − start: one day less than the days the movement lasts
    duration = Case(
        When(d_span__lt=days(tt02_0601.ONE_YEAR_DAYS[0] - 1), then=Value("lt1")),
        When(d_span__lte=days(tt02_0601.ONE_YEAR_DAYS[1] - 1), then=Value("y1")),
        When(d_span__lt=days(tt02_0601.THREE_YEARS_DAYS - 1), then=Value("y1_3")),
        When(d_span__lt=days(tt02_0601.FIVE_YEARS_DAYS - 1), then=Value("y3_5")),
        default=Value("ge5"), output_field=CharField(),
    )
    qs = (Movement.objects
          .exclude(status="draft")
          .filter(organization__path__startswith=org.path, start_date__lte=_year_end(year),
                  end_date__gte=datetime.date(year, 1, 1))
          .annotate(d_span=span)
          .annotate(
              d_launcher=Case(When(organization__level="province", then=Value("province")),
                              default=Value("unit"), output_field=CharField()),
              d_scope=Case(When(block__isnull=False, then=Value("block")),
                           When(organization__level="province", then=Value("local")),
                           default=Value("unit"), output_field=CharField()),
              d_duration=duration,
              d_method=Case(When(kind="regular", then=Value("thuong_xuyen")),
                            default=Value("chuyen_de"), output_field=CharField()),
          ))
    return qs, ("launcher", "scope", "duration", "method")


def _units(year: int, org: Organization, _form: Form) -> tuple[QuerySet, tuple[str, ...]]:
    end = _year_end(year)
    qs = (Organization.objects
          .filter(path__startswith=org.path)
          .exclude(tdkt_unit_kind="")
          .filter(Q(active_to__isnull=True) | Q(active_to__gt=end))
          .filter(Q(active_from__isnull=True) | Q(active_from__lte=end))
          .annotate(d_unit_kind=F("tdkt_unit_kind")))
    return qs, ("unit_kind",)


def _bands(field: str, year: int, bands, unknown: str = "unknown") -> Case:
    """Bands of whole years at 31/12 of `year` counted from a date's year, as date comparisons: a
    band (key, low, high) holds the dates whose year is within year − high … year − low."""
    whens = [When(**{f"{field}__isnull": True}, then=Value(unknown))]
    for key, _low, high in bands:
        if high is not None:
            whens.append(When(**{f"{field}__gte": datetime.date(year - high, 1, 1)}, then=Value(key)))
    last = next(key for key, _low, high in bands if high is None)
    return Case(*whens, default=Value(last), output_field=CharField())


def _officers(year: int, org: Organization, _form: Form) -> tuple[QuerySet, tuple[str, ...]]:
    end = _year_end(year)
    qs = (Person.objects
          .filter(is_tdkt_officer=True, organization__path__startswith=org.path)
          .filter(Q(left_on__isnull=True) | Q(left_on__gt=end))
          .annotate(d_age=_bands("date_of_birth", year, tt02_0605.AGE_BANDS),
                    d_education=F("education_level"),
                    d_seniority=_bands("in_tdkt_work_since", year, tt02_0605.SENIORITY_BANDS),
                    d_sex=F("sex")))
    return qs, ("age", "education", "seniority", "sex")


SOURCES = {"honours": _honours, "movements": _movements, "units": _units, "officers": _officers}


# -- forms and cells --------------------------------------------------------------------------------

@dataclass
class Report:
    form: Form
    year: int
    organization: Organization
    cells: dict[str, dict[str, int | None]]


def groups(form: Form, *, year: int, organization: Organization) -> list[tuple[dict[str, str], int]]:
    """The records of the form's source counted per combination of their dimensions (one GROUP BY)."""
    qs, dims = SOURCES[form.source](year, organization, form)
    names = [PREFIX + d for d in dims]
    rows = qs.order_by().values(*names).annotate(n=Count("pk"))
    return [({d: row[PREFIX + d] for d in dims}, row["n"]) for row in rows]


def report_compute(form: Form, *, year: int, organization: Organization) -> Report:
    return Report(form, year, organization, fill(form, groups(form, year=year, organization=organization)))


def _filtered(qs: QuerySet, criteria: Criteria) -> QuerySet:
    return qs.filter(**{f"{PREFIX}{dim}__in": sorted(values) for dim, values in criteria.items()})


def cell_records(form: Form, *, year: int, organization: Organization, row_code: str, column_key: str) -> QuerySet:
    """The records a cell counts (none for a cell the form leaves empty)."""
    try:
        criteria = cell_criteria(form, row_code, column_key)
    except KeyError:
        raise Http404("Không có ô này trong biểu.") from None
    qs, _dims = SOURCES[form.source](year, organization, form)
    return qs.none() if criteria is None else _filtered(qs, criteria).order_by("pk")


def last_submission(form: Form, *, year: int, organization: Organization) -> ReportSubmission | None:
    return (ReportSubmission.objects.filter(form_code=form.code, year=year, organization=organization)
            .select_related("submitted_by").order_by("-submitted_at", "-id").first())


def submission_list(*, year: int, organization: Organization) -> QuerySet:
    return (ReportSubmission.objects.filter(year=year, organization=organization)
            .select_related("submitted_by").order_by("form_code", "-submitted_at", "-id"))
