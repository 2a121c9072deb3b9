/* The diary as a CSV file and back: RFC 4180, a header row (entries.js COLUMNS), CRLF after every
 * row, UTF-8. What is written reads back as the same entries, field for field. Pure: no page
 * (tests/js/ runs it); the page says a CsvError in the reader's words (diary.js).
 */
import { COLUMNS, clean, InvalidEntry } from "./entries.js";

/* What is wrong with a file, and where: `line` (none for a wrong header), `problem`
   (assets/strings.js `diary.csv.<problem>`, or `invalid`: a field does not hold what it
   should), `details`: the message's values (for `invalid`, an InvalidEntry's). Reading stops
   at the first problem, so nothing of a bad file is imported. */
export class CsvError extends Error {
  constructor(line, problem, details = {}) {
    super(line ? `line ${line}: ${problem}` : problem);
    this.line = line;
    this.problem = problem;
    this.details = details;
  }
}

// A cell a spreadsheet would run as a formula (OWASP "CSV injection") is written after an
// apostrophe, so it shows as text; so is one that starts with the apostrophe itself, so that
// reading drops exactly one leading apostrophe and gives back every text as it was typed.
const FORMULA = /^[=+\-@\t\r']/;

function escapeFormula(value) {
  return FORMULA.test(value) ? `'${value}` : value;
}

function unescapeFormula(value) {
  return value.startsWith("'") ? value.slice(1) : value;
}

function quote(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/* The entries as a CSV file's text, in the order given. */
export function toCsv(entries) {
  const rows = [COLUMNS, ...entries.map((entry) => COLUMNS.map((column) => escapeFormula(entry[column])))];
  return rows.map((row) => `${row.map(quote).join(",")}\r\n`).join("");
}

/* The rows of a CSV text, each with the line it starts on (a quoted field may span lines).
   Accepts CRLF, LF or CR, and a byte order mark (a spreadsheet's "CSV UTF-8" writes one). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1; // the line the current row starts on
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push({ line: start, fields: row });
    row = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      start = line;
    } else if (c === '"') {
      throw new CsvError(line, "stray-quote");
    } else {
      field += c;
    }
  }
  if (quoted) throw new CsvError(start, "open-quote");
  if (field !== "" || row.length) endRow();
  return rows;
}

/* The entries of a diary CSV file, each checked (entries.js `clean`), each id once; throws a
   CsvError at the first problem. */
export function entriesFromCsv(text) {
  const rows = parseCsv(text);
  const header = COLUMNS.join(",");
  if (!rows.length || rows[0].fields.join(",") !== header) throw new CsvError(undefined, "header", { header });
  const ids = new Set();
  return rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== COLUMNS.length) {
      throw new CsvError(line, "fields", { count: fields.length, expected: COLUMNS.length });
    }
    const entry = readEntry(line, fields);
    if (ids.has(entry.id)) throw new CsvError(line, "twice", { id: entry.id });
    ids.add(entry.id);
    return entry;
  });
}

function readEntry(line, fields) {
  try {
    return clean(Object.fromEntries(COLUMNS.map((column, index) => [column, unescapeFormula(fields[index])])));
  } catch (error) {
    if (!(error instanceof InvalidEntry)) throw error;
    throw new CsvError(line, "invalid", { field: error.field, expected: error.expected, value: error.value });
  }
}
