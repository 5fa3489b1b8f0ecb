"""Turning a name written in a document into the node it names.

A project is written many ways: ``GLACY+``, ``[GLACY+](#)``, ``projet élargi GLACY+``,
``GLACY+ projet élargi``, ``« GLACY+ »``, ``Projet iPROCEEDS :``, ``the CyberNorth project``.
:func:`clean_project_name` takes off what is not the name; :func:`project` resolves the rest against
the gazetteer (the reference data and the names this document has taught it) and makes a new
project node, registered in the gazetteer, for a name nobody knows yet. :func:`new_project` is the
one place a new project node is described (IRI from its acronym, ``ckg:acronym``, title as
``rdfs:label`` in the document's language, variants as ``skos:altLabel``).

The functions of the text alone (:func:`clean_markup`, :func:`clean_project_name`,
:func:`strong_name`, :func:`leading_name`) remember their answers for the last short texts
(:func:`~cyberkg.loaders.gazetteer.remember_short`): the loaders ask them about the same cells and
names again and again.
"""

from __future__ import annotations

import re

from cyberkg.loaders import lookup
from cyberkg.loaders.gazetteer import Entry, Gazetteer, remember_short
from cyberkg.loaders.reading import Reading
from cyberkg.ontology import CKG, entity_key, mint
from rdflib import RDFS, Literal, URIRef

_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]*)\)")
#: Words around a project's name: articles, the noun (singular or plural), a qualifier.
_ARTICLE_WORDS = ("le", "la", "les", "du", "de", "des", "au", "the", "a", "an", "un", "une", "nouveau",
                  "new", "ce", "cet", "this")
_NOUNS = ("projet", "programme", "project", "program")
_QUALIFIERS = ("élargi", "elargi", "conjoint", "régional", "regional", "joint", "extended",
               "enlarged", "global", "mondial", "pilote", "pilot")
_PROJECT_WORDS = (r"(?:(?:" + "|".join(_ARTICLE_WORDS) + r")\s+)*"
                  r"(?:" + "|".join(noun + "s?" for noun in _NOUNS) + ")"
                  r"(?:\s+(?:" + "|".join(_QUALIFIERS) + "))?")
_LEADING_WORDS = re.compile(r"^\s*" + _PROJECT_WORDS + r"\s*[:\-–—]?\s*", re.IGNORECASE)
# The words that end a name (``\s*[:\-–—]?\s*\b`` + _PROJECT_WORDS + ``\s*$``), written backwards and
# matched at the start of the reversed name: searched forwards, every article of a long run of
# them (or every space of a long run) was a start that read on to the end, in quadratic or cubic
# time. Matched backwards, its longest match is the suffix the forward search removed.
_TRAILING_WORDS_BACKWARDS = re.compile(
    r"\s*(?:(?:" + "|".join(word[::-1] for word in _QUALIFIERS) + r")\s+)?"
    r"s?(?:" + "|".join(noun[::-1] for noun in _NOUNS) + ")"
    r"(?:\s+(?:" + "|".join(word[::-1] for word in _ARTICLE_WORDS) + r"))*\b\s*[:\-–—]?\s*",
    re.IGNORECASE)
_EDGES = " \t\"'«»“”‘’[]()*:;,.!?–—-"
_ARTICLES = re.compile(r"^(?:(?:the|le|la|les|l['’]|du|des|au|aux)\s*)+(?=\S)", re.IGNORECASE)

#: A project's short name: one token with capitals inside, digits or @ + (GLACY+, iPROCEEDS-2,
#: Cybercrime@EAP II, CyberSouth, EndOCSEA@Europe), with an optional number or roman numeral.
NAME = (r"(?<![\w@+&/-])(?P<name>[A-Za-z][A-Za-z0-9]*(?:[@&][A-Za-z0-9]+)*"
        r"(?:\+|-(?:[A-Za-z]{1,2}|\d{1,2})(?![\w-]))?"
        r"(?:\s(?:II|III|IV|VI|V|2|3|4)(?![\w+@-]))?)")
_NAME = re.compile(NAME)
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")
#: :func:`entity_key`, remembered: a document names its projects again and again.
_key = remember_short(entity_key)


@remember_short
def clean_markup(text: str) -> str:
    """Text as a reader sees it: ``[GLACY+](#)`` -> ``GLACY+``, ``\\(T-CY\\)`` -> ``(T-CY)``.

    Lengths change: work on the cleaned text throughout and cite the original sentence.
    """
    text = _without_links(text)
    text = text.replace("\\(", "(").replace("\\)", ")").replace("**", "")
    return text


def _without_links(text: str) -> str:
    """``_LINK.sub(r"\\1", text)``, tried only from the first ``[`` after each ``]``: every ``[``
    before the same ``]`` gives the same match or none, and trying each of a long run of ``[``
    read on to the same ``]`` again, in quadratic time."""
    kept: list[str] = []
    done = 0
    start = text.find("[")
    while start != -1:
        link = _LINK.match(text, start)
        if link is not None:
            kept += [text[done:start], link.group(1)]
            done = link.end()
            start = text.find("[", done)
            continue
        closing = text.find("]", start)
        if closing == -1:
            break
        start = text.find("[", closing + 1)
    kept.append(text[done:])
    return "".join(kept)


def _without_trailing_words(name: str) -> str:
    """``name`` without the project words that end it (``GLACY+ projet élargi`` -> ``GLACY+``)."""
    backwards = _TRAILING_WORDS_BACKWARDS.match(name[::-1])
    return name[:len(name) - backwards.end()] if backwards else name


@remember_short
def clean_project_name(surface: str) -> str:
    """The name in ``surface`` without markup, quotes, ``projet``/``project`` words, punctuation."""
    name = clean_markup(surface).strip().strip(_EDGES).strip()
    for _ in range(2):
        name = _LEADING_WORDS.sub("", name)
        name = _without_trailing_words(name)
        name = _ARTICLES.sub("", name)
        name = name.strip().strip(_EDGES.replace("+", "").replace("-", "")).strip()
        name = name.rstrip(" :;,.!?–—").strip()
    return name


@remember_short
def strong_name(name: str) -> bool:
    """Does ``name`` look like a project's short name (``GLACY+``, ``CyberSouth``) on its own?"""
    core = name.split()[0] if name.split() else ""
    if not core or _ROMAN.match(core):
        return False
    if any(c in core for c in "@+") or any(c.isdigit() for c in core):
        return any(c.isalpha() for c in core)
    letters = [c for c in core if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    if upper >= 2 and len(letters) >= 3:
        return True
    return any(c.isupper() for c in core[1:]) and any(c.islower() for c in core)


@remember_short
def leading_name(text: str) -> str | None:
    """The project short name that ``text`` starts with (``Cybercrime@EAP II sur la …``)."""
    match = _NAME.match(text.strip())
    if match and strong_name(match.group("name")):
        return match.group("name")
    return None


def resolve_agency(gazetteer: Gazetteer, agency: str, country: str) -> Entry | None:
    """The national agency ``agency`` of the state written ``country`` (``ministère de la Justice``
    next to ``l'Estonie`` is the Estonian ministry), by its own name or with its country's."""
    place = re.sub(r"^(?:(?:la|le|les|l['’]|the)\s*)", "", country).strip()
    de = "d'" if place[:1].casefold() in "aeiouyéèêâîôh" else "de "
    for name in (agency, f"{agency} {de}{place}", f"{agency} ({place})", f"{agency} of {place}"):
        entry = gazetteer.resolve(name, kinds={"organisation"})
        if entry is not None:
            return entry
    return None


def lookup_project(reading: Reading, surface: str) -> URIRef | None:
    """The known project ``surface`` names (reference data or earlier in the document), or None."""
    whole = clean_markup(surface).strip(_EDGES.replace("+", ""))
    for name in (whole, clean_project_name(surface)):
        if name:
            entry = reading.gazetteer.resolve(name, kinds={"project"})
            if entry is not None:
                return entry.iri
    return None


def project(reading: Reading, surface: str, *, line: int) -> URIRef:
    """The project ``surface`` names: a known one from the reference data, else a new node.

    ``surface`` may carry markup and project words (``[GLACY+](#)``, ``projet élargi GLACY+``,
    ``Projet iPROCEEDS :``); a longer text that starts with a short name (a table cell such as
    ``Cybercrime@EAP II sur la coopération…``) names the project of that short name.
    """
    name = clean_project_name(surface) or surface.strip()
    iri = lookup_project(reading, surface)
    if iri is None:
        short = leading_name(name)
        if short is not None and short != name:
            iri = lookup_project(reading, short)
            name = short
    if iri is None:
        iri = new_project(reading, name, line=line)
    reading.facts.entity("project", iri)
    reading.projects.setdefault(_key(name), iri)
    return iri


def new_project(reading: Reading, acronym: str, *, line: int, title: str | None = None,
                variants: tuple[str, ...] = ()) -> URIRef:
    """Describe a project the reference data does not know, and teach its names to the gazetteer.

    Its IRI is minted from the acronym, so every document that names it reaches the same node.
    """
    iri = mint("project", acronym)
    entry = Entry(iri, "project")
    facts = reading.facts
    facts.entity("project", iri)
    facts.describe(iri, CKG.acronym, Literal(acronym))
    reading.gazetteer.add(acronym, entry)
    lookup.forget()
    if title:
        facts.describe(iri, RDFS.label, Literal(title, lang=reading.language))
        reading.gazetteer.add(title, entry)
    for variant in variants:
        if variant and _key(variant) != _key(acronym) and variant != title:
            facts.alt_label(iri, variant, reading.language)
            reading.gazetteer.add(variant, entry)
    reading.projects.setdefault(_key(acronym), iri)
    return iri
