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

Everything is done on a list of tokens found by one regular expression without nested repetition
(run by run of characters between spaces: runs repeat from text to text, and what a run holds is
kept), and a date is read only from a token where one may start (a number, a month name), against a
bounded number of tokens: the time is linear in the text.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from operator import add, attrgetter, itemgetter, sub

from rdflib import XSD, Literal


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at the precision the text states: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def literal(self) -> Literal:
        """xsd:date, xsd:gYearMonth or xsd:gYear: never a day the text did not state."""
        return _literal(self.year, self.month, self.day)

    def __str__(self) -> str:
        return str(self.literal())


@lru_cache(maxsize=4096)
def _literal(year: int, month: int | None, day: int | None) -> Literal:
    """The literal of :meth:`PartialDate.literal` (dates repeat, and rdflib reads each literal it
    makes: the literal is kept)."""
    if month is None:
        return Literal(f"{year:04d}", datatype=XSD.gYear)
    if day is None:
        return Literal(f"{year:04d}-{month:02d}", datatype=XSD.gYearMonth)
    return Literal(f"{year:04d}-{month:02d}-{day:02d}", datatype=XSD.date)


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

#: A token and the spaces before it. A token is a number (with the letters glued to it: ``1er``,
#: ``3rd``, ``10h``), a word, or any other character but a space.
_PIECE = re.compile(r"\s*(?:[0-9]+(?:[^\W\d_]+)?|[^\W\d_]+|\S)")
#: A piece that is a number with letters glued to it; they are a word of their own (``10h``)
#: unless they make an ordinal (``1er``).
_GLUED = re.compile(r"(\s*[0-9]+)([^\W\d_]+)")
_GLUED_ANYWHERE = re.compile(r"[0-9][^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_LEADING_DIGITS = re.compile(r"[0-9]+")
_DIGITS = frozenset("0123456789")
_APOSTROPHES = frozenset("'’")
_NUMERIC_MARKS = frozenset("-/.")
#: Characters that are a token of their own, never part of a word or a number.
_PUNCTUATION = frozenset(",.;:!?()[]'’\"«»")
#: What a date may start at a token besides a month (1 to 12): see :func:`_date_starts`.
_TIED_NUMBER = 13
_FREE_NUMBER = 14
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case, accents dropped: ``Févr`` -> ``fevr`` (words repeat: the answer is kept)."""
    if word.isascii():  # nothing to decompose: the same answer, for less
        return word.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _folded_word(token: str) -> str | None:
    """A token folded (``Févr`` -> ``fevr``) if it is a word, else None (tokens repeat: the
    answer is kept)."""
    return fold(token) if _WORD.fullmatch(token) else None


def _tokens(text: str) -> tuple[list[str], Sequence[int], Sequence[int]]:
    """The tokens of ``text``, left to right: their texts, what a date may start at each (see
    :func:`_date_starts`) and how many spaces come before each. Those of a text written with one
    space between its runs of characters (the usual case) are those of its runs, which repeat
    from text to text: they are kept."""
    runs = text.split()
    if " ".join(runs) == text:
        if not runs:
            return [], b"", b""
        of_runs = list(map(_run_tokens, runs))
        words = " ".join(map(_FIRST, of_runs)).split(" ")
        gaps = b"\0" + b"".join(map(_THIRD, of_runs))[1:]  # no space before the first run
        return words, b"".join(map(_SECOND, of_runs)), gaps
    return _tokens_at_once(text)


def _tokens_at_once(text: str) -> tuple[list[str], Sequence[int], Sequence[int]]:
    """:func:`_tokens` of the whole of ``text`` at once, whatever its spaces."""
    pieces = _pieces(text)
    words = list(map(str.lstrip, pieces))
    gaps = list(map(sub, map(len, pieces), map(len, words)))
    return words, _date_starts(words, gaps), gaps


@lru_cache(maxsize=65536)
def _run_tokens(run: str) -> tuple[str, bytes, bytes]:
    """:func:`_tokens` of a run of characters after one space, its tokens joined by spaces
    (nothing beyond the spaces around a run changes what its tokens may start)."""
    if run.isalpha():  # one word, as most runs are
        return run, bytes([MONTHS.get(fold(run), 0)]), b"\1"
    if run[:-1].isalpha() and run[-1] in _PUNCTUATION:  # "Dakar,"
        word = run[:-1]
        return f"{word} {run[-1]}", bytes([MONTHS.get(fold(word), 0), 0]), b"\1\0"
    if run.isascii() and run.isdigit():  # a number alone
        return run, bytes([_FREE_NUMBER]), b"\1"
    words = _pieces(run)
    gaps = bytes([1] + [0] * (len(words) - 1))
    return " ".join(words), _date_starts(words, gaps), gaps


def _pieces(text: str) -> list[str]:
    """The tokens of ``text`` with the spaces before each, left to right."""
    pieces = _PIECE.findall(text)
    if _GLUED_ANYWHERE.search(text) is None:
        return pieces
    return [part for piece in pieces for part in _unglued(piece)]


def _unglued(piece: str) -> tuple[str, ...]:
    """``10h`` is a number and a word; ``1er`` and ``3rd`` are one (ordinal) number."""
    glued = _GLUED.fullmatch(piece)
    if glued is None or fold(glued[2]) in ORDINALS:
        return (piece,)
    return glued.groups()


def _date_starts(words: Sequence[str], gaps: Sequence[int]) -> bytes:
    """What a date may start at each token: the month (1 to 12) of a month name, a number that is
    free (:data:`_FREE_NUMBER`: it may be part of a date) or tied to its neighbours
    (:data:`_TIED_NUMBER`: glued to letters, ``ETS185``, ``10h``, or by ``/ . : ,`` to another
    number, ``24/7``, ``2.000``, ``10:30``), or nothing (0)."""
    starts = bytearray(len(words))
    for index, word in enumerate(words):
        if word[0] not in _DIGITS:
            starts[index] = MONTHS.get(_folded_word(word) or "", 0)
        elif ((index > 0 and not gaps[index] and _ties(words, gaps, index - 1, index - 2))
              or (index + 1 < len(words) and not gaps[index + 1]
                  and _ties(words, gaps, index + 1, index + 2))):
            starts[index] = _TIED_NUMBER
        else:
            starts[index] = _FREE_NUMBER
    return bytes(starts)


def _ties(words: Sequence[str], gaps: Sequence[int], beside: int, beyond: int) -> bool:
    """Whether token ``beside``, which touches a number, ties it to more than itself: it is a word
    (an ordinal suffix is part of its number), or one of ``/ . : ,`` that touches another number
    at ``beyond``."""
    if _folded_word(words[beside]) is not None:
        return True
    return (words[beside] in _NUMBER_GLUE and 0 <= beyond < len(words)
            and words[beyond][0] in _DIGITS and not gaps[max(beside, beyond)])


#: ``PartialDate(year, month, day)``, kept: dates repeat, and a frozen dataclass is slow to make.
_date = lru_cache(maxsize=4096)(PartialDate)


@dataclass(slots=True)
class _Point:
    """One end of a range as written: any of day, month, year may be missing."""

    first: int  # index of the first token
    stop: int  # index after the last token
    day: int | None = None
    month: int | None = None
    year: int | None = None
    month_first: bool = False  # ``November 16``
    numeric: bool = False  # ``2016-10-31``, ``31/10/2016``

    def copy(self, month: int | None, year: int | None) -> _Point:
        """This point with ``month`` and ``year``: a copy, as the point may still be read alone."""
        return _Point(self.first, self.stop, self.day, month, year, self.month_first, self.numeric)

    @property
    def bare_day(self) -> bool:
        return self.day is not None and self.month is None

    @property
    def bare_month(self) -> bool:
        return self.month is not None and self.day is None and self.year is None

    @property
    def bare_year(self) -> bool:
        return self.year is not None and self.month is None and self.day is None


@dataclass(slots=True)
class _Pending:
    """A date or range written without a year (``17-19 mai``), dated once the text is read."""

    start: _Point
    end: _Point | None


class _Scanner:
    """Reads the dates of one text on its tokens, from the tokens where a date may start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.starts, self.gaps = _tokens(text)
        self.ends: list[int] | None = None  # where each token ends in the text, when asked
        self.found: list[DateRange | _Pending] = []
        self.invalid: list[InvalidDate] = []

    # -- token helpers -------------------------------------------------------------------------
    def word(self, index: int) -> str:
        """The text of token ``index``, ``""`` past either end."""
        return self.words[index] if 0 <= index < len(self.words) else ""

    def norm(self, index: int) -> str:
        """Token ``index`` folded (``Févr`` -> ``fevr``) if it is a word, else ``""``."""
        return (_folded_word(self.words[index]) or "") if 0 <= index < len(self.words) else ""

    def adjacent(self, index: int) -> bool:
        """Whether token ``index`` touches the token before it."""
        return 0 < index < len(self.words) and not self.gaps[index]

    def plain_number(self, index: int) -> bool:
        """Whether token ``index`` is a number without an ordinal suffix."""
        return self.starts[index] >= _TIED_NUMBER and self.words[index][-1] in _DIGITS

    def day_at(self, index: int) -> int | None:
        """The day that a free number of one or two digits (``3``, ``1er``) at ``index`` states."""
        if not (0 <= index < len(self.starts) and self.starts[index] == _FREE_NUMBER):
            return None
        digits = self.words[index]
        if digits[-1] not in _DIGITS:
            digits = _LEADING_DIGITS.match(digits)[0]  # type: ignore[index]
        return int(digits) if len(digits) <= 2 else None

    def year_at(self, index: int) -> int | None:
        """The year that a free four-digit number from 1900 to 2099 at ``index`` states."""
        if not (0 <= index < len(self.starts) and self.starts[index] == _FREE_NUMBER):
            return None
        word = self.words[index]
        if len(word) != 4 or word[-1] not in _DIGITS:
            return None
        year = int(word)
        return year if 1900 <= year <= 2099 else None

    def month_at(self, index: int) -> tuple[int, int] | None:
        """(month, index after it and its abbreviation dot) if a month name is at ``index``."""
        month = self.starts[index] if 0 <= index < len(self.starts) else 0
        if not 1 <= month <= 12:
            return None
        stop = index + 1
        if (stop < len(self.words) and self.words[stop] == "." and not self.gaps[stop]
                and self.norm(index) not in FULL_NAMES):
            stop += 1
        return month, stop

    def plain_month(self, index: int) -> bool:
        """A month name that needs no day or year beside it to be read as a month."""
        return self.norm(index) not in AMBIGUOUS or self.words[index][:1].isupper()

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """The characters that tokens ``first`` to ``stop`` (excluded) cover."""
        if self.ends is None:
            self.ends = list(accumulate(map(add, self.gaps, map(len, self.words))))
        return self.ends[first] - len(self.words[first]), self.ends[stop - 1]

    def report(self, first: int, stop: int, reason: str) -> None:
        begin, end = self.span(first, stop)
        self.invalid.append(InvalidDate(self.text[begin:end], begin, end, reason))

    # -- points ---------------------------------------------------------------------------------
    def numeric(self, i: int) -> _Point | None:
        """``2016-10-31`` (ISO) or ``31/10/2016``, ``31.10.2016`` (day first), all touching."""
        words = self.words
        if i + 4 >= len(words) or words[i + 1] not in _NUMERIC_MARKS or words[i + 3] != words[i + 1]:
            return None
        mark = words[i + 1]
        if not all(self.adjacent(i + k) for k in range(1, 5)):
            return None
        if not all(self.plain_number(k) for k in range(i, i + 5, 2)):
            return None
        a, b, c = words[i:i + 5:2]
        if mark == "-" and len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            return _Point(i, i + 5, day=int(c), month=int(b), year=int(a), numeric=True)
        if mark != "-" and len(a) <= 2 and len(b) <= 2 and len(c) == 4:
            return _Point(i, i + 5, day=int(a), month=int(b), year=int(c), numeric=True)
        return None

    def point(self, i: int) -> _Point | None:
        """The date (or part of one) written from token ``i``, or None."""
        start = self.starts[i] if 0 <= i < len(self.starts) else 0
        if start >= _TIED_NUMBER:
            if self.word(i + 1) in _NUMERIC_MARKS:
                found = self.numeric(i)
                if found is not None:
                    return found
            day = self.day_at(i)
            if day is None:
                year = self.year_at(i)
                return _Point(i, i + 1, year=year) if year is not None else None
            month = self.month_at(i + 1)
            if month is None and self.norm(i + 1) in _OF:  # the 1st of March
                month = self.month_at(i + 2)
            if month is None:
                return _Point(i, i + 1, day=day)
            number, j = month
            year = self.year_at(j)
            if year is not None:
                return _Point(i, j + 1, day=day, month=number, year=year)
            return _Point(i, j, day=day, month=number)
        if start == 0:
            return None
        number, j = self.month_at(i)  # type: ignore[misc]
        year = self.year_at(j)
        if year is not None:
            return _Point(i, j + 1, month=number, year=year)
        day = self.day_at(j)
        if (day is not None and self.norm(i) not in FRENCH_ONLY and self.month_at(j + 1) is None
                and (self.plain_month(i) or self.year_at(j + 1) is not None
                     or (self.word(j + 1) == "," and self.year_at(j + 2) is not None))):
            return _Point(i, j + 1, day=day, month=number, month_first=True)
        if self.plain_month(i):
            return _Point(i, j, month=number)
        return None

    def separator(self, i: int, first: int) -> int | None:
        """Index after a range separator at ``i``, after a point from token ``first`` (``et`` and
        ``and`` separate only after ``entre``, ``between``)."""
        norm = self.norm(i)
        if norm in BETWEEN_AND and self.norm(first - 1) in BETWEEN:
            return i + 1
        if norm == "jusqu" and self.word(i + 1) in _APOSTROPHES:
            i += 2
            norm = self.norm(i)
        if self.word(i) in DASHES or norm in RANGE_WORDS:
            return i + 1
        return None

    def trailing_year(self, point: _Point) -> None:
        """``November 16, 2016``: a year after a comma completes a date without one."""
        j = point.stop
        if self.word(j) == ",":
            j += 1
        year = self.year_at(j)
        if year is not None:
            point.year, point.stop = year, j + 1

    # -- ranges ---------------------------------------------------------------------------------
    def scan(self) -> None:
        """Read the dates left to right, from every token where one may start (the others would
        read none) that no date read before covers."""
        i = 0
        for first in compress(range(len(self.starts)), self.starts):
            if first >= i:
                stop = self.attempt(first)
                i = stop if stop is not None else first + 1

    def attempt(self, i: int) -> int | None:
        """Read a date or range at token ``i``; the index after it, or None."""
        start = self.point(i)
        if start is None:
            return None
        j = self.separator(start.stop, i)
        if j is not None:
            end = self.point(j)  # a point spans at most 5 tokens, a separator 3
            if end is not None:
                if end.year is None and (end.month is not None or start.month_first):
                    self.trailing_year(end)
                stop = self.combine(start, end)
                if stop is not None:
                    return stop
        return self.single(start)

    def combine(self, start: _Point, end: _Point) -> int | None:
        """Record the range ``start``–``end`` if the two ends make one; index after it, or None.
        An end that takes its month or year from the other is a copy."""
        if start.bare_year or end.bare_year:
            if not (start.bare_year and end.bare_year):
                return None
        elif start.bare_day:
            if end.day is None or end.month is None:
                return None
            start = start.copy(end.month, end.year)
        elif end.bare_day:
            if not start.month_first or start.year is not None:
                return None
            end = end.copy(start.month, end.year)
            start = start.copy(start.month, end.year)
        elif end.month is None:
            return None
        elif start.year is None:
            year = end.year
            if year is not None and _before_in_year(end, start):
                year -= 1  # 28 décembre – 3 janvier 2017
            start = start.copy(start.month, year)
        elif end.year is None:
            return None
        if (start.month is not None and start.day is None and start.year is None
                and end.year is None):
            return None  # a bare month with nothing to date it
        if start.year is None and end.year is None:
            if start.day is None or end.day is None:
                return None
            self.found.append(_Pending(start, end))
            return end.stop
        assert start.year is not None and end.year is not None
        return self.record(start, end)

    def single(self, point: _Point) -> int | None:
        if point.bare_day:
            return None
        if point.bare_month:
            return None
        if point.bare_year and self.norm(point.first - 1) not in YEAR_WORDS:
            return None
        if point.year is None:
            self.trailing_year(point)
        if point.year is None:
            self.found.append(_Pending(point, None))
            return point.stop
        return self.record(point, None)

    def record(self, start: _Point, end: _Point | None) -> int:
        """Keep the dated range ``start``–``end`` if it is valid; the index after it."""
        found = self.make(start, end)
        if found is not None:
            self.found.append(found)
        return end.stop if end is not None else start.stop

    def make(self, start: _Point, end: _Point | None) -> DateRange | None:
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
        return DateRange(first_date, last_date, *self.span(start.first, stop))

    def validate(self, point: _Point, first: int, stop: int) -> PartialDate | None:
        """The date of a point with a year, or None after reporting why not (on ``first:stop``)."""
        assert point.year is not None
        if point.month is None:
            return _date(point.year, None, None)
        if not 1 <= point.month <= 12:
            self.report(first, stop, f"there is no month {point.month}")
            return None
        if point.day is None:
            return _date(point.year, point.month, None)
        if not 1 <= point.day <= _MONTH_DAYS[point.month] + (
                point.month == 2 and calendar.isleap(point.year)):
            month = calendar.month_name[point.month]
            self.report(first, stop, f"{month} {point.year} has no day {point.day}")
            return None
        return _date(point.year, point.month, point.day)

    # -- years from elsewhere -------------------------------------------------------------------
    def resolve(self, default_year: int | None) -> list[DateRange]:
        """The dates found, those written without a year (``17-19 mai``) given one or dropped."""
        following: DateRange | None = None
        resolved: list[DateRange] = []
        for found in reversed(self.found):
            if isinstance(found, DateRange):
                following = found
                resolved.append(found)
                continue
            year = self.borrowed_year(found, following)
            if year is None:
                year = default_year
            if year is None:
                continue
            start = found.start.copy(found.start.month, year)
            end = found.end
            if end is not None:
                end = end.copy(end.month, year)
                if _before_in_year(end, start):
                    start.year = year - 1
            made = self.make(start, end)
            if made is not None:
                resolved.append(made)
        resolved.reverse()
        return resolved

    def borrowed_year(self, found: _Pending, following: DateRange | None) -> int | None:
        """The year of the next dated range, for ``found`` on the same line before it."""
        if following is None:
            return None
        last = found.end if found.end is not None else found.start
        if "\n" in self.text[self.span(last.first, last.stop)[1]:following.begin]:
            return None
        start = found.start
        target = following.start
        if target.month is not None and start.month is not None and start.month > target.month:
            return None
        return target.year


def _after(first: PartialDate, last: PartialDate) -> bool:
    """Whether ``first`` starts after ``last`` ends, compared at the precision both state."""
    if first.year != last.year:
        return first.year > last.year
    if first.month is None or last.month is None or first.month != last.month:
        return first.month is not None and last.month is not None and first.month > last.month
    return first.day is not None and last.day is not None and first.day > last.day


#: Days in each month (of a common year), as ``calendar.monthrange`` tells without the weekday it
#: also works out.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _before_in_year(end: _Point, start: _Point) -> bool:
    return (end.month or 0, end.day or 0) < (start.month or 0, start.day or 0)


def _scan(text: str, default_year: int | None) -> tuple[list[DateRange], list[InvalidDate]]:
    """The dates of ``text`` and what looks like a date but is none, in the order found."""
    scanner = _Scanner(text)
    scanner.scan()
    return scanner.resolve(default_year), scanner.invalid


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
    if default_year is None and not _has_digit(text):
        return (), ()
    ranges, invalid = _scan(text, default_year)
    return tuple(ranges), (tuple(sorted(invalid, key=_BEGIN)) if invalid else ())


_BEGIN = attrgetter("begin")


def _has_digit(text: str) -> bool:
    """Whether ``text`` has a digit, as every date this module reads without a default year has
    (ten searches for one character take less time than one of a regular expression)."""
    return any(map(text.__contains__, "0123456789"))


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
