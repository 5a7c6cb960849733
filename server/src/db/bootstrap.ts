import { disableDefaultDemoAccounts, ensureDemoAccounts } from '../auth/accounts';
import type { Config } from '../config';
import { loadDemoData, type LoadDemoOptions } from '../demo/load-demo';
import { loadGeography } from '../geography/load-geography';
import type { Database } from './database';
import { isDemoDatabase } from './meta';
import { migrate } from './migrate';

/** What {@link prepareDatabase} did, for the start-up log. */
export interface PreparedDatabase {
  migrationsApplied: number[];
  areasLoaded: number;
  demoDataLoaded: boolean;
  demoData: boolean;
}

async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.sql`select 1 from incidents limit 1`;
  return row === undefined;
}

/**
 * Brings a database up to date: migrations, the real geography, the synthetic demo data (of `demoSize`,
 * default 2,400 incidents) when `seedDemoData` is set and the database holds no incidents yet, and the demo accounts when the
 * database holds demo data outside production. In production, demo accounts still holding the default demo
 * password are disabled instead.
 */
export async function prepareDatabase(
  db: Database,
  config: Config,
  {
    seedDemoData,
    demoSize = {},
  }: { seedDemoData: boolean; demoSize?: Pick<LoadDemoOptions, 'incidentCount' | 'venueCount'> },
): Promise<PreparedDatabase> {
  const migrationsApplied = await migrate(db.sql);
  const areasLoaded = await loadGeography(db.sql);
  let demoDataLoaded = false;
  if (seedDemoData && !config.production && (await isEmpty(db)) && !(await isDemoDatabase(db.sql))) {
    await loadDemoData(db.sql, demoSize);
    demoDataLoaded = true;
  }
  const demoData = await isDemoDatabase(db.sql);
  if (demoData && !config.production) await ensureDemoAccounts(db.sql, config.demoPassword);
  // In production no account may still sign in with the documented demo password (a database once run as demo).
  if (config.production) {
    const disabled = await disableDefaultDemoAccounts(db.sql);
    if (disabled.length > 0) {
      console.warn(`Disabled demo accounts with the default password: ${disabled.join(', ')}`);
    }
  }
  return { migrationsApplied, areasLoaded, demoDataLoaded, demoData };
}
