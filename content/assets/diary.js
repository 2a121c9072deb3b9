/* The cramp diary on /diary/: the form, the summary and the entries, CSV out and in. Entries
 * live only in this browser; nothing is sent. diary.json (sitegen/diary.py) says what to ask
 * and which answers match a red flag, from the checker's red flags. Entries are untrusted:
 * they reach the page only as text nodes (page.js `el`).
 *
 * This module puts the parts together, keeps the page in step with storage and says what
 * happened; the parts, each on its own:
 * - diary/entries.js an entry's fields and checks; localStorage, in step with other tabs
 * - diary/csv.js     CSV writing and reading, formulas escaped (pure)
 * - diary/form.js    the form, for a new entry or an edit
 * - diary/summary.js the chart and the facts for a doctor
 * - diary/list.js    the entries, each with its warning signs' care cards
 * - diary/kept.js    whether the browser will keep the diary
 * - diary/words.js   values in the reader's words
 */
import { CsvError, entriesFromCsv, toCsv } from "./diary/csv.js";
import { byTime, openStore, withEntries, withoutEntry } from "./diary/entries.js";
import { diaryForm } from "./diary/form.js";
import { keptLine } from "./diary/kept.js";
import { entryList, flagCards, flagsOf } from "./diary/list.js";
import { summaryOf } from "./diary/summary.js";
import { placeName, when } from "./diary/words.js";
import { el, onEveryPage } from "./page.js";
import { t } from "./strings.js";

const mounted = new WeakSet();

// -- the CSV file (diary/csv.js) downloaded or chosen: the reader's copy, for a doctor, a
// spreadsheet or another device

/* Downloads `entries` as a CSV file named with today's date. */
function downloadCsv(entries) {
  const blob = new Blob([toCsv(entries)], { type: "text/csv;charset=utf-8" });
  const name = t("diary.file", { date: new Date().toISOString().slice(0, 10) });
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/* What is wrong with a file, in the reader's words. */
function explain(error) {
  if (!(error instanceof CsvError)) return error.message; // the file could not be read at all
  const where = error.line ? t("diary.csv.line", { line: error.line }) : "";
  if (error.problem === "invalid") {
    const { field, expected, value } = error.details;
    return t("diary.invalid", { where, field, expected: t(`diary.expected.${expected}`), value });
  }
  return where + t(`diary.csv.${error.problem}`, error.details);
}

/* A hidden file input (its `click()` opens the file chooser) that reads the CSV file chosen:
   `imported(entries, fileName)` gets its entries, or `failed(message)` says why there are none. */
function csvPicker(imported, failed) {
  const input = el("input", {
    type: "file",
    accept: ".csv,text/csv",
    hidden: true,
    tabindex: "-1",
    "aria-hidden": "true",
  });
  input.addEventListener("change", async () => {
    const chosen = input.files[0];
    input.value = ""; // the same file can be chosen again
    if (!chosen) return;
    let entries;
    try {
      entries = entriesFromCsv(await chosen.text());
    } catch (error) {
      failed(t("diary.import-failed", { name: chosen.name, error: explain(error) }));
      return;
    }
    imported(entries, chosen.name);
  });
  return input;
}

// -- the diary

function button(label, click, className = "") {
  return el("button", { type: "button", class: `diary__button ${className}`.trim(), click }, label);
}

function mount(root, config) {
  const siteRoot = new URL(root.dataset.root || "./", location.href);
  const store = openStore(siteRoot);
  let entries;
  try {
    entries = store.load();
    store.probe();
  } catch {
    root.replaceChildren(el("p", { class: "diary__error" }, t("diary.no-storage")));
    root.hidden = false;
    return;
  }

  // What happened, said: an error stays on screen (role=alert); the rest is announced once.
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const alert = el("p", { class: "diary__error", role: "alert" });
  let timer;
  function say(text, error = false) {
    alert.textContent = error ? text : "";
    live.textContent = ""; // cleared first, so the same words are announced again
    clearTimeout(timer);
    timer = setTimeout(() => {
      live.textContent = error ? "" : text;
    }, 100);
  }

  /* Makes `edit` to what storage holds; false, said, when storage will not take it. */
  function change(edit) {
    try {
      entries = store.change(edit);
      return true;
    } catch {
      say(t("diary.not-saved"), true);
      return false;
    }
  }

  const result = el("div", { class: "diary__result" }); // the warning of the episode just saved
  const kept = keptLine();
  const form = diaryForm(config, save);

  function save(entry) {
    const editing = form.editing();
    if (editing && !store.load().some((e) => e.id === editing)) {
      form.recordNew(); // deleted in another tab: what was typed is kept, to save as new
      say(t("diary.edit-gone"), true);
      return;
    }
    if (!change((now) => withEntries(now, [entry]))) return;
    const flags = flagsOf(entry, config);
    const said = { when: when(entry), place: placeName(entry, config) };
    form.reset();
    render();
    result.replaceChildren();
    if (flags.length) {
      const heading = el("h2", { tabindex: "-1" }, t("diary.warning"));
      result.append(
        heading,
        el("p", null, t("diary.saved.warning", said)),
        ...flagCards(flags, config, siteRoot, "h3"),
      );
      heading.focus();
    }
    say(t("diary.saved", said) + (flags.length ? t("diary.saved.warning-end") : ""));
    kept.update(true);
  }

  const summary = el("section", { class: "diary__summary", "aria-labelledby": "diary-summary" });
  const list = el("section", { class: "diary__entries", "aria-labelledby": "diary-entries" });
  const confirmBox = el("div", { class: "diary__confirm", hidden: true });
  const picker = csvPicker(
    (imported, name) => {
      if (!change((now) => withEntries(now, imported))) return;
      render();
      say(t("diary.imported", { count: imported.length, name }));
    },
    (message) => say(message, true),
  );

  function download() {
    const sorted = [...entries].sort(byTime);
    downloadCsv(sorted);
    try {
      store.markDownloaded(sorted.map((e) => e.id));
    } catch {
      // the reminder to download is all that is lost: the download itself went ahead
    }
    render();
    say(t("diary.downloaded", { count: sorted.length }));
  }

  function remove(entry, label) {
    change((now) => withoutEntry(now, entry.id));
    if (form.editing() === entry.id) form.reset();
    render();
    say(t("diary.deleted", { label }));
    list.querySelector("h2").focus();
  }

  function askDeleteAll(trigger) {
    const keep = button(t("diary.keep"), () => {
      confirmBox.hidden = true;
      trigger.focus();
    });
    const yes = button(
      t("diary.delete-all.yes"),
      () => {
        change(() => []);
        confirmBox.hidden = true;
        render();
        form.reset(true);
        say(t("diary.delete-all.done"));
      },
      "diary__button--danger",
    );
    confirmBox.replaceChildren(
      el("p", null, t("diary.delete-all.ask", { count: entries.length })),
      el("div", { class: "diary__actions" }, yes, keep),
    );
    confirmBox.hidden = false;
    keep.focus();
  }

  function render() {
    const sorted = [...entries].sort(byTime);
    const tools = el(
      "div",
      { class: "diary__actions diary__tools" },
      button(t("diary.print"), () => window.print()),
      button(t("diary.download"), download),
      button(t("diary.import"), () => picker.click()),
    );
    summary.replaceChildren(el("h2", { id: "diary-summary" }, t("diary.summary")));
    list.replaceChildren(
      el("h2", { id: "diary-entries", tabindex: "-1" }, t("diary.entries", { count: sorted.length })),
    );
    list.hidden = !sorted.length;
    if (!sorted.length) {
      summary.append(el("p", null, t("diary.empty")), kept.line, tools);
      return;
    }
    const downloaded = store.downloaded();
    const unsaved = sorted.filter((e) => !downloaded.has(e.id)).length;
    const remind = unsaved
      ? el("p", { class: "diary__reminder" }, t("diary.not-downloaded", { count: unsaved }))
      : null;
    summary.append(...summaryOf(sorted, config), remind, kept.line, tools);
    const deleteAll = button(t("diary.delete-all"), () => askDeleteAll(deleteAll), "diary__button--danger");
    list.append(
      entryList(sorted, config, siteRoot, { edit: form.fill, remove }),
      el("div", { class: "diary__actions" }, deleteAll),
      confirmBox,
    );
  }

  // Another tab saved, edited or deleted: show what storage holds now.
  store.onOtherTab(() => {
    if (!root.isConnected) return;
    entries = store.load();
    render();
    if (form.editing() && !entries.some((e) => e.id === form.editing())) say(t("diary.edit-gone"), true);
  });
  root.replaceChildren(
    el("div", { class: "diary__panel" }, form.heading, form.form, result),
    alert,
    live,
    summary,
    list,
    picker,
  );
  render();
  kept.update(entries.length > 0);
  root.hidden = false;
  for (const note of document.querySelectorAll(".diary-nojs")) note.hidden = true;
}

function start() {
  const root = document.getElementById("diary");
  if (!root || mounted.has(root)) return;
  mounted.add(root);
  fetch(new URL(root.dataset.config, location.href), { credentials: "same-origin" })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
    .then(
      (config) => root.isConnected && mount(root, config),
      () => {
        root.replaceChildren(el("p", { class: "diary__error" }, t("diary.failed")));
        root.hidden = false;
      },
    );
}

onEveryPage(start);
