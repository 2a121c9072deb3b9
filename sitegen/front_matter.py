"""A page's front matter: the typed record every page carries, from the page makers
(sitegen.pages) or a hand-written page's file (sitegen.content) through the finishing step
(sitegen.finish, sitegen.structured_data) to the engine and the theme (overrides/main.html),
and how it is written at the top of a Markdown file."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sitegen import models
from sitegen.kinds import PAGE, SEARCH_TYPES
from sitegen.text import PastDate, PlainText


class FrontMatter(BaseModel):
    """What a page says about itself. A hand-written page sets the first five in its front
    matter; the page makers set the rest too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: PlainText  # the theme prints it unescaped, in <title> and the navigation
    sources: tuple[str, ...] = Field(min_length=1, description="Ids from data/sources.yaml: the page's footer")
    reviewed: PastDate = Field(description="When a person last checked the page against its sources")
    description: str | None = Field(default=None, description="The page's meta description")
    type: str = Field(default=PAGE, description="Its search type (sitegen.kinds), as Pagefind files it")
    keywords: tuple[str, ...] = Field(default=(), description="Readers' own words for its subject")
    schema_type: str = Field(default="MedicalWebPage", description="Its schema.org type (sitegen.structured_data)")
    data_file: str | None = Field(default=None, description="The data file its facts come from, by stem")
    id: str | None = Field(default=None, description="The record it shows, for a page of one record")

    @field_validator("type")
    @classmethod
    def _a_search_type(cls, value: str) -> str:
        if value not in SEARCH_TYPES:
            raise ValueError(f"'{value}' is not a search type; expected one of {', '.join(SEARCH_TYPES)}")
        return value

    @field_validator("data_file")
    @classmethod
    def _a_data_file(cls, value: str | None) -> str | None:
        if value is not None and value not in models.FILES:
            raise ValueError(f"'{value}' is not a data file; expected one of {', '.join(models.FILES)}")
        return value

    def as_data(self) -> dict[str, Any]:
        """Its fields as the engine reads them (YAML's types: lists, ISO dates), leaving out those unset."""
        return self.model_dump(mode="json", exclude_none=True)


def with_front_matter(meta: dict[str, Any], body: str) -> str:
    """A Markdown file: `meta` as front matter, then `body`.

    The front matter is JSON, which is YAML too (every engine reads it as YAML): quoted
    throughout, so no text can break out of it, and written by the C encoder (YAML's
    representer took a sixth of an export at N = 1,000, ./site-build.sh bench), on one
    line, as json's `indent` would hand it to the Python encoder (three times slower).
    """
    return f"---\n{json.dumps(meta, ensure_ascii=False, sort_keys=True)}\n---\n\n{body}"
