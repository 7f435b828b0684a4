"""A computed form laid out as the circular prints it: the header (form code, reporting and receiving
units, title, unit of measure), the column header, the numbering row (A, B, C, 1, 2, …) and the rows.
The page, the PDF and the workbook are all drawn from this one structure."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from .domain.forms import CIRCULAR, DUE, RECEIVER
from .domain.layout import HeadCell, diff, header_rows
from .selectors import Report

LEAD_HEADS = ("", "Mã số")
UNIT_HEAD = "Đơn vị tính"


@dataclass
class Cell:
    value: int | None
    link: str = ""
    change: int | None = None  # since the last submitted version


@dataclass
class Line:
    code: str
    label: str
    unit: str
    bold: bool
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Table:
    number: str  # "0601.N/BNV-TĐKT"
    title: str
    year: int
    reporting_unit: str
    receiving_unit: str
    circular: str
    due: str
    unit_of_measure: str
    head: list[list[HeadCell]]
    numbering: list[tuple[str, int]]  # (label, colspan)
    lines: list[Line]
    notes: tuple[str, ...]
    width: int  # columns in all
    has_unit: bool  # the column "Đơn vị tính" after "Mã số"


def _numbering(report: Report) -> list[tuple[str, int]]:
    out = [("A", 1), ("B", 1)] + ([("C", 1)] if report.form.has_unit_column else [])
    for column in report.form.columns:
        if out and len(out) > 2 + report.form.has_unit_column and out[-1][0] == column.number:
            out[-1] = (column.number, out[-1][1] + 1)
        else:
            out.append((column.number, 1))
    return out


def cell_url(report: Report, row_code: str, column_key: str) -> str:
    query = urlencode({"year": report.year, "organization": report.organization.pk})
    return reverse("reports:cell", args=[report.form.code, row_code, column_key]) + "?" + query


def build(report: Report, *, frozen: dict | None = None, links: bool = True) -> Table:
    form = report.form
    changes = diff(report.cells, frozen) if frozen is not None else {}
    head = header_rows(form.columns)
    depth = len(head)
    lead = [HeadCell(label, 1, depth) for label in (*LEAD_HEADS, *((UNIT_HEAD,) if form.has_unit_column else ()))]
    head = [lead + head[0], *head[1:]]
    lines = []
    for row in form.rows:
        line = Line(row.code, row.label, row.unit, row.bold)
        if not row.is_heading:
            for column in form.columns:
                value = report.cells[row.code][column.key]
                line.cells.append(Cell(
                    value,
                    cell_url(report, row.code, column.key) if links and value is not None else "",
                    changes.get(row.code, {}).get(column.key),
                ))
        lines.append(line)
    parent = report.organization.parent
    return Table(
        number=form.number, title=form.title, year=report.year, reporting_unit=report.organization.name,
        # A province reports to the Ministry of Home Affairs; an organisation below it, to the one above.
        receiving_unit=RECEIVER if parent is None else parent.name,
        circular=CIRCULAR, due=DUE, unit_of_measure=form.unit_of_measure, head=head,
        numbering=_numbering(report), lines=lines, notes=form.notes,
        width=len(LEAD_HEADS) + form.has_unit_column + len(form.columns), has_unit=form.has_unit_column,
    )


def as_json(report: Report) -> dict:
    """GET /api/v1/reports/tt02/{form}: the form's rows with their cells by column key."""
    form = report.form
    return {
        "form": form.code,
        "number": form.number,
        "year": report.year,
        "organization": {"id": report.organization.pk, "name": report.organization.name},
        "columns": [{"key": c.key, "number": c.number, "heads": list(c.heads)} for c in form.columns],
        "rows": [{"code": r.code, "label": r.label, "unit": r.unit, "cells": report.cells[r.code]}
                 for r in form.data_rows],
    }
