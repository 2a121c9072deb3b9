"""What every page says about itself: its sources (linked where they were read), when it was
reviewed and is next due, whether a clinician has checked it, and where to report a problem."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from urllib.parse import quote, urlencode

from sitegen import models


def next_review(reviewed: date, months: int) -> date:
    """`reviewed` plus `months` calendar months (the 31st becomes the month's last day)."""
    month = reviewed.month - 1 + months
    year, month = reviewed.year + month // 12, month % 12 + 1
    return date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))


def feedback_link(base: str, *, title: str, url: str, subject: str = "Problem with the page: {title} ({url})") -> str:
    """The "Report a problem" address for one page: a mailto with a subject, or a URL with ?page=."""
    if base.startswith("mailto:"):
        subject = subject.format(title=title, url=url)
        return f"{base}{'&' if '?' in base else '?'}subject={quote(subject)}"
    return f"{base}{'&' if '?' in base else '?'}{urlencode({'page': url, 'title': title})}"


def cited_sources(record: models.Record) -> Iterator[str]:
    """Every source id a record names, its own and those of the records inside it, in order."""
    own = getattr(record, "sources", ())
    yield from own if isinstance(own, tuple) else ()
    for name in type(record).model_fields:
        value = getattr(record, name)
        for child in value if isinstance(value, tuple) else (value,):
            if isinstance(child, models.Record):
                yield from cited_sources(child)
            elif name == "source" and isinstance(child, str):
                yield child
