"""The form of a council meeting's tally: the meeting date and the biên bản kiểm phiếu, then a grid
read from the POST — one row per member (present? written vote?) and one vote per nominee. The
form only shapes the input; services/tally.py and domain/tally.py decide what is right."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tdkt.core.forms import VNDateInput, style_form

from .domain.tally import Attendance
from .forms_decisions import DATE_FORMATS


def present_name(member_id: int) -> str:
    return f"present_{member_id}"


def written_name(member_id: int) -> str:
    return f"written_{member_id}"


def vote_name(member_id: int, nominee_id: int) -> str:
    return f"vote_{member_id}_{nominee_id}"


class TallyForm(forms.Form):
    held_on = forms.DateField(label=_("Meeting date"), input_formats=DATE_FORMATS, widget=VNDateInput())
    # Required: the biên bản is the record of the count; a tally without it could not be checked.
    minutes = forms.FileField(
        label=_("Vote-counting record (biên bản kiểm phiếu)"),
        help_text=_("PDF or Word, at most 20 MB."),
        error_messages={"required": _("Choose the vote-counting record (biên bản kiểm phiếu) file, PDF or Word: "
                                      "it is the record of the count.")},
    )

    def __init__(self, *args, members=(), nominees=(), recorded=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members, self.nominees, self.recorded = list(members), list(nominees), recorded or {}
        self.fields["minutes"].widget.attrs["accept"] = ".pdf,.doc,.docx,.odt"
        style_form(self)

    def grid(self) -> tuple[dict, dict, list[str]]:
        """(attendance, votes, faults) from the posted grid. The votes of a member marked absent
        without a written vote are dropped: the page shows a box for every member."""
        attendance, votes, faults = {}, {}, []
        for member in self.members:
            present = self.data.get(present_name(member.pk)) == "on"
            written = self.data.get(written_name(member.pk)) == "on"
            if present and written:
                faults.append(str(_("Row %(member)s: a member present at the meeting has no written vote; tick one "
                                    "of the two.") % {"member": member.full_name}))
                continue
            status = Attendance.PRESENT if present else Attendance.WRITTEN if written else Attendance.ABSENT
            attendance[member.pk] = status.value
            if status is Attendance.ABSENT:
                continue
            for nominee in self.nominees:
                value = self.data.get(vote_name(member.pk, nominee.pk))
                if value is not None and (member.pk, nominee.pk) not in self.recorded:
                    votes[(member.pk, nominee.pk)] = value
        return attendance, votes, faults

    def rows(self) -> list[dict]:
        """The grid for the page: what was posted, or everyone present voting "yes"."""
        bound = self.is_bound
        rows = []
        for member in self.members:
            cells = []
            for nominee in self.nominees:
                kept = self.recorded.get((member.pk, nominee.pk))
                value = self.data.get(vote_name(member.pk, nominee.pk), "yes") if bound else "yes"
                cells.append({"nominee": nominee, "name": vote_name(member.pk, nominee.pk), "value": value,
                              "kept": kept})
            rows.append({
                "member": member,
                "present_name": present_name(member.pk),
                "written_name": written_name(member.pk),
                "present": self.data.get(present_name(member.pk)) == "on" if bound else True,
                "written": self.data.get(written_name(member.pk)) == "on" if bound else False,
                "cells": cells,
            })
        return rows
