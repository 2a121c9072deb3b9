/* Every string the page scripts show or announce to readers, by language.
 *
 * `t(key, vars)` picks the table of the page's language (`<html lang>`, its first two letters),
 * falling back to English for a language or a key it lacks, and fills each `{name}` with
 * `vars.name`. A value filled in is never read for placeholders again, so data stays text.
 * Add a language as one more table with the same keys.
 */

const TABLES = {
  en: {
    // assets/search.js
    "search.loading": "Loading search…",
    "search.failed": "Search could not load. Reload the page to try again.",
    "search.count.one": "{count} result{among}, best first.",
    "search.count.many": "{count} results{among}, best first.",
    "search.among": " ({type} only)",
    "search.none": "Nothing matches “{query}”{among}. Try other words.",
    "search.showing": "Showing results for ",
    "search.showing.end": ". ",

    // assets/triage.js
    "triage.question": "Question {number}",
    "triage.call": "Call {number}",
    "triage.more-help": "When to get more help",
    "triage.read-more": "Read more",
    "triage.sources": "Sources: ",
    "triage.blog-post": "{name} (blog post)",
    "triage.answers": "Your answers",
    "triage.made-on": "Summary made on ",
    "triage.not-a-diagnosis": ". This is not a diagnosis.",
    "triage.emergency": "In an emergency call {number}.",
    "triage.result": "Result: {label}. {title}",
    "triage.print": "Print or save this summary",
    "triage.back": "Back",
    "triage.start-again": "Start again",
    "triage.failed": "The checker could not load. The warning signs below tell you where to go.",

    // assets/diary.js: the stress levels, the checks of an entry and of a CSV file
    "diary.stress.low": "Low",
    "diary.stress.medium": "Medium",
    "diary.stress.high": "High",
    "diary.invalid": "{where}{field} should be {expected} (got \"{value}\")",
    "diary.expected.id": "filled in",
    "diary.expected.when": "a date and time like 2026-12-01T08:30",
    "diary.expected.place": "a place id like calf, or other",
    "diary.expected.duration": "a whole number of seconds",
    "diary.expected.severity": "a whole number from 0 to 10",
    "diary.expected.medicine": "yes, no or empty",
    "diary.expected.stress": "low, medium, high or empty",
    "diary.expected.signs": "sign ids separated by ;",
    "diary.csv.line": "line {line}: ",
    "diary.csv.stray-quote": "a quote inside a field that does not start with one",
    "diary.csv.open-quote": "a quoted field is never closed",
    "diary.csv.header": "the first row should be the header {header}",
    "diary.csv.fields": "{count} fields, expected {expected}",
    "diary.csv.twice": "the id {id} is used twice",
    // the diary's words for durations and places
    "diary.hours": "{n} h",
    "diary.minutes": "{n} min",
    "diary.seconds": "{n} s",
    "diary.no-time": "0 s",
    "diary.other": "Other",
    "diary.not-saved": "Not saved: this browser's storage is full or blocked.",
    "diary.check": "Check your symptoms",
    // the form
    "diary.date": "Date",
    "diary.time": "Time",
    "diary.place": "Where in the body",
    "diary.choose-place": "Choose a place",
    "diary.other-place": "Which other place",
    "diary.duration": "How long it lasted",
    "diary.duration.minutes": "Minutes",
    "diary.duration.seconds": "Seconds",
    "diary.severity": "How bad it was, from 0 (no pain) to 10 (worst pain)",
    "diary.activity": "What you were doing",
    "diary.activity.hint": "For example exercise, sleeping or sitting for long",
    "diary.medicine-changed": "A new or changed medicine recently",
    "diary.medicine": "Which medicine (optional)",
    "diary.stress": "Stress at the time",
    "diary.signs": "Did you also notice",
    "diary.note": "Note (optional)",
    "diary.save": "Save entry",
    "diary.save-changes": "Save changes",
    "diary.cancel": "Cancel editing",
    "diary.record": "Record an episode",
    "diary.edit-heading": "Edit the entry of {when}",
    "diary.say-place": "Say which place",
    // saving, the CSV file, deleting
    "diary.warning": "This episode had a warning sign",
    "diary.saved.warning": "Saved: {when}, {place}. What it recorded is a sign that needs care:",
    "diary.saved": "Saved: {when}, {place}.",
    "diary.saved.warning-end": " This episode had a warning sign.",
    "diary.file": "cramp-diary-{date}.csv",
    "diary.downloaded": "Downloaded {count} entries as CSV.",
    "diary.import-failed": "Nothing was imported from {name}: {error}. Your diary is unchanged.",
    "diary.imported": "Imported {count} entries from {name}.",
    "diary.keep": "Keep my entries",
    "diary.delete-all.ask": "Delete all {count} entries from this device? This cannot be undone; download a CSV first to keep a copy.",
    "diary.delete-all.yes": "Yes, delete all",
    "diary.delete-all.done": "All entries deleted.",
    "diary.delete-all": "Delete all entries",
    // the summary
    "diary.chart.title": "Episodes per week: {weeks}",
    "diary.chart.week": "week of {day}: {count}",
    "diary.chart.caption": "Episodes per week (weeks start on Monday)",
    "diary.top": "{value} ({count})",
    "diary.none-recorded": "none recorded",
    "diary.summary": "Summary for your doctor",
    "diary.entries": "Your entries ({count})",
    "diary.print": "Print for your doctor",
    "diary.download": "Download CSV",
    "diary.import": "Import CSV",
    "diary.empty": "No entries yet. Record an episode above, or import a CSV file you downloaded before.",
    "diary.fact.episodes": "Episodes",
    "diary.fact.episodes.value": "{count}, from {first} to {last}",
    "diary.fact.places": "Most common places",
    "diary.fact.activities": "Most common activities",
    "diary.fact.longest": "Longest episode",
    "diary.fact.longest.value": "{duration}, {when}, {place}",
    "diary.fact.longest.none": "no duration recorded",
    "diary.fact.severity": "How bad",
    "diary.fact.severity.value": "average {average} of 10, worst {worst}",
    "diary.fact.severity.none": "not rated",
    "diary.fact.medicine": "With a new or changed medicine",
    "diary.fact.stress": "At a time of high stress",
    "diary.fact.warning": "With a warning sign",
    // one entry
    "diary.entry.lasted": "lasted {duration}",
    "diary.entry.severity": "{severity} of 10",
    "diary.entry.activity": "while {activity}",
    "diary.entry.stress": "stress {level}",
    "diary.entry.medicine": "new or changed medicine",
    "diary.entry.which-medicine": "new or changed medicine: {medicine}",
    "diary.edit": "Edit",
    "diary.edit.label": "Edit the entry of {label}",
    "diary.delete": "Delete",
    "diary.delete.label": "Delete the entry of {label}",
    "diary.deleted": "Deleted the entry of {label}.",
    "diary.no-storage":
      "This browser does not let the site keep data on this device (storage is blocked or unreadable), so the diary cannot work here.",
    "diary.failed": "The diary could not load. Check your connection and reload the page.",
  },
};

function table() {
  return TABLES[(document.documentElement.lang || "").slice(0, 2).toLowerCase()] || TABLES.en;
}

/* The reader-facing string `key` in the page's language, each `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const text = table()[key] ?? TABLES.en[key];
  if (text === undefined) throw new Error(`assets/strings.js: no string "${key}"`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}
