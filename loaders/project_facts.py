"""The facts a sentence, a field or a table row states about the projects it is about.

Each rule reads one kind of fact where the text presents it as a fact about the project:

- **duration**: a ``Durée``/``Duration`` field or column; a range after "durée", "duration", "runs",
  "mis en œuvre"… or in brackets right after the project's name (``GLACY+ (2016-2020)``); a single date
  after a start verb ("a démarré en", "lancé en", "started in") or an end verb ("s'est achevé le",
  "prendra fin en", "se poursuivra jusqu'en", "will run until", "prolongé jusqu'à"). Other dates of a
  sentence about the project (``En septembre 2017, le projet a organisé…``) are not its duration.
- **budget**: a ``Budget`` field or column, or the first amount after the word budget ("budget de",
  "with a budget of", "Doté d'un budget de") or right before it ("a EUR 3 million budget"). A bound
  ("plus de", "more than") is no budget; a budget that changed ("passant de 700 000 EUR à
  1,2 million EUR", "from … to …") is its later value, the current one; sums over several projects
  ("budget cumulé", "les projets … représentaient un budget de") are no project's budget.
- **CoE share**: ``CdE 10%``, ``10% CoE``, ``cofinancé à 10 % par le Conseil de l'Europe``.
- **funders, implementers, partners**: the enumeration after a cue ("Financement :", "financé par",
  "funded by", "contributions volontaires (…)", "mis en œuvre par", "implemented by", "Au nombre des
  autres partenaires figurent", "partners include") or before one ("… étaient partenaires du projet",
  "… is a partner"). A joint project ("projet conjoint UE/CdE", "joint project of the European Union
  and the Council of Europe") is funded by both. Brackets after a funder qualify it (an instrument)
  and name no other funder; brackets after a partner state name its agencies, which are partners
  too.
- **countries**: the enumeration after or before a cue of participation ("Pays participants :",
  "déployé en", "covers"), priority ("pays prioritaires", "priority countries") or hub ("pôles
  régionaux … Il s'agit du Chili, …", "serve as regional hubs"); a region followed by its countries
  in brackets ("pays du Partenariat oriental (Arménie, …)"). Countries elsewhere in the sentence are
  not in the list.
- **regions**: a region a title, heading or field names, or one named after a word of coverage
  ("pays du Partenariat oriental", "région du voisinage du Sud", "covers the … countries").
- **conventions**: every convention a sentence about a project names, by name or number
  (:mod:`cyberkg.loaders.conventions`).
- **predecessor/successor**: the project named after "projet antérieur", "Forts de l'expérience du
  projet", "builds on", "successor of" precedes the one the sentence is about; the one named after
  "followed by", "prolonger à travers le projet" follows it.

A name in a list that the reference data does not know is kept: an organisation as an unresolved
node (and the fact is stated about it); a country or a treaty number only as a warning with the line,
since a country node without an ISO code (or a treaty without its number) would be no country.
Only sentences about a project are read (see :mod:`cyberkg.loaders.project_context`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cyberkg.loaders.amounts import AmountMatch, find_amounts
from cyberkg.loaders.conventions import find_conventions
from cyberkg.loaders.dates import find_ranges
from cyberkg.loaders.gazetteer import Entry
from cyberkg.loaders.lists import Listed, first_bracketed, read_list, split_items
from cyberkg.loaders.lookup import find_all
from cyberkg.loaders.names import resolve_agency
from cyberkg.loaders.project_context import (
    AnyWord,
    DocumentView,
    ProjectMention,
    Unit,
    holds_any,
    lowered,
)
from cyberkg.loaders.reading import Reading
from cyberkg.ontology import CKG
from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

try:  # the dates module reports impossible dates ("31 février 2017") when it can
    from cyberkg.loaders.dates import find_invalid_dates
except ImportError:  # pragma: no cover - older dates module
    find_invalid_dates = None  # type: ignore[assignment]

ORGS = frozenset({"organisation", "country"})
COUNTRIES = frozenset({"country"})


@dataclass(frozen=True)
class Cue:
    """A phrase that introduces (or, ``backward``, closes) a list of names in a role.

    Every match of ``pattern`` holds one of the words of ``hint`` (in any case): the pattern is
    not searched in a sentence that holds none.
    """

    pattern: re.Pattern[str]
    predicate: URIRef
    kinds: frozenset[str]
    backward: bool = False
    hint: tuple[str, ...] = ()

    def finditer(self, text: str, low: str) -> Iterator[re.Match[str]]:
        """The matches in ``text`` (``low``: the text :func:`lowered`)."""
        for word in self.hint:
            if word in low:
                return self.pattern.finditer(text)
        return iter(())


def _cue(regex: str, predicate: URIRef, kinds: frozenset[str], backward: bool = False, *,
         hint: str) -> Cue:
    return Cue(re.compile(regex, re.IGNORECASE), predicate, kinds, backward, tuple(hint.split()))


_ADV = r"(?:(?:conjointement|principalement|notamment|également|aussi|entièrement|exclusivement|" \
       r"jointly|mainly|entirely|also|partly|partiellement)\s+)?"
_BE = r"(?:est|sont|était|étaient|sera|seront|demeure|reste|is|are|was|were|will\s+be|remains?)"

ROLE_CUES: tuple[Cue, ...] = (
    _cue(r"\bfinancée?s?\s+" + _ADV + r"par\s+", CKG.fundedBy, ORGS, hint="financ"),
    _cue(r"\b(?:funded|financed|co-?funded|co-?financed|sponsored)\s+" + _ADV + r"by\s+",
         CKG.fundedBy, ORGS, hint="funded financed sponsored"),
    _cue(r"\bcontributions?\s+(?:financières?|volontaires?)\s+(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+"
         r"|de\s+|d['’])", CKG.fundedBy, ORGS, hint="contribution"),
    _cue(r"\b(?:voluntary|financial)\s+contributions?\s+(?:from|by|of)\s+", CKG.fundedBy, ORGS,
         hint="contribution"),
    _cue(r"\bcontributions?\b[^.;]{0,60}?\b(?:reçues?|received|provenant|versées?|made)\s+"
         r"(?:de\s+la\s+|de\s+l['’]|des\s+|du\s+|de\s+|d['’]|from\s+|by\s+)", CKG.fundedBy, ORGS,
         hint="contribution"),
    _cue(_BE + r"\s+(?:(?:le|la|les|un|une|the|a|an)\s+)?(?:principal\s+|principaux\s+|main\s+|"
         r"seul\s+|sole\s+|other\s+|autres?\s+)?(?:donateurs?|donatrices?|bailleurs?\s+de\s+fonds|"
         r"donors?|funders?)\b", CKG.fundedBy, ORGS, backward=True,
         hint="donat bailleur donor funder"),
    _cue(r"\bmise?s?\s+en\s+(?:œ|oe)uvre\s+" + _ADV + r"par\s+", CKG.implementedBy, ORGS,
         hint="uvre"),
    _cue(r"\b(?:implemented|carried\s+out|run|managed|delivered|executed)\s+" + _ADV
         + r"(?:together\s+)?by\s+", CKG.implementedBy, ORGS,
         hint="implemented carried run managed delivered executed"),
    _cue(r"\b(?:au\s+nombre\s+des|parmi\s+les)\s+(?:autres\s+)?partenaires(?:\s+du\s+projet)?\s+"
         r"(?:figurent|se\s+trouvent|sont|on\s+compte|comptent)\s*", CKG.partner, ORGS,
         hint="partenaires"),
    _cue(r"\bpartenaires\s+(?:du\s+projet\s+)?(?:sont|étaient|comprennent|incluent|:)\s*",
         CKG.partner, ORGS, hint="partenaires"),
    _cue(r"\b(?:other\s+)?partners\s+(?:of\s+the\s+project\s+)?(?:include|included|are|were|"
         r"comprise|:)\s*", CKG.partner, ORGS, hint="partners"),
    _cue(r"\b(?:in\s+partnership\s+with|en\s+partenariat\s+avec)\s+", CKG.partner, ORGS,
         hint="partnership partenariat"),
    _cue(_BE + r"\s+(?:également\s+|aussi\s+|also\s+)?(?:(?:un|une|des|les|a|the)\s+)?"
         r"(?:autres?\s+|other\s+)?(?:partenaires?|partners?)\b(?!\s+(?:des|de\s+plusieurs|of\s+the"
         r"|of\s+several|d['’]un\s+ou)\s+(?:projets|projects|plusieurs))",
         CKG.partner, ORGS, backward=True, hint="partenaire partner"),
)

COUNTRY_CUES: tuple[Cue, ...] = (
    _cue(r"\b(?:pôles?\s+régionaux|pays\s+pôles?|regional\s+hubs?|hub\s+countries)"
         r"(?:\s+(?:sont|étaient|seront|are|were|will\s+be|include|:))?\s*",
         CKG.hubCountry, COUNTRIES, hint="pôle hub"),
    _cue(r"\b(?:servent|serviront|sert|servira|agissent|serve|serves|act|acts|will\s+serve|served)"
         r"\s+(?:de|comme|d['’]un|as)\s+(?:(?:pôles?|hubs?)\b|regional\s+hubs?)",
         CKG.hubCountry, COUNTRIES, backward=True, hint="pôle hub"),
    _cue(r"\b(?:pays\s+prioritaires|priority\s+countries)(?:\s+(?:initiaux|initiales|actuels|"
         r"suivants|sont|étaient|are|were|include|:))*\s*", CKG.priorityCountry, COUNTRIES,
         hint="priorit"),
    _cue(_BE + r"\s+(?:devenus\s+|become\s+)?(?:des\s+|les\s+|the\s+)?(?:pays\s+prioritaires|"
         r"priority\s+countries)", CKG.priorityCountry, COUNTRIES, backward=True, hint="priorit"),
    _cue(r"\b(?:pays\s+(?:participants|bénéficiaires|couverts|concernés|cibles)|"
         r"(?:participating|beneficiary|target)\s+countries|bénéficiaires|beneficiaries)"
         r"(?:\s+(?:sont|étaient|seront|are|were|include|includes|:))?\s*",
         CKG.beneficiaryCountry, COUNTRIES,
         hint="particip bénéficiaires couverts concernés cibles countries beneficiaries"),
    _cue(r"\b(?:déployée?s?|mise?s?\s+en\s+(?:œ|oe)uvre|actifs?|actives?|deployed|implemented|"
         r"active|operates|operating)\s+(?=(?:en|au|aux|dans|in)\s)",
         CKG.beneficiaryCountry, COUNTRIES,
         hint="déploy uvre actif active deployed implemented operat"),
    _cue(r"\b(?:couvre|couvrent|couvrira|covers|covered|covering|cible|ciblent|targets|"
         r"targeting)\s+", CKG.beneficiaryCountry, COUNTRIES, hint="couvr cover cible target"),
    _cue(r"\b(?:participent|participate|participating|participants?)\s*:?\s*", CKG.beneficiaryCountry,
         COUNTRIES, backward=True, hint="particip"),
    # "The project supported the Philippines…": only a list of countries right after the verb
    _cue(r"\b(?:soutient|soutenu|soutiendra|aide|aidé|accompagne|accompagné|supports?|supported|"
         r"assists?|assisted|helps?|helped)\s++(?=(?:les?|la|l['’]|the)?\s*[A-ZÀ-Ý])",
         CKG.beneficiaryCountry, COUNTRIES,
         hint="soutient soutenu soutiendra aide aidé accompagn support assist help"),
)
_ALONG = re.compile(r"[^.;]{0,40}?(?:together\s+with|along\s+with|alongside|as\s+well\s+as|"
                    r"ainsi\s+qu['’]avec|de\s+même\s+que|aux\s+côtés\s+(?:de\s+la|de\s+l['’]|du|des|de))"
                    r"\s*", re.IGNORECASE)
_NEXT_LIST = re.compile(r"^\s*(?:Il\s+s['’]agit|Ce\s+sont|Ces\s+pays\s+sont|These\s+are|They\s+are|"
                        r"Those\s+are|Namely)\b", re.IGNORECASE)
_JOINT = re.compile(
    r"\b(?:(?:projets?|programmes?|actions?|projects?|programs?)\s+conjoint(?:e|s|es)?|"
    r"joint\s+(?:projects?|programmes?|programs?|actions?|initiatives?))\s*(?:de\s+l['’]|du\s+|"
    r"des\s+|de\s+|d['’]|of\s+the\s+|of\s+|between\s+the\s+|between\s+|entre\s+)?",
    re.IGNORECASE)
# "UE/CdE projets conjoints", "joint EU/CoE project". The list before the words starts at the start
# of a word and holds at most ten names: tried from every letter of a long hyphenated run, or from
# every name of a long slashed one, it took quadratic time to fail.
_JOINT_BEFORE = re.compile(
    r"(?<![\w’'-])(?P<list>[\w’'-]+(?:\s*/\s*[\w’'-]+){1,9})\s+(?:joint\s+(?:projects?|programmes?)"
    r"|(?:projets?|programmes?)\s+conjoints?)|\bjoint\s+(?P<list2>[\w’'-]+(?:\s*/\s*[\w’'-]+)+)"
    r"\s+(?:projects?|programmes?)", re.IGNORECASE)
_VOLUNTARY = re.compile(r"\b(?:contributions?\s+volontaires?|voluntary\s+contributions?)\s*",
                        re.IGNORECASE)

# --- durations ------------------------------------------------------------------------------
_RANGE_CUE = re.compile(
    r"(?i:\b(?:dur[ée]e(?:\s+de\s+vie)?|duration|lasting|runs?|running|will\s+run|ran|"
    r"(?:is|was|will\s+be|has\s+been)\s+implemented|(?:est|a\s+été|sera|été)\s+mise?\s+en\s+"
    r"(?:œ|oe)uvre|se\s+déroul\w*|s['’]étend\w*|started|démarr[ée]\w*|lancée?|launched|began|"
    r"commenced|extended|prolongée?)\b[^.;,]{0,45})$")
_START_CUE = re.compile(
    r"(?i:\b(?:démarré|démarre|démarrera|débuté|débute|commencé|commence|commencera|lancée?|"
    r"started|starts|will\s+start|began|begun|begins|commenced|launched|kicked\s+off)"
    r"(?:\s+(?:officiellement|officially))?\s*(?:en|le|au|à|dans|in|on)?\s*(?:le\s+|the\s+)?)$")
_END_CUE = re.compile(
    r"(?i:(?:\bs['’](?:est\s+)?ach[eèé]v(?:é|ée|era|e|ait|ent)|\bachevée?|\bprendra\s+fin|"
    r"\ba\s+pris\s+fin|\bprend\s+fin|\bse\s+termin(?:e|era|ait)|\bs['’]est\s+terminée?|"
    r"\bterminée?|\bse\s+poursuivr(?:a|ait)\s+jusqu['’]|\bse\s+poursuit\s+jusqu['’]|"
    r"\bprolongée?\s+jusqu['’]|\bprolongée?\s+(?:à|au)|\bcourr?a\s+jusqu['’]|\bdurera\s+jusqu['’]|"
    r"\bended|\bends|\bwill\s+end|\bending|\bfinished|\bwill\s+finish|\bwas\s+completed|"
    r"\bconcluded|\bclosed|\b(?:will\s+)?runs?\s+until|\bran\s+until|\bextended\s+(?:until|to|till)"
    r"|\bcontinues?\s+until|\bwill\s+continue\s+until)"
    r"\s*(?:à|en|au|le|in|on|at)?\s*(?:la\s+fin\s+(?:de\s+|d['’])|the\s+end\s+of\s+)?(?:le\s+|the\s+)?)$")

# --- budgets --------------------------------------------------------------------------------
_BUDGET = re.compile(r"(?i:\bbudgets?\b|\bdotée?\s+d['’]un\s+)")
# Words of a sum over several projects, each phrase at its shortest (``cumul`` for ``cumulé``,
# ``cumulative``): a match ends where the phrase is first complete.
_AGGREGATE = re.compile(
    r"(?i:\bcumul|\bportefeuille|\bportfolio|\btotal\s+(?:des|of\s+(?:the\s+|all\s+)?)projet"
    r"|\bles\s+projets\b|\b(?:the|all)\s+projects\b|\bensemble\s+des\s+projets|"
    r"\bprojects\s+(?:represented|amounted)|\bplusieurs\s+projets)")
_AGGREGATE_ANYWHERE = re.compile(r"(?=(" + _AGGREGATE.pattern + "))")
_PROJECTS_WORD = re.compile(r"(?i:projets|projects)")
_BOUND = re.compile(r"(?i:(?:plus\s+de|moins\s+de|more\s+than|less\s+than|over|under|"
                    r"jusqu['’]à|up\s+to|au\s+moins|at\s+least|près\s+de|nearly|almost)\s*)$")
_CHANGE = re.compile(r"^\s*(?:à|a|au|to|jusqu['’]à)\s*$", re.IGNORECASE)

# --- CoE share ------------------------------------------------------------------------------
_COE = r"(?:CdE|CoE|Conseil\s+de\s+l['’]Europe|Council\s+of\s+Europe)"
_PCT = r"(?P<p>\d{1,3}(?:[.,]\d{1,2})?)\s*%"
_SHARES = (
    re.compile(r"\b" + _COE + r"\s*(?:[:(]\s*)?" + _PCT),
    re.compile(_PCT + r"\s*(?:\(\s*)?(?:du\s+|de\s+l['’]|by\s+the\s+|of\s+the\s+|from\s+the\s+)?"
               + _COE + r"\b"),
    # the rest of the word after "cofinanc" stops before another "cofinanc": from every one of a
    # long run of them, the search took quadratic time (the run's last one matches the same way)
    re.compile(r"(?i:co-?(?:financ|fund)(?:(?!co-?(?:financ|fund))\w)*)\s+"
               r"(?:à\s+(?:hauteur\s+de\s+)?|at\s+|\(\s*)?" + _PCT
               + r"\s*\)?\s+(?:par|by)\s+(?:le\s+|the\s+)?" + _COE),
)

# --- predecessors ---------------------------------------------------------------------------
# (only its end is used: "prolong…" is matched from the last "prolong" of a word, so that a long run
# of them is not read again from each one)
_SUCCESSOR = re.compile(
    r"(?i:projets?\s+(?:successeurs?|suivants?)|successor\s+project|followed\s+by|succeeded\s+by|"
    r"suivi\s+par|prolong(?:(?!prolong)\w)*\s+(?:à\s+travers|par|through|by))")
_SUCCESSOR_WORDS = ("successeur", "suivant", "successor", "followed", "succeeded", "suivi", "prolong")


class _Say:
    """States facts about the unit's subjects with the unit's line and sentence."""

    def __init__(self, reading: Reading, unit: Unit, *, line: int | None = None,
                 sentence: str | None = None) -> None:
        self.reading = reading
        self.unit = unit
        self.line = line if line is not None else unit.sentence.line
        self.sentence = sentence if sentence is not None else unit.sentence.text
        self._said: set[tuple[URIRef, URIRef, Node]] = set()

    def fact(self, predicate: URIRef, value: Node, subjects: list[URIRef] | None = None) -> None:
        for subject in subjects if subjects is not None else self.unit.subjects:
            if subject == value or (subject, predicate, value) in self._said:
                continue
            self._said.add((subject, predicate, value))
            self.reading.facts.fact(subject, predicate, value, line=self.line,
                                    sentence=self.sentence)

    def entries(self, predicate: URIRef, entries: list[Entry],
                subjects: list[URIRef] | None = None) -> None:
        for entry in entries:
            self.reading.facts.entity(entry.kind, entry.iri)
            self.fact(predicate, entry.iri, subjects)

    def listed(self, predicate: URIRef, listed: list[Listed], kinds: frozenset[str],
               subjects: list[URIRef] | None = None) -> None:
        """State every name of a list; a name nobody knows is kept as an unresolved node."""
        for item in listed:
            self.entries(predicate, item.entries, subjects)
            if item.unknown:
                if "organisation" in kinds:
                    node = self.reading.facts.unresolved("organisation", item.unknown,
                                                         line=self.line)
                    self.fact(predicate, node, subjects)
                else:  # a country has an ISO code: one the reference data lacks is only reported
                    self.warn(f"unknown country {item.unknown!r} (not in the reference data)")

    def warn(self, message: str) -> None:
        self.reading.facts.warn(self.line, message)


def read_unit(reading: Reading, view: DocumentView, unit: Unit) -> None:
    """Every project fact ``unit`` states about its subjects."""
    if not unit.subjects:
        return
    say = _Say(reading, unit)
    if unit.kind == "row":
        _read_row(reading, say, unit)
    elif unit.kind == "field":
        _read_field(reading, say, unit, unit.field_kind or "", unit.value)
        _read_predecessors(reading, say, unit)
    else:
        _read_durations(say, unit)
        _read_budgets(say, unit, unit.text)
        _read_joint(reading, say, unit.text, unit.lowered)
        _read_roles(reading, say, unit.text, unit.lowered)
        _read_countries(reading, view, say, unit)
        _read_predecessors(reading, say, unit)
    _read_share(say, unit.text)
    if unit.kind == "row":
        _read_regions(reading, say, unit.cells[0] if unit.cells else "", anywhere=True)
    else:
        _read_regions(reading, say, unit.text, anywhere=unit.kind in ("heading", "field"))
    _read_conventions(reading, say, unit.text)


# --- fields and rows --------------------------------------------------------------------------

def _read_field(reading: Reading, say: _Say, unit: Unit, kind: str, value: str) -> None:
    if kind == "duration":
        _read_duration_value(say, value)
    elif kind == "budget":
        _read_budget_value(say, value)
    elif kind == "share":
        _read_share(say, value)
    elif kind == "funders":
        _read_funders_value(reading, say, value)
    elif kind == "implementers":
        say.listed(CKG.implementedBy, read_list(reading.gazetteer, value, ORGS), ORGS)
    elif kind == "partners":
        _read_partner_list(reading, say, read_list(reading.gazetteer, value, ORGS))
    elif kind in ("beneficiary", "priority", "hub"):
        predicate = {"beneficiary": CKG.beneficiaryCountry, "priority": CKG.priorityCountry,
                     "hub": CKG.hubCountry}[kind]
        listed = read_list(reading.gazetteer, value, COUNTRIES)
        say.listed(predicate, listed, COUNTRIES)
        for item in split_items(value):
            for group in item.groups:
                say.listed(predicate, read_list(reading.gazetteer, group, COUNTRIES), COUNTRIES)
    if kind not in ("duration", "budget", "share"):
        _read_joint(reading, say, value, lowered(value))


def _read_row(reading: Reading, say: _Say, unit: Unit) -> None:
    for index, cell in enumerate(unit.cells):
        if index == 0 or not cell:
            continue
        kind = unit.columns[index] if index < len(unit.columns) else None
        if kind is None:
            if _looks_like_duration(cell):
                kind = "duration"
            elif find_amounts(cell):
                kind = "budget"
        if kind == "title":
            continue
        if kind is not None:
            _read_field(reading, say, unit, kind, cell)
            if kind == "budget":
                _read_share(say, cell)


def _looks_like_duration(cell: str) -> bool:
    ranges = find_ranges(cell)
    return bool(ranges) and not find_amounts(cell)


# --- durations --------------------------------------------------------------------------------

def _warn_invalid_dates(say: _Say, text: str) -> None:
    if find_invalid_dates is None:
        return
    for bad in find_invalid_dates(text):
        say.warn(f"not a date: {bad.text!r} ({bad.reason})")


def _read_duration_value(say: _Say, value: str) -> None:
    _warn_invalid_dates(say, value)
    ranges = find_ranges(value)
    full = [r for r in ranges if r.end is not None]
    if full:
        say.fact(CKG.startDate, full[0].start.literal())
        say.fact(CKG.endDate, full[0].end.literal())  # type: ignore[union-attr]
    elif len(ranges) >= 2:
        say.fact(CKG.startDate, ranges[0].start.literal())
        say.fact(CKG.endDate, ranges[1].start.literal())
    elif len(ranges) == 1 and re.search(r"(?i)\b(?:depuis|since|from|à\s+partir)\b", value):
        say.fact(CKG.startDate, ranges[0].start.literal())
    elif not ranges and re.search(r"\d", value) and not re.search(r"(?i)\b(?:mois|months?|ans?|"
                                                                   r"years?)\b", value):
        say.warn(f"duration {value.strip()!r} holds no date")


def _nearest_project(unit: Unit, position: int) -> list[URIRef]:
    before = [m for m in unit.mentions if m.stop <= position]
    if before:
        return [before[-1].iri]
    return unit.subjects


_ANY_DURATION = AnyWord(
    "durée duree duration last implement œuvre oeuvre déroul étend start démarr lancé launch began "
    "begun begin commen achev achèv termin finish complet conclu clos jusqu until till prolong "
    "extend continu poursui", r"(?i:\brun|\bran\b|fin\b|\bend)|\(\s*\d")


def _read_durations(say: _Say, unit: Unit) -> None:
    text = unit.text
    if not _ANY_DURATION.search(text, unit.lowered):
        return  # no word of a duration: no need to look for its dates
    ranges = find_ranges(text)
    if not ranges:
        return
    after_projects: set[int] | None = None  # found when first needed
    for found in ranges:
        before = text[max(0, found.begin - 80):found.begin]
        clause = re.split(r"[.;]\s", before)[-1]
        subjects = _nearest_project(unit, found.begin)
        if found.end is not None:
            if not _RANGE_CUE.search(clause):
                if after_projects is None:
                    after_projects = _right_after_projects(unit, text)
                if found.begin not in after_projects:
                    continue
            say.fact(CKG.startDate, found.start.literal(), subjects)
            say.fact(CKG.endDate, found.end.literal(), subjects)
            continue
        near = clause[-45:]
        if _START_CUE.search(near):
            say.fact(CKG.startDate, found.start.literal(), subjects)
        elif _END_CUE.search(near):
            say.fact(CKG.endDate, found.start.literal(), subjects)


_BRACKET_AFTER_PROJECT = re.compile(
    r"\s*(?:[»\"”]\s*)?(?:(?i:projet|project|programme)\s*)?(?P<open>\()\s*")


def _right_after_projects(unit: Unit, text: str) -> set[int]:
    """Where a date would stand right after a project's name: ``GLACY+ (2016-2020)``, ``the
    CyberNorth project (2021–2024)`` (from the bracket to the end of the spaces after it), found
    once for all the dates of the text instead of once for each date and each name."""
    found: set[int] = set()
    for mention in unit.mentions:
        bracket = _BRACKET_AFTER_PROJECT.match(text, mention.stop)
        if bracket is not None and bracket.end("open") not in found:
            found.update(range(bracket.end("open"), bracket.end() + 1))
    return found


# --- budgets ----------------------------------------------------------------------------------

def _current(amounts: list[AmountMatch], text: str) -> list[AmountMatch]:
    """Leave out the earlier value of a change ("passant de A à B", "from A to B")."""
    kept = []
    for amount, following in zip(amounts, amounts[1:] + [None]):
        if following is not None and _CHANGE.match(text[amount.stop:following.begin]):
            continue
        kept.append(amount)
    return kept


def _read_budget_value(say: _Say, value: str) -> None:
    amounts = _current(find_amounts(value), value)
    for amount in amounts:
        if amount.ok:
            say.fact(CKG.budgetEUR, Literal(amount.value, datatype=XSD.decimal))
            return
    bad = [a for a in amounts if not a.ok]
    if bad:
        say.warn(f"budget not read: {bad[0].reason}")
    elif re.search(r"\d|(?i:\beur|€|euro)", value):
        say.warn(f"budget not read: {value.strip()!r} is not an amount in euros")


class _Aggregates:
    """Whether a beginning of a text, ``text[:end]``, names a sum over several projects
    (``_AGGREGATE.search(text[:end])``), for one beginning after another without reading each.

    Such a beginning holds a phrase that the whole text holds and that ends by ``end`` (so from the
    first ``end`` at which one does, every longer beginning holds it), or one of the two phrases
    that must end a word (``les projets``, ``the projects``) cut right at ``end``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.first_end = min((m.end(1) for m in _AGGREGATE_ANYWHERE.finditer(text)), default=None)

    def before(self, end: int) -> bool:
        if self.first_end is not None and self.first_end <= end:
            return True
        text = self.text
        word = next((end - size for size in (7, 8) if end <= len(text)
                     and _PROJECTS_WORD.fullmatch(text, max(0, end - size), end)), None)
        if word is None:
            return False
        space = word  # the spaces between "les" (or "the", "all") and "projets" end here
        while space > 0 and text[space - 1].isspace():
            space -= 1
        return _AGGREGATE.fullmatch(text, max(0, space - 3), end) is not None


def _read_budgets(say: _Say, unit: Unit, text: str) -> None:
    if not holds_any(unit.lowered, ("budget", "doté")):
        return  # every cue of a budget holds one of these words
    cues = list(_BUDGET.finditer(text))
    if not cues:
        return
    amounts = find_amounts(text)  # in text order, never overlapping: their stops are in order too
    if not amounts:
        return
    begins = [a.begin for a in amounts]
    stops = [a.stop for a in amounts]
    full_stops = [m.start() for m in re.finditer(r"[.;]", text)]
    aggregates = _Aggregates(text)
    used: set[int] = set()
    for cue in cues:
        if aggregates.before(cue.end() + 40):
            continue
        # the amounts that start at most 80 characters after the cue, with no "." or ";" between
        next_stop = bisect.bisect_left(full_stops, cue.end())
        stop_at = full_stops[next_stop] if next_stop < len(full_stops) else len(text)
        after = amounts[bisect.bisect_left(begins, cue.end()):
                        bisect.bisect_right(begins, min(cue.end() + 80, stop_at))]
        before = [a for a in amounts[bisect.bisect_left(stops, cue.start() - 12):
                                     bisect.bisect_right(stops, cue.start())]
                  if re.fullmatch(r"\s*(?i:total\s+)?", text[a.stop:cue.start()])]
        candidates = _current(after, text) if after else before
        for amount in candidates:
            if amount.begin in used or _BOUND.search(text[max(0, amount.begin - 20):amount.begin]):
                continue
            used.add(amount.begin)
            subjects = _nearest_project(unit, cue.start())
            if amount.ok:
                say.fact(CKG.budgetEUR, Literal(amount.value, datatype=XSD.decimal), subjects)
            else:
                say.warn(f"budget not read: {amount.reason}")
            break


# --- CoE share --------------------------------------------------------------------------------

def _read_share(say: _Say, text: str) -> None:
    from decimal import Decimal

    from cyberkg.loaders.amounts import parse_number

    if "%" not in text:
        return  # every way of writing a share ends with a percent sign
    for pattern in _SHARES:
        match = pattern.search(text)
        if match:
            number = parse_number(match.group("p"), scaled=True)
            if number.value is not None and 0 < number.value <= 100:
                share = number.value / Decimal(100)
                say.fact(CKG.coeShare, Literal(Decimal(format(share.normalize(), "f")),
                                               datatype=XSD.decimal))
            return


# --- funders, implementers, partners ------------------------------------------------------------

def _read_joint(reading: Reading, say: _Say, text: str, low: str) -> None:
    """A joint project ("projet conjoint UE/CdE", "joint EU/CoE project") is funded by both
    (``low``: the text :func:`lowered`)."""
    if "joint" not in low:
        return  # "joint", "conjoint": in every way of saying it
    for match in _JOINT.finditer(text):
        say.listed(CKG.fundedBy, [l for l in read_list(reading.gazetteer, text[match.end():], ORGS)
                                  if l.entries], ORGS)
    for match in _JOINT_BEFORE.finditer(text):
        listed = match.group("list") or match.group("list2")
        say.listed(CKG.fundedBy, [l for l in read_list(reading.gazetteer, listed, ORGS)
                                  if l.entries], ORGS)


def _read_funders_value(reading: Reading, say: _Say, value: str) -> None:
    if "joint" in lowered(value) and (_JOINT.search(value) or _JOINT_BEFORE.search(value)):
        return  # read by _read_joint
    voluntary = _VOLUNTARY.search(value)
    if voluntary:
        _read_voluntary(reading, say, value, voluntary.end())
        return
    listed = read_list(reading.gazetteer, value, ORGS)
    say.listed(CKG.fundedBy, listed, ORGS)


def _read_voluntary(reading: Reading, say: _Say, text: str, start: int) -> None:
    """``Contributions volontaires (Estonie, …, Microsoft)``: the contributors are the funders."""
    rest = text[start:]
    if rest.startswith("("):
        depth, end = 0, len(rest)
        for i, char in enumerate(rest):
            depth += (char == "(") - (char == ")")
            if depth == 0:
                end = i
                break
        say.listed(CKG.fundedBy, read_list(reading.gazetteer, rest[1:end], ORGS), ORGS)
    else:
        say.listed(CKG.fundedBy, read_list(reading.gazetteer, rest, ORGS), ORGS)


_ANY_ROLE = AnyWord("financ fund contribu donat donor bailleur œuvre oeuvre implement carried "
                    "managed deliver execut partenai partner", r"(?i:\brun\b)")


def _stops(matches: list[tuple[re.Match[str], Cue]], length: int) -> list[int]:
    """Where the list after each cue (in text order) must end: where the next cue begins, or at
    the end of the text. No list runs through another cue, and each cue reads only its own
    stretch of the sentence, not the rest of it each time (linear in the sentence's length)."""
    starts = [match.start() for match, _ in matches]
    stops = []
    for match, _ in matches:
        following = bisect.bisect_left(starts, match.end())
        stops.append(starts[following] if following < len(starts) else length)
    return stops


def _read_roles(reading: Reading, say: _Say, text: str, low: str) -> None:
    if not _ANY_ROLE.search(text, low):
        return
    previous_end = 0
    matches = sorted(((m, cue) for cue in ROLE_CUES for m in cue.finditer(text, low)),
                     key=lambda pair: pair[0].start())
    stops = _stops(matches, len(text))
    for (match, cue), stop in zip(matches, stops, strict=True):
        if cue.backward:
            listed = read_list(reading.gazetteer, text[previous_end:match.start()], cue.kinds,
                               backward=True)
            along = _ALONG.match(text, match.end())
            if along:  # "… were partners of the project, together with the PILON"
                listed += read_list(reading.gazetteer, text[along.end():stop], cue.kinds)
        else:
            listed = read_list(reading.gazetteer, text[match.end():stop], cue.kinds)
            if not listed and cue.predicate == CKG.fundedBy:
                voluntary = _VOLUNTARY.search(text, match.start())
                if voluntary and voluntary.start() - match.end() < 20:
                    _read_voluntary(reading, say, text, voluntary.end())
        if cue.predicate == CKG.partner:
            _read_partner_list(reading, say, listed)
        else:
            say.listed(cue.predicate, listed, cue.kinds)
        previous_end = max(previous_end, match.end())


def _read_partner_list(reading: Reading, say: _Say, listed: list[Listed]) -> None:
    """Partners, and the agencies a partner state is named with (``la Roumanie (DIICOT, …)``)."""
    say.listed(CKG.partner, listed, ORGS)
    for item in listed:
        country = next((e for e in item.entries if e.kind == "country"), None)
        for group in item.item.groups:
            if country is None:
                whole = reading.gazetteer.resolve(group, kinds={"organisation"})
                if whole is not None:
                    say.entries(CKG.partner, [whole])
                continue
            for agency in split_items(group):
                _read_agency(reading, say, agency.text, agency.groups, item.item.text)


def _read_agency(reading: Reading, say: _Say, agency: str, groups: tuple[str, ...],
                 country: str) -> None:
    entry = resolve_agency(reading.gazetteer, agency, country)
    if entry is None:
        entry = next((e for e in (reading.gazetteer.resolve(g, kinds={"organisation"})
                                  for g in groups) if e is not None), None)
    if entry is not None:
        say.entries(CKG.partner, [entry])
        return
    cleaned = agency.strip(" .;:")
    if cleaned and len(cleaned.split()) <= 8 and cleaned[:1].isalpha():
        place = re.sub(r"^(?:(?:la|le|les|l['’]|the)\s*)", "", country).strip()
        node = reading.facts.unresolved("organisation", f"{cleaned} ({place})", line=say.line)
        say.fact(CKG.partner, node)


# --- countries and regions ----------------------------------------------------------------------

def _read_countries(reading: Reading, view: DocumentView, say: _Say, unit: Unit) -> None:
    text = unit.text
    previous_end = 0
    matches = sorted(((m, cue) for cue in COUNTRY_CUES for m in cue.finditer(text, unit.lowered)),
                     key=lambda pair: pair[0].start())
    for (match, cue), stop in zip(matches, _stops(matches, len(text)), strict=True):
        if cue.backward:
            listed = read_list(reading.gazetteer, text[previous_end:match.start()], cue.kinds,
                               backward=True)
        else:
            listed = read_list(reading.gazetteer, text[match.end():stop], cue.kinds)
            if not listed:
                listed = _first_group_list(reading, text, match.end())
        if not listed and cue.predicate == CKG.hubCountry:
            _read_next_sentence_list(reading, view, say, unit, cue)
        say.listed(cue.predicate, listed, cue.kinds)
        previous_end = max(previous_end, match.end())
    for mention in find_all(reading.gazetteer, text):
        if mention.entry.kind != "region":
            continue
        if _OPENING_BRACKET.match(text, mention.end):
            listed = _first_group_list(reading, text, mention.end, reach=3)
            say.listed(CKG.beneficiaryCountry, listed, COUNTRIES)


_OPENING_BRACKET = re.compile(r"\s*\(")


def _first_group_list(reading: Reading, text: str, start: int, reach: int = 120) -> list[Listed]:
    """The countries listed in the first brackets after ``start`` ("(comme le Ghana, …)")."""
    span = first_bracketed(text, start, reach)
    return read_list(reading.gazetteer, text[span[0]:span[1]], COUNTRIES) if span else []


def _read_next_sentence_list(reading: Reading, view: DocumentView, say: _Say, unit: Unit,
                             cue: Cue) -> None:
    """"… servent de pôles régionaux. Il s'agit du Chili, du Ghana, …": the list is the next one."""
    following = unit.index + 1
    if following >= len(view.units):
        return
    nxt = view.units[following]
    if nxt.kind not in ("plain",) or not _NEXT_LIST.match(nxt.text):
        return
    listed = read_list(reading.gazetteer, nxt.text, cue.kinds)
    if listed:
        other = _Say(reading, unit, line=nxt.sentence.line,
                     sentence=f"{unit.sentence.text} {nxt.sentence.text}")
        other.listed(cue.predicate, listed, cue.kinds)


_COVERAGE = re.compile(
    r"(?i:(?:\bpays\b|\brégions?\b|\bregions?\b|\bcountries\b|\bcouvr\w+|\bcover\w*|"
    r"\bdéployée?s?\b|\bdeployed\b|\bbénéficiaires?\b|\bbeneficiar\w+|\bparticipants?\b|"
    r"\bparticipating\b|\bthroughout\b|\bacross\b)[^.;]{0,25})$")


def _read_regions(reading: Reading, say: _Say, text: str, *, anywhere: bool = False) -> None:
    """Regions the project serves: named after a word of coverage ("pays du Partenariat oriental",
    "région du voisinage du Sud", "countries of …"), or anywhere in a title, heading or field."""
    # a project's title may hold a region ("… en Europe du Sud-Est et en Turquie"): in a title
    # cell, regions are looked up among countries and organisations only
    mentions = (reading.gazetteer.find(text, kinds={"region", "country", "organisation"})
                if anywhere else find_all(reading.gazetteer, text))
    for mention in mentions:
        if mention.entry.kind != "region":
            continue
        if anywhere or _COVERAGE.search(text[max(0, mention.start - 60):mention.start]):
            say.entries(CKG.region, [mention.entry])


# --- conventions ------------------------------------------------------------------------------

def _read_conventions(reading: Reading, say: _Say, text: str) -> None:
    for mention in find_conventions(reading.gazetteer, text):
        if mention.iri is None:  # a treaty number the reference data lacks: reported, not guessed
            say.warn(f"unknown convention {mention.surface!r} (not in the reference data)")
            continue
        reading.facts.entity("convention", mention.iri)
        say.fact(CKG.relatedConvention, mention.iri)


# --- predecessors -----------------------------------------------------------------------------

def _read_predecessors(reading: Reading, say: _Say, unit: Unit) -> None:
    for mention in unit.predecessors:
        for subject in unit.subjects:
            if subject != mention.iri:
                say.fact(CKG.precededBy, mention.iri, [subject])
    if not holds_any(unit.lowered, _SUCCESSOR_WORDS):
        return
    for cue in _SUCCESSOR.finditer(unit.text):
        following: ProjectMention | None = next(
            (m for m in unit.mentions if m.begin >= cue.end() and m.begin - cue.end() <= 60
             and not re.search(r"[.;]", unit.text[cue.end():m.begin])), None)
        if following is None:
            continue
        for subject in unit.subjects:
            if subject != following.iri:
                say.fact(CKG.precededBy, subject, [following.iri])
