"""Sums of money as CoE texts write them: French and English, good and bad."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cyberkg.loaders.amounts import (
    _amounts_named,
    find_amounts,
    format_amount,
    parse_amount,
    parse_number,
    parse_percent,
)
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(("text", "euros"), [
    ("3,35 millions d'euros", "3350000"),
    ("3,35 millions EUR", "3350000"),
    ("800 000 euros", "800000"),
    ("800 000 EUR", "800000"),
    ("800\u00a0000\u00a0EUR", "800000"),
    ("5,56 millions EUR", "5560000"),
    ("EUR 10 million", "10000000"),
    ("EUR 3.35 million", "3350000"),
    ("€10 million", "10000000"),
    ("€ 800,000", "800000"),
    ("1,2 million EUR", "1200000"),
    ("10 millions d'euros", "10000000"),
    ("€4,950,000", "4950000"),
    ("1 234 567,89 euros", "1234567.89"),
    ("1.500 euros", "1500"),
])
def test_amounts_in_french_and_english(text: str, euros: str) -> None:
    assert parse_amount(text).value == Decimal(euros)


@pytest.mark.parametrize(("text", "reason"), [
    ("€ -5", "negative"),
    ("1e309 euros", "exponent"),
    ("NaN euros", "not a number"),
    ("12,34,56 euros", "badly grouped"),
    ("0 euros", "not a positive amount"),
    ("5000 milliards d'euros", "implausibly large"),
    ("trois millions d'euros", "not an amount in euros with a number"),
])
def test_bad_amounts_are_refused_with_a_reason(text: str, reason: str) -> None:
    amount = parse_amount(text)
    assert amount.value is None
    assert reason in (amount.reason or "")


def test_amounts_are_found_in_running_text_with_their_place() -> None:
    text = "le budget a été augmenté, passant de 700 000 EUR à 1,2 million EUR, en 2017"
    found = find_amounts(text)
    assert [m.value for m in found] == [Decimal(700000), Decimal(1200000)]
    assert [text[m.begin:m.stop] for m in found] == ["700 000 EUR", "1,2 million EUR"]


def test_a_year_next_to_an_amount_is_not_part_of_it() -> None:
    assert [m.value for m in find_amounts("en 2016 800 000 euros puis 800 000 EUR 2017")] == [
        Decimal(800000), Decimal(800000)]


def test_numbers_without_a_currency_are_no_amount() -> None:
    assert find_amounts("Plus de 2 000 activités soutenues depuis 2014; 24/7; STE 185") == []


def test_a_thousands_mark_is_told_from_a_decimal_mark() -> None:
    assert parse_number("800,000").value == Decimal(800000)
    assert parse_number("3,35").value == Decimal("3.35")
    assert parse_number("1,200", scaled=True).value == Decimal("1.2")


def test_percentages_are_fractions() -> None:
    assert parse_percent("CdE 10%") == Decimal("0.1")
    assert parse_percent("cofinancé à 12,5 % par") == Decimal("0.125")
    assert parse_percent("sans pourcentage") is None


@given(st.text())
def test_finding_amounts_never_raises(text: str) -> None:
    for match in find_amounts(text):
        assert (match.value is None) != (match.reason is None)
    parse_amount(text)
    parse_percent(text)


@given(st.text(alphabet="0123456789 ,.'’-e€EURNaninf", max_size=30))
def test_parsing_numberish_text_never_raises(text: str) -> None:
    amount = parse_amount(f"{text} euros")
    assert amount.value is None or amount.value > 0


_CENTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999999999.99"), places=2)


@given(_CENTS, st.sampled_from(["fr", "en"]))
def test_formatted_amounts_read_back(value: Decimal, style: str) -> None:
    assert parse_amount(format_amount(value, style)).value == value


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from(["fr", "en"]))
def test_amounts_in_millions_read_back(millions: Decimal, style: str) -> None:
    value = millions * 1000000
    assert parse_amount(format_amount(value, style, millions=True)).value == value


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["EUR", "eur", "Euro", "euros", "€", "ＥＵＲ", "ſ", "1", "800",
                                 "000", "3,35", "1.500", "million", "m", "k", "d'", "of", " ",
                                 "\u00a0", ",", ".", "-", "NaN", "1e5", "x"]), max_size=12)
       .map("".join) | st.text(max_size=40))
def test_a_text_that_names_no_currency_holds_no_amount(text: str) -> None:
    if "€" not in text and "eur" not in text.lower():
        assert _amounts_named(text) == []
    assert find_amounts(text) == _amounts_named(text)
