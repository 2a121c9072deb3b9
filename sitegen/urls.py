"""The URL contract (shared/design.md): where each page and entity lives.

Two spellings of one place: `doc` is the Markdown source MkDocs links by (so it checks
every link and makes it relative, which keeps sub-path hosting working), `url` is the
published address relative to the site root (what `tree.json` carries).
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    doc: str
    url: str
    title: str


PAGES = {
    "home": Place("index.md", "", "Home"),
    "triage": Place("triage/index.md", "triage/", "Symptom checker"),
    "triage-paths": Place("triage/paths.md", "triage/paths/", "How the checker decides"),
    "when-to-see-a-doctor": Place("when-to-see-a-doctor.md", "when-to-see-a-doctor/", "When to see a doctor"),
    "action-plan": Place("action-plan.md", "action-plan/", "Action plan"),
    "causes": Place("causes/index.md", "causes/", "Causes"),
    "conditions": Place("conditions/index.md", "conditions/", "Conditions"),
    "specialists": Place("specialists/index.md", "specialists/", "Specialists and costs"),
    "faq": Place("faq.md", "faq/", "FAQ"),
    "diary": Place("diary.md", "diary/", "Cramp diary"),
    "about": Place("about.md", "about/", "About, sources and disclaimer"),
}
"""Fixed pages by id."""

SECTIONS = {"causes": "causes", "conditions": "conditions", "specialists": "specialists"}
"""Entity kinds that get a page each, by the URL section that holds them."""


def entity(kind: str, entity_id: str) -> Place:
    """Where one entity is published: its own page, or (FAQs, red flags) an anchor."""
    if kind == "faqs":
        return Place(f"faq.md#{entity_id}", f"faq/#{entity_id}", "")
    if kind == "red_flags":
        return Place(f"when-to-see-a-doctor.md#{entity_id}", f"when-to-see-a-doctor/#{entity_id}", "")
    section = SECTIONS[kind]
    return Place(f"{section}/{entity_id}.md", f"{section}/{entity_id}/", "")
