"""What every page carries besides its text, added in the Markdown so any engine shows it:
data markers expanded (sitegen.markers), the provenance footer (sources, last and next
review, clinical review and a report link, sitegen.provenance) with the glossary's
abbreviations (templates/_provenance.md), links made relative (sitegen.links), the page's
JSON-LD in its front matter (`json_ld`, printed by overrides/main.html) and its description
escaped for the attribute it is printed in."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import escape

from sitegen import urls
from sitegen.dataset import Dataset
from sitegen.front_matter import FrontMatter
from sitegen.links import relative_links
from sitegen.markers import expand_markers
from sitegen.pages import template_environment
from sitegen.provenance import feedback_link, next_review
from sitegen.published import published_json
from sitegen.strings import SOURCE, Strings, strings
from sitegen.structured_data import page_json_ld


@functools.lru_cache(maxsize=4)
def _environment(lang: str) -> jinja2.Environment:
    # One environment for every page of a language: a new one per page compiled the footer
    # template again each time (a fifth of a 1,000-record build, ./site-build.sh bench).
    return template_environment(t=strings(lang))


def footer(dataset: Dataset, front: FrontMatter, *, url: str, feedback_url: str, lang: str = SOURCE) -> str:
    """The provenance footer and glossary abbreviations of a page: its sources, when it was last
    reviewed and is next due, its clinical review, and where to report a problem with it."""
    data_file = front.data_file
    return (
        _environment(lang)
        .get_template("_provenance.md")
        .render(
            sources=[dataset.by_id["sources"][s] for s in front.sources],
            reviewed=front.reviewed,
            next_review=next_review(front.reviewed, dataset.sources.review_interval_months),
            clinical_review=getattr(dataset, data_file).clinical_review if data_file else None,
            feedback=feedback_link(feedback_url, title=front.title, url=url, subject=strings(lang)["feedback.subject"]),
            glossary=dataset.glossary.terms,
        )
    )


def json_ld_text(data: dict[str, Any]) -> str:
    """JSON for a `<script type="application/ld+json">`: nothing in it can end the element."""
    text = published_json(data).rstrip("\n")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def finish_page(
    doc: str,
    front: FrontMatter,
    body: str,
    dataset: Dataset,
    *,
    site_url: str,
    feedback_url: str,
    where: str | None = None,
    first_line: int = 1,
    t: Strings | None = None,
    alternates: list[dict[str, str]] | None = None,
) -> tuple[dict[str, Any], str]:
    """A page as the engine gets it: its front matter, with what the theme reads besides
    (overrides/main.html: `json_ld`, `alternates`, the page in every edition (sitegen.editions)
    for the language switch), and its Markdown, in the language of `t` (English by default)."""
    lang = t.lang if t else SOURCE
    body = expand_markers(body, dataset, where=where or doc, first_line=first_line, t=t)
    url = site_url.rstrip("/") + "/" + urls.url_of_doc(doc)
    body = f"{body.rstrip()}\n\n{footer(dataset, front, url=url, feedback_url=feedback_url, lang=lang)}"
    finished = {**front.as_data(), "json_ld": json_ld_text(page_json_ld(front, url=url, dataset=dataset, lang=lang))}
    if alternates:
        finished["alternates"] = alternates
    if front.description is not None:
        # Material (in MkDocs and in Zensical) prints the description into an attribute
        # without escaping it; a quote in the data must not end that attribute.
        finished["description"] = str(escape(front.description))
    return finished, relative_links(body, doc)
