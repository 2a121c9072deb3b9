"""sitegen/search.py: the spelling vocabulary, from Pagefind's fragments and the lay terms, and
the fragments read while Pagefind writes them."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from sitegen import offline, search
from sitegen.kinds import KINDS


def bundle_with(tmp_path: Path, *contents: str) -> Path:
    """A Pagefind bundle holding only fragments with these indexed texts."""
    fragments = tmp_path / "fragment"
    fragments.mkdir(parents=True)
    for number, content in enumerate(contents):
        page = {"url": f"/page-{number}/", "content": content, "meta": {"type": "guide"}}
        raw = search.FRAGMENT_SIGNATURE + json.dumps(page).encode()
        (fragments / f"en_{number:07x}.pf_fragment").write_bytes(gzip.compress(raw, mtime=0))
    return tmp_path


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


def test_the_vocabulary_counts_indexed_words_and_lay_terms_sorted(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, "Cramps at night. Night cramps.", "Drink water: cramps ease.")
    vocabulary = search.vocabulary(bundle, ["charley horse", "night cramps"])
    assert list(vocabulary) == sorted(vocabulary)
    assert vocabulary == {
        "charley": 1, "cramps": 4, "drink": 1, "ease": 1, "horse": 1, "night": 3, "water": 1,
    }  # fmt: skip


def test_the_vocabulary_file_is_the_same_bytes_whatever_order_the_fragments_were_written(tmp_path: Path) -> None:
    one = bundle_with(tmp_path / "one", "alpha beta", "gamma beta")
    two = bundle_with(tmp_path / "two", "gamma beta", "alpha beta")
    dataset = type("Data", (), {k: type("File", (), {k: ()})() for k in KINDS})()
    search.write_vocabulary(one, dataset)
    search.write_vocabulary(two, dataset)
    assert (one / search.VOCABULARY).read_bytes() == (two / search.VOCABULARY).read_bytes()
    assert json.loads((one / search.VOCABULARY).read_text(encoding="utf-8")) == {"alpha": 1, "beta": 2, "gamma": 1}


def test_the_entry_file_lists_languages_in_one_order_whatever_order_pagefind_wrote(tmp_path: Path) -> None:
    written = {"version": "1.5.2", "languages": {"es": {"page_count": 2}, "en": {"page_count": 2}}}
    (tmp_path / search.ENTRY).write_text(json.dumps(written), encoding="utf-8")
    search.sort_entry(tmp_path)
    entry = json.loads((tmp_path / search.ENTRY).read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en", "es"] and entry["version"] == "1.5.2"


def test_fragments_read_while_pagefind_writes_are_those_it_finished(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path / "pagefind", "alpha beta", "gamma", "delta")
    second, third = sorted((bundle / "fragment").iterdir())[1:]
    whole = second.read_bytes()
    second.write_bytes(whole[: len(whole) // 2])  # being written
    third.write_bytes(b"")  # just created
    fragments = search.Fragments(bundle, [], digest=offline.file_digest)
    fragments.read_new()
    assert len(fragments.pages) == 1
    second.write_bytes(whole)
    fragments.read_new()
    assert len(fragments.pages) == 2
    faq = {"url": "/3/", "content": "delta", "meta": {"type": "faq"}}
    third.write_bytes(gzip.compress(search.FRAGMENT_SIGNATURE + json.dumps(faq).encode()))
    types, words = fragments.finish()
    assert sorted(types.values()) == ["faq", "guide", "guide"]
    assert words["en"] == Counter(["alpha", "beta", "gamma", "delta"])
    assert fragments.digests == {
        f"pagefind/fragment/{f.name}": offline.file_digest(f.read_bytes()) for f in (bundle / "fragment").iterdir()
    }


def test_a_fragment_cut_short_once_pagefind_has_exited_fails_the_index(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path / "pagefind", "alpha beta")
    (fragment,) = (bundle / "fragment").iterdir()
    fragment.write_bytes(fragment.read_bytes()[:-4])
    fragments = search.Fragments(bundle, [])
    fragments.read_new()
    with pytest.raises(search.SearchError, match=f"{fragment}: a Pagefind fragment cut short"):
        fragments.finish()
