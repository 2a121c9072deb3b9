"""The pages as a content API (issue 30), read from the built site: `api/manifest.json` lists
every content page of every edition, and each page's JSON is at `api/pages/<page path>.json`
(English; the home page is `api/pages/index.json`) or `<lang>/api/pages/<page path>.json`.

A page's JSON takes the shape of the NHS website content API: a schema.org `MedicalWebPage`
whose `hasPart` holds the page's sections (`HealthTopicContent`: the `headline`, the `text` as
HTML with absolute links, and the `url` of the heading's anchor), each care card as a
`WebPageElement` marked `immediate`, `urgent` or `primary` as the NHS API marks its care cards,
with the NHS's `MedicalHelp...HealthAspect` on the section holding it; the page's links to
other pages as `relatedLink` and its sources as `citation`.

Everything comes from the built page, so an anchor in the API is one the page has: the JSON-LD
the theme prints (overrides/main.html) gives the name, address, language, description and
review date; the article's headings give the sections; the provenance footer names the sources,
found in the edition's data by address. `dateModified` is the page's last review: the data
dates nothing else about a page, and the build's own date would mark every page changed at
every build. The JSON Schemas of both files (`api_schema/`, beside this module) are published
at `api/schema/`.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from sitegen import urls
from sitegen.editions import Edition
from sitegen.published import published_json

API = "api"
MANIFEST = f"{API}/manifest.json"
SCHEMAS = Path(__file__).with_name("api_schema")
"""The JSON Schemas, published as they are at `api/schema/`."""

CARE_CARDS = {
    "emergency": ("immediate", "MedicalHelpEmergencyHealthAspect"),
    "urgent": ("urgent", "MedicalHelpUrgentHealthAspect"),
    "doctor": ("primary", "MedicalHelpNonurgentHealthAspect"),
}
"""A care card's level (sitegen/templates/_care_card.md) as the NHS API marks it: the
`identifier` of its element and the health aspect of the section holding it (the NHS's own
names, which schema.org's HealthAspectEnumeration does not list)."""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
FOOTER = '<footer class="provenance">'
PAGE_TYPE = re.compile(r'data-pagefind-meta="type:([^"]+)"')
CITED = re.compile(r'<span id="source-([^"]+)">')
"""A source as the provenance footer lists it (sitegen/templates/_provenance.md), by its id."""


class ContentApiError(Exception):
    """A built page the content API cannot describe; the message names the page."""


@dataclass
class _Token:
    kind: str
    """`start`, `end` or `text` (a void element is text: it has no end)."""
    tag: str
    html: str


@dataclass
class _Heading:
    level: int
    id: str
    start: int
    """Index of its start tag among the tokens; `end`, of its end tag."""
    end: int = -1
    text: list[str] = field(default_factory=list)


@dataclass
class _Card:
    level: str
    end: int = -1
    """Index of its end tag among the tokens."""
    heading: _Heading | None = None


TAG = re.compile(
    r"<!--.*?-->"  # a comment: dropped
    r"|<(/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s/>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>"
    r"|[^<]+|<",
    re.DOTALL,
)
"""An article's next token: a comment, a start or end tag (its name, attributes, and whether it
closes itself), text, or a `<` that starts no tag (text). The article is the theme's own markup,
so a tag is well formed; a `<` in text is escaped."""
ATTRIBUTE = re.compile(r"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
RAW_TEXT = {"script": re.compile(r"</script\s*>", re.I), "style": re.compile(r"</style\s*>", re.I)}
"""Elements whose content is not markup, to the end tag that closes them."""
HEADING = re.compile(r"h[1-6]")

Mark = _Heading | _Card | list[str] | None
"""What an open element is to the article: a heading, a care card, a link's text, or nothing."""


class _Article:
    """An article's HTML as tokens a reuser can take: no script, nothing hidden, no heading
    permalinks or decorative labels, no search attributes, every link absolute; with its
    headings, care cards and links to other pages of the site found on the way.

    Read with `TAG` rather than html.parser, whose tokenising was half the cost: the 4,013
    pages of N = 1,000 took 4.9 s of CPU with it and 3.5 s this way, the same JSON to the byte."""

    def __init__(self, body: str, page_url: str, site_url: str) -> None:
        self.page_url, self.site_url = page_url, site_url
        self.tokens: list[_Token] = []
        self.headings: list[_Heading] = []
        self.cards: list[_Card] = []
        self.links: dict[str, list[str]] = {}
        self._open: list[tuple[str, Mark, bool]] = []
        self._open_tags: Counter[str] = Counter()
        self._reading: list[_Heading | list[str]] = []
        """The open headings and links, whose text is collected."""
        self._skip = 0
        self._quiet = 0
        """Depth inside text shown to screen readers only: in the page's HTML, not in a headline."""
        self._read(body)

    def _read(self, body: str) -> None:
        at = 0
        while at < len(body):
            token = TAG.match(body, at)
            assert token is not None  # the last alternative matches any character
            at = token.end()
            closing, tag, attributes, closed = token.groups()
            if tag is None:
                if token.group().startswith("<!--"):
                    continue
                self._text(html.unescape(token.group()))
                continue
            tag = tag.lower()
            if closing:
                self._end(tag)
                continue
            self._start(tag, _attributes(attributes) if attributes else [])
            if tag in RAW_TEXT:
                end = RAW_TEXT[tag].search(body, at)
                at = end.end() if end else len(body)
                self._end(tag)
            elif closed and tag not in VOID:
                self._end(tag)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if self._skip or "hidden" in found or found.get("aria-hidden") == "true" or "headerlink" in classes:
            self._skip += tag not in VOID
            return
        if tag in ("script", "style", "template"):
            self._skip += 1
            return
        kept = []
        href = ""
        for name, value in attrs:
            if name.startswith("data-pagefind"):
                continue
            if name in ("href", "src") and value is not None:
                value = urljoin(self.page_url, value)
                href = value if name == "href" else href
            kept.append(name if value is None else f'{name}="{html.escape(value)}"')
        markup = f"<{' '.join([tag, *kept])}>"
        if tag in VOID:
            self.tokens.append(_Token("text", tag, markup))
            return
        self.tokens.append(_Token("start", tag, markup))
        mark: Mark = None
        if HEADING.fullmatch(tag) and found.get("id"):
            mark = _Heading(int(tag[1]), found["id"] or "", len(self.tokens) - 1)
            self.headings.append(mark)
            for card in self.cards:
                if card.end < 0 and card.heading is None:
                    card.heading = mark
        elif tag == "section" and "care-card" in classes:
            level = next((c.removeprefix("care-card--") for c in classes if c.startswith("care-card--")), "")
            mark = _Card(level)
            self.cards.append(mark)
        elif tag == "a" and self._links_elsewhere(href):
            mark = self.links[href] = []
        if isinstance(mark, _Heading | list):
            self._reading.append(mark)
        quiet = "visually-hidden" in classes
        self._quiet += quiet
        self._open.append((tag, mark, quiet))
        self._open_tags[tag] += 1

    def _links_elsewhere(self, href: str) -> bool:
        """Whether `href` (absolute) is a page of the site other than this one, not seen before."""
        return href.startswith(self.site_url) and href.split("#")[0] != self.page_url and href not in self.links

    def _end(self, tag: str) -> None:
        if self._skip:
            self._skip -= tag not in VOID
            return
        if tag in VOID or not self._open_tags[tag]:
            return  # nothing to close: a stray end tag
        self.tokens.append(_Token("end", tag, f"</{tag}>"))
        while self._open:
            opened, mark, quiet = self._open.pop()
            self._open_tags[opened] -= 1
            self._quiet -= quiet
            if isinstance(mark, _Heading | _Card):
                mark.end = len(self.tokens) - 1
            if isinstance(mark, _Heading | list):
                self._reading.pop()  # the last opened of those still open
            if opened == tag:
                break

    def _text(self, data: str) -> None:
        if self._skip:
            return
        self.tokens.append(_Token("text", "", html.escape(data, quote=False)))
        if not self._quiet:
            for mark in self._reading:
                (mark if isinstance(mark, list) else mark.text).append(data)


def _attributes(markup: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes, names in lower case, values unescaped (None: no value)."""
    found: list[tuple[str, str | None]] = []
    for attribute in ATTRIBUTE.finditer(markup):
        name, *values = attribute.groups()
        value = next((value for value in values if value is not None), None)
        found.append((name.lower(), None if value is None else html.unescape(value)))
    return found


def _balanced(tokens: list[_Token]) -> str:
    """The HTML of a run of tokens, less the tags whose partner lies outside it (a section can
    start inside an element, as a care card's heading does, and end inside another)."""
    keep = [True] * len(tokens)
    stack: list[int] = []
    for index, token in enumerate(tokens):
        if token.kind == "start":
            stack.append(index)
        elif token.kind == "end":
            if stack and tokens[stack[-1]].tag == token.tag:
                stack.pop()
            else:
                keep[index] = False
    for index in stack:
        keep[index] = False
    return "".join(token.html for token, kept in zip(tokens, keep, strict=True) if kept).strip()


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _card(card: _Card, article: _Article, where: str) -> dict[str, Any]:
    if card.heading is None or card.level not in CARE_CARDS:
        raise ContentApiError(f"{where}: a care card needs a heading and one of the levels {', '.join(CARE_CARDS)}")
    return {
        "@type": "WebPageElement",
        "identifier": CARE_CARDS[card.level][0],
        "headline": _words(card.heading.text),
        "text": _balanced(article.tokens[card.heading.end + 1 : card.end]),
        "url": f"{article.page_url}#{card.heading.id}",
    }


def _sections(article: _Article, where: str) -> list[dict[str, Any]]:
    """One section per `h2`, after the text under the `h1` (headline "", as the NHS API gives a
    page's lead), each with the care cards whose heading it holds."""
    bounds = [heading for heading in article.headings if heading.level <= 2]
    sections = []
    for index, heading in enumerate(bounds):
        stop = bounds[index + 1].start if index + 1 < len(bounds) else len(article.tokens)
        text = _balanced(article.tokens[heading.end + 1 : stop])
        if heading.level == 1 and not text:
            continue
        section: dict[str, Any] = {
            "@type": "HealthTopicContent",
            "headline": "" if heading.level == 1 else _words(heading.text),
            "text": text,
            "url": f"{article.page_url}#{heading.id}",
        }
        cards = [card for card in article.cards if card.heading and heading.start <= card.heading.start < stop]
        if cards:
            section["hasPart"] = [_card(card, article, where) for card in cards]
            levels = {card.level for card in cards}
            section["hasHealthAspect"] = [aspect for level, (_, aspect) in CARE_CARDS.items() if level in levels]
        sections.append(section)
    if not sections:
        raise ContentApiError(f"{where}: no heading with an id, so no section to publish")
    return sections


def _citations(footer: str, edition: Edition, where: str) -> list[dict[str, Any]]:
    """The sources the provenance footer lists (before its second bold label), as the edition's
    data describes them."""
    listed = footer.split("</strong>", 1)[-1].split("<strong>", 1)[0]
    cited = []
    for source_id in CITED.findall(listed):
        source = edition.dataset.sources_by_id.get(html.unescape(source_id))
        if source is None:
            raise ContentApiError(f"{where}: the footer cites '{source_id}', which data/sources.yaml does not hold")
        work: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
        if source.url:
            work["url"] = source.url
        if source.publisher:
            work["publisher"] = {"@type": "Organization", "name": source.publisher}
        cited.append(work)
    if not cited:
        raise ContentApiError(f"{where}: its provenance footer lists no source")
    return cited


@dataclass(frozen=True)
class ApiPage:
    path: str
    """Where its JSON is published, relative to the site root."""
    data: dict[str, Any]
    text: str
    """`data` as published: serialised as the page is read, while the engine still writes others."""
    entry: dict[str, Any]
    """What the manifest says of it."""


def api_path(relative: str, prefix: str) -> str:
    """Where the JSON of the page built at `relative` (in the edition at `prefix`) is published:
    `es/causes/cramps/index.html` in `es/` -> `es/api/pages/causes/cramps.json`."""
    page = relative.removeprefix(prefix).removesuffix("index.html").rstrip("/")
    return f"{prefix}{API}/pages/{page or 'index'}.json"


def api_page(raw: str, relative: str, edition: Edition) -> ApiPage:
    """One built content page (`relative` to the site root) as the content API gives it."""
    where = f"site/{relative}"
    found = JSON_LD.search(raw)
    article = ARTICLE.search(raw)
    if found is None or article is None or FOOTER not in article.group():
        raise ContentApiError(f"{where}: a content page needs its JSON-LD, an article and a provenance footer")
    ld = json.loads(found.group(1))
    url = str(ld["url"])
    site_url = url.removesuffix(relative.removesuffix("index.html"))
    body, footer = article.group().split(FOOTER, 1)
    parser = _Article(body, url, site_url)
    sections = _sections(parser, where)
    page_type = PAGE_TYPE.search(article.group())
    terms = f"{site_url}{edition.prefix}{urls.PAGES['developers'].url}#terms"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": ld["name"],
        "url": url,
        "inLanguage": ld["inLanguage"],
        "description": ld.get("description", ""),
        "lastReviewed": ld["lastReviewed"],
        "dateModified": ld["lastReviewed"],
        "genre": page_type.group(1) if page_type else "page",
        "usageInfo": terms,
        "hasPart": sections,
        "relatedLink": [
            {
                "@type": "LinkRole",
                "linkRelationship": "related",
                "name": _words(text),
                "position": position,
                "url": link,
            }
            for position, (link, text) in enumerate(parser.links.items())
        ],
        "citation": _citations(footer, edition, where),
    }
    if "about" in ld:
        data["about"] = ld["about"]
    path = api_path(relative, edition.prefix)
    aspects = {aspect for section in sections for aspect in section.get("hasHealthAspect", ())}
    entry = {
        "name": data["name"],
        "url": url,
        "inLanguage": data["inLanguage"],
        "api": path,
        "dateModified": data["dateModified"],
        "lastReviewed": data["lastReviewed"],
        "genre": data["genre"],
        "healthAspects": [aspect for _, aspect in CARE_CARDS.values() if aspect in aspects],
    }
    return ApiPage(path, data, published_json(data), entry)


def read_page(raw: bytes, relative: str, editions: list[Edition]) -> ApiPage | ContentApiError:
    """A built page marked for search (`relative` to the site root) as the content API publishes
    it, in the edition whose folder holds it; why it cannot be, as a value: a page read while its
    engine still writes it is read again once written (sitegen.page_reader)."""
    edition = next((e for e in editions[1:] if relative.startswith(e.prefix)), editions[0])
    try:
        return api_page(raw.decode("utf-8", errors="replace"), relative, edition)
    except ContentApiError as error:
        return error


def write_content_api(site_dir: Path, read: list[ApiPage | ContentApiError]) -> int:
    """Every content page's JSON (`read`: each page marked for search, by `read_page`), the manifest
    and the schemas, into a built site; return how many pages were published. ContentApiError,
    naming every page, if any cannot be."""
    if problems := [str(page) for page in read if isinstance(page, ContentApiError)]:
        raise ContentApiError("\n".join(problems))
    pages = [page for page in read if isinstance(page, ApiPage)]
    for page in pages:
        target = site_dir / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
    results = sorted((page.entry for page in pages), key=lambda entry: str(entry["api"]))
    manifest = {"count": len(results), "results": results}
    (site_dir / API / "schema").mkdir(parents=True, exist_ok=True)
    (site_dir / MANIFEST).write_text(published_json(manifest), encoding="utf-8")
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        shutil.copyfile(schema, site_dir / API / "schema" / schema.name)
    return len(pages)
