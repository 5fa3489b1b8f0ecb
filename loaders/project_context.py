"""Which project each sentence of a document is about.

Three passes over the sentences:

1. **Names.** Known project names come from the gazetteer. A project the reference data does not
   know is recognised where the text presents it as one: ``le projet XYZ``, ``the XYZ project``,
   ``Projet XYZ :``, ``Titre du projet: Title (XYZ)``, ``« Title » (XYZ)``, a first line
   ``XYZ - Title … projet``, a table row whose first cell is a name and another cell a duration or a
   budget. It becomes a node (:func:`cyberkg.loaders.names.new_project`) and its names are taught to
   the gazetteer so that later sentences resolve them.
2. **Structure.** Numbered or ``#`` headings open sections; a heading naming one project makes it the
   section's project until a heading of the same or a higher level. Table rows are split in cells; a
   header row (``Intitulé du projet · Durée · Budget · Financement``) names the columns of the rows
   under it. ``Label : value`` lines are fields (``Durée :``, ``Budget:``, ``Donors:``…).
3. **Subjects.** A sentence is about the projects it names (the first enumeration of them, leaving
   out a predecessor named after "projet antérieur", "builds on"…); else about its section's project;
   else about the document's main project. A table row is about the project of its first cell.

The main project is the one the document's first line or its ``Titre du projet`` field names; else,
in a document that has no section or table of several projects, the one named in at least two
thirds of the project mentions.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise

from cyberkg.loaders import names
from cyberkg.loaders.amounts import find_amounts
from cyberkg.loaders.dates import find_ranges
from cyberkg.loaders.lists import fold
from cyberkg.loaders.lookup import find_all
from cyberkg.loaders.reading import Reading
from cyberkg.loaders.sentences import Sentence
from cyberkg.ontology import CKG, entity_key
from rdflib import RDFS, URIRef

# ---------------------------------------------------------------------------------------------
# Quick tests of the words a sentence holds, made on its lower-case form (found once per
# sentence): a case-insensitive pattern with many branches is slow to search (each branch is
# tried at each character), and a pattern that needs a word cannot match where the word is not.

#: ``İ`` and dotless ``ı`` are what a case-insensitive pattern reads as ``i``, and long ``ſ`` as
#: ``s``, although ``str.lower`` keeps them apart; for every other character ``c`` and lower-case
#: letter ``k``, such a pattern reads ``c`` as ``k`` exactly when ``c.lower() == k``.
_READ_AS = str.maketrans("İıſ", "iis")


def lowered(text: str) -> str:
    """``text`` in lower case, as a case-insensitive pattern reads it: a lower-case word (of
    Latin letters other than ``ı`` and ``ſ``, digits, spaces, punctuation) is in ``lowered(text)``
    exactly when ``re.search(re.escape(word), text, re.IGNORECASE)`` finds it."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_READ_AS)
    return text.lower()


def holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Does ``low`` (a text, in this module mostly a :func:`lowered` one) hold one of ``words``?
    A cue that needs one of them cannot match a text that holds none."""
    for word in words:
        if word in low:
            return True
    return False


class AnyWord:
    """``re.search("(?i:" + "|".join(words) + ")|" + rest, text)``, answered from the lowered text
    (:func:`lowered`): a word in it, else a match of ``rest`` (what plain words cannot say: a word
    boundary, a digit) in the text itself."""

    def __init__(self, words: str, rest: str) -> None:
        self.words = tuple(words.split())
        self.rest = re.compile(rest)

    def search(self, text: str, low: str) -> bool:
        return holds_any(low, self.words) or self.rest.search(text) is not None


# ---------------------------------------------------------------------------------------------
# Field labels ("Durée :", "Budget:", "Donors:") and table headers share one vocabulary.

_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("titre du projet", "intitule du projet", "nom du projet", "project title",
               "project name", "title of the project", "intitule", "titre")),
    ("share", ("part du cde", "part du conseil", "coe share", "cofinancement du cde",
               "coe co-funding", "coe contribution", "contribution du cde")),
    ("duration", ("duree", "duration", "calendrier", "timeframe", "time frame",
                  "periode de mise en oeuvre", "implementation period", "dates du projet",
                  "project dates", "project period")),
    ("budget", ("budget", "montant", "total cost", "cout total", "amount")),
    ("implementers", ("mise en oeuvre", "mis en oeuvre", "implementation", "implemented by",
                      "implementing", "executing agenc", "organisation chargee")),
    ("funders", ("financement", "funding", "donateur", "donor", "bailleur", "finance par",
                 "funded by", "source of funds", "sources of funds", "contributions")),
    ("partners", ("partenaire", "partner")),
    ("hub", ("pays poles", "poles regionaux", "hub countries", "regional hubs", "hubs")),
    ("priority", ("pays prioritaires", "priority countries", "pays cibles prioritaires")),
    ("beneficiary", ("pays beneficiaires", "pays participants", "pays couverts", "pays cibles",
                     "beneficiary countries", "participating countries", "target countries",
                     "countries covered", "countries", "pays", "beneficiaires",
                     "beneficiaries", "portee geographique", "geographical scope",
                     "couverture geographique", "geographic coverage")),
    ("region", ("region", "regions", "zone geographique")),
)
_FIELD = re.compile(r"^\s*(?P<label>[^\W\d_][^:\t]{0,48}?)\s*:\s*(?P<value>\S.*)$", re.DOTALL)
_HEADING_NUMBER = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>[^\d\s].*)$")


def _singular(text: str) -> str:
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in text.split())


@lru_cache(maxsize=1)
def _label_keys() -> tuple[tuple[str, tuple[tuple[str, str, str, bool], ...]], ...]:
    """The vocabulary of :data:`_LABELS` in the singular, each key with what a label starting
    (``key …``) or ending (``… key``) with it holds, and whether it counts anywhere in a label
    (a key of more than six letters), worked out once instead of at every label."""
    return tuple((kind, tuple((key, key + " ", " " + key, len(key) > 6)
                              for key in map(_singular, keys)))
                 for kind, keys in _LABELS)


@lru_cache(maxsize=4096)
def label_kind(label: str) -> str | None:
    """The kind of field a label or a table header names, or None (``Durée`` -> ``duration``)."""
    folded = _singular(" ".join(fold(label).replace("’", "'").split()).strip(" *:"))
    if not folded or len(folded) > 50:
        return None
    for kind, keys in _label_keys():
        for key, first, last, anywhere in keys:
            if folded == key or folded.startswith(first) or folded.endswith(last) \
                    or (anywhere and key in folded):
                return kind
    return None


# ---------------------------------------------------------------------------------------------
# Recognising project names.

_NAME = names.NAME
_PROJECT_WORD = r"(?:projets?|programmes?|projects?|programs?)"
_QUALIFIER = (r"(?:\s+(?:élargi|elargi|conjoint|régional|regional|pilote|pilot|joint|extended|"
              r"enlarged|nouveau|new|antérieur|précédent|previous|successeur))?")
# (spaces, a comma, a quote: each run of spaces between them read one way only; written
# ``\s*,?\s*[«"“]?\s*``, a long run of spaces was split in every way, in cubic time)
_AFTER_WORD = re.compile(r"(?i:\b" + _PROJECT_WORD + _QUALIFIER + r")\s*(?:,\s*)?(?:[«\"“]\s*)?"
                         + _NAME)
_BEFORE_WORD = re.compile(_NAME + r"(?:\s*[»\"”])?\s+(?i:project|programme|program)\b")
_PAREN_ACRONYM = re.compile(r"\(\s*" + _NAME + r"\s*\)")
_TITLE_CUE = re.compile(
    r"(?i:titre\s+du\s+projet|intitulé\s+du\s+projet|nom\s+du\s+projet|project\s+title|"
    r"project\s+name|projet\s+(?:relatif\s+(?:à|a)|sur|consacré\s+à|intitulé)|"
    + _PROJECT_WORD + _QUALIFIER + r")\s*:?\s*(?:l['’]|la\s+|le\s+|les\s+|the\s+)?",
)
_WEAK_NAME = re.compile(r"(?i:\b" + _PROJECT_WORD + r")\s+(?P<name>[A-Z][a-zà-ÿ]{2,})"
                        r"(?=\s*(?:[,.;)»\"”]|$|(?i:project|projet|programme)\b))")
_WEAK_STOP = frozenset(fold(w) for w in ["Title", "Titre", "Name", "Nom", "Summary", "Résumé", "Duration", "Durée", "Budget", "Manager", "Team", "Description", "Objectives", "Objectifs", "Objective", "Objectif", "Outcomes", "Results", "Résultats", "Activities", "Activités", "Partners", "Partenaires", "Document", "Office", "Bureau", "Report", "Rapport", "Global", "Globale", "Action", "European", "Européen", "Joint", "Conjoint", "Regional", "Régional", "International", "National", "Council", "Conseil", "Europe", "Cybercrime", "Convention", "Phase", "Steering", "Committee", "Comité", "Coordinator", "Coordinateur", "Officer", "Assistant", "Support", "Overview", "Aperçu", "Proposal", "Proposition", "Design", "Funding", "Financement", "Countries", "Pays", "Area", "Areas", "Implementation", "Contact", "Contacts", "Documents", "News", "Actualités", "Page", "Website", "Site"])
_NOT_PROJECT_BEFORE = re.compile(
    r"(?i:\b(?:conférence|conference|communauté|community|plateforme|platform|réseau|network|"
    r"forum|wiki|outils?|tools?)\s+(?:de\s+l['’]|du\s+|d['’]|of\s+the\s+|of\s+)?)$")
_SUFFIX = re.compile(r"(?:-\d{1,2}|-[A-Za-z]{1,2}|\+| (?:II|III|IV|2|3))(?![\w+@-])")
_PREDECESSOR = re.compile(
    r"(?i:projets?\s+(?:antérieurs?|précédents?)|previous\s+project|prior\s+project|"
    r"predecessor(?:\s+project)?|(?:forts?|fortes?)\s+de\s+l['’]expérience|"
    r"\bbuil(?:ds?|t|ding)\s+on|s['’]appu(?:ie|ient|yant)\s+sur|fai(?:t|sant)\s+suite\s+(?:au|à)|"
    r"follow-?up\s+(?:to|of)|follows?\s+on\s+from|successeur\s+(?:du|de)|successor\s+(?:to|of)|"
    r"dans\s+(?:la\s+)?(?:suite|continuité|prolongement)\s+(?:du|de)|continuation\s+of|"
    r"extension\s+of|phase\s+(?:II|2|III|3)\s+(?:of|du|de))")
#: A word every cue of :data:`_PREDECESSOR` holds, in any case.
_ANY_PREDECESSOR = ("antérieur", "précédent", "previous", "prior", "predecessor", "expérience",
                    "buil", "appu", "suite", "follow", "success", "continu", "prolong",
                    "extension", "phase")
_SUCCESSOR = re.compile(
    r"(?i:projets?\s+(?:successeurs?|suivants?)|successor\s+project|followed\s+by|succeeded\s+by|"
    r"suivi\s+par|prolong\w*\s+(?:à\s+travers|par|through|by))")
_ANAPHORA = re.compile(r"^\s*(?:(?:Le|Ce|Cet|Ledit|This|The|That|Said)\s+(?:projet|project|programme|"
                       r"program)\b|(?:Il|It)\s)")
_ENUM_GAP = re.compile(r"^[\s,;/]*+(?:(?:et|and|&|ainsi\s+que|as\s+well\s+as)[\s,;/]*)?$")
#: What every pattern that presents a new project holds, in any case (``projet``, ``project``,
#: ``programme``, ``program``): a text without one presents none. ``_BEFORE_WORD`` needs one of
#: the English words.
_PROJECT_WORDS = ("proje", "progra")
_ENGLISH_PROJECT_WORDS = ("project", "program")


@dataclass(frozen=True)
class ProjectMention:
    """A project named at ``text[begin:stop]`` of a sentence's cleaned text."""

    iri: URIRef
    begin: int
    stop: int
    surface: str


@dataclass
class Unit:
    """One sentence of the document as the project rules see it."""

    index: int
    sentence: Sentence
    text: str  # the sentence with markup removed
    kind: str = "plain"  # plain, heading, field, row, header, other-row
    mentions: list[ProjectMention] = field(default_factory=list)
    predecessors: list[ProjectMention] = field(default_factory=list)
    subjects: list[URIRef] = field(default_factory=list)
    field_kind: str | None = None
    value: str = ""
    value_start: int = 0
    cells: list[str] = field(default_factory=list)
    columns: list[str | None] = field(default_factory=list)

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, for quick tests of its words (see :func:`lowered`)."""
        return lowered(self.text)


@dataclass
class DocumentView:
    """The sentences of a document with the projects they are about."""

    units: list[Unit]
    main: URIRef | None


def _usable_new_name(reading: Reading, name: str, *, weak: bool = False,
                     around: str | None = None) -> bool:
    """May ``name`` (found in ``around``) be a new project: no other entity's name, nor part of a
    known project name (``programme Octopus``), nor a known body with a number (``IAP II``)?"""
    if not weak and not names.strong_name(name):
        return False
    if weak and fold(name) in _WEAK_STOP:
        return False
    others = {"country", "organisation", "region", "convention"}
    base = re.sub(r"(?:\s(?:II|III|IV|VI|V|2|3|4)|-\d{1,2})$", "", name)
    for candidate in {name, base}:
        if reading.gazetteer.resolve(candidate, kinds=others) is not None:
            return False
    return around is None or not reading.gazetteer.find(around, kinds={"project"})


def _title_before(text: str, paren: int) -> str | None:
    """The title written before ``(ACRONYM)`` at ``paren``: quoted, or after a project cue."""
    before = text[:paren].rstrip()
    quoted = re.search(r"[«\"“]\s*([^«»\"“”]{4,160}?)\s*[»\"”]\s*$", before)
    if quoted:
        return quoted.group(1).strip()
    cues = list(_TITLE_CUE.finditer(before))
    if cues:
        title = before[cues[-1].end():]
    else:
        clause = re.split(r"[,:;.]\s", before)[-1]
        title = re.sub(r"^(?i:the|le|la|les|l['’])\s*", "", clause)
    title = title.strip(" :–—-\"'«»“”")
    tokens = title.split()
    if 2 <= len(tokens) <= 16 and title[:1].isupper():
        return title
    return None


def _register(reading: Reading, name: str, line: int, *, title: str | None = None,
              variant: str | None = None) -> None:
    if reading.gazetteer.resolve(name, kinds={"project"}) is not None:
        return
    variants = (variant,) if variant and variant != name else ()
    names.new_project(reading, name, line=line, title=title, variants=variants)


def _discover(reading: Reading, index: int, text: str, line: int, low: str) -> None:
    """Teach the gazetteer the projects ``text`` presents that nobody knows yet (``low``: the
    text :func:`lowered`)."""
    if not holds_any(low, _PROJECT_WORDS):
        return  # no word of a project: nothing presents one
    for pattern, weak, words in ((_AFTER_WORD, False, _PROJECT_WORDS),
                                 (_BEFORE_WORD, False, _ENGLISH_PROJECT_WORDS),
                                 (_WEAK_NAME, True, _PROJECT_WORDS)):
        if not holds_any(low, words):
            continue
        for match in pattern.finditer(text):
            name = match.group("name")
            if _all_caps(match.group()):
                continue  # "5 PROJETS MONDIAUX": capitals in a shouted heading name nothing
            if _usable_new_name(reading, name, weak=weak, around=match.group()):
                _register(reading, name, line)
    before = _Before(text)
    for match in _PAREN_ACRONYM.finditer(text):
        name = match.group("name")
        after = text[match.end():match.end() + 12]
        cue = before.last_cue(match.start())
        # "iPROCEEDS Project Steering Committee (PSC)": a thing of a project, not a project
        if cue is not None and names.leading_name(before.last_word(cue.start())):
            cue = None
        if not (cue or re.match(r"\s*(?i:project|programme|projet)\b", after)):
            continue
        if before.unclosed(match.start()) or (cue is not None
                                              and before.bracket_between(cue.end(), match.start())):
            continue  # "(Instrument … (IVCDCI))": an acronym inside another aside
        if not _usable_new_name(reading, name):
            continue
        known = reading.gazetteer.resolve(name, kinds={"project"})
        if known is None:
            _register(reading, name, line, title=_title_before(text, match.start()))
    if index == 0:
        first = re.match(r"^\s*" + _NAME + r"\s*[-–—:]\s+(?P<title>[^-–—:]{4,160}?)(?:\s+[-–—]|$)",
                         text)
        if first and names.strong_name(first.group("name")) and re.search(
                r"(?i)\b(?:projet|project|programme)\b", text) and _usable_new_name(
                reading, first.group("name")):
            _register(reading, first.group("name"), line, title=first.group("title").strip())


class _Before:
    """What comes before each bracket of a text, asked for one bracket after another: the last
    title cue, the word before it, brackets left open. Each is found once for the whole text
    instead of reading the whole beginning again at every bracket (quadratic in a text of many
    brackets)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cues: list[re.Match[str]] | None = None
        self._cue_ends: list[int] = []
        self._counted = self._opened = self._closed = 0
        self._next: dict[tuple[str, int], int] = {}
        self._words: dict[int, str] = {}

    def last_cue(self, bracket: int) -> re.Match[str] | None:
        """The last title cue of ``text[:bracket]`` (``bracket`` is the index of a ``(``)."""
        if self._cues is None:
            # no cue holds a "(": those of the whole text that end by a bracket are exactly
            # those of the text that stops there
            self._cues = list(_TITLE_CUE.finditer(self.text))
            self._cue_ends = [cue.end() for cue in self._cues]
        found = bisect.bisect_right(self._cue_ends, bracket)
        return self._cues[found - 1] if found else None

    def last_word(self, end: int) -> str:
        """``text[:end].split()[-1]``, or "" when there is no word."""
        if end not in self._words:
            text, stop = self.text, end
            while stop > 0 and text[stop - 1].isspace():
                stop -= 1
            start = stop
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            self._words[end] = text[start:stop]
        return self._words[end]

    def unclosed(self, end: int) -> bool:
        """Does ``text[:end]`` open more brackets than it closes? (``end`` never decreases.)"""
        self._opened += self.text.count("(", self._counted, end)
        self._closed += self.text.count(")", self._counted, end)
        self._counted = end
        return self._opened > self._closed

    def bracket_between(self, start: int, end: int) -> bool:
        """Is there a ``(`` or a ``)`` in ``text[start:end]``?"""
        for char in "()":
            if (char, start) not in self._next:
                self._next[char, start] = self.text.find(char, start)
            found = self._next[char, start]
            if found != -1 and found < end:
                return True
        return False


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and all(c.isupper() for c in letters)


def _row_project_name(cell: str) -> tuple[str, str | None] | None:
    """The short name a table's first cell gives its project, and a title if it states one."""
    cleaned = names.clean_markup(cell).strip()
    cleaned = re.sub(r"^(?i:projet|project|programme)\s+", "", cleaned)
    short = names.leading_name(cleaned)
    if short is None:
        return None
    rest = cleaned[len(short):].strip()
    title = None
    titled = re.match(r"^(?:[:\-–—]\s*|(?i:projet\s+élargi|projet|project)\s+)(?P<t>[A-ZÀ-Ý].{3,150})$",
                      rest)
    if titled:
        title = titled.group("t").strip()
    return short, title


@lru_cache(maxsize=2048)
def _pure_duration(cell: str) -> bool:
    ranges = find_ranges(cell)
    if not ranges:
        return False
    covered = sum(r.stop - r.begin for r in ranges)
    rest = re.sub(r"(?i)\d+\s*(?:mois|months?)|[()\s–—-]", "", cell)
    return covered >= max(1, len(rest) - 12)


@lru_cache(maxsize=2048)
def _pure_amount(cell: str) -> bool:
    amounts = find_amounts(cell)
    if not amounts:
        return False
    rest = cell
    for amount in amounts:
        rest = rest.replace(amount.surface, "")
    rest = re.sub(r"(?i)\b(?:CdE|CoE|UE|EU)\b|\d{1,3}\s*%|[()\s,;+]", "", rest)
    return len(rest) <= 12


def project_mentions(reading: Reading, text: str, line: int) -> list[ProjectMention]:
    """The projects ``text`` names, left to right (a name inside a longer known name is not one)."""
    found: list[ProjectMention] = []
    mentions = find_all(reading.gazetteer, text)
    for mention in mentions:
        if mention.entry.kind != "project":
            continue
        begin, stop, iri = mention.start, mention.end, mention.entry.iri
        if _NOT_PROJECT_BEFORE.search(text[max(0, begin - 40):begin]):
            continue
        suffix = _SUFFIX.match(text, stop)  # right after the name
        if suffix:
            longer = text[begin:suffix.end()]
            other = reading.gazetteer.resolve(longer, kinds={"project"})
            if other is None and names.strong_name(longer):
                other_iri = names.project(reading, longer, line=line)
            else:
                other_iri = other.iri if other is not None else iri
            iri, stop = other_iri, suffix.end()
        found.append(ProjectMention(iri, begin, stop, text[begin:stop]))
    return found


def _is_heading(lines: list[str], sentence: Sentence, text: str) -> int | None:
    """The depth of the heading ``sentence`` is, or None when it is not a heading."""
    raw = lines[sentence.line - 1] if 0 < sentence.line <= len(lines) else ""
    if "\t" in raw:
        return None
    stripped = raw.strip()
    if stripped.startswith("#"):
        return len(stripped) - len(stripped.lstrip("#"))
    number = _HEADING_NUMBER.match(text)
    if number and len(text) <= 160 and not text.rstrip().endswith((".", ";", ",")) \
            and stripped.startswith(number.group("num")):
        return len(number.group("num").split("."))
    return None


def _predecessor_mentions(text: str, mentions: list[ProjectMention],
                          low: str) -> list[ProjectMention]:
    """Mentions that name an earlier project (right after "projet antérieur", "builds on"…);
    ``low``: the text :func:`lowered`."""
    found: dict[ProjectMention, None] = {}
    if len(mentions) < 1 or not holds_any(low, _ANY_PREDECESSOR):
        return []
    # The mentions by where they begin (and their rank in ``mentions``): each cue looks only at
    # those within 90 characters after it, so a sentence of many cues is read in linear time.
    by_begin = sorted((mention.begin, rank) for rank, mention in enumerate(mentions))
    begins = [begin for begin, _ in by_begin]
    for cue in _PREDECESSOR.finditer(text):
        near = by_begin[bisect.bisect_left(begins, cue.end()):
                        bisect.bisect_right(begins, cue.end() + 90)]
        for _, rank in sorted(near, key=lambda pair: pair[1]):  # the first in ``mentions``
            mention = mentions[rank]
            if not re.search(r"[.;]", text[cue.end():mention.begin]):
                found[mention] = None
                break
    return list(found)


_COMPARISON = re.compile(r"(?i:\b(?:contrairement\s+(?:à|au)|à\s+la\s+différence\s+(?:de|du)|unlike|"
                         r"comme\s+pour|as\s+with|à\s+l['’]instar\s+(?:de|du))\s*(?:l['’]|la\s+|le\s+|"
                         r"the\s+)?(?:projet\s+|project\s+)?)$")


def _not_among(mentions: list[ProjectMention], excluded: list[ProjectMention]
               ) -> list[ProjectMention]:
    """``mentions`` less those in ``excluded``, in order."""
    left_out = set(excluded)
    return [mention for mention in mentions if mention not in left_out]


def _compared(text: str, mentions: list[ProjectMention]) -> list[ProjectMention]:
    """Mentions a comparison introduces ("Contrairement à GLACY, ce projet…"): not the subject."""
    return [m for m in mentions if _COMPARISON.search(text[max(0, m.begin - 40):m.begin])]


def _first_enumeration(text: str, mentions: list[ProjectMention]) -> list[URIRef]:
    if not mentions:
        return []
    chosen = [mentions[0]]
    for previous, mention in pairwise(mentions):
        if previous is not chosen[-1]:
            break
        if _ENUM_GAP.match(text[previous.stop:mention.begin]):
            chosen.append(mention)
        else:
            break
    unique: list[URIRef] = []
    for mention in chosen:
        if mention.iri not in unique:
            unique.append(mention.iri)
    return unique


def _header_kinds(text: str, cells: list[str]) -> list[str | None] | None:
    """The kinds of the columns a header row names (two labels or more, and no digit), or None."""
    if any(map(str.isdigit, text)):
        return None  # a row of values: no label is looked up
    kinds = [label_kind(c) for c in cells]
    return kinds if sum(k is not None for k in kinds) >= 2 else None


def _is_field_line(text: str) -> bool:
    match = _FIELD.match(text)
    return match is not None and label_kind(match.group("label")) is not None


def _line_pieces(lines: list[str], sentence: Sentence) -> list[Sentence]:
    """``sentence`` cut where one of its lines is a field (``Donateurs : …``) or follows a field or
    a short title line (``Contribution d'INTERPOL``): such lines stand alone even when the text has
    no blank line between them and the sentence splitter joined them."""
    text = sentence.text
    if "\t" in text or sentence.line >= len(lines):
        return [sentence]
    cuts: list[tuple[int, int]] = []
    position = 0
    for number in range(sentence.line, min(len(lines), sentence.line + 60)):
        stripped = lines[number].strip()
        if not stripped:
            break
        found = text.find(stripped[:40], position)
        if found <= position:
            break
        cuts.append((found, number + 1))
        position = found + len(stripped[:40])
    if not cuts:
        return [sentence]
    pieces: list[Sentence] = []
    start, start_line = 0, sentence.line
    for found, number in cuts:
        previous = text[start:found].strip()
        following = text[found:]
        if (_is_field_line(following) or _is_field_line(previous)
                or (len(previous) <= 80 and previous[-1:] not in ".,;:!?…" and following[:1].isupper())):
            pieces.append(Sentence(previous, start_line))
            start, start_line = found, number
    pieces.append(Sentence(text[start:].strip(), start_line))
    return [p for p in pieces if p.text]


def _units(reading: Reading) -> list[Unit]:
    """The document's sentences, re-cut at field and title lines, and re-joined where a line
    broken by a blank line goes on in lower case (``Il est cofinancé par`` / ``le Conseil…``)."""
    lines = reading.doc.lines
    pieces: list[Sentence] = []
    for sentence in reading.sentences:
        pieces.extend(_line_pieces(lines, sentence))
    joined: list[Sentence] = []
    for piece in pieces:
        raw = lines[piece.line - 1].strip() if 0 < piece.line <= len(lines) else ""
        if (joined and piece.text[:1].islower() and "\t" not in piece.text
                and raw[:1] not in "-•*·#" and joined[-1].text[-1:] not in ".!?:;"
                and "\t" not in joined[-1].text):
            joined[-1] = Sentence(f"{joined[-1].text} {piece.text}", joined[-1].line)
        else:
            joined.append(piece)
    return [Unit(i, s, names.clean_markup(s.text)) for i, s in enumerate(joined)]


def _variants(reading: Reading, units: list[Unit]) -> None:
    """The other ways this document writes a project it made (``CYBERNORTH``) as skos:altLabel."""
    named: dict[URIRef, set[str]] = {}
    for subject, predicate, value in reading.facts.triples:
        if predicate in (CKG.acronym, RDFS.label) and isinstance(subject, URIRef):
            named.setdefault(subject, set()).add(str(value))
    for unit in units:
        for mention in unit.mentions:
            if mention.iri in named and mention.surface not in named[mention.iri]:
                named[mention.iri].add(mention.surface)
                reading.facts.alt_label(mention.iri, mention.surface, reading.language)


def build_view(reading: Reading) -> DocumentView:
    """The document's sentences with their kind and the projects each one is about."""
    lines = reading.doc.lines
    units = _units(reading)
    title_index = next((u.index for u in units if len(u.text.strip()) > 2), None)
    # 1. names
    header: list[str | None] | None = None
    for unit in units:
        _discover(reading, 0 if unit.index == title_index else 1, unit.text, unit.sentence.line,
                  unit.lowered)
        if "\t" in unit.sentence.text:
            cells = [c.strip() for c in unit.text.split("\t")]
            kinds = _header_kinds(unit.text, cells)
            if kinds is not None:
                header = kinds
                continue
            if cells and cells[0]:
                named = _row_project_name(cells[0])
                rest = cells[1:]
                if named and (header and any(k in ("duration", "budget") for k in header)
                              or any(_pure_duration(c) or _pure_amount(c) for c in rest)):
                    short, title = named
                    if _usable_new_name(reading, short):
                        _register(reading, short, unit.sentence.line, title=title)
        else:
            header = None
    # 2. structure and mentions
    header = None
    section_stack: list[tuple[int, URIRef | None]] = []
    heading_projects: set[URIRef] = set()
    row_projects: set[URIRef] = set()
    counts: Counter[URIRef] = Counter()
    surfaces: set[str] = set()  # the names already recorded (once is enough)
    main: URIRef | None = None
    titled_main: URIRef | None = None
    for unit in units:
        unit.mentions = project_mentions(reading, unit.text, unit.sentence.line)
        unit.predecessors = _predecessor_mentions(unit.text, unit.mentions, unit.lowered)
        for mention in unit.mentions:
            if mention.iri not in counts:
                reading.facts.entity("project", mention.iri)
            if mention.surface not in surfaces:
                surfaces.add(mention.surface)
                reading.projects.setdefault(entity_key(mention.surface), mention.iri)
            counts[mention.iri] += 1
        free = _not_among(unit.mentions, unit.predecessors)
        if "\t" in unit.sentence.text:
            unit.cells = [c.strip() for c in unit.text.split("\t")]
            kinds = _header_kinds(unit.text, unit.cells)
            if kinds is not None:
                header = kinds
                unit.kind = "header"
                continue
            unit.kind = "other-row"
            first_cell = unit.cells[0] if unit.cells else ""
            named = _row_project_name(first_cell) if first_cell else None
            iri = None
            if named:
                iri = names.lookup_project(reading, named[0])
            elif first_cell:
                iri = names.lookup_project(reading, first_cell)
            if iri is not None:
                row_projects.add(iri)
                rest = unit.cells[1:]
                if header and any(k in ("duration", "budget", "funders") for k in header):
                    unit.kind = "row"
                    unit.columns = list(header) + [None] * (len(unit.cells) - len(header))
                elif any(_pure_duration(c) or _pure_amount(c) for c in rest):
                    unit.kind = "row"
                    unit.columns = [None] * len(unit.cells)
                if unit.kind == "row":
                    unit.subjects = [iri]
            continue
        header = None
        depth = _is_heading(lines, unit.sentence, unit.text)
        if depth is not None:
            unit.kind = "heading"
            while section_stack and section_stack[-1][0] >= depth:
                section_stack.pop()
            named_first = _first_enumeration(unit.text, free)
            section = named_first[0] if len(named_first) == 1 else None
            section_stack.append((depth, section))
            if section is not None:
                heading_projects.add(section)
            continue
        match = _FIELD.match(unit.text)
        if match:
            kind = label_kind(match.group("label"))
            if kind is not None:
                unit.kind = "field"
                unit.field_kind = kind
                unit.value = match.group("value")
                unit.value_start = match.start("value")
                if kind == "title" and free:
                    titled_main = titled_main or free[0].iri
    _variants(reading, units)
    # 3. main project
    first_unit = units[title_index] if title_index is not None else None
    if titled_main is not None:
        main = titled_main
    elif first_unit is not None and first_unit.kind != "heading" and first_unit.mentions:
        free = _not_among(first_unit.mentions, first_unit.predecessors)
        named_first = _first_enumeration(first_unit.text, free)
        if len(named_first) == 1:
            main = named_first[0]
    if main is None and len(heading_projects) < 2 and len(row_projects) < 2 and counts:
        top, top_count = counts.most_common(1)[0]
        if top_count * 3 >= sum(counts.values()) * 2:
            main = top
    # 4. subjects
    section_stack = []
    previous: Unit | None = None
    for unit in units:
        if unit.kind in ("row", "other-row", "header"):
            continue
        if unit.kind == "heading":
            depth = _is_heading(lines, unit.sentence, unit.text) or 1
            while section_stack and section_stack[-1][0] >= depth:
                section_stack.pop()
            free = _not_among(unit.mentions, unit.predecessors)
            named_first = _first_enumeration(unit.text, free)
            section_stack.append((depth, named_first[0] if len(named_first) == 1 else None))
            unit.subjects = named_first
            continue
        compared = _compared(unit.text, unit.mentions)
        free = _not_among(unit.mentions, unit.predecessors + compared)
        subjects = _first_enumeration(unit.text, free)
        if not subjects:
            section = next((p for _, p in reversed(section_stack) if p is not None), None)
            inside_section = bool(section_stack)
            if section is not None:
                subjects = [section]
            elif main is not None and not (inside_section and len(heading_projects) >= 1):
                subjects = [main]
            elif (_ANAPHORA.match(unit.text) and previous is not None and previous.subjects
                  and unit.sentence.line - previous.sentence.line <= 3):
                subjects = list(previous.subjects)  # "The project…", "It…": the one just named
        unit.subjects = subjects
        previous = unit
    return DocumentView(units, main)
