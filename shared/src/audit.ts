// The admins' audit-log viewer (`GET /api/audit`) and export (`GET /api/audit/export.csv`): the filters, one
// entry as the API answers it, and the known actions the viewer offers. Dates are Asia/Jakarta calendar days.
import { z } from './zod';

/** Actions the server writes to the audit log, for the viewer's action filter (any other text may be asked too). */
export const AUDIT_ACTIONS = [
  'login',
  'login.failed',
  'login.throttled',
  'logout',
  'logout.everywhere',
  'password.change',
  'password.change.failed',
  'account.create',
  'account.update',
  'accounts.read',
  'release.read',
  'places.read',
  'planning.read',
  'intervention.create',
  'intervention.update',
  'import.check',
  'import.run',
  'import.rollback',
  'audit.read',
  'audit.export',
] as const;

/** Entries per page of the viewer when `limit` is not given. */
export const AUDIT_PAGE_DEFAULT = 100;
/** Most entries one page of the viewer may ask for. */
export const AUDIT_PAGE_MAX = 500;

/** Jakarta's offset from UTC (WIB, no daylight saving since 1964): a `from`/`to` day starts at 00:00 here. */
export const JAKARTA_UTC_OFFSET = '+07:00';

/** Whether a YYYY-MM-DD text is a real calendar day (not 2025-02-30). */
function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** The first moment of a Jakarta calendar day (YYYY-MM-DD). */
export function jakartaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00${JAKARTA_UTC_OFFSET}`);
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD (a calendar day in Asia/Jakarta)')
  .refine(isCalendarDay, 'must be a real calendar day YYYY-MM-DD');

/** Filters of the viewer and the export: all optional, combined with "and". */
const auditFilterFields = {
  /** The account name exactly as recorded (for a failed sign-in: the name that was typed). */
  actor: z
    .string()
    .min(1, 'must be an account name of 1 to 100 characters')
    .max(100, 'must be an account name of 1 to 100 characters')
    .optional(),
  /** One action exactly, e.g. `login.failed` (see {@link AUDIT_ACTIONS}). */
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,59}$/, 'must be an action name such as login.failed (a-z, 0-9, _ . -)')
    .optional(),
  /** First Asia/Jakarta calendar day to include, YYYY-MM-DD. */
  from: day.optional(),
  /** Last Asia/Jakarta calendar day to include, YYYY-MM-DD. */
  to: day.optional(),
};

/** `from` may not lie after `to`. */
function ordered(filter: { from?: string | undefined; to?: string | undefined }): boolean {
  return filter.from === undefined || filter.to === undefined || filter.from <= filter.to;
}
const ORDER_ISSUE = { message: 'must not be before "from"', path: ['to'] };

/** `GET /api/audit/export.csv` query: the viewer's filters, without paging. */
export const auditFilterSchema = z.object(auditFilterFields).strict().refine(ordered, ORDER_ISSUE);
/** The audit log's filters. */
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** `GET /api/audit` query: the filters, plus `before` (the `nextBefore` of the previous page) and `limit`. */
export const auditQuerySchema = z
  .object({
    ...auditFilterFields,
    /** Only entries older than the entry with this id: the previous page's `nextBefore`. */
    before: z.coerce
      .number({ error: 'must be the id of an audit entry (nextBefore of the previous page)' })
      .int('must be the id of an audit entry (nextBefore of the previous page)')
      .min(1, 'must be the id of an audit entry (nextBefore of the previous page)')
      .max(Number.MAX_SAFE_INTEGER, 'must be the id of an audit entry (nextBefore of the previous page)')
      .optional(),
    /** Entries per page, 1–500 (default 100). */
    limit: z.coerce
      .number({ error: `must be a whole number from 1 to ${AUDIT_PAGE_MAX}` })
      .int(`must be a whole number from 1 to ${AUDIT_PAGE_MAX}`)
      .min(1, `must be a whole number from 1 to ${AUDIT_PAGE_MAX}`)
      .max(AUDIT_PAGE_MAX, `must be a whole number from 1 to ${AUDIT_PAGE_MAX}`)
      .default(AUDIT_PAGE_DEFAULT),
  })
  .strict()
  .refine(ordered, ORDER_ISSUE);
/** A page request of the viewer. */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit entry: who did what to which target, when and from where; never the data itself. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** When, as an ISO 8601 instant (UTC). */
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  /** The client's network address, when known. */
  address: z.string().nullable(),
  /** Parameters of the action (filters, counts, kinds), never the data itself. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
/** One audit entry. */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/audit` answer: one page, newest first, and the `before` of the next page (null on the last). */
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextBefore: z.number().int().nullable(),
});
/** One page of the audit log. */
export type AuditPage = z.infer<typeof auditPageSchema>;

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'address', 'details'] as const;
