"""The site's navigation, as `mkdocs.yml` spells it (lists of one-key mappings), which
MkDocs and Zensical both read."""

from __future__ import annotations

from typing import Any

from sitegen import urls
from sitegen.dataset import Dataset
from sitegen.kinds import records, with_pages
from sitegen.strings import SOURCE, Strings, strings

NAV_ENTRIES_MAX = 30
"""An entity section lists its records in the navigation only up to this many.

With `navigation.sections`, Material writes every top-level section's entries into every
page, so a longer list would make each page's size and build time grow with the data
(1,000 records of each kind: 0.9 MB a page, 6 minutes a build, ./site-build.sh bench). Past this,
the section holds only its overview page, whose table links every record, and search finds
them; the pages are built as usual, just not listed.
"""

FIXED_PAGES = ("home", "triage", "when-to-see-a-doctor", "action-plan", "diary")
"""The fixed pages, first in the navigation."""


def navigation(dataset: Dataset, t: Strings | None = None) -> list[Any]:
    """Fixed pages first, then one section per kind with pages, the FAQ, and About (with how the
    checker decides and the page for reusers), titled in `t`'s language."""
    t = t or strings(SOURCE)

    def section(kind: str, overview_id: str) -> dict[str, Any]:
        overview, title = urls.PAGES[overview_id], t(f"page.{overview_id}")
        found = records(dataset, kind)
        if len(found) > NAV_ENTRIES_MAX:
            return {title: [overview.doc]}
        return {title: [overview.doc, *({r.name: urls.entity(kind, r.id).doc} for r in found)]}

    return [
        *({t(f"page.{p}"): urls.PAGES[p].doc} for p in FIXED_PAGES),
        *(section(kind.name, kind.overview) for kind in with_pages() if kind.overview),
        {t("page.faq"): urls.PAGES["faq"].doc},
        {t("nav.about"): [urls.PAGES[p].doc for p in ("about", "triage-paths", "developers")]},
    ]


def unlisted(dataset: Dataset) -> str:
    """MkDocs' `not_in_nav` patterns for the pages of the sections too long to list
    (`NAV_ENTRIES_MAX`): left out on purpose, so a strict build does not fail on them."""
    patterns = []
    for kind in with_pages():
        if kind.overview and kind.section and len(records(dataset, kind.name)) > NAV_ENTRIES_MAX:
            patterns += [f"/{kind.section}/*.md", f"!/{urls.PAGES[kind.overview].doc}"]
    return "\n".join(patterns)


def docs_in(nav: object) -> list[str]:
    """Every Markdown path a nav (lists, one-key dicts, strings) lists."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [doc for value in nav.values() for doc in docs_in(value)]
    if isinstance(nav, list):
        return [doc for item in nav for doc in docs_in(item)]
    return []
