"""Search: what Pagefind indexes, and the header's search box as a reader uses it in Chromium.

The reader phrasings and the pages they should find are in tests/search_queries.yaml, with a
set of misspelled ones the box corrects; the run prints each set's share found in the first
three results. Other expectations come from the
data (a FAQ's question, its id), never from a list of known results.
"""

from __future__ import annotations

import copy
import gzip
import json
import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from sitegen import search as index
from sitegen import urls
from sitegen.dataset import Dataset
from sitegen.kinds import KINDS, records
from sitegen.markers import MARKER, PAGE_FILES
from sitegen.pages import render_pages
from tests.helpers import ROOT, follow_instant_navigation, real_dataset, real_editions
from tests.recorder import Recorder
from tests.site_html import EDITIONS, attribute, every_edition, html_pages, page_file, soup, text_of

DATA = real_dataset()
Result = dict[str, Any]
"""One result as the search box shows it (`shown`)."""
QUERY_FILE = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
QUERIES = QUERY_FILE["queries"]
MISSPELLED = QUERY_FILE["misspelled"]
SITUATIONS = QUERY_FILE["situations"]
VOCABULARY_BUDGET = 20 * 1024
LAY_TERMS = [term for kind in KINDS for record in records(DATA, kind) for term in getattr(record, "lay_terms", ())]
TOP = 3
BAR = 0.9
FIRST_QUERY_BUDGET = 120 * 1024
WARM_QUERY_BUDGET_MS = 10

BOX = "[data-site-search-input]"
RESULTS = "[data-site-search-results]"
SETTLED = "() => document.querySelector('[data-site-search-results]').getAttribute('aria-busy') === 'false'"
NOTICE = "[data-site-search-status] [data-site-search-correction]"
SHOWING = re.compile(r"^(?:Showing results for|Resultados para) (.+)\. $")
"""The notice above corrected results, in each edition's words (content/assets/strings.js)."""


def expected_type(url: str) -> str:
    """A page's search type, by the URL contract: entity pages by kind, the FAQ, else a page."""
    section = url.split("/")[0]
    if url.count("/") == 2 and section in urls.SECTIONS:
        return {"guides": "guide", "causes": "cause", "conditions": "condition", "specialists": "specialist"}[section]
    return "faq" if url == urls.PAGES["faq"].url else "page"


def site_url(site: Path, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


# -- what is indexed --------------------------------------------------------------------------


def test_only_the_main_content_of_each_page_is_indexed(site: Path) -> None:
    for path in html_pages(site):
        html = soup(path)
        bodies = html.select("[data-pagefind-body]")
        assert len(bodies) == 1 and bodies[0].name == "article", f"{path}: index the article, only it"
        for outside in (".md-banner", ".md-header", ".md-sidebar", ".md-footer", "[data-site-search]"):
            for element in html.select(outside):
                assert element.find_parent(attrs={"data-pagefind-body": True}) is None, f"{path}: {outside} is indexed"


def test_each_page_is_typed_for_the_filter_and_the_result_label(site: Path) -> None:
    for path in html_pages(site):
        url = site_url(site, path)
        article = soup(path).select_one("[data-pagefind-body]")
        assert attribute(article, "data-pagefind-meta") == f"type:{expected_type(url)}", url


def test_the_search_box_knows_the_type_of_every_indexed_page(site: Path) -> None:
    types = json.loads((site / "pagefind" / "page-types.json").read_text(encoding="utf-8"))
    fragments = sorted(p.stem for p in (site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert sorted(types) == fragments
    editions = every_edition(site)  # one index holds every edition's pages
    assert sorted(types.values()) == sorted(expected_type(site_url(e, p)) for e in editions for p in html_pages(e))


ENTITIES = [
    (kind, r.id) for kind in ("causes", "conditions", "specialists") for r in getattr(getattr(DATA, kind), kind)
]
SECTIONS = [("faqs", r.id) for r in DATA.faqs.faqs] + [("red_flags", r.id) for r in DATA.red_flags.red_flags]


def lay_terms(kind: str, record_id: str) -> tuple[str, ...]:
    terms: tuple[str, ...] = getattr(DATA.by_id[kind][record_id], "lay_terms", ())
    return terms


@pytest.mark.parametrize(("kind", "record_id"), [e for e in ENTITIES if lay_terms(*e)])
def test_an_entity_page_shows_its_lay_terms_weighted_for_search(site: Path, kind: str, record_id: str) -> None:
    url = urls.entity(kind, record_id).url
    terms = soup(page_file(site, url)).select_one("[data-pagefind-body] .lay-terms[data-pagefind-weight]")
    assert terms is not None and not terms.has_attr("hidden"), f"{url}: lay terms not shown with a search weight"
    for term in lay_terms(kind, record_id):
        assert term in text_of(terms), f"{url}: lay term {term!r} missing"


@pytest.mark.parametrize(("kind", "record_id"), [e for e in SECTIONS if lay_terms(*e)])
def test_a_faq_or_warning_sign_carries_its_lay_terms_in_its_own_section(site: Path, kind: str, record_id: str) -> None:
    place = urls.entity(kind, record_id).url
    heading = soup(page_file(site, place.split("#")[0])).select_one(f"[data-pagefind-body] #{record_id}")
    assert heading is not None, f"{place}: no heading"
    terms = heading.find_next(attrs={"data-pagefind-weight": True})
    in_section = terms is not None and terms.find_previous(["h1", "h2", "h3", "h4"]) is heading
    assert in_section and terms is not None, f"{place}: no weighted terms in its section"
    assert terms.has_attr("hidden"), f"{place}: search terms should not be shown twice"
    for term in lay_terms(kind, record_id):
        assert term in text_of(terms), f"{place}: lay term {term!r} missing"


FIXED_PAGES = {place.doc for place in urls.PAGES.values()}


def data_file_pages(dataset: Dataset) -> dict[str, str]:
    """Each data file that is a page too (models.PageFile), by the URL of its page: the first
    fixed page made from it (the checker before its list of paths), or the hand-written page
    with its `terms` marker."""
    pages: dict[str, str] = {}
    for page in render_pages(dataset, emergency_number="999"):
        if page.doc in FIXED_PAGES and page.front.data_file in PAGE_FILES:
            pages.setdefault(page.front.data_file, urls.url_of_doc(page.doc))
    for path in sorted((ROOT / "content").glob("*.md")):
        for marker in MARKER.finditer(path.read_text(encoding="utf-8")):
            if marker["kind"] == "terms":
                pages[marker["name"]] = urls.url_of_doc(path.name)
    return pages


@pytest.mark.parametrize("edition", real_editions(), ids=lambda edition: edition.lang)
def test_a_page_made_from_a_data_file_carries_its_readers_words_hidden_under_its_title(
    site: Path, edition: Any
) -> None:
    """So "cramp log" finds the diary and "which doctor" the specialists: the words are the
    page's, not a section's (before its first subheading), and shown nowhere twice."""
    pages = data_file_pages(edition.dataset)
    assert set(pages) == set(PAGE_FILES), "a data file whose readers' words no page carries"
    for stem, url in pages.items():
        words = getattr(edition.dataset, stem).lay_terms
        title = soup(page_file(site, edition.prefix + url)).select_one("[data-pagefind-body] h1")
        assert title is not None, url
        terms = title.find_next(attrs={"data-pagefind-weight": True})
        if not words:
            assert terms is None or terms.find_previous(["h1", "h2"]) is not title, f"{url}: empty search terms"
            continue
        assert terms is not None and terms.find_previous(["h1", "h2"]) is title, f"{url}: no terms under its title"
        assert terms.has_attr("hidden"), f"{url}: search terms should not be shown"
        assert text_of(terms) == ", ".join(words), f"{url}: not the words of data/{stem}.yaml"


def test_the_index_covers_every_page_and_ships_only_what_search_uses(site: Path, figure: Callable[[str], None]) -> None:
    bundle = site / "pagefind"
    entry = json.loads((bundle / index.ENTRY).read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(html_pages(site))
    for folder in EDITIONS:  # Pagefind keeps each language's pages apart, by <html lang>
        assert entry["languages"][folder]["page_count"] == len(html_pages(site / folder))
    assert not list(bundle.glob("pagefind-*ui*")), "Pagefind's own UIs are not used and should not be published"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    runtime = [p for p in files if p.suffix in (".js", ".pagefind")]  # Pagefind's code, the same for any site
    figure(
        f"[search] bundle: {kilobytes(files):.0f} KB in {len(files)} files for {len(html_pages(site))} pages;"
        f" index data {kilobytes(set(files) - set(runtime)):.0f} KB in {len(files) - len(runtime)} files,"
        f" Pagefind runtime {kilobytes(runtime):.0f} KB in {len(runtime)} files"
    )


def vocabulary_of(site: Path) -> dict[str, int]:
    pairs = json.loads(
        (site / "pagefind" / index.VOCABULARY).read_text(encoding="utf-8"), object_pairs_hook=lambda pairs: pairs
    )
    words = [word for word, _ in pairs]
    assert len(set(words)) == len(words), "a word listed twice"
    return dict(pairs)


def indexed_words(edition: Path) -> set[str]:
    """What Pagefind indexed of an edition's pages, from the pages themselves: each article, less
    what is ignored (the marked elements, the excluded selectors, and the footers, which Pagefind
    leaves out itself)."""
    indexed: set[str] = set()
    for path in html_pages(edition):
        # A copy: soup() is cached for every test, and this takes the skipped parts out.
        body = copy.copy(soup(path)).select_one("[data-pagefind-body]")
        assert body is not None, path
        for skipped in body.select(", ".join(("[data-pagefind-ignore]", "footer", *index.EXCLUDE_SELECTORS))):
            skipped.decompose()
        indexed.update(index.vocabulary_words(body.get_text(" ")))
    return indexed


def test_the_spelling_vocabulary_is_the_indexed_words_and_the_lay_terms_small_and_sorted(
    site: Path, figure: Callable[[str], None]
) -> None:
    vocabulary = vocabulary_of(site)
    assert list(vocabulary) == sorted(vocabulary)
    for word, count in vocabulary.items():
        assert word == word.lower() and word.isalpha() and len(word) >= index.SHORTEST_WORD, word
        assert isinstance(count, int) and count >= 1, word
    indexed = indexed_words(site)
    lay = {word for term in LAY_TERMS for word in index.vocabulary_words(term)}
    assert lay <= set(vocabulary), sorted(lay - set(vocabulary))
    assert set(vocabulary) == indexed | lay, (
        sorted(set(vocabulary) - indexed - lay),
        sorted(indexed - set(vocabulary)),
    )
    raw = (site / "pagefind" / index.VOCABULARY).read_bytes()
    packed = len(gzip.compress(raw, 6))
    figure(f"[search] vocabulary: {len(vocabulary)} words, {len(raw)} bytes, {packed} bytes gzip")
    assert packed <= VOCABULARY_BUDGET


def kilobytes(paths: Iterable[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1024


# -- the search box in a browser --------------------------------------------------------------


def search(page: Page, query: str) -> list[Result]:
    """Type `query` into the header's box and return the results as shown."""
    box = page.locator(BOX)
    box.click()
    box.fill(query)
    page.wait_for_function(SETTLED)
    return shown(page)


def notice(page: Page) -> str | None:
    """The corrected query after "Showing results for", or None when the box shows no notice."""
    box = page.locator(NOTICE)
    if not box.count():
        return None
    match = SHOWING.match(box.text_content() or "")
    assert match, box.text_content()
    return match.group(1)


def shown(page: Page) -> list[Result]:
    results: list[Result] = page.evaluate(
        """() => [...document.querySelectorAll('[data-site-search-results] > li')].map(li => {
             const a = li.querySelector('.site-search__result');
             return {href: a.href, type: a.querySelector('.site-search__type')?.textContent,
                     title: a.querySelector('.site-search__title').textContent,
                     excerpt: a.querySelector('.site-search__excerpt')?.innerHTML ?? '',
                     sections: [...li.querySelectorAll('.site-search__section')].map(s => s.href)};
           })"""
    )
    return results


def found_at(result: Result, expected: str) -> bool:
    """Whether a shown result is the expected place (see tests/search_queries.yaml)."""
    if "#" in expected:
        return expected in (result["href"], *result["sections"])
    return str(result["href"]).split("#")[0] == expected


AS_THE_BOX_FINDS = """async ({queries, top}) => {
  const box = document.querySelector('[data-site-search]').siteSearch;
  const url = (relative) => new URL(relative, document.baseURI).href;
  const found = {};
  for (const query of queries) {
    const { searched, ranked } = await box.find(query);
    const results = [];
    for (const item of ranked) {
      const [entry] = (await box.entries([item])) || [];
      if (entry) results.push({ href: url(entry.url), sections: entry.sections.map((s) => url(s.url)) });
      if (results.length === top) break;
    }
    found[query] = { corrected: searched === query ? null : searched, results };
  }
  return found;
}"""
"""Each query's first `top` results and its correction, as the page's own search box finds and
shows them (content/assets/search.js `find` and `entries`), without typing each one in: all of a
set in one call. `test_the_box_shows_what_it_finds` proves the box shows the same."""


def as_the_box_finds(page: Page, queries: list[str], top: int = TOP) -> dict[str, dict[str, Any]]:
    page.locator("[data-site-search]").wait_for(state="attached")
    found: dict[str, dict[str, Any]] = page.evaluate(AS_THE_BOX_FINDS, {"queries": queries, "top": top})
    return found


def top_three_share(
    page: Page, root: str, cases: list[dict[str, str]], label: str, report: Callable[[str], None]
) -> tuple[float, list[str], dict[str, str | None]]:
    """Search each case; report and return the share found in the first three, the misses,
    and the corrected query each case showed (None: no notice)."""
    found = as_the_box_finds(page, [case["query"] for case in cases])
    misses = []
    for case in cases:
        results = found[case["query"]]["results"]
        places = [case["expect"]] if isinstance(case["expect"], str) else case["expect"]
        if not any(found_at(r, urljoin(root, place)) for r in results for place in places):
            misses.append(f"{case['query']!r}: wanted {case['expect']}, got {[r['href'] for r in results]}")
    share = 1 - len(misses) / len(cases)
    report(f"[search] top-{TOP} share, {label}: {len(cases) - len(misses)}/{len(cases)} = {share:.0%}")
    for miss in misses:
        report(f"[search]   missed {miss}")
    return share, misses, {query: result["corrected"] for query, result in found.items()}


def box_shows_what_it_finds(page: Page, queries: list[str]) -> None:
    """Typed into the box, each query shows the results and the notice `as_the_box_finds` gives
    it just after, with the same parts of the index loaded: Pagefind (1.5.2) misses a word's
    longer forms held in an index chunk it has not loaded yet ("foot" finds the page saying
    "football" only once another search has loaded that chunk), so a first search and a later
    one can differ."""
    for query in queries:
        shown = [{"href": r["href"], "sections": r["sections"]} for r in search(page, query)[:TOP]]
        assert {"corrected": notice(page), "results": shown} == as_the_box_finds(page, [query])[query], query


@pytest.fixture
def home(served: dict[str, str], page: Page, recorded: Recorder) -> Iterator[Page]:
    """The home page; the test fails on anything a reader would not want (tests/recorder.py)."""
    page.goto(served["root"])
    yield page
    recorded.assert_clean()


@pytest.mark.browser
def test_reader_phrasings_find_the_expected_page_in_the_top_three(
    site: Path, served: dict[str, str], home: Page, figure: Callable[[str], None]
) -> None:
    assert len(QUERIES) >= 30
    share, misses, notices = top_three_share(home, served["root"], QUERIES, "reader phrasings", figure)
    assert share >= BAR, "\n".join(misses)
    # A query whose every word the index knows is searched as typed.
    vocabulary = vocabulary_of(site)
    for query, corrected in notices.items():
        if all(word in vocabulary for word in index.vocabulary_words(query)):
            assert corrected is None, f"{query!r} was corrected to {corrected!r}"


@pytest.mark.browser
def test_misspelled_queries_are_corrected_and_find_the_expected_page_in_the_top_three(
    served: dict[str, str], home: Page, figure: Callable[[str], None]
) -> None:
    assert len(MISSPELLED) >= 30
    share, misses, notices = top_three_share(home, served["root"], MISSPELLED, "misspelled", figure)
    assert share >= BAR, "\n".join(misses)
    for case in MISSPELLED:
        assert notices[case["query"]] is not None, f"{case['query']!r}: no correction shown"
        if "corrected" in case:
            assert notices[case["query"]] == case["corrected"], case["query"]


@pytest.mark.browser
def test_readers_questions_about_their_situation_find_the_page_that_answers_them(
    served: dict[str, str], home: Page, figure: Callable[[str], None]
) -> None:
    assert len(SITUATIONS) >= 40
    share, misses, _ = top_three_share(home, served["root"], SITUATIONS, "situation questions", figure)
    assert share >= BAR, "\n".join(misses)


@pytest.mark.browser
def test_who_is_unwell_is_not_a_topic(served: dict[str, str], home: Page) -> None:
    # "father" is in no page: it was corrected to "rather", and "dad" found the vitamin D page.
    queries = ["my father has cramps and is confused", "my dad has cramps and is confused", "cramps and is confused"]
    found = as_the_box_finds(home, queries)
    assert [found[q]["corrected"] for q in queries] == [None, None, None]
    assert found[queries[0]]["results"] == found[queries[1]]["results"] == found[queries[2]]["results"]


@pytest.mark.browser
def test_asking_whether_a_thing_is_good_asks_about_the_thing(served: dict[str, str], home: Page) -> None:
    # "good" is in pages ("the good trials") but is not what the reader asks about: searched,
    # it put two guides above the magnesium question.
    queries = ["is magnesium good for cramps", "magnesium for cramps"]
    found = as_the_box_finds(home, queries)
    assert found[queries[0]]["results"] == found[queries[1]]["results"]
    assert found[queries[0]]["results"][0]["href"].endswith("/faq/#magnesium")


@pytest.mark.browser
def test_who_did_what_and_when_is_not_a_topic(served: dict[str, str], home: Page) -> None:
    # "his", "since" and "giving" are in pages but say nothing of what the reader asks: searched,
    # they put the pages that hold them above the ones on the stroke and the tablets.
    pairs = [
        ("stiff arm and spasms since his stroke", "stiff arm spasms stroke"),
        ("water tablets are giving her cramps now", "water tablets cramps"),
    ]
    found = as_the_box_finds(home, [query for pair in pairs for query in pair])
    for said, meant in pairs:
        assert found[said]["results"] == found[meant]["results"], said


@pytest.mark.browser
def test_the_box_shows_what_it_finds(served: dict[str, str], home: Page) -> None:
    # A sample of both sets, corrected queries among them: the shares above are measured
    # without typing, through the same functions.
    box_shows_what_it_finds(home, [case["query"] for case in [*QUERIES[::10], *MISSPELLED[::10]]])


@pytest.mark.browser
def test_a_corrected_query_is_announced_above_the_results_as_text(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    results = search(page, "low magnezium")
    assert results and notice(page) == "low magnesium"
    status = page.locator("[data-site-search-status]")
    assert status.get_attribute("role") == "status"  # a live region: read out when it changes
    assert re.match(r"^Showing results for low magnesium\. \d+ results?, best first\.$", status.text_content() or "")
    assert page.locator(f"{NOTICE} strong").text_content() == "low magnesium"
    assert page.evaluate(  # text nodes and one <strong>, nothing parsed
        "() => [...document.querySelector('[data-site-search-correction]').childNodes]"
        ".every(n => n.nodeType === Node.TEXT_NODE || (n.tagName === 'STRONG' && n.children.length === 0))"
    )
    above = "() => { const s = document.querySelector('[data-site-search-status]');"
    above += " return !!(s.compareDocumentPosition(document.querySelector('#site-search-results')) & 4); }"
    assert page.evaluate(above)
    # The combobox contract holds: the box controls the listbox, and every result is a link.
    box = page.locator(BOX)
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "true"
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    assert listbox.get_attribute("role") == "listbox"
    options = listbox.locator("[role=option]")
    assert options.count() and all(o.evaluate("a => a.tagName === 'A' && !!a.href") for o in options.all())
    # Typing on to a correctly spelled query takes the notice away.
    search(page, "low magnesium")
    assert notice(page) is None
    assert (status.text_content() or "").endswith("best first.")


LAY_TERMS_AS_THE_BOX_SEES_THEM = """async terms => {
  const box = document.querySelector('[data-site-search]').siteSearch;
  const seen = {};
  for (const term of terms) {
    const { searched, ranked } = await box.find(term);
    seen[term] = [searched, ranked.length];
  }
  return seen;
}"""
"""What the search box (content/assets/search.js `find`) does with each term: the query it
searches after correction, and how many results it ranks; the box shows the notice when they differ."""


@pytest.mark.browser
def test_correctly_spelled_lay_terms_show_no_correction(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    terms = sorted(set(LAY_TERMS))
    seen = page.evaluate(LAY_TERMS_AS_THE_BOX_SEES_THEM, terms)
    assert [term for term in terms if seen[term][1] == 0] == [], "lay terms that find nothing"
    assert {term: searched for term, (searched, _) in seen.items() if searched != term} == {}


SPELLING_CASES = """async () => {
  const s = await import(new URL('assets/spelling.js', document.baseURI).href);
  const v = s.vocabularyOf({cramp: 9, cramps: 40, calf: 5, half: 50, sciatica: 3, magnesium: 7,
                            hypothyroidism: 2, night: 12, nigh: 1, leg: 8, weather: 3, whether: 4, bolt: 2, bolts: 2,
                            make: 2, run: 3, turning: 9, diuretics: 2, hair: 9, bar: 1});
  const es = s.vocabularyOf({'tétanos': 13, tetanos: 1, 'síntomas': 5, 'año': 3, calambre: 40, 'rápido': 2, rapido: 4});
  return {
    swap: s.distance('cramsp', 'cramps'), kitten: s.distance('kitten', 'sitting'),
    limited: s.distance('abcdef', 'uvwxyz', 2), same: s.distance('calf', 'calf'),
    edits: [3, 4, 5, 6, 11].map(s.maxEdits),
    known: s.correct('cramp', v), short: s.correct('lgs', v), digits: s.correct('b12x', v),
    one: s.correct('calff', v), tooFarForFive: s.correct('clmap', v), two: s.correct('sciatca', v),
    twoInLong: s.correct('magnezuim', v), threeIsTooMany: s.correct('mgnezuim', v),
    frequent: s.correct('wether', v), moreFrequent: s.correct('nigth', v), shorter: s.correct('bolte', v),
    start: s.correct('hipothyroid', v),
    apostrophe: s.correct("Cramp's", v), upper: s.correct('CRAMSP', v), shortTarget: s.correct('legg', v),
    inflected: ['making', 'running', 'diuretic', 'bolted'].map((w) => s.correct(w, v)),
    firstLetter: s.correct('bair', v),
    accented: ['tetanos', 'Sintomas', 'ano', 'calambre', 'tétanos', 'rapido'].map((w) => s.accented(w, es)),
  };
}"""


@pytest.mark.browser
def test_the_spelling_corrector_follows_its_rules(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    got = page.evaluate(SPELLING_CASES)
    assert got == {
        "swap": 1, "kitten": 3, "limited": 3, "same": 0,
        "edits": [0, 1, 1, 2, 2],
        "known": "cramp", "short": "lgs", "digits": "b12x",
        "one": "calf", "tooFarForFive": "clmap", "two": "sciatica",
        "twoInLong": "magnesium", "threeIsTooMany": "mgnezuim",
        "frequent": "whether", "moreFrequent": "night", "shorter": "bolt", "start": "hypothyroidism",
        "apostrophe": "Cramp's", "upper": "cramps", "shortTarget": "leg",
        "inflected": ["making", "running", "diuretic", "bolted"], "firstLetter": "bar",
        # Accents put back where the index mostly has them, never 'ñ' for 'n', nor over a commoner plain form.
        "accented": ["tétanos", "síntomas", None, None, None, None],
    }  # fmt: skip


@pytest.mark.browser
def test_slash_or_s_focuses_the_search_box_and_escape_closes_it(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"] + urls.PAGES["action-plan"].url)
    for key in ("/", "s"):
        page.locator("body").click()
        page.keyboard.press(key)
        assert page.evaluate("document.activeElement.matches('[data-site-search-input]')"), key
        assert page.locator(BOX).input_value() == ""  # the key is not typed
    page.keyboard.type("cramp")
    page.wait_for_function(SETTLED)
    panel = page.locator("[data-site-search-panel]")
    assert panel.is_visible()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert not page.evaluate("document.activeElement.matches('[data-site-search-input]')")


@pytest.mark.browser
def test_results_show_their_type_and_a_highlighted_excerpt(
    served: dict[str, str], page: Page, recorded: Recorder
) -> None:
    page.goto(served["root"])
    record = DATA.causes.causes[0]
    results = search(page, record.lay_terms[0])
    assert results, "no results"
    filters = page.locator("[data-site-search-types] [data-label]")
    labels = set(filters.evaluate_all("buttons => buttons.map(b => b.dataset.label)"))
    assert labels
    for result in results:
        assert result["type"] in labels, result
    first = results[0]
    assert "<mark>" in first["excerpt"], first
    assert page.locator(f"{RESULTS} .site-search__excerpt mark").first.is_visible()
    recorded.assert_clean()


@pytest.mark.browser
def test_arrow_keys_move_through_results_and_enter_opens_the_chosen_one(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    search(page, "cramps")
    box = page.locator(BOX)

    def active() -> str:
        chosen = box.get_attribute("aria-activedescendant")
        assert chosen, "no result is active"
        assert page.locator(f"#{chosen}").get_attribute("aria-selected") == "true"
        return chosen

    first = active()
    page.keyboard.press("ArrowDown")
    second = active()
    assert second != first
    page.keyboard.press("ArrowUp")
    assert active() == first
    page.keyboard.press("ArrowDown")
    target = page.locator(f"#{second}").evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


@pytest.mark.browser
def test_a_faq_question_is_its_own_result_and_opens_at_its_answer(served: dict[str, str], page: Page) -> None:
    faq = DATA.faqs.faqs[0]
    page.goto(served["root"])
    results = search(page, faq.question.lower().rstrip("?"))
    questions = [r for r in results if r["type"] == "FAQ"]
    assert questions and questions[0]["title"] == faq.question, results[:3]
    assert questions[0]["href"] == urljoin(served["root"], urls.entity("faqs", faq.id).url)
    page.locator(f"{RESULTS} .site-search__result", has_text=faq.question).first.click()
    page.wait_for_url(f"**/{urls.entity('faqs', faq.id).url}")
    heading = page.locator(f"#{faq.id}")
    in_view = (
        "id => { const el = document.getElementById(id);"
        " return !!el && el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().top < 400; }"
    )
    page.wait_for_function(in_view, arg=faq.id)
    assert faq.question in (heading.text_content() or "")
    assert page.locator("[data-site-search-panel]").is_hidden()


@pytest.mark.browser
def test_the_type_filter_shows_only_pages_of_that_type(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    everything = search(page, "magnesium")  # a cause, a guide, the action plan, a FAQ question
    assert len({r["type"] for r in everything}) > 1
    causes = page.locator("[data-site-search-types] [data-type=cause]")
    causes.click()
    page.wait_for_function(SETTLED)
    assert causes.get_attribute("aria-pressed") == "true"
    filtered = shown(page)
    assert filtered and {r["type"] for r in filtered} == {"Cause"}
    assert page.evaluate("document.activeElement.matches('[data-site-search-input]')")
    page.locator("[data-site-search-types] [data-type='']").click()
    page.wait_for_function(SETTLED)
    assert len({r["type"] for r in shown(page)}) > 1


@pytest.mark.browser
def test_a_filter_with_nothing_to_show_is_disabled(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"])
    results = search(page, "claudication")  # a word few pages use: every result fits on one screen
    assert results and page.locator("[data-site-search-more]").is_hidden()  # all are shown
    types = {r["type"] for r in results}
    buttons = page.locator("[data-site-search-types] [data-label]").all()
    assert any(b.is_disabled() for b in buttons) or len(types) == len(buttons)
    for button in buttons:
        label = button.get_attribute("data-label")
        assert button.is_disabled() == (label not in types), label


@pytest.mark.browser
def test_search_survives_instant_navigation(site: Path, served: dict[str, str], page: Page, recorded: Recorder) -> None:
    instant = served["subpath"]
    follow_instant_navigation(page, site, instant)
    page.goto(instant)
    page.evaluate("window.samePage = true")
    search(page, "magnesium")
    page.keyboard.press("Escape")

    def check_search_on(url: str) -> list[Result]:
        assert page.evaluate("window.samePage === true"), f"{url}: a full page load, not instant navigation"
        assert page.locator("[data-site-search]").count() == 1
        assert page.locator(".site-search__form:visible").count() == 1
        assert page.locator("[data-site-search-panel]").is_hidden()
        results = search(page, "water pills")
        assert results and all(r["href"].startswith(instant) for r in results), results[:2]
        assert page.locator(f"{RESULTS} > li").count() == len(results)  # no doubled lists
        return results

    for target in (urls.PAGES["action-plan"].url, urls.PAGES["specialists"].url):
        page.locator(f".md-sidebar--primary a[href$='{target}']").first.click()
        page.wait_for_url(instant + target)
        results = check_search_on(target)
        page.keyboard.press("Escape")
    # Following a result is an instant navigation too; search again on the page it opens.
    page.locator(BOX).click()
    page.keyboard.press("Enter")
    page.wait_for_url(results[0]["href"])
    check_search_on(results[0]["href"])
    recorded.assert_clean()


@pytest.mark.browser
def test_search_works_when_the_site_is_served_from_a_sub_path(
    served: dict[str, str], page: Page, recorded: Recorder
) -> None:
    base = served["subpath"]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + urls.entity("causes", DATA.causes.causes[0].id).url)
    results = search(page, "water pills")
    assert results
    for result in results:
        for href in (result["href"], *result["sections"]):
            assert href.startswith(base), href
    bundle = [r for r in requests if "/pagefind/" in r]
    assert bundle and all(r.startswith(base + "pagefind/") for r in bundle), bundle
    page.keyboard.press("Enter")
    page.wait_for_url(results[0]["href"])
    assert page.locator("article h1").text_content()
    recorded.assert_clean()


@pytest.mark.browser
def test_without_javascript_the_search_control_offers_the_overview_pages(
    served: dict[str, str], browser: Browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(served["subpath"] + urls.PAGES["faq"].url)
        assert page.locator(".site-search__form").is_hidden()
        control = page.locator("[data-site-search-browse] summary")
        assert control.is_visible()
        control.click()
        links = page.locator("[data-site-search-browse] a")
        overviews = ("causes", "conditions", "specialists", "faq")
        expected = {urljoin(served["subpath"], urls.PAGES[p].url) for p in overviews}
        hrefs = {urljoin(page.url, links.nth(i).get_attribute("href") or "") for i in range(links.count())}
        assert expected <= hrefs
        assert links.first.is_visible()
        for href in sorted(hrefs):
            response = page.goto(href)
            assert response is not None and response.ok, href
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_use_the_material_palette_of_the_scheme(
    served: dict[str, str], browser: Browser, scheme: Literal["light", "dark"]
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(served["root"])
        search(page, "twitching")  # results of several types, one with section links
        colours = page.evaluate(
            """() => {
                 // The backgrounds behind an element, from it outwards to the first opaque one.
                 const behind = (el) => { const layers = [];
                   for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
                     if (c === 'rgba(0, 0, 0, 0)') continue; layers.push(c); if (!c.startsWith('rgba')) break; }
                   return layers; };
                 const panel = document.querySelector('[data-site-search-panel]');
                 const probe = document.createElement('div'); probe.style.color = 'var(--md-default-bg-color)';
                 document.body.append(probe);
                 const text = {};
                 for (const s of ['.site-search__status', '.site-search__type', '.site-search__title',
                                  '.site-search__excerpt', '.site-search__section',
                                  '.site-search__type-filter[aria-pressed=true]',
                                  '.site-search__type-filter[aria-pressed=false]:not(:disabled)']) {
                   const el = document.querySelector(s); text[s] = [getComputedStyle(el).color, behind(el)];
                 }
                 return {panel: getComputedStyle(panel).backgroundColor, page: getComputedStyle(probe).color,
                         scheme: document.body.dataset.mdColorScheme, text}; }"""
        )
        assert colours["scheme"] == {"light": "default", "dark": "slate"}[scheme]
        assert colours["panel"] == colours["page"], colours
        for selector, (colour, layers) in colours["text"].items():
            assert contrast(colour, *layers) >= 4.5, f"{selector}: {colour} on {layers}"
    finally:
        context.close()


def contrast(foreground: str, *backgrounds: str) -> float:
    """WCAG contrast ratio of a CSS `rgb()`/`rgba()` colour over layered backgrounds (innermost first)."""

    def channels(colour: str) -> list[float]:
        values = [float(v) for v in colour[colour.index("(") + 1 : -1].replace("/", " ").replace(",", " ").split()]
        return values + [1.0] * (4 - len(values))

    def over(top: list[float], bottom: list[float]) -> list[float]:
        return [top[i] * top[3] + bottom[i] * (1 - top[3]) for i in range(3)] + [1.0]

    base = [255.0, 255.0, 255.0, 1.0]
    for layer in reversed(backgrounds):
        base = over(channels(layer), base)
    text = over(channels(foreground), base)

    def luminance(rgb: list[float]) -> float:
        lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(text), luminance(base)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.browser
def test_a_first_query_stays_small_and_warm_queries_are_fast(
    site: Path, served: dict[str, str], page: Page, figure: Callable[[str], None]
) -> None:
    page.goto(served["root"])
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    query = DATA.faqs.faqs[0].question
    search(page, query)
    page.wait_for_load_state("networkidle")
    fetched = {urlsplit(r).path.removeprefix("/") for r in requests}
    sizes = {path: gzipped_size(site / path) for path in fetched}
    total = sum(sizes.values())
    timings = page.evaluate(
        """async (words) => {
             const bundle = document.querySelector('[data-site-search]').siteSearch.bundle;
             const pagefind = await import(bundle + 'pagefind.js');  // the instance the box set up
             const times = [];
             for (const word of words) {
               const start = performance.now();
               await pagefind.search(word);
               times.push(performance.now() - start);
             }
             return times; }""",
        [t for f in DATA.faqs.faqs for t in f.lay_terms],
    )
    warm = statistics.median(timings)
    figure(f"[search] first query {query!r}: {len(fetched)} files, {total / 1024:.1f} KB gzip")
    figure(f"[search] warm pagefind.search: median {warm:.2f} ms, max {max(timings):.2f} ms, {len(timings)} queries")
    assert total <= FIRST_QUERY_BUDGET, sizes
    assert warm < WARM_QUERY_BUDGET_MS


def gzipped_size(path: Path) -> int:
    """Bytes on the wire with gzip; Pagefind's index files are compressed already."""
    data = path.read_bytes()
    compressed = path.suffix in (".pagefind", ".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter")
    return len(data) if compressed else len(gzip.compress(data, 6))
