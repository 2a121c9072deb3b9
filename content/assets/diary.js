// The cramp diary on /diary/: form, entries, summary, CSV out and in. Entries live only in
// localStorage (a key per copy of the site); nothing is sent. diary.json (sitegen/diary.py)
// says what to ask and which answers match a red flag, from the checker's red flags.
// Entries are untrusted: they reach the page only as text nodes (page.js `el`). Its words
// are in strings.js.

import { el, onEveryPage, svg } from "./page.js";
import { t } from "./strings.js";

const COLUMNS = ["id", "when", "place", "other_place", "duration_seconds", "severity", "activity", "medicine_changed", "medicine", "stress", "signs", "note"];
const STRESS = { low: t("diary.stress.low"), medium: t("diary.stress.medium"), high: t("diary.stress.high") };
const mounted = new WeakSet();
let serial = 0;

const uid = (name) => `diary-${name}-${++serial}`;
const byTime = (a, b) => (a.when + a.id < b.when + b.id ? -1 : 1);
const btn = (label, click, more = "", attrs) => el("button", { type: "button", class: `diary__button ${more}`, click, ...attrs }, label);
const lang = document.documentElement.lang || undefined;

// -- CSV: RFC 4180, a header row, CRLF between rows

// A cell a spreadsheet would run as a formula (OWASP "CSV injection") is written after an
// apostrophe, so it shows as text; so is one that starts with the apostrophe itself, so that
// reading drops exactly one leading apostrophe and gives back every text as it was typed.
const FORMULA = /^[=+\-@\t\r']/;
const escape = (v) => (FORMULA.test(v) ? `'${v}` : v);
const unescape = (v) => (v.startsWith("'") ? v.slice(1) : v);
const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (entries) => [COLUMNS, ...entries.map((e) => COLUMNS.map((c) => escape(e[c])))].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";

// Rows of fields, each row with the line it starts on; throws on a quote left open.
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false, line = 1, start = 1, i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push({ line: start, fields: row }), (row = []), (field = ""), (start = ++line);
    } else if (c === '"') throw new Error(t("diary.csv.line", { line }) + t("diary.csv.stray-quote"));
    else field += c;
  }
  if (quoted) throw new Error(t("diary.csv.line", { line: start }) + t("diary.csv.open-quote"));
  if (field !== "" || row.length) row.push(field), rows.push({ line: start, fields: row });
  return rows;
}

// One entry from strings, checked; every entry, saved or imported, goes through here.
function clean(raw, where = "") {
  const e = {};
  for (const c of COLUMNS) e[c] = raw[c] === undefined || raw[c] === null ? "" : String(raw[c]);
  const fail = (field, expected) => {
    throw new Error(t("diary.invalid", { where, field, expected: t(`diary.expected.${expected}`), value: e[field] }));
  };
  if (!e.id) fail("id", "id");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(e.when) || !Date.parse(e.when)) fail("when", "when");
  if (!/^[a-z0-9-]+$/.test(e.place)) fail("place", "place");
  if (e.duration_seconds && !/^\d+$/.test(e.duration_seconds)) fail("duration_seconds", "duration");
  if (e.severity && !(/^\d+$/.test(e.severity) && +e.severity <= 10)) fail("severity", "severity");
  if (!["", "yes", "no"].includes(e.medicine_changed)) fail("medicine_changed", "medicine");
  if (e.stress && !STRESS[e.stress]) fail("stress", "stress");
  if (e.signs && !/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(e.signs)) fail("signs", "signs");
  return e;
}

function entriesFromCsv(text) {
  const rows = parseCsv(text);
  if (!rows.length || rows[0].fields.join(",") !== COLUMNS.join(",")) throw new Error(t("diary.csv.header", { header: COLUMNS.join(",") }));
  const ids = new Set();
  return rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== COLUMNS.length) throw new Error(t("diary.csv.line", { line }) + t("diary.csv.fields", { count: fields.length, expected: COLUMNS.length }));
    const e = clean(Object.fromEntries(COLUMNS.map((c, i) => [c, unescape(fields[i])])), t("diary.csv.line", { line }));
    if (ids.has(e.id)) throw new Error(t("diary.csv.line", { line }) + t("diary.csv.twice", { id: e.id }));
    ids.add(e.id);
    return e;
  });
}

// -- words

function duration(seconds) {
  const s = +seconds, parts = [[Math.floor(s / 3600), "diary.hours"], [Math.floor(s / 60) % 60, "diary.minutes"], [s % 60, "diary.seconds"]];
  return parts.filter(([n]) => n).map(([n, key]) => t(key, { n })).join(" ") || t("diary.no-time");
}
const when = (e) => new Date(e.when).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
const day = (d) => d.toLocaleDateString(lang, { day: "numeric", month: "short" });

function weekStart(iso) {
  const d = new Date(`${iso.slice(0, 10)}T00:00`);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7)); // back to Monday
  return d;
}

function mount(root, config) {
  const siteRoot = new URL(root.dataset.root || "./", location.href);
  const storeKey = `spasms-diary:${siteRoot.pathname}`;
  const places = Object.fromEntries([...config.places.map((p) => [p.id, p]), ["other", { id: "other", label: t("diary.other"), red_flags: [] }]]);
  const signs = Object.fromEntries(config.signs.map((s) => [s.id, s]));
  let entries = [];
  let editing = null;

  const load = () => JSON.parse(localStorage.getItem(storeKey) || "[]").map((e) => clean(e));
  // Every change is made to what storage holds now, not to this tab's copy: another tab (a phone
  // keeps old ones) may have saved since. One write, the whole list, so no half entry is kept.
  const change = (edit) => {
    try {
      const next = edit(load());
      localStorage.setItem(storeKey, JSON.stringify(next));
      return (entries = next);
    } catch {
      say(t("diary.not-saved"), true);
    }
  };
  const downloadedKey = `${storeKey}:downloaded`;
  const downloaded = () => new Set(JSON.parse(localStorage.getItem(downloadedKey) || "[]"));
  const placeOf = (e) => (e.place === "other" ? e.other_place || t("diary.other") : (places[e.place] || { label: e.place }).label);

  function flagsOf(e) {
    const ids = [...((places[e.place] || {}).red_flags || [])];
    for (const s of e.signs ? e.signs.split(";") : []) ids.push(...((signs[s] || {}).red_flags || []));
    if (e.medicine_changed === "yes") ids.push(...config.medicine.red_flags);
    for (const d of config.durations) if (e.duration_seconds !== "" && +e.duration_seconds > d.over_minutes * 60) ids.push(...d.red_flags);
    return [...new Set(ids)].filter((id) => config.red_flags[id]);
  }

  // The red flags' care cards, most urgent level first, and the way to the checker.
  function cards(ids, level) {
    return Object.keys(config.levels)
      .map((lv) => [lv, ids.filter((id) => config.red_flags[id].level === lv)])
      .filter(([, found]) => found.length)
      .map(([lv, found]) => {
        const text = config.levels[lv];
        return el(
          "section",
          { class: `care-card care-card--${lv}` },
          el("p", { class: "care-card__label", "aria-hidden": "true" }, text.label),
          el(level, null, el("span", { class: "visually-hidden" }, `${text.label}: `), text.meaning),
          el("ul", null, found.map((id) => el("li", null, el("a", { href: new URL(config.red_flags[id].url, siteRoot).href }, config.red_flags[id].text)))),
          el("p", null, el("a", { href: new URL(config.checker, siteRoot).href }, t("diary.check"))),
        );
      });
  }

  // -- the form

  const field = (label, input, hint) => {
    input.id = input.id || uid("f");
    const hintNode = hint ? el("p", { class: "diary__hint", id: `${input.id}-hint` }, hint) : null;
    if (hint) input.setAttribute("aria-describedby", hintNode.id);
    return el("div", { class: "diary__field" }, el("label", { for: input.id }, label), hintNode, input);
  };
  const choices = (legend, name, options, type = "radio") =>
    el(
      "fieldset",
      { class: `diary__choices diary__choices--${name}` },
      el("legend", null, legend),
      options.map(([value, label]) => {
        const id = uid(name);
        return el("span", { class: "diary__choice" }, el("input", { type, name, value, id }), el("label", { for: id }, label));
      }),
    );

  const listId = uid("activities");
  const inputs = {
    date: el("input", { type: "date", name: "date", required: true }),
    time: el("input", { type: "time", name: "time", required: true }),
    place: el("select", { name: "place", required: true }, el("option", { value: "" }, t("diary.choose-place")), Object.values(places).map((p) => el("option", { value: p.id }, p.label))),
    other_place: el("input", { type: "text", name: "other_place", autocomplete: "off" }),
    minutes: el("input", { type: "number", name: "minutes", min: "0", step: "1", inputmode: "numeric" }),
    seconds: el("input", { type: "number", name: "seconds", min: "0", max: "59", step: "1", inputmode: "numeric" }),
    activity: el("input", { type: "text", name: "activity", list: listId, autocomplete: "off" }),
    medicine_changed: el("input", { type: "checkbox", name: "medicine_changed", value: "yes", id: uid("med") }),
    medicine: el("input", { type: "text", name: "medicine", autocomplete: "off" }),
    note: el("textarea", { name: "note", rows: "3" }),
  };
  const otherField = field(t("diary.other-place"), inputs.other_place);
  const save = el("button", { type: "submit", class: "diary__button diary__button--primary" }, t("diary.save"));
  const cancel = btn(t("diary.cancel"), () => reset(true), "", { hidden: true });
  const formHeading = el("h2", { id: uid("form"), tabindex: "-1" }, t("diary.record"));
  const form = el(
    "form",
    { class: "diary__form", "aria-labelledby": formHeading.id },
    el("div", { class: "diary__row" }, field(t("diary.date"), inputs.date), field(t("diary.time"), inputs.time)),
    field(t("diary.place"), inputs.place),
    otherField,
    el(
      "fieldset",
      { class: "diary__duration" },
      el("legend", null, t("diary.duration")),
      el("div", { class: "diary__row" }, field(t("diary.duration.minutes"), inputs.minutes), field(t("diary.duration.seconds"), inputs.seconds)),
    ),
    choices(t("diary.severity"), "severity", [...Array(11).keys()].map((n) => [String(n), String(n)])),
    field(t("diary.activity"), inputs.activity, t("diary.activity.hint")),
    el("datalist", { id: listId }, config.activities.map((a) => el("option", { value: a }))),
    el("div", { class: "diary__check" }, inputs.medicine_changed, el("label", { for: inputs.medicine_changed.id }, t("diary.medicine-changed"))),
    field(t("diary.medicine"), inputs.medicine),
    choices(t("diary.stress"), "stress", Object.entries(STRESS)),
    config.signs.length ? choices(t("diary.signs"), "signs", config.signs.map((s) => [s.id, s.label]), "checkbox") : null,
    field(t("diary.note"), inputs.note),
    el("div", { class: "diary__actions" }, save, cancel),
  );
  const showOther = () => (otherField.hidden = inputs.place.value !== "other");
  inputs.place.addEventListener("change", showOther);

  function now() {
    const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString();
    inputs.date.value = d.slice(0, 10);
    inputs.time.value = d.slice(11, 16);
  }
  function reset(focus) {
    form.reset();
    editing = null;
    now();
    showOther();
    save.textContent = t("diary.save");
    cancel.hidden = true;
    formHeading.textContent = t("diary.record");
    if (focus) formHeading.focus();
  }
  function fill(e) {
    reset();
    editing = e.id;
    [inputs.date.value, inputs.time.value] = e.when.split("T");
    inputs.place.value = places[e.place] ? e.place : "other";
    inputs.other_place.value = places[e.place] ? e.other_place : e.other_place || e.place;
    const s = e.duration_seconds;
    inputs.minutes.value = s && Math.floor(s / 60);
    inputs.seconds.value = s && s % 60;
    for (const name of ["activity", "medicine", "note"]) inputs[name].value = e[name];
    inputs.medicine_changed.checked = e.medicine_changed === "yes";
    for (const box of form.querySelectorAll("input[type=radio], input[type=checkbox][name=signs]")) {
      box.checked = box.name === "signs" ? e.signs.split(";").includes(box.value) : e[box.name] === box.value;
    }
    showOther();
    save.textContent = t("diary.save-changes");
    cancel.hidden = false;
    formHeading.textContent = t("diary.edit-heading", { when: when(e) });
    formHeading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (inputs.place.value === "other" && !inputs.other_place.value.trim()) {
      inputs.other_place.setCustomValidity(t("diary.say-place"));
    } else inputs.other_place.setCustomValidity("");
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const [m, sec] = [inputs.minutes.value, inputs.seconds.value];
    const e = clean({
      id: editing || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`),
      when: `${inputs.date.value}T${inputs.time.value.slice(0, 5)}`,
      place: inputs.place.value,
      other_place: inputs.place.value === "other" ? inputs.other_place.value.trim() : "",
      duration_seconds: m + sec === "" ? "" : String(Math.round(m * 60 + +sec)),
      severity: data.get("severity") || "",
      activity: inputs.activity.value.trim(),
      medicine_changed: inputs.medicine_changed.checked ? "yes" : "no",
      medicine: inputs.medicine.value.trim(),
      stress: data.get("stress") || "",
      signs: data.getAll("signs").join(";"),
      note: inputs.note.value,
    });
    if (editing && !load().some((x) => x.id === editing)) {
      editing = null; // what was typed stays in the form, to be saved as a new entry
      save.textContent = t("diary.save");
      formHeading.textContent = t("diary.record");
      cancel.hidden = true;
      return say(t("diary.edit-gone"), true);
    }
    if (!change((now) => [...now.filter((x) => x.id !== e.id), e])) return;
    const flags = flagsOf(e);
    reset();
    render();
    result.replaceChildren();
    if (flags.length) {
      const heading = el("h2", { tabindex: "-1" }, t("diary.warning"));
      result.append(heading, el("p", null, t("diary.saved.warning", { when: when(e), place: placeOf(e) })), ...cards(flags, "h3"));
      heading.focus();
    }
    say(t("diary.saved", { when: when(e), place: placeOf(e) }) + (flags.length ? t("diary.saved.warning-end") : ""));
    protect().catch(() => {});
  });

  // -- entries, summary, tools

  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const alert = el("p", { class: "diary__error", role: "alert" });
  const result = el("div", { class: "diary__result" });
  const summary = el("section", { class: "diary__summary", "aria-labelledby": "diary-summary" });
  const list = el("section", { class: "diary__entries", "aria-labelledby": "diary-entries" });
  const file = el("input", { type: "file", accept: ".csv,text/csv", hidden: true, tabindex: "-1", "aria-hidden": "true" });
  const confirmBox = el("div", { class: "diary__confirm", hidden: true });
  let timer;
  function say(text, error) {
    alert.textContent = error ? text : "";
    live.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => (live.textContent = error ? "" : text), 100);
  }

  function download() {
    const sorted = [...entries].sort(byTime);
    const link = el("a", { href: URL.createObjectURL(new Blob([toCsv(sorted)], { type: "text/csv;charset=utf-8" })), download: t("diary.file", { date: new Date().toISOString().slice(0, 10) }) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    try {
      localStorage.setItem(downloadedKey, JSON.stringify(sorted.map((e) => e.id)));
    } catch {} // the reminder only: the download itself went ahead
    render();
    say(t("diary.downloaded", { count: sorted.length }));
  }
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = "";
    if (!chosen) return;
    let imported;
    try {
      imported = entriesFromCsv(await chosen.text());
    } catch (error) {
      return say(t("diary.import-failed", { name: chosen.name, error: error.message }), true);
    }
    const ids = new Set(imported.map((e) => e.id));
    if (!change((now) => [...now.filter((e) => !ids.has(e.id)), ...imported])) return;
    render();
    say(t("diary.imported", { count: imported.length, name: chosen.name }));
  });

  function askDeleteAll(trigger) {
    const keep = btn(t("diary.keep"), () => ((confirmBox.hidden = true), trigger.focus()));
    confirmBox.replaceChildren(
      el("p", null, t("diary.delete-all.ask", { count: entries.length })),
      el(
        "div",
        { class: "diary__actions" },
        btn(t("diary.delete-all.yes"), () => (change(() => []), (confirmBox.hidden = true), render(), reset(true), say(t("diary.delete-all.done"))), "diary__button--danger"),
        keep,
      ),
    );
    confirmBox.hidden = false;
    keep.focus();
  }

  function chart(sorted) {
    const last = weekStart(sorted[sorted.length - 1].when);
    const weeks = [...Array(8).keys()].reverse().map((n) => {
      const d = new Date(last);
      d.setDate(d.getDate() - 7 * n);
      return { d, count: 0 };
    });
    for (const e of sorted) {
      const w = weeks.find((x) => x.d.getTime() === weekStart(e.when).getTime());
      if (w) w.count++;
    }
    const most = Math.max(1, ...weeks.map((w) => w.count));
    const titleId = uid("chart");
    const graphic = svg("svg", { viewBox: "0 0 400 150", class: "diary__chart", role: "img", "aria-labelledby": titleId });
    graphic.append(svg("title", { id: titleId }, t("diary.chart.title", { weeks: weeks.map((w) => t("diary.chart.week", { day: day(w.d), count: w.count })).join("; ") })));
    weeks.forEach((w, i) => {
      const height = (w.count / most) * 100;
      graphic.append(
        svg("rect", { x: i * 50 + 8, y: 120 - height, width: 34, height: Math.max(height, 1), class: "diary__bar" }),
        svg("text", { x: i * 50 + 25, y: 114 - height, "text-anchor": "middle" }, String(w.count)),
        svg("text", { x: i * 50 + 25, y: 140, "text-anchor": "middle", class: "diary__axis" }, day(w.d)),
      );
    });
    return el("figure", { class: "diary__figure" }, graphic, el("figcaption", null, t("diary.chart.caption")));
  }

  function top(values) {
    const counts = new Map();
    for (const v of values) if (v) counts.set(v, (counts.get(v) || 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([value, count]) => t("diary.top", { value, count })).join(", ") || t("diary.none-recorded");
  }

  function render() {
    const sorted = [...entries].sort(byTime);
    summary.replaceChildren(el("h2", { id: "diary-summary" }, t("diary.summary")));
    list.replaceChildren(el("h2", { id: "diary-entries", tabindex: "-1" }, t("diary.entries", { count: entries.length })));
    const tools = el(
      "div",
      { class: "diary__actions diary__tools" },
      btn(t("diary.print"), () => window.print()),
      btn(t("diary.download"), download),
      btn(t("diary.import"), () => file.click()),
    );
    if (!sorted.length) {
      summary.append(el("p", null, t("diary.empty")), kept, tools);
      list.hidden = true;
      return;
    }
    const saved = downloaded();
    const unsaved = sorted.filter((e) => !saved.has(e.id)).length;
    const remind = unsaved ? el("p", { class: "diary__reminder" }, t("diary.not-downloaded", { count: unsaved })) : null;
    list.hidden = false;
    const longest = sorted.filter((e) => e.duration_seconds !== "").sort((a, b) => b.duration_seconds - a.duration_seconds)[0];
    const rated = sorted.filter((e) => e.severity !== "").map((e) => +e.severity);
    const facts = [
      [t("diary.fact.episodes"), t("diary.fact.episodes.value", { count: sorted.length, first: when(sorted[0]), last: when(sorted[sorted.length - 1]) })],
      [t("diary.fact.places"), top(sorted.map(placeOf))],
      [t("diary.fact.activities"), top(sorted.map((e) => e.activity))],
      [t("diary.fact.longest"), longest ? t("diary.fact.longest.value", { duration: duration(longest.duration_seconds), when: when(longest), place: placeOf(longest) }) : t("diary.fact.longest.none")],
      [t("diary.fact.severity"), rated.length ? t("diary.fact.severity.value", { average: (rated.reduce((a, b) => a + b, 0) / rated.length).toFixed(1), worst: Math.max(...rated) }) : t("diary.fact.severity.none")],
      [t("diary.fact.medicine"), String(sorted.filter((e) => e.medicine_changed === "yes").length)],
      [t("diary.fact.stress"), String(sorted.filter((e) => e.stress === "high").length)],
      [t("diary.fact.warning"), String(sorted.filter((e) => flagsOf(e).length).length)],
    ];
    summary.append(chart(sorted), el("dl", { class: "diary__facts" }, facts.map(([k, v]) => [el("dt", null, k), el("dd", null, v)])), remind, kept, tools);
    const deleteAll = btn(t("diary.delete-all"), () => askDeleteAll(deleteAll), "diary__button--danger");
    list.append(
      el(
        "ol",
        { class: "diary__list", reversed: true },
        [...sorted].reverse().map((e) => {
          const details = [
            e.duration_seconds !== "" && t("diary.entry.lasted", { duration: duration(e.duration_seconds) }),
            e.severity !== "" && t("diary.entry.severity", { severity: e.severity }),
            e.activity && t("diary.entry.activity", { activity: e.activity }),
            e.stress && t("diary.entry.stress", { level: STRESS[e.stress].toLowerCase() }),
            e.medicine_changed === "yes" && (e.medicine ? t("diary.entry.which-medicine", { medicine: e.medicine }) : t("diary.entry.medicine")),
            ...(e.signs ? e.signs.split(";").map((id) => (signs[id] || { label: id }).label) : []),
          ].filter(Boolean);
          const label = `${when(e)}, ${placeOf(e)}`;
          return el(
            "li",
            { class: "diary__entry" },
            el("h3", null, label),
            details.length ? el("p", { class: "diary__details" }, details.join(" · ")) : null,
            e.note ? el("p", { class: "diary__note" }, e.note) : null,
            cards(flagsOf(e), "h4"),
            el(
              "div",
              { class: "diary__actions diary__entry-actions" },
              btn(t("diary.edit"), () => fill(e), "", { "aria-label": t("diary.edit.label", { label }) }),
              btn(
                t("diary.delete"),
                () => {
                  change((now) => now.filter((x) => x.id !== e.id));
                  if (editing === e.id) reset();
                  render();
                  say(t("diary.deleted", { label }));
                  list.querySelector("h2").focus();
                },
                "",
                { "aria-label": t("diary.delete.label", { label }) },
              ),
            ),
          );
        }),
      ),
      el("div", { class: "diary__actions" }, deleteAll),
      confirmBox,
    );
  }

  try {
    entries = load();
    localStorage.setItem(`${storeKey}:probe`, "1"); // storage that reads but will not write (full,
    localStorage.removeItem(`${storeKey}:probe`); // or private browsing) is said before any typing
  } catch {
    root.replaceChildren(el("p", { class: "diary__error" }, t("diary.no-storage")));
    root.hidden = false;
    return;
  }
  // Whether the browser has agreed to keep the diary when it clears site data (Safari clears
  // a site's storage after 7 days unused; others when space runs low): asked for once a
  // reader has entries, shown as a line the reader can read.
  const kept = el("p", { class: "diary__kept" });
  async function protect() {
    const storage = navigator.storage;
    if (!storage || !storage.persisted) return (kept.textContent = t("diary.kept.unknown"));
    let yes = await storage.persisted();
    if (!yes && entries.length && storage.persist) yes = await storage.persist();
    kept.textContent = t(yes ? "diary.kept.yes" : "diary.kept.no");
  }
  // Another tab saved, edited or deleted: show what storage holds now.
  window.addEventListener("storage", (event) => {
    if (event.key !== storeKey || !root.isConnected) return;
    entries = load();
    render();
    if (editing && !entries.some((x) => x.id === editing)) say(t("diary.edit-gone"), true);
  });
  reset();
  root.replaceChildren(el("div", { class: "diary__panel" }, formHeading, form, result), alert, live, summary, list, file);
  render();
  protect().catch(() => (kept.textContent = t("diary.kept.unknown")));
  root.hidden = false;
  for (const note of document.querySelectorAll(".diary-nojs")) note.hidden = true;
}

function start() {
  const root = document.getElementById("diary");
  if (!root || mounted.has(root)) return;
  mounted.add(root);
  fetch(new URL(root.dataset.config, location.href), { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then(
      (config) => root.isConnected && mount(root, config),
      () => {
        root.replaceChildren(el("p", { class: "diary__error" }, t("diary.failed")));
        root.hidden = false;
      },
    );
}

onEveryPage(start);
