// `pnpm test:resilience` setup: one seeded embedded data directory that each embedded test copies (so a server
// starts in seconds instead of seeding), and the native database `tr_resilience`, created and seeded the way
// `pnpm db:seed` does it, when the PostgreSQL server is reachable.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { readConfig } from '@titik-rawan/server/config';
import { createSqlClient, type Database } from '@titik-rawan/server/db/database';
import { prepareDatabase } from '@titik-rawan/server/db/bootstrap';
import { prepareDataDir, startEmbeddedDatabase } from '@titik-rawan/server/db/embedded/index';
import { RESILIENCE_DATABASE, externalBaseUrl } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A seeded embedded data directory (demo data and accounts) to copy; never used in place. */
    seededDataDir: string;
    /** URL of the seeded native database `tr_resilience`, or null when the server cannot be reached. */
    resilienceDatabaseUrl: string | null;
    /** Why there is no native database, or null. */
    externalSkipReason: string | null;
  }
}

async function seed(url: string, kind: Database['kind']): Promise<void> {
  const sql = createSqlClient(url, 2);
  try {
    await prepareDatabase({ sql, kind, close: () => sql.end() }, readConfig({}), { seedDemoData: true });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates `tr_resilience` if it is missing and seeds it; returns its URL, or why it cannot. */
async function prepareExternal(): Promise<{ url: string | null; reason: string | null }> {
  const base = externalBaseUrl();
  const admin = postgres(`${base}/postgres`, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${RESILIENCE_DATABASE}`;
    if (exists.length === 0) await admin.unsafe(`create database ${RESILIENCE_DATABASE}`);
  } catch (error) {
    return { url: null, reason: `PostgreSQL at ${base} cannot be used: ${(error as Error).message}` };
  } finally {
    await admin.end({ timeout: 1 }).catch(() => {});
  }
  const url = `${base}/${RESILIENCE_DATABASE}`;
  await seed(url, 'external');
  return { url, reason: null };
}

export default async function setup(project: TestProject) {
  const seededDataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-resilience-seed-'));
  await prepareDataDir({ dataDir: seededDataDir });
  const embedded = await startEmbeddedDatabase({ dataDir: seededDataDir });
  try {
    await seed(embedded.url, 'embedded');
  } finally {
    await embedded.stop();
  }
  const external = await prepareExternal();
  if (external.reason) console.warn(`Native PostgreSQL tests will be skipped: ${external.reason}`);
  project.provide('seededDataDir', seededDataDir);
  project.provide('resilienceDatabaseUrl', external.url);
  project.provide('externalSkipReason', external.reason);
  return async () => {
    await rm(seededDataDir, { recursive: true, force: true });
  };
}
