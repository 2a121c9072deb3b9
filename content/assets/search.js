/* Site search: the header's search box (overrides/partials/search.html) on Pagefind's
 * search API (site/pagefind/, built by hooks/pagefind.py).
 *
 * A small UI of our own rather than Pagefind's Component UI, for two reasons. Size: the
 * Component UI's script and styles are about 46 KB gzip of the 120 KB a first query may
 * cost. Ranking: readers type sentences ("why do my legs cramp at night") and Pagefind
 * only returns pages holding every word, so here each content word is searched on its own
 * and results are ranked by how many of the words they hold, then by Pagefind's score.
 * Each FAQ question is ranked, and shown, as a result of its own. A word found nowhere is
 * corrected to the nearest word of the index's vocabulary (assets/spelling.js), and the box
 * says "Showing results for" the corrected query.
 *
 * Material's instant navigation keeps the header, so the box is mounted once; on every
 * page swap (`document$`) it closes, and any box not yet mounted is mounted.
 */
(function () {
  "use strict";

  /* Words that say nothing about the topic; dropped unless the query is nothing else. */
  const STOP_WORDS = new Set(
    ("a about after again all also am an and any are as at be been before being but by can could did do does " +
      "doing for from get gets getting got had has have having how i if im in into is it its just me more most my " +
      "no of on once only or our over really should so some such than that the their them then there these they " +
      "this those to too very was we were what when where which while who why will with would you your")
      .split(" ")
  );
  const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}\p{N}]+)*/gu;
  const PAGE_SIZE = 8; // results whose data loads at a time
  const MAX_SECTIONS = 2; // section links under a page's result
  const DEBOUNCE_MS = 120;
  const MIN_PREFIX = 4; // shortest beginning of an unknown word to search for
  const MIN_CORRECTED = 4; // shortest word worth correcting (assets/spelling.js SHORTEST)
  // The spelling module beside this script: resolved now, while this script is the current one.
  const SPELLING = document.currentScript ? new URL("spelling.js", document.currentScript.src).href : "";

  let nextId = 0;

  /* Pagefind, imported on first use, its result URLs based where the site is served. */
  async function loadPagefind(bundle) {
    const pagefind = await import(bundle + "pagefind.js");
    // No worker: the index is small, and the worker script would add 12 KB to the first query.
    await pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 22, noWorker: true });
    await pagefind.init();
    return pagefind;
  }

  /* Every page's type by its Pagefind id, written beside the index by hooks/pagefind.py. */
  async function pageTypes(bundle) {
    const response = await fetch(bundle + "page-types.json");
    if (!response.ok) throw new Error(`page-types.json: ${response.status}`);
    return new Map(Object.entries(await response.json()));
  }

  /* The spelling corrector on the index's vocabulary (written beside it by sitegen/search.py):
     a function from a word to its correction. */
  async function loadSpelling(bundle) {
    const module = SPELLING || new URL("../assets/spelling.js", bundle).href; // the site root's assets/
    const [spelling, response] = await Promise.all([import(module), fetch(bundle + "vocabulary.json")]);
    if (!response.ok) throw new Error(`vocabulary.json: ${response.status}`);
    const vocabulary = spelling.vocabularyOf(await response.json());
    return (word) => spelling.correct(word, vocabulary);
  }

  /* The query's content words: lower case, each once, stop words dropped. */
  function termsOf(query) {
    const words = [...new Set(query.toLowerCase().match(WORD) || [])];
    const content = words.filter((word) => !STOP_WORDS.has(word));
    return content.length ? content : words;
  }

  /* Pagefind works out a result's excerpt and sections from the search run last, and may
     reuse the object it returned for the same page before, so each search, the loading of
     its results' data and the reading of that data happen together, one search at a time. */
  let queue = Promise.resolve();
  function exclusive(task) {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  }

  /* The query with each content word the index does not hold replaced by the nearest word it
     does, its other words as typed. Whether Pagefind holds a word is asked in quotes, its exact
     search: unquoted, a word it lacks finds the pages of the word's longest beginning it has
     ("d" for "dehidration"). A word it finds through its stem ("running") is left alone. The
     corrector (`speller`) loads only when a word is missing, so other queries cost no more. */
  async function corrected(pagefind, query, speller) {
    const fixes = new Map();
    for (const word of termsOf(query)) {
      if (word.length < MIN_CORRECTED || STOP_WORDS.has(word) || /\d/.test(word)) continue;
      const { results } = await exclusive(() => pagefind.search(`"${word}"`));
      if (results.length) continue;
      const fix = (await speller())(word);
      if (fix !== word) fixes.set(word, fix);
    }
    return fixes.size ? query.replace(WORD, (word) => fixes.get(word.toLowerCase()) || word) : query;
  }

  /* Pages, and FAQ questions, holding any of the terms: most terms first, then by score. */
  async function rank(pagefind, terms, types) {
    const pages = new Map();
    for (const word of terms) {
      const { term, hits } = await exclusive(() => searchWord(pagefind, word, types));
      for (const { result, sections } of hits) {
        let page = pages.get(result.id);
        if (!page) {
          page = { id: result.id, type: types.get(result.id) || "guide", score: 0, terms: [], hits: [] };
          pages.set(result.id, page);
        }
        page.score += result.score;
        page.terms.push(term);
        page.hits.push({ term, score: result.score, sections });
      }
    }
    const items = [...pages.values()].flatMap((page) => (page.type === "faq" ? questions(page) : [page]));
    return items.sort((a, b) => b.terms.length - a.terms.length || b.score - a.score);
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
          question = { id: page.id, type: page.type, url: section.url, title: section.title, score: 0, terms: [] };
          found.set(section.url, question);
        }
        question.score += hit.score * (0.5 + 0.5 * (section.weight / total));
        question.terms.push(hit.term);
      }
    }
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

  class SiteSearch {
    constructor(root) {
      this.root = root;
      // Resolved once, against the page first loaded: instant navigation keeps this element.
      this.bundle = new URL(root.dataset.bundle, document.baseURI).href;
      this.form = root.querySelector("[data-site-search-form]");
      this.input = root.querySelector("[data-site-search-input]");
      this.panel = root.querySelector("[data-site-search-panel]");
      this.status = root.querySelector("[data-site-search-status]");
      this.list = root.querySelector("[data-site-search-results]");
      this.more = root.querySelector("[data-site-search-more]");
      this.filters = [...root.querySelectorAll("[data-site-search-types] [data-type]")];
      this.labels = Object.fromEntries(this.filters.filter((b) => b.dataset.type).map((b) => [b.dataset.type, b.dataset.label]));
      this.type = "";
      this.query = "";
      this.correction = ""; // the query searched instead of the one typed, if any
      this.ranked = [];
      this.shown = 0;
      this.active = -1;
      this.sequence = 0;
      this.loading = null;

      root.querySelector("[data-site-search-browse]").hidden = true;
      this.form.hidden = false;
      this.form.addEventListener("submit", (event) => event.preventDefault());
      this.input.addEventListener("focus", () => this.activate());
      this.input.addEventListener("input", () => this.queue());
      this.input.addEventListener("keydown", (event) => this.key(event));
      this.form.addEventListener("focusout", (event) => {
        if (!this.form.contains(event.relatedTarget)) this.close();
      });
      document.addEventListener("pointerdown", (event) => {
        if (!this.form.contains(event.target)) this.close();
      });
      this.list.addEventListener("click", (event) => {
        if (event.target.closest("a")) this.close(true);
      });
      this.list.addEventListener("mousemove", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) this.select(this.options().indexOf(option), false);
      });
      for (const button of this.filters) {
        button.addEventListener("click", () => this.filter(button.dataset.type));
      }
      this.more.addEventListener("click", () => this.showMore());
    }

    /* Material swapped the page under the header: close, keeping the query for later. */
    pageChanged() {
      this.close(true);
    }

    focus() {
      this.input.focus();
      this.input.select();
    }

    activate() {
      this.ready().catch(() => {});
      if (this.input.value.trim() && this.query) this.open();
    }

    ready() {
      if (!this.loading) {
        this.loading = Promise.all([loadPagefind(this.bundle), pageTypes(this.bundle)]).then(([pagefind, types]) => {
          this.pagefind = pagefind;
          this.types = types;
          return pagefind;
        });
        this.loading.catch(() => {
          this.loading = null; // try again on the next keystroke
        });
      }
      return this.loading;
    }

    /* The spelling corrector, loaded the first time a word is missing from the index; without
       it (it failed to load), words are searched as typed. */
    speller() {
      if (!this.spelling) {
        this.spelling = loadSpelling(this.bundle).catch(() => {
          this.spelling = null; // try again on the next missing word
          return (word) => word;
        });
      }
      return this.spelling;
    }

    open() {
      this.panel.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }

    close(blur = false) {
      this.panel.hidden = true;
      this.input.setAttribute("aria-expanded", "false");
      if (blur && document.activeElement === this.input) this.input.blur();
    }

    queue() {
      this.busy(true);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.search(), DEBOUNCE_MS);
    }

    async search() {
      const sequence = ++this.sequence;
      const query = this.input.value.trim();
      if (!query) {
        this.query = "";
        this.correction = "";
        this.ranked = [];
        this.list.replaceChildren();
        this.close();
        this.busy(false);
        return;
      }
      this.open();
      if (!this.types) this.say("Loading search…");
      let ranked;
      let searched;
      try {
        const pagefind = await this.ready();
        searched = await corrected(pagefind, query, () => this.speller());
        ranked = await rank(pagefind, termsOf(searched), this.types);
      } catch (error) {
        if (sequence === this.sequence) {
          this.say("Search could not load. Reload the page to try again.");
          this.busy(false);
        }
        return;
      }
      if (sequence !== this.sequence) return;
      this.query = query;
      this.correction = searched === query ? "" : searched;
      this.ranked = ranked;
      await this.render();
    }

    filtered() {
      return this.type ? this.ranked.filter((item) => item.type === this.type) : this.ranked;
    }

    filter(type) {
      this.type = type;
      for (const button of this.filters) button.setAttribute("aria-pressed", String(button.dataset.type === type));
      this.input.focus();
      if (this.query) {
        this.busy(true);
        this.render();
      }
    }

    /* Result data for items, each excerpt showing every term the item holds. */
    async entries(items) {
      const sequence = this.sequence;
      const entries = [];
      for (const item of items) {
        const entry = await exclusive(async () => {
          for (const query of [item.terms.join(" "), item.terms[0]]) {
            const hit = (await this.pagefind.search(query)).results.find((result) => result.id === item.id);
            if (hit) return entryOf(item, await hit.data());
          }
          return null;
        });
        if (sequence !== this.sequence) return null;
        if (entry) entries.push(entry);
      }
      return entries;
    }

    async render() {
      const items = this.filtered();
      const entries = await this.entries(items.slice(0, PAGE_SIZE));
      if (!entries) return;
      this.list.replaceChildren(...entries.map((entry) => this.item(entry)));
      this.shown = entries.length;
      this.more.hidden = this.shown >= items.length;
      const present = new Set(this.ranked.map((item) => item.type));
      for (const button of this.filters) {
        const type = button.dataset.type;
        button.disabled = Boolean(type) && type !== this.type && !present.has(type);
      }
      const among = this.type ? ` (${this.filters.find((b) => b.dataset.type === this.type).textContent} only)` : "";
      const searched = this.correction || this.query;
      if (items.length) {
        this.say(`${items.length} ${items.length === 1 ? "result" : "results"}${among}, best first.`, this.correction);
      } else {
        this.say(`Nothing matches “${searched}”${among}. Try other words.`, this.correction);
      }
      this.select(entries.length ? 0 : -1);
      this.busy(false);
    }

    async showMore() {
      const items = this.filtered();
      const entries = await this.entries(items.slice(this.shown, this.shown + PAGE_SIZE));
      if (!entries) return;
      const first = this.options().length;
      this.list.append(...entries.map((entry) => this.item(entry)));
      this.shown += entries.length;
      this.more.hidden = this.shown >= items.length;
      this.input.focus();
      this.select(first);
    }

    item(entry) {
      const li = document.createElement("li");
      li.setAttribute("role", "presentation");
      li.append(this.option(entry, "site-search__result"));
      if (entry.sections.length) {
        const sections = document.createElement("ul");
        sections.className = "site-search__sections";
        sections.setAttribute("role", "presentation");
        for (const section of entry.sections) {
          const sub = document.createElement("li");
          sub.setAttribute("role", "presentation");
          sub.append(this.option(section, "site-search__section"));
          sections.append(sub);
        }
        li.append(sections);
      }
      return li;
    }

    option(entry, className) {
      const link = document.createElement("a");
      link.className = className;
      link.href = entry.url;
      link.id = `site-search-option-${++nextId}`;
      link.tabIndex = -1;
      link.setAttribute("role", "option");
      link.setAttribute("aria-selected", "false");
      if (entry.type) {
        const type = document.createElement("span");
        type.className = "site-search__type";
        type.dataset.type = entry.type;
        type.textContent = this.labels[entry.type] || entry.type;
        const colon = document.createElement("span");
        colon.className = "visually-hidden";
        colon.textContent = ": ";
        link.append(type, colon);
      }
      const title = document.createElement("span");
      title.className = "site-search__title";
      title.textContent = entry.title;
      link.append(title);
      if (entry.excerpt) {
        const excerpt = document.createElement("span");
        excerpt.className = "site-search__excerpt";
        excerpt.innerHTML = entry.excerpt; // Pagefind escapes the page text and adds only <mark>
        link.append(excerpt);
      }
      return link;
    }

    options() {
      return [...this.list.querySelectorAll("[role=option]")];
    }

    select(index, scroll = true) {
      const options = this.options();
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      this.active = options[index] ? index : -1;
      if (this.active < 0) {
        this.input.removeAttribute("aria-activedescendant");
        return;
      }
      this.input.setAttribute("aria-activedescendant", options[index].id);
      if (scroll) options[index].scrollIntoView({ block: "nearest" });
    }

    key(event) {
      const options = this.options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (this.panel.hidden && this.query) this.open();
        if (options.length) {
          const step = event.key === "ArrowDown" ? 1 : -1;
          this.select((this.active + step + options.length) % options.length);
        }
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (!this.panel.hidden && options[this.active]) options[this.active].click();
      } else if (event.key === "Escape") {
        event.preventDefault();
        this.close(true);
        if (this.returnFocus && this.returnFocus !== document.body && document.contains(this.returnFocus)) {
          this.returnFocus.focus({ preventScroll: true });
        }
        this.returnFocus = null;
      }
    }

    /* While results are out of date; assistive technology (and the tests) wait for it to clear. */
    busy(state) {
      this.list.setAttribute("aria-busy", String(state));
    }

    /* The status line, a live region: what the results are, after "Showing results for" the
       corrected query when the typed one was corrected, all as text. */
    say(text, correction = "") {
      if (!correction) {
        this.status.textContent = text;
        return;
      }
      const notice = document.createElement("span");
      notice.className = "site-search__correction";
      notice.dataset.siteSearchCorrection = "";
      const query = document.createElement("strong");
      query.textContent = correction;
      notice.append("Showing results for ", query, ". ");
      this.status.replaceChildren(notice, text);
    }
  }

  function editable(element) {
    return Boolean(element) && (element.isContentEditable || /^(input|textarea|select)$/i.test(element.tagName));
  }

  /* `/` or `s` outside a text field focuses the box, as with Material's own search. */
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if ((event.key !== "/" && event.key !== "s") || editable(event.target)) return;
    const root = document.querySelector("[data-site-search]");
    if (!root || !root.siteSearch) return;
    event.preventDefault();
    root.siteSearch.returnFocus = document.activeElement;
    root.siteSearch.focus();
  });

  function mount() {
    for (const root of document.querySelectorAll("[data-site-search]")) {
      if (root.siteSearch) root.siteSearch.pageChanged();
      else root.siteSearch = new SiteSearch(root);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
