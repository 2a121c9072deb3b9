"""sitegen/navigation.py: the nav both engines read."""

from __future__ import annotations

from sitegen import urls
from sitegen.navigation import NAV_ENTRIES_MAX, docs_in, navigation
from tests.helpers import real_dataset

DATA = real_dataset()


def test_the_nav_starts_with_the_guides_and_ends_with_about() -> None:
    nav = navigation(DATA)
    assert [next(iter(item)) for item in nav][:4] == ["Home", "Symptom checker", "When to see a doctor", "Action plan"]
    assert next(iter(nav[-1])) == "About"


def test_every_entity_page_is_listed_while_a_section_is_short() -> None:
    listed = set(docs_in(navigation(DATA)))
    for cause in DATA.causes.causes:
        assert urls.entity("causes", cause.id).doc in listed
    assert len(DATA.causes.causes) <= NAV_ENTRIES_MAX


def test_docs_in_reads_nested_sections() -> None:
    assert docs_in([{"A": "a.md"}, {"B": ["b.md", {"C": "c.md"}]}]) == ["a.md", "b.md", "c.md"]
