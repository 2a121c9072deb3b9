"""The pages as a content API (sitegen/content_api.py): every content page of both editions is
listed once, each file follows the JSON Schema the site publishes and every section and care
card points at an anchor its page has (whichever engine built it), and a page's JSON says what
the page says."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator

from sitegen.content_api import CARE_CARDS, MANIFEST, ContentApiError, api_page
from sitegen.editions import Edition
from sitegen.search import BUNDLE, is_marked
from tests.helpers import real_editions
from tests.site_html import article, page_file, text_of
from tests.test_offline import published_build

EDITIONS = real_editions()


@cache
def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def manifest(site: Path) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = _json(site / MANIFEST)["results"]
    return results


def relative(site: Path, url: str) -> str:
    """A page's address relative to the site root, from the absolute one the API gives."""
    root = next(str(entry["url"]) for entry in manifest(site) if entry["api"] == "api/pages/index.json")
    return url.removeprefix(root)


def visible(heading: Tag) -> str:
    """A heading's text as a sighted reader sees it: without what only screen readers hear."""
    shown = heading.__copy__()
    for hidden in shown.select(".visually-hidden"):
        hidden.decompose()
    return text_of(shown)


def care_card(card: Tag) -> tuple[str, str]:
    """How the NHS marks a care card of the page, and its heading's anchor."""
    level = next(c for c in card.get_attribute_list("class") if c.startswith("care-card--"))
    heading = card.select_one("h2, h3")
    assert heading is not None, "a care card with no heading"
    return CARE_CARDS[level.removeprefix("care-card--")][0], str(heading["id"])


@cache
def _html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def ids(site: Path, url: str) -> frozenset[str]:
    """Every id in the page at `url` (an absolute address on the site)."""
    return frozenset(re.findall(r'\bid="([^"]+)"', _html(page_file(site, relative(site, url)))))


def page_json_ld(site: Path, url: str) -> dict[str, Any]:
    """The JSON-LD the theme prints into the page at `url` (relative to the site root)."""
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', _html(page_file(site, url)), re.S)
    assert found is not None, f"{url}: no JSON-LD"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def validator(site: Path, name: str) -> Validator:
    schema = _json(site / "api" / "schema" / name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_every_published_file_follows_the_json_schema_the_site_publishes(engine_site: Path) -> None:
    site = engine_site
    problems = [
        f"{MANIFEST}: {e.message}" for e in validator(site, "manifest.schema.json").iter_errors(_json(site / MANIFEST))
    ]
    page_schema = validator(site, "page.schema.json")
    published = sorted(p.relative_to(site).as_posix() for p in site.glob("**/api/pages/**/*.json"))
    assert published == sorted(entry["api"] for entry in manifest(site)), "a page file the manifest does not list"
    for path in published:
        problems += [f"{path}: {e.json_path}: {e.message}" for e in page_schema.iter_errors(_json(site / path))]
    assert not problems, "\n".join(problems[:20])


def test_the_manifest_lists_every_content_page_of_both_editions_once(site: Path, figure: Any) -> None:
    entries = manifest(site)
    pages = {
        page.parent.relative_to(site).as_posix() + "/"
        for page in sorted(site.rglob("*.html"))
        if BUNDLE not in page.parts and is_marked(page.read_bytes())
    }
    listed = [relative(site, entry["url"]) for entry in entries]
    assert sorted(listed) == sorted(p.removeprefix("./") for p in pages)
    languages = Counter(entry["inLanguage"] for entry in entries)
    figure(
        f"[content api] {len(entries)} pages published: " + ", ".join(f"{n} {lang}" for lang, n in languages.items())
    )
    assert set(languages) == {edition.lang for edition in EDITIONS}
    assert len(set(languages.values())) == 1, f"the editions publish different numbers of pages: {languages}"
    for entry in entries:
        page = relative(site, entry["url"])
        ld = page_json_ld(site, page)
        assert (entry["name"], entry["inLanguage"], entry["lastReviewed"]) == (
            ld["name"],
            ld["inLanguage"],
            ld["lastReviewed"],
        )
        assert entry["dateModified"] == entry["lastReviewed"], "dateModified is the page's last review"
        prefix = "" if entry["inLanguage"] == "en" else f"{entry['inLanguage']}/"
        assert entry["api"] == f"{prefix}api/pages/{page.removeprefix(prefix).rstrip('/') or 'index'}.json"


def test_every_section_care_card_and_terms_link_points_at_an_anchor_its_page_has(engine_site: Path) -> None:
    site = engine_site
    missing = []
    pages = {str(entry["url"]) for entry in manifest(site)}
    for entry in manifest(site):
        data = _json(site / entry["api"])
        anchors = [section["url"] for section in data["hasPart"]]
        anchors += [card["url"] for section in data["hasPart"] for card in section.get("hasPart", ())]
        anchors.append(data["usageInfo"])
        for url in anchors:
            page, anchor = url.split("#")
            if anchor not in ids(site, page):
                missing.append(f"{entry['api']}: {url}")
        for link in data["relatedLink"]:
            if link["url"].split("#")[0] not in pages:
                missing.append(f"{entry['api']}: relatedLink {link['url']}")
    assert not missing, "\n".join(missing[:20])


@pytest.mark.parametrize(
    "url", ["guides/night-leg-cramps/", "when-to-see-a-doctor/", "triage/", "faq/", "es/conditions/tetanus/"]
)
def test_a_page_s_json_says_what_the_page_says(site: Path, url: str) -> None:
    entry = next(e for e in manifest(site) if relative(site, e["url"]) == url)
    data = _json(site / entry["api"])
    ld = page_json_ld(site, url)
    assert {k: data[k] for k in ("name", "url", "inLanguage", "lastReviewed")} == {
        k: ld[k] for k in ("name", "url", "inLanguage", "lastReviewed")
    }
    assert data["description"] == ld.get("description", "")
    page = article(site, url)
    assert [s["headline"] for s in data["hasPart"] if s["headline"]] == [visible(h) for h in page.select("h2")]
    cards = [(c["identifier"], c["url"].split("#")[1]) for s in data["hasPart"] for c in s.get("hasPart", ())]
    assert cards == [care_card(card) for card in page.select("section.care-card")]
    cited = [str(a["href"]) for a in page.select("footer.provenance a[href^=http]")]
    assert [work["url"] for work in data["citation"] if "url" in work] == cited


def test_no_page_loads_or_precaches_the_api(site: Path) -> None:
    precached = published_build(site)["precache"]
    assert not [f for f in precached if re.match(r"([a-z]{2}/)?api/", f)]
    loading = []
    for path in site.glob("**/*.html"):
        if re.search(r'(?:src|href)="(?![a-z]+:)[^"]*\bapi/', path.read_text(encoding="utf-8")):
            loading.append(path.relative_to(site).as_posix())
    assert not loading


def _page(footer: str, body: str = "<p>Text.</p>") -> str:
    ld = {"name": "Cramps", "url": "https://example.org/cramps/", "inLanguage": "en", "lastReviewed": "2026-12-01"}
    return (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        f'<article class="md-content__inner" data-pagefind-body><h1 id="cramps">Cramps</h1>{body}'
        f'<footer class="provenance"><p><strong>Sources:</strong> {footer} <strong>Last reviewed:</strong></p></footer>'
        "</article>"
    )


def test_a_section_s_html_keeps_text_and_links_and_drops_script_hidden_parts_and_comments() -> None:
    english: Edition = EDITIONS[0]
    known = next(s for s in english.dataset.sources.sources if s.url)
    body = (
        "<p>Salt &amp; water <!-- an editor's note --><br/>"
        "<script>if (a<b) document.write('<p>injected</p>')</script>"
        '<a href="../heat/" title="a &gt; b" data-pagefind-weight="2">Heat</a></p>'
        '<h2 id="when">When <a class="headerlink" href="#when">¶</a><span class="visually-hidden">(read)</span></h2>'
        "<div hidden><div>gone</div></div><p>Rest.</p>"
    )
    cited = f'<span id="source-{known.id}"><a href="{known.url}">{known.title}</a></span>'
    data = api_page(_page(cited, body), "cramps/index.html", english).data
    lead, when = data["hasPart"]
    assert lead["text"] == ('<p>Salt &amp; water <br><a href="https://example.org/heat/" title="a &gt; b">Heat</a></p>')
    assert when["headline"] == "When"
    assert when["text"] == "<p>Rest.</p>"
    assert data["relatedLink"][0]["url"] == "https://example.org/heat/"


def test_a_source_the_data_does_not_hold_fails_the_build_naming_the_page() -> None:
    english: Edition = EDITIONS[0]
    known = next(s for s in english.dataset.sources.sources if s.url)
    listed = f'<span id="source-{known.id}"><a href="{known.url}">{known.title}</a></span>'
    cited = api_page(_page(listed), "cramps/index.html", english)
    assert cited.data["citation"][0]["name"] == known.title
    with pytest.raises(ContentApiError, match=r"site/cramps/index\.html: the footer cites 'gone-source'"):
        api_page(_page('<span id="source-gone-source">Gone</span>'), "cramps/index.html", english)


@pytest.mark.parametrize("edition", ["", "es/"])
def test_every_file_the_page_for_reusers_names_is_published(site: Path, edition: str) -> None:
    named = {code.get_text() for code in article(site, f"{edition}developers/").select("code")}
    files = sorted(path for path in named if re.fullmatch(r"[\w./-]+\.(json|xml)", path))
    assert "api/manifest.json" in files
    assert [path for path in files if not (site / path).is_file()] == []
