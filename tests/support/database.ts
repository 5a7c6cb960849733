import { afterAll, inject } from 'vitest';
import { createApp } from '@titik-rawan/server';
import { readConfig, type Config } from '@titik-rawan/server/config';
import { createSqlClient, type Database } from '@titik-rawan/server/db/database';

/** The run's database (see global-setup.ts), with a pool closed after the test file. */
export function testDatabase(): Database {
  const sql = createSqlClient(inject('databaseUrl'), 4);
  afterAll(() => sql.end({ timeout: 5 }));
  return { sql, kind: inject('databaseKind'), close: () => sql.end() };
}

/**
 * Configuration as tests run the app: demo mode, default demo password. The first release is waited for as long
 * as it takes (not 20 s), since a busy test machine may take longer to read it back; the 503 `release_pending`
 * after the wait has its own test.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...readConfig({}), firstReleaseWaitSeconds: 600, ...overrides };
}

/** The app wired to the run's database, for in-process `app.request()` calls. */
export function testApp(overrides: Partial<Config> = {}) {
  const db = testDatabase();
  const config = testConfig(overrides);
  return { ...createApp({ db, config }), db, config };
}
