"""Text types for data fields: Markdown or plain text that can never become script.

Data is trusted to be wrong, not to be safe, so anything that Markdown would pass
through as live HTML, a script URL or an attribute list is refused at validation.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Each rule: what it finds in the text as a browser reads it, lower-cased (searching with re.I
# took twice as long over the bench's data), and what the maintainer is told.
_MARKUP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*[a-z!?/]"), "raw HTML is not allowed in data; write Markdown"),
    (
        re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);"),
        "HTML character references are not allowed; type the character itself",
    ),
    (re.compile(r"(?:java|vb)script\s*:|data\s*:\s*text/html"), "script URLs are not allowed"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BRACES = (
    re.compile(r"\{[^}\n]*\}?"),
    "curly braces are not allowed in data text (they are Markdown attribute and template syntax)",
)
_DATA_RULES = (*_MARKUP, _BRACES)


_URL_IGNORED = str.maketrans("", "", "\t\n\r")
_URL_TRIMMED = "".join(map(chr, range(0x21)))


def as_browsers_read(url: str) -> str:
    """A URL as a browser reads it (WHATWG URL): tabs and line breaks anywhere dropped, and
    spaces and control characters at either end, so "java⏎script:" is "javascript:"."""
    return url.translate(_URL_IGNORED).strip(_URL_TRIMMED)


def markup_in(text: str, rules: tuple[tuple[re.Pattern[str], str], ...] = _MARKUP) -> str | None:
    """Why `text` could become markup or script once printed (a control character, raw HTML, a
    character reference, a script URL, or what `rules` add), in the maintainer's words; None if
    it cannot."""
    if _CONTROL.search(text):  # in `text`: reading it as a browser would drops some
        return "control characters are not allowed; type the text itself"
    # Dropping tabs and line breaks only joins what was there, so markup in `text` is found here too.
    read = as_browsers_read(text).lower()
    for pattern, message in rules:
        if pattern.search(read):
            return message
    return None


_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\](?:\(\s*<?(?P<inline>[^)>\s]*)|\[(?P<label>[^\]\n]*)\])?")
"""A Markdown image: `![alt](address)`, `![alt][label]`, `![alt][]` or `![alt]`."""
_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<label>[^\]\n]+)\]:[ \t]*<?(?P<address>[^\s>]*)", re.M)
_ELSEWHERE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.I)
"""An address on another host (`https://...`, `//host/...`), not a path on this site."""
ELSEWHERE_IMAGE = (
    "an image on another web site: the reader's browser would fetch it from there, and the site"
    " sends no reader's request to a third party; save the image in content/assets/ and give that address"
)


def images_from_elsewhere(markdown: str) -> list[tuple[int, str]]:
    """Each Markdown image in `markdown` whose address is on another web site, with its offset."""
    found = []
    defined: dict[str, str] | None = None
    for image in _IMAGE.finditer(markdown):
        address = image["inline"]
        if address is None:
            if defined is None:
                defined = {m["label"].lower(): m["address"] for m in _DEFINITION.finditer(markdown)}
            address = defined.get((image["label"] or image["alt"]).lower(), "")
        if on_another_site(address):
            found.append((image.start(), address))
    return found


def on_another_site(address: str) -> bool:
    """Whether a browser would fetch `address` from another host rather than this site."""
    return _ELSEWHERE.match(as_browsers_read(address)) is not None


def check_safe(text: str) -> str:
    """Refuse text that could carry markup or template syntax, or make the reader's browser
    fetch from another site; return it unchanged otherwise."""
    if found := markup_in(text, _DATA_RULES):
        raise ValueError(found)
    if images_from_elsewhere(text):
        raise ValueError(ELSEWHERE_IMAGE)
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def check_single_line(text: str) -> str:
    # Any line break, not only "\n": Markdown reads "\r" as one too.
    if len(text.strip().splitlines()) > 1:
        raise ValueError("must be a single line")
    return text.strip()


def check_web_address(url: str) -> str:
    """A source's address: http(s) to a named host, in the characters an address is written
    with (RFC 3986), so that it stays one link: a ")" would end the Markdown link it is printed
    in and make the rest Markdown of its own."""
    match = re.fullmatch(r"https?://([^/?#:@\s]+)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]*", url)
    if not match:
        raise ValueError(
            "must be a web address starting with http:// or https://, without spaces, quotes,"
            " brackets ( ) < > { } or backslashes (write them %-encoded)"
        )
    host = match.group(1).lower()
    if "." not in host or host.endswith((".localhost", ".local")) or re.fullmatch(r"[\d.]+", host):
        raise ValueError(f"'{host}' is not a public web site's name")
    return url


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A stable lowercase-kebab id, used in URLs and cross-references; short enough for a file name."""

Markdown = Annotated[str, AfterValidator(check_safe)]
"""Markdown text: emphasis, lists and links are fine, HTML is refused."""

PlainText = Annotated[str, AfterValidator(check_safe), AfterValidator(check_single_line)]
"""One line of text: names, labels, table cells."""

WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://\S+$"), AfterValidator(check_web_address)]
"""Where a source was read: a public web page's address."""


def check_past(day: date) -> date:
    if day > date.today():
        raise ValueError(f"{day.isoformat()} is in the future: give the day it happened")
    return day


PastDate = Annotated[date, AfterValidator(check_past)]
"""A day something was done (reviewed, read): never later than today."""
