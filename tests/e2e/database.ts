import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readConfig } from '@titik-rawan/server/config';
import { createSqlClient, type Database, type Sql } from '@titik-rawan/server/db/database';
import { prepareDatabase } from '@titik-rawan/server/db/bootstrap';
import { prepareDataDir, startEmbeddedDatabase } from '@titik-rawan/server/db/embedded/index';

/** The database the server under test uses, open to the test too (to check what a browser flow wrote). */
export interface SharedDatabase {
  /** A postgres.js client of that database (after the file's `beforeAll`). */
  readonly sql: Sql;
}

/**
 * Gives the server under test a database the test can query as well: the one at DATABASE_URL, or an embedded one
 * started here in a temporary folder; either is brought to the demo state (migrations, demo data, demo accounts)
 * and handed to the server through DATABASE_URL. Call it before `useBrowserSession()`, so that its `beforeAll`
 * runs first and its `afterAll` last.
 */
export function useSharedDatabase(): SharedDatabase {
  let sql: Sql | undefined;
  let cleanUp = async () => {};
  beforeAll(async () => {
    let url = process.env.DATABASE_URL?.trim();
    if (!url) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-e2e-db-'));
      await prepareDataDir({ dataDir });
      const embedded = await startEmbeddedDatabase({ dataDir });
      url = embedded.url;
      process.env.DATABASE_URL = url;
      cleanUp = async () => {
        delete process.env.DATABASE_URL;
        await embedded.stop();
        await rm(dataDir, { recursive: true, force: true });
      };
    }
    sql = createSqlClient(url, 2);
    const db: Database = { sql, kind: 'external', close: () => sql?.end() ?? Promise.resolve() };
    await prepareDatabase(db, readConfig({}), { seedDemoData: true });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await cleanUp();
  });
  return {
    get sql() {
      if (!sql) throw new Error('The shared database is not open yet');
      return sql;
    },
  };
}
