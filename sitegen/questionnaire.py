"""The symptom checker as HL7 FHIR R4 resources, for clinical software that exchanges forms:
each edition's `triage/questionnaire.json` (a Questionnaire) and, once for every edition, the
code systems its answers and outcomes are coded in (`triage/codesystem-*.json`).

Built from the same compiled tree the checker's script runs (sitegen.triage `compile_tree`):
- every question is a `choice` item and every outcome a `display` item, each with the tree
  node's id as its linkId; an item is enabled by any answer that leads to it (`enableWhen`,
  `enableBehavior: any` where there are several), so exactly one outcome is enabled at the
  end of a route;
- an answer that reports a red flag is coded as that flag (codesystem-red-flags), any other by
  the node it leads to (codesystem-answers); an outcome's `code` is its level (codesystem-levels);
- the hidden `level` item computes the level from the answers with SDC's `calculatedExpression`
  (FHIRPath), for software that files the result rather than showing the outcome.

Every edition's Questionnaire has the same linkIds and codes, in its own language; the code
systems, at the site's root, carry the other editions' words as designations. Canonical URLs are
the files' addresses under the site's `site_url` (sitegen.sitemaps `site_address`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.editions import Edition
from sitegen.published import published_json
from sitegen.sitemaps import site_address
from sitegen.triage import compile_tree

QUESTIONNAIRE = "triage/questionnaire.json"
"""Each edition's Questionnaire, relative to its folder."""
LEVELS = "triage/codesystem-levels.json"
RED_FLAGS = "triage/codesystem-red-flags.json"
ANSWERS = "triage/codesystem-answers.json"
FILES = (QUESTIONNAIRE, LEVELS, RED_FLAGS, ANSWERS)
"""Everything this module publishes, relative to an edition's folder (the code systems: the root's only)."""

LEVEL_ITEM = "level"
"""The linkId of the computed level."""

CALCULATED = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
FHIRPATH = "text/fhirpath"
HIDDEN = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROLS = "http://hl7.org/fhir/questionnaire-item-control"


@dataclass(frozen=True)
class Systems:
    """The canonical URLs of the site's code systems."""

    levels: str
    red_flags: str
    answers: str

    @classmethod
    def at(cls, base: str) -> Systems:
        return cls(base + LEVELS, base + RED_FLAGS, base + ANSWERS)


def write_resources(site_dir: Path, editions: list[Edition]) -> None:
    """Every edition's Questionnaire in its folder, and the code systems at the root (`editions`: English first)."""
    base = site_address(site_dir)
    trees = {edition.lang: compile_tree(edition.dataset, edition.t) for edition in editions}
    systems = Systems.at(base)
    for edition in editions:
        url = base + edition.prefix + QUESTIONNAIRE
        resource = questionnaire(trees[edition.lang], edition, url, systems)
        _write(site_dir / edition.prefix / QUESTIONNAIRE, resource)
    english, *others = editions
    translations = {edition.lang: trees[edition.lang] for edition in others}
    for path, resource in code_systems(trees[english.lang], translations, systems).items():
        _write(site_dir / path, resource)


def _write(path: Path, resource: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(published_json(resource), encoding="utf-8")


# -- the Questionnaire ----------------------------------------------------------------------


def questionnaire(tree: dict[str, Any], edition: Edition, url: str, systems: Systems) -> dict[str, Any]:
    """The tree as a Questionnaire in the edition's language, published at `url`."""
    ways_in = _ways_in(tree, systems)
    items = []
    for node_id, node in tree["nodes"].items():
        make = _question if node["kind"] == "question" else _outcome
        items.append(make(node_id, node, tree, systems) | _enable_when(ways_in.get(node_id, [])))
    items.append(_level_item(tree, edition, systems))
    return {
        "resourceType": "Questionnaire",
        "id": "symptom-checker",
        "url": url,
        "name": "SymptomChecker",
        "title": edition.t("page.triage"),
        "status": "active",
        "language": edition.lang,
        "item": items,
    }


def answer_coding(answer: dict[str, Any], tree: dict[str, Any], systems: Systems) -> dict[str, str]:
    """An answer's code: the red flag it reports (the most urgent, were it several), else the node it leads to."""
    if answer["red_flags"]:
        flag = min(answer["red_flags"], key=lambda f: tree["levels"].index(tree["red_flags"][f]["level"]))
        return {"system": systems.red_flags, "code": flag}
    return {"system": systems.answers, "code": answer["next"]}


def _question(node_id: str, node: dict[str, Any], tree: dict[str, Any], systems: Systems) -> dict[str, Any]:
    """A `choice` item whose options are the answers, labelled as the checker shows them; its help as help text."""
    options = [{"valueCoding": answer_coding(a, tree, systems) | {"display": a["label"]}} for a in node["answers"]]
    item: dict[str, Any] = {
        "linkId": node_id,
        "type": "choice",
        "text": node["text"],
        "required": True,
        "answerOption": options,
    }
    if node["help"]:
        control = {"coding": [{"system": ITEM_CONTROLS, "code": "help"}]}
        item["item"] = [
            {
                "linkId": f"{node_id}-help",
                "type": "display",
                "text": node["help"],
                "extension": [{"url": ITEM_CONTROL, "valueCodeableConcept": control}],
            }
        ]
    return item


def _outcome(node_id: str, node: dict[str, Any], tree: dict[str, Any], systems: Systems) -> dict[str, Any]:
    """A `display` item: the outcome's title, advice and safety net (a display item has no
    children to hold them apart), coded with its level."""
    return {
        "linkId": node_id,
        "type": "display",
        "text": "\n\n".join(part for part in (node["title"], node["advice"], node["safety_net"]) if part),
        "code": [_level_coding(node["level"], tree, systems)],
    }


def _level_coding(level: str, tree: dict[str, Any], systems: Systems) -> dict[str, str]:
    return {"system": systems.levels, "code": level, "display": tree["level_text"][level]["label"]}


def _ways_in(tree: dict[str, Any], systems: Systems) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """For each node, every (question, answer code) that leads to it, in the tree's order."""
    found: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    for node_id, node in tree["nodes"].items():
        for answer in node.get("answers", []):
            found[answer["next"]].append((node_id, answer_coding(answer, tree, systems)))
    return found


def _enable_when(ways_in: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    """Enabled once any of these answers is given (none: the first question, always enabled).
    `=` on a Coding compares its system and code."""
    if not ways_in:
        return {}
    rules = [{"question": question, "operator": "=", "answerCoding": coding} for question, coding in ways_in]
    return {"enableWhen": rules, "enableBehavior": "any"} if len(rules) > 1 else {"enableWhen": rules}


def _level_item(tree: dict[str, Any], edition: Edition, systems: Systems) -> dict[str, Any]:
    """The hidden, read-only item whose answer SDC's calculatedExpression computes: the level (`code`)
    of the outcome whose `enableWhen` the response's answers meet, so it reads the routes from the
    outcome items themselves (nothing until the answers reach an outcome). `%answered`, a variable
    (FHIR's `variable` extension), holds each answer as `linkId system code`."""
    answered = "%resource.repeat(item).select(linkId + ' ' + answer.value.system + ' ' + answer.value.code)"
    calculated = (
        "%questionnaire.item.where(type = 'display')"
        ".where(enableWhen.select(question + ' ' + answer.system + ' ' + answer.code).intersect(%answered).exists())"
        ".code"
    )
    return {
        "linkId": LEVEL_ITEM,
        "type": "choice",
        "text": edition.t("red_flags.level"),
        "readOnly": True,
        "answerOption": [{"valueCoding": _level_coding(level, tree, systems)} for level in tree["levels"]],
        "extension": [
            {"url": HIDDEN, "valueBoolean": True},
            {"url": VARIABLE, "valueExpression": {"name": "answered", "language": FHIRPATH, "expression": answered}},
            {"url": CALCULATED, "valueExpression": {"language": FHIRPATH, "expression": calculated}},
        ],
    }


# -- the code systems -----------------------------------------------------------------------


def code_systems(
    english: dict[str, Any], translations: dict[str, dict[str, Any]], systems: Systems
) -> dict[str, dict[str, Any]]:
    """The three code systems by path, in English, with each other edition's words as designations."""
    levels = [
        _concept(level, english["level_text"][level]["label"], english["level_text"][level]["meaning"])
        | _designations({lang: t["level_text"][level]["label"] for lang, t in translations.items()})
        for level in english["levels"]
    ]
    level_property = {
        "code": "level",
        "type": "Coding",
        "description": f"How urgent the sign is: a level of {systems.levels}",
    }
    flags = [
        _concept(flag_id, flag["text"])
        | _designations({lang: t["red_flags"][flag_id]["text"] for lang, t in translations.items()})
        | {"property": [{"code": "level", "valueCoding": _level_coding(flag["level"], english, systems)}]}
        for flag_id, flag in english["red_flags"].items()
    ]
    answers = [
        _concept(code, label) | _designations({lang: _labels(t, systems)[code] for lang, t in translations.items()})
        for code, label in _labels(english, systems).items()
    ]
    return {
        LEVELS: _code_system(
            systems.levels,
            "levels",
            "UrgencyLevels",
            "How soon to get help, most urgent first: what the symptom checker's outcomes advise",
            levels,
        ),
        RED_FLAGS: _code_system(
            systems.red_flags,
            "red-flags",
            "RedFlags",
            "Warning signs the symptom checker asks about, each with the level of care it needs",
            flags,
            [level_property],
        ),
        ANSWERS: _code_system(
            systems.answers,
            "answers",
            "CheckerAnswers",
            "The symptom checker's answers that report no red flag, each coded by the question or outcome it leads to",
            answers,
        ),
    }


def _labels(tree: dict[str, Any], systems: Systems) -> dict[str, str]:
    """The answers coded in codesystem-answers, by code: the label of the first answer with that code."""
    found: dict[str, str] = {}
    for node in tree["nodes"].values():
        for answer in node.get("answers", []):
            coding = answer_coding(answer, tree, systems)
            if coding["system"] == systems.answers:
                found.setdefault(coding["code"], answer["label"])
    return found


def _concept(code: str, display: str, definition: str = "") -> dict[str, Any]:
    return {"code": code, "display": display} | ({"definition": definition} if definition else {})


def _designations(words: dict[str, str]) -> dict[str, Any]:
    return {"designation": [{"language": lang, "value": value} for lang, value in words.items()]} if words else {}


def _code_system(
    url: str,
    resource_id: str,
    name: str,
    description: str,
    concepts: list[dict[str, Any]],
    properties: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return ({"property": properties} if properties else {}) | {
        "resourceType": "CodeSystem",
        "id": resource_id,
        "url": url,
        "name": name,
        "status": "active",
        "description": description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }
