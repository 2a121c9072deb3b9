/* Site search: the header's search box (overrides/partials/search.html) on Pagefind's
 * search API (site/pagefind/, built by sitegen/search.py); what it finds and in what order is
 * assets/ranking.js, its words are in assets/strings.js.
 *
 * A small UI of our own rather than Pagefind's Component UI, for two reasons. Size: the
 * Component UI's script and styles are about 46 KB gzip of the 120 KB a first query may
 * cost. Ranking: see assets/ranking.js. Each FAQ question is shown as a result of its own.
 * When a word was corrected (assets/spelling.js), the box says "Showing results for" the
 * corrected query.
 *
 * Material's instant navigation keeps the header, so the box is mounted once; on every
 * page swap it closes, and any box not yet mounted is mounted.
 *
 * The box waits for a pause in typing (`DEBOUNCE_MS`) with a timer of its own rather than
 * Pagefind's `debouncedSearch`: that runs one search of the whole query, and a query here is
 * several searches that must not interleave with it (ranking.js `exclusive`). While the
 * reader types, Pagefind's `preload` fetches the index chunks the words need. The ranking
 * loads with Pagefind, when the box is first used, not with every page: a page's first view
 * is kept small (bench/results.md), and Pagefind's own files take longer to come.
 */
import { el, onEveryPage } from "./page.js";
import { t } from "./strings.js";

const PAGE_SIZE = 6; // results whose data loads at a time: a phone screen of them
const DEBOUNCE_MS = 120;
const LANG = (document.documentElement.lang || "en").slice(0, 2).toLowerCase(); // the edition: its vocabulary

let nextId = 0;

/* Pagefind, imported on first use, its result URLs based where the site is served. */
async function loadPagefind(bundle) {
  const pagefind = await import(`${bundle}pagefind.js`);
  // No worker: the index is small, and the worker script would add 12 KB to the first query.
  await pagefind.options({ baseUrl: new URL("../", bundle).pathname, excerptLength: 22, noWorker: true });
  await pagefind.init();
  return pagefind;
}

/* Every page's type by its Pagefind id, written beside the index by sitegen/search.py. */
async function pageTypes(bundle) {
  const response = await fetch(`${bundle}page-types.json`);
  if (!response.ok) throw new Error(`page-types.json: ${response.status}`);
  return new Map(Object.entries(await response.json()));
}

/* The spelling corrector on the index's vocabulary (written beside it by sitegen/search.py),
   with `language`'s sound-alike rules: `correct` gives a word's correction, `accented` the word
   with the accents the index gives it. */
async function loadSpelling(bundle, language) {
  const file = LANG === "en" ? "vocabulary.json" : `vocabulary.${LANG}.json`; // each edition's own words
  const [spelling, response] = await Promise.all([import("./spelling.js"), fetch(bundle + file)]);
  if (!response.ok) throw new Error(`${file}: ${response.status}`);
  const vocabulary = spelling.vocabularyOf(await response.json());
  const sounds = spelling.soundsOf(vocabulary, language.sounds);
  return {
    correct: (word) => spelling.correct(word, vocabulary, sounds),
    accented: (word) => spelling.accented(word, vocabulary),
  };
}

/* Pagefind's excerpt as nodes: it escapes the page's text and adds only <mark>, so the text
   is read by an inert parser and only <mark> is rebuilt; nothing of it is markup on the page. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body.childNodes;
  return [...parsed].map((node) => (node.nodeName === "MARK" ? el("mark", null, node.textContent) : node.textContent));
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
    this.labels = Object.fromEntries(
      this.filters.filter((b) => b.dataset.type).map((b) => [b.dataset.type, b.dataset.label]),
    );
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
      const loads = [loadPagefind(this.bundle), pageTypes(this.bundle), import("./ranking.js")];
      this.loading = Promise.all(loads).then(([pagefind, types, ranking]) => {
        this.ranking = ranking;
        this.language = ranking.languageOf(t); // the edition's stop words, and whether its readers leave accents off
        this.types = types;
        this.pagefind = pagefind;
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
      this.spelling = loadSpelling(this.bundle, this.language).catch(() => {
        this.spelling = null; // try again on the next missing word
        return { correct: (word) => word, accented: () => null };
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
    if (this.pagefind) this.ranking.preload(this.pagefind, this.input.value, this.language);
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
    if (!this.types) this.say(t("search.loading"));
    let ranked;
    let searched;
    try {
      ({ searched, ranked } = await this.find(query));
    } catch {
      if (sequence === this.sequence) {
        this.say(t("search.failed"));
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

  /* What `query` finds: the query searched (corrected, or as typed) and the ranked items. The
     tests put every reader phrasing through this, and `entries`, in one call. */
  async find(query) {
    const pagefind = await this.ready();
    const { corrected, rank, termsOf } = this.ranking;
    const searched = await corrected(pagefind, query, () => this.speller(), this.language);
    return { searched, ranked: await rank(pagefind, termsOf(searched, this.language), this.types) };
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
      const shown = await this.ranking.display(this.pagefind, item);
      if (sequence !== this.sequence) return null;
      if (shown) entries.push(shown);
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
    const among = this.type
      ? t("search.among", { type: this.filters.find((b) => b.dataset.type === this.type).textContent })
      : "";
    const searched = this.correction || this.query;
    if (items.length) {
      this.say(
        t(items.length === 1 ? "search.count.one" : "search.count.many", { count: items.length, among }),
        this.correction,
      );
    } else {
      this.say(t("search.none", { query: searched, among }), this.correction);
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
    const sections = entry.sections.map((section) =>
      el("li", { role: "presentation" }, this.option(section, "site-search__section")),
    );
    return el(
      "li",
      { role: "presentation" },
      this.option(entry, "site-search__result"),
      sections.length ? el("ul", { class: "site-search__sections", role: "presentation" }, sections) : null,
    );
  }

  option(entry, className) {
    return el(
      "a",
      {
        class: className,
        href: entry.url,
        id: `site-search-option-${++nextId}`,
        tabindex: "-1",
        role: "option",
        "aria-selected": "false",
      },
      entry.type
        ? el("span", { class: "site-search__type", "data-type": entry.type }, this.labels[entry.type] || entry.type)
        : null,
      entry.type ? el("span", { class: "visually-hidden" }, ": ") : null,
      el("span", { class: "site-search__title" }, entry.title),
      entry.excerpt ? el("span", { class: "site-search__excerpt" }, excerptNodes(entry.excerpt)) : null,
    );
  }

  options() {
    return [...this.list.querySelectorAll("[role=option]")];
  }

  select(index, scroll = true) {
    const options = this.options();
    for (const [i, option] of options.entries()) option.setAttribute("aria-selected", String(i === index));
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
    const notice = el(
      "span",
      { class: "site-search__correction", "data-site-search-correction": true },
      t("search.showing"),
      el("strong", null, correction),
      t("search.showing.end"),
    );
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

onEveryPage(mount);
