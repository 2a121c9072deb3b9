"""Text types for data fields: Markdown or plain text that can never become script.

Data is trusted to be wrong, not to be safe, so anything that Markdown would pass
through as live HTML, a script URL or an attribute list is refused at validation.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# Each rule: what it finds, and what the maintainer is told.
_UNSAFE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<\s*[A-Za-z!?/]"), "raw HTML is not allowed in data; write Markdown"),
    (
        re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I),
        "HTML character references are not allowed; type the character itself",
    ),
    (re.compile(r"(?:java|vb)script\s*:|data\s*:\s*text/html", re.I), "script URLs are not allowed"),
    (
        re.compile(r"\{[^}\n]*\}?"),
        "curly braces are not allowed in data text (they are Markdown attribute and template syntax)",
    ),
)


def check_safe(text: str) -> str:
    """Refuse text that could carry markup; return it unchanged otherwise."""
    for pattern, message in _UNSAFE:
        if pattern.search(text):
            raise ValueError(message)
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def check_single_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("must be a single line")
    return text.strip()


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
"""A stable lowercase-kebab id, used in URLs and cross-references."""

Markdown = Annotated[str, AfterValidator(check_safe)]
"""Markdown text: emphasis, lists and links are fine, HTML is refused."""

PlainText = Annotated[str, AfterValidator(check_safe), AfterValidator(check_single_line)]
"""One line of text: names, labels, table cells."""
