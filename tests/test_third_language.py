"""docs/languages.md is the whole list: a copy of the project given a third language by its
steps alone (tests/fixtures/third_language/) builds, and that edition's pages, its scripts'
words, its search and its offline page are there, in its language.

One build of the copy, with both engines' shared steps: export, the engine (MkDocs) and the
post-build. Export alone would not do: the search index and the offline worker are written
from the built pages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.offline import WORKER
from sitegen.script_strings import SECTION
from sitegen.search import BUNDLE, ENTRY
from tests.helpers import ROOT, build_site
from tests.site_html import attribute, html_pages, soup

pytestmark = pytest.mark.slow  # a whole build of three editions

LANG = "pt"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "third_language" / f"{LANG}.yaml"
OWN: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
"""The third language's own words; its other texts are the Spanish ones, standing in."""


def add_language(project: Path) -> None:
    """The steps of docs/languages.md, for Portuguese: its words, its data's texts and its
    hand-written pages; nothing else in the project changes."""
    words = yaml.safe_load((project / "sitegen" / "strings" / "es.yaml").read_text(encoding="utf-8"))
    words[SECTION] |= OWN[SECTION]
    words |= {key: text for key, text in OWN.items() if key != SECTION}
    text = yaml.safe_dump(words, allow_unicode=True, sort_keys=False, width=1000)
    (project / "sitegen" / "strings" / f"{LANG}.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(project / "data" / "es", project / "data" / LANG)
    shutil.copytree(project / "content" / "es", project / "content" / LANG)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("third-language")
    project = folder / "project"
    ignored = shutil.ignore_patterns(".venv", "site", ".git", ".site-build.*", "bench", "tests", "node_modules")
    shutil.copytree(ROOT, project, ignore=ignored)
    add_language(project)
    # Run in the copy, as ./site-build.sh would: Python imports the copy's sitegen, with its words.
    result = build_site(project, folder / "site")
    assert result.returncode == 0, result.stderr
    return folder / "site"


def test_its_pages_are_in_its_language_with_a_switch_from_every_edition(site: Path) -> None:
    pages = html_pages(site / LANG)
    assert len(pages) == len(html_pages(site / "es")) > 50
    home = soup(site / LANG / "index.html")
    assert attribute(home.html, "lang") == LANG
    assert home.title is not None and OWN["site_name"] in home.title.get_text()
    for edition in ("", "es/"):
        switch = soup(site / edition / "index.html").find("a", hreflang=LANG)
        assert switch is not None and switch.get_text(strip=True) == OWN["language_name"], edition
    assert attribute(soup(site / LANG / "404.html").html, "lang") == LANG


def test_its_scripts_get_its_words(site: Path) -> None:
    script = (site / LANG / "assets" / "strings.js").read_text(encoding="utf-8")
    found = re.search(r"const STRINGS=(\{.*?\});", script)
    assert found is not None
    table = json.loads(found.group(1))
    assert {key: table[key] for key in OWN[SECTION]} == OWN[SECTION]


def test_its_search_holds_its_pages_and_its_own_vocabulary(site: Path) -> None:
    entry = json.loads((site / BUNDLE / ENTRY).read_text(encoding="utf-8"))
    indexed = len([page for page in html_pages(site / LANG) if b"data-pagefind-body" in page.read_bytes()])
    assert entry["languages"][LANG]["page_count"] == indexed > 50
    assert json.loads((site / BUNDLE / f"vocabulary.{LANG}.json").read_text(encoding="utf-8"))


def test_its_offline_page_is_in_its_language(site: Path) -> None:
    found = re.search(r"^const BUILD = (.*);$", (site / WORKER).read_text(encoding="utf-8"), re.M)
    assert found is not None
    build = json.loads(found.group(1))
    page = build["offline"][f"{LANG}/"]
    assert (page["lang"], page["heading"], page["title"]) == (LANG, OWN["offline.heading"], OWN["offline.title"])
