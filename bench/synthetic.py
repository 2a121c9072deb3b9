"""Synthetic data for the benchmarks: `n` records of every entity kind, valid and safe.

`write_dataset(n, data_dir)` writes the files of `data/` with `n` sources, causes, red flags,
conditions, specialists, FAQs and action-plan tips, cross-referenced the way the real data is,
and a triage tree that passes the verifier: the three red-flag screens ask about all `n` red
flags, then a chain of pattern questions leads to self-care and doctor outcomes. Text lengths
follow a real health site rather than the seed data (a summary is one sentence, a condition two
paragraphs). Output is deterministic for a given `n` and `seed`. The emergency red flags (in
every page's banner) and the glossary (abbreviations on every page) stay at their real size.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REVIEWED = date(2026, 11, 25)
EMERGENCY_FLAGS = 3
"""Emergency red flags at most: the banner on every page lists them all."""
CONTENT_TIP = "heel-press"
"""The tip `content/index.md` shows through a data marker; it must exist."""
CONTENT_SOURCE = "seed-article"
"""The blog post the hand-written pages in `content/` cite; `cited` adds the others they cite."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _words("""
muscle nerve calf thigh back neck shoulder foot hand eyelid jaw hip spine tendon fibre signal
potassium magnesium calcium sodium fluid water salt sweat blood oxygen circulation vessel
cramp spasm twitch tightness stiffness ache fatigue strain tension inflammation irritation
exercise training running walking sitting standing sleeping posture stretching rest warmth
cold heat night morning evening workout desk flight travel stress anxiety caffeine medication
diuretic statin pregnancy age thyroid kidney diabetes deficiency imbalance dehydration overuse
contraction relaxation recovery movement balance strength routine habit trigger pattern
symptom sign doctor therapist test check scan exam dose intake diet food banana spinach
avocado nuts seeds yoghurt beans lentils potatoes broth electrolyte drink bottle daily weekly
""")
VERBS = _words("""
reduces raises disrupts tightens relaxes irritates starves supports eases triggers blocks
slows speeds strains calms loosens worsens improves limits restores drains protects
""")
ADJECTIVES = _words("""
sudden painful brief long-lasting mild sharp dull repeated nightly frequent rare common
gentle steady intense low high poor good tired tight weak stiff sore warm cold
""")
KINDS = {
    "sources": "source",
    "causes": "cause",
    "red_flags": "flag",
    "conditions": "condition",
    "specialists": "specialist",
    "faqs": "faq",
    "tips": "tip",
}
"""Each kind with `n` records, and its ids' prefix."""


class _Text:
    """Sentences and names from a seeded generator, safe for every text field."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> list[str]:
        return [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]

    def sentence(self, low: int = 8, high: int = 16) -> str:
        words = self.words(low - 2, high - 2)
        words.insert(self.rng.randint(1, len(words)), self.rng.choice(VERBS))
        words.insert(self.rng.randint(0, len(words) - 1), self.rng.choice(ADJECTIVES))
        return " ".join(words).capitalize() + "."

    def title(self, low: int, high: int) -> str:
        return self.sentence(low, high).rstrip(".")

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def markdown(self, low: int, high: int) -> str:
        """A paragraph with some emphasis, as editors write it."""
        text = self.sentences(low, high)
        return f"**{self.rng.choice(WORDS).capitalize()} matters.** {text}" if self.rng.random() < 0.4 else text

    def paragraphs(self, count: int, low: int, high: int) -> str:
        return "\n\n".join(self.markdown(low, high) for _ in range(count))

    def name(self, index: int, low: int = 2, high: int = 3) -> str:
        return " ".join(self.words(low, high)).capitalize() + f" {index}"

    def phrase(self, low: int = 2, high: int = 4) -> str:
        return " ".join(self.words(low, high))

    def phrases(self, low: int, high: int, count: tuple[int, int]) -> list[str]:
        return [self.phrase(low, high).capitalize() for _ in range(self.rng.randint(*count))]

    def lay_terms(self) -> list[str]:
        return [self.phrase(1, 3) for _ in range(self.rng.randint(3, 6))]

    def maybe(self, chance: float, key: str, make: Any) -> dict[str, Any]:
        """`{key: make()}` with probability `chance`, else nothing."""
        return {key: make()} if self.rng.random() < chance else {}


def _pick(rng: random.Random, ids: list[str], low: int, high: int) -> list[str]:
    return rng.sample(ids, min(len(ids), rng.randint(low, high)))


def generate(n: int, *, seed: int = 0, cited: Iterable[str] = ()) -> dict[str, dict[str, Any]]:
    """The content of every data file, by stem, for `n` records of each kind; `cited` are more
    source ids to include (those the hand-written pages cite), drawn on by no record."""
    if n < 3:
        raise ValueError("n must be at least 3: one red flag for each level's screen")
    rng = random.Random(seed * 1_000_003 + n)
    text = _Text(rng)
    ids = {kind: [f"{prefix}-{i:05d}" for i in range(n)] for kind, prefix in KINDS.items()}
    ids["sources"][0] = CONTENT_SOURCE
    ids["tips"][0] = CONTENT_TIP

    def provenance() -> dict[str, Any]:
        return {"sources": _pick(rng, ids["sources"], 1, 2), "reviewed": REVIEWED}

    clinical = ids["sources"][1:]  # the first is the blog post the hand-written pages cite

    def source(source_id: str, title: str, kind: str, publisher: str) -> dict[str, Any]:
        url = f"https://example.org/sources/{source_id}"
        return {"id": source_id, "title": title, "kind": kind, "publisher": publisher, "url": url, "read": REVIEWED}

    sources = [{"id": CONTENT_SOURCE, "title": text.title(4, 9), "kind": "blog"}]
    for source_id in clinical:
        title, kind = text.title(4, 9), rng.choice(["patient-information", "clinical-reference", "guideline", "study"])
        sources.append(source(source_id, title, kind, text.phrase(1, 3).title()))
        sources[-1] |= text.maybe(0.3, "note", lambda: text.sentences(1, 2))
    files: dict[str, dict[str, Any]] = {"sources": {"review_interval_months": 12, "sources": sources}}
    files["causes"] = {**provenance(), "intro": text.paragraphs(2, 3, 5), "sneaky_intro": text.sentences(1, 2)}
    files["causes"]["causes"] = [
        {
            "id": cause_id,
            "kind": "core" if i % 10 < 7 else "sneaky",
            "name": text.name(i),
            "summary": text.sentence(),
            "mechanism": text.markdown(2, 3),
            "example": text.sentences(1, 2),
            **text.maybe(0.6, "advice", lambda: text.markdown(2, 4)),
            "lay_terms": text.lay_terms(),
            "specialists": _pick(rng, ids["specialists"], 1, 2),
            **provenance(),
        }
        for i, cause_id in enumerate(ids["causes"])
    ]
    levels = [_flag_level(i, n) for i in range(n)]
    files["red_flags"] = {**provenance(), "intro": text.paragraphs(1, 3, 4), "story": text.sentences(2, 3)}
    files["red_flags"]["red_flags"] = [
        {
            "id": flag_id,
            "text": text.title(6, 10),
            **text.maybe(0.5, "detail", lambda: text.sentences(1, 2)),
            "level": levels[i],
            "level_reason": text.sentence(),
            "evidence": [{"source": source, "level": levels[i]} for source in _pick(rng, clinical, 1, 2)],
            "lay_terms": text.lay_terms(),
            "reviewed": REVIEWED,
        }
        for i, flag_id in enumerate(ids["red_flags"])
    ]
    files["conditions"] = {**provenance(), "intro": text.paragraphs(1, 2, 4)}
    files["conditions"]["conditions"] = [
        {
            "id": condition_id,
            "name": text.name(i),
            **text.maybe(0.4, "also_known_as", lambda: [text.phrase(2, 3)]),
            "spasm_pattern": text.sentence(),
            "description": text.paragraphs(2, 2, 4),
            "next_steps": text.phrases(2, 5, (2, 4)),
            "red_flags": _pick(rng, ids["red_flags"], 0, 2),
            "specialists": _pick(rng, ids["specialists"], 1, 2),
            "lay_terms": text.lay_terms(),
            **provenance(),
        }
        for i, condition_id in enumerate(ids["conditions"])
    ]
    files["specialists"] = {**provenance(), "intro": text.paragraphs(1, 2, 3), "advice": text.markdown(2, 3)}
    files["specialists"]["specialists"] = [
        {
            "id": specialist_id,
            "name": text.name(i, 1, 2),
            "helps_with": text.phrases(2, 4, (2, 4)),
            "cost": _cost(rng),
            **text.maybe(0.5, "advice", lambda: text.markdown(1, 3)),
            "lay_terms": text.lay_terms(),
            **provenance(),
        }
        for i, specialist_id in enumerate(ids["specialists"])
    ]
    files["faqs"] = {**provenance()}
    files["faqs"]["faqs"] = [
        {
            "id": faq_id,
            "question": text.title(6, 12) + "?",
            "answer": text.markdown(2, 5),
            "causes": _pick(rng, ids["causes"], 1, 3),
            "red_flags": _pick(rng, ids["red_flags"], 0, 1),
            "lay_terms": text.lay_terms(),
            **provenance(),
        }
        for faq_id in ids["faqs"]
    ]
    files["action_plan"] = _action_plan(rng, text, ids, provenance())
    terms = ("ALS", "EMG", "PAD", "PT", "BMI", "GP")
    files["glossary"] = {**provenance(), "terms": [{"term": term, "meaning": text.title(4, 9)} for term in terms]}
    files["triage"] = _triage(rng, text, ids, provenance())
    files["diary"] = {**provenance(), "intro": text.sentences(2, 3)}
    files["diary"] |= {
        "places": [{"id": f"place-{i}", "label": text.phrase(1, 3).capitalize()} for i in range(9)],
        "activities": [text.phrase(1, 3).capitalize() for _ in range(6)],
        "signs": [
            {"id": f"sign-{i}", "label": text.phrase(1, 3).capitalize(), "red_flags": [ids["red_flags"][i]]}
            for i in range(3)
        ],
        "medicine": {"red_flags": [ids["red_flags"][-1]]},
    }
    # Last, and with no draw from `rng`, so every other record is the same with or without them.
    for source_id in sorted(set(cited) - set(ids["sources"])):
        sources.append(source(source_id, f"Cited by content/: {source_id}", "patient-information", "Bench"))
    return files


def _flag_level(index: int, n: int) -> str:
    """A few emergency flags, then urgent and doctor flags in turn."""
    if index < min(EMERGENCY_FLAGS, max(1, n // 3)):
        return "emergency"
    return "urgent" if index % 2 else "doctor"


def _cost(rng: random.Random) -> dict[str, Any]:
    low = rng.randrange(50, 400, 5)
    return {
        "min": low,
        "max": low + rng.randrange(0, 400, 5),
        "currency": "USD",
        "per": rng.choice(["session", "consult", "visit"]),
        **({"extras": "tests are billed apart"} if rng.random() < 0.3 else {}),
        **({"insurance": "Insurance often covers it"} if rng.random() < 0.5 else {}),
    }


def _action_plan(
    rng: random.Random, text: _Text, ids: dict[str, list[str]], provenance: dict[str, Any]
) -> dict[str, Any]:
    section_ids = ["acute-relief", "hydration", "nutrition", "movement", "stress"]
    tips: dict[str, list[dict[str, Any]]] = {s: [] for s in section_ids}
    for i, tip_id in enumerate(ids["tips"]):
        tip: dict[str, Any] = {"id": tip_id, "title": text.title(4, 8), "text": text.markdown(2, 3)}
        tip |= text.maybe(0.2, "quantities", lambda: [{"min": 2, "max": 3, "unit": "L", "per": "day", "of": "water"}])
        tip |= text.maybe(0.2, "foods", lambda: [rng.choice(WORDS) for _ in range(3)])
        tip |= text.maybe(
            0.05, "breathing", lambda: [{"action": a, "seconds": 4} for a in ("inhale", "hold", "exhale", "hold")]
        )
        tip |= text.maybe(
            0.1, "caution", lambda: {"text": text.sentence(), "sources": [rng.choice(ids["sources"][1:])]}
        )
        tip["causes"] = _pick(rng, ids["causes"], 0 if i == 0 else 1, 2)
        tips[section_ids[i % len(section_ids)]].append(tip)
    sections = [
        {
            "id": s,
            "title": s.replace("-", " ").capitalize(),
            **({"intro": text.sentences(1, 2)} if s != "acute-relief" else {}),
            "tips": tips[s],
        }
        for s in section_ids
        if tips[s]
    ]
    return {
        **provenance,
        "intro": text.paragraphs(1, 2, 3),
        "sections": sections,
        "tracking": {"intro": text.sentence(), "prompts": [text.sentence(4, 8) for _ in range(4)]},
        "takeaway": text.markdown(2, 3),
    }


def _triage(rng: random.Random, text: _Text, ids: dict[str, list[str]], provenance: dict[str, Any]) -> dict[str, Any]:
    """Screens for every red flag, then a chain of pattern questions; safe by construction.

    Only the doctor screen's `if_any` and the pattern answers that assert a doctor-level flag
    reach the doctor outcome; nothing that asserts an urgent or emergency flag can reach a
    less urgent outcome, because screens of those levels go straight to their own outcome.
    """
    pattern_questions = max(1, len(ids["causes"]) // 50)
    doctor_flags = [f for i, f in enumerate(ids["red_flags"]) if _flag_level(i, len(ids["red_flags"])) == "doctor"]
    outcomes: list[dict[str, Any]] = [
        _outcome(text, "call-emergency", "emergency", {}),
        _outcome(text, "see-doctor-today", "urgent", {}),
        _outcome(text, "book-doctor", "doctor", {"pages": ["when-to-see-a-doctor", "specialists"]}),
    ]
    questions: list[dict[str, Any]] = [
        _screen(text, "emergency-signs", "emergency", "call-emergency", "urgent-signs"),
        _screen(text, "urgent-signs", "urgent", "see-doctor-today", "doctor-signs"),
        _screen(text, "doctor-signs", "doctor", "book-doctor", "pattern-0"),
    ]
    for q in range(pattern_questions):
        answers: list[dict[str, Any]] = []
        for a in range(3):
            outcome_id = f"pattern-{q}-outcome-{a}"
            links = {
                "causes": _pick(rng, ids["causes"], 1, 3),
                **({"conditions": _pick(rng, ids["conditions"], 1, 1)} if a == 0 else {}),
                **({"specialists": _pick(rng, ids["specialists"], 1, 1)} if a == 1 else {}),
                "pages": ["action-plan"],
            }
            outcomes.append(_outcome(text, outcome_id, "self-care", links))
            answers.append({"label": text.title(4, 8), "next": outcome_id})
        if doctor_flags:
            answers.append({"label": text.title(4, 8), "next": "book-doctor", "red_flags": [rng.choice(doctor_flags)]})
        last = q == pattern_questions - 1
        answers.append(
            {"label": "Another time, or no clear pattern", "next": "general-self-care" if last else f"pattern-{q + 1}"}
        )
        question = {"id": f"pattern-{q}", "text": text.title(6, 10) + "?", "help": "Pick the answer that fits best."}
        questions.append({**question, "answers": answers})
    outcomes.append(_outcome(text, "general-self-care", "self-care", {"pages": ["action-plan", "faq"]}))
    for outcome in outcomes:
        outcome["sources"] = _pick(rng, ids["sources"], 1, 2)
        if outcome["level"] == "self-care":
            outcome["watch_for"] = _pick(rng, ids["red_flags"], 1, 3)
    levels = [
        ("emergency", "Emergency", "Call the emergency number now."),
        ("urgent", "Urgent", "Get medical care today."),
        ("doctor", "See a doctor", "Book an appointment with a doctor soon."),
        ("self-care", "Self-care", "Look after it at home, and know when to get help."),
    ]
    return {
        **provenance,
        "intro": text.paragraphs(1, 2, 3),
        "start": "emergency-signs",
        "levels": [{"level": level, "label": label, "meaning": meaning} for level, label, meaning in levels],
        "questions": questions,
        "outcomes": outcomes,
    }


def _screen(text: _Text, question_id: str, level: str, if_any: str, if_none: str) -> dict[str, Any]:
    question = {"id": question_id, "text": text.title(5, 9) + "?", "screen": level, "if_any": if_any}
    return {**question, "none_label": "I have none of these", "if_none": if_none}


def _outcome(text: _Text, outcome_id: str, level: str, links: dict[str, list[str]]) -> dict[str, Any]:
    outcome = {"id": outcome_id, "level": level, "title": text.title(4, 7), "advice": text.sentences(2, 3)}
    return {**outcome, "safety_net": text.sentences(1, 2), **({"links": links} if links else {})}


def write_dataset(n: int, data_dir: Path, *, seed: int = 0, cited: Iterable[str] = ()) -> list[Path]:
    """Write the data files for `n` records of each kind into `data_dir`; return their paths."""
    data_dir.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = []
    for stem, content in generate(n, seed=seed, cited=cited).items():
        path = data_dir / f"{stem}.yaml"
        body = yaml.dump(content, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        note = f"# {stem}.yaml - synthetic benchmark data (bench/synthetic.py, n={n}); not for publishing."
        path.write_text(f"{note}\n\n{body}", encoding="utf-8")
        written.append(path)
    return written
