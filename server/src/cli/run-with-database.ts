import { readConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/database';

/** Runs a command-line task against the configured database, closing it and setting the exit code. */
export async function runWithDatabase(
  task: (db: Database, config: Config) => Promise<string>,
): Promise<void> {
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, max: 2 });
  try {
    console.log(await task(db, config));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}
