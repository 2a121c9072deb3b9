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
import threading
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

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


def marked_pages(site_dir: Path) -> list[Path]:
    """The built pages whose content the theme marked for indexing."""
    return [p for p in sorted(site_dir.rglob("*.html")) if BUNDLE not in p.parts and is_marked(p.read_bytes())]


class Index(NamedTuple):
    types: dict[str, str]
    """Each indexed page's type, by its Pagefind id."""
    digests: dict[str, str]
    """Each fragment's digest (`digest` of `finish_index`), by its site-root-relative path."""


FOLLOW_SECONDS = 0.05
"""How often `finish_index` looks for the fragments Pagefind has written, while it runs."""


def finish_index(
    site_dir: Path,
    write: Callable[[Path], None],
    editions: object = None,
    *,
    marked: int | None = None,
    digest: Callable[[bytes], str] | None = None,
) -> Index:
    """Have Pagefind `write` the index of the pages it was given into `site_dir/pagefind/`
    (sitegen.indexing `Indexer.write`); write each indexed page's type by its Pagefind id beside it.

    With `editions` (sitegen.editions, or one dataset: English alone), each edition's spelling
    vocabulary is written beside it too (`write_vocabulary`), from the same one reading of the
    fragments, which are read as Pagefind writes them (`Fragments`), and hashed with `digest`
    if given. `marked` is how many pages the theme marked for search (`is_marked`), if the
    caller counted them while Pagefind ran; else they are read now.
    """
    found = editions if isinstance(editions, list) else [_English(editions)] if editions is not None else []
    folders = [f"/{e.lang}/" for e in found if e.lang != SOURCE]
    bundle = site_dir / BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)  # Pagefind adds to a bundle: a page deleted since would live on
    fragments = Fragments(bundle, folders, digest)
    failed: list[SearchError] = []
    writing = threading.Thread(target=_write, args=(write, bundle, failed), daemon=True)
    writing.start()
    while writing.is_alive():
        fragments.read_new()
        writing.join(FOLLOW_SECONDS)
    if failed:
        raise failed[0]
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    sort_entry(bundle)
    types, words = fragments.finish()
    marked = len(marked_pages(site_dir)) if marked is None else marked
    if not marked or len(types) < marked:
        raise SearchError(
            f"Pagefind indexed {len(types)} pages, but {marked} were marked for search "
            f"(overrides/main.html puts {MARK.decode()} on each page's content)"
        )
    (bundle / PAGE_TYPES).write_text(json.dumps(types, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    for edition in found:
        write_vocabulary(bundle, edition.dataset, lang=edition.lang, folders=folders, indexed=words[edition.lang])
    return Index(types, fragments.digests)


def _write(write: Callable[[Path], None], bundle: Path, failed: list[SearchError]) -> None:
    try:
        write(bundle)
    except SearchError as error:
        failed.append(error)


def sort_entry(bundle: Path) -> None:
    """Pagefind writes the entry file's languages in hash-map order, which differs from run to
    run; sorted, two builds of the same site are byte-identical (and so is the offline cache's
    version, which hashes every file)."""
    path = bundle / ENTRY
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


class _English(NamedTuple):
    """A dataset alone, as the English edition."""

    dataset: object
    lang: str = SOURCE


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


def vocabulary(
    bundle: Path,
    lay_terms: list[str],
    lang: str = SOURCE,
    folders: list[str] | None = None,
    indexed: Counter[str] | None = None,
) -> dict[str, int]:
    """Every word indexed on `lang`'s pages (`indexed`, or read from the bundle's fragments) and
    every lay term's word, with its occurrences, sorted by word. `folders`: the other editions'
    folders (`/es/`), whose pages English leaves out."""
    counts = Counter(read_fragments(bundle, folders or [])[1][lang] if indexed is None else indexed)
    for term in lay_terms:
        counts.update(vocabulary_words(term))
    return dict(sorted(counts.items()))


def write_vocabulary(
    bundle: Path,
    dataset: object,
    *,
    lang: str = SOURCE,
    folders: list[str] | None = None,
    indexed: Counter[str] | None = None,
) -> dict[str, int]:
    """Write `lang`'s vocabulary beside the index, from what Pagefind indexed on its pages
    (`indexed`, or read now) and the lay terms of its `dataset`."""
    lay_terms = [term for kind in KINDS for r in records(dataset, kind) for term in getattr(r, "lay_terms", ())]
    words = vocabulary(bundle, lay_terms, lang, folders, indexed)
    (bundle / vocabulary_file(lang)).write_text(json.dumps(words, separators=(",", ":")) + "\n", encoding="utf-8")
    return words


def read_fragments(bundle: Path, folders: list[str]) -> tuple[dict[str, str], defaultdict[str, Counter[str]]]:
    """One reading of every fragment Pagefind wrote: each indexed page's type (its `type`
    metadata) by Pagefind's id for the page, and the words of the indexed text with their
    counts, by the language of the page's edition (`edition_of`)."""
    return Fragments(bundle, folders).finish()


class Fragments:
    """Pagefind's fragments in `bundle`, each read once, while Pagefind writes them and after.

    Pagefind writes its 3,000 fragments (N = 1,000) in its last second; read meanwhile, on the
    core its writing leaves idle, they are not read after it. A fragment is named for its
    content and never written twice: one that un-gzips whole is finished (gzip ends with a
    checksum and the length), one that does not is being written and is read again later."""

    def __init__(self, bundle: Path, folders: list[str], digest: Callable[[bytes], str] | None = None) -> None:
        self.folder = bundle / "fragment"
        self.prefix = f"{bundle.name}/fragment/"
        self.folders = folders
        self.digest = digest
        self.pages: dict[str, tuple[str, Any]] = {}
        """Each fragment read, by name: its page's URL and its `type` metadata."""
        self.words: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.digests: dict[str, str] = {}

    def read_new(self) -> None:
        """Read each fragment written whole since the last look."""
        if self.folder.is_dir():
            for fragment in self.folder.glob("*.pf_fragment"):
                if fragment.stem not in self.pages:
                    self._read(fragment, finished=False)

    def finish(self) -> tuple[dict[str, str], defaultdict[str, Counter[str]]]:
        """Once Pagefind has exited: read the fragments still unread; each page's type by its
        id, and the words indexed, by edition (`read_fragments`)."""
        for fragment in sorted(self.folder.glob("*.pf_fragment")):
            if fragment.stem not in self.pages:
                self._read(fragment, finished=True)
        types = {}
        for stem, (url, page_type) in sorted(self.pages.items()):
            if page_type not in SEARCH_TYPES:
                raise SearchError(f"{self.folder / stem}.pf_fragment: {url}: indexed without a search type")
            types[stem] = page_type
        return types, self.words

    def _read(self, fragment: Path, *, finished: bool) -> None:
        raw = fragment.read_bytes()
        try:
            page = page_of(raw, fragment)
        except (EOFError, zlib.error, gzip.BadGzipFile, SearchError) as error:
            if not finished:
                return
            if isinstance(error, SearchError):
                raise
            raise SearchError(f"{fragment}: a Pagefind fragment cut short or damaged ({error})") from None
        self.pages[fragment.stem] = (page.get("url", ""), page.get("meta", {}).get("type"))
        self.words[edition_of(page.get("url", ""), self.folders)].update(vocabulary_words(page.get("content", "")))
        if self.digest:
            self.digests[self.prefix + fragment.name] = self.digest(raw)


def fragment_of(fragment: Path) -> dict[str, Any]:
    """A Pagefind fragment's page: its URL, indexed text (`content`), metadata."""
    return page_of(fragment.read_bytes(), fragment)


def page_of(raw: bytes, fragment: Path) -> dict[str, Any]:
    """The page in a fragment's bytes (`fragment_of`); a fragment cut short raises gzip's error."""
    unpacked = gzip.decompress(raw)
    if not unpacked.startswith(FRAGMENT_SIGNATURE):
        raise SearchError(f"{fragment}: not a Pagefind fragment this reader knows (pagefind-bin changed?)")
    page: dict[str, Any] = json.loads(unpacked[len(FRAGMENT_SIGNATURE) :])
    return page
