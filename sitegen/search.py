"""The Pagefind search index of a built site (`site/pagefind/`), for any engine.

The theme marks what is indexed: overrides/main.html wraps each page's content in
`data-pagefind-body` with the page's `type` (front matter; `page` when unset) as result
metadata, so the emergency banner, navigation, header, footer and the search panel stay out
of results. Pagefind (sitegen.indexing) takes each page as it is read, and `finish_index` has it
write the index and writes `pagefind/page-types.json`, each indexed page's type by its Pagefind id,
which the search box filters and groups by. (Pagefind's own filter index would do, but it
lists filters in a different order on every run, and builds must be byte-identical.)

Pagefind has no typo tolerance, so `write_vocabulary` also writes `pagefind/vocabulary.json`:
every word Pagefind indexed (the text of its fragments, so what `data-pagefind-ignore` and the
excluded selectors keep out stays out) and every word of the data's `lay_terms`, with how often
it occurs. The search box corrects a query's unknown words to their nearest entry
(content/assets/spelling.js).

Weighted lay terms and the FAQ's question anchors are markup in the page templates
(sitegen/templates/), not here.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from sitegen.dataset import Dataset
from sitegen.editions import Edition
from sitegen.kinds import KINDS, SEARCH_TYPES, records
from sitegen.strings import SOURCE

MARK = b"data-pagefind-body"
"""The attribute overrides/main.html puts on each page's indexed region."""

EXCLUDE_SELECTORS = (
    ".headerlink",  # the pilcrow after each heading would fuse onto its last word
)

INDEX_CHUNK_SIZE = 1500
"""Word locations per chunk of Pagefind's index (its default: 20,000). A query fetches the chunk
holding each of its words: with the situation guides, the default chunks made a first query
202 KB gzip, these 115 KB (budget 120; tests/test_search.py). Pagefind 1.5 reads it from the
environment (`pagefind_environment`); a Pagefind without that setting builds the same index in
larger chunks."""


def pagefind_environment() -> dict[str, str]:
    """The environment Pagefind runs in: this one, with `INDEX_CHUNK_SIZE`."""
    return {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(INDEX_CHUNK_SIZE)}


BUNDLE = "pagefind"
"""The bundle's folder in the site; the search script finds it at `<site root>/pagefind/`."""

ENTRY = "pagefind-entry.json"
"""Pagefind's entry file: its version and, per language, the index's hash and page count."""

PAGE_TYPES = "page-types.json"
"""Beside Pagefind's files: `{"<Pagefind page id>": "<type>"}` for every indexed page."""

VOCABULARY = "vocabulary.json"
"""Beside Pagefind's files: `{"<word>": <occurrences>}`, sorted, for the search box's spelling;
English's. Another edition's is `vocabulary.<lang>.json` (`vocabulary_file`), from its own pages
and lay terms only, as Pagefind searches only the pages of the reader's `<html lang>`."""

SHORTEST_WORD = 3
"""Shorter words are left out: a query's words under 4 letters are never corrected, and one
letter's edit of a 4-letter word leaves at least 3."""

FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What a Pagefind 1.x fragment starts with, once un-gzipped; JSON follows."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)  # fmt: skip
"""Pagefind's ready-made UIs: the site's own (assets/search.js) uses only the search API."""


class SearchError(Exception):
    """The index could not be built, or does not hold what the pages marked."""


def is_marked(page: bytes) -> bool:
    """Whether a built page's content is marked for indexing."""
    return MARK in page


FRAGMENTS = "fragment"
"""The folder of Pagefind's fragments in its bundle: one per page, with its URL, text and metadata."""


def finish_index(
    site_dir: Path, write: Callable[[Path], Mapping[str, bytes]], editions: list[Edition], marked: int
) -> dict[str, str]:
    """Have Pagefind `write` the index of the pages it was given into `site_dir/pagefind/` (what
    sitegen.indexing `Indexer.ask_for_index` returns, which returns the files it wrote); write
    beside it each indexed page's type by its Pagefind id, and each edition's spelling
    vocabulary, from one reading of the fragments in memory. `marked`: how many pages the theme
    marked for search (`is_marked`), all of which must be in the index. Returns the page types."""
    folders = [f"/{e.lang}/" for e in editions if e.lang != SOURCE]
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # Pagefind adds to a bundle: a page deleted since would live on
    types, words = read_fragments(write(bundle), folders)
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    sort_entry(bundle)
    if not marked or len(types) < marked:
        raise SearchError(
            f"Pagefind indexed {len(types)} pages, but {marked} were marked for search "
            f"(overrides/main.html puts {MARK.decode()} on each page's content)"
        )
    (bundle / PAGE_TYPES).write_text(json.dumps(types, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    for edition in editions:
        write_vocabulary(bundle, edition.lang, vocabulary(words[edition.lang], lay_terms(edition.dataset)))
    return types


def sort_entry(bundle: Path) -> None:
    """Pagefind writes the entry file's languages in hash-map order, which differs from run to
    run; sorted, two builds of the same site are byte-identical (and so is the offline cache's
    version, which hashes every file)."""
    path = bundle / ENTRY
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def vocabulary_file(lang: str) -> str:
    """`vocabulary.json` for English, `vocabulary.es.json` for Spanish."""
    return VOCABULARY if lang == SOURCE else VOCABULARY.replace(".json", f".{lang}.json")


def edition_of(url: str, folders: list[str]) -> str:
    """The language of the edition a Pagefind result URL is a page of: the one whose folder
    (`/es/`, one of `folders`) it is in, else English."""
    return next((folder.strip("/") for folder in folders if url.startswith(folder)), SOURCE)


_LONG_ENOUGH = re.compile(rf"[^\W\d_]{{{SHORTEST_WORD},}}")
"""A word as the search box reads one (assets/ranking.js `WORD`), once its apostrophes are
dropped: letters only, since numbers are never corrected."""
_LONG_ENOUGH_ASCII = re.compile(rf"[a-z]{{{SHORTEST_WORD},}}")
"""The same in lower-case ASCII text, whose only letters are a-z: a range, twice as fast to
match as the Unicode letter class (most indexed text is ASCII)."""


def vocabulary_words(text: str) -> list[str]:
    """`text`'s words as the vocabulary holds them: lower case, apostrophes dropped ("gehrigs").

    Dropping the apostrophes first leaves each word's letters in one run, so one pattern finds
    the words long enough: half the cost of matching words with apostrophes and cleaning each."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return (_LONG_ENOUGH_ASCII if text.isascii() else _LONG_ENOUGH).findall(text)


def lay_terms(dataset: Dataset) -> list[str]:
    """Every record's lay terms, the words readers use, in data order."""
    return [term for kind in KINDS for r in records(dataset, kind) for term in getattr(r, "lay_terms", ())]


def vocabulary(indexed: Counter[str], terms: Iterable[str]) -> dict[str, int]:
    """Every word indexed on an edition's pages (`indexed`, `read_fragments`) and every word of
    its lay `terms`, with its occurrences, sorted by word."""
    counts = Counter(indexed)
    for term in terms:
        counts.update(vocabulary_words(term))
    return dict(sorted(counts.items()))


def write_vocabulary(bundle: Path, lang: str, words: dict[str, int]) -> None:
    """Write `lang`'s vocabulary (`vocabulary`) beside the index."""
    (bundle / vocabulary_file(lang)).write_text(json.dumps(words, separators=(",", ":")) + "\n", encoding="utf-8")


def read_fragments(
    files: Mapping[str, bytes], folders: list[str]
) -> tuple[dict[str, str], defaultdict[str, Counter[str]]]:
    """One reading of every fragment among Pagefind's `files` (by path in its bundle): each
    indexed page's type (its `type` metadata) by Pagefind's id for the page, and the words of the
    indexed text with their counts, by the language of the page's edition (`edition_of`;
    `folders`: the other editions', `/es/`)."""
    types: dict[str, str] = {}
    words: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for path, raw in sorted(files.items()):
        folder, _, name = path.rpartition("/")
        if folder != FRAGMENTS:
            continue
        page = page_of(raw, f"{BUNDLE}/{path}")
        url = page.get("url", "")
        page_type = page.get("meta", {}).get("type")
        if page_type not in SEARCH_TYPES:
            raise SearchError(f"{BUNDLE}/{path}: {url}: indexed without a search type")
        types[name.removesuffix(".pf_fragment")] = page_type
        words[edition_of(url, folders)].update(vocabulary_words(page.get("content", "")))
    return types, words


def page_of(raw: bytes, where: str) -> dict[str, Any]:
    """The page in a Pagefind fragment's bytes: its URL, indexed text (`content`), metadata;
    `where`: the fragment's path, for the error."""
    try:
        unpacked = gzip.decompress(raw)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise SearchError(f"{where}: a Pagefind fragment cut short or damaged ({error})") from None
    if not unpacked.startswith(FRAGMENT_SIGNATURE):
        raise SearchError(f"{where}: not a Pagefind fragment this reader knows (pagefind-bin changed?)")
    page: dict[str, Any] = json.loads(unpacked[len(FRAGMENT_SIGNATURE) :])
    return page
