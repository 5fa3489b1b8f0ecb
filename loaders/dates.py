"""Dates and date ranges as CoE texts write them, in French and English.

:func:`find_ranges` finds every date and date range of a text, left to right, at the precision the
text states (a year, a month of a year, or a day; never a day or a month the text does not give),
with the characters each one covers so that a caller can pick the one next to a keyword.
:func:`find_invalid_dates` reports what looks like a date but is none (``31 février 2017``,
``2017-13-45``) so that a loader can warn with the line; :func:`find_ranges` skips those.

Shapes read (accents, case and the dot of an abbreviation are optional; ``1er``/``1st``/``3e`` are
days; a range separator is a hyphen or dash of any kind, ``au``, ``à``, ``jusqu'au``, ``to``,
``until``, ``till`` or ``through``, and ``et``/``and`` after ``entre``/``between``)::

    31 octobre 2016 · le 1er mars 2024 · 31 October 2016 · October 31, 2016 · 2016-10-31
    31/10/2016
    juin 2017 · Sept. 2017 · 3-4 octobre 2016 · du 16 au 18 novembre 2016 · November 16-18, 2016
    27 février – 1 mars 2017 · 1er mars 2017 – 29 février 2020 · juillet – décembre 2016
    jan 2014 – déc 2019 · from March 2016 until February 2020 · (2016-2021) · en 2017 · since 2016

The rules, decided once for every text:

- A year is four digits from 1900 to 2099. A bare year (no month) is a date only in a range of two
  years (``2016-2021``) or right after one of :data:`YEAR_WORDS` (``en``, ``in``, ``depuis``,
  ``since``, ``année``…): ``ETS 185``, ``Résolution 1244``, ``2 000 activités`` or
  ``SG/Inf(2017)42`` hold no date.
- Numbers glued to letters (``ETS185``) or to other numbers by ``/ . : ,`` (``24/7``, ``2.000``,
  ``10:30``) are not dates, except the day-first numeric dates ``31/10/2016`` and ``31.10.2016``
  (CoE is European: numeric dates are read day first, never month first).
- A day and month without a year (``17-19 mai``) take the year of the next date of the same line
  that has one (``7-8 septembre et … 9-10 septembre 2017``) when that does not move backwards in
  the year, else ``default_year`` (a month heading above a list), else they are no date.
- A month alone (``juillet`` in ``juillet – décembre 2016``) is a date only as the start of a range.
- The month-first order ``November 16, 2016`` is read for English month names only; ``may``,
  ``mar``, ``march`` and ``sept`` (an English verb, a French number) count as months in lower case
  only next to a day or a year.
- A range whose start borrows its year from its end and would then start after it crosses a year
  (``28 décembre – 3 janvier 2017`` starts in December 2016).

Everything is done on a list of tokens found by one regular expression without nested repetition,
and each position is tried against a bounded number of tokens: the time is linear in the text.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from rdflib import XSD, Literal


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at the precision the text states: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def literal(self) -> Literal:
        """xsd:date, xsd:gYearMonth or xsd:gYear: never a day the text did not state."""
        if self.month is None:
            return Literal(f"{self.year:04d}", datatype=XSD.gYear)
        if self.day is None:
            return Literal(f"{self.year:04d}-{self.month:02d}", datatype=XSD.gYearMonth)
        return Literal(f"{self.year:04d}-{self.month:02d}-{self.day:02d}", datatype=XSD.date)

    def __str__(self) -> str:
        return str(self.literal())


@dataclass(frozen=True)
class DateRange:
    """A span of time found in a text, with the characters it covers (``text[begin:stop]``).

    ``end`` is ``None`` when the text states a single date.
    """

    start: PartialDate
    end: PartialDate | None
    begin: int
    stop: int

    @property
    def last(self) -> PartialDate:
        """The end of the span, or its start when it is a single date."""
        return self.end if self.end is not None else self.start


@dataclass(frozen=True)
class InvalidDate:
    """Something written as a date that is none, such as ``31 février 2017`` or ``2017-13-45``."""

    text: str
    begin: int
    stop: int
    reason: str


MONTHS: dict[str, int] = {}
_MONTH_NAMES = (
    (1, "janvier janv january jan"),
    (2, "fevrier fevr fev february feb febr"),
    (3, "mars march mar"),
    (4, "avril avr april apr"),
    (5, "mai may"),
    (6, "juin june jun"),
    (7, "juillet juil july jul"),
    (8, "aout august aug"),
    (9, "septembre sept september sep"),
    (10, "octobre october oct"),
    (11, "novembre november nov"),
    (12, "decembre december dec"),
)
for _number, _names in _MONTH_NAMES:
    for _name in _names.split():
        MONTHS[_name] = _number
#: Month names only French writes; a month-first date (``November 16``) is English.
FRENCH_ONLY = frozenset("janvier janv fevrier fevr fev mars avril avr mai juin juillet juil aout "
                        "septembre octobre novembre decembre".split())
#: Full names, which take no abbreviation dot.
FULL_NAMES = frozenset("janvier fevrier mars avril mai juin juillet aout septembre octobre "
                       "novembre decembre january february march april may june july august "
                       "september october november december".split())
#: Month names that are also common words: in lower case, a month only next to a day or a year.
AMBIGUOUS = frozenset({"may", "mar", "march", "sept", "sep", "jan", "dec"})
#: Words after which a bare year is a date.
YEAR_WORDS = frozenset("en in depuis since annee annees year years during pendant until till "
                       "jusqu by fin debut end early late mid".split())
#: Words between the two ends of a range (with any hyphen or dash).
RANGE_WORDS = frozenset({"au", "a", "to", "until", "till", "through", "thru"})
#: ``entre février et juin 2017``, ``between 3 and 5 May 2017``.
BETWEEN = frozenset({"entre", "between"})
BETWEEN_AND = frozenset({"et", "and"})
ORDINALS = frozenset({"er", "re", "ere", "e", "eme", "st", "nd", "rd", "th"})
DASHES = frozenset("-‐‑‒–—―−~")
_OF = frozenset({"of", "de"})
_NUMBER_GLUE = frozenset("/.:,")

_TOKEN = re.compile(r"(?P<num>[0-9]+)|(?P<word>[^\W\d_]+)|\S")
_LOOKAHEAD = 16


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, accents dropped: ``Févr`` -> ``fevr`` (words repeat: the answer is kept)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(c))


@dataclass
class _Token:
    kind: str  # "num", "word", "punct"
    text: str
    norm: str
    begin: int
    end: int
    value: int = 0
    digits: int = 0
    usable: bool = True  # a number that can be part of a date
    ordinal: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if match.lastgroup == "num":
            value = int(raw) if len(raw) <= 4 else -1  # longer numbers are never part of a date
            tokens.append(_Token("num", raw, raw, match.start(), match.end(), value, len(raw)))
        elif match.lastgroup == "word":
            tokens.append(_Token("word", raw, fold(raw), match.start(), match.end()))
        else:
            tokens.append(_Token("punct", raw, raw, match.start(), match.end()))
    # Ordinals (1er, 3rd) and numbers glued to letters or to other numbers (ETS185, 24/7, 2.000).
    merged: list[_Token] = []
    for token in tokens:
        previous = merged[-1] if merged else None
        if (token.kind == "word" and previous is not None and previous.kind == "num"
                and previous.end == token.begin):
            if token.norm in ORDINALS and not previous.ordinal:
                previous.ordinal = True
                previous.end = token.end
                previous.text += token.text
                continue
            previous.usable = False
        if (token.kind == "num" and previous is not None and previous.end == token.begin
                and previous.kind == "word"):
            token.usable = False
        merged.append(token)
    for index, token in enumerate(merged):
        if token.kind != "punct" or token.text not in _NUMBER_GLUE:
            continue
        before = merged[index - 1] if index else None
        after = merged[index + 1] if index + 1 < len(merged) else None
        if (before is not None and after is not None and before.kind == "num"
                and after.kind == "num" and before.end == token.begin == after.begin - 1):
            before.usable = after.usable = False
    return merged


@dataclass
class _Point:
    """One end of a range as written: any of day, month, year may be missing."""

    first: int  # index of the first token
    stop: int  # index after the last token
    day: int | None = None
    month: int | None = None
    year: int | None = None
    month_first: bool = False  # ``November 16``
    numeric: bool = False  # ``2016-10-31``, ``31/10/2016``

    @property
    def bare_day(self) -> bool:
        return self.day is not None and self.month is None

    @property
    def bare_month(self) -> bool:
        return self.month is not None and self.day is None and self.year is None

    @property
    def bare_year(self) -> bool:
        return self.year is not None and self.month is None and self.day is None


@dataclass
class _Found:
    start: PartialDate | None  # None while the year is unknown
    end: PartialDate | None
    first: int
    stop: int
    pending: tuple[_Point, _Point | None] | None = None  # yearless, resolved later


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.found: list[_Found] = []
        self.invalid: list[InvalidDate] = []

    # -- token helpers -------------------------------------------------------------------------
    def tok(self, index: int) -> _Token | None:
        return self.toks[index] if 0 <= index < len(self.toks) else None

    def adjacent(self, index: int) -> bool:
        """Whether token ``index`` touches the token before it."""
        a, b = self.tok(index - 1), self.tok(index)
        return a is not None and b is not None and a.end == b.begin

    def is_year(self, index: int) -> bool:
        token = self.tok(index)
        return (token is not None and token.kind == "num" and token.usable and not token.ordinal
                and token.digits == 4 and 1900 <= token.value <= 2099)

    def is_day(self, index: int) -> bool:
        token = self.tok(index)
        return token is not None and token.kind == "num" and token.usable and token.digits <= 2

    def month_at(self, index: int) -> tuple[int, int] | None:
        """(month, index after it and its abbreviation dot) if a month name is at ``index``."""
        token = self.tok(index)
        if token is None or token.kind != "word" or token.norm not in MONTHS:
            return None
        stop = index + 1
        dot = self.tok(stop)
        if (token.norm not in FULL_NAMES and dot is not None and dot.text == "."
                and dot.begin == token.end):
            stop += 1
        return MONTHS[token.norm], stop

    def plain_month(self, index: int) -> bool:
        """A month name that needs no day or year beside it to be read as a month."""
        token = self.toks[index]
        return token.norm not in AMBIGUOUS or token.text[:1].isupper()

    def span(self, first: int, stop: int) -> tuple[int, int]:
        return self.toks[first].begin, self.toks[stop - 1].end

    def report(self, first: int, stop: int, reason: str) -> None:
        begin, end = self.span(first, stop)
        self.invalid.append(InvalidDate(self.text[begin:end], begin, end, reason))

    # -- points ---------------------------------------------------------------------------------
    def numeric(self, i: int) -> _Point | None:
        """``2016-10-31`` (ISO) or ``31/10/2016``, ``31.10.2016`` (day first), all touching."""
        if i + 5 > len(self.toks) or not all(self.adjacent(i + k) for k in range(1, 5)):
            return None
        a, s1, b, s2, c = self.toks[i:i + 5]
        if a.kind != "num" or b.kind != "num" or c.kind != "num" or s1.text != s2.text:
            return None
        if a.ordinal or b.ordinal or c.ordinal:
            return None
        if s1.text == "-" and a.digits == 4 and b.digits <= 2 and c.digits <= 2:
            return _Point(i, i + 5, day=c.value, month=b.value, year=a.value, numeric=True)
        if s1.text in "/." and a.digits <= 2 and b.digits <= 2 and c.digits == 4:
            return _Point(i, i + 5, day=a.value, month=b.value, year=c.value, numeric=True)
        return None

    def point(self, i: int) -> _Point | None:
        token = self.tok(i)
        if token is None:
            return None
        if token.kind == "num":
            found = self.numeric(i)
            if found is not None:
                return found
        if self.is_day(i):
            j = i + 1
            of = self.tok(j)
            if of is not None and of.norm in _OF and self.month_at(j + 1):
                j += 1
            month = self.month_at(j)
            if month is not None:
                number, j = month
                point = _Point(i, j, day=token.value, month=number)
                if self.is_year(j):
                    point.year, point.stop = self.toks[j].value, j + 1
                return point
            return _Point(i, i + 1, day=token.value)
        if self.is_year(i):
            return _Point(i, i + 1, year=token.value)
        month = self.month_at(i)
        if month is not None:
            number, j = month
            if self.is_year(j):
                return _Point(i, j + 1, month=number, year=self.toks[j].value)
            if (self.is_day(j) and token.norm not in FRENCH_ONLY and self.month_at(j + 1) is None
                    and (self.plain_month(i) or self.is_year(j + 1)
                         or (self.tok(j + 1) is not None and self.toks[j + 1].text == ","
                             and self.is_year(j + 2)))):
                return _Point(i, j + 1, day=self.toks[j].value, month=number, month_first=True)
            if self.plain_month(i):
                return _Point(i, j, month=number)
        return None

    def separator(self, i: int, *, between: bool = False) -> int | None:
        """Index after a range separator at ``i`` (``et``, ``and`` after ``entre``, ``between``)."""
        token = self.tok(i)
        if token is None:
            return None
        if between and token.norm in BETWEEN_AND:
            return i + 1
        if token.norm == "jusqu":
            quote = self.tok(i + 1)
            if quote is not None and quote.text in "'’":
                i += 2
                token = self.tok(i)
                if token is None:
                    return None
        if token.text in DASHES or token.norm in RANGE_WORDS:
            return i + 1
        return None

    def trailing_year(self, point: _Point) -> None:
        """``November 16, 2016``: a year after a comma completes a date without one."""
        j = point.stop
        comma = self.tok(j)
        if comma is not None and comma.text == ",":
            j += 1
        if self.is_year(j):
            point.year, point.stop = self.toks[j].value, j + 1

    # -- ranges ---------------------------------------------------------------------------------
    def scan(self) -> None:
        i = 0
        while i < len(self.toks):
            stop = self.attempt(i)
            i = stop if stop is not None else i + 1

    def attempt(self, i: int) -> int | None:
        """Read a date or range at token ``i``; the index after it, or None."""
        start = self.point(i)
        if start is None:
            return None
        before = self.tok(i - 1)
        j = self.separator(start.stop, between=before is not None and before.norm in BETWEEN)
        if j is not None:
            end = self.point(j)
            if end is not None and end.first - i <= _LOOKAHEAD:
                if end.year is None and (end.month is not None or start.month_first):
                    self.trailing_year(end)
                stop = self.combine(start, end)
                if stop is not None:
                    return stop
        return self.single(start)

    def combine(self, start: _Point, end: _Point) -> int | None:
        """Record the range ``start``–``end`` if the two ends make one; index after it, or None."""
        start = replace(start)
        end = replace(end)
        if start.bare_year or end.bare_year:
            if not (start.bare_year and end.bare_year):
                return None
        elif start.bare_day:
            if end.day is None or end.month is None:
                return None
            start.month = end.month
            start.year = end.year
        elif end.bare_day:
            if not start.month_first or start.year is not None:
                return None
            end.month = start.month
            start.year = end.year
        elif end.month is None:
            return None
        elif start.year is None:
            start.year = end.year
            if start.year is not None and _before_in_year(end, start):
                start.year -= 1  # 28 décembre – 3 janvier 2017
        elif end.year is None:
            return None
        if (start.month is not None and start.day is None and start.year is None
                and end.year is None):
            return None  # a bare month with nothing to date it
        if start.year is None and end.year is None:
            if start.day is None or end.day is None:
                return None
            self.found.append(_Found(None, None, start.first, end.stop, (start, end)))
            return end.stop
        assert start.year is not None and end.year is not None
        return self.record(start, end)

    def single(self, point: _Point) -> int | None:
        if point.bare_day:
            return None
        if point.bare_month:
            return None
        if point.bare_year:
            before = self.tok(point.first - 1)
            if before is None or before.norm not in YEAR_WORDS:
                return None
        if point.year is None:
            self.trailing_year(point)
        if point.year is None:
            self.found.append(_Found(None, None, point.first, point.stop, (point, None)))
            return point.stop
        return self.record(point, None)

    def record(self, start: _Point, end: _Point | None) -> int:
        """Keep the dated range ``start``–``end`` if it is valid; the index after it."""
        found = self.make(start, end)
        if found is not None:
            self.found.append(found)
        return end.stop if end is not None else start.stop

    def make(self, start: _Point, end: _Point | None) -> _Found | None:
        """The dated range ``start``–``end``, or None after reporting why it is none."""
        stop = end.stop if end is not None else start.stop
        first_date = self.validate(start, start.first, stop)
        if first_date is None:
            return None
        last_date = None
        if end is not None:
            last_date = self.validate(end, start.first, stop)
            if last_date is None:
                return None
            if _after(first_date, last_date):
                self.report(start.first, stop, "the range ends before it starts")
                return None
        return _Found(first_date, last_date, start.first, stop)

    def validate(self, point: _Point, first: int, stop: int) -> PartialDate | None:
        """The date of a point with a year, or None after reporting why not (on ``first:stop``)."""
        assert point.year is not None
        if point.month is None:
            return PartialDate(point.year)
        if not 1 <= point.month <= 12:
            self.report(first, stop, f"there is no month {point.month}")
            return None
        if point.day is None:
            return PartialDate(point.year, point.month)
        length = calendar.monthrange(point.year, point.month)[1]
        if not 1 <= point.day <= length:
            month = calendar.month_name[point.month]
            self.report(first, stop, f"{month} {point.year} has no day {point.day}")
            return None
        return PartialDate(point.year, point.month, point.day)

    # -- years from elsewhere -------------------------------------------------------------------
    def resolve(self, default_year: int | None) -> None:
        """Give a year to dates written without one (``17-19 mai``), or drop them."""
        following: _Found | None = None
        resolved: list[_Found] = []
        for found in reversed(self.found):
            if found.pending is None:
                following = found
                resolved.append(found)
                continue
            year = self.borrowed_year(found, following)
            if year is None:
                year = default_year
            if year is None:
                continue
            start, end = found.pending
            start = replace(start, year=year)
            if end is not None:
                end = replace(end, year=year)
                if _before_in_year(end, start):
                    start.year = year - 1
            made = self.make(start, end)
            if made is not None:
                resolved.append(made)
        resolved.reverse()
        self.found = resolved

    def borrowed_year(self, found: _Found, following: _Found | None) -> int | None:
        if following is None or following.start is None:
            return None
        between = self.text[self.toks[found.stop - 1].end:self.toks[following.first].begin]
        if "\n" in between:
            return None
        start, _ = found.pending  # type: ignore[misc]
        target = following.start
        if target.month is not None and start.month is not None and start.month > target.month:
            return None
        return target.year


def _after(first: PartialDate, last: PartialDate) -> bool:
    """Whether ``first`` starts after ``last`` ends, compared at the precision both state."""
    a = (first.year, first.month, first.day)
    b = (last.year, last.month, last.day)
    for x, y in zip(a, b, strict=True):
        if x is None or y is None:
            return False
        if x != y:
            return x > y
    return False


def _before_in_year(end: _Point, start: _Point) -> bool:
    return (end.month or 0, end.day or 0) < (start.month or 0, start.day or 0)


def _scan(text: str, default_year: int | None) -> _Scanner:
    scanner = _Scanner(text)
    scanner.scan()
    scanner.resolve(default_year)
    return scanner


def find_ranges(text: str, *, default_year: int | None = None) -> list[DateRange]:
    """Every date or date range in ``text``, left to right, with the characters it covers.

    ``default_year`` dates a day and month written without a year (``17-19 mai`` under a heading
    ``mai 2017``) when the same line gives none.
    """
    return find_dates(text, default_year=default_year)[0]


def find_invalid_dates(text: str, *, default_year: int | None = None) -> list[InvalidDate]:
    """What ``text`` writes as a date but is none (``31 février 2017``, ``2017-13-45``)."""
    return find_dates(text, default_year=default_year)[1]


def find_dates(text: str, *,
               default_year: int | None = None) -> tuple[list[DateRange], list[InvalidDate]]:
    """:func:`find_ranges` and :func:`find_invalid_dates` of ``text`` in one pass."""
    ranges, invalid = _find_dates(text, default_year)
    return list(ranges), list(invalid)


@lru_cache(maxsize=4096)
def _find_dates(text: str,
                default_year: int | None) -> tuple[tuple[DateRange, ...], tuple[InvalidDate, ...]]:
    """The dates of ``text``; the loaders ask about the same row or sentence several times, and
    the answer (immutable) is kept for the next asker."""
    if not _MAY_HOLD_A_DATE.search(text) and default_year is None:
        return (), ()
    scanner = _scan(text, default_year)
    ranges = []
    for found in scanner.found:
        assert found.start is not None
        begin, stop = scanner.span(found.first, found.stop)
        ranges.append(DateRange(found.start, found.end, begin, stop))
    return tuple(ranges), tuple(sorted(scanner.invalid, key=lambda bad: bad.begin))


#: Every date this module reads has a digit, unless a default year dates a bare month.
_MAY_HOLD_A_DATE = re.compile(r"[0-9]")


def parse_date(text: str, *, default_year: int | None = None) -> PartialDate | None:
    """The single date that is the whole of ``text`` (``1er mars 2017``, ``June 2019``), or None."""
    ranges = find_ranges(text, default_year=default_year)
    stripped = text.strip()
    if len(ranges) != 1 or ranges[0].end is not None:
        return None
    found = ranges[0]
    if text[found.begin:found.stop].strip() != stripped.lstrip("(").rstrip(").,;"):
        return None
    return found.start


def nearest(ranges: list[DateRange], position: int) -> DateRange | None:
    """The range closest to character ``position`` (one that covers it first), or None."""
    best: tuple[int, int] | None = None
    chosen = None
    for found in ranges:
        distance = 0 if found.begin <= position < found.stop else min(
            abs(found.begin - position), abs(found.stop - position))
        key = (distance, found.begin)
        if best is None or key < best:
            best, chosen = key, found
    return chosen


def following(ranges: list[DateRange], position: int) -> DateRange | None:
    """The first range that starts at or after character ``position`` (after a keyword), or None."""
    return next((found for found in ranges if found.begin >= position), None)
