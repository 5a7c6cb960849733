import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import type { Sql } from './database';

/** Folder of the numbered, forward-only SQL migrations. */
export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'db/migrations');

const MIGRATION_FILE = /^(\d{5})_([a-z0-9_]+)\.sql$/;

/** A migration file on disk. */
export interface Migration {
  version: number;
  name: string;
  file: string;
}

/** Raised when a migration fails; the database is left as it was before that migration. */
export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Migration ${path.basename(migration.file)} failed and was rolled back: ${reason}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Lists the migrations in order, checking that they are numbered 1, 2, 3… without gaps. */
export async function listMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`Migration file name "${file}" does not match 00001_name.sql`);
    const version = Number(match[1]);
    if (version !== index + 1)
      throw new Error(`Migration ${file} breaks the numbering: expected ${index + 1}`);
    return { version, name: match[2] ?? '', file: path.join(dir, file) };
  });
}

/**
 * Applies every pending migration, each in its own transaction, recording it in `schema_migrations`.
 * Returns the versions applied. A failing migration is rolled back and raised as {@link MigrationError}.
 */
export async function migrate(sql: Sql, dir = MIGRATIONS_DIR): Promise<number[]> {
  await sql`
    create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`;
  const migrations = await listMigrations(dir);
  const applied: number[] = [];
  for (const migration of migrations) {
    const text = await readFile(migration.file, 'utf8');
    const ran = await sql
      .begin(async (tx) => {
        // Serialises concurrent starts against one server; the lock ends with the transaction.
        await tx`select pg_advisory_xact_lock(7142024)`;
        const [done] = await tx`select 1 from schema_migrations where version = ${migration.version}`;
        if (done) return false;
        // Migration tooling is the one place raw SQL text runs, as the simple protocol requires.
        await tx.unsafe(text).simple();
        await tx`insert into schema_migrations (version, name) values (${migration.version}, ${migration.name})`;
        return true;
      })
      .catch((error: unknown) => {
        throw new MigrationError(migration, error);
      });
    if (ran) applied.push(migration.version);
  }
  return applied;
}
