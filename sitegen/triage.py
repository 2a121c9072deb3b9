"""The triage tree: compiled from `triage.yaml` and the red flags, and proven safe.

Safety invariant (docs/contracts.md, "Triage tree"): every path from `start` that passes an answer
asserting a red flag ends at an outcome at least as urgent as that flag's level.
Because the tree is acyclic, that holds exactly when, for every asserting answer,
the *least* urgent outcome reachable from its `next` is still urgent enough; we check
that per answer (linear time) and, on failure, name one concrete offending path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sitegen import models, urls
from sitegen.dataset import Dataset
from sitegen.problems import Path, Problem, did_you_mean
from sitegen.strings import SOURCE, Strings, strings
from sitegen.yaml_source import SourceFile

TREE_VERSION = 1


@dataclass(frozen=True)
class Edge:
    """One answer a reader can choose, with screens expanded to one answer per red flag."""

    question: str
    label: str
    next: str
    red_flags: tuple[str, ...]
    where: Path  # the YAML field that defines this edge, for error lines


def rank(level: str) -> int:
    """0 for the most urgent level; a larger rank is less urgent."""
    return models.LEVELS.index(level)


def edges(dataset: Dataset) -> dict[str, list[Edge]]:
    """Each question's answers, in order; screens become one answer per red flag of their level."""
    result: dict[str, list[Edge]] = {}
    for qi, question in enumerate(dataset.triage.questions):
        here: Path = ("questions", qi)
        if question.screen is None:
            result[question.id] = [
                Edge(question.id, a.label, a.next, a.red_flags, (*here, "answers", ai, "next"))
                for ai, a in enumerate(question.answers)
            ]
            continue
        result[question.id] = [*_screen_edges(dataset, question, here)]
        none_label, if_none = _screen_field(question.none_label), _screen_field(question.if_none)
        result[question.id].append(Edge(question.id, none_label, if_none, (), (*here, "if_none")))
    return result


def _screen_edges(dataset: Dataset, question: models.Question, here: Path) -> Iterator[Edge]:
    """A screen's answers: its listed flags (each to its own next, or if_any), or every flag of its level."""
    flags = dataset.red_flags_by_id
    if not question.flags:
        for flag in dataset.red_flags.red_flags:
            if flag.level == question.screen:
                yield Edge(question.id, flag.text, _screen_field(question.if_any), (flag.id,), (*here, "if_any"))
        return
    for fi, listed in enumerate(question.flags):
        if listed.flag not in flags:
            continue  # reported by the reference check
        flag = flags[listed.flag]
        where = (*here, "flags", fi, "next" if listed.next else "flag")
        label = listed.label or flag.text
        yield Edge(question.id, label, _screen_field(listed.next or question.if_any), (flag.id,), where)


def _screen_field(value: str | None) -> str:
    """A field models.Question's validator requires of a screen where it is read here."""
    if value is None:
        raise ValueError("a screen without none_label, if_none or an if_any it needs passed validation")
    return value


# -- verification ---------------------------------------------------------------------------


def verify_triage(dataset: Dataset, source: SourceFile) -> list[Problem]:
    """Every structural and safety rule; an empty list means the tree may be published."""
    graph = edges(dataset)
    outcomes = {o.id: o for o in dataset.triage.outcomes}
    problems = [*levels_in_order(dataset, source), *targets_exist(dataset, graph, outcomes, source)]
    problems += dead_ends(dataset, graph, source)
    if problems:
        return problems
    problems += cycles(dataset, graph, source)
    if problems:
        return problems
    problems += routes_within_reason(dataset, graph, source)
    if problems:
        return problems
    problems += unreachable(dataset, graph, source)
    problems += red_flags_asked(dataset, graph, source)
    problems += screens_ask_their_level(dataset, source)
    problems += unsafe_answers(dataset, graph, outcomes, source)
    problems += self_care_is_safety_netted(dataset, source)
    problems += watched_signs_are_asked(dataset, graph, source)
    return problems


def levels_in_order(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """`levels` lists every level once, most urgent first."""
    given = tuple(level.level for level in dataset.triage.levels)
    if given != models.LEVELS:
        yield source.problem(("levels",), f"must list {', '.join(models.LEVELS)} in that order; got {', '.join(given)}")


def targets_exist(
    dataset: Dataset, graph: dict[str, list[Edge]], outcomes: dict[str, models.Outcome], source: SourceFile
) -> Iterator[Problem]:
    """`start` and every `next` name a question or an outcome."""
    nodes = [*graph, *outcomes]
    start = dataset.triage.start
    if start not in nodes:
        yield source.problem(("start",), f"no question or outcome has the id '{start}'{did_you_mean(start, nodes)}")
    for edge in (e for answers in graph.values() for e in answers):
        if edge.next not in nodes:
            route = route_text(graph, dataset.triage.start, edge)
            hint = did_you_mean(edge.next, nodes)
            yield source.problem(edge.where, f"no question or outcome has the id '{edge.next}'{hint}; path: {route}")


def dead_ends(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """Every question offers at least one answer."""
    for qi, question in enumerate(dataset.triage.questions):
        if not graph[question.id]:
            route = " -> ".join(_route(graph, dataset.triage.start, question.id) or [question.id])
            message = f"question '{question.id}' has no answers: a dead end; path: {route}"
            yield source.problem(("questions", qi, "answers"), message)


def cycles(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """No answer leads back to a question already on its path."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after

    def visit(node: str, trail: list[Edge]) -> Iterator[Problem]:
        state[node] = "open"
        for edge in graph.get(node, []):
            if state.get(edge.next) == "open":
                # The loop is the part of the trail from where it first left edge.next, closed by edge.
                loop = [*trail, edge]
                first = next(i for i, e in enumerate(loop) if e.question == edge.next)
                yield source.problem(edge.where, f"answer '{edge.label}' makes a cycle: {_edges_text(loop[first:])}")
            elif edge.next not in state:
                yield from visit(edge.next, [*trail, edge])
        state[node] = "done"

    for question in dataset.triage.questions:
        if question.id not in state:
            yield from visit(question.id, [])


MOST_ROUTES = 50_000
"""Routes from start to an outcome that the build walks one by one (`watched_signs_are_asked`)
and /triage/paths/ lists. The real tree has about a hundred; each red flag on a screen adds
one, so the benchmark's 5,000 of each kind make 10,965. Each question in a chain can double
them: 22 yes-or-no questions in a row made checking run out of memory."""


def routes_within_reason(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """The routes are few enough to walk and list; counted, not walked (the tree has no cycle)."""
    count: dict[str, int] = {}

    def routes(node: str) -> int:
        if node not in count:
            count[node] = sum(routes(edge.next) for edge in graph[node]) if node in graph else 1
        return count[node]

    total = routes(dataset.triage.start)
    if total > MOST_ROUTES:
        message = f"the checker has {total:,} routes from start to an outcome, more than {MOST_ROUTES:,}"
        yield source.problem(("questions",), f"{message}: ask fewer questions in a row")


def unreachable(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """Every question and outcome can be reached from `start`."""
    seen = {dataset.triage.start}
    stack = [dataset.triage.start]
    while stack:
        for edge in graph.get(stack.pop(), []):
            if edge.next not in seen:
                seen.add(edge.next)
                stack.append(edge.next)
    for kind in ("questions", "outcomes"):
        for index, node in enumerate(getattr(dataset.triage, kind)):
            if node.id not in seen:
                message = f"'{node.id}' cannot be reached from start '{dataset.triage.start}'"
                yield source.problem((kind, index, "id"), message)


def red_flags_asked(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """Every red flag is asserted by some answer, so the checker asks about all of them."""
    asserted = {flag for answers in graph.values() for e in answers for flag in e.red_flags}
    for flag in dataset.red_flags.red_flags:
        if flag.id not in asserted:
            message = f"red flag '{flag.id}' ({flag.level}) is never asked about: add it to an answer or a screen"
            yield source.problem(("questions",), message)


def screens_ask_their_level(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """A screen lists no red flag more urgent than its level, so its heading never understates one
    (less urgent ones may share it, each answer going to its own outcome, which the proof checks)."""
    flags = dataset.red_flags_by_id
    for qi, question in enumerate(dataset.triage.questions):
        for fi, listed in enumerate(question.flags):
            level = flags[listed.flag].level
            if question.screen and rank(level) < rank(question.screen):
                message = f"red flag '{listed.flag}' is {level}, but this screen asks about {question.screen} signs"
                yield source.problem(("questions", qi, "flags", fi, "flag"), message)


def self_care_is_safety_netted(dataset: Dataset, source: SourceFile) -> Iterator[Problem]:
    """Every self-care outcome says when to come back: a safety net, and the signs to watch for."""
    for index, outcome in enumerate(dataset.triage.outcomes):
        if outcome.level != "self-care":
            continue
        if outcome.safety_net is None:
            yield source.problem(
                ("outcomes", index, "id"),
                f"self-care outcome '{outcome.id}' has no safety_net: say when to come back and get help",
            )
        if not outcome.watch_for:
            yield source.problem(
                ("outcomes", index, "id"),
                f"self-care outcome '{outcome.id}' has no watch_for: name the red flags to look out for",
            )


def watched_signs_are_asked(dataset: Dataset, graph: dict[str, list[Edge]], source: SourceFile) -> Iterator[Problem]:
    """A self-care outcome's signs to watch for are each asked on every route to it: the
    problem's own screen covers the warnings its advice names, so a reader who has one now is
    never told only to watch for it."""
    asked_on = {node: {flag for e in answers for flag in e.red_flags} for node, answers in graph.items()}
    reported: set[tuple[str, str]] = set()
    for trail, outcome in all_paths(dataset):
        if outcome.level != "self-care":
            continue
        asked = {flag for edge in trail for flag in asked_on[edge.question]}
        for flag in outcome.watch_for:
            if flag not in asked and (outcome.id, flag) not in reported:
                reported.add((outcome.id, flag))
                index = next(i for i, o in enumerate(dataset.triage.outcomes) if o.id == outcome.id)
                route = " -> ".join(edge.question for edge in trail)
                yield source.problem(
                    ("outcomes", index, "watch_for"),
                    f"self-care outcome '{outcome.id}' tells readers to watch for '{flag}', which the route "
                    f"{route} -> {outcome.id} never asks about: ask it on the way",
                )


def unsafe_answers(
    dataset: Dataset, graph: dict[str, list[Edge]], outcomes: dict[str, models.Outcome], source: SourceFile
) -> Iterator[Problem]:
    """An answer asserting a red flag leads only to outcomes at least as urgent as the flag."""
    levels = {f.id: f.level for f in dataset.red_flags.red_flags}
    least = _least_urgent_outcomes(graph, outcomes)
    for edge in (e for answers in graph.values() for e in answers):
        if not edge.red_flags:
            continue
        flag = min(edge.red_flags, key=lambda f: rank(levels[f]))
        outcome = least[edge.next]
        if rank(outcome.level) > rank(levels[flag]):
            route = " -> ".join(describe_path(dataset, graph, outcomes, edge, outcome.id))
            yield source.problem(
                edge.where,
                f"unsafe: answer '{edge.label}' asserts red flag '{flag}' ({levels[flag]}) but can end at "
                f"outcome '{outcome.id}' ({outcome.level}); path: {route}",
            )


def _least_urgent_outcomes(
    graph: dict[str, list[Edge]], outcomes: dict[str, models.Outcome]
) -> dict[str, models.Outcome]:
    """For each node, the least urgent outcome reachable from it (the worst case for safety)."""
    memo: dict[str, models.Outcome] = {o: outcomes[o] for o in outcomes}

    def least(node: str) -> models.Outcome:
        if node not in memo:
            memo[node] = max((least(e.next) for e in graph[node]), key=lambda o: rank(o.level))
        return memo[node]

    for node in graph:
        least(node)
    return memo


def describe_path(
    dataset: Dataset, graph: dict[str, list[Edge]], outcomes: dict[str, models.Outcome], via: Edge, to: str
) -> list[str]:
    """A readable route from start through `via` to outcome `to`: node ids and quoted answers."""
    head = _route(graph, dataset.triage.start, via.question) or [dataset.triage.start]
    tail = _route(graph, via.next, to) or [via.next]
    return [*head, f"'{via.label}'", *tail]


def route_text(graph: dict[str, list[Edge]], start: str, via: Edge) -> str:
    """`start -> 'answer' -> ... -> via.question -> 'via' -> via.next`: how a reader gets to `via`."""
    head = _route(graph, start, via.question) or [via.question]
    return " -> ".join([*head, f"'{via.label}'", via.next])


def _edges_text(trail: list[Edge]) -> str:
    """A run of consecutive edges as `q1 -> 'answer' -> q2 -> 'answer' -> q3`."""
    parts = [trail[0].question]
    for edge in trail:
        parts += [f"'{edge.label}'", edge.next]
    return " -> ".join(parts)


def _route(graph: dict[str, list[Edge]], start: str, goal: str) -> list[str] | None:
    """Shortest route from `start` to `goal` as alternating node ids and quoted answer labels."""
    frontier: list[list[str]] = [[start]]
    seen = {start}
    while frontier:
        trail = frontier.pop(0)
        if trail[-1] == goal:
            return trail
        for edge in graph.get(trail[-1], []):
            if edge.next not in seen:
                seen.add(edge.next)
                frontier.append([*trail, f"'{edge.label}'", edge.next])
    return None


# -- the published tree ---------------------------------------------------------------------


def all_paths(dataset: Dataset) -> list[tuple[list[Edge], models.Outcome]]:
    """Every route from start to an outcome, exhaustively (for the published audit page)."""
    graph = edges(dataset)
    outcomes = {o.id: o for o in dataset.triage.outcomes}
    found: list[tuple[list[Edge], models.Outcome]] = []

    def walk(node: str, trail: list[Edge]) -> None:
        if node in outcomes:
            found.append((trail, outcomes[node]))
            return
        for edge in graph[node]:
            walk(edge.next, [*trail, edge])

    walk(dataset.triage.start, [])
    return found


def compile_tree(dataset: Dataset, t: Strings | None = None) -> dict[str, Any]:
    """The contract's `tree.json`: the exact tree the page's script runs, its page links titled in `t`'s language."""
    graph = edges(dataset)
    questions = {q.id: q for q in dataset.triage.questions}
    nodes: dict[str, Any] = {}
    for node_id, answers in graph.items():
        question = questions[node_id]
        nodes[node_id] = {
            "kind": "question",
            "text": question.text,
            "help": question.help or "",
            "answers": [{"label": e.label, "next": e.next, "red_flags": list(e.red_flags)} for e in answers],
        }
    for outcome in dataset.triage.outcomes:
        nodes[outcome.id] = {
            "kind": "outcome",
            "level": outcome.level,
            "title": outcome.title,
            "advice": outcome.advice,
            "safety_net": outcome.safety_net or "",
            "watch_for": list(outcome.watch_for),
            "links": _links(dataset, outcome.links, t or strings(SOURCE)),
            "sources": list(outcome.sources),
        }
    return {
        "version": TREE_VERSION,
        "start": dataset.triage.start,
        "levels": list(models.LEVELS),
        "level_text": {t.level: {"label": t.label, "meaning": t.meaning} for t in dataset.triage.levels},
        "red_flags": {f.id: {"level": f.level, "text": f.text} for f in dataset.red_flags.red_flags},
        "nodes": nodes,
    }


def _links(dataset: Dataset, links: models.Links, t: Strings) -> list[dict[str, str]]:
    result = []
    for kind in ("guides", "causes", "conditions", "specialists"):
        for entity_id in getattr(links, kind):
            result.append({"title": dataset.pages_by_id[kind][entity_id].name, "url": urls.entity(kind, entity_id).url})
    for page in links.pages:
        result.append({"title": t(f"page.{page}"), "url": urls.PAGES[page].url})
    return result
