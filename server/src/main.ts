import { serve } from '@hono/node-server';
import { createApp } from './app';
import { readConfig } from './config';
import { openDatabase } from './db/database';
import { prepareDatabase } from './db/bootstrap';
import { cleanUpInterruptedImports } from './imports/import-batch';

/** Starts Titik Rawan: database, migrations, demo data on first start, then the HTTP server. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = readConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The embedded database gets demo data on first start; an external one only through `pnpm db:seed`.
  const prepared = await prepareDatabase(db, config, {
    seedDemoData: db.kind === 'embedded' && config.seedDemoData,
  });
  // An import killed before its commit left a staging batch that nothing counts: delete it.
  const interrupted = await cleanUpInterruptedImports(db.sql);
  if (interrupted > 0) console.log(`Removed ${interrupted} interrupted import(s); run them again.`);
  const { app, releases } = createApp({ db, config });
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const where =
      db.kind === 'embedded'
        ? `embedded database in ${config.dataDir}, process ${db.embedded?.pid} on port ${db.embedded?.port}`
        : 'external database';
    console.log(`Titik Rawan is ready at http://${config.host}:${info.port} (${where}, ${seconds} s)`);
    if (prepared.demoData) console.log('Showing SYNTHETIC demo data (Data sintetis).');
    // Decide the releases now, so the first visitor does not wait for the disclosure checks.
    releases
      .refresh()
      .then(async (current) => {
        console.log('Releases decided.');
        await current.analysis.ready;
        console.log('Analyses decided.');
      })
      .catch((error: unknown) =>
        console.error(`Releases or analyses could not be decided: ${String(error)}`),
      );
  });

  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT)` : error.message;
    console.error(`Titik Rawan could not start: ${reason}`);
    void db.close().finally(() => process.exit(1));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // A keep-alive connection that goes idle after answering its last request would hold the close up until its
    // keep-alive timeout: close those as they go idle.
    const idleSweep = setInterval(() => {
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }, 100);
    // No new connections from here on; the callback runs once the requests in flight have been answered.
    server.close(() => {
      clearInterval(idleSweep);
      void db.close().finally(() => process.exit(0));
    });
    console.log(`${signal}: no new connections; finishing requests in flight, then stopping.`);
    setTimeout(() => {
      console.error('Requests still in flight after 10 s: stopping anyway.');
      process.exit(1);
    }, 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Titik Rawan could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
