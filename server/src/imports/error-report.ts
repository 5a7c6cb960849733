// The per-row errors of a refused import as a CSV the admin downloads and opens in Excel: one line per error with
// its row, column, stable code and message. Personal data never reaches the report: messages are written without
// the refused values, and every field passes through `redactPersonalData` in case one quotes a cell anyway.
import { BOM, CRLF, csvField } from '../http/csv';
import { redactPersonalData } from './pii';

/**
 * One error as the report lists it: the row as the user counts it (null for the file or its header), the column
 * (null for the row as a whole), a stable code and the message. `RowError` (rows.ts) is one.
 */
export interface ReportedError {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

/** The report's columns, in order. */
export const ERROR_REPORT_COLUMNS = ['row', 'column', 'code', 'message'] as const;

/** Options of the report; `delimiter` defaults to a comma. */
export interface ErrorReportOptions {
  /**
   * Field separator. Excel in an Indonesian locale splits CSV on `;`, so answer with the delimiter of the file the
   * admin uploaded (the reader's `HeaderEvent.delimiter`) to have it open in columns where it came from.
   */
  delimiter?: ',' | ';';
}

/** A report line of one error, ending with CRLF. */
function errorLine(error: ReportedError, delimiter: string): string {
  const fields = [
    error.row === null ? '' : String(error.row),
    error.column === null ? '' : csvField(redactPersonalData(error.column), delimiter),
    csvField(error.code, delimiter),
    csvField(redactPersonalData(error.message), delimiter),
  ];
  return fields.join(delimiter) + CRLF;
}

/**
 * The report line by line, for streaming a long report: first the byte order mark with the header line, then one
 * line per error in the order given. Each line ends with CRLF.
 */
export function* errorsCsvLines(
  errors: Iterable<ReportedError>,
  options: ErrorReportOptions = {},
): Generator<string> {
  const delimiter = options.delimiter ?? ',';
  yield BOM + ERROR_REPORT_COLUMNS.join(delimiter) + CRLF;
  for (const error of errors) yield errorLine(error, delimiter);
}

/**
 * The errors as one CSV text (UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting) with the columns
 * row, column, code, message; encode it as UTF-8 to serve it as `text/csv; charset=utf-8`.
 */
export function errorsCsv(errors: Iterable<ReportedError>, options: ErrorReportOptions = {}): string {
  let text = '';
  for (const line of errorsCsvLines(errors, options)) text += line;
  return text;
}
