"""Search in the Spanish edition: /es/ searches only Spanish pages (Pagefind splits its index by
`<html lang>`), finds them by Spanish readers' own words (the data's Spanish `lay_terms`), offers
the same type filters and FAQ sub-results in Spanish, and corrects misspellings from a Spanish
vocabulary. The phrasings and their pages are in tests/search_queries_es.yaml; the run prints
the share found in the first three results (bar: 90%).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import Page

from sitegen import search as index
from sitegen.kinds import KINDS, SEARCH_TYPES, records
from tests.helpers import ROOT, real_editions
from tests.recorder import Recorder
from tests.test_search import BAR, as_the_box_finds, box_shows_what_it_finds, indexed_words, search, top_three_share

SPANISH = real_editions()[1]
QUERY_FILE = yaml.safe_load((ROOT / "tests" / "search_queries_es.yaml").read_text(encoding="utf-8"))
QUERIES = QUERY_FILE["queries"]
SITUATIONS = QUERY_FILE["situations"]
LAY_TERMS = [t for kind in KINDS for r in records(SPANISH.dataset, kind) for t in getattr(r, "lay_terms", ())]


def test_the_spanish_vocabulary_is_the_spanish_pages_words_and_lay_terms(site: Path) -> None:
    bundle = site / "pagefind"
    spanish = json.loads((bundle / index.vocabulary_file("es")).read_text(encoding="utf-8"))
    english = json.loads((bundle / index.VOCABULARY).read_text(encoding="utf-8"))
    indexed = indexed_words(site / "es")
    lay = {word for term in LAY_TERMS for word in index.vocabulary_words(term)}
    assert set(spanish) == indexed | lay
    assert {"calambre", "tirón", "agujetas", "pantorrilla", "contractura"} <= set(spanish)
    assert not {"calambre", "agujetas", "pantorrilla"} & set(english), "Spanish words in the English vocabulary"


@pytest.mark.browser
def test_spanish_phrasings_find_the_expected_page_in_the_top_three(
    served: dict[str, str], page: Page, recorded: Recorder, figure: Callable[[str], None]
) -> None:
    assert len(QUERIES) >= 30
    root = served["root"] + "es/"
    page.goto(root)
    share, misses, _ = top_three_share(page, root, QUERIES, "Spanish reader phrasings", figure)
    assert share >= BAR, "\n".join(misses)
    box_shows_what_it_finds(page, [case["query"] for case in QUERIES[::10]])
    recorded.assert_clean()


@pytest.mark.browser
def test_spanish_situation_questions_find_the_page_that_answers_them(
    served: dict[str, str], page: Page, figure: Callable[[str], None]
) -> None:
    assert len(SITUATIONS) >= 40
    root = served["root"] + "es/"
    page.goto(root)
    share, misses, _ = top_three_share(page, root, SITUATIONS, "Spanish situation questions", figure)
    assert share >= BAR, "\n".join(misses)


@pytest.mark.browser
def test_each_edition_searches_only_its_own_pages(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"] + "es/")
    results = search(page, "calambre")
    assert results and all(r["href"].startswith(served["root"] + "es/") for r in results), results
    page.goto(served["root"])
    results = search(page, "cramp")
    assert results and not any(r["href"].startswith(served["root"] + "es/") for r in results), results


@pytest.mark.browser
def test_spanish_results_show_spanish_type_labels_and_faq_questions(served: dict[str, str], page: Page) -> None:
    page.goto(served["root"] + "es/")
    results = search(page, "calambres en las piernas en la noche")
    filters = page.locator("[data-site-search-types] [data-label]")
    labels = filters.evaluate_all("buttons => buttons.map(b => b.dataset.label)")
    assert labels == [SPANISH.t(f"search.{value}") for value in SEARCH_TYPES]
    faq = SPANISH.dataset.faqs_by_id["night-leg-cramps"]
    wanted = urljoin(served["root"] + "es/", "faq/#night-leg-cramps")
    question = next(r for r in results if wanted in (r["href"], *r["sections"]))
    assert question["type"] == SPANISH.t("search.faq") and faq.question in question["title"]


@pytest.mark.browser
def test_asking_whether_a_thing_helps_asks_about_the_thing(served: dict[str, str], page: Page) -> None:
    # "sirve" and "bueno" (is it useful, is it good) are not what the reader asks about:
    # searched, they put three guides above the quinine question.
    page.goto(served["root"] + "es/")
    topic = "quinina para los calambres"
    queries = [f"sirve la {topic}", f"es buena la {topic}", topic]
    found = as_the_box_finds(page, queries)
    assert found[queries[0]]["results"] == found[queries[1]]["results"] == found[queries[2]]["results"]
    assert found[queries[0]]["results"][0]["href"].endswith("/es/faq/#quinine")
