// The diary's CSV file (content/assets/diary/csv.js) and its entries (diary/entries.js): what a
// reader downloads reads back as the same entries, a spreadsheet never runs a cell, and a bad
// file is refused with the line and the reason.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvError, entriesFromCsv, toCsv } from "../../content/assets/diary/csv.js";
import { COLUMNS, clean, InvalidEntry, withEntries, withoutEntry } from "../../content/assets/diary/entries.js";

const HEADER = COLUMNS.join(",");
const entry = (fields) => clean({ id: "a1", when: "2026-11-20T03:10", place: "calf", ...fields });

const TRICKY = [
  entry({ id: "quotes", note: 'Woke at 3am, "like a knot", then a second one' }),
  entry({ id: "lines", note: "line one\nline two, with a comma\r\n\nand a blank line" }),
  entry({ id: "unicode", place: "other", other_place: "Mollet, côté gauche", note: "足がつった 🦵" }),
  entry({ id: "formula", activity: "=1+2", medicine: "+ 5 mg", note: "@SUM(A1)" }),
  entry({ id: "apostrophe", note: "'quoted' and \\ too", activity: "-2 km" }),
  entry({ id: "full", duration_seconds: "270", severity: "10", medicine_changed: "yes", stress: "high", signs: "a;b" }),
];

/* The cells of a CSV text as a spreadsheet would split them (no quoted line breaks here). */
const cells = (text) => text.split("\r\n").map((line) => line.split(","));

test("written and read back, every entry is the same, field for field", () => {
  assert.deepEqual(entriesFromCsv(toCsv(TRICKY)), TRICKY);
});

test("the file is a header row, then one row per entry, each ending in CRLF", () => {
  const text = toCsv([entry({}), entry({ id: "a2" })]);
  assert.ok(text.startsWith(`${HEADER}\r\n`));
  assert.ok(text.endsWith("\r\n"));
  assert.equal(text.split("\r\n").length, 4);
  assert.equal(toCsv([]), `${HEADER}\r\n`);
});

test("a cell a spreadsheet would run as a formula is written as text", () => {
  const [, row] = cells(toCsv([entry({ activity: "=HYPERLINK(1)", note: "@cmd" })]));
  assert.equal(row[COLUMNS.indexOf("activity")], "'=HYPERLINK(1)");
  assert.equal(row[COLUMNS.indexOf("note")], "'@cmd");
  assert.ok(!row.some((cell) => /^[=+\-@]/.test(cell)));
});

test("a field with a comma, a quote or a line break is quoted", () => {
  const text = toCsv([entry({ note: 'a "b", c\nd' })]);
  assert.ok(text.includes('"a ""b"", c\nd"'));
});

test("a file saved with LF line ends or a byte order mark reads the same", () => {
  const crlf = toCsv(TRICKY.slice(0, 1));
  assert.deepEqual(entriesFromCsv(crlf.replaceAll("\r\n", "\n")), TRICKY.slice(0, 1));
  assert.deepEqual(entriesFromCsv(`\ufeff${crlf}`), TRICKY.slice(0, 1));
  assert.deepEqual(entriesFromCsv(crlf.trimEnd()), TRICKY.slice(0, 1), "no line end after the last row");
});

/* The CsvError reading `text` throws, as the page reports it: line, problem and details. */
function refusal(text) {
  try {
    entriesFromCsv(text);
  } catch (error) {
    assert.ok(error instanceof CsvError, error);
    return { line: error.line, problem: error.problem, ...error.details };
  }
  assert.fail("read without an error");
}

const row = (fields) =>
  COLUMNS.map((column) => ({ id: "b1", when: "2026-11-20T03:10", place: "calf", ...fields })[column] ?? "").join(",");

test("a file that is not a diary is refused at its header", () => {
  assert.deepEqual(refusal("name,age\r\nAnna,3\r\n"), { line: undefined, problem: "header", header: HEADER });
  assert.equal(refusal("").problem, "header");
});

test("a bad row is refused with its line, the reason and the value", () => {
  const text = (...rows) => [HEADER, ...rows].join("\r\n");
  assert.deepEqual(refusal(text(row({}), row({ id: "b2", severity: "11" }))), {
    line: 3,
    problem: "invalid",
    field: "severity",
    expected: "severity",
    value: "11",
  });
  assert.deepEqual(refusal(text(row({}).split(",").slice(0, 10).join(","))), {
    line: 2,
    problem: "fields",
    count: 10,
    expected: 12,
  });
  assert.deepEqual(refusal(text(row({}), row({}))), { line: 3, problem: "twice", id: "b1" });
  assert.deepEqual(refusal(text(row({ note: 'say "hi"' }))), { line: 2, problem: "stray-quote" });
});

test("a quote never closed is reported on the line its row starts", () => {
  const text = `${HEADER}\r\n${row({ note: "" })}"first line\r\nsecond line\r\n`;
  assert.deepEqual(refusal(text), { line: 2, problem: "open-quote" });
});

test("lines are counted across a quoted line break", () => {
  const text = [HEADER, row({ note: '"two\nlines"' }), row({ id: "b2", when: "yesterday" })].join("\r\n");
  assert.deepEqual(refusal(text), {
    line: 4,
    problem: "invalid",
    field: "when",
    expected: "when",
    value: "yesterday",
  });
});

test("an entry holds only strings, empty where nothing was given", () => {
  const saved = clean({ id: 7, when: "2026-01-02T08:30", place: "foot", severity: 4, note: null });
  assert.equal(saved.id, "7");
  assert.equal(saved.severity, "4");
  assert.equal(saved.note, "");
  assert.deepEqual(Object.keys(saved), COLUMNS);
});

test("each field's shape is checked", () => {
  const bad = [
    [{ id: "" }, "id"],
    [{ when: "2026-13-45T99:99" }, "when"],
    [{ place: "Calf" }, "place"],
    [{ duration_seconds: "1.5" }, "duration_seconds"],
    [{ medicine_changed: "maybe" }, "medicine_changed"],
    [{ stress: "extreme" }, "stress"],
    [{ signs: "a;;b" }, "signs"],
  ];
  for (const [fields, field] of bad) {
    assert.throws(
      () => entry(fields),
      (error) => error instanceof InvalidEntry && error.field === field,
      field,
    );
  }
});

test("a change by id replaces the entry of that id and keeps the others", () => {
  const stored = [entry({ id: "x", note: "old" }), entry({ id: "y" })];
  const edited = withEntries(stored, [entry({ id: "x", note: "new" }), entry({ id: "z" })]);
  assert.deepEqual(
    edited.map((e) => [e.id, e.note]),
    [
      ["y", ""],
      ["x", "new"],
      ["z", ""],
    ],
  );
  assert.deepEqual(
    withoutEntry(edited, "x").map((e) => e.id),
    ["y", "z"],
  );
});
