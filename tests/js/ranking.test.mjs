// The search box's ranking (content/assets/ranking.js) on a stand-in for Pagefind's search API:
// which pages and FAQ questions a reader's query finds, and in what order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { corrected, languageOf, rank, termsOf } from "../../content/assets/ranking.js";

/* A language as its table gives it (sitegen/strings/<lang>.yaml `search.*`): a few stop words. */
const language = (stopWords, accentedLetters, soundAlikes = "") =>
  languageOf(
    (key) =>
      ({
        "search.stop-words": stopWords,
        "search.accented-letters": accentedLetters,
        "search.sound-alikes": soundAlikes,
      })[key],
  );
const ENGLISH = language("why do my at for", "");
const SPANISH = language("por qué tengo en la del", "áéíóúñ", "ll=y h=");

/* A stand-in for Pagefind: `found` maps a word to [page id, score] pairs; a FAQ page's data has
   the sections `sections` gives it; every search is recorded in `searched`. */
function pagefind(found, sections = {}) {
  const searched = [];
  return {
    searched,
    search: async (term) => {
      searched.push(term);
      const hits = found[term.replaceAll('"', "")] || [];
      const data = (id) => async () => ({ sub_results: sections[id] || [] });
      return { results: hits.map(([id, score]) => ({ id, score, data: data(id) })) };
    },
  };
}

/* A FAQ question's section: matched in its heading (weight 6), in readers' words (5) or in its
   text only (1), with `score` of Pagefind's balanced score. */
const section = (id, weight, score) => ({
  url: `/faq/#${id}`,
  title: id,
  excerpt: id,
  anchor: { element: "h2" },
  weighted_locations: [{ weight, balanced_score: score }],
});

const TYPES = new Map([
  ["guide", "guide"],
  ["cause", "cause"],
  ["faq", "faq"],
]);

test("a question's content words are searched: lower case, each once, no stop words", () => {
  assert.deepEqual(termsOf("Why do my legs cramp at night? Legs!", ENGLISH), ["legs", "cramp", "night"]);
  assert.deepEqual(termsOf("Gehrig's disease", ENGLISH), ["gehrig's", "disease"]);
});

test("a query of stop words only is searched as typed", () => {
  assert.deepEqual(termsOf("why", ENGLISH), ["why"]);
});

test("each edition drops its own language's stop words", () => {
  assert.deepEqual(termsOf("¿Por qué tengo calambres en la noche?", SPANISH), ["calambres", "noche"]);
  assert.deepEqual(termsOf("calambres en la noche", ENGLISH), ["calambres", "en", "la", "noche"]);
});

test("pages holding more of the words come first, then by score", async () => {
  const index = pagefind({
    cramp: [
      ["guide", 5],
      ["cause", 1],
    ],
    night: [["cause", 1]],
  });
  const ranked = await rank(index, ["cramp", "night"], TYPES);
  assert.deepEqual(
    ranked.map((item) => [item.id, item.terms]),
    [
      ["cause", ["cramp", "night"]],
      ["guide", ["cramp"]],
    ],
  );
});

test("each FAQ question is a result of its own, ranked by its own section", async () => {
  const index = pagefind(
    {
      cramp: [
        ["faq", 2],
        ["guide", 5],
      ],
      night: [["faq", 3]],
    },
    { faq: [section("often", 1, 3), section("rarely", 1, 1)] },
  );
  const ranked = await rank(index, ["cramp", "night"], TYPES);
  assert.deepEqual(
    ranked.map((item) => [item.url || item.id, item.terms.length]),
    [
      ["/faq/#often", 2],
      ["/faq/#rarely", 2],
      ["guide", 1],
    ],
  );
});

test("a question whose heading holds every word comes before a page that only mentions them", async () => {
  const index = pagefind(
    {
      serious: [
        ["guide", 9],
        ["faq", 1],
      ],
      spasms: [
        ["guide", 9],
        ["faq", 1],
      ],
    },
    { faq: [section("are-spasms-serious", 6, 1)] },
  );
  const ranked = await rank(index, ["serious", "spasms"], TYPES);
  assert.equal(ranked[0].url, "/faq/#are-spasms-serious");
});

test("a word found nowhere is searched as its beginning, one letter shorter at a time", async () => {
  const index = pagefind({ sciat: [["cause", 4]] });
  const ranked = await rank(index, ["sciatca"], TYPES);
  assert.deepEqual(
    ranked.map((item) => item.terms),
    [["sciat"]],
  );
  assert.deepEqual(index.searched, ["sciatca", "sciatc", "sciat"]);
});

test("a word the index lacks is replaced by the speller's correction, the rest kept as typed", async () => {
  const index = pagefind({ cramps: [["guide", 1]] });
  const speller = async () => ({ correct: (word) => (word === "magnezium" ? "magnesium" : word) });
  assert.equal(await corrected(index, "Magnezium for cramps", speller, ENGLISH), "magnesium for cramps");
});

test("a query whose words the index holds is left alone, and no speller is loaded", async () => {
  const index = pagefind({ magnesium: [["guide", 1]], cramps: [["guide", 1]] });
  const speller = async () => assert.fail("the speller was loaded");
  assert.equal(await corrected(index, "magnesium cramps", speller, ENGLISH), "magnesium cramps");
});

test("in Spanish, a word typed without its accents gets them back", async () => {
  const index = pagefind({});
  const accents = new Map([
    ["sintomas", "síntomas"],
    ["tetanos", "tétanos"],
  ]);
  const speller = async () => ({ accented: (word) => accents.get(word) || null, correct: (word) => word });
  assert.equal(await corrected(index, "sintomas del tetanos", speller, SPANISH), "síntomas del tétanos");
});

test("a language's sound-alike rules are read as spelling and sound, in order", () => {
  assert.deepEqual(SPANISH.sounds, [
    ["ll", "y"],
    ["h", ""],
  ]);
  assert.deepEqual(ENGLISH.sounds, []);
});
