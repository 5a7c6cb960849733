// Measures an import of a generated incidents CSV against the configured database (the embedded one in DATA_DIR,
// or DATABASE_URL):
//     pnpm bench:import [--rows 100000]
// Prints the rows per second of the check pass and of the whole import (check, staging, commit) and the importer's
// peak resident memory (the embedded database runs in its own process and is not included). The batch, its rows and
// the benchmark's organisation are deleted afterwards; dates lie in 2019, before the demo period.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../db/migrate';
import { loadGeography } from '../geography/load-geography';
import { checkImport, runImport, type ImportRequest } from '../imports/import-batch';
import { writeIncidentFile } from './incident-file';
import { runWithDatabase } from './run-with-database';

const ORGANISATION = 'bench-import';
const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1)
  throw new Error(`--rows must be a whole number, got "${values.rows}"`);

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString('en')} rows/s (${(ms / 1000).toFixed(1)} s)`;
}

await runWithDatabase(async (db) => {
  await migrate(db.sql);
  await loadGeography(db.sql);
  await db.sql`
    insert into organisations (code, name, kind) values (${ORGANISATION}, 'Import benchmark', 'other')
    on conflict (code) do nothing`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-bench-import-'));
  const filePath = path.join(dir, 'bench-import.csv');
  try {
    await writeIncidentFile(filePath, { rows, year: 2019, organisation: ORGANISATION });
    const request: ImportRequest = {
      kind: 'incidents',
      format: 'csv',
      filePath,
      fileName: 'bench-import.csv',
      organisation: ORGANISATION,
      importedBy: null,
    };
    let started = performance.now();
    const check = await checkImport(db.sql, request);
    const checkMs = performance.now() - started;
    if (check.errorCount > 0) throw new Error(`The generated file has errors: ${check.errors[0]?.message}`);
    started = performance.now();
    const result = await runImport(db.sql, request);
    const importMs = performance.now() - started;
    if (result.status !== 'committed') throw new Error('The import was refused');
    await db.sql`delete from import_batches where id = ${result.batchId}`;
    const peakMiB = process.resourceUsage().maxRSS / 1024;
    return [
      `${db.kind} database, ${rows.toLocaleString('en')} incident rows:`,
      `  check pass only:           ${rate(rows, checkMs)}`,
      `  import (check+write+commit): ${rate(rows, importMs)}`,
      `  importer peak RSS:         ${peakMiB.toFixed(0)} MiB`,
    ].join('\n');
  } finally {
    await db.sql`delete from organisations where code = ${ORGANISATION}`;
    await rm(dir, { recursive: true, force: true });
  }
});
