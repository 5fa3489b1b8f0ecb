"""Project facts: names, durations, budgets, CoE share, funders, implementers, partners, countries,
regions, conventions, predecessors; and every organisation the document names.

:mod:`cyberkg.loaders.project_context` decides which project each sentence is about;
:mod:`cyberkg.loaders.project_facts` reads what the sentence says about it;
:mod:`cyberkg.loaders.organisations` records the organisations named anywhere.
"""

from __future__ import annotations

from cyberkg.loaders import lookup, organisations, project_context, project_facts
from cyberkg.loaders.reading import Reading


def read(reading: Reading) -> None:
    """Add the document's project and organisation facts to ``reading.facts``."""
    with lookup.reading_scope():
        view = project_context.build_view(reading)
        for unit in view.units:
            project_facts.read_unit(reading, view, unit)
        organisations.read(reading, view)
