"""`python -m sitegen export DIR`: the complete docs tree an engine builds.

    DIR/mkdocs.yml   the project's mkdocs.yml with the navigation, the theme's data
                     (sitegen.theme_context) and paths into DIR; no hooks
    DIR/docs/        every page, hand-written and generated, finished (sitegen.finish),
                     and content/'s static files, its scripts and styles minified
                     (sitegen.minify), `assets/strings.js` with the edition's words
                     (sitegen.script_strings)
    DIR/overrides/   the theme overrides, as they are

MkDocs 1.6 and Zensical both read it as it is (sitegen.engines), so neither needs hooks
and both build the same pages at the same URLs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from sitegen import urls
from sitegen.content import ContentPage, content_pages
from sitegen.dataset import Dataset
from sitegen.editions import Edition, alternates, content_of, load_editions
from sitegen.finish import finish_page
from sitegen.front_matter import FrontMatter, with_front_matter
from sitegen.minify import minify_assets
from sitegen.navigation import navigation, unlisted
from sitegen.pages import render_pages
from sitegen.problems import DataError, Problem
from sitegen.script_strings import write_script_strings
from sitegen.site_config import CONFIG, read_config
from sitegen.strings import SOURCE, Strings
from sitegen.theme_context import theme_extra
from sitegen.translations import languages

DOCS = "docs"
OVERRIDES = "overrides"
SITE = "site"
"""Where Zensical writes the site inside the tree (it keeps `site_dir` within the project)."""

Page = tuple[str, FrontMatter, str, str, int]
"""A page to finish: its doc, front matter and body, the file its text comes from, and the line there."""

ENGINE_ONLY = ("hooks", "watch")
"""Settings of the project's mkdocs.yml that serve the live preview, not the export."""


def load_checked(root: Path) -> Dataset:
    """The English dataset, with every edition checked too (sitegen.editions); DataError lists
    every problem of the data, its translations and the hand-written pages."""
    return load_editions(root)[0].dataset


def export(root: Path, out: Path, edition: Edition | None = None, *, langs: list[str] | None = None) -> Dataset:
    """Write the docs tree of one edition (English by default) of the project at `root` into
    `out` (replaced); return its dataset. `langs`: the other editions, for the language switch."""
    if edition is None:
        editions = load_editions(root)
        edition, langs = editions[0], [e.lang for e in editions[1:]]
    langs = langs if langs is not None else languages(root / "data")
    others = [lang for lang in langs if lang != edition.lang]
    config = read_config(root / CONFIG)
    root_url = str(config.get("site_url") or "")
    site_url = root_url.rstrip("/") + "/" + edition.prefix if root_url else ""
    emergency_number = str(config.get("extra", {}).get("emergency_number", "911"))
    feedback_url = str(config.get("extra", {}).get("feedback_url", ""))
    if out.exists():
        shutil.rmtree(out)
    docs = out / DOCS
    content = root / str(config.get("docs_dir", "content"))
    shutil.copytree(content, docs, ignore=shutil.ignore_patterns("*.md", *langs))
    write_script_strings(docs / "assets", edition.t)
    minify_assets(docs / "assets")
    shutil.copytree(root / OVERRIDES, out / OVERRIDES)
    folder, skip = content_of(root, edition, langs)
    generated = render_pages(edition.dataset, emergency_number=emergency_number, t=edition.t)
    written = content_pages(folder, edition.folder, skip)
    _refuse_shadowed(written, {p.doc for p in generated})
    pages: list[Page] = [
        *((p.doc, p.front, p.body, p.where, p.body_line) for p in written),
        *((p.doc, p.front, p.body, p.doc, 1) for p in generated),
    ]
    everywhere = sorted({edition.lang, *others} - {SOURCE})
    for doc, front, body, where, first_line in pages:
        meta, body = finish_page(
            doc, front, body, edition.dataset,
            site_url=site_url, feedback_url=feedback_url, where=where, first_line=first_line, t=edition.t,
            alternates=alternates(urls.url_of_doc(doc), edition.lang, everywhere, root_url) if everywhere else None,
        )  # fmt: skip
        target = docs / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_front_matter(meta, body), encoding="utf-8")
    exported = engine_config(config, edition, site_url)
    (out / CONFIG).write_text(yaml.safe_dump(exported, sort_keys=False, allow_unicode=True))
    return edition.dataset


def _refuse_shadowed(written: list[ContentPage], generated: set[str]) -> None:
    """A hand-written page at the address of a generated one would never be published."""
    problems = [
        Problem(page.where, 1, "(file)", f"the data already makes the page {page.doc}; rename or delete this file")
        for page in written
        if page.doc in generated
    ]
    if problems:
        raise DataError(problems)


def engine_config(config: dict[str, Any], edition: Edition, site_url: str = "") -> dict[str, Any]:
    """The exported `mkdocs.yml`: the project's, pointed at the tree, with the nav and theme data,
    in the edition's language (Material's own interface words too, through `theme.language`)."""
    t = edition.t
    exported = {key: value for key, value in config.items() if key not in ENGINE_ONLY}
    exported["docs_dir"] = DOCS
    exported["site_dir"] = SITE
    if site_url:
        exported["site_url"] = site_url
    exported["site_name"] = t("site_name")
    exported["site_description"] = t("site_description")
    exported["copyright"] = t("copyright")
    theme = {**config.get("theme", {}), "custom_dir": OVERRIDES, "language": edition.lang}
    theme["palette"] = [_palette(scheme, t) for scheme in theme.get("palette", [])]
    exported["theme"] = theme
    site_root = "../" * edition.prefix.count("/")
    exported["extra"] = {**config.get("extra", {}), **theme_extra(edition.dataset, t, site_root)}
    exported["nav"] = navigation(edition.dataset, t)
    if not_in_nav := unlisted(edition.dataset):
        exported["not_in_nav"] = not_in_nav
    exported["markdown_extensions"] = [_permalink_title(ext, t) for ext in config.get("markdown_extensions", [])]
    return exported


def _palette(scheme: dict[str, Any], t: Strings) -> dict[str, Any]:
    """A colour scheme whose toggle is named in the edition's language."""
    toggle = scheme.get("toggle")
    if not isinstance(toggle, dict):
        return scheme
    name = t("dark_mode") if scheme.get("scheme") == "default" else t("light_mode")
    return {**scheme, "toggle": {**toggle, "name": name}}


def _permalink_title(extension: Any, t: Strings) -> Any:
    """The heading permalinks' title, in the edition's language."""
    if isinstance(extension, dict) and isinstance(extension.get("toc"), dict):
        return {"toc": {**extension["toc"], "permalink_title": t("permalink_title")}}
    return extension
