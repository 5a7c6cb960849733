import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createApp } from '@titik-rawan/server';
import { readConfig } from '@titik-rawan/server/config';
import { createSqlClient, type Database } from '@titik-rawan/server/db/database';
import { prepareDatabase } from '@titik-rawan/server/db/bootstrap';
import { prepareDataDir, startEmbeddedDatabase } from '@titik-rawan/server/db/embedded/index';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: 'embedded' | 'external';
  }
}

/**
 * Starts one database for the whole run (the embedded one in a temporary directory, or the server at
 * DATABASE_URL), brings it to the demo state — migrations, geography, synthetic demo data, demo
 * accounts —, decides its releases and analyses, and hands its URL to the tests.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL?.trim() || null;
  let dataDir: string | null = null;
  let stopEmbedded = async () => {};
  let url: string;
  if (external) {
    url = external;
  } else {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-test-'));
    // A copy of a cached, PostGIS-ready template saves the ~20 s of CREATE EXTENSION postgis.
    await prepareDataDir({ dataDir });
    const embedded = await startEmbeddedDatabase({ dataDir });
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const sql = createSqlClient(url, 4);
  const db: Database = { sql, kind: external ? 'external' : 'embedded', close: () => sql.end() };
  const config = readConfig({});
  await prepareDatabase(db, config, { seedDemoData: true });
  // Decide the demo data's releases and analyses once, before any test: they are kept on disk
  // (server/src/releases/decision-cache.ts), so no test's first request waits for the disclosure checks.
  const decided = await createApp({ db, config }).releases.refresh();
  await decided.analysis.ready;
  await sql.end();
  project.provide('databaseUrl', url);
  project.provide('databaseKind', db.kind);
  return async () => {
    await stopEmbedded();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
