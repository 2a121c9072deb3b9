"""The page scripts (content/assets/*.js) as the engines load them, and what they share:
page.js (elements from data, a set-up on every page), strings.js (the words) and the
search box's ranking (ranking.js), each run on its own in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from sitegen.editions import Edition, load_editions
from sitegen.script_strings import SECTION
from tests.helpers import ROOT
from tests.site_html import attribute, page_file, soup

ASSETS = ROOT / "content" / "assets"
EDITIONS = load_editions(ROOT)


@pytest.mark.parametrize("url", ["", "triage/", "diary/"])
def test_every_page_script_is_loaded_as_a_module_by_each_engine(engine_site: Path, url: str) -> None:
    scripts = soup(page_file(engine_site, url)).find_all("script", src=True)
    sources = [(attribute(s, "src"), attribute(s, "type")) for s in scripts]
    ours = {src.rsplit("/", 1)[-1]: kind for src, kind in sources if "/javascripts/" not in src}
    mounted = {"triage/": {"triage.js"}, "diary/": {"diary.js"}}.get(url, set())
    assert set(ours) == {"search.js", "palette.js", "offline.js"} | mounted, url
    assert set(ours.values()) == {"module"}, ours


def test_every_script_builds_elements_with_page_js_and_never_parses_markup() -> None:
    for script in ASSETS.glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, script.name
        if script.name not in ("page.js", "strings.js", "ranking.js", "spelling.js", "offline.js"):
            assert 'from "./page.js"' in text, f"{script.name}: not on page.js"
            assert "document$" not in text, f"{script.name}: its own instant-navigation hook"


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


RANKING = """async () => {
  const r = await import(new URL('assets/ranking.js', document.baseURI).href);
  const { t } = await import(new URL('assets/strings.js', document.baseURI).href);
  const english = r.languageOf(t);
  const section = (id, weight) => ({ url: `/faq/#${id}`, title: id, excerpt: id, anchor: { element: 'h2' },
                                     weighted_locations: [{ weight: 1, balanced_score: weight }] });
  const faq = { sub_results: [section('often', 3), section('rarely', 1)] };
  const found = { cramp: [['guide', 5], ['cause', 1], ['faq', 2]], night: [['cause', 1], ['faq', 3]],
                  sciat: [['cause', 4]] };
  const searched = [];
  const pagefind = { search: async (term) => {
    searched.push(term);
    return { results: (found[term] || []).map(([id, score]) => ({ id, score, data: async () => faq })) };
  } };
  const types = new Map([['guide', 'guide'], ['cause', 'cause'], ['faq', 'faq']]);
  const ranked = await r.rank(pagefind, ['cramp', 'night'], types);
  const retried = await r.rank(pagefind, ['sciatca'], types);
  return {
    terms: [r.termsOf('Why do my legs cramp at night?', english), r.termsOf('why', english)],
    ranked: ranked.map((item) => [item.url || item.id, item.terms.length]),
    retried: [retried.map((item) => item.terms), searched.slice(-3)],
  };
}"""


@pytest.mark.browser
def test_the_ranking_puts_more_words_held_first_and_each_faq_question_on_its_own(
    served: dict[str, str], page: Page
) -> None:
    page.goto(served["root"])
    got = page.evaluate(RANKING)
    assert got["terms"] == [["legs", "cramp", "night"], ["why"]]
    # Both words beat a higher score for one; the FAQ's questions rank by their own section.
    assert got["ranked"] == [["/faq/#often", 2], ["/faq/#rarely", 2], ["cause", 2], ["guide", 1]]
    # A word found nowhere is searched as its beginning, one letter shorter at a time.
    assert got["retried"] == [[["sciat"]], ["sciatca", "sciatc", "sciat"]]
