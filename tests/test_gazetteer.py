"""The gazetteer: names found in running text exactly as a plain reading of its rules finds them,
whatever the text; forks that keep documents apart; an index that survives its JSON cache."""

from __future__ import annotations

import re
import unicodedata

import pytest
from cyberkg.loaders.background import load_background
from cyberkg.loaders.gazetteer import _REMEMBERED_LENGTH, Entry, Gazetteer, _compact, tokens
from cyberkg.loaders.lists import fold
from cyberkg.ontology import entity_key, mint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_background()[1]


def plainly_found(gazetteer: Gazetteer, text: str,
                  kinds: frozenset[str] | None) -> list[tuple[Entry, int, int]]:
    """The rules of :meth:`Gazetteer.find`, read plainly: at each token, the longest key known
    whose first fitting entry the surface names; else the next token."""
    toks: list[tuple[str, int, int]] = []
    for match in re.finditer(r"[^\W_]+|[+@&]", text):
        toks += [(part, match.start(), match.end()) for part in entity_key(match.group()).split()]
    found = []
    i = 0
    while i < len(toks):
        for length in range(len(toks) - i, 0, -1):
            key = tuple(t[0] for t in toks[i:i + length])
            start, end = toks[i][1], toks[i + length - 1][2]
            fitting = [entry for entry, exact in gazetteer._names.get(key, [])
                       if (kinds is None or entry.kind in kinds)
                       and (exact is None or _compact(text[start:end]) == exact)]
            if fitting:
                found.append((fitting[0], start, end))
                i += length
                break
        else:
            i += 1
    return found


NAMES = ["GLACY+", "Bosnie-Herzégovine", "Convention de Budapest", "UE", "Cybercrime@EAP II",
         "Comité de la Convention sur la cybercriminalité", "Ghana", "Sri Lanka", "au", "un",
         "Conseil de l'Europe", "T-CY", "½", "e\u0301cole", "ﬁ"]
texts = st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=12),
                           st.sampled_from([" ", ", ", " et ", " la ", "-", "\n"])),
                 max_size=12).map("".join)


KINDS = [None, frozenset({"project"}), frozenset({"country", "organisation"})]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts, st.sampled_from(KINDS))
def test_names_are_found_as_the_plain_rules_find_them(gazetteer, text: str, kinds) -> None:
    found = [(m.entry, m.start, m.end) for m in gazetteer.find(text, kinds)]
    assert found == plainly_found(gazetteer, text, kinds)
    assert all(m.surface == text[m.start:m.end] for m in gazetteer.find(text, kinds))


def test_a_long_text_is_read_like_a_short_one(gazetteer) -> None:
    sentence = "Le projet GLACY+ couvre le Ghana et Sri Lanka. "
    long_text = sentence * (_REMEMBERED_LENGTH // len(sentence) + 2)
    short = gazetteer.find(sentence)
    found = gazetteer.find(long_text)
    assert len(found) == len(short) * (len(long_text) // len(sentence))
    assert [m.surface for m in found[:len(short)]] == [m.surface for m in short]


def test_a_token_folded_into_several_parts_keeps_its_offsets() -> None:
    assert list(tokens("½ Ghana")) == [("1", 0, 1), ("2", 0, 1), ("ghana", 2, 7)]
    assert list(tokens("Sénégal + UE")) == [("senegal", 0, 7), ("plus", 8, 9), ("ue", 10, 12)]
    assert list(tokens("")) == []


def test_a_fork_is_a_snapshot_that_keeps_what_it_learns(gazetteer) -> None:
    fork = gazetteer.fork()
    narnia = Entry(mint("project", "Narnia"), "project")
    fork.add("Narnia", narnia)
    assert fork.resolve("Narnia") == narnia
    assert gazetteer.resolve("Narnia") is None
    assert fork.resolve("GLACY+") == gazetteer.resolve("GLACY+")
    budapest = mint("convention", "ets-185")
    assert fork.label(budapest) == gazetteer.label(budapest) is not None


def test_a_name_added_to_a_known_key_keeps_the_earlier_entries(gazetteer) -> None:
    fork = gazetteer.fork()
    known = gazetteer.resolve("GLACY+")
    other = Entry(mint("organisation", "GLACY+"), "organisation")
    fork.add("GLACY+", other)
    assert fork.resolve("GLACY+") == known
    assert fork.resolve("GLACY+", kinds={"organisation"}) == other
    assert gazetteer.resolve("GLACY+", kinds={"organisation"}) is None


def test_the_json_cache_gives_back_the_same_gazetteer(gazetteer) -> None:
    again = Gazetteer.from_json(gazetteer.to_json())
    assert again.to_json() == gazetteer.to_json()
    text = "La Convention de Budapest, le Ghana, l'UE et le Conseil de l'Europe (GLACY+)."
    assert again.find(text) == gazetteer.find(text)


@given(st.text())
def test_folding_is_casefold_then_nfkd_without_combining_marks(text: str) -> None:
    expected = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                       if not unicodedata.combining(c))
    assert fold(text) == expected


def test_the_shipped_background_is_current() -> None:
    """`python -m cyberkg.loaders.background` rewrites it after the reference data changes."""
    from cyberkg.loaders.background import index_is_current

    assert index_is_current()


def test_a_stale_background_is_ignored(tmp_path, monkeypatch) -> None:
    import json

    from cyberkg.loaders import background

    stale = tmp_path / "background.json"
    stale.write_text(json.dumps({"fingerprint": "0" * 16, "graphs": {},
                                 "gazetteer": {"names": [], "labels": {}}}), encoding="utf-8")
    monkeypatch.setattr(background, "INDEX_FILE", stale)
    ready = background.background()
    assert set(ready.bodies) == {"<https://w3id.org/cyberkg/id/graph/ontology>",
                                 "<https://w3id.org/cyberkg/id/graph/reference>"}
    names = ready.gazetteer
    assert [m.surface for m in names.find("la Bosnie-Herzégovine et le Ghana")] == [
        "Bosnie-Herzégovine", "Ghana"]
