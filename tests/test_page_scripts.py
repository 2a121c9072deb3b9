"""The page scripts (content/assets/) as the engines load them, and what they share: page.js
(elements from data, a set-up on every page), strings.js (the words) and care-card.js (the
checker's and the diary's care card, the same as the static pages'), run in Chromium; the
pure modules' own tests (tests/js/, Node's test runner)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from sitegen.editions import Edition
from sitegen.script_strings import SECTION
from tests.helpers import ROOT, real_editions
from tests.site_html import attribute, page_file, soup

ASSETS = ROOT / "content" / "assets"
EDITIONS = real_editions()


@pytest.mark.parametrize("url", ["", "triage/", "diary/"])
def test_every_page_script_is_loaded_as_a_module_by_each_engine(engine_site: Path, url: str) -> None:
    scripts = soup(page_file(engine_site, url)).find_all("script", src=True)
    sources = [(attribute(s, "src"), attribute(s, "type")) for s in scripts]
    ours = {src.rsplit("/", 1)[-1]: kind for src, kind in sources if "/javascripts/" not in src}
    mounted = {"triage/": {"triage.js"}, "diary/": {"diary.js"}}.get(url, set())
    assert set(ours) == {"search.js", "palette.js", "offline.js"} | mounted, url
    assert set(ours.values()) == {"module"}, ours


def test_every_script_builds_elements_with_page_js_and_never_parses_markup() -> None:
    for script in ASSETS.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        name = script.relative_to(ASSETS).as_posix()
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, name
        if name != "page.js":
            assert "createElement" not in text, f"{name}: builds elements without page.js"
            assert "document$" not in text, f"{name}: its own instant-navigation hook"


def test_the_pure_modules_pass_their_own_tests() -> None:
    """Ranking, spelling, the diary's CSV and entries, the checker's route: tests/js/*.test.mjs."""
    node = shutil.which("node")
    assert node, "Node.js 20 or later runs tests/js/ (node --test)"
    result = subprocess.run(
        [node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


PAGE_JS = """async () => {
  const { el } = await import(new URL('assets/page.js', document.baseURI).href);
  const clicked = [];
  const p = el('p', { class: 'x', hidden: true, title: null, off: false, click: () => clicked.push(1) },
               '<b>data</b>', null, false, ['a', ['b']], el('span', null, 'c'));
  p.click();
  return { html: p.outerHTML, clicked: clicked.length };
}"""


@pytest.mark.browser
def test_page_js_builds_elements_with_data_as_text(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    assert page.evaluate(PAGE_JS) == {
        "html": '<p class="x" hidden="">&lt;b&gt;data&lt;/b&gt;ab<span>c</span></p>',
        "clicked": 1,
    }


STRINGS = """async () => {
  const { t } = await import(new URL('assets/strings.js', document.baseURI).href);
  const count = t('search.count.many', { count: 3, among: '' });
  const data = t('search.none', { query: '{among}', among: '' });
  let missing = '';
  try { t('no.such.key'); } catch (error) { missing = error.message; }
  return { count, data, missing };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.lang)
def test_strings_are_the_edition_s_own_filled_in_once(served: dict[str, str], page: Page, edition: Edition) -> None:
    page.goto(served["root"] + edition.prefix)
    words = edition.t[SECTION]
    assert page.evaluate(STRINGS) == {
        "count": words["search.count.many"].format(count=3, among=""),
        "data": words["search.none"].format(query="{among}", among=""),
        "missing": 'assets/strings.js: no string "no.such.key"',
    }


CARE_CARDS = """async () => {
  const { careCard } = await import(new URL('../assets/care-card.js', document.baseURI).href);
  const element = (node) => ({
    tag: node.localName,
    attributes: Object.fromEntries([...node.attributes].map((attribute) => [attribute.name, attribute.value])),
    text: node.textContent,
  });
  const shown = (card) => {
    const [label, heading] = card.children;
    const title = [...heading.childNodes].slice(1).filter((node) => !node.classList?.contains('headerlink'));
    return {
      section: card.className,
      label: element(label),
      heading: heading.localName,
      hidden: element(heading.firstElementChild),
      title: title.map((node) => node.textContent).join(''),
    };
  };
  return [...document.querySelectorAll('article .care-card')].map((card) => {
    const page = shown(card);
    const level = card.className.match(/care-card--([\\w-]+)/)[1];
    const built = careCard({ level, label: card.children[0].textContent, heading: page.heading, title: page.title });
    return [page, shown(built)];
  });
}"""


@pytest.mark.browser
def test_the_scripts_care_card_shows_what_the_template_s_does(served: dict[str, str], page: Page) -> None:
    """Each static card of the warning signs' page, built again by care-card.js from its level,
    label and title: the same classes, visible label, hidden prefix and heading."""
    page.goto(served["root"] + "when-to-see-a-doctor/")
    cards = page.evaluate(CARE_CARDS)
    assert len(cards) >= 3
    for on_page, built in cards:
        assert built == on_page
