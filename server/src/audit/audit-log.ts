import type { Sql } from '../db/database';

/** One audit entry: who did what to which target from where; never the data itself. */
export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  address?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** Appends an entry to the append-only audit log. */
export async function recordAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  await sql`
    insert into audit_log (actor, action, target, address, details)
    values (${entry.actor}, ${entry.action}, ${entry.target ?? null}, ${entry.address ?? null},
      ${sql.json(entry.details ?? {})})`;
}
