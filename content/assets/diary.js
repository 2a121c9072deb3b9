// The cramp diary on /diary/: form, entries, summary, CSV out and in. Entries live only in
// localStorage (a key per copy of the site); nothing is sent. diary.json (sitegen/diary.py)
// says what to ask and which answers match a red flag, from the checker's red flags.
// Entries are untrusted: they reach the page only as text nodes.

const COLUMNS = ["id", "when", "place", "other_place", "duration_seconds", "severity", "activity", "medicine_changed", "medicine", "stress", "signs", "note"];
const STRESS = { low: "Low", medium: "Medium", high: "High" };
const mounted = new WeakSet();
let serial = 0;

// h("p", {class: "x"}, "text", child): an element; strings become text nodes, functions listeners.
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (typeof value === "function") node.addEventListener(name, value);
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat(9).filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}
const uid = (name) => `diary-${name}-${++serial}`;
const byTime = (a, b) => (a.when + a.id < b.when + b.id ? -1 : 1);
const btn = (label, click, more = "", attrs) => h("button", { type: "button", class: `diary__button ${more}`, click, ...attrs }, label);
const lang = document.documentElement.lang || undefined;

// -- CSV: RFC 4180, a header row, CRLF between rows

const quote = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (entries) => [COLUMNS, ...entries.map((e) => COLUMNS.map((c) => e[c]))].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";

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
    } else if (c === '"') throw new Error(`line ${line}: a quote inside a field that does not start with one`);
    else field += c;
  }
  if (quoted) throw new Error(`line ${start}: a quoted field is never closed`);
  if (field !== "" || row.length) row.push(field), rows.push({ line: start, fields: row });
  return rows;
}

// One entry from strings, checked; every entry, saved or imported, goes through here.
function clean(raw, where = "") {
  const e = {};
  for (const c of COLUMNS) e[c] = raw[c] === undefined || raw[c] === null ? "" : String(raw[c]);
  const fail = (field, expected) => {
    throw new Error(`${where}${field} should be ${expected} (got "${e[field]}")`);
  };
  if (!e.id) fail("id", "filled in");
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(e.when) || !Date.parse(e.when)) fail("when", "a date and time like 2026-12-01T08:30");
  if (!/^[a-z0-9-]+$/.test(e.place)) fail("place", "a place id like calf, or other");
  if (e.duration_seconds && !/^\d+$/.test(e.duration_seconds)) fail("duration_seconds", "a whole number of seconds");
  if (e.severity && !(/^\d+$/.test(e.severity) && +e.severity <= 10)) fail("severity", "a whole number from 0 to 10");
  if (!["", "yes", "no"].includes(e.medicine_changed)) fail("medicine_changed", "yes, no or empty");
  if (e.stress && !STRESS[e.stress]) fail("stress", "low, medium, high or empty");
  if (e.signs && !/^[a-z0-9-]+(;[a-z0-9-]+)*$/.test(e.signs)) fail("signs", "sign ids separated by ;");
  return e;
}

function entriesFromCsv(text) {
  const rows = parseCsv(text);
  if (!rows.length || rows[0].fields.join(",") !== COLUMNS.join(",")) throw new Error(`the first row should be the header ${COLUMNS.join(",")}`);
  const ids = new Set();
  return rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== COLUMNS.length) throw new Error(`line ${line}: ${fields.length} fields, expected ${COLUMNS.length}`);
    const e = clean(Object.fromEntries(COLUMNS.map((c, i) => [c, fields[i]])), `line ${line}: `);
    if (ids.has(e.id)) throw new Error(`line ${line}: the id ${e.id} is used twice`);
    ids.add(e.id);
    return e;
  });
}

// -- words

function duration(seconds) {
  const s = +seconds, parts = [[Math.floor(s / 3600), "h"], [Math.floor(s / 60) % 60, "min"], [s % 60, "s"]];
  return parts.filter(([n]) => n).map((p) => p.join(" ")).join(" ") || "0 s";
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
  const places = Object.fromEntries([...config.places.map((p) => [p.id, p]), ["other", { id: "other", label: "Other", red_flags: [] }]]);
  const signs = Object.fromEntries(config.signs.map((s) => [s.id, s]));
  let entries = [];
  let editing = null;

  const load = () => JSON.parse(localStorage.getItem(storeKey) || "[]").map((e) => clean(e));
  const store = (next) => {
    try {
      localStorage.setItem(storeKey, JSON.stringify(next));
      return (entries = next);
    } catch {
      say("Not saved: this browser's storage is full or blocked.", true);
    }
  };
  const placeOf = (e) => (e.place === "other" ? e.other_place || "Other" : (places[e.place] || { label: e.place }).label);

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
        return h(
          "section",
          { class: `care-card care-card--${lv}` },
          h("p", { class: "care-card__label", "aria-hidden": "true" }, text.label),
          h(level, null, h("span", { class: "visually-hidden" }, `${text.label}: `), text.meaning),
          h("ul", null, found.map((id) => h("li", null, h("a", { href: new URL(config.red_flags[id].url, siteRoot).href }, config.red_flags[id].text)))),
          h("p", null, h("a", { href: new URL(config.checker, siteRoot).href }, "Check your symptoms")),
        );
      });
  }

  // -- the form

  const field = (label, input, hint) => {
    input.id = input.id || uid("f");
    const hintNode = hint ? h("p", { class: "diary__hint", id: `${input.id}-hint` }, hint) : null;
    if (hint) input.setAttribute("aria-describedby", hintNode.id);
    return h("div", { class: "diary__field" }, h("label", { for: input.id }, label), hintNode, input);
  };
  const choices = (legend, name, options, type = "radio") =>
    h(
      "fieldset",
      { class: `diary__choices diary__choices--${name}` },
      h("legend", null, legend),
      options.map(([value, label]) => {
        const id = uid(name);
        return h("span", { class: "diary__choice" }, h("input", { type, name, value, id }), h("label", { for: id }, label));
      }),
    );

  const listId = uid("activities");
  const inputs = {
    date: h("input", { type: "date", name: "date", required: true }),
    time: h("input", { type: "time", name: "time", required: true }),
    place: h("select", { name: "place", required: true }, h("option", { value: "" }, "Choose a place"), Object.values(places).map((p) => h("option", { value: p.id }, p.label))),
    other_place: h("input", { type: "text", name: "other_place", autocomplete: "off" }),
    minutes: h("input", { type: "number", name: "minutes", min: "0", step: "1", inputmode: "numeric" }),
    seconds: h("input", { type: "number", name: "seconds", min: "0", max: "59", step: "1", inputmode: "numeric" }),
    activity: h("input", { type: "text", name: "activity", list: listId, autocomplete: "off" }),
    medicine_changed: h("input", { type: "checkbox", name: "medicine_changed", value: "yes", id: uid("med") }),
    medicine: h("input", { type: "text", name: "medicine", autocomplete: "off" }),
    note: h("textarea", { name: "note", rows: "3" }),
  };
  const otherField = field("Which other place", inputs.other_place);
  const save = h("button", { type: "submit", class: "diary__button diary__button--primary" }, "Save entry");
  const cancel = btn("Cancel editing", () => reset(true), "", { hidden: true });
  const formHeading = h("h2", { id: uid("form"), tabindex: "-1" }, "Record an episode");
  const form = h(
    "form",
    { class: "diary__form", "aria-labelledby": formHeading.id },
    h("div", { class: "diary__row" }, field("Date", inputs.date), field("Time", inputs.time)),
    field("Where in the body", inputs.place),
    otherField,
    h(
      "fieldset",
      { class: "diary__duration" },
      h("legend", null, "How long it lasted"),
      h("div", { class: "diary__row" }, field("Minutes", inputs.minutes), field("Seconds", inputs.seconds)),
    ),
    choices("How bad it was, from 0 (no pain) to 10 (worst pain)", "severity", [...Array(11).keys()].map((n) => [String(n), String(n)])),
    field("What you were doing", inputs.activity, "For example exercise, sleeping or sitting for long"),
    h("datalist", { id: listId }, config.activities.map((a) => h("option", { value: a }))),
    h("div", { class: "diary__check" }, inputs.medicine_changed, h("label", { for: inputs.medicine_changed.id }, "A new or changed medicine recently")),
    field("Which medicine (optional)", inputs.medicine),
    choices("Stress at the time", "stress", Object.entries(STRESS)),
    config.signs.length ? choices("Did you also notice", "signs", config.signs.map((s) => [s.id, s.label]), "checkbox") : null,
    field("Note (optional)", inputs.note),
    h("div", { class: "diary__actions" }, save, cancel),
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
    save.textContent = "Save entry";
    cancel.hidden = true;
    formHeading.textContent = "Record an episode";
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
    save.textContent = "Save changes";
    cancel.hidden = false;
    formHeading.textContent = `Edit the entry of ${when(e)}`;
    formHeading.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (inputs.place.value === "other" && !inputs.other_place.value.trim()) {
      inputs.other_place.setCustomValidity("Say which place");
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
    if (!store([...entries.filter((x) => x.id !== e.id), e])) return;
    const flags = flagsOf(e);
    reset();
    render();
    result.replaceChildren();
    if (flags.length) {
      const heading = h("h2", { tabindex: "-1" }, "This episode had a warning sign");
      result.append(heading, h("p", null, `Saved: ${when(e)}, ${placeOf(e)}. What it recorded is a sign that needs care:`), ...cards(flags, "h3"));
      heading.focus();
    }
    say(`Saved: ${when(e)}, ${placeOf(e)}.${flags.length ? " This episode had a warning sign." : ""}`);
  });

  // -- entries, summary, tools

  const live = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const alert = h("p", { class: "diary__error", role: "alert" });
  const result = h("div", { class: "diary__result" });
  const summary = h("section", { class: "diary__summary", "aria-labelledby": "diary-summary" });
  const list = h("section", { class: "diary__entries", "aria-labelledby": "diary-entries" });
  const file = h("input", { type: "file", accept: ".csv,text/csv", hidden: true, tabindex: "-1", "aria-hidden": "true" });
  const confirmBox = h("div", { class: "diary__confirm", hidden: true });
  let timer;
  function say(text, error) {
    alert.textContent = error ? text : "";
    live.textContent = "";
    clearTimeout(timer);
    timer = setTimeout(() => (live.textContent = error ? "" : text), 100);
  }

  function download() {
    const sorted = [...entries].sort(byTime);
    const link = h("a", { href: URL.createObjectURL(new Blob([toCsv(sorted)], { type: "text/csv;charset=utf-8" })), download: `cramp-diary-${new Date().toISOString().slice(0, 10)}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say(`Downloaded ${sorted.length} entries as CSV.`);
  }
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    file.value = "";
    if (!chosen) return;
    let imported;
    try {
      imported = entriesFromCsv(await chosen.text());
    } catch (error) {
      return say(`Nothing was imported from ${chosen.name}: ${error.message}. Your diary is unchanged.`, true);
    }
    const ids = new Set(imported.map((e) => e.id));
    if (!store([...entries.filter((e) => !ids.has(e.id)), ...imported])) return;
    render();
    say(`Imported ${imported.length} entries from ${chosen.name}.`);
  });

  function askDeleteAll(trigger) {
    const keep = btn("Keep my entries", () => ((confirmBox.hidden = true), trigger.focus()));
    confirmBox.replaceChildren(
      h("p", null, `Delete all ${entries.length} entries from this device? This cannot be undone; download a CSV first to keep a copy.`),
      h(
        "div",
        { class: "diary__actions" },
        btn("Yes, delete all", () => (store([]), (confirmBox.hidden = true), render(), reset(true), say("All entries deleted.")), "diary__button--danger"),
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
    const ns = "http://www.w3.org/2000/svg";
    const s = (tag, attrs, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const titleId = uid("chart");
    const svg = s("svg", { viewBox: "0 0 400 150", class: "diary__chart", role: "img", "aria-labelledby": titleId });
    svg.append(s("title", { id: titleId }, `Episodes per week: ${weeks.map((w) => `week of ${day(w.d)}: ${w.count}`).join("; ")}`));
    weeks.forEach((w, i) => {
      const height = (w.count / most) * 100;
      svg.append(
        s("rect", { x: i * 50 + 8, y: 120 - height, width: 34, height: Math.max(height, 1), class: "diary__bar" }),
        s("text", { x: i * 50 + 25, y: 114 - height, "text-anchor": "middle" }, String(w.count)),
        s("text", { x: i * 50 + 25, y: 140, "text-anchor": "middle", class: "diary__axis" }, day(w.d)),
      );
    });
    return h("figure", { class: "diary__figure" }, svg, h("figcaption", null, "Episodes per week (weeks start on Monday)"));
  }

  function top(values) {
    const counts = new Map();
    for (const v of values) if (v) counts.set(v, (counts.get(v) || 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([v, n]) => `${v} (${n})`).join(", ") || "none recorded";
  }

  function render() {
    const sorted = [...entries].sort(byTime);
    summary.replaceChildren(h("h2", { id: "diary-summary" }, "Summary for your doctor"));
    list.replaceChildren(h("h2", { id: "diary-entries", tabindex: "-1" }, `Your entries (${entries.length})`));
    const tools = h(
      "div",
      { class: "diary__actions diary__tools" },
      btn("Print for your doctor", () => window.print()),
      btn("Download CSV", download),
      btn("Import CSV", () => file.click()),
    );
    if (!sorted.length) {
      summary.append(h("p", null, "No entries yet. Record an episode above, or import a CSV file you downloaded before."), tools);
      list.hidden = true;
      return;
    }
    list.hidden = false;
    const longest = sorted.filter((e) => e.duration_seconds !== "").sort((a, b) => b.duration_seconds - a.duration_seconds)[0];
    const rated = sorted.filter((e) => e.severity !== "").map((e) => +e.severity);
    const facts = [
      ["Episodes", `${sorted.length}, from ${when(sorted[0])} to ${when(sorted[sorted.length - 1])}`],
      ["Most common places", top(sorted.map(placeOf))],
      ["Most common activities", top(sorted.map((e) => e.activity))],
      ["Longest episode", longest ? `${duration(longest.duration_seconds)}, ${when(longest)}, ${placeOf(longest)}` : "no duration recorded"],
      ["How bad", rated.length ? `average ${(rated.reduce((a, b) => a + b, 0) / rated.length).toFixed(1)} of 10, worst ${Math.max(...rated)}` : "not rated"],
      ["With a new or changed medicine", String(sorted.filter((e) => e.medicine_changed === "yes").length)],
      ["At a time of high stress", String(sorted.filter((e) => e.stress === "high").length)],
      ["With a warning sign", String(sorted.filter((e) => flagsOf(e).length).length)],
    ];
    summary.append(chart(sorted), h("dl", { class: "diary__facts" }, facts.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])), tools);
    const deleteAll = btn("Delete all entries", () => askDeleteAll(deleteAll), "diary__button--danger");
    list.append(
      h(
        "ol",
        { class: "diary__list", reversed: true },
        [...sorted].reverse().map((e) => {
          const details = [
            e.duration_seconds !== "" && `lasted ${duration(e.duration_seconds)}`,
            e.severity !== "" && `${e.severity} of 10`,
            e.activity && `while ${e.activity}`,
            e.stress && `stress ${STRESS[e.stress].toLowerCase()}`,
            e.medicine_changed === "yes" && `new or changed medicine${e.medicine ? `: ${e.medicine}` : ""}`,
            ...(e.signs ? e.signs.split(";").map((id) => (signs[id] || { label: id }).label) : []),
          ].filter(Boolean);
          const label = `${when(e)}, ${placeOf(e)}`;
          return h(
            "li",
            { class: "diary__entry" },
            h("h3", null, label),
            details.length ? h("p", { class: "diary__details" }, details.join(" · ")) : null,
            e.note ? h("p", { class: "diary__note" }, e.note) : null,
            cards(flagsOf(e), "h4"),
            h(
              "div",
              { class: "diary__actions diary__entry-actions" },
              btn("Edit", () => fill(e), "", { "aria-label": `Edit the entry of ${label}` }),
              btn(
                "Delete",
                () => {
                  store(entries.filter((x) => x.id !== e.id));
                  if (editing === e.id) reset();
                  render();
                  say(`Deleted the entry of ${label}.`);
                  list.querySelector("h2").focus();
                },
                "",
                { "aria-label": `Delete the entry of ${label}` },
              ),
            ),
          );
        }),
      ),
      h("div", { class: "diary__actions" }, deleteAll),
      confirmBox,
    );
  }

  try {
    entries = load();
  } catch {
    root.replaceChildren(h("p", { class: "diary__error" }, "This browser does not let the site keep data on this device (storage is blocked or unreadable), so the diary cannot work here."));
    root.hidden = false;
    return;
  }
  reset();
  root.replaceChildren(h("div", { class: "diary__panel" }, formHeading, form, result), alert, live, summary, list, file);
  render();
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
        root.replaceChildren(h("p", { class: "diary__error" }, "The diary could not load. Check your connection and reload the page."));
        root.hidden = false;
      },
    );
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
else start();
