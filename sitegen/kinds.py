"""The entity kinds, declared once: where each is published, how the navigation and search
name it, and which fields refer to it.

A kind's name is its data file's stem, the field of that file holding its records, and the
name of every reference field that holds its ids (`causes: [dehydration]` anywhere in the
data names causes). Adding a kind is one entry here plus its model (sitegen/models.py) and,
for a kind with pages, its template (sitegen/templates/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    name: str
    """The data file's stem, its records' field, and the reference field name: `causes`."""
    one: str
    """One record, in a sentence: 'cause', 'red flag'."""
    section: str | None = None
    """The URL section holding one page per record (`causes/<id>/`); None when records are anchors."""
    anchor_page: str | None = None
    """For records published as anchors (`faq/#<id>`): the fixed page (sitegen.urls.PAGES) holding them."""
    overview: str | None = None
    """The page listing every record, at the section's root (`causes/`); its id in sitegen.urls.PAGES,
    whose title heads the kind's nav section and whose template is `<name>.md`."""
    search_type: str | None = None
    """The search `type` of the kind's pages (docs/contracts.md, "Search")."""
    schema: str = "MedicalWebPage"
    """The schema.org type of the kind's pages (sitegen.structured_data)."""
    description: Callable[[Any], str] | None = None
    """A page's meta description, from its record."""

    @property
    def template(self) -> str:
        """The Markdown template of one record's page: `cause.md`."""
        return f"{self.search_type}.md"


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "guides",
            "guide",
            section="guides",
            overview="guides",
            search_type="guide",
            description=lambda r: r.summary,
        ),
        Kind(
            "causes",
            "cause",
            section="causes",
            overview="causes",
            search_type="cause",
            description=lambda r: r.summary,
        ),
        Kind(
            "conditions",
            "condition",
            section="conditions",
            overview="conditions",
            search_type="condition",
            schema="MedicalCondition",
            description=lambda r: r.spasm_pattern,
        ),
        Kind("faqs", "FAQ", anchor_page="faq", search_type="faq"),
        Kind(
            "specialists",
            "specialist",
            section="specialists",
            overview="specialists",
            search_type="specialist",
            description=lambda r: "; ".join(r.helps_with),
        ),
        Kind("red_flags", "red flag", anchor_page="when-to-see-a-doctor"),
        Kind("sources", "source"),
    )
}
"""Every entity kind, in the order search lists their types."""

PAGE = "page"
"""The search type of every page that is not one kind's (home, the action plan, ...)."""

SEARCH_TYPES: tuple[str, ...] = (*(k.search_type for k in KINDS.values() if k.search_type), PAGE)
"""The search types, in the order the search box offers them; a result's label and a filter's
are `search.<type>` and `search.<type>s` in sitegen/strings/."""


def with_pages() -> list[Kind]:
    """The kinds that get a page per record, in data order."""
    return [k for k in KINDS.values() if k.section]


def records(dataset: Any, kind: str) -> tuple[Any, ...]:
    """A kind's records: `records(dataset, "causes")` is `dataset.causes.causes`."""
    found: tuple[Any, ...] = getattr(getattr(dataset, kind), kind)
    return found
