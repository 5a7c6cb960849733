// The audit log as CSV for admins to open in a spreadsheet: UTF-8 with a byte order mark, a header row, CRLF line
// ends and RFC 4180 quoting. Actor names come from sign-in attempts, so anyone can put text into the log: a cell
// that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading
// apostrophe.
import { AUDIT_CSV_COLUMNS, JAKARTA_UTC_OFFSET, type AuditEntry } from '@titik-rawan/shared';
import { BOM, CRLF, csvField } from '../http/csv';

/** Jakarta's offset from UTC in milliseconds (+07:00). */
const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/** An instant as ISO 8601 in Jakarta time, e.g. `2025-03-01T17:04:05.123+07:00`. */
export function jakartaTimestamp(iso: string): string {
  const shifted = new Date(Date.parse(iso) + JAKARTA_OFFSET_MS).toISOString();
  return shifted.replace(/Z$/, JAKARTA_UTC_OFFSET);
}

/** The header line (after the byte order mark), ending with CRLF. */
export function auditCsvHeader(): string {
  return BOM + AUDIT_CSV_COLUMNS.join(',') + CRLF;
}

/** The CSV line of one entry, ending with CRLF: the time in Jakarta, the details as JSON. */
export function auditCsvLine(entry: AuditEntry): string {
  const fields = [
    String(entry.id),
    jakartaTimestamp(entry.at),
    entry.actor,
    entry.action,
    entry.target ?? '',
    entry.address ?? '',
    JSON.stringify(entry.details),
  ];
  return fields.map((field) => csvField(field)).join(',') + CRLF;
}

/** The CSV of a stream of entries, piece by piece: the header, then one line per entry in the order given. */
export async function* auditCsv(entries: AsyncIterable<AuditEntry>): AsyncGenerator<string> {
  yield auditCsvHeader();
  for await (const entry of entries) yield auditCsvLine(entry);
}
