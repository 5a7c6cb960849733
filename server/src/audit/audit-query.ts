// Reading the append-only audit log for the admins' viewer and export: the filters (actor, action, Asia/Jakarta
// calendar days) and keyset paging newest first. Pages are ordered by (at, id) descending, which the index
// audit_log_at_idx (and audit_log_action_idx for one action) serves; `before` names the last entry of the previous
// page, so a page never repeats or skips an entry however many are appended meanwhile.
import { jakartaDayStart, type AuditEntry, type AuditFilter } from '@titik-rawan/shared';
import type { Sql } from '../db/database';

/** Milliseconds in a day (Jakarta keeps no daylight saving, so every calendar day has this many). */
const DAY_MS = 86_400_000;

/** Entries one query of the export reads at a time. */
export const EXPORT_BATCH = 1000;

/** One page request: the filters, the id of the previous page's last entry (if any) and the page size. */
export interface AuditPageRequest extends AuditFilter {
  before?: number | undefined;
  limit: number;
}

/** One page of entries, newest first, and the `before` of the next page (null when this is the last). */
export interface AuditPageResult {
  entries: AuditEntry[];
  nextBefore: number | null;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  address: string | null;
  details: AuditEntry['details'];
}

/** Whether an audit entry with this id exists (a `before` that names none is a client error). */
export async function auditEntryExists(sql: Sql, id: number): Promise<boolean> {
  const [row] = await sql`select 1 from audit_log where id = ${id}`;
  return row !== undefined;
}

/** The `where` conditions of the filters, each an `and …` fragment (nothing for an absent filter). */
function filterConditions(sql: Sql, filter: AuditFilter) {
  const from = filter.from === undefined ? null : jakartaDayStart(filter.from);
  const until = filter.to === undefined ? null : new Date(jakartaDayStart(filter.to).getTime() + DAY_MS);
  return sql`
    ${filter.actor === undefined ? sql`` : sql`and actor = ${filter.actor}`}
    ${filter.action === undefined ? sql`` : sql`and action = ${filter.action}`}
    ${from === null ? sql`` : sql`and at >= ${from}`}
    ${until === null ? sql`` : sql`and at < ${until}`}`;
}

/** One page of the audit log matching the filters, newest first, starting after the entry `before`. */
export async function auditPage(sql: Sql, request: AuditPageRequest): Promise<AuditPageResult> {
  const rows = await sql<AuditRow[]>`
    select id, at, actor, action, target, address, details
    from audit_log
    where true
      ${filterConditions(sql, request)}
      ${
        request.before === undefined
          ? sql``
          : sql`and (at, id) < (select at, id from audit_log where id = ${request.before})`
      }
    order by at desc, id desc
    limit ${request.limit + 1}`;
  const entries = rows.slice(0, request.limit).map(toEntry);
  const more = rows.length > request.limit;
  return { entries, nextBefore: more ? (entries.at(-1)?.id ?? null) : null };
}

/**
 * Every entry matching the filters, newest first, read {@link EXPORT_BATCH} at a time so that a long log never
 * sits in memory whole; the next batch is read only when the consumer asks for it.
 */
export async function* auditEntries(sql: Sql, filter: AuditFilter): AsyncGenerator<AuditEntry> {
  let before: number | undefined;
  for (;;) {
    const page = await auditPage(sql, { ...filter, before, limit: EXPORT_BATCH });
    yield* page.entries;
    if (page.nextBefore === null) return;
    before = page.nextBefore;
  }
}

/** An audit row as the API answers it. */
function toEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    target: row.target,
    address: row.address,
    details: row.details,
  };
}
