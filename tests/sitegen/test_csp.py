"""sitegen/csp.py: the quick reading of a page gives the HTML parser's answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import csp


def both(html: str) -> tuple[csp.InlineCode, csp.InlineCode]:
    quick, parsed = csp.InlineCode(), csp.InlineCode()
    csp.scan_page(html, "page.html", quick)
    csp.parse_page(html, "page.html", parsed)
    return quick, parsed


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 1;</script><style>p{}</style></head><body></body></html>",
        '<script type="module">import "x";</script><script type="application/ld+json">{"a": 1}</script>',
        '<script src="a.js"></script><script type="text/javascript">b()</script>',
        "<!-- <script>hidden()</script> --><script>shown()</script>",
        '<script>document.write("<!-- not a comment -->")</script>',
        "<article class=x>\n<p>text</p>\n<script>inside()</script></article><script>after()</script>",
        "<ARTICLE><SCRIPT>loud()</SCRIPT></ARTICLE>",
        '<p>Search needs JavaScript. Browse the topics instead.</p><script id="x">y()</script>',
    ],
)
def test_the_quick_reading_agrees_with_the_parser(html: str) -> None:
    quick, parsed = both(html)
    assert (quick.scripts, quick.styles, quick.problems) == (parsed.scripts, parsed.styles, parsed.problems)


@pytest.mark.parametrize(
    "html",
    [
        '<a href="#" onclick="x()">a</a>',
        '<a href=" JavaScript:alert(1)">a</a>',
        "<img src=x ONERROR=y()>",
        '<a href="java\nscript:alert(1)">a</a>',  # a browser drops the line break and runs it
        '<a href="\tjava\tscr\ript:alert(1)">a</a>',
    ],
)
def test_a_page_that_may_hold_refused_code_is_read_by_the_parser(html: str) -> None:
    quick, parsed = both(html)
    assert quick.problems == parsed.problems != []


def test_every_page_of_each_engine_s_build_reads_the_same_both_ways(engine_site: Path) -> None:
    quick, parsed = csp.InlineCode(), csp.InlineCode()
    for path in sorted(engine_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        csp.scan_page(html, path.name, quick)
        csp.parse_page(html, path.name, parsed)
    assert (quick.scripts, quick.styles, quick.problems) == (parsed.scripts, parsed.styles, parsed.problems)
    assert quick.scripts
