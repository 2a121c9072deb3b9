"""sitegen/finish.py: what every page carries besides its text, in the Markdown."""

from __future__ import annotations

import json
from datetime import date

from sitegen.finish import finish_page, json_ld_text
from sitegen.front_matter import FrontMatter
from tests.helpers import real_dataset

FEEDBACK = "mailto:editor@example.org"
DATA = real_dataset()
META = FrontMatter(title="T", sources=("seed-article",), reviewed=date(2026, 11, 25))


def test_the_footer_names_the_sources_and_the_review_date() -> None:
    _, body = finish_page("causes/x.md", META, "Text.", DATA, site_url="https://example.org/", feedback_url=FEEDBACK)
    assert '<footer class="provenance" markdown>' in body
    assert DATA.sources_by_id["seed-article"].title in body
    assert '<time datetime="2026-11-25">25 November 2026</time>' in body


def test_the_footer_s_links_are_relative_to_the_page() -> None:
    _, body = finish_page("causes/x.md", META, "Text.", DATA, site_url="https://example.org/", feedback_url=FEEDBACK)
    assert "](../about.md#sources)" in body


def test_json_ld_names_the_page_s_published_address() -> None:
    meta, _ = finish_page(
        "causes/index.md", META, "", DATA, site_url="https://example.org/spasms/", feedback_url=FEEDBACK
    )
    assert json.loads(meta["json_ld"])["url"] == "https://example.org/spasms/causes/"


def test_json_ld_cannot_end_its_script_element() -> None:
    text = json_ld_text({"name": "</script><script>alert(1)</script>"})
    assert "<" not in text and json.loads(text)["name"].startswith("</script>")


def test_a_quote_in_the_description_cannot_end_its_attribute() -> None:
    meta, _ = finish_page(
        "x.md",
        FrontMatter(**{**dict(META), "description": 'Say "hi" & <go>'}),
        "",
        DATA,
        site_url="",
        feedback_url=FEEDBACK,
    )
    assert meta["description"] == "Say &#34;hi&#34; &amp; &lt;go&gt;"
    assert json.loads(meta["json_ld"])["description"] == 'Say "hi" & <go>'
