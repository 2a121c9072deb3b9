"""The policy the build writes (sitegen/csp.py): what it hashes, what it refuses, its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import csp

SPEC_EXAMPLE = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
"""The hash of `alert('Hello, world.');` as the CSP Level 3 specification gives it."""


def scanned(html: str) -> csp.InlineCode:
    found = csp.InlineCode()
    csp.scan_page(html, "page.html", found)
    return found


def test_an_inline_script_is_allowed_by_the_hash_the_specification_gives() -> None:
    assert csp.sha256_source("alert('Hello, world.');") == SPEC_EXAMPLE
    assert scanned("<head><script>alert('Hello, world.');</script></head>").scripts == {SPEC_EXAMPLE}


@pytest.mark.parametrize(
    ("html", "hashed"),
    [
        ("<script>alert('Hello, world.');</script>", True),
        ("<script type=module>alert('Hello, world.');</script>", True),
        ("<script type='text/javascript'>alert('Hello, world.');</script>", True),
        ("<script type='application/ld+json'>alert('Hello, world.');</script>", False),
        ("<script id=__config type='application/json'>alert('Hello, world.');</script>", False),
        ("<script src='a.js'>alert('Hello, world.');</script>", False),
    ],
)
def test_only_scripts_a_browser_runs_are_hashed(html: str, hashed: bool) -> None:
    assert scanned(html).scripts == ({SPEC_EXAMPLE} if hashed else set())


def test_script_text_is_hashed_as_written_not_unescaped() -> None:
    # A browser runs a script's text raw: `&amp;` stays five characters.
    assert scanned("<script>a&amp;&amp;b()</script>").scripts == {csp.sha256_source("a&amp;&amp;b()")}


def test_style_elements_are_hashed_into_style_src() -> None:
    found = scanned("<style>:root{--x:1}</style>")
    assert found.styles == {csp.sha256_source(":root{--x:1}")}
    assert csp.sha256_source(":root{--x:1}") in csp.policy(found)


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            "<article>\n<p>x</p><script>alert(1)</script></article>",
            "page.html:2: an inline <script> in the page's content",
        ),
        ('<main>\n\n<img src=x onerror="alert(1)">', "page.html:3: <img onerror=...>: an event handler attribute"),
        ('<a href=" JavaScript:alert(1)">x</a>', "page.html:1: <a href=javascript:...>: a javascript: URL"),
        ('<a href="java\nscript:alert(1)">x</a>', "page.html:1: <a href=javascript:...>: a javascript: URL"),
    ],
)
def test_inline_code_no_hash_should_bless_is_refused_with_its_line(html: str, problem: str) -> None:
    found = scanned(html)
    assert len(found.problems) == 1 and found.problems[0].startswith(problem), found.problems
    assert found.scripts == set()


def test_escaped_payloads_in_content_are_text_not_code() -> None:
    found = scanned("<article><p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=x&gt;</p></article>")
    assert found == csp.InlineCode()


def test_the_policy_lists_hashes_in_a_stable_order() -> None:
    found = csp.InlineCode(scripts={"'sha256-b'", "'sha256-a'"})
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b';" in csp.policy(found)


@pytest.fixture(scope="session")
def site(engine_site: Path) -> Path:
    """The build-level tests here hold for the site as each engine builds it."""
    return engine_site


def test_both_header_files_carry_the_same_headers(site: Path) -> None:
    expected = csp.headers(csp.scan_site(site))
    netlify = (site / csp.HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    assert netlify[0].startswith("#") and netlify[1] == "/*"
    assert netlify[2:] == [f"  {name}: {value}" for name, value in expected]
    nginx = [
        line for line in (site / csp.NGINX_FILE).read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert nginx == [f'add_header {name} "{value}" always;' for name, value in expected]


def test_a_value_nginx_would_misread_is_refused() -> None:
    with pytest.raises(csp.CspError, match=r"X-Test: 'a \$b' cannot be written as an nginx string"):
        csp.nginx_snippet([("X-Test", "a $b")])
