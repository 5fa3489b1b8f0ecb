"""Write ontology/reference/countries.ttl from pycountry, with the names CoE texts use.

Run: python -m cyberkg.ontology.reference.generate_countries          (rewrite countries.ttl)
     python -m cyberkg.ontology.reference.generate_countries --check  (exit 1 if it is stale)

Every ISO 3166-1 country of pycountry, plus Kosovo* (XK / XKX, which ISO leaves to users), becomes a
``ckg:Country`` with its codes, a short usual name in English and in French (``rdfs:label`` and
``skos:prefLabel``) and, as ``skos:altLabel``, the other names it goes by: the ISO name and official
name, inverted forms put back in order ("Moldova, Republic of" -> "Republic of Moldova"), the names
of :data:`COE_VARIANTS` (how CoE documents write them), and their typographic variants (straight or
curly apostrophe, capitals with or without accents, with or without a leading article).

A variant that would name two countries is left out (an automatic one), or is an error (a label or a
hand-kept one). The output depends only on the pycountry version, whose number the header records.
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pycountry
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace

from cyberkg.ontology.errors import CyberkgError
from cyberkg.ontology.iri import ID_BASE, entity_key, mint
from cyberkg.ontology.namespace import CKG

HERE = Path(__file__).parent
OUTPUT = HERE / "countries.ttl"
COMMAND = "python -m cyberkg.ontology.reference.generate_countries"

LANGUAGES = ("en", "fr")

# Kosovo* has no ISO 3166-1 entry; XK / XKX are the user-assigned codes everyone uses for it.
KOSOVO_ISO2, KOSOVO_ISO3 = "XK", "XKX"

# The short usual name where pycountry's name (or common name) is not it.
EN_LABELS: dict[str, str] = {
    "BN": "Brunei",
    "CD": "Democratic Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "TR": "Türkiye",
    "VA": "Holy See",
    "VG": "British Virgin Islands",
    "VI": "United States Virgin Islands",
    KOSOVO_ISO2: "Kosovo",
}
FR_LABELS: dict[str, str] = {
    "BN": "Brunei",
    "FK": "Îles Malouines",
    "FM": "Micronésie",
    "GL": "Groenland",
    "MD": "République de Moldova",  # the name the United Nations and the CoE use in French
    "PS": "Palestine",
    "RU": "Russie",
    "VA": "Saint-Siège",
    "VE": "Venezuela",
    "VI": "Îles Vierges des États-Unis",
    KOSOVO_ISO2: "Kosovo",
}

# How Council of Europe texts (and common usage) name countries, beyond what pycountry knows.
# Typographic variants (apostrophes, accents on capitals, leading articles, quotes) are added by
# the generator: list each name once, in the spelling a document uses.
COE_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "AM": {"en": ("Armenia",), "fr": ("Arménie", "République d'Arménie")},
    "AZ": {"en": ("Azerbaijan",), "fr": ("Azerbaïdjan", "République d'Azerbaïdjan")},
    "BA": {
        "en": ("Bosnia and Herzegovina", "Bosnia-Herzegovina", "BiH"),
        "fr": ("Bosnie-Herzégovine", "Bosnie et Herzégovine", "Bosnie-et-Herzégovine"),
    },
    "BB": {"en": ("Barbados",), "fr": ("La Barbade", "Barbade")},
    "BN": {"en": ("Brunei Darussalam",), "fr": ("Brunéi Darussalam", "Brunei Darussalam")},
    "BS": {"en": ("The Bahamas",), "fr": ()},
    "BY": {
        "en": ("Belarus", "Republic of Belarus"),
        "fr": ("Bélarus", "Belarus", "Biélorussie", "République du Bélarus"),
    },
    "CD": {
        "en": ("DR Congo", "DRC", "Congo-Kinshasa"),
        "fr": ("RDC", "RD Congo", "Congo-Kinshasa"),
    },
    "CG": {
        "en": ("Republic of the Congo", "Congo-Brazzaville"),
        "fr": ("République du Congo", "Congo-Brazzaville"),
    },
    "CI": {
        "en": ("Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"),
        "fr": ("Côte d'Ivoire", "Côte d’Ivoire", "Cote d'Ivoire"),
    },
    "CM": {"en": ("Cameroon",), "fr": ("Cameroun",)},
    "CR": {"en": ("Costa Rica",), "fr": ("Costa-Rica", "Costa Rica")},
    "CV": {
        "en": ("Cabo Verde", "Cape Verde", "Republic of Cabo Verde"),
        "fr": ("Cap Vert", "Cap-Vert", "Cabo Verde", "République de Cabo Verde"),
    },
    "CZ": {"en": ("Czech Republic",), "fr": ("République tchèque",)},
    "DO": {"en": ("Dominican Republic",), "fr": ("République dominicaine",)},
    "DZ": {"en": ("Algeria",), "fr": ("Algérie",)},
    "EG": {"en": ("Egypt",), "fr": ("Égypte", "Egypte")},
    "FK": {"en": ("Malvinas",), "fr": ("Îles Falkland",)},
    "GB": {
        "en": ("United Kingdom", "UK", "U.K.", "Great Britain"),
        "fr": ("Royaume-Uni", "Grande-Bretagne"),
    },
    "GE": {"en": ("Georgia",), "fr": ("Géorgie",)},
    "GL": {"en": (), "fr": ("Groënland",)},
    "GM": {"en": ("The Gambia",), "fr": ()},
    "JO": {"en": ("Jordan",), "fr": ("Jordanie",)},
    "KR": {
        "en": ("South Korea", "Republic of Korea", "Korea"),
        "fr": ("Corée", "République de Corée", "Corée du Sud"),
    },
    "KZ": {"en": ("Kazakhstan",), "fr": ("Kazakhstan",)},
    "LB": {"en": ("Lebanon",), "fr": ("Liban",)},
    "LK": {"en": ("Sri Lanka",), "fr": ("Sri Lanka", "le Sri Lanka")},
    "MA": {"en": ("Morocco", "Kingdom of Morocco"), "fr": ("Maroc", "Royaume du Maroc")},
    "MD": {
        "en": ("Republic of Moldova", "Moldova"),
        "fr": ("République de Moldova", "Moldova", "Moldavie", "République de Moldavie"),
    },
    "MK": {
        "en": (
            "the former Yugoslav Republic of Macedonia",
            "FYROM",
            "FYR Macedonia",
            "North Macedonia",
            "Republic of North Macedonia",
        ),
        "fr": (
            "l'ex-République yougoslave de Macédoine",
            "ex-République yougoslave de Macédoine",
            "l’Ancienne République yougoslave de Macédoine",
            "Ancienne République yougoslave de Macédoine",
            "ERYM",
            "Macédoine du Nord",
            "République de Macédoine du Nord",
        ),
    },
    "MM": {"en": ("Burma",), "fr": ("Myanmar",)},
    "MU": {
        "en": ("Mauritius", "Republic of Mauritius"),
        "fr": ("Ile Maurice", "Île Maurice", "l'Île Maurice", "Maurice", "République de Maurice"),
    },
    "NG": {"en": ("Nigeria",), "fr": ("Nigéria", "Nigeria")},
    "NL": {"en": ("Netherlands", "the Netherlands"), "fr": ("Pays-Bas",)},
    "NP": {"en": ("Nepal",), "fr": ("Népal",)},
    "PH": {"en": ("Philippines", "the Philippines"), "fr": ("Philippines", "les Philippines")},
    "PS": {"en": ("State of Palestine", "Palestine*"), "fr": ("État de Palestine", "Palestine*")},
    "RU": {"en": ("Russian Federation", "Russia"), "fr": ("Fédération de Russie", "Russie")},
    "SG": {"en": ("Singapore",), "fr": ("Singapour",)},
    "SN": {"en": ("Senegal",), "fr": ("Sénégal",)},
    "SV": {"en": (), "fr": ("El Salvador",)},
    "SZ": {"en": ("Swaziland",), "fr": ("Swaziland", "Eswatini")},
    "TL": {"en": ("East Timor",), "fr": ("Timor-Leste",)},
    "TN": {"en": ("Tunisia",), "fr": ("Tunisie",)},
    "TO": {"en": ("Tonga", "Kingdom of Tonga"), "fr": ("Tonga", "le Tonga", "Royaume des Tonga")},
    "TR": {
        "en": ("Turkey", "Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"),
        "fr": ("Turquie", "République de Turquie"),
    },
    "TW": {"en": ("Taiwan",), "fr": ("Taïwan", "Taiwan")},
    "UA": {"en": ("Ukraine",), "fr": ("Ukraine",)},
    "US": {
        "en": ("United States of America", "United States", "USA", "U.S.A.", "U.S."),
        "fr": ("États-Unis d'Amérique", "Etats-Unis", "États-Unis"),
    },
    "VA": {
        "en": ("Holy See", "Vatican", "Vatican City", "Vatican City State"),
        "fr": ("Saint-Siège", "Vatican", "Cité du Vatican", "État de la Cité du Vatican"),
    },
    "VE": {"en": (), "fr": ("Vénézuela",)},
    "VN": {"en": ("Viet Nam", "Vietnam"), "fr": ("Viet Nam", "Vietnam", "Viêt Nam", "Viêt-Nam")},
    "ZA": {"en": ("South Africa",), "fr": ("Afrique du Sud",)},
    KOSOVO_ISO2: {"en": ("Kosovo*", "Kosovo"), "fr": ("Kosovo*", "Kosovo", "le Kosovo*")},
}


class ReferenceDataError(CyberkgError):
    """The country names contradict each other (one name for two countries)."""


@dataclass(frozen=True)
class CountryNames:
    """One country: its codes, its label per language and its variants per language."""

    iso2: str
    iso3: str
    labels: dict[str, str]
    variants: dict[str, tuple[str, ...]]  # automatic ones (from pycountry and the rules)
    hand: dict[str, tuple[str, ...]]  # from COE_VARIANTS


# -- Typographic and grammatical variants -------------------------------------------------------

_QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”", "„": "“", "‘": "’", "'": "'", "‹": "›"}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_FR_ARTICLE = re.compile(r"^(?:(?:le|la|les)\s+|l['’]\s*)(?=\S)", re.IGNORECASE)
_EN_ARTICLE = re.compile(r"^the\s+(?=\S)", re.IGNORECASE)
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)$")
# An inverted name ("Moldova, Republic of") has a tail that ends with a connector or is a
# generic word that goes first; "Bonaire, Sint Eustatius and Saba" is not inverted.
_CONNECTOR_END = re.compile(
    r"(?:\s|^)(?:of|of the|de|du|des|de la|de l['’]|d['’])$|['’]$", re.IGNORECASE
)
_GENERIC_TAILS = frozenset({"Île", "Îles", "British", "U.S."})


def clean(text: str) -> str:
    """NFC, single spaces, no surrounding quotes: the form a name is stored in."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    while len(text) > 2 and _QUOTE_PAIRS.get(text[0]) == text[-1]:
        text = text[1:-1].strip()
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def flip_inverted(text: str) -> str | None:
    """``"Moldova, Republic of"`` -> ``"Republic of Moldova"``; None for a name not inverted."""
    if text.count(", ") != 1:
        return None
    head, tail = text.split(", ")
    if _CONNECTOR_END.search(tail):
        glue = "" if tail[-1] in "'’" else " "
        return _capitalise(f"{tail}{glue}{head}")
    if tail in _GENERIC_TAILS:
        return f"{tail} {head}"
    if tail.split()[0] in ("République", "république", "Republic"):
        # "Syrienne, République arabe" -> "République arabe syrienne": the head is an adjective.
        return _capitalise(f"{tail} {head[:1].lower()}{head[1:]}")
    return None


def without_article(text: str, language: str) -> str | None:
    pattern = _FR_ARTICLE if language == "fr" else _EN_ARTICLE
    stripped = pattern.sub("", text, count=1)
    return _capitalise(stripped) if stripped != text and stripped else None


def without_parenthesis(text: str) -> str | None:
    stripped = _TRAILING_PARENTHESIS.sub("", text)
    return stripped if stripped != text and stripped else None


def other_apostrophe(text: str) -> str | None:
    if "'" in text:
        return text.replace("'", "’")
    if "’" in text:
        return text.replace("’", "'")
    return None


def without_capital_accents(text: str) -> str | None:
    """``"États-Unis"`` -> ``"Etats-Unis"``, ``"Île Maurice"`` -> ``"Ile Maurice"``."""
    chars = []
    for char in text:
        if char.isupper():
            char = unicodedata.normalize("NFD", char)[0]
        chars.append(char)
    stripped = "".join(chars)
    return stripped if stripped != text else None


def expand(names: Iterable[str], language: str) -> list[str]:
    """``names`` and every variant the rules derive from them: stable order, no duplicates."""
    rules: tuple[Callable[[str], str | None], ...] = (
        flip_inverted,
        without_parenthesis,
        lambda text: without_article(text, language),
        other_apostrophe,
        without_capital_accents,
    )
    seen: dict[str, None] = {}
    queue = [clean(name) for name in names]
    while queue:
        name = queue.pop(0)
        if not name or name in seen:
            continue
        seen[name] = None
        # An inverted name is kept as ISO writes it; its variants come from its flipped form.
        applicable = rules[:2] if is_inverted(name) else rules
        queue.extend(clean(derived) for rule in applicable if (derived := rule(name)))
    return list(seen)


def is_inverted(name: str) -> bool:
    """True for a name ISO writes inverted: "Moldova, Republic of", "Malouines, Îles (Falkland)"."""
    return flip_inverted(without_parenthesis(name) or name) is not None


# -- Names from pycountry -----------------------------------------------------------------------


def _french() -> Callable[[str], str]:
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    return translation.gettext


def _pycountry_names(country: object) -> list[str]:
    """The English names pycountry gives a country: usual first, then ISO name, then official."""
    names = [
        getattr(country, "common_name", None),
        getattr(country, "name", None),
        getattr(country, "official_name", None),
    ]
    return list(dict.fromkeys(name for name in names if name))


def _label(names: Sequence[str], override: str | None) -> str:
    if override:
        return override
    usual = names[0]
    return flip_inverted(usual) or usual


def collect() -> list[CountryNames]:
    """Every country with its names, before variants shared by two countries are resolved."""
    french = _french()
    countries = []
    for country in pycountry.countries:
        iso2 = country.alpha_2
        english = _pycountry_names(country)
        francais = [french(name) for name in english]
        labels = {
            "en": _label(english, EN_LABELS.get(iso2)),
            "fr": _label(francais, FR_LABELS.get(iso2)),
        }
        hand = COE_VARIANTS.get(iso2, {})
        countries.append(CountryNames(
            iso2=iso2,
            iso3=country.alpha_3,
            labels=labels,
            variants={"en": tuple(english), "fr": tuple(francais)},
            hand={language: tuple(hand.get(language, ())) for language in LANGUAGES},
        ))
    countries.append(CountryNames(
        iso2=KOSOVO_ISO2,
        iso3=KOSOVO_ISO3,
        labels={"en": EN_LABELS[KOSOVO_ISO2], "fr": FR_LABELS[KOSOVO_ISO2]},
        variants={"en": (), "fr": ()},
        hand={language: COE_VARIANTS[KOSOVO_ISO2][language] for language in LANGUAGES},
    ))
    unknown = set(COE_VARIANTS) - {country.iso2 for country in countries}
    if unknown:
        raise ReferenceDataError(f"COE_VARIANTS names unknown countries: {sorted(unknown)}")
    return sorted(countries, key=lambda country: country.iso2)


def alt_labels(countries: Sequence[CountryNames]) -> dict[str, dict[str, list[str]]]:
    """Each country's alternative labels per language, none of which names another country.

    Names are compared by :func:`entity_key` (case, accents and punctuation aside), the way a
    document's name is matched: an automatic variant two countries share is dropped from both;
    a label or a hand-kept variant two countries share is an error.
    """
    firm: dict[str, set[str]] = defaultdict(set)  # key -> countries naming it in label or by hand
    loose: dict[str, set[str]] = defaultdict(set)  # key -> countries with an automatic variant
    candidates: dict[str, dict[str, list[tuple[str, bool]]]] = {}
    for country in countries:
        per_language: dict[str, list[tuple[str, bool]]] = {}
        for language in LANGUAGES:
            label = country.labels[language]
            firm[entity_key(label)].add(country.iso2)
            hand = set(expand(country.hand[language], language))
            names = expand([label, *country.hand[language], *country.variants[language]], language)
            per_language[language] = [(name, name in hand) for name in names]
            for name in names:
                (firm if name in hand else loose)[entity_key(name)].add(country.iso2)
        candidates[country.iso2] = per_language
    clashes = {key: owners for key, owners in firm.items() if len(owners) > 1}
    if clashes:
        raise ReferenceDataError(f"names given to two countries: {sorted(clashes.items())}")

    result: dict[str, dict[str, list[str]]] = {}
    for country in countries:
        result[country.iso2] = {}
        for language in LANGUAGES:
            kept: dict[str, str] = {country.labels[language].casefold(): country.labels[language]}
            for name, is_hand in candidates[country.iso2][language]:
                key = entity_key(name)
                owners = firm.get(key, set()) | (set() if is_hand else loose[key])
                if owners - {country.iso2} or name.casefold() in kept:
                    continue
                kept[name.casefold()] = name
            del kept[country.labels[language].casefold()]
            result[country.iso2][language] = sorted(kept.values())
    return result


# -- Turtle -------------------------------------------------------------------------------------


def build_graph() -> Graph:
    """The countries as an rdflib graph."""
    countries = collect()
    alternatives = alt_labels(countries)
    graph = Graph()
    graph.bind("ckg", CKG)
    graph.bind("country", Namespace(ID_BASE + "country/"))
    graph.bind("rdfs", RDFS)
    graph.bind("skos", SKOS)
    for country in countries:
        node = mint("country", country.iso2)
        graph.add((node, RDF.type, CKG.Country))
        graph.add((node, CKG.iso2, Literal(country.iso2)))
        graph.add((node, CKG.iso3, Literal(country.iso3)))
        for language in LANGUAGES:
            label = Literal(country.labels[language], lang=language)
            graph.add((node, RDFS.label, label))
            graph.add((node, SKOS.prefLabel, label))
            for name in alternatives[country.iso2][language]:
                graph.add((node, SKOS.altLabel, Literal(name, lang=language)))
    return graph


def header() -> str:
    return (
        "# GENERATED FILE: do not edit by hand.\n"
        f"# Written by `{COMMAND}` (ontology/reference/generate_countries.py)\n"
        f"# from pycountry {pycountry_version()} and the CoE name variants kept in that script.\n"
        "# Every ISO 3166-1 country plus Kosovo* (XK / XKX), with English and French names.\n\n"
    )


def pycountry_version() -> str:
    return version("pycountry")


def render() -> str:
    """The text of countries.ttl: the same bytes on every run with the same pycountry."""
    body = build_graph().serialize(format="turtle")
    return header() + body.rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="Write countries.ttl from pycountry and the CoE name variants."
    )
    parser.add_argument(
        "--output", type=Path, default=OUTPUT, help="the file to write (default: %(default)s)"
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the file is not up to date"
    )
    options = parser.parse_args(argv)
    text = render()
    if options.check:
        current = options.output.read_text(encoding="utf-8") if options.output.exists() else None
        if current != text:
            print(f"{options.output} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    options.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
