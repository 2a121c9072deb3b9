"""The triage verifier (sitegen/triage.py) on generated trees, checked against a brute-force oracle.

Hypothesis draws small trees that are safe by construction (questions in topological order,
some of them red-flag screens; each outcome as urgent as the answers that reach it need), then
breaks one rule at a time. The verifier must accept every safe tree, reject each kind of break,
and name a route a reader could really take (checked by walking it in the generated tree).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sitegen import models
from sitegen.dataset import Dataset
from sitegen.loader import load_dataset
from sitegen.problems import DataError, Problem
from sitegen.triage import all_paths, compile_tree, verify_triage
from sitegen.yaml_source import SourceFile
from tests.helpers import ROOT, real_dataset

REAL = real_dataset()
LEVELS = models.LEVELS
FLAG_LEVELS = ("emergency", "urgent", "doctor")
NONE_LABEL = "None of these"
SOURCE = "data/triage.yaml"
Edge = tuple[str, str, str, tuple[str, ...]]
"""One answer: (question, label, next, red flags)."""


@dataclasses.dataclass
class Spec:
    """A triage tree in the shape of triage.yaml, small enough to reason about by brute force."""

    flags: dict[str, str]  # red flag id -> level
    plain: dict[str, list[list[Any]]]  # question id -> answers as [label, next, [red flag ids]]
    screens: dict[str, tuple[str, str, str]]  # question id -> (level, if_any, if_none)
    outcomes: dict[str, str]  # outcome id -> level
    start: str = "q0"

    def questions(self) -> list[str]:
        return sorted([*self.plain, *self.screens], key=lambda q: int(q[1:]) if q[1:].isdigit() else 99)

    def edges(self) -> list[Edge]:
        """Every answer as (question, label, next, red flags): screens expanded as the site does."""
        found: list[Edge] = []
        for q in self.questions():
            if q in self.plain:
                found += [(q, label, nxt, tuple(flags)) for label, nxt, flags in self.plain[q]]
            else:
                level, if_any, if_none = self.screens[q]
                found += [(q, flag_text(f), if_any, (f,)) for f, lv in self.flags.items() if lv == level]
                found.append((q, NONE_LABEL, if_none, ()))
        return found

    def paths(self) -> list[tuple[list[Edge], str]]:
        """Every route from start to an outcome, by plain recursion (the oracle's own walk)."""
        out: dict[str, list[Edge]] = {}
        for edge in self.edges():
            out.setdefault(edge[0], []).append(edge)
        routes = []

        def walk(node: str, trail: list[Edge]) -> None:
            if node in self.outcomes:
                routes.append((trail, node))
                return
            for edge in out.get(node, []):
                walk(edge[2], [*trail, edge])

        walk(self.start, [])
        return routes

    def unsafe_by_brute_force(self) -> bool:
        """Some route passes an answer asserting a flag and ends less urgent than that flag."""
        return any(
            LEVELS.index(self.outcomes[end]) > LEVELS.index(self.flags[f])
            for trail, end in self.paths()
            for edge in trail
            for f in edge[3]
        )

    def reachable(self, node: str) -> set[str]:
        seen, stack = {node}, [node]
        while stack:
            here = stack.pop()
            for question, _, nxt, _ in self.edges():
                if question == here and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen


def flag_text(flag_id: str) -> str:
    return f"Sign {flag_id}"


@st.composite
def safe_trees(draw: st.DrawFn) -> Spec:
    questions = [f"q{i}" for i in range(draw(st.integers(1, 6)))]
    outcomes = [f"o{i}" for i in range(draw(st.integers(1, 4)))]
    flags = {f"f{i}": draw(st.sampled_from(FLAG_LEVELS)) for i in range(draw(st.integers(1, 4)))}
    spec = Spec(flags=flags, plain={}, screens={}, outcomes=dict.fromkeys(outcomes, "self-care"))
    for i, q in enumerate(questions):
        later = st.sampled_from(questions[i + 1 :] + outcomes)  # forward only: a DAG
        if i > 0 and draw(st.booleans()):  # q0 stays plain, so anything can hang from it
            spec.screens[q] = (draw(st.sampled_from(FLAG_LEVELS)), draw(later), draw(later))
        else:
            spec.plain[q] = [[f"{q} answer {j}", draw(later), []] for j in range(draw(st.integers(1, 3)))]
    for node in questions[1:] + outcomes:  # every node reachable: hang the missing ones from q0
        if node not in spec.reachable("q0"):
            spec.plain["q0"].append([f"q0 answer {len(spec.plain['q0'])}", node, []])
    spec.plain["q0"][0][2].append("f0")  # asked at the start, so on every route: what outcomes watch for
    answers = [answer for q in spec.plain for answer in spec.plain[q]]
    screened = {level for level, _, _ in spec.screens.values()}
    for flag, level in flags.items():  # every flag asserted: by a screen of its level, or an answer
        if level not in screened or draw(st.booleans()):
            draw(st.sampled_from(answers))[2].append(flag)
    # Each outcome is at most as lax as the most urgent flag asserted on any route into it.
    need = dict.fromkeys(outcomes, LEVELS.index("self-care"))
    for _, _, nxt, asserted in spec.edges():
        for flag in asserted:
            for node in spec.reachable(nxt) & set(outcomes):
                need[node] = min(need[node], LEVELS.index(flags[flag]))
    spec.outcomes = {o: LEVELS[draw(st.integers(0, need[o]))] for o in outcomes}
    return spec


def dataset_of(spec: Spec) -> Dataset:
    """The real dataset with its triage tree and red flags replaced by `spec`'s."""
    template = REAL.red_flags.red_flags[0]
    red_flags = tuple(
        template.model_copy(update={"id": f, "text": flag_text(f), "level": lv}) for f, lv in spec.flags.items()
    )
    questions = []
    for q in spec.questions():
        if q in spec.plain:
            answers = tuple({"label": label, "next": nxt, "red_flags": tuple(fl)} for label, nxt, fl in spec.plain[q])
            questions.append({"id": q, "text": f"Question {q}?", "answers": answers})
        else:
            level, if_any, if_none = spec.screens[q]
            questions.append(
                {
                    "id": q,
                    "text": f"Any of these ({q})?",
                    "screen": level,
                    "if_any": if_any,
                    "none_label": NONE_LABEL,
                    "if_none": if_none,
                }
            )
    outcomes = tuple(
        {
            "id": o,
            "level": lv,
            "title": f"Outcome {o}",
            "advice": "Advice.",
            "safety_net": "Come back if it gets worse.",
            "watch_for": ("f0",),  # asked on every route (safe_trees)
            "sources": ("seed-article",),
        }
        for o, lv in spec.outcomes.items()
    )
    triage = models.TriageFile.model_validate(
        {**REAL.triage.model_dump(), "start": spec.start, "questions": tuple(questions), "outcomes": outcomes}
    )
    return dataclasses.replace(
        REAL, triage=triage, red_flags=REAL.red_flags.model_copy(update={"red_flags": red_flags})
    )


def verify(spec: Spec) -> list[Problem]:
    return verify_triage(dataset_of(spec), SourceFile(SOURCE))


def route_of(message: str) -> list[str]:
    """The route a message names: `q0 -> 'label' -> q1 -> ...` after 'path: ' or 'cycle: '."""
    match = re.search(r"(?:path|cycle): (.+)$", message)
    assert match, f"no route in: {message}"
    return match.group(1).split(" -> ")


def assert_walkable(spec: Spec, route: list[str], *, allow_missing_end: bool = False) -> list[Edge]:
    """Each `node -> 'label' -> node` step in `route` is an answer in `spec`; return those answers."""
    edges = {(q, label, nxt): (q, label, nxt, flags) for q, label, nxt, flags in spec.edges()}
    taken = []
    assert len(route) % 2 == 1, route
    for i in range(0, len(route) - 2, 2):
        step = (route[i], route[i + 1].strip("'"), route[i + 2])
        assert step in edges, f"{step} is not an answer in the tree; route {route}"
        taken.append(edges[step])
    if not allow_missing_end:
        assert route[-1] in [*spec.plain, *spec.screens, *spec.outcomes]
    return taken


# -- accepts safe trees ---------------------------------------------------------------------


@settings(max_examples=300)
@given(safe_trees())
def test_accepts_every_safe_tree(spec: Spec) -> None:
    assert not spec.unsafe_by_brute_force()  # the generator's own promise
    assert verify(spec) == []


@settings(max_examples=300)
@given(safe_trees(), st.data())
def test_safety_verdict_matches_checking_every_path(spec: Spec, data: st.DataObject) -> None:
    """The verifier's per-answer shortcut agrees with enumerating every route, on any levels."""
    spec.outcomes = {o: data.draw(st.sampled_from(LEVELS)) for o in spec.outcomes}
    unsafe = [p for p in verify(spec) if "unsafe:" in p.message]
    assert bool(unsafe) == spec.unsafe_by_brute_force()


@settings(max_examples=200)
@given(safe_trees())
def test_all_paths_lists_every_route_once(spec: Spec) -> None:
    found = [
        ([(e.question, e.label, e.next) for e in trail], outcome.id) for trail, outcome in all_paths(dataset_of(spec))
    ]
    expected = [([edge[:3] for edge in trail], end) for trail, end in spec.paths()]
    assert found == expected


# -- rejects each unsafe kind, naming the route ---------------------------------------------


@given(safe_trees(), st.data())
def test_rejects_a_cycle_and_names_the_loop(spec: Spec, data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(sorted(spec.plain)))
    back_to = data.draw(st.sampled_from(sorted(n for n in spec.questions() if q in spec.reachable(n))))
    spec.plain[q].append(["loop back", back_to, []])
    problems = verify(spec)
    assert problems, "a cycle was accepted"
    assert all("makes a cycle" in p.message for p in problems), problems
    for problem in problems:
        loop = route_of(problem.message)
        assert loop[0] == loop[-1], f"not a loop: {loop}"
        assert_walkable(spec, loop)


@given(safe_trees(), st.data())
def test_rejects_a_dead_end_and_names_the_route_to_it(spec: Spec, data: st.DataObject) -> None:
    spec.plain["q9"] = []
    spec.plain[data.draw(st.sampled_from(sorted(spec.plain.keys() - {"q9"})))].append(["to the dead end", "q9", []])
    [problem] = verify(spec)
    assert problem.field == f"questions[{spec.questions().index('q9')}].answers"
    assert "question 'q9' has no answers: a dead end" in problem.message
    route = route_of(problem.message)
    assert route[0] == "q0" and route[-1] == "q9"
    assert_walkable(spec, route)


@given(safe_trees(), st.data())
def test_rejects_a_dangling_next_and_names_the_route_to_it(spec: Spec, data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(sorted(spec.plain)))
    answer = data.draw(st.sampled_from(spec.plain[q]))
    answer[1] = "nowhere-at-all"
    [problem] = verify(spec)
    assert "no question or outcome has the id 'nowhere-at-all'" in problem.message
    route = route_of(problem.message)
    assert route[-3:] == [q, f"'{answer[0]}'", "nowhere-at-all"]
    assert route[0] == "q0"
    assert_walkable(spec, route, allow_missing_end=True)


@given(safe_trees(), st.sampled_from(["question", "outcome"]))
def test_rejects_an_unreachable_node(spec: Spec, kind: str) -> None:
    if kind == "question":
        spec.plain["q9"] = [["somewhere", next(iter(spec.outcomes)), []]]
    else:
        spec.outcomes["o9"] = "self-care"
    node = "q9" if kind == "question" else "o9"
    [problem] = verify(spec)
    assert problem.message == f"'{node}' cannot be reached from start 'q0'"


@given(safe_trees())
def test_rejects_a_red_flag_no_answer_asks_about(spec: Spec) -> None:
    free = [level for level in FLAG_LEVELS if level not in {s[0] for s in spec.screens.values()}]
    assume(free)  # a screen of the same level would ask about it
    spec.flags["fx"] = free[0]
    [problem] = verify(spec)
    assert problem.message == f"red flag 'fx' ({free[0]}) is never asked about: add it to an answer or a screen"


@given(safe_trees(), st.data())
def test_rejects_an_unsafe_answer_and_names_a_route_that_ends_too_lax(spec: Spec, data: st.DataObject) -> None:
    asserting = [edge for edge in spec.edges() if edge[3]]
    _, _, nxt, _ = data.draw(st.sampled_from(asserting))
    lax = data.draw(st.sampled_from(sorted(spec.reachable(nxt) & spec.outcomes.keys())))
    spec.outcomes[lax] = "self-care"  # every red flag is at least "doctor"
    problems = verify(spec)
    assert problems and all(p.message.startswith("unsafe: answer '") for p in problems), problems
    for problem in problems:
        route = route_of(problem.message)
        assert route[0] == "q0" and route[-1] in spec.outcomes
        taken = assert_walkable(spec, route)
        asserted = re.search(r"asserts red flag '([^']+)' \(([a-z-]+)\)", problem.message)
        assert asserted is not None, problem.message
        flag, level = asserted.groups()
        assert any(flag in edge[3] for edge in taken), f"the route does not pass '{flag}': {route}"
        assert LEVELS.index(spec.outcomes[route[-1]]) > LEVELS.index(level)


# -- the real tree ---------------------------------------------------------------------------


def test_the_published_tree_is_safe_on_every_route() -> None:
    """Checked on the compiled tree.json itself, independently of the verifier."""
    tree = compile_tree(REAL)
    rank = tree["levels"].index
    routes = 0

    def walk(node_id: str, most_urgent_flag: int) -> None:
        nonlocal routes
        node = tree["nodes"][node_id]
        if node["kind"] == "outcome":
            routes += 1
            assert rank(node["level"]) <= most_urgent_flag, f"route to {node_id} passes a flag it does not honour"
            return
        for answer in node["answers"]:
            flags = [rank(tree["red_flags"][f]["level"]) for f in answer["red_flags"]]
            walk(answer["next"], min([most_urgent_flag, *flags]))

    walk(tree["start"], len(tree["levels"]) - 1)
    assert routes == len(all_paths(REAL))
    assert {
        f for n in tree["nodes"].values() if n["kind"] == "question" for a in n["answers"] for f in a["red_flags"]
    } == set(tree["red_flags"])


def test_every_outcome_carries_safety_netting() -> None:
    for node_id, node in compile_tree(REAL)["nodes"].items():
        if node["kind"] == "outcome":
            assert node["safety_net"].strip(), node_id


@pytest.mark.parametrize(
    ("case", "old", "new", "expected"),
    [
        (
            "self-loop",
            "if_none: main-problem",
            "if_none: emergency-signs",
            "questions[0].if_none: answer 'None of these' makes a cycle: "
            "emergency-signs -> 'None of these' -> emergency-signs",
        ),
        (
            "longer cycle",
            "if_none: general-self-care",
            "if_none: main-problem  # back to the start",
            "questions[11].if_none: answer 'None of these' makes a cycle: "
            "main-problem -> 'Something else' -> other-signs -> 'None of these' -> main-problem",
        ),
    ],
)
def test_a_broken_triage_yaml_is_reported_on_its_line(
    tmp_path: Path, case: str, old: str, new: str, expected: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "triage.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1, case
    broken = text.replace(old, new)
    (data / "triage.yaml").write_text(broken, encoding="utf-8")
    line = broken[: broken.index(new)].count("\n") + 1
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    assert f"data/triage.yaml:{line}: {expected}" in str(caught.value).splitlines()


def test_a_tree_with_too_many_routes_to_walk_is_refused_before_they_are_walked() -> None:
    # 16 yes-or-no questions in a row: 65,536 routes, each doubling the last; 22 ran out of memory.
    chain = [f"q{i}" for i in range(16)]
    plain: dict[str, list[list[Any]]] = {
        q: [["Yes", after, []], ["No", after, []]] for q, after in zip(chain, [*chain[1:], "o0"], strict=True)
    }
    plain["q0"][0][2].append("f0")  # asked first, so on every route
    spec = Spec(flags={"f0": "doctor"}, plain=plain, screens={}, outcomes={"o0": "doctor"})
    [problem] = verify(spec)
    assert problem.field == "questions"
    assert problem.message == (
        "the checker has 65,536 routes from start to an outcome, more than 50,000: ask fewer questions in a row"
    )
