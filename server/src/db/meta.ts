import type { Sql } from './database';

/** Key of the app_meta row written when synthetic demo data is loaded. */
export const DEMO_DATA_KEY = 'demo_data';

/** True when the database holds the synthetic demo data set. */
export async function isDemoDatabase(sql: Sql): Promise<boolean> {
  const [row] = await sql`select 1 from app_meta where key = ${DEMO_DATA_KEY}`;
  return row !== undefined;
}
