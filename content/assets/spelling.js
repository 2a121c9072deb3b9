/* Spelling correction for the search box (assets/search.js), on the index's own words.
 *
 * Pagefind has no typo tolerance: "magnezium" finds nothing. sitegen/search.py writes
 * `pagefind/vocabulary.json`, every word Pagefind indexed and every word of the data's lay
 * terms with how often it occurs; a query's word that is not among them is replaced with the
 * nearest that is (`correct`), and one typed without the accents the index mostly writes it
 * with gets them back (`accented`). (Pagefind cannot say so itself: for a word it lacks it returns the pages of
 * the word's longest beginning it has, "d" for "dehidration".) Pure functions, no page or
 * network: the search box imports this module, with the vocabulary, the first time a query
 * holds a word the index lacks.
 */

export const SHORTEST = 4; // shorter words are never corrected: too many real words lie one edit away

/* Most edits allowed to correct a word of `length` letters. */
export function maxEdits(length) {
  if (length < SHORTEST) return 0;
  return length <= 5 ? 1 : 2;
}

/* A word as the vocabulary holds it: lower case, apostrophes dropped ("gehrig's" -> "gehrigs"). */
export function normalize(word) {
  return word.toLowerCase().replace(/['\u2019]/g, "");
}

/* Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
   and swaps of neighbours, each one edit), or `limit + 1` as soon as it must exceed `limit`. */
export function distance(a, b, limit = Infinity) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}

/* Endings of English words that Pagefind's stemming finds under the word without them. */
const ENDINGS = ["ing", "ed", "es", "s", "ly", "er"];

/* Whether the vocabulary holds `word` (normalized), or a word it is a regular form of:
   "making" (make), "running" (run), "tablet" (tablets), "stretches" (stretch). Pagefind finds
   such words through their stem, so they are never "corrected". */
export function known(word, vocabulary) {
  if (vocabulary.has(word) || vocabulary.has(`${word}s`) || vocabulary.has(`${word}es`)) return true;
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < 3) continue;
    const stem = word.slice(0, -ending.length);
    if (vocabulary.has(stem) || vocabulary.has(`${stem}e`)) return true;
    if (stem.length > 3 && stem.at(-1) === stem.at(-2) && vocabulary.has(stem.slice(0, -1))) return true;
  }
  return false;
}

/* The vocabulary file's `{"word": occurrences}` as the corrector reads it. */
export function vocabularyOf(counts) {
  return new Map(Object.entries(counts));
}

/* `word` without its accents: "tétanos" -> "tetanos", "ñ" kept apart from "n" ("año", "ano"). */
export function plain(word) {
  return word
    .normalize("NFD")
    .replace(/(?!\u0303)[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

const PLAIN_FORMS = new WeakMap(); // vocabulary -> its words by their plain form, made once

/* The vocabulary's most frequent word that is `word` with its accents put back, when it occurs
   more often than `word` as typed: readers on a phone leave accents off ("sintomas del tetanos"),
   and the index holds each word as it is written. Null when there is none. */
export function accented(word, vocabulary) {
  word = normalize(word);
  let forms = PLAIN_FORMS.get(vocabulary);
  if (!forms) {
    forms = new Map();
    for (const [candidate, count] of vocabulary) {
      const key = plain(candidate);
      if (key !== candidate && (!forms.has(key) || count > forms.get(key).count)) forms.set(key, { candidate, count });
    }
    PLAIN_FORMS.set(vocabulary, forms);
  }
  const found = forms.get(word);
  return found && found.count > (vocabulary.get(word) || 0) ? found.candidate : null;
}

/* `word` as it sounds by a language's sound-alike rules (`[spelling, sound]` pairs, in order):
   lower case, without accents, each rule's spelling replaced by its sound. */
export function soundOf(word, rules) {
  return rules.reduce((sound, [spelling, said]) => sound.replaceAll(spelling, said), plain(normalize(word)));
}

/* The vocabulary by sound: for each sound, its most frequent word. Made once per vocabulary by
   the search box, with the edition's rules (assets/ranking.js `languageOf`). */
export function soundsOf(vocabulary, rules) {
  const words = new Map();
  if (!rules.length) return { rules, words };
  for (const [candidate, count] of vocabulary) {
    const sound = soundOf(candidate, rules);
    if (!words.has(sound) || count > words.get(sound).count) words.set(sound, { candidate, count });
  }
  return { rules, words };
}

/* Better of two candidates: fewer edits, then one that keeps the typed first letter (readers
   seldom get that wrong), then the more frequent, then the shorter, then the alphabetical
   first, so that a correction never depends on the vocabulary's order. */
function better(a, b) {
  if (!b) return true;
  if (a.edits !== b.edits) return a.edits < b.edits;
  if (a.initial !== b.initial) return a.initial;
  if (a.count !== b.count) return a.count > b.count;
  if (a.word.length !== b.word.length) return a.word.length < b.word.length;
  return a.word < b.word;
}

/* `word` corrected to the nearest vocabulary word, or itself: when it is `known`, shorter than
   four letters, holds a digit, or nothing is near enough. A word that sounds the same by the
   language's rules (`sounds`, from `soundsOf`: Spanish "cueyo" is "cuello", "mediko" is
   "médico") wins, however many letters differ; then a whole word within `maxEdits`; failing
   one, a word whose beginning is within it ("hipothyroid" is one edit from the start of
   "hypothyroidism"), for words of six letters or more. */
export function correct(word, vocabulary, sounds = soundsOf(vocabulary, [])) {
  const wanted = normalize(word);
  const limit = maxEdits(wanted.length);
  if (!limit || /\d/.test(wanted) || known(wanted, vocabulary)) return word;
  const alike = sounds.words.get(soundOf(wanted, sounds.rules));
  if (alike) return alike.candidate;
  let whole = null;
  let start = null;
  for (const [candidate, count] of vocabulary) {
    const edits = distance(wanted, candidate, limit);
    if (edits <= limit) {
      const found = { word: candidate, count, edits, initial: candidate[0] === wanted[0] };
      if (better(found, whole)) whole = found;
    } else if (!whole && wanted.length >= 6 && candidate.length > wanted.length) {
      let fewest = limit + 1;
      for (let cut = wanted.length - 1; cut <= wanted.length + 1; cut++) {
        fewest = Math.min(fewest, distance(wanted, candidate.slice(0, cut), limit));
      }
      const found = { word: candidate, count, edits: fewest, initial: candidate[0] === wanted[0] };
      if (fewest <= limit && better(found, start)) start = found;
    }
  }
  const best = whole || start;
  return best ? best.word : word;
}
