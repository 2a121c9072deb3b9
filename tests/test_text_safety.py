"""Data text can never become markup: validation refuses what Markdown would pass through live."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from sitegen.text import Id, Markdown, PlainText

MARKDOWN = TypeAdapter(Markdown)
PLAIN = TypeAdapter(PlainText)
ID = TypeAdapter(Id)

HOSTILE = [
    ("<img src=x onerror=alert(1)>", "raw HTML"),
    ("</script><script>alert(1)</script>", "raw HTML"),
    ('"><svg onload=alert(1)>', "raw HTML"),
    ("<!-- hidden -->", "raw HTML"),
    ("[click](javascript:alert(1))", "script URLs"),
    ("[click](JavaScript :alert(1))", "script URLs"),
    ("[click](java&#115;cript:alert(1))", "character references"),
    ("&lt;img&gt;", "character references"),
    ("**bold**{: onclick=alert(1) }", "curly braces"),
    ("{{ 7*7 }}", "curly braces"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "script URLs"),
    # Browsers read tag names, schemes and character references in any case.
    ("<IMG SRC=x ONERROR=alert(1)>", "raw HTML"),
    ("[click](VBScript:msgbox(1))", "script URLs"),
    ("[x](DATA:TEXT/HTML,<b>)", "raw HTML"),
    ("[x](DATA : Text/Html,x)", "script URLs"),
    ("&AMP;lt;", "character references"),
    ("&#X3C;script", "character references"),
    ("[click](java\tscript:alert(1))", "script URLs"),  # a browser drops the tab
    ("[click](java\nscript:alert(1))", "script URLs"),
    ("a carriage\rreturn", "control characters"),
    ("\x01[click](javascript:alert(1))", "control characters"),
    ("   ", "must not be empty"),
    # An image the reader's browser would fetch from another host: a request to a third party.
    ("![pixel](https://tracker.example/p.gif)", "an image on another web site"),
    ("![pixel](  //tracker.example/p.gif )", "an image on another web site"),
    ("![pixel][t]\n\n[t]: HTTPS://tracker.example/p.gif", "an image on another web site"),
    ("![t]\n\n[T]: https://tracker.example/p.gif", "an image on another web site"),
]


@pytest.mark.parametrize(("text", "reason"), HOSTILE)
def test_markdown_field_refuses_live_markup(text: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        MARKDOWN.validate_python(text)


@pytest.mark.parametrize(
    "text",
    [
        "Potassium < 3.5 is low",
        "**Sip**, don't chug: 2-3 L a day",
        "[Action plan](../action-plan.md)",
        "[The NHS page](https://www.nhs.uk/conditions/leg-cramps/)",  # a link is followed only if chosen
        "![A calf stretch](../assets/calf-stretch.png)",
        "A & B",
        "Use 5 < 6",
    ],
)
def test_markdown_field_accepts_ordinary_prose(text: str) -> None:
    assert MARKDOWN.validate_python(text) == text


def test_plain_text_is_one_line() -> None:
    with pytest.raises(ValidationError, match="single line"):
        PLAIN.validate_python("first line\nsecond line")


@pytest.mark.parametrize("value", ["Dehydration", "poor_circulation", "-leading", "double--dash", "trailing-", ""])
def test_ids_are_lowercase_kebab(value: str) -> None:
    with pytest.raises(ValidationError):
        ID.validate_python(value)
