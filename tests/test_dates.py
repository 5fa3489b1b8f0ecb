"""Dates and ranges as CoE documents write them, read at the precision they state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Literal

from cyberkg.loaders.dates import (
    DateRange,
    PartialDate,
    find_invalid_dates,
    find_ranges,
    following,
    _has_digit,
    _scan,
    _tokens,
    _tokens_at_once,
    nearest,
    parse_date,
)

D = PartialDate


def spans(text: str, **options: int) -> list[tuple[PartialDate, PartialDate | None]]:
    return [(found.start, found.end) for found in find_ranges(text, **options)]


RANGES = [
    ("3-4 octobre 2016", D(2016, 10, 3), D(2016, 10, 4)),
    ("3 - 7 octobre 2016", D(2016, 10, 3), D(2016, 10, 7)),
    ("27 février – 1 mars 2017", D(2017, 2, 27), D(2017, 3, 1)),
    ("31 mai – 2 juin 2017", D(2017, 5, 31), D(2017, 6, 2)),
    ("31 mai - 1 juin 2017", D(2017, 5, 31), D(2017, 6, 1)),
    ("juillet – décembre 2016", D(2016, 7), D(2016, 12)),
    ("mars – décembre 2017", D(2017, 3), D(2017, 12)),
    ("mai – juin 2017", D(2017, 5), D(2017, 6)),
    ("24 – 28 November 2014", D(2014, 11, 24), D(2014, 11, 28)),
    ("25-27 June 2019", D(2019, 6, 25), D(2019, 6, 27)),
    ("27 February - 1 March 2017", D(2017, 2, 27), D(2017, 3, 1)),
    ("1er mars 2024 - 31 janvier 2026", D(2024, 3, 1), D(2026, 1, 31)),
    ("1er mars 2017 – 29 février 2020", D(2017, 3, 1), D(2020, 2, 29)),
    ("jan 2014 – déc 2019", D(2014, 1), D(2019, 12)),
    ("nov 2013 – oct 2016", D(2013, 11), D(2016, 10)),
    ("mars 2016 – fév 2020", D(2016, 3), D(2020, 2)),
    ("juil 2017 – juin 2020", D(2017, 7), D(2020, 6)),
    ("mai 2015 – déc 2017", D(2015, 5), D(2017, 12)),
    ("36 mois (novembre 2013 – novembre 2016)", D(2013, 11), D(2016, 11)),
    ("(2016-2021)", D(2016), D(2021)),
    ("juillet 2017-juin 2020", D(2017, 7), D(2020, 6)),
    ("March 2016 – February 2020", D(2016, 3), D(2020, 2)),
    ("January 2016 to June 2019", D(2016, 1), D(2019, 6)),
    ("from March 2016 until February 2020", D(2016, 3), D(2020, 2)),
    ("de mars 2016 à février 2020", D(2016, 3), D(2020, 2)),
    ("du 16 au 18 novembre 2016", D(2016, 11, 16), D(2016, 11, 18)),
    ("du 3 jusqu'au 5 mai 2017", D(2017, 5, 3), D(2017, 5, 5)),
    ("16-18 November 2016", D(2016, 11, 16), D(2016, 11, 18)),
    ("November 16-18, 2016", D(2016, 11, 16), D(2016, 11, 18)),
    ("Oct. 30 - Nov. 2, 2016", D(2016, 10, 30), D(2016, 11, 2)),
    ("05 - 08 septembre 2017", D(2017, 9, 5), D(2017, 9, 8)),
    ("28 décembre – 3 janvier 2017", D(2016, 12, 28), D(2017, 1, 3)),
    ("novembre – février 2017", D(2016, 11), D(2017, 2)),
    ("janv. 2017 - févr. 2018", D(2017, 1), D(2018, 2)),
    ("Sept. 2016 — Aug. 2018", D(2016, 9), D(2018, 8)),
    ("1st – 3rd March 2017", D(2017, 3, 1), D(2017, 3, 3)),
    ("2016-10-31 – 2016-11-02", D(2016, 10, 31), D(2016, 11, 2)),
    ("fevrier – aout 2018", D(2018, 2), D(2018, 8)),
    ("FÉVRIER 2017 – DÉCEMBRE 2018", D(2017, 2), D(2018, 12)),
    ("entre février et juin 2017", D(2017, 2), D(2017, 6)),
    ("Entre octobre 2016 et septembre 2017", D(2016, 10), D(2017, 9)),
    ("between 3 and 5 May 2017", D(2017, 5, 3), D(2017, 5, 5)),
]


@pytest.mark.parametrize(("text", "start", "end"), RANGES, ids=[row[0] for row in RANGES])
def test_a_range_is_read_at_the_precision_the_text_states(text: str, start: PartialDate,
                                                          end: PartialDate) -> None:
    assert spans(text) == [(start, end)]


SINGLE = [
    ("le 31 octobre 2016", D(2016, 10, 31)),
    ("31 October 2016", D(2016, 10, 31)),
    ("October 31, 2016", D(2016, 10, 31)),
    ("Sept. 3rd, 2017", D(2017, 9, 3)),
    ("the 1st of March 2017", D(2017, 3, 1)),
    ("le 1er mars 2017", D(2017, 3, 1)),
    ("2016-10-31", D(2016, 10, 31)),
    ("31/10/2016", D(2016, 10, 31)),
    ("31.10.2016", D(2016, 10, 31)),
    ("juin 2017", D(2017, 6)),
    ("Juin 2017", D(2017, 6)),
    ("aout 2017", D(2017, 8)),
    ("Sept. 2017", D(2017, 9)),
    ("29 février 2016", D(2016, 2, 29)),
    ("en 2017", D(2017)),
    ("in 2017", D(2017)),
    ("depuis 2016", D(2016)),
    ("since 2016", D(2016)),
    ("jusqu'en 2020", D(2020)),
]


@pytest.mark.parametrize(("text", "date"), SINGLE, ids=[row[0] for row in SINGLE])
def test_a_single_date_is_a_range_without_an_end(text: str, date: PartialDate) -> None:
    assert spans(text) == [(date, None)]


NOT_DATES = [
    "2017",
    "ETS 185",
    "2 000 activités",
    "Résolution 1244 (1999)",
    "SG/Inf(2017)42",
    "24/7 network",
    "36 mois",
    "ETS185 and ETS 2017",
    "the 3 - 4 countries",
    "Members may 15 countries join",
    "juillet",
    "17-19 mai",
    "10:30 - 12:00",
    "1.500 participants",
    "page 1900",
    "2016 et 2017",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_numbers_that_are_not_dates_are_left_alone(text: str) -> None:
    assert find_ranges(text) == []
    assert find_invalid_dates(text) == []


INVALID = [
    ("31 février 2017", "31 février 2017"),
    ("29 février 2017", "29 février 2017"),
    ("2017-13-45", "2017-13-45"),
    ("2017-02-30", "2017-02-30"),
    ("32 mai 2017", "32 mai 2017"),
    ("30-31 février 2017", "30-31 février 2017"),
    ("Rabat, 31 avril 2017, Maroc", "31 avril 2017"),
    ("5 – 3 mai 2017", "5 – 3 mai 2017"),
    ("(2021-2016)", "2021-2016"),
]


@pytest.mark.parametrize(("text", "surface"), INVALID, ids=[row[0] for row in INVALID])
def test_an_impossible_date_is_reported_and_skipped(text: str, surface: str) -> None:
    assert find_ranges(text) == []
    [invalid] = find_invalid_dates(text)
    assert invalid.text == surface
    assert text[invalid.begin:invalid.stop] == surface
    assert invalid.reason


def test_a_date_without_a_year_takes_the_default_year() -> None:
    assert spans("17-19 mai", default_year=2017) == [(D(2017, 5, 17), D(2017, 5, 19))]
    assert spans("le 17 mai", default_year=2017) == [(D(2017, 5, 17), None)]


def test_a_date_without_a_year_takes_the_year_of_the_next_date_on_its_line() -> None:
    text = "Kyiv, 7-8 septembre et Odessa, Ukraine, 9 - 10 septembre 2017"
    assert spans(text, default_year=2016) == [
        (D(2017, 9, 7), D(2017, 9, 8)), (D(2017, 9, 9), D(2017, 9, 10))]


def test_a_year_on_another_line_is_not_borrowed() -> None:
    assert spans("7-8 septembre\n9 septembre 2017") == [(D(2017, 9, 9), None)]


def test_a_year_that_would_go_backwards_is_not_borrowed() -> None:
    assert spans("15 novembre et 3 mars 2017", default_year=2016) == [
        (D(2016, 11, 15), None), (D(2017, 3, 3), None)]


def test_the_29th_of_february_needs_a_leap_year_even_when_borrowed() -> None:
    assert spans("29 février", default_year=2016) == [(D(2016, 2, 29), None)]
    assert spans("29 février", default_year=2017) == []
    assert [bad.text for bad in find_invalid_dates("29 février", default_year=2017)] == [
        "29 février"]


def test_ranges_come_in_text_order_with_the_characters_they_cover() -> None:
    text = "Projet (2016-2021) ; atelier du 3 au 4 octobre 2016 à Rabat, puis en 2017."
    found = find_ranges(text)
    assert [text[r.begin:r.stop] for r in found] == ["2016-2021", "3 au 4 octobre 2016", "2017"]
    assert [r.start for r in found] == [D(2016), D(2016, 10, 3), D(2017)]


def test_a_dateline_and_a_place_row_give_their_dates() -> None:
    assert spans("[Manila, 27 November 2014] The Council of Europe") == [(D(2014, 11, 27), None)]
    row = "Workshop, Singapore 25-27 June 2019"
    assert spans(row) == [(D(2019, 6, 25), D(2019, 6, 27))]


def test_following_and_nearest_pick_the_range_beside_a_keyword() -> None:
    text = "Rapport 2016-2017. Durée : 36 mois (novembre 2013 – novembre 2016). Fin en 2020."
    found = find_ranges(text)
    after = following(found, text.index("Durée"))
    assert after is not None and (after.start, after.end) == (D(2013, 11), D(2016, 11))
    close = nearest(found, text.index("en 2020"))
    assert close is not None and close.start == D(2020)
    assert following(found, len(text)) is None
    assert nearest([], 0) is None


def test_parse_date_reads_a_whole_date_or_nothing() -> None:
    assert parse_date("1er mars 2017") == D(2017, 3, 1)
    assert parse_date("June 2019") == D(2019, 6)
    assert parse_date("3-4 octobre 2016") is None
    assert parse_date("Rabat, 3 octobre 2016") is None


def test_literals_never_state_more_than_the_text() -> None:
    assert D(2017).literal() == Literal("2017", datatype=XSD.gYear)
    assert D(2017, 6).literal() == Literal("2017-06", datatype=XSD.gYearMonth)
    assert D(2017, 6, 5).literal() == Literal("2017-06-05", datatype=XSD.date)
    assert DateRange(D(2017), None, 0, 4).last == D(2017)


def test_a_long_line_of_digits_dashes_and_months_is_read_in_one_pass() -> None:
    unit = "3-4-5 - 31 février 2017-13-45 mai – 7 - juin 2017 (2016-2021)-1er "
    repeats = 100_000 // len(unit) + 1
    text = unit * repeats
    found = find_ranges(text)
    assert [(r.start, r.end) for r in found] == [(D(2017, 6), None), (D(2016), D(2021))] * repeats
    invalid = [bad.text for bad in find_invalid_dates(text)]
    assert invalid == ["5 - 31 février 2017", "13-45 mai"] * repeats
    digits = "1" * 50_000 + "-" * 50_000
    assert find_ranges(digits) == []


MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


@st.composite
def days(draw: st.DrawFn) -> PartialDate:
    import calendar

    year = draw(st.integers(1900, 2099))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


def writings(date: PartialDate) -> list[str]:
    assert date.month is not None and date.day is not None
    french_day = "1er" if date.day == 1 else str(date.day)
    mois, month = MOIS[date.month - 1], MONTHS[date.month - 1]
    return [
        f"le {french_day} {mois} {date.year}",
        f"{date.day} {mois.upper()} {date.year}",
        f"{date.day} {month} {date.year}",
        f"{month} {date.day}, {date.year}",
        f"{date.year}-{date.month:02d}-{date.day:02d}",
        f"{date.day:02d}/{date.month:02d}/{date.year}",
    ]


@settings(max_examples=200)
@given(days())
def test_any_valid_day_written_in_french_or_english_reads_back(date: PartialDate) -> None:
    for text in writings(date):
        assert spans(text) == [(date, None)], text
    assert spans(f"{MOIS[date.month - 1]} {date.year}") == [  # type: ignore[index]
        (PartialDate(date.year, date.month), None)]


@settings(max_examples=100)
@given(days(), days())
def test_any_two_ordered_days_read_back_as_a_range(a: PartialDate, b: PartialDate) -> None:
    start, end = min(a, b), max(a, b)
    text = (f"du {start.day} {MOIS[start.month - 1]} {start.year} "  # type: ignore[index]
            f"au {end.day} {MOIS[end.month - 1]} {end.year}")  # type: ignore[index]
    assert spans(text) == [(start, end)]


ALPHABET = st.sampled_from(list("0123456789 -–—/.,:()'\n\tae") + MOIS + MONTHS
                           + ["1er", "au", "to", "en", "Sept.", "jusqu'", "2016", "2017", "31"])


@settings(max_examples=300)
@given(st.lists(ALPHABET, max_size=40).map("".join) | st.text(max_size=80),
       st.none() | st.integers(1900, 2099))
def test_any_text_is_read_without_raising(text: str, year: int | None) -> None:
    for found in find_ranges(text, default_year=year):
        assert 0 <= found.begin < found.stop <= len(text)
        assert found.end is None or not found.end < found.start or found.end.month is None
    for invalid in find_invalid_dates(text, default_year=year):
        assert text[invalid.begin:invalid.stop] == invalid.text


# -- the quick paths read what the whole reading reads ------------------------------------------

RUN_PARTS = st.sampled_from(
    list("0123456789-–/.,:;'’()«»!?_²ªᵉ") + MOIS + MONTHS
    + ["1er", "2e", "3rd", "10h", "ETS", "de", "of", "et", "and", "au", "à", "jusqu", "entre",
       "Sept", "ﬁn", "ſept", "𝐦𝐚𝐢", "déc", "Févr", "e\u0301", "\u00ad", "\x00", "2017", "31"])


@settings(max_examples=300)
@given(st.lists(st.lists(RUN_PARTS, min_size=1, max_size=4).map("".join), max_size=12)
       .map(" ".join))
def test_a_text_read_run_by_run_has_the_tokens_of_the_whole_text(text: str) -> None:
    words, starts, gaps = _tokens(text)
    whole_words, whole_starts, whole_gaps = _tokens_at_once(text)
    assert (words, bytes(starts), list(gaps)) == (whole_words, bytes(whole_starts), whole_gaps)


@settings(max_examples=300)
@given(st.text(max_size=60), st.none() | st.integers(1900, 2099))
def test_a_text_without_a_digit_holds_no_date_unless_a_year_is_given(text: str,
                                                                      year: int | None) -> None:
    if year is None and not _has_digit(text):
        assert _scan(text, None) == ([], [])
    assert _has_digit(text) == any(c in "0123456789" for c in text)
