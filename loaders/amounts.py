"""Sums of money in euros and percentages, as CoE texts write them in French and English.

:func:`parse_amount` reads one amount (``3,35 millions d'euros``, ``800 000 EUR``, ``EUR 10 million``,
``€ 800,000``) into a :class:`~decimal.Decimal` number of euros, or says why it cannot;
:func:`find_amounts` finds every euro amount of a running text with the characters it covers, the
bad ones included (``€ -5``, ``NaN euros``, ``12,34,56 euros``) so that a loader can warn with the
line. Nothing here raises on any input.

The rules, decided once for every text:

- An amount is a number next to a currency (``EUR``, ``euro(s)``, ``€``), before or after it, with an
  optional scale word between (``million(s)``, ``milliard(s)``, ``billion``, ``mio``, ``m``, ``bn``,
  ``k``) and an optional ``d'`` / ``of`` (``3,35 millions d'euros``).
- Digits are grouped by thousands with a space (also the no-break and thin spaces French uses), a
  comma (English) or a dot; the decimal mark is a comma (French) or a dot (English). A number with
  both marks takes the last one as the decimal mark. A number with one mark used once takes it as
  the thousands separator when exactly three digits follow it and no scale word does
  (``800,000`` is 800000, ``1.500`` is 1500), else as the decimal mark (``3,35``, ``1,2 million``).
- Groups must be well formed (one to three digits, then groups of three): ``12,34,56`` is refused.
- Exponents (``1e309``), ``NaN``/``inf``, negative amounts, zero and amounts above one trillion
  euros are refused with a reason.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_EUROS = Decimal(10) ** 12

_SPACES = "\u0020\u00a0\u202f\u2009"
_SCALES = {
    "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6, "mio": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6, "m": Decimal(10) ** 6,
    "milliard": Decimal(10) ** 9, "milliards": Decimal(10) ** 9, "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9, "bn": Decimal(10) ** 9,
    "k": Decimal(10) ** 3, "thousand": Decimal(10) ** 3, "mille": Decimal(10) ** 3,
}
# A number as written, bad ones included so that they can be reported: digits grouped by spaces,
# or digits separated by , . ' (checked afterwards), an optional exponent; or NaN / inf.
_NUMBER = (
    r"(?P<sign>[-−–+]\s?)?"
    r"(?P<num>(?:\d{1,3}(?:[" + _SPACES + r"]\d{3})+(?:[.,]\d+)?"
    r"|\d+(?:[.,'’]\d+)*)(?:[eE][-+]?\d+)?"
    r"|(?i:nan|inf(?:inity)?))"
)
_SCALE = r"(?P<scale>(?i:millions?|milliards?|billions?|thousand|mille|mio|mln|bn|m|k))\b\.?"
_CURRENCY_AFTER = r"(?P<cur>(?i:euros?)\b|EUR\b|€)"
_CURRENCY_BEFORE = r"(?P<cur>EUR\b|€)"
_GAP = r"[" + _SPACES + r"]*"
_AFTER = re.compile(
    r"(?<![\w.,])" + _NUMBER + _GAP + r"(?:" + _SCALE + _GAP + r")?"
    r"(?:(?:d['’]|of\s)" + _GAP + r")?" + _CURRENCY_AFTER
)
_BEFORE = re.compile(
    _CURRENCY_BEFORE + _GAP + _NUMBER + r"(?:" + _GAP + _SCALE + r")?(?![\w])"
)
# A run of digits joined by single marks, its parts between spaces, the last part of a number
# grouped by spaces, and what must follow a number for _AFTER to read it.
_DIGIT_RUN = re.compile(r"\d+(?:[" + _SPACES + r".,'’]\d+)*")
_RUN_PART = re.compile(r"[^" + _SPACES + r"]+")
_LAST_GROUP = re.compile(r"\d{3}(?:[.,]\d+)?")
_FOLLOWS_NUMBER = re.compile(
    r"(?:[eE][-+]?\d+)?" + _GAP + r"(?:" + _SCALE + _GAP + r")?(?:(?:d['’]|of\s)" + _GAP + r")?"
    + _CURRENCY_AFTER
)
_PERCENT = re.compile(r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,]\d{1,4})?)" + _GAP + r"(?:%|pour\s?cent\b|per\s?cent\b)")


@dataclass(frozen=True)
class Amount:
    """A parsed amount: euros, or ``None`` and the reason it is not a usable amount."""

    value: Decimal | None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class AmountMatch:
    """An amount found in a text, with the characters it covers (``text[begin:stop]``)."""

    value: Decimal | None
    reason: str | None
    begin: int
    stop: int
    surface: str

    @property
    def ok(self) -> bool:
        return self.value is not None


def _canonical(value: Decimal) -> Decimal:
    """``3350000.00`` -> ``3350000``; ``0.100`` -> ``0.1``; never an exponent."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return Decimal(format(value.normalize(), "f"))


def _groups_ok(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(text: str, *, scaled: bool = False) -> Amount:
    """A number as written in French or English (see the module rules), not negative."""
    raw = text.strip()
    for space in _SPACES[1:]:
        raw = raw.replace(space, " ")
    if not raw:
        return Amount(None, "no number")
    if raw[0] in "-−–":
        return Amount(None, f"negative amount {text.strip()!r}")
    raw = raw.lstrip("+").strip()
    if raw.casefold() in {"nan", "inf", "infinity"}:
        return Amount(None, f"{text.strip()!r} is not a number")
    if re.search(r"[eE]", raw):
        return Amount(None, f"{text.strip()!r} is not a plain number (exponent)")
    if not re.fullmatch(r"[0-9 .,'’]+", raw) or not raw[0].isdigit() or not raw[-1].isdigit():
        return Amount(None, f"{text.strip()!r} is not a number")
    integer, fraction = raw, ""
    if " " in raw:
        head, _, tail = raw.partition(",") if "," in raw else raw.partition(".")
        if (("," in raw and "." in raw) or not _groups_ok(head.split(" "))
                or not tail.replace(" ", "").isdigit() and tail):
            return Amount(None, f"{text.strip()!r} has badly grouped digits")
        integer, fraction = head.replace(" ", ""), tail
    else:
        marks = [c for c in raw if c in ".,'’"]
        if marks:
            last = max(raw.rfind(m) for m in ".,'’")
            kinds = set(marks)
            if len(kinds) > 1:
                decimal_mark = raw[last]
                if decimal_mark in "'’" or marks.count(decimal_mark) > 1:
                    return Amount(None, f"{text.strip()!r} has badly grouped digits")
                head, fraction = raw[:last], raw[last + 1:]
                if not _groups_ok(re.split(r"[.,'’]", head)):
                    return Amount(None, f"{text.strip()!r} has badly grouped digits")
                integer = re.sub(r"[.,'’]", "", head)
            elif len(marks) > 1 or marks[0] in "'’":
                groups = re.split(r"[.,'’]", raw)
                if not _groups_ok(groups):
                    return Amount(None, f"{text.strip()!r} has badly grouped digits")
                integer = "".join(groups)
            else:
                head, _, tail = raw.partition(marks[0])
                if len(tail) == 3 and len(head) <= 3 and not scaled and head != "0":
                    integer = head + tail
                else:
                    integer, fraction = head, tail
    try:
        value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    except InvalidOperation:
        return Amount(None, f"{text.strip()!r} is not a number")
    return Amount(value)


def _scaled(number: str, sign: str | None, scale: str | None, surface: str) -> Amount:
    if sign and sign.strip() in "-−–":
        return Amount(None, f"negative amount {surface.strip()!r}")
    parsed = parse_number(number, scaled=scale is not None)
    if parsed.value is None:
        return parsed
    value = parsed.value * (_SCALES[scale.casefold().rstrip(".")] if scale else 1)
    if value <= 0:
        return Amount(None, f"{surface.strip()!r} is not a positive amount")
    if value > MAX_EUROS:
        return Amount(None, f"{surface.strip()!r} is implausibly large")
    return Amount(_canonical(value))


def _hopeless_digits_hidden(text: str) -> str:
    """``text`` with the digits where no amount of _AFTER can start made ``_``.

    A number that _AFTER reads ends where its run of digits ends (a digit, or a mark and a digit,
    would follow it otherwise, and no currency starts with one). So a run that no currency follows
    holds no amount, and one that a currency follows holds one that starts in its last part
    between spaces, or (grouped by spaces, ``12 345 678``) at most one part before its groups of
    three digits. _AFTER tried every other group too (``123 456 789 …``, ``1'2'3'…``) and read on
    to the run's end every time, in quadratic time. ``_`` is a word character like a digit: the
    characters next to an amount look the same to the pattern.
    """
    hidden: list[str] = []
    done = 0
    for run in _DIGIT_RUN.finditer(text):
        if _FOLLOWS_NUMBER.match(text, run.end()) is None:
            first = run.end()
        else:
            first = run.start() + _first_start(run.group())
        if first > run.start():
            hidden += [text[done:run.start()], re.sub(r"\d", "_", text[run.start():first])]
            done = first
    return "".join(hidden) + text[done:] if hidden else text


def _first_start(run: str) -> int:
    """Where in ``run`` (a run of digits that a currency follows) its amount may start at the
    earliest (see :func:`_hopeless_digits_hidden`)."""
    parts = [part.start() for part in _RUN_PART.finditer(run)]
    last = len(parts) - 1
    if not _LAST_GROUP.fullmatch(run, parts[last]):
        return parts[last]
    first = last
    while (first > 0 and parts[first] - parts[first - 1] == 4
           and run[parts[first - 1]:parts[first] - 1].isdigit()):  # a group of three digits
        first -= 1
    return parts[max(first - 1, 0)]


def find_amounts(text: str) -> list[AmountMatch]:
    """Every euro amount in ``text``, left to right, never overlapping; bad ones carry a reason."""
    if "€" not in text and "eur" not in text.lower():  # no €, EUR or euro(s): no amount
        return []
    return _amounts_named(text)


def _amounts_named(text: str) -> list[AmountMatch]:
    """:func:`find_amounts` of a text that names a currency."""
    after = [_amount_match(match, text)
             for match in _AFTER.finditer(_hopeless_digits_hidden(text))]
    stops = [amount.stop for amount in after]  # these never overlap: in text order, stops too
    found = list(after)
    for match in _BEFORE.finditer(text):  # "800 000 EUR 2016": the currency follows its number
        first = bisect.bisect_right(stops, match.start())  # the first one to end after its start
        if first < len(after) and after[first].begin < match.end():
            continue
        found.append(_amount_match(match, text))
    return sorted(found, key=lambda m: m.begin)


def _amount_match(match: re.Match[str], text: str) -> AmountMatch:
    """The amount ``match`` (of ``text``, or of a copy with the same characters there) reads."""
    def part(group: str) -> str | None:
        return text[match.start(group):match.end(group)] if match.start(group) >= 0 else None

    begin, stop = match.span()
    amount = _scaled(text[match.start("num"):match.end("num")], part("sign"), part("scale"),
                     text[begin:stop])
    return AmountMatch(amount.value, amount.reason, begin, stop, text[begin:stop])


def parse_amount(text: str) -> Amount:
    """The one euro amount ``text`` states (``"3,35 millions d'euros"``), or None and why not."""
    matches = find_amounts(text)
    if not matches:
        stripped = text.strip()
        if re.search(r"(?i)\b(?:eur|euros?)\b|€", stripped):
            return Amount(None, f"{stripped!r} is not an amount in euros with a number")
        return Amount(None, f"{stripped!r} is not an amount in euros")
    first = matches[0]
    return Amount(first.value, first.reason)


def parse_percent(text: str) -> Decimal | None:
    """``10 %`` -> ``0.1``; the first percentage in ``text`` as a fraction, or None."""
    match = _PERCENT.search(text)
    if not match:
        return None
    parsed = parse_number(match.group("num"), scaled=True)
    if parsed.value is None or parsed.value > 100:
        return None
    return _canonical(parsed.value / 100)


def find_percents(text: str) -> list[tuple[Decimal, int, int]]:
    """Every percentage in ``text`` as (fraction, begin, stop)."""
    found = []
    for match in _PERCENT.finditer(text):
        parsed = parse_number(match.group("num"), scaled=True)
        if parsed.value is not None and parsed.value <= 100:
            found.append((_canonical(parsed.value / 100), match.start(), match.end()))
    return found


def format_amount(value: Decimal, style: str = "fr", *, millions: bool = False) -> str:
    """``value`` euros written the way a French (``fr``) or English (``en``) CoE text writes it.

    ``millions=True`` writes ``3,35 millions d'euros`` / ``EUR 3.35 million``, digits ungrouped
    (with a scale word, a mark before three digits is read as a decimal mark: ``1,200 million``).
    """
    if millions:
        scaled = _canonical(value / Decimal(10) ** 6)
        if style == "fr":
            word = "million" if scaled < 2 else "millions"
            return f"{_digits(scaled, '', ',')} {word} d'euros"
        return f"EUR {_digits(scaled, '', '.')} million"
    if style == "fr":
        return f"{_digits(value, ' ', ',', cents=True)} euros"
    return f"€{_digits(value, ',', '.', cents=True)}"


def _digits(value: Decimal, group: str, mark: str, *, cents: bool = False) -> str:
    """Digits grouped by thousands; ``cents`` writes a fraction with two digits (``12,50``)."""
    text = format(_canonical(value), "f")
    integer, _, fraction = text.partition(".")
    if fraction and cents:
        fraction = fraction.ljust(2, "0")
    grouped = f"{int(integer):,}".replace(",", group)
    return f"{grouped}{mark}{fraction}" if fraction else grouped
