"""Plain words, measured: every page's article prose is scored offline, and the figures printed.

English: Flesch-Kincaid grade, a median of 6 or less over the pages and no page above 8.
Spanish: INFLESZ (the Szigriszt-Pazos index as read on the INFLESZ scale), 55 or more on every
page ("fairly easy" begins at 55). textstat 0.7.8 scores both, with the dictionaries its pinned
dependencies ship (requirements/test.txt).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path

import pytest
import textstat
from bs4 import Tag

from tests.site_html import html_pages, soup

GRADE_MEDIAN_MAX = 6.0
GRADE_MAX = 8.0
INFLESZ_MIN = 55.0

BLOCKS = "p, li, h1, h2, h3, h4, td, th, dt, dd, summary, figcaption"
SKIP = (
    ".lay-terms, [hidden], .headerlink, .visually-hidden, .care-card__label, "
    ".md-source-file, .provenance, script, style, [data-pagefind-ignore]"
)
"""Not prose: readers' search words, labels repeated for screen readers, and the sources footer
(page titles and publishers, in their own words)."""

MIN_WORDS = 100
"""Both formulas are meant for samples of 100 words or more; a page with less (a specialist's
list of what they help with, a form) has no reading level to speak of."""


def prose(article: Tag) -> str:
    """The article's text as sentences: each block (paragraph, list item, heading, cell) ends
    with a full stop if it has none, as a reader takes a heading or a bullet as one thought."""
    for node in article.select(SKIP):
        node.decompose()
    sentences = []
    for block in article.select(BLOCKS):
        if block.find(BLOCKS.split(", ")):  # a list item holding a paragraph: its blocks count
            continue
        text = " ".join(block.get_text(" ").split())
        if text:
            sentences.append(text if text[-1] in ".!?:;" else f"{text}.")
    return " ".join(sentences)


def scores(site: Path, score: Callable[[str], float]) -> dict[str, tuple[float, int]]:
    """Each page's score and word count, by its address in the edition at `site`."""
    found = {}
    for path in html_pages(site):
        article = soup(path).select_one("article")
        if article is None:
            continue
        text = prose(article.__copy__())
        words = len(text.split())
        if words >= MIN_WORDS:
            found[path.parent.relative_to(site).as_posix() + "/"] = (score(text), words)
    return found


def report(name: str, found: dict[str, tuple[float, int]], figure: Callable[[str], None]) -> None:
    values = [value for value, _ in found.values()]
    hardest = (
        max(found.items(), key=lambda item: item[1][0])
        if name.startswith("FK")
        else min(found.items(), key=lambda item: item[1][0])
    )
    figure(
        f"[readability] {name}: {len(found)} pages, median {statistics.median(values):.1f}, "
        f"hardest {hardest[1][0]:.1f} ({hardest[0]}), {sum(w for _, w in found.values())} words"
    )


def test_english_pages_read_at_grade_6_with_none_above_8(site: Path, figure: Callable[[str], None]) -> None:
    textstat.set_lang("en_US")
    found = scores(site, textstat.flesch_kincaid_grade)
    report("FK grade (en)", found, figure)
    too_hard = {url: grade for url, (grade, _) in found.items() if grade > GRADE_MAX}
    assert not too_hard, f"pages above grade {GRADE_MAX}: {too_hard}"
    median = statistics.median(grade for grade, _ in found.values())
    assert median <= GRADE_MEDIAN_MAX, f"the median grade is {median:.1f}, above {GRADE_MEDIAN_MAX}"


@pytest.mark.parametrize("edition", ["es"])
def test_spanish_pages_score_55_or_more_on_inflesz(site: Path, edition: str, figure: Callable[[str], None]) -> None:
    textstat.set_lang(edition)
    found = scores(site / edition, textstat.szigriszt_pazos)
    report(f"INFLESZ ({edition})", found, figure)
    too_hard = {url: score for url, (score, _) in found.items() if score < INFLESZ_MIN}
    assert not too_hard, f"pages below INFLESZ {INFLESZ_MIN}: {too_hard}"
