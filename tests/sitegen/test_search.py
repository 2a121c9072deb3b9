"""sitegen/search.py: the spelling vocabulary, from Pagefind's fragments and the lay terms, and
the page types, from one reading of the fragments Pagefind hands over."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from sitegen import search


def fragment(url: str, content: str, page_type: str = "guide") -> bytes:
    """A Pagefind fragment's bytes, for a page at `url` with this indexed text."""
    page = {"url": url, "content": content, "meta": {"type": page_type}}
    return gzip.compress(search.FRAGMENT_SIGNATURE + json.dumps(page).encode(), mtime=0)


def bundle_with(*contents: str) -> dict[str, bytes]:
    """Pagefind's files, as writing the index returns them, with fragments of these indexed texts."""
    fragments = {f"fragment/en_{n:07x}.pf_fragment": fragment(f"/page-{n}/", text) for n, text in enumerate(contents)}
    return {"pagefind-entry.json": b"{}", **fragments}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Leg cramps at night.", ["leg", "cramps", "night"]),
        ("Lou Gehrig's disease, Lou Gehrig\u2019s", ["lou", "gehrigs", "disease", "lou", "gehrigs"]),
        ("Vitamin D3, 400 IU, B12 and pins-and-needles", ["vitamin", "and", "pins", "and", "needles"]),
        ("MAGNESIUM Électrolyte", ["magnesium", "électrolyte"]),
    ],
)
def test_words_are_lower_case_letters_only_of_three_or_more(text: str, words: list[str]) -> None:
    assert search.vocabulary_words(text) == words


def indexed(files: dict[str, bytes], lang: str = "en") -> Counter[str]:
    return search.read_fragments(files, ["/es/"])[1][lang]


def test_the_vocabulary_counts_indexed_words_and_lay_terms_sorted() -> None:
    files = bundle_with("Cramps at night. Night cramps.", "Drink water: cramps ease.")
    vocabulary = search.vocabulary(indexed(files), ["charley horse", "night cramps"])
    assert list(vocabulary) == sorted(vocabulary)
    assert vocabulary == {
        "charley": 1, "cramps": 4, "drink": 1, "ease": 1, "horse": 1, "night": 3, "water": 1,
    }  # fmt: skip


def test_the_vocabulary_file_is_the_same_bytes_whatever_order_the_fragments_came_in(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for bundle, texts in ((one, ("alpha beta", "gamma beta")), (two, ("gamma beta", "alpha beta"))):
        bundle.mkdir()
        search.write_vocabulary(bundle, "en", search.vocabulary(indexed(bundle_with(*texts)), []))
    assert (one / search.VOCABULARY).read_bytes() == (two / search.VOCABULARY).read_bytes()
    assert json.loads((one / search.VOCABULARY).read_text(encoding="utf-8")) == {"alpha": 1, "beta": 2, "gamma": 1}


def test_each_edition_s_words_are_those_of_its_own_pages_and_each_page_s_type_is_by_its_id() -> None:
    files = {
        "fragment/en_0000001.pf_fragment": fragment("/causes/cramp/", "night cramps", "cause"),
        "fragment/es_0000002.pf_fragment": fragment("/es/causes/cramp/", "calambres nocturnos", "cause"),
        "fragment/en_0000003.pf_fragment": fragment("/faq/", "water", "faq"),
    }
    types, words = search.read_fragments(files, ["/es/"])
    assert types == {"en_0000001": "cause", "es_0000002": "cause", "en_0000003": "faq"}
    assert words == {"en": Counter(["night", "cramps", "water"]), "es": Counter(["calambres", "nocturnos"])}


def test_the_entry_file_lists_languages_in_one_order_whatever_order_pagefind_wrote(tmp_path: Path) -> None:
    written = {"version": "1.5.2", "languages": {"es": {"page_count": 2}, "en": {"page_count": 2}}}
    (tmp_path / search.ENTRY).write_text(json.dumps(written), encoding="utf-8")
    search.sort_entry(tmp_path)
    entry = json.loads((tmp_path / search.ENTRY).read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "es"] and entry["version"] == "1.5.2"


def test_a_damaged_fragment_or_one_without_a_search_type_fails_the_index_naming_it() -> None:
    files = bundle_with("alpha beta")
    ((name, raw),) = ((name, raw) for name, raw in files.items() if name.startswith("fragment/"))
    with pytest.raises(search.SearchError, match=f"pagefind/{name}: a Pagefind fragment cut short"):
        search.read_fragments({name: raw[:-4]}, [])
    with pytest.raises(search.SearchError, match=f"pagefind/{name}: /page-0/: indexed without a search type"):
        search.read_fragments({name: fragment("/page-0/", "alpha", "no-such-type")}, [])
