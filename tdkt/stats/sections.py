"""The statistics page's charts, built from the selectors' grouped rows: labels in Vietnamese, the
figures, and for each bar the list it stands for (the search page, a movement's reports, the dossier
list). The page, its print and the API all read these."""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tdkt.awards.domain.law_catalogue import BY_CODE
from tdkt.awards.domain.workflow import State
from tdkt.awards.models import Level
from tdkt.awards.views.dossier_labels import state_label
from tdkt.core.domain.numbers import format_number
from tdkt.records.domain.codes import HONOURS, HonourKind, honour_label

from . import chart, selectors
from .selectors import StatsFilters

LEVELS = [Level.UNIT, Level.DEPARTMENT, Level.PROVINCE, Level.CENTRAL]


def level_of(code: str) -> str:
    """The level of a title or form as the law has it now (its latest version)."""
    law = BY_CODE.get(code)
    return law.versions[-1].level if law and law.versions else Level.UNIT


@dataclass
class Chart:
    key: str
    title: str
    description: str
    legend: list[tuple[str, str]]  # (part key, label), in the bars' order
    rows: list[chart.Row] = field(default_factory=list)
    decimals: int = 0
    note: str = ""

    @property
    def geometry(self) -> chart.Geometry:
        return chart.layout(self.rows, [k for k, _l in self.legend], fmt=self.number)

    def number(self, value) -> str:
        return format_number(value, decimals=self.decimals)

    @property
    def table(self) -> list[dict]:
        """The chart's figures as rows of a table (the accessible and printable twin of the bars)."""
        return [{"label": r.label, "link": r.link, "shown": r.shown or self.number(r.total),
                 "parts": [self.number(next((p.value for p in r.parts if p.key == k), 0)) for k, _l in self.legend]}
                for r in self.rows]

    def as_json(self) -> dict:
        return {
            "key": self.key, "title": self.title, "description": self.description,
            "legend": [{"key": k, "label": label} for k, label in self.legend],
            "series": [{"label": r.label, "value": r.total, "link": r.link,
                        "parts": {p.key: p.value for p in r.parts}} for r in self.rows],
        }


def _search_link(f: StatsFilters, **extra) -> str:
    query = {"kind": "honours", "year_from": f.year_from, "year_to": f.year_to,
             "organization": f.organization.pk if f.organization else None, **extra}
    return reverse("search:search") + "?" + urlencode({k: v for k, v in query.items() if v not in (None, "")})


def _page_link(f: StatsFilters, anchor: str, **extra) -> str:
    query = {"organization": f.organization.pk if f.organization else None, "year_from": f.year_from,
             "year_to": f.year_to, **extra}
    return (reverse("stats:stats") + "?" + urlencode({k: v for k, v in query.items() if v not in (None, "")})
            + f"#{anchor}")


def honour_charts(user, f: StatsFilters, *, level: str = "") -> list[Chart]:
    counts = selectors.honour_counts(user, f)
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: {"title": 0, "form": 0})
    by_level: dict[str, int] = defaultdict(int)
    by_code: dict[str, int] = defaultdict(int)
    for year, code, n in counts:
        kind = HonourKind.TITLE if code in HONOURS and HONOURS[code][1] == HonourKind.TITLE else HonourKind.FORM
        by_year[year][kind.value] += n
        by_level[level_of(code)] += n
        by_code[code] += n
    legend = [("title", _("Emulation titles")), ("form", _("Commendation forms"))]
    years = Chart("by-year", _("Titles and awards by year"),
                  _("Records in force (not revoked) per year, titles and forms of commendation."), legend)
    years.rows = [chart.Row(str(y), [chart.Part(k, by_year[y][k]) for k, _l in legend],
                            _search_link(StatsFilters(f.organization, y, y)))
                  for y in sorted(by_year)]
    levels = Chart("by-level", _("Titles and awards by level"),
                   _("Records in force per level of the title or form (the law's current catalogue); "
                     "each bar opens that level's titles and forms."), [("n", _("Records"))])
    levels.rows = [chart.Row(str(label), [chart.Part("n", by_level[value])],
                             _page_link(f, "by-form", level=value))
                   for value, label in Level.choices if by_level.get(value)]
    shown_codes = [c for c in HONOURS if by_code.get(c) and (not level or level_of(c) == level)]
    forms = Chart("by-form", _("Titles and awards by title or form"),
                  _("Records in force per title or form, largest first."), [("n", _("Records"))])
    if level in dict(Level.choices):
        forms.note = _("Only the level: %(level)s.") % {"level": Level(level).label}
    forms.rows = [chart.Row(honour_label(c), [chart.Part("n", by_code[c])], _search_link(f, award=c))
                  for c in sorted(shown_codes, key=lambda c: (-by_code[c], c))]
    return [years, levels, forms]


def movement_charts(user, f: StatsFilters) -> list[Chart]:
    legend = [("on_time", _("Registered on time")), ("late", _("Registered late")),
              ("missing", _("Not registered"))]
    registrations = Chart("registrations", _("Registration for emulation per movement"),
                          _("Participants that registered on time, late (accepted or awaiting approval), "
                            "or have not registered."), legend)
    registrations.rows = [
        chart.Row(r["title"], [chart.Part(k, r[k]) for k, _l in legend],
                  reverse("movements:registrations", args=[r["movement_id"]]),
                  shown=f"{r['on_time'] + r['late']}/{r['participants']}")
        for r in selectors.registration_counts(user, f)
    ]
    legend = [("on_time", _("Sent on time")), ("late", _("Sent late")), ("missing", _("Not sent"))]
    reports = Chart("reports", _("Report punctuality per milestone"),
                    _("Participants whose report was sent on time, late, or not sent (none, returned, "
                      "or awaiting the leader)."), legend)
    reports.rows = [
        chart.Row(f"{r['name']} ({r['deadline']:%d/%m/%Y}) — {r['movement']}",
                  [chart.Part(k, r[k]) for k, _l in legend],
                  reverse("movements:reports", args=[r["movement_id"]]),
                  shown=f"{r['on_time'] + r['late']}/{r['participants']}")
        for r in selectors.report_counts(user, f)
    ]
    return [registrations, reports]


def _dossiers_link(state: str) -> str:
    return reverse("awards:dossiers") + "?" + urlencode({"state": state})


def dossier_charts(user, f: StatsFilters) -> list[Chart]:
    states = selectors.dossier_states(user, f)
    by_state = Chart("dossier-states", _("Dossiers by status"),
                     _("Commendation dossiers in scope by their status now."), [("n", _("Dossiers"))])
    by_state.rows = [chart.Row(state_label(s), [chart.Part("n", states[s])], _dossiers_link(s))
                     for s in State if states.get(s)]
    lead = Chart("lead-times", _("Lead time from sending to each step"),
                 _("Mean days from a dossier's first sending to the first time it reached each step; "
                   "the median and the number of dossiers are written beside each bar."),
                 [("mean", _("Mean days"))], decimals=1)
    for row in selectors.lead_times(user, f):
        if not row["count"]:
            continue
        shown = _("%(mean)s d (median %(median)s, %(count)s dossiers)") % {
            "mean": format_number(row["mean_days"], decimals=1),
            "median": format_number(row["median_days"], decimals=1), "count": row["count"]}
        lead.rows.append(chart.Row(state_label(row["step"]), [chart.Part("mean", round(row["mean_days"], 1))],
                                   _dossiers_link(row["step"]), shown=shown))
    returned = selectors.returns(user, f)
    reasons = Chart("returns", _("Returns and their reasons"),
                    _("Times the standing office returned a dossier, per reason given."), [("n", _("Returns"))])
    reasons.note = _("%(returns)s returns of %(dossiers)s dossiers.") % returned
    reasons.rows = [chart.Row(reason or _("(no reason)"), [chart.Part("n", n)], _dossiers_link(State.RETURNED))
                    for reason, n in returned["reasons"]]
    return [by_state, lead, reasons]


SECTIONS = (
    ("honours", gettext_lazy("Titles and awards"), honour_charts),
    ("movements", gettext_lazy("Movements: registration and reports"), movement_charts),
    ("dossiers", gettext_lazy("Commendation dossiers"), dossier_charts),
)


def statistics(user, f: StatsFilters, *, level: str = "") -> list[dict]:
    out = []
    for key, title, build in SECTIONS:
        charts = build(user, f, level=level) if key == "honours" else build(user, f)
        out.append({"key": key, "title": str(title), "charts": charts})
    return out
