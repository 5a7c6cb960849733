// The admins' view of the audit log: a page at a time as JSON, or every matching entry as CSV, read batch by batch
// as the download goes. Only admins get here (the access table); each view and export is itself audited with its
// filters.
import {
  apiErrorSchema,
  auditFilterSchema,
  auditPageSchema,
  auditQuerySchema,
  type AuditFilter,
} from '@titik-rawan/shared';
import { jakartaToday } from '@titik-rawan/shared/codes';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { auditCsv } from '../audit/audit-csv';
import { recordAudit } from '../audit/audit-log';
import { auditEntries, auditEntryExists, auditPage } from '../audit/audit-query';
import type { Sql } from '../db/database';
import { signedInAccount } from '../http/access';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { json } from './release-access';

/** Characters of CSV gathered before a chunk goes out (many short lines make one chunk). */
const CHUNK_CHARS = 64 * 1024;

const ERRORS = {
  400: {
    description: 'A query parameter is malformed; the message names it and what is allowed',
    content: json(apiErrorSchema),
  },
  401: { description: 'Not signed in', content: json(apiErrorSchema) },
  403: { description: 'The audit log is for admin accounts', content: json(apiErrorSchema) },
} as const;

const FILTERS_DESCRIPTION =
  'Filters combine with "and": `actor` is the account name exactly as recorded (for a failed sign-in, the name ' +
  'typed), `action` one action exactly (e.g. `login.failed`), `from` and `to` the first and last Asia/Jakarta ' +
  'calendar day (YYYY-MM-DD, both included). Each request is itself written to the audit log with its filters.';

/** The filters as the details of the viewing's own audit entry (absent filters left out). */
function filterDetails(
  filter: AuditFilter & { before?: number | undefined },
): Record<string, string | number> {
  const details: Record<string, string | number> = {};
  for (const key of ['actor', 'action', 'from', 'to', 'before'] as const) {
    const value = filter[key];
    if (value !== undefined) details[key] = value;
  }
  return details;
}

/** A stream of UTF-8 text pieces as a byte stream, gathered into chunks; stops reading when the client goes. */
function byteStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = '';
      try {
        while (chunk.length < CHUNK_CHARS) {
          const next = await pieces.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += next.value;
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        console.error(error);
        controller.error(new Error('The audit export failed on the server.'));
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}

/** `GET /api/audit` and `GET /api/audit/export.csv`, for admins. */
export function auditRoutes(sql: Sql) {
  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        tags: ['audit'],
        summary: 'The audit log, newest first, a page at a time (admins)',
        description: `${FILTERS_DESCRIPTION} For the next page, ask again with \`before\` = \`nextBefore\`.`,
        responses: {
          200: {
            description: 'One page of entries and the next page’s `before`',
            content: json(auditPageSchema),
          },
          ...ERRORS,
        },
      }),
      validate('query', auditQuerySchema),
      async (c) => {
        const account = signedInAccount(c);
        const query = c.req.valid('query');
        if (query.before !== undefined && !(await auditEntryExists(sql, query.before))) {
          throw new ApiError(
            400,
            'invalid_parameter',
            `query parameter "before": no audit entry has id ${query.before}; give the nextBefore of the previous page`,
          );
        }
        const page = await auditPage(sql, query);
        await recordAudit(sql, {
          actor: account.username,
          action: 'audit.read',
          address: clientAddress(c),
          details: filterDetails(query),
        });
        c.header('Cache-Control', 'no-store');
        return c.json(page, 200);
      },
    )
    .get(
      '/export.csv',
      describeRoute({
        tags: ['audit'],
        summary: 'Every matching audit entry as CSV, newest first (admins)',
        description:
          `${FILTERS_DESCRIPTION} Columns: ${['id', 'at (ISO 8601, Jakarta time)', 'actor', 'action', 'target', 'address', 'details (JSON)'].join(', ')}. ` +
          'UTF-8 with a byte order mark, RFC 4180 quoting; a cell starting with = + - @ is prefixed with an apostrophe so that no spreadsheet runs it.',
        responses: {
          200: {
            description: 'The entries as CSV',
            content: { 'text/csv': { schema: { type: 'string' as const } } },
          },
          ...ERRORS,
        },
      }),
      validate('query', auditFilterSchema),
      async (c) => {
        const account = signedInAccount(c);
        const filter = c.req.valid('query');
        await recordAudit(sql, {
          actor: account.username,
          action: 'audit.export',
          address: clientAddress(c),
          details: filterDetails(filter),
        });
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="titik-rawan-audit-${jakartaToday()}.csv"`);
        c.header('Cache-Control', 'no-store');
        return c.body(byteStream(auditCsv(auditEntries(sql, filter))), 200);
      },
    );
}
