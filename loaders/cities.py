"""Which reference city a document's city name is: "Bucarest" and "Bucharest" are one city.

The cities are those of ``ontology/reference/cities.tsv`` (capitals and large cities, from GeoNames;
see :mod:`cyberkg.ontology.reference.generate_cities`), each with its IRI, its country and its
English and French names; ``city-names.tsv`` gives the cities each folded name names. A name
resolves to a city when its key (:func:`entity_key`: case, accents and punctuation aside) names
exactly one city of the country the document gives, or, when the document gives none, exactly one
city of the whole table. Where several cities bear a name, those whose English or French name it
is come first ("New Delhi" is New Delhi, though GeoNames also lists it among the names of Delhi).

Both files are sorted, and a name is found by a binary search in their bytes (UTF-8 keeps the
order of code points): reading them is all the loading there is (a small fraction of a
millisecond, when a document first names a city), where decoding them and building a dictionary
of 20,000 names would take several milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Literal, URIRef

from cyberkg.ontology import cities_file, city_names_file, entity_key, mint


@dataclass(frozen=True)
class City:
    """A reference city: its IRI, the ISO2 code of its country, its English and French names."""

    iri: URIRef
    country: str
    english: str
    french: str | None

    @property
    def labels(self) -> tuple[Literal, ...]:
        """Its names as literals in their language: English, then French where there is one."""
        return _labels(self.english, self.french)

    def is_labelled(self, key: str) -> bool:
        """Whether ``key`` is the key of the city's English or French name."""
        return key == entity_key(self.english) or (
            self.french is not None and key == entity_key(self.french))


def find_row(rows: bytes, key: str) -> str | None:
    """The rest of the row of ``rows`` whose first field is ``key``, or None.

    ``rows`` is UTF-8 text of tab-separated lines, each ending with a newline, sorted by their first
    field (in code point order, as Python sorts strings): a binary search over the bytes finds the
    line, and only that line is decoded.
    """
    wanted = key.encode("utf-8")
    low, high = 0, len(rows)
    while low < high:
        middle = (low + high) // 2
        start = rows.rfind(b"\n", 0, middle) + 1
        end = rows.index(b"\n", start)
        first, _, rest = rows[start:end].partition(b"\t")
        if first == wanted:
            return rest.decode("utf-8")
        if first < wanted:
            low = end + 1
        else:
            high = start
    return None


def table_body(text: bytes) -> bytes:
    """The rows of a generated table: its text after the comment lines and the column names."""
    start = 0
    while text.startswith(b"#", start):
        start = text.index(b"\n", start) + 1
    return text[text.index(b"\n", start) + 1:]


class Cities:
    """The reference cities and their names, with :meth:`resolve`."""

    def __init__(self, cities: bytes, names: bytes) -> None:
        """``cities`` and ``names``: the bytes of cities.tsv and city-names.tsv."""
        self._rows = table_body(cities)
        self._names = table_body(names)
        self._cities: dict[str, City] = {}
        self._resolved: dict[tuple[str, str | None], City | None] = {}  # a list repeats its cities

    def __len__(self) -> int:
        return self._rows.count(b"\n")

    def city(self, slug: str) -> City:
        """The city whose IRI ends with ``slug`` (``bucharest-ro``)."""
        found = self._cities.get(slug)
        if found is None:
            row = find_row(self._rows, slug)
            if row is None:
                raise KeyError(f"cities.tsv has no city {slug!r}")
            _, country, english, french = row.split("\t")
            found = City(mint("city", slug), country, english, french or None)
            self._cities[slug] = found
        return found

    def resolve(self, name: str, country: str | None = None) -> City | None:
        """The one city ``name`` names in ``country`` (an ISO2 code), or anywhere when None."""
        key = entity_key(name)
        if (key, country) not in self._resolved:
            self._resolved[(key, country)] = self._resolve(key, country)
        return self._resolved[(key, country)]

    def _resolve(self, key: str, country: str | None) -> City | None:
        slugs = find_row(self._names, key) if key else None
        if slugs is None:
            return None
        candidates = [self.city(slug) for slug in slugs.split(" ")]
        if country is not None:
            candidates = [city for city in candidates if city.country == country]
        labelled = [city for city in candidates if city.is_labelled(key)]
        found = labelled or candidates
        return found[0] if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _labels(english: str, french: str | None) -> tuple[Literal, ...]:
    labels = [Literal(english, lang="en")]
    if french is not None:
        labels.append(Literal(french, lang="fr"))
    return tuple(labels)


def reference_cities() -> Cities:
    """The reference cities as the tables on disk have them now (read again when they change)."""
    cities, names = cities_file(), city_names_file()
    return _load(str(cities), cities.stat().st_mtime_ns, str(names), names.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _load(cities: str, cities_stamp: int, names: str, names_stamp: int) -> Cities:
    return Cities(Path(cities).read_bytes(), Path(names).read_bytes())
