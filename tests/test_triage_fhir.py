"""The checker as HL7 FHIR (sitegen/questionnaire.py): each edition's Questionnaire and the code
systems it uses, as published in the built site, are valid FHIR (fhir.resources' R4B models, which
read R4), hold together where that library does not look (linkIds, enableWhen targets, codes),
and say what the checker says: on every route of `tree.json`, the Questionnaire's own enableWhen
rules enable exactly that route's questions and outcome, and its SDC calculatedExpression,
evaluated by fhirpathpy, computes that outcome's level."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire
from fhirpathpy import compile as fhirpath
from fhirpathpy.models import models

from sitegen.questionnaire import ANSWERS, CALCULATED, FILES, LEVEL_ITEM, LEVELS, QUESTIONNAIRE, RED_FLAGS, VARIABLE
from tests.test_offline import published_build

EDITIONS = ("", "es/")
CODE_SYSTEMS = (LEVELS, RED_FLAGS, ANSWERS)
Route = tuple[list[tuple[str, dict[str, Any]]], str]
"""The (question, answer) steps of a route through tree.json, and the outcome it ends at."""


def read(site: Path, path: str) -> dict[str, Any]:
    resource: dict[str, Any] = json.loads((site / path).read_text(encoding="utf-8"))
    return resource


def address(site: Path) -> str:
    """The site's address, as its home page names itself."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert found is not None, "index.html: no canonical link"
    return found.group(1)


def items(questionnaire: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every item, nested ones too."""
    stack = list(questionnaire["item"])
    while stack:
        item = stack.pop(0)
        yield item
        stack[:0] = item.get("item", [])


def routes(tree: dict[str, Any]) -> list[Route]:
    """Every route from start to an outcome, as a reader clicks it."""
    found: list[Route] = []

    def walk(node_id: str, steps: list[tuple[str, dict[str, Any]]]) -> None:
        node = tree["nodes"][node_id]
        if node["kind"] == "outcome":
            found.append((steps, node_id))
            return
        for answer in node["answers"]:
            walk(answer["next"], [*steps, (node_id, answer)])

    walk(tree["start"], [])
    return found


def key(coding: dict[str, Any]) -> tuple[str, str]:
    """What `=` compares on a Coding: its system and code (its display is for people)."""
    return coding["system"], coding["code"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_questionnaire_and_code_systems_are_valid_fhir(site: Path, edition: str) -> None:
    questionnaire = Questionnaire.model_validate(read(site, edition + QUESTIONNAIRE))
    assert questionnaire.url == f"{address(site)}{edition}{QUESTIONNAIRE}"
    assert questionnaire.language == (edition.strip("/") or "en")
    for path in CODE_SYSTEMS:
        code_system = CodeSystem.model_validate(read(site, path))
        assert code_system.url == address(site) + path
        assert code_system.count == len(code_system.concept or [])


@pytest.mark.parametrize("edition", EDITIONS)
def test_link_ids_are_unique_and_every_enable_when_names_an_option_of_a_question(site: Path, edition: str) -> None:
    questionnaire = read(site, edition + QUESTIONNAIRE)
    link_ids = [item["linkId"] for item in items(questionnaire)]
    assert len(link_ids) == len(set(link_ids)), sorted({i for i in link_ids if link_ids.count(i) > 1})
    questions = {item["linkId"]: item for item in items(questionnaire) if item["type"] == "choice"}
    for item in items(questionnaire):
        for rule in item.get("enableWhen", []):
            assert rule["question"] in questions, f"{item['linkId']}: enableWhen names no question: {rule['question']}"
            assert rule["operator"] == "="
            options = [key(option["valueCoding"]) for option in questions[rule["question"]]["answerOption"]]
            assert key(rule["answerCoding"]) in options, f"{item['linkId']}: not an option of {rule['question']}"
        if len(item.get("enableWhen", [])) > 1:
            assert item["enableBehavior"] == "any", item["linkId"]
    for link_id, question in questions.items():
        options = [key(option["valueCoding"]) for option in question["answerOption"]]
        assert len(options) == len(set(options)), f"{link_id}: two options share a code"


def codings(item: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Coding an item holds: its options, its own codes, the answers that enable it."""
    options = [option["valueCoding"] for option in item.get("answerOption", [])]
    return [*options, *item.get("code", []), *(rule["answerCoding"] for rule in item.get("enableWhen", []))]


def test_every_code_is_defined_in_the_published_code_systems_and_every_edition_has_the_same(site: Path) -> None:
    defined = {
        (system["url"], concept["code"])
        for system in (read(site, path) for path in CODE_SYSTEMS)
        for concept in system["concept"]
    }
    shapes = []
    for edition in EDITIONS:
        shape = [
            (item["linkId"], item["type"], [key(c) for c in codings(item)])
            for item in items(read(site, edition + QUESTIONNAIRE))
        ]
        used = {code for _, _, codes in shape for code in codes}
        assert used <= defined, sorted(used - defined)
        shapes.append(shape)
    assert shapes[0] == shapes[1]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_questionnaire_says_what_the_checker_says_in_the_edition_language(site: Path, edition: str) -> None:
    tree = read(site, f"{edition}triage/tree.json")
    questionnaire = {item["linkId"]: item for item in read(site, edition + QUESTIONNAIRE)["item"]}
    assert set(questionnaire) == {*tree["nodes"], LEVEL_ITEM}
    for node_id, node in tree["nodes"].items():
        item = questionnaire[node_id]
        if node["kind"] == "question":
            assert (item["type"], item["text"]) == ("choice", node["text"])
            assert [o["valueCoding"]["display"] for o in item["answerOption"]] == [a["label"] for a in node["answers"]]
            flags = [
                [o["valueCoding"]["code"]] if o["valueCoding"]["system"].endswith(RED_FLAGS) else []
                for o in item["answerOption"]
            ]
            assert flags == [a["red_flags"] for a in node["answers"]], node_id
        else:
            assert item["type"] == "display" and item["text"].startswith(node["title"])
            assert [c["code"] for c in item["code"]] == [node["level"]]
            assert item["code"][0]["display"] == tree["level_text"][node["level"]]["label"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_route_enables_exactly_its_questions_and_outcome_and_computes_its_level(
    site: Path, edition: str, figure: Callable[[str], None]
) -> None:
    tree = read(site, f"{edition}triage/tree.json")
    questionnaire = read(site, edition + QUESTIONNAIRE)
    by_id = {item["linkId"]: item for item in questionnaire["item"]}
    options = {
        link_id: {o["valueCoding"]["display"]: o["valueCoding"] for o in item["answerOption"]}
        for link_id, item in by_id.items()
        if item["type"] == "choice"
    }
    level = calculation(questionnaire, by_id[LEVEL_ITEM])
    checked = routes(tree)
    on_the_way: dict[str, dict[str, Any]] = {}  # each answer but the last, one route per question reached
    for steps, outcome in checked:
        given = {question: options[question][answer["label"]] for question, answer in steps}
        enabled = {link_id for link_id, item in by_id.items() if is_enabled(item, given)}
        route = " -> ".join([*(f"{q} '{a['label']}'" for q, a in steps), outcome])
        assert enabled == {*given, outcome, LEVEL_ITEM}, route
        assert level(given) == by_id[outcome]["code"], route
        on_the_way[" -> ".join(given)] = dict(list(given.items())[:-1])
    for route, given in on_the_way.items():
        assert level(given) == [], f"a level before the answers reach an outcome: {route}"
    assert {outcome for _, outcome in checked} == {i for i, node in tree["nodes"].items() if node["kind"] == "outcome"}
    figure(f"[fhir] {edition or 'en/'}: {len(checked)} routes, each enabling exactly its questions and outcome")


def is_enabled(item: dict[str, Any], given: dict[str, dict[str, Any]]) -> bool:
    """FHIR's enableWhen: `=` holds when the question's answer has the rule's system and code;
    several rules combine by enableBehavior. An item without rules is always enabled."""
    rules = item.get("enableWhen", [])
    if not rules:
        return True
    met = [rule["question"] in given and key(given[rule["question"]]) == key(rule["answerCoding"]) for rule in rules]
    return any(met) if item.get("enableBehavior") == "any" else all(met)


def calculation(questionnaire: dict[str, Any], item: dict[str, Any]) -> Callable[[dict[str, Any]], Any]:
    """The level item's calculatedExpression, compiled once, as an SDC form filler evaluates it for
    answers given ({linkId: Coding}): `%resource` the response, `%questionnaire` the form, and the
    item's variable `%answered` evaluated first."""
    expressions = {e["url"]: e["valueExpression"] for e in item["extension"] if "valueExpression" in e}
    assert {e["language"] for e in expressions.values()} == {"text/fhirpath"}
    answered = fhirpath(expressions[VARIABLE]["expression"], models["r4"])
    level = fhirpath(expressions[CALCULATED]["expression"], models["r4"])

    def evaluate(given: dict[str, Any]) -> Any:
        response = {
            "resourceType": "QuestionnaireResponse",
            "status": "completed",
            "item": [{"linkId": q, "answer": [{"valueCoding": coding}]} for q, coding in given.items()],
        }
        variables: dict[str, Any] = {"resource": response, "questionnaire": questionnaire}
        variables[expressions[VARIABLE]["name"]] = answered(response, variables)
        return level(response, variables)

    return evaluate


def test_no_reader_page_loads_the_fhir_files_and_the_offline_worker_never_precaches_them(site: Path) -> None:
    published = {edition + path for edition in EDITIONS for path in FILES if (site / edition / path).is_file()}
    assert published == {QUESTIONNAIRE, "es/" + QUESTIONNAIRE, *CODE_SYSTEMS}
    assert not published & set(published_build(site)["precache"])
    names = [Path(path).name for path in FILES]
    # The page for reusers links to them; no script a page runs asks for one.
    for script in (site / "assets").rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not [name for name in names if name in text], script.relative_to(site)
