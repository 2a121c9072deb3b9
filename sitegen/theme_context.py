"""What the theme overrides (`overrides/`) read from the data, handed to any engine as
`config.extra`: the emergency banner's red flags, the search box's type filters and its
no-JavaScript menu, and the edition's interface words (`ui`, sitegen.strings). `config.extra`
is the one place MkDocs and Zensical both give every template, so nothing a reader sees
depends on one engine's hooks."""

from __future__ import annotations

from typing import Any

from sitegen import urls
from sitegen.dataset import Dataset
from sitegen.kinds import SEARCH_TYPES, with_pages
from sitegen.strings import SOURCE, Strings, strings

BROWSE = (*(k.overview for k in with_pages() if k.overview), "faq", "when-to-see-a-doctor", "action-plan", "triage")
"""The overview pages the search control offers when there is no JavaScript to search with."""

UI = ("emergency.", "search.", "not_found.")
"""The strings the overrides print: the emergency banner's, the search box's and the not-found page's."""


def theme_extra(dataset: Dataset, t: Strings | None = None, site_root: str = "") -> dict[str, Any]:
    """The keys added to `extra` in the exported `mkdocs.yml` (plain lists and strings, so YAML holds them).
    `site_root`: from the edition's root up to the site's (`../` for `es/`), where the one search index lives."""
    t = t or strings(SOURCE)
    return {
        # The banner names the emergency signs that have a short name; the rest are one link away.
        "emergency_flags": [
            {"short": f.short} for f in dataset.red_flags.red_flags if f.level == "emergency" and f.short
        ],
        "search_types": [[value, t(f"search.{value}"), t(f"search.{value}s")] for value in SEARCH_TYPES],
        "search_browse": [[t(f"page.{p}"), urls.PAGES[p].url] for p in BROWSE],
        "ui": {key.replace(".", "_"): text for key, text in t.items() if key.startswith(UI)},
        "lang": t.lang,
        "site_root": site_root,
    }
