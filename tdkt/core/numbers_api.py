"""A number the API receives as a string is read like one typed in a form.

The API takes JSON numbers; where a field also accepts a string (pydantic reads "2.5" into a
Decimal on its own), the string follows the same Vietnamese rules as every form box
(``tdkt.core.domain.numbers``): "2,5" is 2,5, "1.234,5" is 1234,5, and "2.5" is refused with
the comma form in the message rather than read the English way on the API and refused on a page.
"""

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from .domain.numbers import NumberError, parse_number


def vn_number_text(decimals: int = 2) -> BeforeValidator:
    """For ``Annotated[Decimal, vn_number_text()]``: strings parsed the Vietnamese way; numbers and
    everything else left to the field's own checks (ranges included)."""

    def read(value):
        if not isinstance(value, str):
            return value
        try:
            number = parse_number(value, decimals=decimals, negative=True)
        except NumberError as exc:
            raise PydanticCustomError("vn_number", "{reason}", {"reason": exc.reason}) from None
        if number is None:
            return value  # blank: the field says it is not a number
        return int(number) if decimals == 0 else number

    return BeforeValidator(read)
