/* The search box's ranking (assets/search.js shows what this finds): no page, no DOM, only a
 * Pagefind instance, so it can be run and tested on its own.
 *
 * Readers type sentences ("why do my legs cramp at night") and Pagefind only returns pages
 * holding every word, so each content word is searched on its own and results are ranked by
 * how many of the words they hold, then by Pagefind's score. (Pagefind's ranking options
 * weigh term frequency, page length and similarity within one search; none ranks across
 * searches by words held, so its defaults stay.) Each FAQ question is ranked as a result of its
 * own. A word found nowhere is corrected to the nearest word of the index's vocabulary
 * (assets/spelling.js).
 */

/* A language's search words, from its table (assets/strings.js `t`, sitegen/strings/<lang>.yaml):
   its stop words, which say nothing about the topic and are dropped from a query unless it is
   nothing else; whether its readers often leave accents off (`accented`, see `corrected`); and
   its sound-alike rules, "ll=y v=b", as `[spelling, sound]` pairs (assets/spelling.js `soundOf`). */
export function languageOf(t) {
  return {
    stopWords: new Set(t("search.stop-words").split(" ")),
    accented: t("search.accented-letters") !== "",
    sounds: t("search.sound-alikes")
      .split(" ")
      .filter(Boolean)
      .map((rule) => rule.split("=")),
  };
}
const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;
const MAX_SECTIONS = 2; // section links under a page's result
const MIN_PREFIX = 4; // shortest beginning of an unknown word to search for
const MIN_CORRECTED = 4; // shortest word worth correcting (assets/spelling.js SHORTEST)
const HIDDEN_WORDS_WEIGHT = 5; // data-pagefind-weight of readers' words (sitegen/templates/_links.md)

/* The query's content words: lower case, each once, the stop words of `language` (`languageOf`) dropped. */
export function termsOf(query, language) {
  const words = [...new Set(query.toLowerCase().match(WORD) || [])];
  const content = words.filter((word) => !language.stopWords.has(word));
  return content.length ? content : words;
}

/* Pagefind works out a result's excerpt and sections from the search run last, and may
   reuse the object it returned for the same page before, so each search, the loading of
   its results' data and the reading of that data happen together, one search at a time. */
let queue = Promise.resolve();
export function exclusive(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

/* The query with each content word the index does not hold replaced by the nearest word it
   does (in a language whose readers often leave accents off, `language.accented`, also one
   typed without the accents the index gives it: each content word is checked against the
   vocabulary, assets/spelling.js `accented`, so it loads with the first query), its
   other words as typed. Whether Pagefind holds a word is asked in quotes, its exact
   search: unquoted, a word it lacks finds the pages of the word's longest beginning it has
   ("d" for "dehidration"). A word it finds through its stem ("running") is left alone. The
   corrector (`speller`) loads only when a word is missing (or with the first query, where
   `language.accented`), so other queries cost no more. */
export async function corrected(pagefind, query, speller, language) {
  const fixes = new Map();
  for (const word of termsOf(query, language)) {
    if (word.length < MIN_CORRECTED || language.stopWords.has(word) || /\d/.test(word)) continue;
    const withAccents = language.accented ? (await speller()).accented(word) : null;
    if (withAccents) {
      fixes.set(word, withAccents);
      continue;
    }
    const { results } = await exclusive(() => pagefind.search(`"${word}"`));
    if (results.length) continue;
    const fix = (await speller()).correct(word);
    if (fix !== word) fixes.set(word, fix);
  }
  return fixes.size ? query.replace(WORD, (word) => fixes.get(word.toLowerCase()) || word) : query;
}

/* Pages, and FAQ questions, holding any of the terms: most terms first, then a question whose
   own heading or readers' words hold every one of two or more terms (the reader asked it), the
   one whose heading holds the most of them first, then by score. A long page scores lower for
   the same words, and the FAQ is the longest: without the second rule, "are muscle spasms
   serious" found three guides before the question that answers it. */
export async function rank(pagefind, terms, types) {
  const pages = new Map();
  for (const word of terms) {
    const { term, hits } = await exclusive(() => searchWord(pagefind, word, types));
    for (const { result, sections } of hits) {
      let page = pages.get(result.id);
      if (!page) {
        page = { id: result.id, type: types.get(result.id) || "page", score: 0, terms: [], hits: [] };
        pages.set(result.id, page);
      }
      page.score += result.score;
      page.terms.push(term);
      page.hits.push({ term, score: result.score, sections });
    }
  }
  const items = [...pages.values()].flatMap((page) => (page.type === "faq" ? questions(page) : [page]));
  return items.sort(
    (a, b) =>
      b.terms.length - a.terms.length ||
      Number(Boolean(b.asked)) - Number(Boolean(a.asked)) ||
      (b.asked ? b.titled - a.titled : 0) ||
      b.score - a.score,
  );
}

/* One word's results, with the data of any FAQ page among them. A word found nowhere is
   likely misspelt near its end ("sciatca"), so it is retried as its beginning, one letter
   shorter at a time, down to four letters. */
async function searchWord(pagefind, word, types) {
  let term = word;
  let search = await pagefind.search(term);
  while (!search.results.length && term.length > MIN_PREFIX) {
    term = term.slice(0, -1);
    search = await pagefind.search(term);
  }
  const hits = [];
  for (const result of search.results) {
    const sections = types.get(result.id) === "faq" ? sectionsOf(await result.data()) : [];
    hits.push({ result, sections });
  }
  return { term, hits };
}

/* The FAQ page as its questions, each ranked on the terms in its own section: a reader
   asking about night cramps wants that question, not the pickle juice one below it. */
function questions(page) {
  const found = new Map();
  for (const hit of page.hits) {
    const total = hit.sections.reduce((sum, section) => sum + section.weight, 0) || 1;
    for (const section of hit.sections) {
      let question = found.get(section.url);
      if (!question) {
        question = {
          id: page.id,
          type: page.type,
          url: section.url,
          title: section.title,
          score: 0,
          terms: [],
          strong: 0,
          titled: 0,
        };
        found.set(section.url, question);
      }
      question.score += hit.score * (0.5 + 0.5 * (section.weight / total));
      question.terms.push(hit.term);
      question.strong += Number(section.strong);
      question.titled += Number(section.titled);
    }
  }
  for (const question of found.values())
    question.asked = question.terms.length > 1 && question.strong === question.terms.length;
  return found.size ? [...found.values()] : [page];
}

/* A result's sections with a heading (the page's own h1 aside), as plain values. */
function sectionsOf(data) {
  return data.sub_results
    .filter((sub) => sub.anchor && sub.anchor.element !== "h1")
    .map((sub) => ({
      url: sub.url,
      title: sub.title,
      excerpt: sub.excerpt,
      weight: (sub.weighted_locations || []).reduce((sum, location) => sum + location.balanced_score, 0),
      // Worth a link of its own: matched in its heading or in the readers' words.
      strong: (sub.weighted_locations || []).some((location) => location.weight > 1),
      // Matched in its heading itself (a question is an h2: Pagefind weighs it 6; readers' words 5).
      titled: (sub.weighted_locations || []).some((location) => location.weight > HIDDEN_WORDS_WEIGHT),
    }));
}

/* A result as shown: a FAQ question with its own excerpt, or a page with its best sections. */
function entryOf(item, data) {
  const sections = sectionsOf(data);
  if (item.url) {
    const own = sections.find((section) => section.url === item.url);
    return { type: item.type, title: item.title, url: item.url, excerpt: own ? own.excerpt : "", sections: [] };
  }
  const best = sections.filter((section) => section.strong).sort((a, b) => b.weight - a.weight);
  return {
    type: item.type,
    title: data.meta.title,
    url: data.url,
    excerpt: data.excerpt,
    sections: best.slice(0, MAX_SECTIONS).map((section) => ({ title: section.title, url: section.url, sections: [] })),
  };
}

/* The ranked item as shown, its excerpt showing every term it holds; null if Pagefind no
   longer finds it. */
export function display(pagefind, item) {
  return exclusive(async () => {
    for (const query of [item.terms.join(" "), item.terms[0]]) {
      const hit = (await pagefind.search(query)).results.find((result) => result.id === item.id);
      if (hit) return entryOf(item, await hit.data());
    }
    return null;
  });
}

/* Fetch the index chunks `query`'s words need while the reader is still typing (Pagefind's
   `preload` loads them without searching, so it never disturbs the search run last). */
export function preload(pagefind, query, language) {
  for (const word of termsOf(query, language)) pagefind.preload(word).catch(() => {});
}
