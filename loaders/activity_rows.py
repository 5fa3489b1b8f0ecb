"""Finding the rows of activity lists in a document and reading each one into its parts.

A row is one activity as lists write them, in French or English:

- a table row (cells split by tabs, or by ``|``):
  ``GLACY+, iPROCEEDS<TAB>Title, City, Country, dates`` or
  ``24 – 28 November 2014 | Workshop on … | Accra, Ghana | GLACY``; a row that ends without a date
  goes on over the next lines that start with an empty cell, up to 2,400 characters (blank lines,
  separator lines such as ``--------<TAB>--`` and page headers such as ``SG/Inf(2017)42`` between
  them are skipped);
- a bullet or a line of its own: ``GLACY+: Workshop on X, Accra, Ghana, 24-28 November 2014``;
- a dateline, ``Singapore 25-27 June 2019`` on a line of its own or ``[Manila, 27 November 2014]``
  at the start of a paragraph, which dates the title line above it (a short line of its own that
  names a type of activity or starts with projects: ``GLACY+ and iPROCEEDS: Workshop on …``).

A line that is only a month of a year (``octobre 2016``) is a heading: it gives the year to the
dates below it written without one (``17-19 mai``), and its month to a table row with no date of
its own; it dates the rows and bullets below it up to the next line of plain text.

The end of a row is read from right to left, one comma-separated piece at a time: dates, the
country (a name the reference data knows), cities (short capitalised names that name no known
organisation or project), in any order (``Géorgie, Tbilissi``; ``… 22-25 mai 2017, Rabat, Maroc``);
the first piece that is none of these ends the title. Sentences of running prose are never rows:
a date inside a sentence (``held in Singapore on 27 February - 1 March 2017``) dates no activity,
and a line of its own that ends with a full stop is a sentence unless it starts with projects
(``GLACY+: …``) or is a bullet.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar, cast

from cyberkg.loaders.dates import (
    DateRange,
    PartialDate,
    find_dates,
    find_ranges,
    fold,
    parse_date,
)
from cyberkg.loaders.gazetteer import Entry, Gazetteer

_SEPARATOR_LINE = re.compile(r"[\s\-=_|:+.·•]*")
_STRAY_LINE = re.compile(
    r"[^\s/]+(?:/[^\s/]+)+|\d{1,4}|(?:page|p\.)\s*\d+(?:\s*(?:/|of|sur|de)\s*\d+)?", re.IGNORECASE)
_BULLET = re.compile(r"\s*(?:[-•*·–—▪◦●]|\d{1,3}[.)])\s+")
_BRACKET_DATELINE = re.compile(r"\s*\[([^\[\]]{3,120})\]")
_ROMAN = re.compile(r"(?:I{1,3}|IV|V|VI{1,3}|IX|X|\d{1,2})", re.IGNORECASE)
_TAG_SPLIT = re.compile(r"\s*(?:[,;/&]|\s(?:and|et)\s)\s*|\s+")
# Connecting words at the start or the end of a piece. The run at the end is only tried from its
# first word (the lookbehinds skip a start right after a space or a connecting word, which the
# earlier start covers): tried from every word, a long run of them took quadratic time.
_CONNECTORS = re.compile(r"^(?:(?:et|and|&|du|from|le|on|au|à|a|to|until)\s+)+|"
                         r"(?<!\s)(?<!\s&)(?<!\s(?:et|du|le|on))(?<!\sand)(?<!\sfrom)"
                         r"(?:\s+(?:et|and|&|du|from|le|on))+$", re.IGNORECASE)
_LEADING_CONNECTOR = re.compile(r"(?:et|and|&|du|from|le|on|au|à|a|to|until)\s", re.IGNORECASE)
_TRAILING_CONNECTOR = re.compile(r"\s(?:et|and|&|du|from|le|on)$", re.IGNORECASE)
_SEGMENT_MARK = re.compile(r"[(\[{)\]}\"«»“”,]")
_TRIM = " \t,;:.-–—()[]"
_TITLE_TRIM = " \t,;:-–—|"
PARTICLES = frozenset("de du des la le les aux au sur en d l of the upon am an y el al da do dos "
                      "di del der den van von".split())
VENUE_WORDS = frozenset("university universite universidad college ecole school hotel centre "
                        "center complex headquarters siege ministry ministere institute institut "
                        "academy academie building palais palace house hall campus "
                        "office".split())
_OTHER_KINDS = frozenset({"organisation", "project", "convention", "region"})
MAX_LINE = 600
_Span = tuple[int, int, DateRange | None]  # a date as written: its characters, None if impossible


@dataclass
class Place:
    """Where an activity took place, as written: a country known to the reference data, cities."""

    country: Entry | None = None
    country_surface: str | None = None
    cities: list[str] = field(default_factory=list)


@dataclass
class Tail:
    """The end of a row read from the right: its dates and places, and where the title ends."""

    title_end: int
    dates: list[DateRange]
    place: Place
    invalid: bool = False  # an impossible date (31 février 2017) stands where a date would


@dataclass(frozen=True)
class Heading:
    """A month heading above a list (``octobre 2016``) and its line."""

    date: PartialDate
    line: int
    text: str


@dataclass
class Row:
    """One activity as a document writes it, before it becomes facts."""

    line: int
    text: str
    title: str
    projects: list[str]
    dates: list[DateRange]
    place: Place
    heading: Heading | None = None
    date_line: int | None = None  # a dateline below the title line
    date_text: str | None = None
    invalid: bool = False  # the row writes an impossible date

    @property
    def span(self) -> tuple[PartialDate, PartialDate | None] | None:
        """First day to last day of the row's dates (text order), or the month of the heading
        above a row that writes no date (none for a row whose only date is impossible)."""
        if self.dates:
            return self.dates[0].start, self.dates[-1].last
        if self.heading is not None and not self.invalid:
            return self.heading.date, None
        return None


def segments(text: str) -> list[tuple[int, int]]:
    """Comma-separated pieces of ``text``, never split inside brackets, quotes or ``3,5``."""
    pieces: list[tuple[int, int]] = []
    depth = 0
    quoted = False
    start = 0
    for mark in _SEGMENT_MARK.finditer(text):  # the characters that matter, skipping the others
        index, char = mark.start(), mark.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in "\"«»“”":
            quoted = not quoted if char == "\"" else char in "«“"
        elif char == "," and depth == 0 and not quoted:
            if text[index - 1:index].isdigit() and text[index + 1:index + 2].isdigit():
                continue
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(text)))
    return pieces


_Answer = TypeVar("_Answer")


def _remembered(method: Callable[[RowReader, str], _Answer]) -> Callable[[RowReader, str], _Answer]:
    """A question a reader answers once per text: the same places and project tags come back on
    row after row of a document."""
    @functools.wraps(method)
    def answer(reader: RowReader, text: str) -> _Answer:
        key = (method.__name__, text)
        if key not in reader.answers:
            reader.answers[key] = method(reader, text)
        return cast(_Answer, reader.answers[key])
    return answer


class RowReader:
    """Reads the parts of rows with the names the gazetteer knows.

    A reader remembers what it found for each text (a country, a city, project tags): make one
    for one document, read while the gazetteer learns no name (:func:`rows` does).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.answers: dict[tuple[str, str], object] = {}

    # -- names -----------------------------------------------------------------------------------
    @_remembered
    def country(self, text: str) -> Entry | None:
        cleaned = text.strip(_TRIM + "*\"'«»“” ").strip()
        if not cleaned or len(cleaned) > 60:
            return None
        return self.gazetteer.resolve(cleaned, kinds={"country"})

    @_remembered
    def city_like(self, text: str) -> bool:
        """A short capitalised name that names no known organisation, project or venue."""
        name = text.strip(_TRIM + "\"'«»“” ").strip()
        parts = name.replace("-", " ").split()
        if not 1 <= len(parts) <= 4 or not name[:1].isupper() or any(c.isdigit() for c in name):
            return False
        for part in parts:
            word = fold(part.strip("'’"))
            if word in VENUE_WORDS:
                return False
            if not part[:1].isupper() and word not in PARTICLES and "'" not in part:
                return False
            if part.isupper() and len(part) > 2 and part.isalpha():
                return False
        if any(not (c.isalpha() or c in " -'’.") for c in name):
            return False
        return self.gazetteer.resolve(name, kinds=_OTHER_KINDS) is None

    def cities(self, text: str) -> list[str]:
        """The cities a piece names: one, or several joined by slashes (``Podgorica/Danilovgrad``).
        """
        names = [part.strip(_TRIM) for part in text.split("/")]
        return names if all(self.city_like(name) for name in names) else []

    @_remembered
    def project_like(self, name: str) -> bool:
        """A project tag: a known project, or a name shaped like one (``GLACY+``, ``iPROCEEDS``)."""
        if self.gazetteer.resolve(name, kinds={"project"}) is not None:
            return True
        if self.gazetteer.resolve(name) is not None:
            return False
        letters = [c for c in name if c.isalpha()]
        if len(letters) < 3:
            return False
        head = name.split()[0]
        if "@" in head or head.endswith("+"):
            return True
        if any(a.islower() and b.isupper() for a, b in pairwise(head)):
            return True
        return head.isupper() and sum(c.isalpha() for c in head) >= 4

    def tags(self, text: str) -> list[str] | None:
        """The project names of a cell that holds nothing else (``GLACY, GLACY+``), or None."""
        names = self._tags(text)
        return list(names) if names is not None else None  # a list of the caller's own

    @_remembered
    def _tags(self, text: str) -> tuple[str, ...] | None:
        cleaned = text.strip(" ,;")
        if not cleaned:
            return None
        names: list[str] = []
        position = 0
        for mention in self.gazetteer.find(cleaned, kinds={"project"}):
            if not self._gap(cleaned[position:mention.start], names):
                return None
            names.append(mention.surface)
            position = mention.end
        if not self._gap(cleaned[position:], names) or not names:
            return None
        return tuple(names)

    def _gap(self, gap: str, names: list[str]) -> bool:
        for token in _TAG_SPLIT.split(gap):
            token = token.strip(" ,;")
            if not token:
                continue
            if _ROMAN.fullmatch(token) and names:
                names[-1] = f"{names[-1]} {token}"
            elif self.project_like(token):
                names.append(token)
            else:
                return False
        return True

    def attach_numerals(self, names: list[str], numerals: list[str]) -> list[str]:
        """Numerals split off a tag cell (``CyberCrime@EAP``, ``II``) join the name they end."""
        names = list(names)
        for numeral in numerals:
            for index, name in enumerate(names):
                if self.gazetteer.resolve(f"{name} {numeral}", kinds={"project"}) is not None:
                    names[index] = f"{name} {numeral}"
                    break
            else:
                if names:
                    names[-1] = f"{names[-1]} {numeral}"
        return names

    def prefix(self, title: str) -> tuple[list[str], str]:
        """``GLACY+ and iPROCEEDS: Workshop …`` -> the projects of the prefix and the rest."""
        colon = title.find(":")
        if 0 < colon <= 80:
            names = self.tags(title[:colon])
            rest = title[colon + 1:].strip()
            if names and rest:
                return names, rest
        return [], title

    # -- the end of a row ------------------------------------------------------------------------
    def tail(self, text: str, *, default_year: int | None, embedded: bool) -> Tail:
        """Dates and places at the end of ``text``; ``embedded``: a date may end the title piece."""
        ranges, invalid = find_dates(text, default_year=default_year)
        # an impossible date (31 février 2017) is no date, but it is still not part of the title
        spans: list[_Span] = sorted([(r.begin, r.stop, r) for r in ranges]
                       + [(bad.begin, bad.stop, None) for bad in invalid], key=lambda s: s[0])
        pieces = segments(text)
        dates: list[DateRange] = []
        place = Place()
        title_end = len(text)
        date_left_of_city = True
        found_invalid = False
        for begin, end in reversed(pieces):
            written = [s for s in spans if begin <= s[0] and s[1] <= end]
            inside = [s[2] for s in written if s[2] is not None]
            leftover = _without(text, begin, end, written)
            if written:
                found_invalid = found_invalid or any(s[2] is None for s in written)
            if not leftover:
                dates[:0] = inside
                if written:
                    date_left_of_city = True
                title_end = begin
                continue
            entry = self.country(leftover)
            if entry is not None and place.country is None:
                place.country, place.country_surface = entry, leftover.strip(_TRIM + " ")
            elif entry is not None and not place.cities and entry == place.country:
                place.cities.insert(0, leftover.strip(_TRIM))  # "Panama, Panama"
            elif entry is None and self.cities(leftover) and (not place.cities
                                                              or date_left_of_city):
                place.cities[:0] = self.cities(leftover)
                date_left_of_city = bool(written) and written[0][0] < begin + text[begin:end].find(
                    leftover.split()[0])
            else:
                kept = _ending(text, begin, end, written) if embedded and (
                    dates or found_invalid or place.country or place.cities) else []
                if kept:
                    dates[:0] = [s[2] for s in kept if s[2] is not None]
                    title_end = kept[0][0]
                else:
                    title_end = end
                break
            dates[:0] = inside
            title_end = begin
        return Tail(title_end, dates, place, invalid=found_invalid)

    def glued_city(self, title: str, place: Place) -> tuple[str, str | None]:
        """``… électronique Koforidua`` before ``, Ghana``: a city glued to the end of the title.

        Only one capitalised word after a lower-case word, a country or an acronym (``au Sénégal
        Dakar``, ``du T-CY Strasbourg``), and only when the row names a country but no city.
        """
        if place.cities or place.country is None:
            return title, None
        words = title.rstrip(_TRIM).split()
        if len(words) < 2:
            return title, None
        name, before = words[-1], words[-2]
        if not name[:1].isupper() or name.isupper() or not self.city_like(name):
            return title, None
        if self.country(name) is not None or fold(before) in PARTICLES:
            return title, None
        if not (before[:1].islower() or self.country(before) is not None
                or (before.isupper() and len(before) > 1)):
            return title, None
        return title[:title.rstrip(_TRIM).rfind(name)].rstrip(_TITLE_TRIM), name


def _without(text: str, begin: int, end: int, written: list[_Span]) -> str:
    """The piece ``text[begin:end]`` without its dates, separators and connecting words."""
    kept = []
    position = begin
    for start, stop, _ in written:
        kept.append(text[position:start])
        position = stop
    kept.append(text[position:end])
    joined = " ".join(" ".join(kept).split()).strip(_TRIM + " ")
    previous = None
    while previous != joined:
        previous = joined
        # _CONNECTORS only removes a connecting word at the start or at the end: looked for
        # there first (the last six characters hold the longest, "from", and a space before it)
        if _LEADING_CONNECTOR.match(joined) or _TRAILING_CONNECTOR.search(joined[-6:]):
            joined = _CONNECTORS.sub("", joined).strip(_TRIM + " ")
    return joined


def _ending(text: str, begin: int, end: int, written: list[_Span]) -> list[_Span]:
    """The dates that end the piece ``text[begin:end]`` (``… électronique 22-25 mai 2017``)."""
    if not written or text[written[-1][1]:end].strip(_TRIM + " "):
        return []
    kept = [written[-1]]
    for found in reversed(written[:-1]):
        between = text[found[1]:kept[0][0]].strip(_TRIM + " ")
        if between and fold(between) not in {"et", "and", "&"}:
            break
        kept.insert(0, found)
    return kept


# -- lines into rows ----------------------------------------------------------------------------
@dataclass
class RawRow:
    """The lines of one row, joined, before reading."""

    line: int
    cells: list[str]
    kind: str  # "table", "bullet", "line", "dateline"
    heading: Heading | None
    lines: list[str]
    rest: str = ""  # after a bracket dateline: the paragraph it opens

    @property
    def text(self) -> str:
        return " ".join(" ".join(part.split()) for part in self.lines if part.strip())


def heading_of(line: str) -> PartialDate | None:
    """The month a heading line names (``octobre 2016``, ``October 2016``), or None."""
    stripped = line.strip().strip("#*:").strip()
    if not stripped or len(stripped) > 30:
        return None
    date = parse_date(stripped)
    if date is None or date.month is None or date.day is not None:
        return None
    return date


def cells_of(line: str) -> list[str] | None:
    """The cells of a table row (split by tabs or ``|``), or None for a line that is no row."""
    if "\t" in line:
        return [cell.strip() for cell in line.split("\t")]
    if line.count("|") >= 2:
        inner = line.strip().removeprefix("|").removesuffix("|")
        return [cell.strip() for cell in inner.split("|")]
    return None


def ignorable(line: str) -> bool:
    """Separator lines and page headers that may cut a table row in two."""
    stripped = line.strip()
    return bool(stripped) and (_SEPARATOR_LINE.fullmatch(stripped) is not None
                               or _STRAY_LINE.fullmatch(stripped) is not None)


def raw_rows(lines: list[str]) -> Iterator[RawRow]:
    """The rows of a document's lines, in order (see the module docstring)."""
    heading: Heading | None = None
    open_row: RawRow | None = None
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE * 4:
            line = line[:MAX_LINE * 4]
        stripped = line.strip()
        if not stripped or ignorable(line):
            continue
        cells = cells_of(line)
        # a row goes on over MAX_LINE * 4 characters at most: its dates are looked for again at
        # each line it goes on over (quadratic time over a row of thousands of lines)
        if (open_row is not None and cells is not None and not cells[0] and any(cells)
                and sum(map(len, open_row.lines)) <= MAX_LINE * 4
                and not find_ranges(open_row.text)):
            _continue(open_row, cells, line)
            continue
        if open_row is not None:
            yield open_row
            open_row = None
        month = heading_of(line)
        if month is not None:
            heading = Heading(month, number, stripped)
            continue
        if cells is not None:
            if all(_SEPARATOR_LINE.fullmatch(cell) for cell in cells):
                continue
            open_row = RawRow(number, [c for c in cells], "table", heading, [line])
            continue
        bracket = _BRACKET_DATELINE.match(line)
        if bracket:
            yield RawRow(number, [bracket.group(1)], "dateline", heading, [bracket.group(0)],
                         rest=line[bracket.end():].strip())
            continue
        bullet = _BULLET.match(line)
        if bullet:
            yield RawRow(number, [line[bullet.end():].strip()], "bullet", heading, [line])
            continue
        heading = None  # a line of text ends the list a month heading dates
        yield RawRow(number, [stripped], "line", None, [line])
    if open_row is not None:
        yield open_row


def _continue(row: RawRow, cells: list[str], line: str) -> None:
    """Add a continuation line (its first cell empty) to a wrapped table row."""
    pieces = [cell for cell in cells if cell]
    filled = [index for index, cell in enumerate(row.cells) if cell]
    if pieces and filled:
        last = filled[-1]
        row.cells[last] = f"{row.cells[last]} {pieces[0]}"
        row.cells[last + 1:] = pieces[1:]
    row.lines.append(line)


# -- rows into activities -----------------------------------------------------------------------
# A cell of roman numerals (``II``, ``I, II``) is any run of I and V between spaces, commas and
# semicolons; written as numerals repeated (``(?:(?:I{1,3}|IV|V|VI{1,3})[\s,;]*)+``), a cell
# such as ``II II II … x`` took exponential time to fail.
_NUMERALS_CELL = re.compile(r"[\s,;]*[IV][IV\s,;]*")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÀ-Ý]")
_LEADING_DATE_END = re.compile(r"\s*[:–—|-]\s*")
TITLE_WINDOW = 60  # a dateline dates the title line at most this many lines above it


@dataclass
class _TitleLine:
    line: int
    text: str
    title: str
    projects: list[str]


def rows(lines: list[str], reader: RowReader, is_typed: Callable[[str], bool]) -> Iterator[Row]:
    """The activity rows of a document (see the module docstring); ``is_typed(title)`` says
    whether a title names a type of activity."""
    title_line: _TitleLine | None = None
    for raw in raw_rows(lines):
        year = raw.heading.date.year if raw.heading is not None else None
        if raw.kind == "table":
            row = _table_row(raw, reader, is_typed, year)
            if row is not None:
                yield row
            continue
        text = raw.cells[0]
        if len(text) > MAX_LINE:
            continue
        tail = reader.tail(text, default_year=year, embedded=False)
        if tail.title_end == 0 or raw.kind == "dateline":
            if tail.title_end == 0 and (tail.dates or tail.invalid) and title_line is not None \
                    and raw.line - title_line.line <= TITLE_WINDOW:
                yield Row(title_line.line, title_line.text, title_line.title, title_line.projects,
                          tail.dates, tail.place, date_line=raw.line, date_text=raw.text,
                          invalid=tail.invalid)
                title_line = None
            continue
        projects, title = reader.prefix(text[:tail.title_end].strip(_TITLE_TRIM))
        dates = list(tail.dates)
        leading = [r for r in find_ranges(title, default_year=year) if r.begin == 0]
        if leading:
            after = _LEADING_DATE_END.match(title, leading[0].stop)
            if after is not None and after.end() < len(title):
                dates.insert(0, leading[0])
                title = title[after.end():]
        title, glued = reader.glued_city(title, tail.place)
        if glued:
            tail.place.cities.append(glued)
        title = title.strip(_TITLE_TRIM)
        if not title or _SENTENCE_BREAK.search(title):
            continue
        typed = bool(projects) or is_typed(title)
        if dates or tail.invalid:
            sentence = raw.kind == "line" and not projects and text.rstrip().endswith(".")
            if typed and not sentence and (projects or tail.place.country or tail.place.cities):
                yield Row(raw.line, raw.text, title, projects, dates, tail.place,
                          invalid=tail.invalid)
            continue
        if (raw.kind == "line" and typed and len(title) <= 200
                and not find_ranges(text) and text.rstrip()[-1:] not in ".:;,"):
            title_line = _TitleLine(raw.line, raw.text, title, projects)


def _table_row(raw: RawRow, reader: RowReader, is_typed: Callable[[str], bool],
               year: int | None) -> Row | None:
    cells = [cell for cell in raw.cells if cell]
    projects: list[str] = []
    numerals: list[str] = []
    while len(cells) > 1:
        names = reader.tags(cells[0])
        if names:
            projects += names
        elif _NUMERALS_CELL.fullmatch(cells[0]) and projects:
            numerals += re.findall(r"[IVX]+", cells[0])
        else:
            break
        cells.pop(0)
    if len(cells) > 1 and not projects:
        names = reader.tags(cells[-1])
        if names:
            projects += names
            cells.pop()
    projects = reader.attach_numerals(projects, numerals)
    title = ""
    dates: list[DateRange] = []
    place = Place()
    dated_title = False
    invalid = False
    for cell in cells:
        tail = reader.tail(cell, default_year=year, embedded=True)
        if tail.title_end > 0 and not title:
            title = cell[:tail.title_end].strip(_TITLE_TRIM)
            title, glued = reader.glued_city(title, tail.place)
            if glued:
                tail.place.cities.append(glued)
            dated_title = bool(tail.dates) or tail.invalid
        elif tail.title_end > 0:
            continue
        dates += tail.dates
        invalid = invalid or tail.invalid
        if place.country is None and tail.place.country is not None:
            place.country, place.country_surface = tail.place.country, tail.place.country_surface
        place.cities += [city for city in tail.place.cities if city not in place.cities]
    more, title = reader.prefix(title)
    projects += [name for name in more if name not in projects]
    title = title.strip(_TITLE_TRIM)
    if not title:
        return None
    if not dates and not invalid and raw.heading is None:
        return None
    if not projects and not (is_typed(title) and (dates or invalid)
                             and (place.country or place.cities)):
        return None
    if (raw.heading is None and not dated_title and not is_typed(title)
            and not (place.country or place.cities)):
        return None  # a table of projects and their durations, not of activities
    return Row(raw.line, raw.text, title, projects, dates, place, heading=raw.heading,
               invalid=invalid)
