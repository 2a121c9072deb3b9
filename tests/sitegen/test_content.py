"""sitegen/content.py: hand-written pages' front matter, checked like data."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content import check_content, read_page
from sitegen.text import ELSEWHERE_IMAGE
from tests.helpers import ROOT, real_dataset

DATA = real_dataset()
GOOD = "---\ntitle: A page\nsources: [seed-article]\nreviewed: 2026-11-25\n---\n\n# A page\n"


def problems_of(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    return [str(p) for p in check_content(tmp_path, DATA)]


def test_the_project_s_pages_are_clean() -> None:
    assert check_content(ROOT / "content", DATA) == []


def test_a_good_page_has_no_problems(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("sources: [seed-article]", "sources: [seed-artcle]", "content/page.md:3: sources: no source has the id 'seed-artcle' (did you mean 'seed-article'?)"),  # noqa: E501
        ("sources: [seed-article]\n", "", "content/page.md:1: sources: every page lists its sources (ids from data/sources.yaml) in its front matter"),  # noqa: E501
        ("reviewed: 2026-11-25", "reviewed: last week", "content/page.md:4: reviewed: expected the date a person last checked this page, as YYYY-MM-DD"),  # noqa: E501
        ("title: A page", "title: A page\ntype: blog", "content/page.md:3: type: 'blog' is not a search type; expected one of guide, cause, condition, faq, specialist, page"),  # noqa: E501
        ("title: A page", "title: A page\nreveiwed: 2026-11-25", "content/page.md:3: reveiwed: unknown key (did you mean 'reviewed'?)"),  # noqa: E501
        ("title: A page\n", "", "content/page.md:1: title: required field is missing"),
        ("reviewed: 2026-11-25", "reviewed: 2026-02-30", "content/page.md:4: reviewed: cannot read value '2026-02-30': day is out of range for month"),  # noqa: E501
        ("title: A page", "title: A page\ntitle: Another", "content/page.md:3: title: duplicate key (first given on line 2)"),  # noqa: E501
        ("title: A page", "title: [A page", "content/page.md:3: (syntax): YAML syntax error: did not find expected ',' or ']'"),  # noqa: E501
        ("# A page", "# A page\n\n<!-- data: tip heel-pres -->", "content/page.md:9: <!-- data: tip heel-pres -->: no action-plan tip has the id 'heel-pres' (did you mean 'heel-press'?)"),  # noqa: E501
        ("# A page", "# A page\n\n<!-- Data: signs emergency -->", "content/page.md:9: <!-- Data: signs emergency -->: not a data marker, which is written <!-- data: <kind> <name> --> in lower case; it would be left out"),  # noqa: E501
        ("# A page", "# A page\n\n<!-- data: terms dairy -->", "content/page.md:9: <!-- data: terms dairy -->: no data file that is a page is called 'dairy' (did you mean 'diary'?)"),  # noqa: E501
        # The theme prints the title unescaped, in <title> and the navigation of every page.
        ("title: A page", 'title: "About</title><script>alert(1)</script>"', "content/page.md:2: title: raw HTML is not allowed in data; write Markdown"),  # noqa: E501
        ("reviewed: 2026-11-25", "reviewed: 2099-01-01", "content/page.md:4: reviewed: 2099-01-01 is in the future: give the day it happened"),  # noqa: E501
        # Fetched by the reader's browser as the page loads: a request to a third party.
        ("# A page", "# A page\n\n![x](https://t.example/p.gif)", f"content/page.md:9: https://t.example/p.gif: {ELSEWHERE_IMAGE}"),  # noqa: E501
        ("# A page", '# A page\n\n<img src="//t.example/p.gif" alt="x">', f"content/page.md:9: <img src=//t.example/p.gif>: {ELSEWHERE_IMAGE}"),  # noqa: E501
    ],
)  # fmt: skip
def test_each_problem_names_the_file_line_and_field(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems_of(tmp_path, GOOD.replace(old, new)) == [expected]


def test_every_problem_of_a_page_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("seed-article", "nope").replace("2026-11-25", "soon")
    assert [p.split(": ")[1] for p in problems_of(tmp_path, text)] == ["sources", "reviewed"]


def test_the_body_starts_after_the_front_matter(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text(GOOD, encoding="utf-8")
    page = read_page(tmp_path / "page.md", "page.md")
    assert page.body_line == 6
    assert page.body.startswith("\n# A page")


def test_with_the_data_broken_the_front_matter_is_still_checked(tmp_path: Path) -> None:
    text = GOOD.replace("reviewed: 2026-11-25", "reviewed: soon").replace("seed-article", "not-checked-without-data")
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert [str(p) for p in check_content(tmp_path, None)] == [
        "content/page.md:4: reviewed: expected the date a person last checked this page, as YYYY-MM-DD"
    ]


def test_a_page_not_saved_as_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_bytes(GOOD.replace("# A page", "# Caf\xe9").encode("latin-1"))
    assert [str(p) for p in check_content(tmp_path, DATA)] == [
        "content/page.md:7: (file): not valid UTF-8 (byte 0xe9); save the file as UTF-8"
    ]


def test_a_page_saved_with_windows_line_endings_is_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_bytes(GOOD.replace("\n", "\r\n").encode("utf-8"))
    page = read_page(tmp_path / "page.md", "page.md")
    assert (page.front.title, page.body_line, check_content(tmp_path, DATA)) == ("A page", 6, [])


def test_front_matter_never_closed_is_named_as_such(tmp_path: Path) -> None:
    # Not "title: required field is missing" on a page whose title is there.
    assert problems_of(tmp_path, GOOD.replace("---\n\n# A page", "\n# A page")) == [
        "content/page.md:1: (front matter): never closed: end it with a line of three dashes (---)"
    ]


def test_a_byte_order_mark_before_the_front_matter_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("\ufeff" + GOOD, encoding="utf-8")
    assert check_content(tmp_path, DATA) == []
    assert read_page(tmp_path / "page.md", "page.md").meta["title"] == "A page"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A forged end of the article put a script among the theme's, whose hashes the policy allows.
        ('<div></ARTICLE><script>alert(1)</script></div>', "content/page.md:8: </article>: a closing tag of the page's frame"),  # noqa: E501
        ('<a href="&#106;avascript:alert(1)">x</a>', "content/page.md:8: <a href>: an address that runs code"),
        ('<iframe srcdoc="&lt;script&gt;"></iframe>', "content/page.md:8: <iframe>: a tag that can run or load something, or forge the page's frame"),  # noqa: E501
        ("<div><!--><script>alert(1)</script><!-- --></div>", "content/page.md:8: <!--: a comment a browser ends early"),  # noqa: E501
        ('<p style="color:red">x</p>', "content/page.md:8: <p style>: an attribute that can run code or change the page"),  # noqa: E501
        ('Text {: onmouseover="alert(1)" }', "content/page.md:8: {: onmouseover=: an attribute list that sets code or style"),  # noqa: E501
        ("See [it][1].\n\n[1]:  JavaScript:alert(1)", "content/page.md:10: JavaScript:alert(1): a link that runs code"),  # noqa: E501
    ],
)  # fmt: skip
def test_html_that_could_run_or_load_something_is_refused_on_its_line(tmp_path: Path, html: str, expected: str) -> None:
    found = problems_of(tmp_path, GOOD.replace("# A page", f"# A page\n{html}"))
    assert any(problem.startswith(expected) for problem in found), found
    assert all("a page's HTML may only lay out text" in problem for problem in found)


def test_layout_html_links_and_code_that_shows_markup_are_fine(tmp_path: Path) -> None:
    body = (
        '<div class="cards" markdown>\n<span aria-hidden="true">*</span> [NHS](https://www.nhs.uk/ "NHS")'
        " <https://www.nhs.uk/>\n</div>\n\nWrite `<script>` as code:\n\n```html\n<script>alert(1)</script>\n```\n"
    )
    assert problems_of(tmp_path, GOOD.replace("# A page", f"# A page\n{body}")) == []
