"""Fuzzy dates: every precision parses to the span it means, orders and reads back."""

import datetime as dt

import pytest

from briefing.dates import DateError, Precision, parse_date


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
