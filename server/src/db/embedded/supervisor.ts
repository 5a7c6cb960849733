// Keeps the embedded database running for the server: when its process ends without being asked to (a crash,
// the OOM killer, a kill -9), it is started again on the same data directory and the same port, so the server's
// postgres.js pool reconnects by itself. Postgres replays its WAL at that start, so every acknowledged commit is
// there again (see pglite-process.ts on durability). Until it listens again, connections are refused and the
// API answers 503 `database_unavailable` (http/error-response.ts).
import { type EmbeddedDatabase, type StartEmbeddedDatabaseOptions, startEmbeddedDatabase } from './index';

/** An embedded database kept running by {@link superviseEmbeddedDatabase}. */
export interface SupervisedEmbeddedDatabase {
  /** Connection URL; it stays the same across restarts. */
  readonly url: string;
  /** TCP port on 127.0.0.1; it stays the same across restarts. */
  readonly port: number;
  /** Process id of the current database process. */
  readonly pid: number;
  /** How many times the process has been started again. */
  readonly restarts: number;
  /** Stops supervising and shuts the database down (waiting for a restart in progress first). */
  stop(): Promise<void>;
}

/** Options of {@link superviseEmbeddedDatabase}. */
export interface SuperviseEmbeddedDatabaseOptions extends StartEmbeddedDatabaseOptions {
  /** Where restarts are reported; default `console.error`. */
  log?: (line: string) => void;
}

/** Longest wait between two failed restarts. */
const MAX_RETRY_DELAY_MS = 30_000;

/** Starts the embedded database and starts it again whenever its process ends unasked. */
export async function superviseEmbeddedDatabase(
  options: SuperviseEmbeddedDatabaseOptions,
): Promise<SupervisedEmbeddedDatabase> {
  const log = options.log ?? ((line: string) => console.error(line));
  let current = await startEmbeddedDatabase(options);
  const port = current.port;
  let restarts = 0;
  let stopping = false;
  let restarting: Promise<void> | null = null;
  let wakeUp = () => {};
  const stopped = new Promise<void>((resolve) => {
    wakeUp = resolve;
  });

  const restart = async (): Promise<void> => {
    for (let attempt = 1; !stopping; attempt++) {
      const started = performance.now();
      try {
        const next = await startEmbeddedDatabase({ ...options, port });
        if (stopping) {
          await next.stop();
          return;
        }
        current = next;
        restarts++;
        watch(next);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        log(`Embedded database restarted: process ${next.pid} on port ${port} (${seconds} s).`);
        return;
      } catch (error) {
        const delay = Math.min(1000 * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
        log(
          `Embedded database could not be restarted (attempt ${attempt}), trying again in ${delay / 1000} s: ` +
            (error instanceof Error ? error.message : String(error)),
        );
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, delay))), stopped]);
        clearTimeout(timer);
      }
    }
  };

  const watch = (database: EmbeddedDatabase) => {
    void database.exited.then(({ code, signal }) => {
      if (stopping || database !== current) return;
      log(
        `Embedded database process ${database.pid} ended (${signal ?? `exit code ${code}`}); ` +
          `starting it again on ${options.dataDir}.`,
      );
      restarting = restart()
        .catch((error: unknown) => log(`Embedded database restart failed: ${String(error)}`))
        .finally(() => {
          restarting = null;
        });
    });
  };
  watch(current);

  return {
    url: current.url,
    port,
    get pid() {
      return current.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopping = true;
      wakeUp();
      await restarting;
      await current.stop();
    },
  };
}
