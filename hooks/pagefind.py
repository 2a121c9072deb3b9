"""MkDocs adapter: the Pagefind search index of the built site (`site/pagefind/`).

Two steps, one concern:

- `on_post_page` marks Material's content `<article>` with `data-pagefind-body`, so only
  the main content is indexed: the emergency banner, navigation, header, footer and the
  search panel itself stay out of results. The same tag carries the page's `type` (front
  matter; `guide` when unset) as result metadata. A page Material renders without that
  article fails the build rather than indexing whole pages.
- `on_post_build` runs the pinned Pagefind binary (`pagefind-bin`) over the finished site,
  in `mkdocs build` and in `mkdocs serve` alike, so the preview searches too. It then writes
  `pagefind/page-types.json`, each indexed page's type by its Pagefind id, which the search
  box filters and groups by. (Pagefind's own filter index would do, but it lists filters in
  a different order on every run, and builds must be byte-identical.)

Weighted lay terms and the FAQ's question anchors are markup in the page templates
(`overrides/generated/`), not here.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitegen import urls

log = logging.getLogger("mkdocs.hooks.pagefind")

ARTICLE = '<article class="md-content__inner md-typeset">'
"""Where Material 9 renders a page's content (base.html, block `container`)."""

EXCLUDE_SELECTORS = ", ".join(
    (
        ".headerlink",  # the pilcrow after each heading would fuse onto its last word
    )
)

TYPES = {
    "cause": ("Cause", "Causes"),
    "condition": ("Condition", "Conditions"),
    "faq": ("FAQ", "FAQ"),
    "specialist": ("Specialist", "Specialists"),
    "guide": ("Guide", "Guides"),
}
"""The search `type` of a page (front matter; shared/design.md, Search): a result's label, a filter's."""

BROWSE = ("causes", "conditions", "specialists", "faq", "when-to-see-a-doctor", "action-plan", "triage")
"""The overview pages the search control offers when there is no JavaScript to search with."""

BUNDLE = "pagefind"
"""The bundle's folder in the site; the search script finds it at `<site root>/pagefind/`."""

PAGE_TYPES = "page-types.json"
"""Beside Pagefind's files: `{"<Pagefind page id>": "<type>"}` for every indexed page."""

FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What a Pagefind 1.x fragment starts with, once un-gzipped; JSON follows."""

UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)  # fmt: skip
"""Pagefind's ready-made UIs: the site's own (assets/search.js) uses only the search API."""

_marked: list[str] = []


def on_pre_build(*, config: MkDocsConfig) -> None:
    # The module outlives one build under `serve`: start every build with a clean count.
    _marked.clear()


def on_env(env, *, config: MkDocsConfig, files: Files):  # noqa: ANN001, ANN201 (jinja2.Environment, as MkDocs passes it)
    # What partials/search.html renders: the type filters, and the no-JavaScript menu.
    env.globals["search_types"] = [(value, one, many) for value, (one, many) in TYPES.items()]
    env.globals["search_browse"] = [(urls.PAGES[p].title, urls.PAGES[p].url) for p in BROWSE]
    return env


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if ARTICLE not in output:
        raise PluginError(
            f"{page.file.src_uri}: no {ARTICLE!r} to mark for search; "
            "Material's content markup changed, so update ARTICLE in hooks/pagefind.py"
        )
    page_type = page.meta.get("type", "guide")
    if page_type not in TYPES:
        expected = ", ".join(TYPES)
        raise PluginError(f"{page.file.src_uri}: type: '{page_type}' is not a search type; expected one of {expected}")
    _marked.append(page.file.src_uri)
    marked = f'{ARTICLE[:-1]} data-pagefind-body data-pagefind-meta="type:{page_type}">'
    return output.replace(ARTICLE, marked, 1)


def on_post_build(*, config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    bundle = site_dir / BUNDLE
    # Pagefind adds to an existing bundle; a page deleted since the last build would live on.
    shutil.rmtree(bundle, ignore_errors=True)
    command = [
        sys.executable, "-m", "pagefind_bin",
        "--site", str(site_dir),
        "--output-subdir", BUNDLE,
        "--exclude-selectors", EXCLUDE_SELECTORS,
        "--quiet",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    types = page_types(bundle)
    if len(types) < len(_marked):
        raise PluginError(f"Pagefind indexed {len(types)} pages, but {len(_marked)} were marked for search")
    (bundle / PAGE_TYPES).write_text(json.dumps(types, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    log.info("Pagefind indexed %d pages into %s", len(types), bundle)


def page_types(bundle: Path) -> dict[str, str]:
    """Each indexed page's type (its `type` metadata), by Pagefind's id for the page."""
    types = {}
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        if not raw.startswith(FRAGMENT_SIGNATURE):
            raise PluginError(f"{fragment}: not a Pagefind fragment this hook can read (pagefind-bin changed?)")
        page = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        page_type = page.get("meta", {}).get("type")
        if page_type not in TYPES:
            raise PluginError(f"{fragment}: {page.get('url')}: indexed without a search type")
        types[fragment.stem] = page_type
    return types
