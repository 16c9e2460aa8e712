"""The parser's plain data: a date known to the year, the month or the day."""

import datetime

import pytest

from interviews.transcript.model import PartialDate, timestamp_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018-07-02", PartialDate(2018, 7, 2)),
        ("2017-12", PartialDate(2017, 12)),
        ("1999", PartialDate(1999)),
        ("2017-1-5", PartialDate(2017, 1, 5)),
        (" 2016 ", PartialDate(2016)),
    ],
)
def test_an_iso_date_is_read_to_its_precision(text, expected):
    assert PartialDate.from_iso(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2017-00", "2017-12-00", "2017-13", "2018-02-30", "0000", "17", "July 2018", "٢٠١٧", ""],
)
def test_a_date_that_is_not_one_is_refused_with_what_to_write(text):
    with pytest.raises(ValueError, match="is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"):
        PartialDate.from_iso(text)


@pytest.mark.parametrize(
    ("date", "first", "last", "shown", "iso"),
    [
        (PartialDate(2018, 7, 2), (2018, 7, 2), (2018, 7, 2), "2 July 2018", "2018-07-02"),
        (PartialDate(2016, 2), (2016, 2, 1), (2016, 2, 29), "February 2016", "2016-02"),
        (PartialDate(2017), (2017, 1, 1), (2017, 12, 31), "2017", "2017"),
    ],
)
def test_a_date_covers_its_span_and_says_only_what_is_known(date, first, last, shown, iso):
    assert date.first_day() == datetime.date(*first)
    assert date.last_day() == datetime.date(*last)
    assert date.display() == shown
    assert date.isoformat() == iso


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        ("day", PartialDate(2018, 7, 2)),
        ("month", PartialDate(2018, 7)),
        ("year", PartialDate(2018)),
    ],
)
def test_a_stored_day_and_precision_are_a_partial_date(precision, expected):
    assert PartialDate.from_day(datetime.date(2018, 7, 2), precision) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "00:00:00"), (83, "00:01:23"), (3723.9, "01:02:03"), (100 * 3600, "100:00:00")],
)
def test_a_time_into_the_recording_is_written_one_way(seconds, expected):
    assert timestamp_text(seconds) == expected
