"""sitegen.sitemaps: the root sitemap lists every edition's pages, each with hreflang alternates."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sitegen.sitemaps import SITEMAPS, XHTML, merge_sitemaps

BASE = "https://example.org/spasms/"


def sitemap(*locs: str) -> str:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>2026-12-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAPS}">{urls}</urlset>'


def entries(path: Path) -> dict[str, dict[str, str]]:
    root = ElementTree.parse(path).getroot()  # noqa: S314 (written by the test)
    return {
        u.findtext(f"{{{SITEMAPS}}}loc", ""): {
            x.get("hreflang", ""): x.get("href", "") for x in u.findall(f"{{{XHTML}}}link")
        }
        for u in root.findall(f"{{{SITEMAPS}}}url")
    }


def test_each_page_is_listed_with_its_twin_and_a_second_merge_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "es").mkdir()
    (tmp_path / "sitemap.xml").write_text(sitemap(BASE, f"{BASE}faq/", f"{BASE}only-english/"))
    (tmp_path / "es" / "sitemap.xml").write_text(sitemap(f"{BASE}es/", f"{BASE}es/faq/"))
    assert merge_sitemaps(tmp_path, {"en": "", "es": "es/"}) == 5
    first = (tmp_path / "sitemap.xml").read_bytes()
    found = entries(tmp_path / "sitemap.xml")
    assert found[f"{BASE}faq/"] == found[f"{BASE}es/faq/"] == {"en": f"{BASE}faq/", "es": f"{BASE}es/faq/"}
    assert found[f"{BASE}only-english/"] == {"en": f"{BASE}only-english/"}
    assert b"<lastmod>2026-12-01</lastmod>" in first
    merge_sitemaps(tmp_path, {"en": "", "es": "es/"})
    assert (tmp_path / "sitemap.xml").read_bytes() == first
