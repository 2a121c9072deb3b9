"""The HTML a hand-written page may hold in its Markdown: a few layout tags with plain
attributes, nothing that runs or loads anything.

A page's Markdown reaches the engine as it is, and raw HTML in it reaches the reader. The
Content Security Policy step (sitegen.csp) reads the built page, where the page's own HTML
can no longer be told from the theme's (a forged `</article>` put a script among the
theme's, whose hashes the policy allows). So the page is read here, before anything is
built, and everything outside this short list is refused on its line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sitegen.problems import Problem
from sitegen.text import ELSEWHERE_IMAGE, as_browsers_read, images_from_elsewhere, on_another_site

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "time",
        "tr",
        "ul",
    }
)
"""Tags a page's HTML may use: text, lists, tables and boxes; no script, frame, form, style or SVG."""
ATTRIBUTES = frozenset(
    {
        "alt",
        "class",
        "colspan",
        "datetime",
        "dir",
        "height",
        "hidden",
        "href",
        "id",
        "lang",
        "markdown",
        "open",
        "role",
        "rowspan",
        "scope",
        "src",
        "title",
        "width",
    }
)
"""Attributes besides `aria-*` and `data-*`; no event handlers, no `style`."""
_SCHEME = re.compile(r"(?:javascript|vbscript|data)\s*:", re.I)
_CODE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)|`[^`\n]*`", re.M | re.S)
"""Code, which Markdown shows as text: blocks between fences and spans between backticks."""
_LINK_TARGETS = re.compile(r"\]\(\s*<?(?P<inline>[^)>]*)|^[ \t]*\[[^\]\n]+\]:\s*<?(?P<reference>\S+)", re.M)
_ATTRIBUTE_LIST = re.compile(r"\{:?[^}\n]*\b(?:on\w*|style|srcdoc)\s*=", re.I)
_AUTOLINK = re.compile(r"(?:https?|mailto):", re.I)
_BROKEN_COMMENT = re.compile(r"<!--->?|<!--(?=>)|--!>")
"""Comments a browser ends where this parser would not: `<!-->`, `<!--->`, `--!>`."""


def html_problems(markdown: str, where: str, first_line: int = 1) -> list[Problem]:
    """Everything in a page's Markdown (`where`, its first line `first_line`) that could run or
    load something in a reader's browser, each on its line."""
    text = _CODE.sub(lambda code: "\n" * code[0].count("\n"), markdown)
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    found = scanner.found
    found += [(_line(text, m.start()), m[0], "a comment a browser ends early") for m in _BROKEN_COMMENT.finditer(text)]
    found += [
        (_line(text, m.start()), m[0].strip(), "an attribute list that sets code or style")
        for m in _ATTRIBUTE_LIST.finditer(text)
    ]
    for match in _LINK_TARGETS.finditer(text):
        target = match["inline"] if match["inline"] is not None else match["reference"]
        if _runs(target):
            found.append((_line(text, match.start()), " ".join(target.split()), "a link that runs code"))
    problems = [Problem(where, first_line + line - 1, what, f"{message}; {_ALLOWED}") for line, what, message in found]
    markdown_images = [(_line(text, offset), address) for offset, address in images_from_elsewhere(text)]
    elsewhere = markdown_images + scanner.elsewhere
    return problems + [Problem(where, first_line + line - 1, what, ELSEWHERE_IMAGE) for line, what in elsewhere]


_ALLOWED = "a page's HTML may only lay out text (div, span, p, lists, tables, links and images)"


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _runs(url: str) -> bool:
    """Whether a browser would run `url` (it drops tabs and line breaks, and leading spaces)."""
    return _SCHEME.match(as_browsers_read(url)) is not None


class _Scanner(HTMLParser):
    """Each tag and attribute outside the lists, with its line; attribute values as a browser
    reads them (character references decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self.elsewhere: list[tuple[int, str]] = []
        """Each `<img src>` on another web site, with its line."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if _AUTOLINK.match(tag):  # Markdown's <https://...>, a link
            return
        if tag not in TAGS:
            self.found.append((line, f"<{tag}>", "a tag that can run or load something, or forge the page's frame"))
        for name, value in attrs:
            if not (name in ATTRIBUTES or name.startswith(("aria-", "data-"))):
                self.found.append((line, f"<{tag} {name}>", "an attribute that can run code or change the page"))
            elif name in ("href", "src") and value and _runs(value):
                self.found.append((line, f"<{tag} {name}>", "an address that runs code"))
            elif name == "src" and value and on_another_site(value):
                self.elsewhere.append((line, f"<{tag} src={value}>"))

    def handle_endtag(self, tag: str) -> None:
        # One that closes a tag refused above says nothing more; a lone one may close the theme's.
        if tag not in TAGS and not _AUTOLINK.match(tag) and f"<{tag}>" not in (what for _, what, _ in self.found):
            self.found.append((self.getpos()[0], f"</{tag}>", "a closing tag of the page's frame"))
