import postgres from 'postgres';
import { startEmbeddedDatabase } from './embedded/index';

/** The postgres.js client type used everywhere in the server. */
export type Sql = postgres.Sql;

/** An open database: the one data-access path (postgres.js) plus what kind of server is behind it. */
export interface Database {
  sql: Sql;
  kind: 'embedded' | 'external';
  close(): Promise<void>;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** External server URL; null starts the embedded database in `dataDir`. */
  databaseUrl: string | null;
  /** Directory of the embedded database. */
  dataDir: string;
  /** Connections in the pool; default 10. */
  max?: number;
}

/** Creates the postgres.js client with the settings both databases share. */
export function createSqlClient(url: string, max = 10): Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    connection: { application_name: 'titik-rawan' },
  });
}

/** Connects to the external database, or starts the embedded one in its own process and connects to it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const sql = createSqlClient(options.databaseUrl, options.max);
    return { sql, kind: 'external', close: () => sql.end({ timeout: 5 }) };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: options.dataDir });
  const sql = createSqlClient(embedded.url, options.max);
  return {
    sql,
    kind: 'embedded',
    close: async () => {
      await sql.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}
