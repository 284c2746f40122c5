"""Fuzzy dates: every precision parses to the span it means, orders and reads back."""

import datetime as dt
import re

import pytest

from briefing.dates import DateError, FuzzyDate, Precision, parse_date


@pytest.mark.parametrize(
    ("text", "precision", "start", "end", "label"),
    [
        ("2020-11-11", Precision.DAY, dt.date(2020, 11, 11), dt.date(2020, 11, 11), "11 Nov 2020"),
        ("2020-02", Precision.MONTH, dt.date(2020, 2, 1), dt.date(2020, 2, 29), "Feb 2020"),
        ("1974", Precision.YEAR, dt.date(1974, 1, 1), dt.date(1974, 12, 31), "1974"),
        ("1990s", Precision.DECADE, dt.date(1990, 1, 1), dt.date(1999, 12, 31), "1990s"),
        (
            "autumn 2020",
            Precision.SEASON,
            dt.date(2020, 9, 1),
            dt.date(2020, 11, 30),
            "autumn 2020",
        ),
        (
            "Winter 2020",
            Precision.SEASON,
            dt.date(2020, 12, 1),
            dt.date(2021, 2, 28),
            "winter 2020",
        ),
        (
            "2020-12-07/2020-12-13",
            Precision.RANGE,
            dt.date(2020, 12, 7),
            dt.date(2020, 12, 13),
            "7 Dec 2020 – 13 Dec 2020",
        ),
        (
            "1990s/2020-11",
            Precision.RANGE,
            dt.date(1990, 1, 1),
            dt.date(2020, 11, 30),
            "1990s – Nov 2020",
        ),
    ],
)
def test_each_precision_covers_its_span(text, precision, start, end, label):
    date = parse_date(text)
    assert (date.precision, date.start, date.end, date.label()) == (precision, start, end, label)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2021-02-29", "February 2021 has 28 days"),
        ("2020-13", "month 13 does not exist"),
        ("0000", "year 0 is out of range"),
        ("0000s", "year 0 does not exist"),
        ("2020-12-10/2020-12-01", "ends before it starts"),
        ("next tuesday", "cannot read"),
        ("99999", "cannot read"),
    ],
)
def test_impossible_dates_say_why(text, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(text)


def test_fuzzy_dates_sort_among_exact_ones():
    texts = ["2020-11-11", "1990s", "autumn 2020", "1974", "2020-10"]
    ordered = [d.text for d in sorted(parse_date(t) for t in texts)]
    assert ordered == ["1974", "1990s", "autumn 2020", "2020-10", "2020-11-11"]


@pytest.mark.parametrize(
    "text", ["２０２０", "٢٠٢٠-１１-٢٢", "2020-１１", "１９９0s", "autumn ２０２０"]
)
def test_only_ascii_digits_make_a_date(text):
    with pytest.raises(DateError, match="write the digits as 0-9"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "hint"), [("602", "'0602'"), ("602-5", "'0602-05'"), ("98-11-2", "'0098-11-02'")]
)
def test_a_short_year_is_told_to_write_four_digits(text, hint):
    with pytest.raises(DateError, match=f"a year has four digits: write {hint}"):
        parse_date(text)


def test_a_huge_date_is_quoted_short():
    with pytest.raises(DateError) as caught:
        parse_date("1" * 5000)
    assert len(str(caught.value)) < 300 and "5,000 characters" in str(caught.value)


def test_years_before_year_one_order_before_it_and_read_as_written():
    texts = ["0001", "1 BC", "13800000000 BC", "500 BC", "2020", "500 BC/450 BC"]
    ordered = [d.text for d in sorted(parse_date(t) for t in texts)]
    assert ordered == ["13800000000 BC", "500 BC", "500 BC/450 BC", "1 BC", "0001", "2020"]
    bc = parse_date("500 BC")
    assert (bc.precision, bc.label(), bc.before_year_one) == (Precision.YEAR, "500 BC", True)
    assert bc.last - bc.first == 365
    one_bc = parse_date("1 BC")
    assert one_bc.last - one_bc.first == 366  # astronomical year 0, a leap year
    assert parse_date("1 BC").last == parse_date("0001").first  # no year 0 between them
    assert parse_date("500 BC/450 BC").label() == "500 BC – 450 BC"


def test_a_time_of_day_orders_by_its_utc_moment_and_shows_as_written():
    local = parse_date("2020-11-10T01:30+04:00")  # 21:30 UTC on the 9th
    texts = ["2020-11-09T22:00Z", "2020-11-10", "2020-11-10T01:30+04:00", "2020-11-09"]
    ordered = [d.text for d in sorted(parse_date(t) for t in texts)]
    assert ordered == ["2020-11-09", "2020-11-10T01:30+04:00", "2020-11-09T22:00Z", "2020-11-10"]
    assert (local.precision, local.is_exact) == (Precision.TIME, True)
    assert (local.start, local.end) == (dt.date(2020, 11, 10), dt.date(2020, 11, 10))
    assert local.label() == "10 Nov 2020 01:30 UTC+04:00"
    assert parse_date("2020-11-10T01:30:15Z").label() == "10 Nov 2020 01:30:15 UTC"
    span = parse_date("2020-11-10T01:30+04:00/2020-11-10T05:00+04:00")
    assert span.label() == "10 Nov 2020 01:30 UTC+04:00 – 10 Nov 2020 05:00 UTC+04:00"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-0500", "like '500 BC'"),
        ("0 BC", "cannot read"),
        ("2020-11-10T01:30", "give the time's UTC offset: 2020-11-10T01:30Z"),
        ("2020-11-10T24:00Z", "no such time of day"),
        ("2020-11-10T01:30+15:00", "no such UTC offset"),
        ("2020-11-10T05:00Z/2020-11-10T01:30Z", "ends before it starts"),
        ("450 BC/500 BC", "ends before it starts"),
    ],
)
def test_impossible_times_and_years_bc_say_why(text, reason):
    with pytest.raises(DateError, match=re.escape(reason)):
        parse_date(text)


def test_every_day_reads_as_its_span_of_one_day():
    """Days are read in C (date.fromisoformat after the pattern): the same span as a day
    built field by field, for every day of four years, a leap year and a century among them."""
    from briefing.dates import _EPOCH_ORDINAL

    day = dt.date(1999, 1, 1)
    while day.year < 2003:
        text = day.isoformat()
        date = parse_date(f" {text} ")
        first = float(day.toordinal() - _EPOCH_ORDINAL)
        assert date == FuzzyDate(first, first + 1.0, day, day, Precision.DAY, text)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-02-29", "day 29 does not exist: February 2021 has 28 days"),
        ("1900-02-29", "day 29 does not exist: February 1900 has 28 days"),
        ("2020-04-31", "day 31 does not exist: April 2020 has 30 days"),
        ("2020-04-00", "day 0 does not exist: April 2020 has 30 days"),
        ("2020-13-01", "month 13 does not exist"),
        ("2020-00-01", "month 0 does not exist"),
        ("0000-01-01", "year 0 is out of range (1 to 9999)"),
    ],
)
def test_a_day_that_does_not_exist_says_why(text, message):
    with pytest.raises(DateError, match=re.escape(message)):
        parse_date(text)
