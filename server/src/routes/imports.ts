// The import path of admins: download a column template, check a file (nothing is stored), import it as a job
// whose progress the dashboard polls, list the imports and roll one back. Uploads are the raw request body,
// streamed to a temporary file that is deleted afterwards; every action is audited without the data itself.
import {
  apiErrorSchema,
  IMPORT_MAX_BYTES,
  importBatchParamSchema,
  importCheckSchema,
  importHistorySchema,
  importJobParamSchema,
  importJobSchema,
  importJobStartSchema,
  importQuerySchema,
  importReportParamSchema,
  importTemplateParamSchema,
  type ImportCheck,
  type ImportJob,
} from '@titik-rawan/shared';
import { Hono, type Context } from 'hono';
import { describeRoute } from 'hono-openapi';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { signedInAccount } from '../http/access';
import { ApiError } from '../http/errors';
import { saveUpload, type SavedUpload } from '../http/raw-upload';
import { validate } from '../http/validate';
import { templateCsv } from '../imports/columns';
import { errorsCsv } from '../imports/error-report';
import {
  checkImport,
  ImportBatchError,
  listImports,
  rollbackImport,
  runImport,
  type ImportBatchSummary,
  type ImportCheck as FileCheck,
  type ImportRequest,
} from '../imports/import-batch';
import { ImportJobs } from '../imports/import-jobs';
import type { ReleaseStore } from '../releases/release-store';
import { json } from './release-access';

/** Media types an upload may be sent as. */
const UPLOAD_TYPES = ['text/csv', 'application/geo+json', 'application/json'] as const;

const text = (type: string) => ({ [type]: { schema: { type: 'string' as const } } });

const UPLOAD_BODY = {
  required: true,
  description: `The file itself as the raw body (not multipart), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
  content: Object.assign({}, ...UPLOAD_TYPES.map(text)) as Record<string, { schema: { type: 'string' } }>,
};

const ADMIN_ERRORS = {
  401: { description: 'Not signed in', content: json(apiErrorSchema) },
  403: { description: 'Imports are for admin accounts', content: json(apiErrorSchema) },
} as const;

const UPLOAD_ERRORS = {
  ...ADMIN_ERRORS,
  400: {
    description: 'A query parameter is missing or wrong, or the body is empty; the message names it',
    content: json(apiErrorSchema),
  },
  413: { description: 'The file is over the upload limit', content: json(apiErrorSchema) },
  415: { description: 'The body is not sent as CSV, GeoJSON or JSON', content: json(apiErrorSchema) },
} as const;

/** Throws 415 unless the body is declared as one of {@link UPLOAD_TYPES}. */
function checkUploadType(c: Context<AppEnv>): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(UPLOAD_TYPES as readonly string[]).includes(type)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `header "Content-Type": send the file as ${UPLOAD_TYPES.join(', ')} (got ${type || 'none'})`,
    );
  }
}

/** `GET`s, `POST`s and the import jobs under /api/imports, for admins. */
export function importRoutes(sql: Sql, store: ReleaseStore) {
  const jobs = new ImportJobs();

  /** The check as the API answers it: with the link to its error report when it has errors. */
  function answered(check: FileCheck): ImportCheck {
    const errorReport =
      check.errors.length > 0 ? `/api/imports/reports/${jobs.keepReport(check.errors)}/errors.csv` : null;
    return { ...check, errorReport };
  }

  /** Checks the query, the body's type and the organisation, then saves the body to a temporary file. */
  async function receive(c: Context<AppEnv>, query: ReturnType<typeof importQuerySchema.parse>) {
    checkUploadType(c);
    if (query.organisation !== undefined) {
      const [known] = await sql`select 1 from organisations where code = ${query.organisation}`;
      if (!known) {
        throw new ApiError(
          400,
          'invalid_parameter',
          `query parameter "organisation": no organisation has code ${query.organisation}; see /api/organisations`,
        );
      }
    }
    const upload = await saveUpload(c.req.raw, IMPORT_MAX_BYTES);
    const request: ImportRequest = {
      kind: query.kind,
      format: query.format,
      filePath: upload.path,
      fileName: query.fileName,
      organisation: query.organisation ?? null,
      importedBy: String(signedInAccount(c).id),
    };
    return { upload, request };
  }

  /** Runs an import job to its end: progress into the job, the release refreshed after a commit, audited. */
  async function runJob(id: string, request: ImportRequest, upload: SavedUpload, audit: AuditBase) {
    let finished: ImportJob;
    try {
      const outcome = await runImport(sql, request, ({ phase, rows }) =>
        jobs.update(id, { status: phase, rows }),
      );
      if (outcome.status === 'committed') {
        await store.refresh().catch((error: unknown) => console.error(error));
        finished = {
          status: 'committed',
          rows: outcome.rows,
          result: { batchId: outcome.batchId, message: null, check: answered(outcome.check) },
        };
      } else {
        finished = {
          status: 'refused',
          rows: outcome.check.rows,
          result: { batchId: null, message: null, check: answered(outcome.check) },
        };
      }
    } catch (error) {
      // Reported without its details, which might quote the file.
      console.error(error);
      const message = 'The import failed on the server; nothing was stored. Try again.';
      finished = { status: 'failed', rows: 0, result: { batchId: null, message, check: null } };
    } finally {
      await upload.remove();
    }
    jobs.update(id, finished);
    await recordAudit(sql, {
      ...audit,
      action: 'import.run',
      target: finished.result?.batchId ? `import ${finished.result.batchId}` : `import job ${id}`,
      details: { kind: request.kind, format: request.format, outcome: finished.status, rows: finished.rows },
    });
  }

  return new Hono<AppEnv>()
    .get(
      '/templates/:kind',
      describeRoute({
        tags: ['imports'],
        summary: 'The CSV template of an import kind: its columns, with one example row (admins)',
        responses: {
          200: { description: 'The template (UTF-8 with a byte order mark)', content: text('text/csv') },
          ...ADMIN_ERRORS,
          400: { description: 'Unknown kind', content: json(apiErrorSchema) },
        },
      }),
      validate('param', importTemplateParamSchema),
      (c) => {
        const { kind } = c.req.valid('param');
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', `attachment; filename="titik-rawan-${kind}-template.csv"`);
        return c.body(templateCsv(kind), 200);
      },
    )
    .post(
      '/check',
      describeRoute({
        tags: ['imports'],
        summary: 'Check an import file without storing anything: columns, first rows, every error (admins)',
        description:
          'Answers 200 whatever is wrong with the rows or the file: the body lists the errors (at most 1,000, with their total) and a link to download them as CSV.',
        requestBody: UPLOAD_BODY,
        responses: {
          200: {
            description: 'What the file holds and what is wrong with it',
            content: json(importCheckSchema),
          },
          ...UPLOAD_ERRORS,
        },
      }),
      validate('query', importQuerySchema),
      async (c) => {
        const actor = signedInAccount(c).username;
        const query = c.req.valid('query');
        const { upload, request } = await receive(c, query);
        let check: ImportCheck;
        try {
          check = answered(await checkImport(sql, request));
        } finally {
          await upload.remove();
        }
        await recordAudit(sql, {
          actor,
          action: 'import.check',
          address: clientAddress(c),
          details: { kind: query.kind, format: query.format, rows: check.rows, errors: check.errorCount },
        });
        return c.json(check, 200);
      },
    )
    .post(
      '/',
      describeRoute({
        tags: ['imports'],
        summary: 'Import a file: checked completely, then written in one batch or not at all (admins)',
        description:
          'Starts a job and answers at once; follow it at /api/imports/jobs/{id}. A file with any error is refused whole (status "refused", with the check). Jobs are kept in memory for an hour.',
        requestBody: UPLOAD_BODY,
        responses: {
          202: { description: 'The job started', content: json(importJobStartSchema) },
          ...UPLOAD_ERRORS,
          409: { description: 'Another import is running', content: json(apiErrorSchema) },
        },
      }),
      validate('query', importQuerySchema),
      async (c) => {
        const actor = signedInAccount(c).username;
        const query = c.req.valid('query');
        if (jobs.running()) {
          throw new ApiError(409, 'import_running', 'Another import is running; wait until it has finished.');
        }
        const { upload, request } = await receive(c, query);
        const jobId = jobs.start();
        void runJob(jobId, request, upload, { actor, address: clientAddress(c) });
        return c.json({ jobId }, 202);
      },
    )
    .get(
      '/jobs/:id',
      describeRoute({
        tags: ['imports'],
        summary:
          'Where an import job is: stage, rows checked or written, and its result when finished (admins)',
        responses: {
          200: { description: 'The job', content: json(importJobSchema) },
          ...ADMIN_ERRORS,
          404: { description: 'No such job (jobs are kept for an hour)', content: json(apiErrorSchema) },
        },
      }),
      validate('param', importJobParamSchema),
      (c) => {
        const { id } = c.req.valid('param');
        const job = jobs.job(id);
        if (!job) throw new ApiError(404, 'not_found', `no import job ${id}; jobs are kept for an hour`);
        c.header('Cache-Control', 'no-store');
        return c.json(job, 200);
      },
    )
    .get(
      '/reports/:id/errors.csv',
      describeRoute({
        tags: ['imports'],
        summary: 'The errors of a check as CSV: row, column, code, message (admins)',
        responses: {
          200: { description: 'The errors (UTF-8 with a byte order mark)', content: text('text/csv') },
          ...ADMIN_ERRORS,
          404: {
            description: 'No such report (reports are kept for an hour)',
            content: json(apiErrorSchema),
          },
        },
      }),
      validate('param', importReportParamSchema),
      (c) => {
        const { id } = c.req.valid('param');
        const errors = jobs.report(id);
        if (!errors)
          throw new ApiError(404, 'not_found', `no error report ${id}; reports are kept for an hour`);
        c.header('Content-Type', 'text/csv; charset=utf-8');
        c.header('Content-Disposition', 'attachment; filename="titik-rawan-import-errors.csv"');
        return c.body(errorsCsv(errors), 200);
      },
    )
    .get(
      '/',
      describeRoute({
        tags: ['imports'],
        summary: 'Every import, newest first, with its state (admins)',
        responses: {
          200: { description: 'The imports', content: json(importHistorySchema) },
          ...ADMIN_ERRORS,
        },
      }),
      async (c) => {
        c.header('Cache-Control', 'no-store');
        return c.json({ imports: await listImports(sql) }, 200);
      },
    )
    .post(
      '/:id/rollback',
      describeRoute({
        tags: ['imports'],
        summary:
          'Roll back a committed import: its rows are deleted, the batch is kept as rolled back (admins)',
        responses: {
          200: {
            description: 'The rolled-back import',
            content: json(importHistorySchema.shape.imports.element),
          },
          ...ADMIN_ERRORS,
          404: { description: 'No import has this id', content: json(apiErrorSchema) },
          409: {
            description: 'The import is not committed, or is the synthetic demo data',
            content: json(apiErrorSchema),
          },
        },
      }),
      validate('param', importBatchParamSchema),
      async (c) => {
        const actor = signedInAccount(c).username;
        const { id } = c.req.valid('param');
        let rolledBack: ImportBatchSummary;
        try {
          rolledBack = await rollbackImport(sql, id);
        } catch (error) {
          if (!(error instanceof ImportBatchError)) throw error;
          throw new ApiError(error.code === 'not_found' ? 404 : 409, error.code, error.message);
        }
        await store.refresh().catch((error: unknown) => console.error(error));
        await recordAudit(sql, {
          actor,
          action: 'import.rollback',
          target: `import ${id}`,
          address: clientAddress(c),
          details: { kind: rolledBack.kind, rows: rolledBack.rows },
        });
        return c.json(rolledBack, 200);
      },
    );
}

/** Who did it from where, for the audit entry of a job. */
interface AuditBase {
  actor: string;
  address: string | null;
}
