"""The typed, immutable data model: one root model per file in `data/`.

Strict on purpose: unknown keys are errors (they are usually typos), and no value is
coerced from another type, so `reviewed: yes` fails instead of becoming `True`.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sitegen.text import Id, Markdown, PastDate, PlainText, WebAddress

Level = Literal["emergency", "urgent", "doctor", "self-care"]
LEVELS: tuple[Level, ...] = ("emergency", "urgent", "doctor", "self-care")
"""Escalation levels, most urgent first (the order `tree.json` publishes)."""

RedFlagLevel = Literal["emergency", "urgent", "doctor"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ClinicalReview(Record):
    """A named clinician's check of a file's content; never filled in for someone who did not do it."""

    by: PlainText = Field(description="The reviewer's name, as they agreed to be named")
    role: PlainText = Field(description="Their clinical qualification, e.g. 'Family physician (MD)'")
    date: PastDate


class Reviewed(Record):
    """Provenance every page shows: where the facts came from and when a person checked them."""

    sources: tuple[Id, ...] = Field(min_length=1, description="Ids from sources.yaml")
    reviewed: PastDate = Field(description="When a person last checked this against its sources")
    clinical_review: ClinicalReview | None = Field(
        default=None, description="Who reviewed it clinically, and when; absent means not yet reviewed by a clinician"
    )


class PageFile(Reviewed):
    """A data file that is also a page (an overview, the action plan, the checker, the diary):
    its introduction, and readers' own words for the page, which search weighs like a heading
    (templates/_intro.md; a hand-written page shows them with `<!-- data: terms <file> -->`)."""

    intro: Markdown
    lay_terms: tuple[PlainText, ...] = Field(
        default=(), description="Readers' own words for this page, for search only"
    )


class Entity(Reviewed):
    id: Id
    lay_terms: tuple[PlainText, ...] = Field(
        default=(), description="Readers' own words for this, used by the page and search"
    )


# -- sources.yaml ---------------------------------------------------------------------------


SourceKind = Literal["blog", "patient-information", "clinical-reference", "guideline", "study"]
"""`blog` is not a clinical source: it may supply everyday tips, never a red flag's level."""


class Source(Record):
    id: Id
    title: PlainText
    kind: SourceKind
    author: PlainText | None = None
    publisher: PlainText | None = None
    url: WebAddress | None = Field(default=None, description="The address it was read at")
    read: PastDate | None = Field(default=None, description="When we read it at that address")
    note: Markdown | None = None

    @property
    def clinical(self) -> bool:
        return self.kind != "blog"

    @model_validator(mode="after")
    def _clinical_sources_were_read(self) -> Source:
        if self.clinical and (self.url is None or self.read is None):
            raise ValueError("a clinical source needs the url it was read at and the date it was read")
        if self.url is not None and self.read is None:
            raise ValueError("a source with a url needs the date it was read there")
        return self


class SourcesFile(Record):
    review_interval_months: int = Field(
        ge=1, le=36, description="How long after 'reviewed' a page is due its next review"
    )
    sources: tuple[Source, ...] = Field(min_length=1)


# -- causes.yaml ----------------------------------------------------------------------------


class Cause(Entity):
    name: PlainText
    kind: Literal["core", "sneaky"] = Field(
        description="core: the seven core reasons; sneaky: triggers most people miss"
    )
    summary: PlainText = Field(description="One line for tables and search results")
    mechanism: Markdown = Field(description="How it happens")
    example: Markdown = Field(description="A real-life example")
    advice: Markdown | None = None
    specialists: tuple[Id, ...] = Field(default=(), description="Ids from specialists.yaml who treat this")


class CausesFile(PageFile):
    sneaky_intro: Markdown
    causes: tuple[Cause, ...] = Field(min_length=1)


# -- red_flags.yaml -------------------------------------------------------------------------


class Evidence(Record):
    """What one source says about a sign: the level its own advice amounts to."""

    source: Id = Field(description="An id from sources.yaml")
    level: RedFlagLevel = Field(description="The level the source's own advice gives this sign")


class RedFlag(Record):
    id: Id
    text: PlainText = Field(description="The sign, as a reader would recognise it")
    short: PlainText | None = Field(
        default=None, description="A few words for the emergency banner, which names the emergency signs that have them"
    )
    detail: Markdown | None = None
    level: RedFlagLevel = Field(description="The least escalation this sign always needs")
    level_reason: Markdown = Field(description="Why this level, speaking to the reader and naming the source")
    evidence: tuple[Evidence, ...] = Field(
        default=(), description="The reputable sources behind this sign, each with the level it gives"
    )
    lay_terms: tuple[PlainText, ...] = Field(default=(), description="Readers' own words for this sign")
    reviewed: PastDate = Field(description="When a person last checked this against its sources")

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence))


class RedFlagsFile(PageFile):
    story: Markdown | None = None
    red_flags: tuple[RedFlag, ...] = Field(min_length=1)


# -- codes (guides.yaml, conditions.yaml) ----------------------------------------------------


class Icd10cmCode(Record):
    """A code of ICD-10-CM (the US clinical modification of ICD-10) for what a page explains, with
    its official title; sitegen.checks holds both to the table (sitegen.icd10cm). A category or
    subcategory (G47.62, G12.2), never with the 7th character that records an encounter (T67.01XA).

    SNOMED CT concepts would sit beside these, each with the source it was read in; no source read
    so far gives them, so there are none."""

    code: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", description="As the table writes it: G47.62")
    title: PlainText = Field(description="The table's title, word for word; in English in every edition")


CODES_DESCRIPTION = (
    "The ICD-10-CM codes of what the page explains: the general one, and the specific ones the page covers; "
    "none where no code's title fits the page"
)


# -- guides.yaml ----------------------------------------------------------------------------


class Guide(Entity):
    """A situation readers come with (night cramps, pregnancy, an eyelid twitch), told as the
    reputable pages on it tell it: how to tell, what to do, when to get help."""

    name: PlainText
    summary: PlainText = Field(description="One line for search results and the list of guides")
    what_it_is: Markdown = Field(description="What it is and how to tell")
    look_alikes: Markdown = Field(description="What it is not: the look-alikes and how to tell them apart")
    do_now: Markdown = Field(description="What to do now")
    prevent: Markdown = Field(description="How to prevent it")
    get_help: Markdown = Field(description="When to see a doctor, beyond the warning signs, and safety-netting")
    red_flags: tuple[Id, ...] = Field(default=(), description="Warning signs shown as care cards, most urgent first")
    doctor: Markdown = Field(description="What a doctor may check or offer, and what is not recommended")
    conditions: tuple[Id, ...] = ()
    causes: tuple[Id, ...] = ()
    icd10cm: tuple[Icd10cmCode, ...] = Field(default=(), description=CODES_DESCRIPTION)


class GuidesFile(PageFile):
    guides: tuple[Guide, ...] = Field(min_length=1)


# -- conditions.yaml ------------------------------------------------------------------------


class Condition(Entity):
    name: PlainText
    also_known_as: tuple[PlainText, ...] = ()
    spasm_pattern: PlainText = Field(description="One line: how it can feel like, or be taken for, a cramp or spasm")
    description: Markdown = Field(description="What it is")
    relation: Markdown = Field(description="How it relates to spasms or cramps")
    signs: Markdown = Field(description="Its signs")
    what_to_do: Markdown = Field(description="What to do, and how fast")
    outlook: Markdown = Field(description="What happens next: treatment and outlook")
    next_steps: tuple[PlainText, ...] = Field(min_length=1, description="Tests or checks a doctor may do")
    red_flags: tuple[Id, ...] = ()
    specialists: tuple[Id, ...] = ()
    icd10cm: tuple[Icd10cmCode, ...] = Field(default=(), description=CODES_DESCRIPTION)


class ConditionsFile(PageFile):
    conditions: tuple[Condition, ...] = Field(min_length=1)


# -- specialists.yaml -----------------------------------------------------------------------


class Cost(Record):
    # A price a reader pays for one visit; past 100,000 it is a typo (and would print wrongly).
    min: int = Field(ge=0, le=100_000)
    max: int = Field(ge=0, le=100_000)
    currency: Literal["USD"]
    per: Literal["session", "consult", "visit"]
    extras: PlainText | None = Field(default=None, description="What the price leaves out")
    insurance: PlainText | None = None

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Cost:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        return self


class Specialist(Entity):
    name: PlainText
    helps_with: tuple[PlainText, ...] = Field(min_length=1)
    cost: Cost
    advice: Markdown | None = None


class SpecialistsFile(PageFile):
    advice: Markdown | None = None
    specialists: tuple[Specialist, ...] = Field(min_length=1)


# -- faqs.yaml ------------------------------------------------------------------------------


class Faq(Entity):
    question: PlainText
    answer: Markdown
    guides: tuple[Id, ...] = Field(default=(), description="Guides that say more")
    conditions: tuple[Id, ...] = Field(default=(), description="Conditions that say more")
    causes: tuple[Id, ...] = Field(default=(), description="Causes that say more")
    red_flags: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _says_where_to_read_more(self) -> Faq:
        if not (self.guides or self.conditions or self.causes):
            raise ValueError("name the page that says more: at least one of guides, conditions or causes")
        return self


class FaqsFile(Reviewed):
    faqs: tuple[Faq, ...] = Field(min_length=1)


# -- action_plan.yaml -----------------------------------------------------------------------


class Quantity(Record):
    """An amount from the source, as numbers: a single value or a min-max range."""

    # An amount is a real number of its unit: never negative, infinite or "not a number" (.nan).
    value: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    min: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    max: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    unit: Literal["L", "mg", "min", "s"]
    per: Literal["day", "hour"] | None = None
    of: PlainText | None = Field(default=None, description="What is measured, e.g. potassium")

    @model_validator(mode="after")
    def _value_or_range(self) -> Quantity:
        if (self.value is None) == (self.min is None or self.max is None):
            raise ValueError("give either value, or both min and max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        return self


class BreathingPhase(Record):
    action: Literal["inhale", "hold", "exhale"]
    seconds: int = Field(gt=0)


class Caution(Record):
    """Who should check with a doctor before following a tip, from a clinical source."""

    text: Markdown
    sources: tuple[Id, ...] = Field(min_length=1, description="Ids from sources.yaml")


class Tip(Record):
    id: Id
    title: PlainText
    text: Markdown
    quantities: tuple[Quantity, ...] = ()
    foods: tuple[PlainText, ...] = ()
    breathing: tuple[BreathingPhase, ...] = ()
    caution: Caution | None = None
    experience: Markdown | None = Field(
        default=None, description="One writer's experience (the seed blog post), shown as that, not as advice"
    )
    causes: tuple[Id, ...] = Field(default=(), description="Causes this tip addresses")
    sources: tuple[Id, ...] = Field(min_length=1, description="The sources of this tip's advice, one clinical at least")


class PlanSection(Record):
    id: Id
    title: PlainText
    intro: Markdown | None = None
    tips: tuple[Tip, ...] = Field(min_length=1)


class Tracking(Record):
    intro: Markdown
    prompts: tuple[PlainText, ...] = Field(min_length=1)


class ActionPlanFile(PageFile):
    sections: tuple[PlanSection, ...] = Field(min_length=1)
    tracking: Tracking
    takeaway: Markdown


# -- glossary.yaml --------------------------------------------------------------------------


class Term(Record):
    term: PlainText = Field(description="An abbreviation in capitals, e.g. DVT")
    meaning: PlainText

    @field_validator("term")
    @classmethod
    def _an_abbreviation(cls, value: str) -> str:
        # Every page marks each place the term appears with its meaning (Markdown's
        # abbreviations): an everyday word such as "emergency" would be explained everywhere.
        if not re.fullmatch(r"[A-Z][A-Z0-9&./-]*[A-Z0-9]", value):
            raise ValueError(f"'{value}' is not an abbreviation in capitals, such as DVT; every page would explain it")
        return value


class GlossaryFile(Reviewed):
    terms: tuple[Term, ...] = ()


# -- triage.yaml ----------------------------------------------------------------------------


class Answer(Record):
    KEY: ClassVar[str] = "next"  # what a translation names it by (sitegen.translations): where it leads

    label: PlainText
    next: Id
    red_flags: tuple[Id, ...] = ()


class ScreenFlag(Record):
    """One red flag a screen asks about, and where a reader who has it goes (default: if_any)."""

    KEY: ClassVar[str] = "flag"  # what a translation names it by (sitegen.translations): never a position

    flag: Id = Field(description="An id from red_flags.yaml")
    label: PlainText | None = Field(
        default=None,
        description="The answer in this screen's few words, one recognisable thing, as the sign's text means it "
        "(default: the sign's text); a screen is read whole, so its words add up",
    )
    next: Id | None = None


class Question(Record):
    id: Id
    text: PlainText
    help: PlainText | None = None
    answers: tuple[Answer, ...] = ()
    screen: RedFlagLevel | None = Field(
        default=None,
        description="Ask about red flags, one answer each: those in `flags` (of this level or a less urgent one, "
        "each to its own next), or else every one of this level",
    )
    flags: tuple[ScreenFlag, ...] = Field(default=(), description="The screen's red flags, in the order shown")
    if_any: Id | None = None
    none_label: PlainText | None = None
    if_none: Id | None = None

    @model_validator(mode="after")
    def _screen_or_answers(self) -> Question:
        screen_fields = (self.none_label, self.if_none)
        if self.screen is None:
            if any(value is not None for value in (*screen_fields, self.if_any)) or self.flags:
                raise ValueError("flags, if_any, none_label and if_none go with screen")
        elif self.answers:
            raise ValueError("a screen asks its flags, not answers: move the answers to a question of their own")
        elif any(value is None for value in screen_fields):
            raise ValueError("a screen needs none_label and if_none")
        elif self.if_any is None and (not self.flags or any(f.next is None for f in self.flags)):
            raise ValueError("a screen needs if_any, unless each of its flags has its own next")
        return self


class Links(Record):
    guides: tuple[Id, ...] = ()
    causes: tuple[Id, ...] = ()
    conditions: tuple[Id, ...] = ()
    specialists: tuple[Id, ...] = ()
    pages: tuple[
        Literal["action-plan", "when-to-see-a-doctor", "faq", "guides", "causes", "specialists", "conditions"], ...
    ] = ()


class Outcome(Record):
    id: Id
    level: Level
    title: PlainText
    advice: PlainText
    safety_net: PlainText | None = Field(
        default=None, description="When to come back and escalate; every self-care outcome needs it"
    )
    watch_for: tuple[Id, ...] = Field(
        default=(), description="Red flags to look out for after this advice, shown with what each needs"
    )
    links: Links = Links()
    sources: tuple[Id, ...] = Field(min_length=1, description="Ids from sources.yaml behind this advice")


class LevelText(Record):
    KEY: ClassVar[str] = "level"  # what a translation names it by (sitegen.translations)

    level: Level
    label: PlainText
    meaning: PlainText


class TriageFile(PageFile):
    start: Id
    levels: tuple[LevelText, ...] = Field(min_length=4, max_length=4)
    questions: tuple[Question, ...] = Field(min_length=1)
    outcomes: tuple[Outcome, ...] = Field(min_length=1)


# -- diary.yaml -----------------------------------------------------------------------------


class DiaryPlace(Record):
    """A place in the body the diary offers in its list ("other" is always added)."""

    id: Id
    label: PlainText
    red_flags: tuple[Id, ...] = Field(default=(), description="Red flags an episode in this place matches")


class DiarySign(Record):
    """A checkbox "did you also notice ...", there because it matches a red flag."""

    id: Id
    label: PlainText
    red_flags: tuple[Id, ...] = Field(min_length=1, description="Red flags an episode with this sign matches")


class DiaryMedicine(Record):
    """The "new or changed medicine" question: ticking it matches these red flags."""

    red_flags: tuple[Id, ...] = ()


class DiaryDuration(Record):
    """An episode that lasted longer than `over_minutes` matches these red flags; the number
    must be the red flag's own (its text names it), never one of the diary's."""

    over_minutes: int = Field(gt=0)
    red_flags: tuple[Id, ...] = Field(min_length=1)


class DiaryFile(PageFile):
    places: tuple[DiaryPlace, ...] = Field(min_length=1)
    activities: tuple[PlainText, ...] = Field(default=(), description="Suggestions for 'what were you doing'")
    signs: tuple[DiarySign, ...] = ()
    medicine: DiaryMedicine = DiaryMedicine()
    durations: tuple[DiaryDuration, ...] = ()


FILES: dict[str, type[Record]] = {
    "sources": SourcesFile,
    "guides": GuidesFile,
    "causes": CausesFile,
    "red_flags": RedFlagsFile,
    "conditions": ConditionsFile,
    "specialists": SpecialistsFile,
    "faqs": FaqsFile,
    "action_plan": ActionPlanFile,
    "glossary": GlossaryFile,
    "triage": TriageFile,
    "diary": DiaryFile,
}
"""Every data file, by its stem, and the model of its top level."""
