"""The URL contract (docs/contracts.md, "URLs"): where each page and entity lives.

Two spellings of one place: `doc` is the Markdown source MkDocs links by (so it checks
every link and makes it relative, which keeps sub-path hosting working), `url` is the
published address relative to the site root (what `tree.json` carries).
"""

from __future__ import annotations

from typing import NamedTuple

from sitegen.kinds import KINDS


class Place(NamedTuple):
    doc: str
    url: str


PAGES = {
    "home": Place("index.md", ""),
    "triage": Place("triage/index.md", "triage/"),
    "triage-paths": Place("triage/paths.md", "triage/paths/"),
    "when-to-see-a-doctor": Place("when-to-see-a-doctor.md", "when-to-see-a-doctor/"),
    "action-plan": Place("action-plan.md", "action-plan/"),
    **{k.overview: Place(f"{k.section}/index.md", f"{k.section}/") for k in KINDS.values() if k.overview and k.section},
    "faq": Place("faq.md", "faq/"),
    "diary": Place("diary.md", "diary/"),
    "about": Place("about.md", "about/"),
    "developers": Place("developers.md", "developers/"),
}
"""Fixed pages by id; their titles, in each language, are `page.<id>` in sitegen/strings/."""

SECTIONS = {k.name: k.section for k in KINDS.values() if k.section}
"""Entity kinds that get a page each, by the URL section that holds them (sitegen.kinds)."""


def entity(kind: str, entity_id: str) -> Place:
    """Where one entity is published: its own page, or (FAQs, red flags) an anchor."""
    anchor_page = KINDS[kind].anchor_page
    if anchor_page:
        page = PAGES[anchor_page]
        return Place(f"{page.doc}#{entity_id}", f"{page.url}#{entity_id}")
    section = SECTIONS[kind]
    return Place(f"{section}/{entity_id}.md", f"{section}/{entity_id}/")


def url_of_doc(doc: str) -> str:
    """The published address, relative to the site root, of the page whose source is `doc`
    (directory URLs, as MkDocs and Zensical both publish): `causes/index.md` -> `causes/`."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"
