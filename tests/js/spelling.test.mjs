// The search box's spelling correction (content/assets/spelling.js), on a vocabulary as
// pagefind/vocabulary.json holds it: {word: occurrences}.
import assert from "node:assert/strict";
import { test } from "node:test";
import { accented, correct, distance, soundOf, soundsOf, vocabularyOf } from "../../content/assets/spelling.js";

const VOCABULARY = vocabularyOf({
  magnesium: 40,
  cramp: 90,
  cramps: 60,
  run: 12,
  make: 8,
  stretch: 20,
  tablets: 5,
  hypothyroidism: 3,
  dehydration: 15,
  potassium: 9,
  potash: 1,
  tétanos: 6,
  tetanos: 1,
  año: 4,
  síntomas: 11,
});

test("a misspelt word becomes the nearest word the index holds", () => {
  assert.equal(correct("magnezium", VOCABULARY), "magnesium");
  assert.equal(correct("dehidration", VOCABULARY), "dehydration");
  assert.equal(correct("potasisum", VOCABULARY), "potassium", "two letters swapped are one edit");
});

test("a word typed as a beginning is corrected to the word it starts", () => {
  assert.equal(correct("hipothyroid", VOCABULARY), "hypothyroidism");
});

test("a word the index finds through its stem is left as typed", () => {
  for (const word of ["running", "making", "tablet", "stretches", "cramping"]) {
    assert.equal(correct(word, VOCABULARY), word);
  }
});

test("short words, words with digits and words far from any are left as typed", () => {
  assert.equal(correct("crm", VOCABULARY), "crm");
  assert.equal(correct("b12x", VOCABULARY), "b12x");
  assert.equal(correct("zzzzzzzz", VOCABULARY), "zzzzzzzz");
});

test("of two words as near, the more frequent wins, whatever the vocabulary's order", () => {
  const one = vocabularyOf({ cramp: 1, clamp: 50 });
  const other = vocabularyOf({ clamp: 50, cramp: 1 });
  assert.equal(correct("cxamp", one), "clamp");
  assert.equal(correct("cxamp", other), "clamp");
});

test("edits are counted as insertions, deletions, substitutions and swaps", () => {
  assert.equal(distance("kitten", "sitting"), 3);
  assert.equal(distance("cramp", "carmp"), 1);
  assert.equal(distance("", "abc"), 3);
  assert.equal(distance("magnesium", "cramp", 2), 3, "stops past the limit");
});

test("a word typed without its accents gets the accents the index mostly gives it", () => {
  assert.equal(accented("tetanos", VOCABULARY), "tétanos");
  assert.equal(accented("sintomas", VOCABULARY), "síntomas");
  assert.equal(accented("Sintomas", VOCABULARY), "síntomas");
});

test("ñ is a letter of its own, not an n with an accent", () => {
  assert.equal(accented("ano", VOCABULARY), null);
});

test("a word with no accented twin is left alone", () => {
  assert.equal(accented("cramp", VOCABULARY), null);
});

/* Spanish sound-alike rules as sitegen/strings/es.yaml gives them (assets/ranking.js `languageOf`). */
const SPANISH_SOUNDS = "ch=x ll=y v=b z=s sce=se sci=si ce=se ci=si qu=k c=k h= ge=je gi=ji nb=mb np=mp"
  .split(" ")
  .map((rule) => rule.split("="));
const SPANISH = vocabularyOf({ cuello: 30, médico: 12, medio: 40, magnesio: 9, calambres: 80, hormigueo: 4, chico: 2 });

test("a word that sounds like a word of the index is corrected to it, however many letters differ", () => {
  const sounds = soundsOf(SPANISH, SPANISH_SOUNDS);
  assert.equal(correct("cueyo", SPANISH, sounds), "cuello", "ll and y sound alike: two edits on a five-letter word");
  assert.equal(correct("mediko", SPANISH, sounds), "médico", "before 'medio', one edit away and more frequent");
  assert.equal(correct("magnecio", SPANISH, sounds), "magnesio");
  assert.equal(correct("calanbres", SPANISH, sounds), "calambres");
  assert.equal(correct("ormigeo", SPANISH, sounds), "hormigueo", "no sound-alike: the nearest word within two edits");
});

test("sound-alike rules keep apart the letters they do not name", () => {
  assert.equal(soundOf("chico", SPANISH_SOUNDS), "xiko");
  assert.equal(soundOf("Cuello", SPANISH_SOUNDS), soundOf("cueyo", SPANISH_SOUNDS));
  assert.notEqual(soundOf("mano", SPANISH_SOUNDS), soundOf("nano", SPANISH_SOUNDS));
});

test("without rules, as in English, only edits correct a word", () => {
  assert.equal(correct("mediko", SPANISH), "medio");
  assert.equal(soundsOf(SPANISH, []).words.size, 0);
});
