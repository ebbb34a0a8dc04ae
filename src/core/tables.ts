/*
 * Text tables for export: CSV (RFC 4180) and GitHub-flavoured Markdown. Pure functions over
 * already formatted cells, so the exported figures are exactly the ones the panel shows.
 */

export interface TextTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Spreadsheet apps run a cell that starts with these as a formula; text cells are defused. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$|^[+-]?∞$/i;

function csvCell(cell: string): string {
  // A leading quote keeps a text cell such as "=HYPERLINK(...)" from running as a formula;
  // numbers such as -1.5 are left as they are.
  const text = FORMULA_START.test(cell) && !NUMBER.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with CRLF line ends, every row as wide as the header. */
export function toCsv(table: TextTable): string {
  const width = table.headers.length;
  const line = (cells: readonly string[]) =>
    Array.from({ length: width }, (_, i) => csvCell(cells[i] ?? '')).join(',');
  return [line(table.headers), ...table.rows.map(line)].join('\r\n') + '\r\n';
}

function markdownCell(cell: string): string {
  // Pipes end a cell and newlines end a row; backslashes and HTML-ish brackets are escaped so a
  // label from a document renders as the text it is.
  return cell
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}

/** A Markdown table; numeric-looking columns are right-aligned. */
export function toMarkdown(table: TextTable): string {
  const width = table.headers.length;
  const cells = (row: readonly string[]) => Array.from({ length: width }, (_, i) => markdownCell(row[i] ?? ''));
  const numeric = table.headers.map(
    (_, i) => table.rows.length > 0 && table.rows.every((row) => row[i] === undefined || row[i] === '' || NUMBER.test(row[i]!)),
  );
  const rule = numeric.map((isNumber) => (isNumber ? '---:' : '---'));
  const line = (parts: readonly string[]) => `| ${parts.join(' | ')} |`;
  return [line(cells(table.headers)), line(rule), ...table.rows.map((row) => line(cells(row)))].join('\n') + '\n';
}
