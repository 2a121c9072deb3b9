// The checker's route through its tree (content/assets/triage-tree.js): what a reader's
// answers, kept in the page's hash, lead to.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashOf, isTree, levelText, routeOf, walk, watchedFlags } from "../../content/assets/triage-tree.js";

const answer = (label, next) => ({ label, next });
const TREE = {
  version: 1,
  start: "where",
  levels: ["emergency", "doctor", "self-care"],
  level_text: { emergency: { label: "Emergency", meaning: "Call now." } },
  red_flags: { "chest-pain": { level: "emergency", text: "Chest pain" } },
  nodes: {
    where: {
      kind: "question",
      text: "Where is the cramp?",
      answers: [answer("Leg", "night"), answer("Chest", "call")],
    },
    night: { kind: "question", text: "At night?", answers: [answer("Yes", "stretch"), answer("No", "doctor")] },
    stretch: { kind: "outcome", level: "self-care", title: "Stretch", watch_for: ["chest-pain", "gone-flag"] },
    doctor: { kind: "outcome", level: "doctor", title: "See a doctor" },
    call: { kind: "outcome", level: "emergency", title: "Call" },
  },
};

test("a route is read from the hash and written back the same", () => {
  assert.deepEqual(routeOf("#a=0.1"), [0, 1]);
  assert.equal(hashOf([0, 1]), "a=0.1");
  assert.deepEqual(routeOf(`#${hashOf([0, 1])}`), [0, 1]);
});

test("an empty hash is the start, and a heading's anchor is no route", () => {
  assert.deepEqual(routeOf(""), []);
  assert.deepEqual(routeOf("#a="), []);
  assert.equal(hashOf([]), "");
  assert.equal(routeOf("#signs-urgent"), null);
});

test("the answers lead question by question to an outcome", () => {
  const { steps, node } = walk(TREE, [0, 0]);
  assert.deepEqual(
    steps.map((step) => [step.question.text, step.answer.label]),
    [
      ["Where is the cramp?", "Leg"],
      ["At night?", "Yes"],
    ],
  );
  assert.equal(node.title, "Stretch");
});

test("no answers: the first question", () => {
  assert.deepEqual(walk(TREE, []), { steps: [], node: TREE.nodes.where });
});

test("a route the tree no longer has stops at the last question it does have", () => {
  const { steps, node } = walk(TREE, [0, 7, 1]);
  assert.equal(steps.length, 1);
  assert.equal(node.text, "At night?");
});

test("answers past an outcome are ignored", () => {
  const { steps, node } = walk(TREE, [1, 0, 0]);
  assert.equal(steps.length, 1);
  assert.equal(node.title, "Call");
});

test("an outcome's level words, its own id where the tree has none", () => {
  assert.deepEqual(levelText(TREE, "emergency"), { label: "Emergency", meaning: "Call now." });
  assert.deepEqual(levelText(TREE, "doctor"), { label: "doctor", meaning: "" });
});

test("only the signs the tree knows are listed to watch for", () => {
  assert.deepEqual(watchedFlags(TREE, TREE.nodes.stretch), ["chest-pain"]);
  assert.deepEqual(watchedFlags(TREE, TREE.nodes.doctor), []);
});

test("a file is run only when it is a tree of this version with its start", () => {
  assert.ok(isTree(TREE));
  assert.ok(!isTree({ ...TREE, version: 2 }));
  assert.ok(!isTree({ ...TREE, start: "missing" }));
  assert.ok(!isTree(null));
});
