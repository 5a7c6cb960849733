// Child-process entry of the embedded database: PGlite with PostGIS on a data directory, served over the
// Postgres wire protocol on 127.0.0.1. It runs in its own process because PGlite blocks its host's event
// loop while a query runs. Usage: `pglite-process.ts <dataDir> <port>` (port 0 = any free port).
//
// Durability: PGlite's NodeFS mounts the data directory with Emscripten's NODEFS, which passes every
// write straight to the host file system with a synchronous write(2); Postgres writes the WAL of a commit
// before it answers, so an acknowledged commit is in the kernel and survives a kill -9 of this process
// (crash recovery replays the WAL at the next start). fsync is a no-op in NODEFS (and PGlite starts
// Postgres with -F), so a power loss or kernel crash may lose recent commits. `relaxedDurability` only
// makes PGlite's post-query file-system sync asynchronous; it stays false here.
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { lockDataDir } from './data-dir-lock';
import { startWireServer } from './wire-server';

/** Message the child sends its parent over IPC once it listens, or when it fails to start. */
export type PgliteProcessMessage = { ready: true; port: number } | { ready: false; error: string };

async function main(): Promise<void> {
  const [dataDir, portArgument = '0'] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: pglite-process.ts <dataDir> [port]');

  const unlock = await lockDataDir(dataDir);
  const db = new PGlite(dataDir, { extensions: { postgis }, relaxedDurability: false });
  await db.waitReady;
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const server = await startWireServer(db, { host: '127.0.0.1', port: Number(portArgument) });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      try {
        await server.close();
        await db.close();
        await unlock();
      } finally {
        process.exit(0);
      }
    })();
  };
  process.on('SIGTERM', stop);
  // Under the server (IPC), a terminal's Ctrl-C reaches this process too while the server still answers the requests
  // in flight; the server stops it after them (SIGTERM, or the IPC channel closing).
  process.on('SIGINT', process.connected ? () => {} : stop);
  process.on('disconnect', stop);

  report({ ready: true, port: server.port });
}

function report(message: PgliteProcessMessage, then?: () => void): void {
  if (process.send) {
    process.send(message, undefined, {}, () => then?.());
  } else {
    console.log(JSON.stringify(message));
    then?.();
  }
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(text);
  report({ ready: false, error: text.split('\n')[0] ?? text }, () => process.exit(1));
});
