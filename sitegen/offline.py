"""The site offline: the service worker `sw.js` and what it precaches, written into a built site.

Runs after every other post-build step (the search index, `triage/tree.json` and
`diary/diary.json` must be there). The worker is hand-written (`offline_worker.js`, beside
this module); this step prefixes it with `const BUILD = {"version": ..., "precache": [...],
"offline": {...}}`, the last the words of the page it shows in place of a page it does not
hold, in each edition's language (`offline.*` in sitegen/strings/<lang>.yaml):

- `version` hashes every published file, so any change to the build changes `sw.js`, which
  is what makes a browser install the new worker and drop the old cache.
- `precache` is what the worker fetches once it is installed, after the page has loaded (the
  registration in `assets/offline.js` waits for `load`), so a first view costs no more.
  Whole site while it fits `PRECACHE_BUDGET` (gzip bytes); past that, the shell (scripts,
  styles, search runtime, the checker's and diary's data, icons) and the pages of
  `precache_order`, up to the first that does not fit: where a reader in trouble at night goes
  first (home, the checker, the warning signs, the situation guides in data order), then the
  other fixed pages; other pages and Pagefind's index chunks are kept as a reader first opens
  or searches them.

Left out always: source maps, Material's own search (this site searches with Pagefind), the
Pagefind WebAssembly of languages the index does not use, the server's header files, and what
is published for other software, never read by a page: `api/` in every edition (the content API,
sitegen.content_api, and the code lookups, sitegen.codes_api) and the checker's FHIR files
(sitegen.questionnaire).

Another language's edition (`es/`, sitegen.editions) and its part of the search index (its
fragments, its language's WebAssembly and metadata) do not count towards "whole site": the
budget holds the English edition whole, and what is left of it takes each other edition's
shell and its pages in the same order; its other pages are kept on first view.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitegen import questionnaire, urls
from sitegen.dataset import Dataset
from sitegen.search import BUNDLE, ENTRY
from sitegen.strings import SOURCE, strings

WORKER = "sw.js"
WORKER_SOURCE = Path(__file__).with_name("offline_worker.js")

PRECACHE_BUDGET = 600_000
"""Most gzip bytes the worker fetches up front (issue 12)."""

FIRST_PAGES = ("home", "triage", "when-to-see-a-doctor", "guides")
"""Pages precached first on a site too big to precache whole: where a reader in trouble goes."""
THEN_PAGES = ("diary", "action-plan", "faq", "about")
"""Fixed pages precached after the situation guides, as the budget allows."""


def precache_order(dataset: Dataset) -> tuple[str, ...]:
    """Site-root-relative page URLs in the order they are precached past the budget: the first
    fixed pages, every situation guide in data order (nights first), then the other fixed pages."""
    guides = (urls.entity("guides", guide.id).url for guide in dataset.guides.guides)
    return (*(urls.PAGES[p].url for p in FIRST_PAGES), *guides, *(urls.PAGES[p].url for p in THEN_PAGES))


NEVER = ("_headers", "_headers.nginx.conf", WORKER, "sitemap.xml", "sitemap.xml.gz", "404.html", *questionnaire.FILES)
NEVER_UNDER = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "api/")

ALREADY_COMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind", ".png", ".gz")


@dataclass(frozen=True)
class Precache:
    version: str
    files: tuple[str, ...]
    """Site-root-relative URLs, a folder's page as `causes/` (as links name it)."""
    gzip_bytes: int
    whole_site: bool


def transfer_size(path: Path) -> int:
    """What the file costs on the wire: gzip level 6, or as is if it is compressed already."""
    data = path.read_bytes()
    return len(data) if path.name.endswith(ALREADY_COMPRESSED) else len(gzip.compress(data, 6, mtime=0))


def _url(relative: str) -> str:
    if relative == "index.html":
        return ""
    return relative.removesuffix("index.html") if relative.endswith("/index.html") else relative


def _unused_wasm(site_dir: Path) -> set[str]:
    """Pagefind's WebAssembly files for languages its index does not hold."""
    entry = site_dir / BUNDLE / ENTRY
    if not entry.is_file():
        return set()
    used = {f"pagefind/wasm.{lang['wasm']}.pagefind" for lang in json.loads(entry.read_text())["languages"].values()}
    return {p.relative_to(site_dir).as_posix() for p in (site_dir / "pagefind").glob("wasm.*.pagefind")} - used


def edition_folders(site_dir: Path) -> tuple[str, ...]:
    """The other editions' folders (`es/`): the index's languages that have a home page of their own."""
    entry = site_dir / BUNDLE / ENTRY
    if not entry.is_file():
        return ()
    langs = json.loads(entry.read_text())["languages"]
    return tuple(f"{lang}/" for lang in sorted(langs) if (site_dir / lang / "index.html").is_file())


def offline_files(site_dir: Path) -> list[str]:
    """Every file of the built site a reader may need offline, site-root-relative, sorted (`site_files`)."""
    unused = _unused_wasm(site_dir)
    folders = edition_folders(site_dir)
    found = []
    for relative in site_files(site_dir):
        own = next((relative.removeprefix(f) for f in folders if relative.startswith(f)), relative)
        if own in NEVER or relative in unused or relative.endswith(".map"):
            continue
        if own.startswith(NEVER_UNDER) or relative.startswith("."):
            continue
        found.append(relative)
    return found


def site_files(site_dir: Path) -> list[str]:
    """Every file under `site_dir`, site-root-relative, sorted as paths sort (folder by folder,
    so `a/x` before `a-b/x`): `sorted(site_dir.rglob("*"))`'s files, a fifth of its cost."""
    return sorted(_files_under(site_dir, ""), key=lambda relative: relative.split("/"))


def _files_under(folder: Path | str, prefix: str) -> Iterator[str]:
    """`prefix` + the path of every file below `folder`, not into linked folders (as `rglob`)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                yield prefix + entry.name


def _edition_of(relative: str, folders: tuple[str, ...]) -> str:
    """The folder of the edition a file belongs to (`""`: English, shared or unknown). Pagefind
    names a language's files for it, its fragments too (`fragment/es_<hash>.pf_fragment`: a page
    of the `es/` edition, whose pages say `<html lang="es">`)."""
    for folder in folders:
        lang = folder.rstrip("/")
        theirs = (
            f"pagefind/pagefind.{lang}_", f"pagefind/wasm.{lang}.", f"pagefind/vocabulary.{lang}.",
            f"pagefind/fragment/{lang}_",
        )  # fmt: skip
        if relative.startswith((folder, *theirs)):
            return folder
    return ""


def _is_shell(relative: str) -> bool:
    """Not a page and not a search chunk: what every page needs to work."""
    return not relative.endswith(".html") and not relative.startswith(("pagefind/fragment/", "pagefind/index/"))


def file_digest(data: bytes) -> str:
    """A file's part of the worker's version."""
    return hashlib.sha256(data).hexdigest()


def plan(site_dir: Path, order: Sequence[str], digests: Mapping[str, str], budget: int = PRECACHE_BUDGET) -> Precache:
    """What this build's worker precaches, and its version; `order`: `precache_order`.

    `digests`: `file_digest` of the files this build has read already and not changed since (its
    pages, sitegen.page_reader), by site-root-relative path; every other file is read here.
    """
    every = offline_files(site_dir)
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes())
    for relative in every:
        file_hash = digests.get(relative) or file_digest((site_dir / relative).read_bytes())
        digest.update(f"{relative}\0{file_hash}\n".encode())
    folders = edition_folders(site_dir)
    editions = {relative: _edition_of(relative, folders) for relative in every}
    files = [f for f in every if not editions[f]]
    sizes: dict[str, int] = {}

    def size(relative: str) -> int:  # each file compressed once at most (it costs seconds)
        if relative not in sizes:
            sizes[relative] = transfer_size(site_dir / relative)
        return sizes[relative]

    total = 0
    for relative in files:  # compressing stops once the site is past the budget
        total += size(relative)
        if total > budget:
            break
    if total <= budget:
        chosen = files
    else:
        chosen = [f for f in files if _is_shell(f)]
        used = sum(size(f) for f in chosen)
        # Up to the first page that does not fit: trying each after it compressed 1,000 guides
        # for nothing at N = 1,000 (0.75 s of a build).
        for page in order:
            doc = f"{page}index.html"
            if not (site_dir / doc).is_file():
                continue
            if used + size(doc) > budget:
                break
            chosen.append(doc)
            used += sizes[doc]
        chosen.sort()
    whole_site = chosen == files
    used = sum(sizes[f] for f in chosen)
    for folder in folders:  # what is left of the budget: each other edition's shell, then its fixed pages
        theirs = [f for f in every if editions[f] == folder]
        wanted = [f for f in theirs if _is_shell(f)]
        wanted += [f"{folder}{page}index.html" for page in order]
        held = set(theirs)
        for relative in wanted:
            if relative not in held:
                continue
            if used + size(relative) > budget:
                break
            chosen.append(relative)
            used += sizes[relative]
    chosen.sort()
    return Precache(
        version=digest.hexdigest()[:16],
        files=tuple(_url(f) for f in chosen),
        gzip_bytes=used,
        whole_site=whole_site,
    )


def offline_page(lang: str) -> dict[str, str]:
    """The words of the page the worker shows, in `lang`, for a page not saved on the device when
    there is no network: HTML-escaped, the home page's link marked `{home}` for the worker to fill."""
    t = strings(lang)
    link = re.compile(r"\[([^\]]+)\]\(\{home\}\)")
    words = {key: html.escape(t(f"offline.{key}", home="{home}")) for key in ("title", "heading", "text", "emergency")}
    words["text"] = link.sub(r'<a href="{home}">\1</a>', words["text"])
    return {"lang": lang, **words}


def worker_script(precache: Precache, folders: tuple[str, ...] = ()) -> str:
    """`sw.js`: the worker, told this build's version, what it precaches, and the offline page of
    each edition by its folder (`""`, `es/`; `folders`: the other editions')."""
    pages = {folder: offline_page(folder.rstrip("/") or SOURCE) for folder in ("", *folders)}
    build = {"version": precache.version, "precache": list(precache.files), "offline": pages}
    header = "// Generated by the build (sitegen/offline.py): do not edit.\n"
    header += f"const BUILD = {json.dumps(build, sort_keys=True)};\n"
    return header + WORKER_SOURCE.read_text(encoding="utf-8")


def write_worker(site_dir: Path, order: Sequence[str], digests: Mapping[str, str]) -> Precache:
    """Write `sw.js` into the built site; return what it precaches (`order`, `digests`: as for `plan`)."""
    precache = plan(site_dir, order, digests)
    (site_dir / WORKER).write_text(worker_script(precache, edition_folders(site_dir)), encoding="utf-8")
    return precache
