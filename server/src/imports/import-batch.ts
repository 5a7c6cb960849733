// Writing an import: a check pass that reads the whole file and writes nothing, then a write pass that stages the
// mapped records in short statements and one short transaction that moves them into the real tables. The embedded
// database serves one transaction at a time, so no transaction is ever held open while the file is read. A batch
// killed before its commit stays 'staging', is never counted, and is deleted by `cleanUpInterruptedImports`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { latLngToCell } from 'h3-js';
import type postgres from 'postgres';
import type { Sql } from '../db/database';
import { jakartaToday } from '@titik-rawan/shared/codes';
import { BASE_RESOLUTION } from '../releases/geography';
import type { ReportedError } from './error-report';
import { rowMapper, type ImportRecords, type MapOptions, type RowMapper } from './map-row';
import { checkHeaders, checkValue } from './pii';
import { readRows } from './read-rows';
import { ImportFileError, rowError, type ImportFormat, type ImportKind, type ImportRow } from './rows';

export type { ImportFormat } from './rows';

/** One import to check or run: the uploaded file saved on disk and who brings it. */
export interface ImportRequest {
  kind: ImportKind;
  format: ImportFormat;
  /** The upload, saved to a temp file. */
  filePath: string;
  /** The file's name as uploaded, for the history. */
  fileName: string;
  /** Source organisation code: the batch's, and that of rows that leave the organisation empty. */
  organisation: string | null;
  /** Account id of the admin importing; null from the CLI. */
  importedBy: string | null;
}

/** An error of a checked file: a row error, or a file or header error with `row` null. */
export type ImportError = ReportedError;

/** What the check pass found: the file's shape, a preview, every error (the first 1,000 in full), a duplicate. */
export interface ImportCheck {
  kind: ImportKind;
  format: ImportFormat;
  sha256: string;
  columns: string[];
  unknownColumns: string[];
  /** The first 10 rows' cells as read; empty when the file holds personal data. */
  preview: Record<string, string>[];
  rows: number;
  skipped: number;
  errorCount: number;
  /** At most {@link MAX_REPORTED_ERRORS}; file-level and header errors have `row` null. */
  errors: ImportError[];
  /** The committed batch that imported the same file (same kind and SHA-256), if any. */
  duplicateOf: { batchId: string; importedAt: string } | null;
}

/** A batch as the import history lists it. */
export interface ImportBatchSummary {
  id: string;
  kind: ImportKind;
  status: 'staging' | 'committed' | 'rolled_back';
  fileName: string;
  /** Null for the synthetic demo data, which came from no file. */
  sha256: string | null;
  organisation: string | null;
  importedBy: string | null;
  importedAt: string;
  rows: number;
  rolledBackAt: string | null;
  synthetic: boolean;
}

/** Progress of `runImport`: the phase and the rows done in it. */
export interface ImportProgress {
  phase: 'checking' | 'writing' | 'committing';
  rows: number;
}

/** Outcome of `runImport`. */
export type ImportResult =
  | { status: 'committed'; batchId: string; rows: number; check: ImportCheck }
  | { status: 'refused'; check: ImportCheck };

/** Why a batch cannot be rolled back: it does not exist, is not committed, or is the synthetic demo data. */
export class ImportBatchError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_committed' | 'synthetic',
    message: string,
  ) {
    super(message);
    this.name = 'ImportBatchError';
  }
}

/** Errors kept in full; beyond this only the count grows. */
export const MAX_REPORTED_ERRORS = 1000;
/** Rows of the file shown as a preview. */
const PREVIEW_ROWS = 10;
/** Records per staging statement. */
const STAGING_CHUNK = 1000;
/** Rows between two progress reports. */
const PROGRESS_EVERY = 1000;

/** SHA-256 of a file, read as a stream. */
async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function fileError(code: string, message: string): ImportError {
  return { row: null, column: null, code, message };
}

/** A record as staged: flat JSON the commit reads with `->>`; incidents carry their H3 base cell. */
function stagedRecord(kind: ImportKind, record: ImportRecords[ImportKind]): Record<string, unknown> {
  const { row: _row, point, ...rest } = record;
  const flat: Record<string, unknown> = { ...rest, lng: point?.lng ?? null, lat: point?.lat ?? null };
  if (kind === 'incidents')
    flat.baseCell = point ? latLngToCell(point.lat, point.lng, BASE_RESOLUTION) : null;
  if (kind === 'interventions') {
    const { venue } = record as ImportRecords['interventions'];
    delete flat.venue;
    flat.venueSource = venue?.source ?? null;
    flat.venueSourceId = venue?.sourceId ?? null;
  }
  return flat;
}

/** What one read of the file gives beyond the records. */
interface Scan {
  columns: string[];
  unknownColumns: string[];
  preview: Record<string, string>[];
  rows: number;
  skipped: number;
  errorCount: number;
  errors: ImportError[];
  /** Rows naming each venue (`source source_id`), for interventions: checked against the venues table. */
  venueRows: Map<string, { source: string; sourceId: string; rows: number[] }>;
  venueColumn: string;
}

/**
 * Reads the file once: personal-data checks on the header and every cell (before mapping, so no message quotes
 * personal data), the column plan, and every row mapped; each valid record goes to `onRecord`.
 */
async function scanFile(
  request: ImportRequest,
  options: MapOptions,
  onRecord: (record: ImportRecords[ImportKind]) => Promise<void> | void,
  onProgress?: (rowsRead: number) => void,
): Promise<Scan> {
  const { kind, format } = request;
  const scan: Scan = {
    columns: [],
    unknownColumns: [],
    preview: [],
    rows: 0,
    skipped: 0,
    errorCount: 0,
    errors: [],
    venueRows: new Map(),
    venueColumn: 'venue',
  };
  const addError = (error: ImportError) => {
    scan.errorCount += 1;
    if (scan.errors.length < MAX_REPORTED_ERRORS) scan.errors.push(error);
  };
  let personalData = false;
  let mapper: RowMapper<ImportKind> | null = null;
  const refuseColumns = (columns: readonly string[]) => {
    // The OSM reader keeps only name, kind and id: its raw tags never reach the header.
    if (format === 'osm') return;
    for (const finding of checkHeaders(kind, columns)) {
      personalData = true;
      addError({ row: null, column: finding.column, code: finding.code, message: finding.message });
    }
  };
  const mapRow = async (row: ImportRow) => {
    if (scan.preview.length < PREVIEW_ROWS) scan.preview.push({ ...row.values });
    let clean = true;
    for (const [column, value] of Object.entries(row.values)) {
      const finding = checkValue(kind, column, value);
      if (finding === null) continue;
      personalData = true;
      clean = false;
      addError(rowError(row.unit, row.row, finding.column, finding.code, finding.problem));
    }
    if (!clean || mapper === null || mapper.plan.problems.length > 0) return;
    const result = mapper.mapRow(row);
    if (!result.ok) {
      result.errors.forEach(addError);
      return;
    }
    if (kind === 'interventions') {
      const { venue } = result.record as ImportRecords['interventions'];
      if (venue) {
        const key = `${venue.source} ${venue.sourceId}`;
        const entry = scan.venueRows.get(key) ?? { ...venue, rows: [] };
        entry.rows.push(row.row);
        scan.venueRows.set(key, entry);
      }
    }
    await onRecord(result.record);
  };
  try {
    for await (const event of readRows(createReadStream(request.filePath), format)) {
      if (event.type === 'header') {
        scan.columns = [...event.columns];
        refuseColumns(event.columns);
        mapper = rowMapper(kind, event.columns, format, options);
        scan.unknownColumns = mapper.plan.unknown;
        scan.venueColumn = mapper.plan.fields.venue ?? 'venue';
        for (const problem of mapper.plan.problems)
          addError({ row: null, column: problem.column, code: problem.code, message: problem.message });
        // Rows of a file with a personal-data column are not read at all.
        if (personalData) break;
      } else if (event.type === 'columns') {
        scan.columns = [...event.columns];
        refuseColumns(event.added);
        if (personalData) break;
        mapper = rowMapper(kind, event.columns, format, options);
        scan.unknownColumns = mapper.plan.unknown;
      } else if (event.type === 'row') {
        scan.rows += 1;
        await mapRow(event);
        if (scan.rows % PROGRESS_EVERY === 0) onProgress?.(scan.rows);
      } else {
        scan.skipped = Object.values(event.skipped).reduce((sum, n) => sum + n, 0);
      }
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    addError(fileError(error.code, error.message));
  }
  if (personalData) scan.preview = [];
  if (scan.rows === 0 && scan.errorCount === 0)
    addError(fileError('no_rows', 'The file has no rows to import.'));
  onProgress?.(scan.rows);
  return scan;
}

/** The options every row is mapped with: known organisations and the batch's organisation as default. */
async function mapOptions(sql: Sql, request: ImportRequest): Promise<MapOptions> {
  const rows = await sql<{ code: string }[]>`select code from organisations`;
  const organisations = new Set(rows.map((row) => row.code));
  return {
    organisations,
    // Today once per file: reading it per row would create a date formatter for every row.
    today: jakartaToday(),
    ...(request.organisation ? { defaultOrganisation: request.organisation } : {}),
  };
}

/** The committed batch that imported a file with this kind and hash, if any. */
async function findDuplicate(
  sql: Sql,
  kind: ImportKind,
  sha256: string,
): Promise<ImportCheck['duplicateOf']> {
  const [row] = await sql<{ id: string; imported_at: Date }[]>`
    select id::text, imported_at from import_batches
    where kind = ${kind} and file_sha256 = ${sha256} and status = 'committed'`;
  return row ? { batchId: row.id, importedAt: row.imported_at.toISOString() } : null;
}

/** Row errors for interventions naming venues that are not in the venues table. */
async function unknownVenueErrors(sql: Sql, scan: Scan, format: ImportFormat): Promise<ImportError[]> {
  if (scan.venueRows.size === 0) return [];
  const wanted = [...scan.venueRows.values()];
  const found = await sql<{ source: string; source_id: string }[]>`
    select v.source, v.source_id from venues v
    join unnest(${wanted.map((w) => w.source)}::text[], ${wanted.map((w) => w.sourceId)}::text[]) as w(source, source_id)
      on v.source = w.source and v.source_id = w.source_id`;
  const known = new Set(found.map((row) => `${row.source} ${row.source_id}`));
  const unit = format === 'csv' ? 'row' : 'feature';
  return [...scan.venueRows.entries()]
    .filter(([key]) => !known.has(key))
    .flatMap(([, venue]) =>
      venue.rows.map((row) =>
        rowError(
          unit,
          row,
          scan.venueColumn,
          'unknown_venue',
          `no venue has the id "${venue.sourceId}"; import the venue first`,
        ),
      ),
    )
    .sort((a, b) => a.row - b.row);
}

/**
 * Pass 1: reads the whole file and writes nothing. Checks personal data, columns, every row, that organisations
 * and venues exist, and whether the same file was already imported. The import may run only when `errorCount` is
 * 0 and `duplicateOf` is null.
 */
export async function checkImport(
  sql: Sql,
  request: ImportRequest,
  onProgress?: (rowsRead: number) => void,
): Promise<ImportCheck> {
  const sha256 = await hashFile(request.filePath);
  const options = await mapOptions(sql, request);
  const scan = await scanFile(request, options, () => {}, onProgress);
  const extra: ImportError[] = [];
  if (request.organisation !== null && !options.organisations?.has(request.organisation)) {
    extra.push(
      fileError(
        'unknown_organisation',
        `No organisation has the code "${request.organisation}"; ask an admin to add it first.`,
      ),
    );
  }
  extra.push(...(await unknownVenueErrors(sql, scan, request.format)));
  const errors = [...extra, ...scan.errors].slice(0, MAX_REPORTED_ERRORS);
  return {
    kind: request.kind,
    format: request.format,
    sha256,
    columns: scan.columns,
    unknownColumns: scan.unknownColumns,
    preview: scan.preview,
    rows: scan.rows,
    skipped: scan.skipped,
    errorCount: scan.errorCount + extra.length,
    errors,
    duplicateOf: await findDuplicate(sql, request.kind, sha256),
  };
}

/** Moves a staged batch into its real table; the caller's transaction makes it all or nothing. */
async function moveStaged(
  tx: postgres.TransactionSql,
  kind: ImportKind,
  batchId: string,
  importedBy: string | null,
): Promise<void> {
  const point = tx`
    case when s.record->>'lng' is null then null
      else ST_SetSRID(ST_MakePoint((s.record->>'lng')::float8, (s.record->>'lat')::float8), 4326) end`;
  switch (kind) {
    case 'incidents':
      await tx`
        insert into incidents
          (occurred_on, time_band, category, geom, base_cell, kelurahan_code, organisation_code, batch_id)
        select (s.record->>'occurredOn')::date, s.record->>'timeBand', s.record->>'category', ${point},
          s.record->>'baseCell', s.record->>'kelurahanCode', s.record->>'organisationCode', s.batch_id
        from import_staging s where s.batch_id = ${batchId} order by s.row_no`;
      return;
    case 'venues':
      // A venue already known by (source, source_id) is updated and keeps the batch that created it; within one
      // file the last row of an id wins.
      await tx`
        insert into venues (kind, name, geom, kelurahan_code, source, source_id, batch_id)
        select distinct on (s.record->>'source', s.record->>'sourceId')
          s.record->>'kind', s.record->>'name', ${point}, s.record->>'kelurahanCode',
          s.record->>'source', s.record->>'sourceId', s.batch_id
        from import_staging s where s.batch_id = ${batchId}
        order by s.record->>'source', s.record->>'sourceId', s.row_no desc
        on conflict (source, source_id) do update
          set kind = excluded.kind, name = excluded.name, geom = excluded.geom, kelurahan_code = excluded.kelurahan_code`;
      return;
    case 'interventions':
      await tx`
        insert into interventions
          (kind, started_on, venue_id, geom, kelurahan_code, organisation_code, batch_id, created_by)
        select s.record->>'kind', (s.record->>'startedOn')::date, v.id, ${point},
          coalesce(s.record->>'kelurahanCode', v.kelurahan_code), s.record->>'organisationCode', s.batch_id,
          ${importedBy}
        from import_staging s
        left join venues v on v.source = s.record->>'venueSource' and v.source_id = s.record->>'venueSourceId'
        where s.batch_id = ${batchId} order by s.row_no`;
      return;
  }
}

/**
 * Checks the file (pass 1) and, when it has no error and was not imported before, writes it (pass 2): a
 * 'staging' batch, the records staged in chunks of {@link STAGING_CHUNK} rows (each its own statement), then one
 * transaction that moves them into the real table, marks the batch 'committed' and empties its staging rows.
 * Nothing of a refused file is stored; a crash before the commit leaves only a staging batch.
 */
export async function runImport(
  sql: Sql,
  request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const check = await checkImport(sql, request, (rows) => onProgress?.({ phase: 'checking', rows }));
  if (check.errorCount > 0 || check.duplicateOf !== null) return { status: 'refused', check };
  const [batch] = await sql<{ id: string }[]>`
    insert into import_batches
      (kind, organisation_code, source_name, file_sha256, row_count, imported_by, status)
    values (${request.kind}, ${request.organisation}, ${request.fileName}, ${check.sha256}, ${check.rows},
      ${request.importedBy}, 'staging')
    returning id::text`;
  if (!batch) throw new Error('Could not create the import batch');
  const batchId = batch.id;
  try {
    let chunk: { row_no: number; record: Record<string, unknown> }[] = [];
    let written = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const json = sql.json(chunk as unknown as Parameters<Sql['json']>[0]);
      await sql`
        with staged as (
          insert into import_staging (batch_id, row_no, record)
          select ${batchId}, r.row_no, r.record from jsonb_to_recordset(${json}) as r(row_no integer, record jsonb)
        )
        update import_batches set touched_at = now() where id = ${batchId}`;
      written += chunk.length;
      chunk = [];
      onProgress?.({ phase: 'writing', rows: written });
    };
    const options = await mapOptions(sql, request);
    const scan = await scanFile(request, options, async (record) => {
      chunk.push({ row_no: record.row, record: stagedRecord(request.kind, record) });
      if (chunk.length >= STAGING_CHUNK) await flush();
    });
    await flush();
    if (scan.errorCount > 0)
      throw new Error(`The file changed while it was imported: ${scan.errors[0]?.message}`);
    onProgress?.({ phase: 'committing', rows: written });
    await sql.begin(async (tx) => {
      await moveStaged(tx, request.kind, batchId, request.importedBy);
      await tx`
        update import_batches set status = 'committed', finished_at = now(), row_count = ${written}
        where id = ${batchId}`;
      await tx`delete from import_staging where batch_id = ${batchId}`;
    });
    return { status: 'committed', batchId, rows: written, check };
  } catch (error) {
    await sql`delete from import_batches where id = ${batchId} and status = 'staging'`;
    // Another import of the same file committed first: refuse this one as a duplicate.
    if ((error as { code?: string }).code === '23505') {
      const duplicateOf = await findDuplicate(sql, request.kind, check.sha256);
      if (duplicateOf) return { status: 'refused', check: { ...check, duplicateOf } };
    }
    throw error;
  }
}

type BatchRow = {
  id: string;
  kind: ImportKind;
  status: ImportBatchSummary['status'];
  source_name: string;
  file_sha256: string | null;
  organisation_code: string | null;
  imported_by: string | null;
  imported_at: Date;
  row_count: number;
  rolled_back_at: Date | null;
  synthetic: boolean;
};

function summary(row: BatchRow): ImportBatchSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.source_name,
    sha256: row.file_sha256,
    organisation: row.organisation_code,
    importedBy: row.imported_by,
    importedAt: row.imported_at.toISOString(),
    rows: row.row_count,
    rolledBackAt: row.rolled_back_at?.toISOString() ?? null,
    synthetic: row.synthetic,
  };
}

/** Every batch, newest first (the demo data's batches included, marked synthetic). */
export async function listImports(sql: Sql): Promise<ImportBatchSummary[]> {
  const rows = await sql<BatchRow[]>`
    select id::text, kind, status, source_name, file_sha256, organisation_code, imported_by::text, imported_at,
      row_count, rolled_back_at, synthetic
    from import_batches order by imported_at desc, id desc`;
  return rows.map(summary);
}

/**
 * Rolls a committed batch back in one transaction: deletes its incidents and interventions and the venues it
 * created (venues it only updated stay as they now are; interventions elsewhere that named a deleted venue keep
 * their own location) and marks it 'rolled_back', so the same file can be imported again. Throws
 * {@link ImportBatchError} for an unknown, uncommitted or synthetic batch.
 */
export async function rollbackImport(sql: Sql, batchId: string): Promise<ImportBatchSummary> {
  if (!/^\d{1,18}$/.test(batchId)) throw new ImportBatchError('not_found', `There is no import ${batchId}.`);
  return sql.begin(async (tx) => {
    const [batch] = await tx<{ status: string; synthetic: boolean }[]>`
      select status, synthetic from import_batches where id = ${batchId} for update`;
    if (!batch) throw new ImportBatchError('not_found', `There is no import ${batchId}.`);
    if (batch.synthetic)
      throw new ImportBatchError(
        'synthetic',
        `Import ${batchId} is the synthetic demo data; it cannot be rolled back.`,
      );
    if (batch.status !== 'committed')
      throw new ImportBatchError(
        'not_committed',
        `Import ${batchId} is ${batch.status.replace('_', ' ')}; only a committed import can be rolled back.`,
      );
    await tx`delete from incidents where batch_id = ${batchId}`;
    await tx`delete from interventions where batch_id = ${batchId}`;
    await tx`delete from venues where batch_id = ${batchId}`;
    const [row] = await tx<BatchRow[]>`
      update import_batches set status = 'rolled_back', rolled_back_at = now() where id = ${batchId}
      returning id::text, kind, status, source_name, file_sha256, organisation_code, imported_by::text,
        imported_at, row_count, rolled_back_at, synthetic`;
    return summary(row as BatchRow);
  });
}

/**
 * Deletes the batches of imports that were interrupted before their commit (with their staging rows) and returns
 * how many. Called at server start; `idleSeconds` spares batches staged more recently than that (an import still
 * running on another server instance).
 */
export async function cleanUpInterruptedImports(sql: Sql, idleSeconds = 0): Promise<number> {
  const deleted = await sql`
    delete from import_batches
    where status = 'staging' and touched_at <= now() - make_interval(secs => ${idleSeconds})
    returning id`;
  return deleted.length;
}
