"""sitegen/links.py: docs-root links become relative to the page holding them."""

from __future__ import annotations

import pytest

from sitegen.links import relative_links


@pytest.mark.parametrize(
    ("doc", "markdown", "expected"),
    [
        ("index.md", "[a](/about.md#sources)", "[a](about.md#sources)"),
        ("about.md", "[c](/triage/index.md)", "[c](triage/index.md)"),
        ("causes/dehydration.md", "[h](/index.md) [f](/faq.md#x)", "[h](../index.md) [f](../faq.md#x)"),
        ("causes/index.md", "[d](/causes/dehydration.md)", "[d](dehydration.md)"),
        (
            "faq.md",
            "[out](https://example.org/a.md) [rel](other.md)",
            "[out](https://example.org/a.md) [rel](other.md)",
        ),
    ],
)
def test_a_docs_root_link_is_made_relative(doc: str, markdown: str, expected: str) -> None:
    assert relative_links(markdown, doc) == expected
