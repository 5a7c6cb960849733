import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, MIGRATIONS_DIR, MigrationError } from '@titik-rawan/server/db/migrate';
import { testDatabase } from '../support/database';

const db = testDatabase();
const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of the real migrations plus extra files, in a temporary folder. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-migrations-'));
  scratch.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, name), text);
  return dir;
}

async function nextName(label: string): Promise<string> {
  const count = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).length;
  return `${String(count + 1).padStart(5, '0')}_${label}.sql`;
}

describe('migrations', () => {
  it('records every migration once, and applying again does nothing', async () => {
    const migrations = await listMigrations();
    const rows = await db.sql<{ version: number }[]>`select version from schema_migrations order by version`;
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db.sql)).toEqual([]);
  });

  it('rolls a failing migration back completely and says which file failed', async () => {
    const name = await nextName('broken');
    const dir = await migrationsWith({
      [name]:
        'create table should_not_exist (id int);\ninsert into should_not_exist values (1);\nselect 1/0;\n',
    });
    const error = await migrate(db.sql, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain('division by zero');
    const [table] = await db.sql`select to_regclass('should_not_exist') as t`;
    expect(table?.t).toBeNull();
    const recorded = await db.sql`select 1 from schema_migrations where name = 'broken'`;
    expect(recorded).toHaveLength(0);
  });

  it('refuses a gap in the numbering', async () => {
    const dir = await migrationsWith({ '00099_far_ahead.sql': 'select 1;' });
    await expect(listMigrations(dir)).rejects.toThrow(/breaks the numbering/);
  });
});

describe('schema', () => {
  it('has no column that could hold personal data on incidents', async () => {
    const columns = await db.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'incidents' order by ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual([
      'id',
      'occurred_on',
      'time_band',
      'category',
      'geom',
      'base_cell',
      'kelurahan_code',
      'organisation_code',
      'batch_id',
    ]);
  });

  it('keeps the audit log append-only', async () => {
    await db.sql`insert into audit_log (actor, action) values ('test', 'test.append')`;
    await expect(db.sql`update audit_log set actor = 'x' where action = 'test.append'`).rejects.toThrow(
      /append-only/,
    );
    await expect(db.sql`delete from audit_log where action = 'test.append'`).rejects.toThrow(/append-only/);
  });
});
