import type { Sql } from './database';

/** Key of the app_meta row written when synthetic demo data is loaded. */
export const DEMO_DATA_KEY = 'demo_data';

/** True when the database holds the synthetic demo data set. */
export async function isDemoDatabase(sql: Sql): Promise<boolean> {
  const [row] = await sql`select 1 from app_meta where key = ${DEMO_DATA_KEY}`;
  return row !== undefined;
}

/**
 * A data version kept in app_meta by triggers: `incidents` changes with every write to incidents (migration 00002),
 * `places` with every write to venues, interventions, organisations or areas (migration 00005).
 */
export async function dataVersion(sql: Sql, of: 'incidents' | 'places'): Promise<string> {
  const [row] = await sql<{ version: string }[]>`
    select value::text as version from app_meta where key = ${`${of}_version`}`;
  return row?.version ?? '0';
}
