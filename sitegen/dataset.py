"""The `Dataset`: every data file, validated and typed. `sitegen.loader` makes one from `data/`.

This module imports only the models, so every other module can import it: imports run
loader -> checks -> triage -> dataset -> models, never back.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sitegen import models
from sitegen.kinds import KINDS, records


@dataclass(frozen=True)
class Dataset:
    """All the site's data, validated. Everything downstream reads this, never raw YAML."""

    sources: models.SourcesFile
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
