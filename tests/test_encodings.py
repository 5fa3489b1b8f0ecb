"""Text encodings: whatever a document was saved as, the loaders get the same clean text.

UTF-8 with or without a byte order mark, UTF-16 with one, Windows-1252 and Latin-1 (told apart
from UTF-8 by charset-normalizer), Unicode NFC, one kind of line break, no invisible characters.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cyberkg.loaders.formats import read_source
from cyberkg.loaders.text import clean, decode, decode_with_warnings
from cyberkg.ontology.errors import DocumentError

FRENCH = ("Le projet GLACY+ a été lancé à Bucarest en février 2017 ; l’équipe œuvre avec "
          "la Côte d’Ivoire, le Sénégal et la Géorgie – « coopération » à 100 %.\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_a_document_reads_the_same_in_every_common_encoding(encoding: str) -> None:
    assert decode(FRENCH.encode(encoding), "doc.txt") == FRENCH


def test_latin_1_text_is_read_as_windows_1252() -> None:
    text = "Réunion à Genève, décembre 2016\n"
    assert decode(text.encode("latin-1"), "doc.txt") == text


def test_windows_1252_quotes_and_euro_sign_are_not_taken_for_control_characters() -> None:
    data = "Budget : 3,5 millions € – l’UE finance « GLACY+ »\n".encode("cp1252")
    assert decode(data, "doc.txt") == "Budget : 3,5 millions € – l’UE finance « GLACY+ »\n"


def test_short_french_windows_1252_text_is_not_read_as_central_european() -> None:
    # charset-normalizer ranks cp1250 first for this line; both fit, and Western text wins.
    assert decode("Le projet a été lancé à Kyiv en février.".encode("cp1252"), "doc.txt") == \
        "Le projet a été lancé à Kyiv en février."


def test_cyrillic_windows_1251_text_is_read_as_cyrillic() -> None:
    text = "Проект GLACY+ в Україні та Молдові розпочато у лютому 2017 року в Києві та Кишиневі."
    assert decode(text.encode("cp1251"), "doc.txt") == text


def test_decomposed_accents_are_composed_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Sénégal, Côte d’Ivoire")
    assert decode(decomposed.encode("utf-8"), "doc.txt") == "Sénégal, Côte d’Ivoire"


def test_windows_and_old_mac_line_breaks_become_line_feeds() -> None:
    assert decode(b"one\r\ntwo\rthree\n", "doc.txt") == "one\ntwo\nthree\n"


def test_invisible_characters_are_removed_and_line_numbers_kept() -> None:
    text = "Ukr\u200baine\u200f, Gh\u00adana\u202e\n\x07Serbie\u2028Albanie\x0cMaroc\n"
    assert clean(text) == "Ukraine, Ghana\nSerbie Albanie Maroc\n"


def test_no_break_spaces_are_spaces_so_a_name_reads_the_same_in_every_format() -> None:
    assert clean("Delegation of the\u00a0European Union, 1\u202f500\u00a0000 €") == \
        "Delegation of the European Union, 1 500 000 €"


def test_a_few_invalid_bytes_in_utf_8_text_are_replaced_with_a_warning_on_their_line() -> None:
    data = "Réunion à Genève\nAtelier à Dakar \xff\n".encode("utf-8", errors="surrogateescape")
    data = data.replace(b"\xc3\xbf", b"\xff")
    text, warnings = decode_with_warnings(data, "doc.txt")
    assert text == "Réunion à Genève\nAtelier à Dakar \ufffd\n"
    assert warnings == [(2, "invalid UTF-8: 1 byte sequence(s) replaced by U+FFFD "
                            "(the first on line 2)")]


def test_a_stray_nul_byte_is_removed_with_a_warning_on_its_line() -> None:
    assert decode_with_warnings(b"Atelier, Accra\nCyber\x00South, Rabat\n", "doc.txt") == (
        "Atelier, Accra\nCyberSouth, Rabat\n", [(2, "1 NUL byte(s) removed")])


def test_text_that_is_all_legacy_bytes_is_not_read_as_broken_utf_8() -> None:
    assert decode("Réunion à Genève".encode("cp1252"), "doc.txt") == "Réunion à Genève"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the document is empty"),
    (b" \n\t\r\n", "the document is empty"),
    (b"\xef\xbb\xbf", "the document is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary content (a PNG image), not text"),
    (b"text\x00with\x00nul\x00bytes" * 20, "binary content, not text (NUL bytes)"),
    (bytes(range(1, 32)) * 50, "binary content, not text (control characters)"),
    (b"\xff\xfe" + b"\x00\xd8" * 3, "invalid UTF-16 text"),
])
def test_what_is_not_text_gets_one_clear_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        decode(data, "doc.txt")
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith("doc.txt: ")


def test_a_file_saved_in_windows_1252_builds_like_its_utf_8_twin(tmp_path: Path) -> None:
    (tmp_path / "utf8.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "legacy.txt").write_bytes(FRENCH.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(FRENCH.encode("utf-8-sig"))
    texts = {read_source(tmp_path / name).text for name in ("utf8.txt", "legacy.txt", "bom.txt")}
    assert texts == {FRENCH}


# The shortcuts of the text checks, against the definitions they replace.

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from cyberkg.loaders import text as text_module  # noqa: E402

any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=200) | st.lists(
    st.sampled_from(["le ", "the ", "Des ", "OF ", "été ", "\x00", "\x0b", "\x85", "\t", "\x7f"]),
    max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_control_characters_are_counted_as_unicode_category_cc_less_the_usual_spaces(
        text: str) -> None:
    by_definition = sum(1 for c in text
                        if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    assert len(text_module._CONTROL.findall(text)) == by_definition


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_common_words_are_counted_one_occurrence_at_a_time(text: str) -> None:
    words = [w.lower() for w in text_module._WORD.findall(text)]
    assert text_module._counts(text) == {"fr": sum(1 for w in words if w in text_module._FR),
                                         "en": sum(1 for w in words if w in text_module._EN)}
