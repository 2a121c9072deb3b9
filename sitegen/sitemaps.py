"""One sitemap for every edition: the root `sitemap.xml` lists each page of each edition, with
`xhtml:link rel="alternate" hreflang` to the same page in every edition, which is how search
engines learn that `/causes/dehydration/` and `/es/causes/dehydration/` are one page in two
languages. An edition's own `sitemap.xml` (in its folder) stays as its engine wrote it:
Material's instant navigation on that edition's pages reads it, and it lists only pages of the
edition's language, so a click never swaps a page of another language into the current one.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.etree import ElementTree

SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NAME = "sitemap.xml"


def _entries(path: Path) -> dict[str, ElementTree.Element]:
    """A sitemap's `<url>` elements by their address."""
    tree = ElementTree.parse(path)  # noqa: S314 (the engine's own output, just written)
    return {url.findtext(f"{{{SITEMAPS}}}loc", "").strip(): url for url in tree.getroot().iter(f"{{{SITEMAPS}}}url")}


def _relative(entries: dict[str, ElementTree.Element], base: str, skip: list[str]) -> dict[str, ElementTree.Element]:
    """The entries under `base`, by address relative to it, less those under another edition's
    folder (`skip`): the root's own, merged sitemap lists them too, when post-build runs again."""
    found = {loc.removeprefix(base): url for loc, url in entries.items() if loc.startswith(base)}
    return {page: url for page, url in found.items() if not any(page.startswith(s) for s in skip)}


def _address(entries: dict[str, ElementTree.Element]) -> str:
    """The site's address (its `site_url`): its home page's, the shortest listed."""
    return min(entries, key=len).rstrip("/") + "/"


def site_address(site_dir: Path) -> str:
    """The site's address, read from the root sitemap its engine wrote (the build has no other
    record of `site_url` once the engine has run)."""
    return _address(_entries(site_dir / NAME))


def merge_sitemaps(site_dir: Path, prefixes: dict[str, str]) -> int:
    """Write the root sitemap from every edition's (`prefixes`: lang -> folder, `""` for the root's);
    return the number of addresses listed."""
    if not (site_dir / NAME).is_file():
        return 0
    english = _entries(site_dir / NAME)
    if not english:
        return 0
    root = _address(english)
    folders = [prefix for prefix in prefixes.values() if prefix]
    editions = {
        lang: _relative(_entries(site_dir / prefix / NAME), root + prefix, [] if prefix else folders)
        for lang, prefix in prefixes.items()
    }
    ElementTree.register_namespace("", SITEMAPS)
    ElementTree.register_namespace("xhtml", XHTML)
    urlset = ElementTree.Element(f"{{{SITEMAPS}}}urlset")
    for entries in editions.values():
        for page, original in entries.items():
            url = ElementTree.SubElement(urlset, f"{{{SITEMAPS}}}url")
            for child in original:
                if not child.tag.startswith(f"{{{XHTML}}}"):  # the alternates of an earlier merge
                    url.append(child)
            for other, others in editions.items():
                if page in others:
                    href = root + prefixes[other] + page
                    ElementTree.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=other, href=href)
    ElementTree.indent(urlset)
    text = ElementTree.tostring(urlset, encoding="unicode", xml_declaration=True) + "\n"
    (site_dir / NAME).write_text(text, encoding="utf-8")
    if (site_dir / f"{NAME}.gz").is_file():
        (site_dir / f"{NAME}.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return len(urlset)
