"""What every loader gets: the document's text, its sentences, the gazetteer and the facts to fill."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import URIRef

from cyberkg.loaders.facts import DocumentFacts
from cyberkg.loaders.gazetteer import Gazetteer
from cyberkg.loaders.sentences import Sentence, sentences
from cyberkg.loaders.text import DocumentText


@dataclass
class Reading:
    """One document being read: the loaders share it and add facts to ``facts``."""

    doc: DocumentText
    gazetteer: Gazetteer
    facts: DocumentFacts
    projects: dict[str, URIRef] = field(default_factory=dict)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return list(sentences(self.doc.text))

    @property
    def language(self) -> str:
        return self.doc.language
