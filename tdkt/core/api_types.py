"""The API's shared input types for ids, years and dates: strict, so nothing is guessed.

Left to pydantic's lax mode, a JSON body's `true` became the id 1, `0` became the date 1970-01-01
and `1.0` the year 1 (issue 12, 1f). Every schema and parameter takes these types instead of bare
`int` or `datetime.date`:

- `Id`: a whole number from 1 up: a JSON integer, never `true`/`false`, a fraction, a float or
  text. In the address, the query string and a multipart form everything is text, so there (and
  only as plain digits) "12" is read as 12; a JSON body's schema (one built on
  `tdkt.organizations.schemas.In`) refuses text through `json_integers_only`.
- `Year`: the same kind of whole number, from 1900 to 2100 (`year_from(1945)` where data starts later).
- `Flag`: a JSON body's true or false, nothing else.
- `Date`: text in the ISO form YYYY-MM-DD (what the OpenAPI document declares, `format: date`),
  from 01/01/1900 to 31/12/2100; not a number, not a date and time, not dd/mm/yyyy.

A refusal is a 422 naming the field, in Vietnamese (messages in tdkt.core.api_errors).
"""

import datetime
import re
from functools import cache
from typing import Annotated, get_args, get_origin

from pydantic import BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

# The largest primary key either database stores (BigAutoField); beyond it nothing exists.
MAX_ID = 2**63 - 1
YEAR_MIN, YEAR_MAX = 1900, 2100
DATE_MIN, DATE_MAX = datetime.date(YEAR_MIN, 1, 1), datetime.date(YEAR_MAX, 12, 31)

_DIGITS = re.compile(r"[0-9]{1,20}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _WholeNumber:
    """Marks the whole-number types in their metadata, for `json_integers_only`."""


WHOLE_NUMBER = _WholeNumber()


class _TextInJson(str):
    """Text sent where a JSON body wants an integer: refused by `_whole_number`."""


def _whole_number(value):
    if isinstance(value, _TextInJson):
        raise PydanticCustomError("strict_int", "Input should be a whole number")
    # bool is a subclass of int: refused before anything else looks at it.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("strict_int", "Input should be a whole number")
    if isinstance(value, str):
        if not _DIGITS.fullmatch(value):
            raise PydanticCustomError("strict_int", "Input should be a whole number")
        return int(value)
    return value


def _iso_date(value):
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        day = value  # a Python caller (a test, a service) passing a date already
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("strict_date_invalid", "Input is not a real date") from None
    else:
        raise PydanticCustomError("strict_date", "Input should be a date as text YYYY-MM-DD")
    if not DATE_MIN <= day <= DATE_MAX:
        raise PydanticCustomError("strict_date_range", "Date out of range")
    return day


# The constraints come before the validator, so that the OpenAPI document shows them (minimum,
# maximum) as well as applying them.
Id = Annotated[
    int,
    Strict(),
    Field(ge=1, le=MAX_ID, description="Số định danh (id), số nguyên dương"),
    BeforeValidator(_whole_number),
    WHOLE_NUMBER,
]


def whole_number(minimum: int, maximum: int, description: str):
    """A whole number between two bounds, as strict as `Id` (a quarter: 1–4)."""
    return Annotated[
        int,
        Strict(),
        Field(ge=minimum, le=maximum, description=description),
        BeforeValidator(_whole_number),
        WHOLE_NUMBER,
    ]


def year_from(minimum: int = YEAR_MIN):
    """`Year` with a later first year where the data starts later (records: 1945). A bound given
    with `Field(ge=…)` on the field itself would be dropped in favour of the type's own."""
    return whole_number(minimum, YEAR_MAX, f"Năm, số nguyên từ {minimum} đến {YEAR_MAX}")


Year = year_from(YEAR_MIN)
# A JSON body's yes/no: true or false only, not 1, "yes" or "on" (a query string's or a form's
# yes/no is text and keeps plain `bool`).
Flag = Annotated[bool, Strict()]
Date = Annotated[
    datetime.date,
    Field(description=f"Ngày dạng YYYY-MM-DD, từ {DATE_MIN.isoformat()} đến {DATE_MAX.isoformat()}"),
    BeforeValidator(_iso_date),
]


def _takes_whole_number(annotation, metadata=()) -> bool:
    if any(m is WHOLE_NUMBER for m in metadata):
        return True
    if get_origin(annotation) is Annotated:
        inner, *extra = get_args(annotation)
        return _takes_whole_number(inner, extra)
    return any(_takes_whole_number(arg) for arg in get_args(annotation))


@cache
def _whole_number_keys(model) -> tuple[str, ...]:
    return tuple(
        field.alias or name
        for name, field in model.model_fields.items()
        if _takes_whole_number(field.annotation, field.metadata)
    )


def json_integers_only(model, data):
    """For a JSON body's `model_validator(mode="before")`: an id or a year sent as text ("12") is
    marked so that its field refuses it, as StrictInt would, naming the field. Lists of ids too."""
    if not isinstance(data, dict):
        return data
    marked = None
    for key in _whole_number_keys(model):
        value = data.get(key)
        if isinstance(value, str):
            new = _TextInJson(value)
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            new = [_TextInJson(v) if isinstance(v, str) else v for v in value]
        else:
            continue
        marked = marked if marked is not None else dict(data)
        marked[key] = new
    return marked if marked is not None else data
