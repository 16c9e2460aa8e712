"""Whole numbers read from what a visitor sent: a query string, a posted form, an admin action.

`str.isdigit()` is true of "²" and "①", which `int()` refuses, and `int()` reads "١٢" and
" 12 " as 12; a huge number passes both and then overflows a database column. Every number
taken from a request goes through `bounded_int`, which takes plain ASCII digits within a range
and answers None for anything else, so a caller chooses what a bad value means (ignore it, or
a message) and never meets an exception.
"""

# The largest id a table can hold: the projects' ids are 64-bit (BigAutoField), on SQLite
# and PostgreSQL alike. A larger "id" names no row, and databases refuse to compare with it.
MAX_ID = 2**63 - 1


def bounded_int(text: object, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The number `text` writes in ASCII digits, when minimum <= it <= maximum; else None."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        return None
    # Length first: int() of a million digits is slow, and refused past 4,300 of them.
    if len(text.lstrip("0")) > len(str(maximum)):
        return None
    value = int(text)
    return value if minimum <= value <= maximum else None
