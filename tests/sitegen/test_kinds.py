"""sitegen/kinds.py: every entity kind declared once, and what reads the declaration."""

from __future__ import annotations

import pytest

from sitegen import urls
from sitegen.checks import REFERENCE_FIELDS
from sitegen.kinds import KINDS, SEARCH_TYPES, records, with_pages
from sitegen.models import FILES
from tests.helpers import real_dataset

DATA = real_dataset()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_a_data_file_whose_records_have_ids(kind: str) -> None:
    assert kind in FILES
    assert all(isinstance(r.id, str) for r in records(DATA, kind))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_published_once_by_page_or_by_anchor_or_not_at_all(kind: str) -> None:
    spec = KINDS[kind]
    assert not (spec.section and spec.anchor_page)


def test_a_kind_with_pages_has_a_search_type_an_overview_and_a_description() -> None:
    for kind in with_pages():
        assert kind.search_type in SEARCH_TYPES
        assert kind.overview in urls.PAGES
        assert kind.description is not None


def test_the_search_types_are_the_kinds_then_every_other_page() -> None:
    assert list(SEARCH_TYPES) == ["guide", "cause", "condition", "faq", "specialist", "page"]


def test_every_kind_name_is_a_reference_field() -> None:
    assert set(REFERENCE_FIELDS) == {*KINDS, "watch_for"}


@pytest.mark.parametrize(
    ("kind", "entity_id", "url"),
    [
        ("causes", "dehydration", "causes/dehydration/"),
        ("guides", "night-leg-cramps", "guides/night-leg-cramps/"),
        ("faqs", "why-at-night", "faq/#why-at-night"),
        ("red_flags", "breathing", "when-to-see-a-doctor/#breathing"),
    ],
)
def test_urls_follow_the_declaration(kind: str, entity_id: str, url: str) -> None:
    assert urls.entity(kind, entity_id).url == url


def test_by_id_holds_every_kind() -> None:
    assert set(DATA.by_id) == set(KINDS)
