"""Excel import of organisations and people (issue 2, point 7), and of one organisation's year of
ratings and titles (issue 3, point 3).

    columns.py        the file layouts: Vietnamese headers, choice labels, limits
    reading.py        upload checks (.xlsx, zip magic, size) and the sheet → header + rows
    cells.py          one cell → value or a Vietnamese reason (strict dd/mm/yyyy dates)
    rows.py           what every kind shares: row parsing, error list, code lookup
    people.py         people rows: validation against scope and database, bulk write
    organizations.py  organisation rows: parents in scope or earlier in the file, write
    subjects.py       records rows: the person or collective a row is about, within the organisation
    records.py        records rows: rating and title rules, duplicates, then create or correct in bulk
    decisions.py      past decisions and their awardees: matching, choices for ambiguous rows, duplicates
    services.py       import jobs: create, start (now or in the worker), run, one audit event
    selectors.py      jobs visible to a user
    workbooks.py      the downloadable templates

The whole file is checked before anything is written; a file with any bad row writes nothing.
"""

from .reading import ImportFileError
from .services import (
    decisions_import,
    import_job_confirm,
    import_job_create,
    import_job_discard,
    import_job_run,
    import_job_start,
    import_kinds_for,
    organizations_import,
    people_import,
    records_import,
)

__all__ = [
    "ImportFileError",
    "decisions_import",
    "import_job_confirm",
    "import_job_create",
    "import_job_discard",
    "import_job_run",
    "import_job_start",
    "import_kinds_for",
    "organizations_import",
    "people_import",
    "records_import",
]
