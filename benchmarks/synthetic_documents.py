"""Synthetic CoE-style documents in the shapes of the bundled corpus, for the build benchmark.

Project pages (French and English) and activity annexes, with real country and city names, made-up
project acronyms and dates, so that the loaders do their full work on every document.

    python benchmarks/synthetic_documents.py DIR COUNT [--seed N]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

COUNTRIES_FR = [("Albanie", "Tirana"), ("Serbie", "Belgrade"), ("Ghana", "Accra"),
                ("Sénégal", "Dakar"), ("Philippines", "Manille"), ("Maroc", "Rabat"),
                ("Géorgie", "Tbilissi"), ("Ukraine", "Kyiv"), ("Arménie", "Erevan"),
                ("Sri Lanka", "Colombo"), ("Tonga", "Nuku'alofa"), ("Chili", "Santiago"),
                ("Nigéria", "Abuja"), ("Turquie", "Ankara"), ("Monténégro", "Podgorica")]
COUNTRIES_EN = [("Albania", "Tirana"), ("Serbia", "Belgrade"), ("Ghana", "Accra"),
                ("Senegal", "Dakar"), ("Philippines", "Manila"), ("Morocco", "Rabat"),
                ("Georgia", "Tbilisi"), ("Ukraine", "Kyiv"), ("Armenia", "Yerevan"),
                ("Sri Lanka", "Colombo"), ("Tonga", "Nuku'alofa"), ("Chile", "Santiago"),
                ("Nigeria", "Abuja"), ("Turkey", "Ankara"), ("Montenegro", "Podgorica")]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
TITLES_FR = ["Atelier sur la preuve électronique", "Formation des formateurs sur la cybercriminalité",
             "Mission de conseil sur la législation", "Visite d'étude", "Réunion du comité de pilotage",
             "Conférence régionale sur la coopération internationale"]
TITLES_EN = ["Workshop on electronic evidence", "Training of trainers on cybercrime",
             "Advisory mission on legislation", "Study visit", "Steering Committee meeting",
             "Regional conference on international cooperation"]


def project_page_fr(rng: random.Random, acronym: str) -> str:
    start, months = rng.randint(2010, 2024), rng.randint(12, 48)
    end = start + months // 12
    countries = rng.sample(COUNTRIES_FR, 4)
    names = ", ".join(f"la {c}" if c[-1] == "e" else f"le {c}" for c, _ in countries[:-1])
    return (
        f"{acronym} - Coopération internationale contre la cybercriminalité - est un projet conjoint "
        f"de l'Union européenne et du Conseil de l'Europe.\n"
        f"Durée : 1er {rng.choice(MONTHS_FR)} {start} - 31 {rng.choice(MONTHS_FR[:-1])} {end}\n"
        f"Budget : {rng.randint(1, 9)},{rng.randint(10, 99)} millions d'euros\n"
        f"Pays participants : {names} et {countries[-1][0]}\n\n"
        f"Le projet {acronym} est mis en œuvre par le C-PROC et INTERPOL. Il s'appuie sur les "
        f"conventions STE 185 et 198.\n"
    )


def project_page_en(rng: random.Random, acronym: str) -> str:
    start = rng.randint(2010, 2024)
    countries = rng.sample(COUNTRIES_EN, 4)
    return (
        f"{acronym} - Joint project of the European Union and the Council of Europe\n"
        f"Duration: {rng.choice(MONTHS_EN)} {start} – {rng.choice(MONTHS_EN)} {start + 3}\n"
        f"Budget: EUR {rng.randint(1, 9)}.{rng.randint(1, 9)} million\n"
        f"Priority countries: {', '.join(c for c, _ in countries[:-1])} and {countries[-1][0]}\n\n"
        f"The {acronym} project is implemented by C-PROC in partnership with INTERPOL and EUROPOL. "
        f"It supports the implementation of the Budapest Convention (ETS 185).\n"
    )


def annex_fr(rng: random.Random, acronyms: list[str], rows: int) -> str:
    year = rng.randint(2014, 2024)
    lines = ["Annexe : Inventaire des activités", ""]
    for month in range(12):
        lines += [f"{MONTHS_FR[month]} {year}", ""]
        for _ in range(max(1, rows // 12)):
            country, city = rng.choice(COUNTRIES_FR)
            day = rng.randint(1, 25)
            tags = ", ".join(rng.sample(acronyms, rng.randint(1, 2)))
            lines.append(f"{tags}\t{rng.choice(TITLES_FR)}, {city}, {country}, "
                         f"{day}-{day + rng.randint(1, 3)} {MONTHS_FR[month]} {year}")
        lines.append("")
    return "\n".join(lines) + "\n"


def annex_en(rng: random.Random, acronyms: list[str], rows: int) -> str:
    year = rng.randint(2014, 2024)
    lines = ["Annex: activities supported", ""]
    for _ in range(rows):
        country, city = rng.choice(COUNTRIES_EN)
        month, day = rng.randrange(12), rng.randint(1, 25)
        tags = ", ".join(rng.sample(acronyms, rng.randint(1, 2)))
        lines.append(f"{tags}\t{rng.choice(TITLES_EN)}, {city}, {country}, "
                     f"{day}-{day + rng.randint(1, 3)} {MONTHS_EN[month]} {year}")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    """``count`` documents in ``folder``: a quarter of each shape and language."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    acronyms = [f"CYBER{chr(65 + i % 26)}{i // 26 or ''}" for i in range(max(4, count // 4))]
    written = []
    for i in range(count):
        kind = i % 4
        acronym = acronyms[i % len(acronyms)]
        if kind == 0:
            text = project_page_fr(rng, acronym)
        elif kind == 1:
            text = project_page_en(rng, acronym)
        elif kind == 2:
            text = annex_fr(rng, rng.sample(acronyms, min(4, len(acronyms))), 24)
        else:
            text = annex_en(rng, rng.sample(acronyms, min(4, len(acronyms))), 24)
        path = folder / f"doc{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
