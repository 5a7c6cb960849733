import postgres from 'postgres';
import { type SupervisedEmbeddedDatabase, superviseEmbeddedDatabase } from './embedded/supervisor';

/** The postgres.js client type used everywhere in the server. */
export type Sql = postgres.Sql;

/** An open database: the one data-access path (postgres.js) plus what kind of server is behind it. */
export interface Database {
  sql: Sql;
  kind: 'embedded' | 'external';
  /**
   * A one-connection client kept apart from the pool for health checks, so that requests holding every pool
   * connection (slow queries, lock waits) cannot starve them; on an external server its statements time out after
   * {@link PROBE_STATEMENT_TIMEOUT_MS}. Absent, health checks use `sql`.
   */
  probe?: Sql;
  /** The embedded database's process (its pid changes when it is restarted after a crash). */
  embedded?: Pick<SupervisedEmbeddedDatabase, 'pid' | 'port' | 'restarts'>;
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

/**
 * Longest wait for a new connection to an external server, in seconds: an unreachable server fails requests fast
 * (503) instead of after postgres.js's 30 s. The embedded database keeps 30 s: it refuses at once when it is down,
 * and a slow handshake there only means its single session is busy with a long query.
 */
const EXTERNAL_CONNECT_TIMEOUT_SECONDS = 5;

/** How long the {@link Database.probe} of an external server lets a statement run. */
export const PROBE_STATEMENT_TIMEOUT_MS = 2_000;

/** Further options of {@link createSqlClient}. */
export interface SqlClientOptions {
  /** Startup parameters over `application_name: 'titik-rawan'`. */
  connection?: Record<string, string | number>;
  /** Longest wait for a connection, in seconds; default 30. */
  connectTimeoutSeconds?: number;
}

/**
 * Creates the postgres.js client with the settings both databases share. postgres.js waits longer and longer
 * before reconnecting after failed connections (up to 20 s by default), which would hold requests that long after
 * the database is back; here the wait is at most 1 s.
 */
export function createSqlClient(
  url: string,
  max = 10,
  { connection = {}, connectTimeoutSeconds = 30 }: SqlClientOptions = {},
): Sql {
  return postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: connectTimeoutSeconds,
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    connection: { application_name: 'titik-rawan', ...connection },
  });
}

/** Connects to the external database, or starts the embedded one in its own process and connects to it. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const connectTimeoutSeconds = EXTERNAL_CONNECT_TIMEOUT_SECONDS;
    const sql = createSqlClient(options.databaseUrl, options.max, { connectTimeoutSeconds });
    const probe = createSqlClient(options.databaseUrl, 1, {
      connectTimeoutSeconds,
      connection: { application_name: 'titik-rawan-health', statement_timeout: PROBE_STATEMENT_TIMEOUT_MS },
    });
    return {
      sql,
      kind: 'external',
      probe,
      close: async () => {
        await Promise.all([sql.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
      },
    };
  }
  // Started again on the same data directory and port if its process dies (see embedded/supervisor.ts).
  const embedded = await superviseEmbeddedDatabase({ dataDir: options.dataDir });
  const sql = createSqlClient(embedded.url, options.max);
  // The embedded server ignores startup parameters (it is one shared session), so no statement_timeout here.
  const probe = createSqlClient(embedded.url, 1);
  return {
    sql,
    kind: 'embedded',
    probe,
    embedded,
    close: async () => {
      await Promise.all([sql.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
      await embedded.stop();
    },
  };
}
