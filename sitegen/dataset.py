"""The `Dataset`: every data file, validated and typed. `sitegen.loader` makes one from `data/`.

This module imports only the models, so every other module can import it: imports run
loader -> checks -> triage -> dataset -> models, never back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sitegen import models
from sitegen.kinds import KINDS, records, with_pages


@dataclass(frozen=True)
class Dataset:
    """All the site's data, validated. Everything downstream reads this, never raw YAML."""

    sources: models.SourcesFile
    guides: models.GuidesFile
    causes: models.CausesFile
    red_flags: models.RedFlagsFile
    conditions: models.ConditionsFile
    specialists: models.SpecialistsFile
    faqs: models.FaqsFile
    action_plan: models.ActionPlanFile
    glossary: models.GlossaryFile
    triage: models.TriageFile
    diary: models.DiaryFile

    @cached_property
    def by_id(self) -> dict[str, dict[str, models.Record]]:
        """Every entity kind's records by id: `dataset.by_id["causes"]["dehydration"]`."""
        return {kind: {r.id: r for r in records(self, kind)} for kind in KINDS}

    # The same, typed for the kinds the code reads fields of (by_id's records are only Records).

    @cached_property
    def sources_by_id(self) -> dict[str, models.Source]:
        return {s.id: s for s in self.sources.sources}

    @cached_property
    def guides_by_id(self) -> dict[str, models.Guide]:
        return {g.id: g for g in self.guides.guides}

    @cached_property
    def causes_by_id(self) -> dict[str, models.Cause]:
        return {c.id: c for c in self.causes.causes}

    @cached_property
    def specialists_by_id(self) -> dict[str, models.Specialist]:
        return {s.id: s for s in self.specialists.specialists}

    @cached_property
    def faqs_by_id(self) -> dict[str, models.Faq]:
        return {f.id: f for f in self.faqs.faqs}

    @cached_property
    def red_flags_by_id(self) -> dict[str, models.RedFlag]:
        return {f.id: f for f in self.red_flags.red_flags}

    @cached_property
    def conditions_by_id(self) -> dict[str, models.Condition]:
        return {c.id: c for c in self.conditions.conditions}

    @cached_property
    def pages_by_id(self) -> dict[str, dict[str, models.Guide | models.Cause | models.Condition | models.Specialist]]:
        """The kinds with a page per record (each has a `name`), by kind and id."""
        return {kind.name: {r.id: r for r in records(self, kind.name)} for kind in with_pages()}
