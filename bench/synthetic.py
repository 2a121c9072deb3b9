"""Synthetic data for the benchmarks: `n` records of every entity kind, valid and safe.

`write_dataset(n, data_dir)` writes the nine files of `data/` with `n` sources, causes, red
flags, conditions, specialists, FAQs and action-plan tips, cross-referenced the way the real
data is (causes name specialists, conditions name red flags, tips and FAQs name causes, the
triage outcomes link to all three page kinds), and a triage tree that passes the verifier:
the three red-flag screens ask about all `n` red flags, then a chain of pattern questions
leads to self-care and doctor outcomes.

Text lengths follow a real health site rather than the seed data (which is short): a
summary is one sentence, a mechanism two or three, a condition two paragraphs. Output is
deterministic for a given `n` and `seed`, so two benchmark runs read the same bytes.

Two things stay at their real size whatever `n` is, because a real site keeps them small
and they are printed on every page: the emergency-level red flags (in the banner) and the
glossary (abbreviations on every page).
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import yaml

REVIEWED = date(2026, 11, 25)
EMERGENCY_FLAGS = 3
"""Emergency red flags at most: the banner on every page lists them all."""


def _vocabulary(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CONTENT_TIP = "heel-press"
"""The tip `content/index.md` shows through a data marker; it must exist."""

CONTENT_SOURCE = "seed-article"
"""The source the hand-written pages in `content/` cite."""

WORDS = _vocabulary("""
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

VERBS = _vocabulary("""
reduces raises disrupts tightens relaxes irritates starves supports eases triggers blocks
slows speeds strains calms loosens worsens improves limits restores drains protects
""")

ADJECTIVES = _vocabulary("""
sudden painful brief long-lasting mild sharp dull repeated nightly frequent rare common
gentle steady intense low high poor good tired tight weak stiff sore warm cold
""")


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

    def sentences(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def markdown(self, low: int, high: int) -> str:
        """A paragraph with some emphasis, as editors write it."""
        text = self.sentences(low, high)
        if self.rng.random() < 0.4:
            word = self.rng.choice(WORDS)
            text = f"**{word.capitalize()} matters.** {text}"
        return text

    def paragraphs(self, count: int, low: int, high: int) -> str:
        return "\n\n".join(self.markdown(low, high) for _ in range(count))

    def name(self, index: int, low: int = 2, high: int = 3) -> str:
        return " ".join(self.words(low, high)).capitalize() + f" {index}"

    def phrase(self, low: int = 2, high: int = 4) -> str:
        return " ".join(self.words(low, high))

    def lay_terms(self) -> list[str]:
        return [self.phrase(1, 3) for _ in range(self.rng.randint(3, 6))]


def _pick(rng: random.Random, ids: list[str], low: int, high: int) -> list[str]:
    return rng.sample(ids, min(len(ids), rng.randint(low, high)))


def generate(n: int, *, seed: int = 0) -> dict[str, dict[str, Any]]:
    """The content of every data file, by stem, for `n` records of each kind."""
    if n < 3:
        raise ValueError("n must be at least 3: one red flag for each level's screen")
    rng = random.Random(seed * 1_000_003 + n)
    text = _Text(rng)
    ids = {
        kind: [f"{prefix}-{i:05d}" for i in range(n)]
        for kind, prefix in (
            ("sources", "source"),
            ("causes", "cause"),
            ("red_flags", "flag"),
            ("conditions", "condition"),
            ("specialists", "specialist"),
            ("faqs", "faq"),
            ("tips", "tip"),
        )
    }
    ids["sources"][0] = CONTENT_SOURCE
    ids["tips"][0] = CONTENT_TIP

    def provenance() -> dict[str, Any]:
        return {"sources": _pick(rng, ids["sources"], 1, 2), "reviewed": REVIEWED}

    clinical = ids["sources"][1:]  # the first is the blog post the hand-written pages cite

    files: dict[str, dict[str, Any]] = {}
    files["sources"] = {
        "review_interval_months": 12,
        "sources": [
            {"id": CONTENT_SOURCE, "title": text.sentence(4, 9).rstrip("."), "kind": "blog"},
            *(
                {
                    "id": source_id,
                    "title": text.sentence(4, 9).rstrip("."),
                    "kind": rng.choice(["patient-information", "clinical-reference", "guideline", "study"]),
                    "publisher": text.phrase(1, 3).title(),
                    "url": f"https://example.org/sources/{source_id}",
                    "read": REVIEWED,
                    **({"note": text.sentences(1, 2)} if rng.random() < 0.3 else {}),
                }
                for source_id in clinical
            ),
        ],
    }
    files["causes"] = {
        **provenance(),
        "intro": text.paragraphs(2, 3, 5),
        "sneaky_intro": text.sentences(1, 2),
        "causes": [
            {
                "id": cause_id,
                "kind": "core" if i % 10 < 7 else "sneaky",
                "name": text.name(i),
                "summary": text.sentence(),
                "mechanism": text.markdown(2, 3),
                "example": text.sentences(1, 2),
                **({"advice": text.markdown(2, 4)} if rng.random() < 0.6 else {}),
                "lay_terms": text.lay_terms(),
                "specialists": _pick(rng, ids["specialists"], 1, 2),
                **provenance(),
            }
            for i, cause_id in enumerate(ids["causes"])
        ],
    }
    levels = [_flag_level(i, n) for i in range(n)]
    files["red_flags"] = {
        **provenance(),
        "intro": text.paragraphs(1, 3, 4),
        "story": text.sentences(2, 3),
        "red_flags": [
            {
                "id": flag_id,
                "text": text.sentence(6, 10).rstrip("."),
                **({"detail": text.sentences(1, 2)} if rng.random() < 0.5 else {}),
                "level": levels[i],
                "level_reason": text.sentence(),
                "evidence": [{"source": source, "level": levels[i]} for source in _pick(rng, clinical, 1, 2)],
                "lay_terms": text.lay_terms(),
                "reviewed": REVIEWED,
            }
            for i, flag_id in enumerate(ids["red_flags"])
        ],
    }
    files["conditions"] = {
        **provenance(),
        "intro": text.paragraphs(1, 2, 4),
        "conditions": [
            {
                "id": condition_id,
                "name": text.name(i),
                **({"also_known_as": [text.phrase(2, 3)]} if rng.random() < 0.4 else {}),
                "spasm_pattern": text.sentence(),
                "description": text.paragraphs(2, 2, 4),
                "next_steps": [text.phrase(2, 5).capitalize() for _ in range(rng.randint(2, 4))],
                "red_flags": _pick(rng, ids["red_flags"], 0, 2),
                "specialists": _pick(rng, ids["specialists"], 1, 2),
                "lay_terms": text.lay_terms(),
                **provenance(),
            }
            for i, condition_id in enumerate(ids["conditions"])
        ],
    }
    files["specialists"] = {
        **provenance(),
        "intro": text.paragraphs(1, 2, 3),
        "advice": text.markdown(2, 3),
        "specialists": [
            {
                "id": specialist_id,
                "name": text.name(i, 1, 2),
                "helps_with": [text.phrase(2, 4).capitalize() for _ in range(rng.randint(2, 4))],
                "cost": _cost(rng),
                **({"advice": text.markdown(1, 3)} if rng.random() < 0.5 else {}),
                "lay_terms": text.lay_terms(),
                **provenance(),
            }
            for i, specialist_id in enumerate(ids["specialists"])
        ],
    }
    files["faqs"] = {
        **provenance(),
        "faqs": [
            {
                "id": faq_id,
                "question": text.sentence(6, 12).rstrip(".") + "?",
                "answer": text.markdown(2, 5),
                "causes": _pick(rng, ids["causes"], 1, 3),
                "red_flags": _pick(rng, ids["red_flags"], 0, 1),
                "lay_terms": text.lay_terms(),
                **provenance(),
            }
            for faq_id in ids["faqs"]
        ],
    }
    files["action_plan"] = _action_plan(rng, text, ids, provenance())
    files["glossary"] = {
        **provenance(),
        "terms": [
            {"term": term, "meaning": text.sentence(4, 9).rstrip(".")}
            for term in ("ALS", "EMG", "PAD", "PT", "BMI", "GP")
        ],
    }
    files["triage"] = _triage(rng, text, ids, provenance())
    files["diary"] = {
        **provenance(),
        "intro": text.sentences(2, 3),
        "places": [{"id": f"place-{i}", "label": text.phrase(1, 3).capitalize()} for i in range(9)],
        "activities": [text.phrase(1, 3).capitalize() for _ in range(6)],
        "signs": [
            {"id": f"sign-{i}", "label": text.phrase(1, 3).capitalize(), "red_flags": [ids["red_flags"][i]]}
            for i in range(3)
        ],
        "medicine": {"red_flags": [ids["red_flags"][-1]]},
    }
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
        tip: dict[str, Any] = {"id": tip_id, "title": text.sentence(4, 8).rstrip("."), "text": text.markdown(2, 3)}
        if rng.random() < 0.2:
            tip["quantities"] = [{"min": 2, "max": 3, "unit": "L", "per": "day", "of": "water"}]
        if rng.random() < 0.2:
            tip["foods"] = [rng.choice(WORDS) for _ in range(3)]
        if rng.random() < 0.05:
            tip["breathing"] = [{"action": a, "seconds": 4} for a in ("inhale", "hold", "exhale", "hold")]
        if rng.random() < 0.1:
            tip["caution"] = {"text": text.sentence(), "sources": [rng.choice(ids["sources"][1:])]}
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
        answers = []
        for a in range(3):
            outcome_id = f"pattern-{q}-outcome-{a}"
            links = {
                "causes": _pick(rng, ids["causes"], 1, 3),
                **({"conditions": _pick(rng, ids["conditions"], 1, 1)} if a == 0 else {}),
                **({"specialists": _pick(rng, ids["specialists"], 1, 1)} if a == 1 else {}),
                "pages": ["action-plan"],
            }
            outcomes.append(_outcome(text, outcome_id, "self-care", links))
            answers.append({"label": text.sentence(4, 8).rstrip("."), "next": outcome_id})
        if doctor_flags:
            answers.append(
                {
                    "label": text.sentence(4, 8).rstrip("."),
                    "next": "book-doctor",
                    "red_flags": [rng.choice(doctor_flags)],
                }
            )
        last = q == pattern_questions - 1
        answers.append(
            {"label": "Another time, or no clear pattern", "next": "general-self-care" if last else f"pattern-{q + 1}"}
        )
        questions.append(
            {
                "id": f"pattern-{q}",
                "text": text.sentence(6, 10).rstrip(".") + "?",
                "help": "Pick the answer that fits best.",
                "answers": answers,
            }
        )
    outcomes.append(_outcome(text, "general-self-care", "self-care", {"pages": ["action-plan", "faq"]}))
    for outcome in outcomes:
        outcome["sources"] = _pick(rng, ids["sources"], 1, 2)
        if outcome["level"] == "self-care":
            outcome["watch_for"] = _pick(rng, ids["red_flags"], 1, 3)
    return {
        **provenance,
        "intro": text.paragraphs(1, 2, 3),
        "start": "emergency-signs",
        "levels": [
            {"level": "emergency", "label": "Emergency", "meaning": "Call the emergency number now."},
            {"level": "urgent", "label": "Urgent", "meaning": "Get medical care today."},
            {"level": "doctor", "label": "See a doctor", "meaning": "Book an appointment with a doctor soon."},
            {
                "level": "self-care",
                "label": "Self-care",
                "meaning": "Look after it at home, and know when to get help.",
            },
        ],
        "questions": questions,
        "outcomes": outcomes,
    }


def _screen(text: _Text, question_id: str, level: str, if_any: str, if_none: str) -> dict[str, Any]:
    return {
        "id": question_id,
        "text": text.sentence(5, 9).rstrip(".") + "?",
        "screen": level,
        "if_any": if_any,
        "none_label": "I have none of these",
        "if_none": if_none,
    }


def _outcome(text: _Text, outcome_id: str, level: str, links: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "id": outcome_id,
        "level": level,
        "title": text.sentence(4, 7).rstrip("."),
        "advice": text.sentences(2, 3),
        "safety_net": text.sentences(1, 2),
        **({"links": links} if links else {}),
    }


def write_dataset(n: int, data_dir: Path, *, seed: int = 0) -> list[Path]:
    """Write the data files for `n` records of each kind into `data_dir`; return their paths."""
    data_dir.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = []
    for stem, content in generate(n, seed=seed).items():
        path = data_dir / f"{stem}.yaml"
        body = yaml.dump(content, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        path.write_text(
            f"# {stem}.yaml - synthetic benchmark data (bench/synthetic.py, n={n}); not for publishing.\n\n{body}",
            encoding="utf-8",
        )
        written.append(path)
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="records of each kind")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    for written_path in write_dataset(arguments.n, arguments.data_dir, seed=arguments.seed):
        print(written_path)
