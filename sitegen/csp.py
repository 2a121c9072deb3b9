"""The Content Security Policy the built site needs, and the response headers that carry it.

Scripts: the site's own files (`'self'`), WebAssembly for Pagefind (`'wasm-unsafe-eval'`), and
the inline scripts Material prints into every page (the palette, its `__md_scope` set-up),
each allowed by its SHA-256 hash. No `'unsafe-inline'`, no `'unsafe-eval'`. The hashes are
read off the finished HTML, so they follow a Material upgrade or a change of `SITE_URL`
(404.html's set-up names the site's path) without anyone copying them by hand.

Reading the hashes off the output would also allow a script that data or a template mistake
put there, so the scan refuses what a hash must never bless: an inline script inside a page's
`<article>` (where data and Markdown are rendered; Material puts its own outside), an event
handler attribute (`onclick=`: no hash can allow one without `'unsafe-hashes'`) and a
`javascript:` URL. JSON and JSON-LD blocks are data, which CSP does not govern: not hashed.

Styles: the site's stylesheets and hashed `<style>` elements (`style-src`); `style`
attributes stay allowed (`style-src-attr 'unsafe-inline'`): Material's scripts and
Markdown's aligned table cells set them, and they cannot run code.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from sitegen.text import as_browsers_read

SCRIPT_TYPES = frozenset({"", "module", "text/javascript", "application/javascript", "application/ecmascript"})
"""`<script type>` values a browser executes; any other type is a data block."""

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})

HEADERS_FILE = "_headers"
"""Netlify / Cloudflare Pages read this from the published folder."""

NGINX_FILE = "_headers.nginx.conf"
"""The same headers as nginx `add_header` lines, for `include` (deploy/nginx.conf)."""


class CspError(Exception):
    """Inline code in the built site that a strict policy cannot (and must not) allow."""


@dataclass
class InlineCode:
    """What the pages of a built site run or style inline, and where the policy must refuse."""

    scripts: set[str] = field(default_factory=set)
    """sha256 sources (`'sha256-...'`) of inline executable scripts."""
    styles: set[str] = field(default_factory=set)
    """sha256 sources of `<style>` elements."""
    problems: list[str] = field(default_factory=list)
    """`path:line: message`, for each piece of inline code no policy here allows."""


def sha256_source(text: str) -> str:
    """The CSP source expression that allows exactly this script or style text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _PageScanner(HTMLParser):
    def __init__(self, where: str, found: InlineCode) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found = found
        self.article_depth = 0
        self.inline: str | None = None  # "script" or "style" while inside an inline one
        self.text: list[str] = []
        self.line = 0

    def problem(self, message: str) -> None:
        self.found.problems.append(f"{self.where}:{self.getpos()[0]}: {message}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problem(f"<{tag} {name}=...>: an event handler attribute (put the code in a script file)")
            if name in URL_ATTRIBUTES and as_browsers_read(value).lower().startswith("javascript:"):
                self.problem(f"<{tag} {name}=javascript:...>: a javascript: URL (put the code in a script file)")
        if tag == "article":
            self.article_depth += 1
        elif tag == "script" and "src" not in values and values.get("type", "").strip().lower() in SCRIPT_TYPES:
            self.inline, self.text, self.line = "script", [], self.getpos()[0]
        elif tag == "style":
            self.inline, self.text, self.line = "style", [], self.getpos()[0]

    def handle_data(self, data: str) -> None:
        if self.inline:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        elif self.inline and tag == self.inline:
            source = sha256_source("".join(self.text))
            if self.inline == "style":
                self.found.styles.add(source)
            elif self.article_depth:
                self.found.problems.append(
                    f"{self.where}:{self.line}: an inline <script> in the page's content: "
                    "data and Markdown never carry scripts, and the policy will not allow one by its hash"
                )
            else:
                self.found.scripts.add(source)
            self.inline = None


def scan_page(page: str | bytes, where: str, found: InlineCode) -> None:
    """Add the inline code of one page (its text, or the UTF-8 file; `where` names it in
    problems) to `found`.

    Most pages hold nothing a policy must refuse, so a quick pass reads only their script,
    style, comment and article tags (`_quick_scan`); a page where an event handler or a
    `javascript:` URL might be is read whole by the HTML parser, which names each place.
    Parsing every whole page was most of the build's cost over the bare engine
    (./site-build.sh bench); tests/sitegen/test_csp.py holds both readings to the same answer.
    """
    raw, html = (page, page.decode("utf-8")) if isinstance(page, bytes) else (page.encode("utf-8"), page)
    if _may_hold_refused(raw.lower()):
        parse_page(html, where, found)
    else:
        _quick_scan(html, where, found)


def parse_page(html: str, where: str, found: InlineCode) -> None:
    """`scan_page` by the HTML parser, tag by tag."""
    scanner = _PageScanner(where, found)
    scanner.feed(html)
    scanner.close()


_HANDLER_LIKE = re.compile(rb"on[a-z\x80-\xff-]*[\s\x1c-\x1f\x80-\xff]*=")
_JAVASCRIPT_URL_LIKE = re.compile(
    b"[\t\n\r]*".join(bytes([letter]) for letter in b"javascript") + rb"[\s\x1c-\x1f\x80-\xff]*:"
)
_ATTRIBUTE_BEFORE = frozenset(b" \t\n\r\f\"'/")


def _may_hold_refused(lowered: bytes) -> bool:
    """Whether the page, as UTF-8 with its ASCII letters lower-cased, holds anything like an
    event handler attribute (`on...=` after a space, quote or slash) or a `javascript:` URL; a
    false alarm only costs the slower reading. The search starts from the literal `on`, which
    the regex engine finds fast: one pattern starting with a character class took a second
    over 3,000 pages, this a tenth.

    Bytes, not text: lower-casing them is a tenth of the cost. Any byte of a character past
    ASCII counts as a possible letter or space, so this finds whatever the same patterns find
    in the lower-cased text, where a space may be any Unicode space and the Kelvin sign is a `k`."""
    for match in _HANDLER_LIKE.finditer(lowered):
        if match.start() and lowered[match.start() - 1] in _ATTRIBUTE_BEFORE:
            return True
    return _JAVASCRIPT_URL_LIKE.search(lowered) is not None


_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(?P<tag>script|style)\b(?P<attrs>[^>]*)>(?P<text>.*?)</(?P=tag)\s*>"
    r"|<(?P<close>/?)article\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
"""The tokens the policy cares about, left to right as a browser meets them: a comment hides
what is in it, a script's or style's text is text until its end tag."""

_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _quick_scan(html: str, where: str, found: InlineCode) -> None:
    depth = 0
    for match in _TOKENS.finditer(html):
        if match["tag"] is None:
            if match[0].startswith("<!--"):
                continue
            depth = max(0, depth - 1) if match["close"] else depth + 1
            continue
        tag = match["tag"].lower()
        attrs = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(match["attrs"])}
        source = sha256_source(match["text"])
        if tag == "style":
            found.styles.add(source)
        elif "src" in attrs or attrs.get("type", "").strip().lower() not in SCRIPT_TYPES:
            continue
        elif depth:
            line = html.count("\n", 0, match.start()) + 1
            found.problems.append(
                f"{where}:{line}: an inline <script> in the page's content: "
                "data and Markdown never carry scripts, and the policy will not allow one by its hash"
            )
        else:
            found.scripts.add(source)


def scan_site(site_dir: Path) -> InlineCode:
    """The inline code of every HTML page under `site_dir`."""
    found = InlineCode()
    for path in sorted(site_dir.rglob("*.html")):
        scan_page(path.read_bytes(), path.relative_to(site_dir).as_posix(), found)
    return found


def policy(found: InlineCode) -> str:
    """The Content-Security-Policy value: only what the site itself serves, plus `found`'s hashes."""
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *sorted(found.scripts)]),
        ("style-src", ["'self'", *sorted(found.styles)]),
        ("style-src-attr", ["'unsafe-inline'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def headers(found: InlineCode) -> list[tuple[str, str]]:
    """Every header the site is served with, the policy first: the security headers, and one
    that lets any other site's script read what the site publishes (the content and codes APIs,
    the checker's tree, the FHIR Questionnaire: content/developers.md). The site sets no cookie
    and asks for no login, so a page read from elsewhere shows nothing that is not public."""
    return [
        ("Content-Security-Policy", policy(found)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        (
            "Permissions-Policy",
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
            "payment=(), usb=(), browsing-topics=()",
        ),
        ("Access-Control-Allow-Origin", "*"),
    ]


GENERATED = "# Generated by the build (sitegen/csp.py) from this build's pages: do not edit."


def netlify_headers(pairs: Iterable[tuple[str, str]]) -> str:
    """`_headers` for Netlify and Cloudflare Pages: the headers on every path."""
    lines = [GENERATED, "/*", *(f"  {name}: {value}" for name, value in pairs)]
    return "\n".join(lines) + "\n"


def nginx_snippet(pairs: Iterable[tuple[str, str]]) -> str:
    """`add_header` lines for nginx, sent with error pages too (`always`)."""
    lines = [
        GENERATED,
        "# Include it in every server or location block that serves the site and has add_header",
        "# lines of its own (nginx drops inherited headers there), and reload nginx after each deploy.",
    ]
    for name, value in pairs:
        if any(c in value for c in '"\\$\n'):
            raise CspError(f"{name}: {value!r} cannot be written as an nginx string")
        lines.append(f'add_header {name} "{value}" always;')
    return "\n".join(lines) + "\n"


def write_headers(site_dir: Path, found: InlineCode) -> None:
    """Write the built site's header files into it from `found`, its pages' inline code
    (sitegen.page_reader); raise CspError on inline code that the policy must refuse, naming
    every place."""
    if found.problems:
        raise CspError("inline code that a strict Content Security Policy refuses:\n" + "\n".join(found.problems))
    pairs = headers(found)
    (site_dir / HEADERS_FILE).write_text(netlify_headers(pairs), encoding="utf-8")
    (site_dir / NGINX_FILE).write_text(nginx_snippet(pairs), encoding="utf-8")
