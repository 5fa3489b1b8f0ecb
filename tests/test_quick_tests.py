"""The quick tests that let the loaders skip a sentence say no only where the slow way says no.

A loader looks for a cue's words in the sentence's lower-case form before it searches the cue's
pattern, or looks at the ends of a piece before it removes connecting words from them. Each quick
test must give, for every text, the answer of the search it stands for (or, for a hint, never
miss a match): the tests below check that on generated texts, tricky letters included (``İ``,
dotless ``ı``, long ``ſ``, the Kelvin sign, decomposed accents).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from cyberkg.loaders import activity_rows, activity_types, project_context, project_facts, statuses
from cyberkg.loaders.project_context import holds_any, lowered
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

QUICK = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: Texts made from a cue's pattern are slow to make: fewer of them.
FROM_PATTERN = settings(QUICK, max_examples=25)

#: Words of the cues and what a text may hold around them, tricky letters included.
PIECES = ["financé par ", "FINANCÉ PAR ", "Funded by ", "run ", "RUN", "ran", "fin", "end", "Fin.",
          "(", "( 2", "durée", "DUREE", "İmplemented", "ımplemented", "ſponsored", "partenaires",
          "PARTNERS", "participent", "prioritaires", "Pôles", "hub", "budget", "Doté", "joint",
          "CONJOINT", "successeur", "ſuivi", "prolongé", "Kelvin", "e\u0301", "É", "œuvre", "ŒUVRE",
          "a", "s", "i", "I", " ", ", ", ".", "\n", "é", "ß", "ﬁ", "Ω", "sont devenus Parties",
          "a adhéré", "ADHÉRÉ", "ratifié", "invités à adhérer", "signé", "signed", "became a Party"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=12).map("".join)


@QUICK
@given(texts, st.sampled_from(["financ", "run", "durée", "implemented", "sponsored", "suivi",
                               "œuvre", "partner", "adhér", "k", "é", "s", "i"]))
def test_a_lowered_text_holds_a_word_where_a_case_insensitive_search_finds_it(text: str,
                                                                              word: str) -> None:
    found = re.search(re.escape(word), text, re.IGNORECASE) is not None
    assert holds_any(lowered(text), (word,)) is found


CUES = [*project_facts.ROLE_CUES, *project_facts.COUNTRY_CUES]


@pytest.mark.parametrize("cue", CUES, ids=[c.pattern.pattern[:40] for c in CUES])
@FROM_PATTERN
@given(data=st.data())
def test_every_match_of_a_cue_holds_a_word_of_its_hint(cue: project_facts.Cue,
                                                       data: st.DataObject) -> None:
    text = data.draw(st.from_regex(cue.pattern))
    for match in cue.pattern.finditer(text):
        assert holds_any(lowered(match.group()), cue.hint), match.group()
    assert [m.span() for m in cue.finditer(text, lowered(text))] == [
        m.span() for m in cue.pattern.finditer(text)]


@pytest.mark.parametrize("index", range(len(statuses._CUES)))
@FROM_PATTERN
@given(data=st.data())
def test_every_match_of_a_status_cue_holds_a_word_of_its_hint(index: int,
                                                              data: st.DataObject) -> None:
    pattern, _, words = statuses._CUES[index]
    for match in pattern.finditer(data.draw(st.from_regex(pattern))):
        assert any(word in match.group() for word in words), match.group()


#: The patterns the word tests replaced, as they were written.
REPLACED = {
    "duration": (project_facts._ANY_DURATION, re.compile(
        r"(?i:dur[ée]e|duration|last|\brun|\bran\b|implement|œuvre|oeuvre|déroul|étend|start|"
        r"démarr|lancé|launch|began|begun|begin|commen|achev|achèv|termin|fin\b|finish|complet|"
        r"conclu|clos|jusqu|until|till|prolong|extend|continu|poursui|\bend)|\(\s*\d")),
    "role": (project_facts._ANY_ROLE, re.compile(
        r"(?i:financ|fund|contribu|donat|donor|bailleur|œuvre|oeuvre|implement|carried|\brun\b|"
        r"managed|deliver|execut|partenai|partner)")),
}


@pytest.mark.parametrize("name", sorted(REPLACED))
@QUICK
@given(text=texts)
def test_a_word_test_answers_as_the_pattern_it_replaced(name: str, text: str) -> None:
    quick, pattern = REPLACED[name]
    assert quick.search(text, lowered(text)) is (pattern.search(text) is not None)


@QUICK
@given(text=texts)
def test_the_status_and_predecessor_word_lists_answer_as_their_patterns(text: str) -> None:
    status = re.compile(r"(?i:parti|adh[ée]r|ratifi|invit|sign|acced|becam|becom|instrument)")
    assert holds_any(lowered(text), statuses._ANY_CUE) is (status.search(text) is not None)
    predecessor = re.compile(r"(?i:antérieur|précédent|previous|prior|predecessor|expérience|"
                             r"buil|appu|suite|follow|success|continu|prolong|extension|phase)")
    assert holds_any(lowered(text), project_context._ANY_PREDECESSOR) is (
        predecessor.search(text) is not None)


PRESENTING = [(project_context._AFTER_WORD, project_context._PROJECT_WORDS),
              (project_context._BEFORE_WORD, project_context._ENGLISH_PROJECT_WORDS),
              (project_context._WEAK_NAME, project_context._PROJECT_WORDS),
              (project_context._TITLE_CUE, project_context._PROJECT_WORDS)]


@pytest.mark.parametrize(("pattern", "words"), PRESENTING)
@FROM_PATTERN
@given(data=st.data())
def test_every_pattern_that_presents_a_project_holds_a_project_word(
        pattern: re.Pattern[str], words: tuple[str, ...], data: st.DataObject) -> None:
    for match in pattern.finditer(data.draw(st.from_regex(pattern))):
        assert holds_any(lowered(match.group()), words), match.group()


# -- activity rows ------------------------------------------------------------------------------

def _segments_char_by_char(text: str) -> list[tuple[int, int]]:
    pieces, depth, quoted, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in "\"«»“”":
            quoted = not quoted if char == "\"" else char in "«“"
        elif char == "," and depth == 0 and not quoted:
            if text[index - 1:index].isdigit() and text[index + 1:index + 2].isdigit():
                continue
            pieces.append((start, index))
            start = index + 1
    pieces.append((start, len(text)))
    return pieces


ROW_PIECES = ["Accra", ", ", ",", "3,5", "(", ")", "[", "]", "{", "}", "\"", "«", "»", "“", "”",
              " et ", "and ", " du", "from ", " le", " on", "à ", "UNTIL ", " ON", " & ", "\t", "Ω"]
row_texts = st.lists(st.sampled_from(ROW_PIECES) | st.text(max_size=2), max_size=14).map("".join)


@QUICK
@given(row_texts)
def test_segments_are_those_read_character_by_character(text: str) -> None:
    assert activity_rows.segments(text) == _segments_char_by_char(text)


@QUICK
@given(row_texts)
def test_connecting_words_are_removed_as_by_the_pattern_alone(text: str) -> None:
    expected = " ".join(text.split()).strip(activity_rows._TRIM + " ")
    previous = None
    while previous != expected:
        previous = expected
        expected = activity_rows._CONNECTORS.sub("", expected).strip(activity_rows._TRIM + " ")
    assert activity_rows._without(text, 0, len(text), []) == expected


@QUICK
@given(st.lists(st.sampled_from(["Atelier", " d'Évaluation", "ÉTUDE", "e\u0301", "ﬁ", "ß", "İ",
                                 "Workshop", "-", " "]) | st.text(max_size=3), max_size=8)
       .map("".join))
def test_title_words_are_folded_as_accents_dropped_one_by_one(title: str) -> None:
    folded = "".join(c for c in unicodedata.normalize("NFKD", title.casefold())
                     if not unicodedata.combining(c))
    assert activity_types.words(title) == tuple(re.findall(r"[^\W_]+", folded))
