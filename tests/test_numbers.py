"""bounded_int: the one way a number is read from a request."""

import pytest

from config.numbers import MAX_ID, bounded_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", 0), ("7", 7), ("007", 7), ("2020", 2020), (str(MAX_ID), MAX_ID)],
)
def test_ascii_digits_within_the_range_are_read(text, expected):
    assert bounded_int(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " 7",
        "7 ",
        "+7",
        "-7",
        "7.0",
        "1_000",
        "²",
        "١٢",
        "７",
        "1\x00",
        "abc",
        None,
        7,
        "9" * 99,
    ],
)
def test_anything_but_plain_ascii_digits_is_none(text):
    assert bounded_int(text) is None


def test_a_number_outside_the_range_is_none():
    assert bounded_int(str(MAX_ID + 1)) is None
    assert bounded_int("0", minimum=1) is None
    assert bounded_int("13", maximum=12) is None
    assert bounded_int("0000000000000000000012", maximum=12) == 12
