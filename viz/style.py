"""How each class looks (colour, shape, marker) and the words of the pages, in English and French.

Colours are the Okabe–Ito palette, which colour-blind readers tell apart; every class also has its
own shape, so the legend reads in black and white too.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class ClassStyle:
    kind: str  # the class's local name: "Project"
    colour: str
    shape: str  # vis-network shape (label outside the shape, so size means something)
    marker: str  # matplotlib marker of the same shape
    english: str
    french: str

    def name(self, lang: str) -> str:
        return self.french if lang == "fr" else self.english


STYLES: dict[str, ClassStyle] = {style.kind: style for style in (
    ClassStyle("Project", "#E69F00", "diamond", "D", "Project", "Projet"),
    ClassStyle("Activity", "#56B4E9", "dot", "o", "Activity", "Activité"),
    ClassStyle("Country", "#009E73", "square", "s", "Country", "Pays"),
    ClassStyle("Organisation", "#D55E00", "triangle", "^", "Organisation", "Organisation"),
    ClassStyle("Convention", "#F0E442", "star", "*", "Convention", "Convention"),
    ClassStyle("Region", "#0072B2", "hexagon", "h", "Region", "Région"),
    ClassStyle("City", "#CC79A7", "triangleDown", "v", "City", "Ville"),
    ClassStyle("Document", "#999999", "dot", "p", "Document", "Document"),
)}
CLASS_ORDER = tuple(STYLES)
UNKNOWN = ClassStyle("Thing", "#BBBBBB", "dot", "o", "Other", "Autre")


def style_of(kind: str) -> ClassStyle:
    return STYLES.get(kind, UNKNOWN)


# Every word a page or a picture shows that does not come from the graph.
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "graph": "The cyberkg graph",
        "countries": "Countries linked by shared projects",
        "projects": "Projects linked by shared partners",
        "partners": "Organisations and the projects they take part in",
        "timeline": "Activities per project",
        "ego": "Around {name} (depth {depth})",
        "search": "Find a node",
        "search_button": "Find",
        "not_found": "No node named “{query}”.",
        "hidden": "“{label}” is hidden by the filters.",
        "all": "(all)",
        "years": "Years",
        "from": "from",
        "to": "to",
        "reset": "Reset filters",
        "legend": "Legend",
        "filters": "Filters",
        "shown": "{nodes} of {total} nodes, {edges} links shown",
        "sources": "Sources",
        "line": "line",
        "budget": "Budget",
        "coe_share": "CoE share",
        "start": "Start",
        "end": "End",
        "iso": "ISO code",
        "ets": "Treaty no.",
        "activity_type": "Type",
        "unresolved": "Name not in the reference data",
        "activities": "activities",
        "shared": "shared",
        "weight": "Weight",
        "links": "Links",
    },
    "fr": {
        "graph": "Le graphe cyberkg",
        "countries": "Pays reliés par des projets communs",
        "projects": "Projets reliés par des partenaires communs",
        "partners": "Organisations et projets auxquels elles participent",
        "timeline": "Activités par projet",
        "ego": "Autour de {name} (profondeur {depth})",
        "search": "Trouver un nœud",
        "search_button": "Trouver",
        "not_found": "Aucun nœud nommé « {query} ».",
        "hidden": "« {label} » est masqué par les filtres.",
        "all": "(tous)",
        "years": "Années",
        "from": "de",
        "to": "à",
        "reset": "Effacer les filtres",
        "legend": "Légende",
        "filters": "Filtres",
        "shown": "{nodes} nœuds sur {total}, {edges} liens affichés",
        "sources": "Sources",
        "line": "ligne",
        "budget": "Budget",
        "coe_share": "Part du CdE",
        "start": "Début",
        "end": "Fin",
        "iso": "Code ISO",
        "ets": "Traité n°",
        "activity_type": "Type",
        "unresolved": "Nom absent des données de référence",
        "activities": "activités",
        "shared": "en commun",
        "weight": "Poids",
        "links": "Liens",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    words = TEXT.get(lang, TEXT["en"])
    return words[key].format(**values) if values else words[key]
