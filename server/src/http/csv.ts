// What every CSV the server writes shares (the import error reports and the audit log export): RFC 4180 fields,
// CRLF lines and a byte order mark, so that spreadsheets read them as UTF-8 and never run a cell as a formula.

/** UTF-8 byte order mark: tells Excel the file is UTF-8 rather than the system code page. */
export const BOM = '\uFEFF';
/** RFC 4180 line break. */
export const CRLF = '\r\n';

/** A text a spreadsheet would evaluate as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field as RFC 4180 writes it: quoted, with quotes doubled, when it holds the delimiter, a quote or a line
 * break. Text that anyone could have put there (a column name from an uploaded file, an actor name from a sign-in
 * attempt) and that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.
 */
export function csvField(value: string, delimiter = ','): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
