// A kill -9 in the middle of an import: the CLI, importing 100,000 rows in a child process, is killed while it
// writes staging rows. Nothing is committed or counted; the clean-up at server start removes the staging batch;
// the same import then runs to the end. Dates lie in 2020, outside the demo period and the other import tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { writeIncidentFile } from '@titik-rawan/server/cli/incident-file';
import { cleanUpInterruptedImports } from '@titik-rawan/server/imports/import-batch';
import { testDatabase } from '../support/database';

const db = testDatabase();
const ROWS = 100_000;
const FILE_NAME = 'writer-crash-test-incidents.csv';
const CLI = path.resolve(import.meta.dirname, '../../server/src/cli/import.ts');
const dir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-crash-test-'));
const filePath = path.join(dir, FILE_NAME);
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await db.sql`delete from import_batches where source_name = ${FILE_NAME}`;
  await rm(dir, { recursive: true, force: true });
});

/** `pnpm run import incidents <file>` as one node process (no tsx relay process), against the run's database. */
function runCli(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'incidents', filePath], {
    env: { ...process.env, DATABASE_URL: inject('databaseUrl') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

async function state() {
  const [row] = await db.sql<{ staging: number; committed: number; staged: number; incidents: number }[]>`
    select
      (select count(*)::int from import_batches where source_name = ${FILE_NAME} and status = 'staging') as staging,
      (select count(*)::int from import_batches where source_name = ${FILE_NAME} and status = 'committed') as committed,
      (select count(*)::int from import_staging s join import_batches b on b.id = s.batch_id
        where b.source_name = ${FILE_NAME}) as staged,
      (select count(*)::int from incidents where occurred_on between '2020-01-01' and '2020-12-31') as incidents`;
  if (!row) throw new Error('no state');
  return row;
}

it(
  'a killed import leaves nothing counted, is cleaned up, and runs again',
  { timeout: 600_000 },
  async () => {
    await writeIncidentFile(filePath, { rows: ROWS, year: 2020, organisation: 'demo-upt-pppa' });
    const before = await state();

    const child = runCli();
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    // Kill once the write pass has staged some rows, well before the last of them.
    for (;;) {
      const now = await state();
      if (now.staged > 0) break;
      if (child.exitCode !== null) throw new Error(`The import ended before it was killed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');

    const killed = await state();
    expect(killed.staging).toBe(1);
    expect(killed.committed).toBe(0);
    expect(killed.staged).toBeGreaterThan(0);
    expect(killed.staged).toBeLessThan(ROWS);
    expect(killed.incidents).toBe(before.incidents);

    // Spare imports of other test files that are writing right now: only batches idle for 2 s are removed.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await cleanUpInterruptedImports(db.sql, 2)).toBeGreaterThanOrEqual(1);
    expect(await state()).toEqual({ ...before, staging: 0, committed: 0, staged: 0 });

    const again = runCli();
    let againOutput = '';
    again.stdout?.on('data', (chunk: Buffer) => (againOutput += chunk.toString()));
    again.stderr?.on('data', (chunk: Buffer) => (againOutput += chunk.toString()));
    const [code] = (await once(again, 'exit')) as [number | null];
    expect(againOutput).toContain(`Imported ${ROWS.toLocaleString('en')} incidents`);
    expect(code).toBe(0);
    expect(await state()).toEqual({ ...before, committed: 1, incidents: before.incidents + ROWS });
  },
);
