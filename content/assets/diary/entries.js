/* The diary's entries: an entry's fields and the check every entry passes (saved, stored or
 * imported), and where they live: this browser's localStorage, under a key per copy of the site
 * (its path), so two copies on one host keep two diaries. Nothing is sent anywhere.
 *
 * Every field is a string, "" when not given, so an entry is stored, written to CSV and read
 * back unchanged; a field's shape is checked, its meaning (a place's name) comes from diary.json.
 * Only `openStore` touches storage: the rest is pure (tests/js/ runs it).
 */

/* The fields in their CSV order (diary.csv's header row). */
export const COLUMNS = [
  "id",
  "when",
  "place",
  "other_place",
  "duration_seconds",
  "severity",
  "activity",
  "medicine_changed",
  "medicine",
  "stress",
  "signs",
  "note",
];

export const STRESS_LEVELS = ["low", "medium", "high"];

/* A field that does not hold what it should: `expected` names the shape, for the reader's
   message (assets/strings.js `diary.expected.*`). */
export class InvalidEntry extends Error {
  constructor(field, expected, value) {
    super(`${field} should be ${expected} (got "${value}")`);
    this.field = field;
    this.expected = expected;
    this.value = value;
  }
}

const CHECKS = [
  // field, the shape it needs, whether a value has it ("" is allowed unless the check says not)
  ["id", "id", (v) => v !== ""],
  ["when", "when", (v) => /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(v) && !Number.isNaN(Date.parse(v))],
  ["place", "place", (v) => /^[a-z0-9-]+$/.test(v)],
  ["duration_seconds", "duration", (v) => v === "" || /^\d+$/.test(v)],
  ["severity", "severity", (v) => v === "" || (/^\d+$/.test(v) && Number(v) <= 10)],
  ["medicine_changed", "medicine", (v) => ["", "yes", "no"].includes(v)],
  ["stress", "stress", (v) => v === "" || STRESS_LEVELS.includes(v)],
  ["signs", "signs", (v) => v === "" || /^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(v)],
];

/* `raw` as an entry: each field a string, checked; throws InvalidEntry at the first bad one. */
export function clean(raw) {
  const entry = {};
  for (const column of COLUMNS)
    entry[column] = raw[column] === undefined || raw[column] === null ? "" : String(raw[column]);
  for (const [field, expected, holds] of CHECKS) {
    if (!holds(entry[field])) throw new InvalidEntry(field, expected, entry[field]);
  }
  return entry;
}

/* Oldest first; entries of the same minute in a stable order. */
export function byTime(a, b) {
  return a.when + a.id < b.when + b.id ? -1 : 1;
}

/* `entries` with each of `added` in place of the entry of the same id, if there is one. */
export function withEntries(entries, added) {
  const ids = new Set(added.map((entry) => entry.id));
  return [...entries.filter((entry) => !ids.has(entry.id)), ...added];
}

/* `entries` without the entry of `id`. */
export function withoutEntry(entries, id) {
  return entries.filter((entry) => entry.id !== id);
}

/* The entries stored for the site at `siteRoot`. Another tab of the diary (a phone keeps old
   ones open) may save at any time, so every change is made to what storage holds now, never
   to a copy read earlier, and written whole in one `setItem`: no entry of another tab is
   lost, and no half entry is kept. */
export function openStore(siteRoot) {
  const key = `spasms-diary:${siteRoot.pathname}`;
  const downloadedKey = `${key}:downloaded`; // the ids in the last CSV downloaded
  const read = (name) => JSON.parse(localStorage.getItem(name) || "[]");
  const load = () => read(key).map((entry) => clean(entry));

  return {
    load,

    /* Writes `edit(what storage holds)` and returns it; throws when storage will not take it. */
    change(edit) {
      const next = edit(load());
      localStorage.setItem(key, JSON.stringify(next));
      return next;
    },

    /* Throws if storage reads but will not write (full, or private browsing), so the page can
       say so before the reader types anything. */
    probe() {
      localStorage.setItem(`${key}:probe`, "1");
      localStorage.removeItem(`${key}:probe`);
    },

    downloaded: () => new Set(read(downloadedKey)),

    markDownloaded(ids) {
      localStorage.setItem(downloadedKey, JSON.stringify(ids));
    },

    /* Runs `changed` when another tab changes the entries. */
    onOtherTab(changed) {
      window.addEventListener("storage", (event) => {
        if (event.key === key) changed();
      });
    },
  };
}
