// A slow query must not make /api/health stop answering.
//
// Native PostgreSQL: the realistic way slow queries take a pool down is a lock wait. Another session (a migration,
// a VACUUM FULL, someone's psql left in a transaction) holds an exclusive lock on `interventions` for 15 s while the
// dashboard keeps asking for the intervention layer: each request's query waits on the lock, holding its pool
// connection, until all ten are taken and the rest queue inside postgres.js. Health checks still answer within 1 s,
// because they run on their own connection (Database.probe).
//
// Embedded database: PGlite runs one query at a time, so a slow query holds up every other, health checks
// included. They answer 503 `database_busy` after 2 s instead of hanging, and 200 again once the query is done.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ResilienceServer,
  describeAnswers,
  sleep,
  startResilienceServer,
  timedRequest,
} from './support';

const externalSkip = inject('externalSkipReason');

describe.skipIf(externalSkip !== null)(
  `a 15 s lock on native PostgreSQL${externalSkip ? ` (skipped: ${externalSkip})` : ''}`,
  () => {
    let server: ResilienceServer;
    let cookie: string;
    let other: postgres.Sql;

    beforeAll(async () => {
      server = await startResilienceServer('external');
      cookie = await server.signIn('satgas');
      other = postgres(inject('resilienceDatabaseUrl') as string, { max: 2, onnotice: () => {} });
    });
    afterAll(async () => {
      await other?.end({ timeout: 5 });
      await server?.stop();
    });

    it('exhausts the pool with waiting requests, while /api/health answers 200 within 1 s', async () => {
      let lockHolder = 0;
      let locked = () => {};
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holding = other
        .begin(async (tx) => {
          const [row] = await tx<[{ pid: number }]>`select pg_backend_pid() as pid`;
          lockHolder = row.pid;
          await tx`lock table interventions in access exclusive mode`;
          locked();
          await tx`select pg_sleep(15)`;
        })
        .catch((error: { code?: string }) => error.code ?? String(error));
      await lockTaken;
      const startedAt = performance.now();

      // The dashboard keeps asking for the intervention layer: 20 requests for a pool of 10.
      const piled = Array.from({ length: 20 }, () =>
        timedRequest(server.baseUrl, '/api/interventions', { cookie, timeoutMs: 30_000 }),
      );
      // Wait until all ten pool connections wait on the lock.
      let waiting = 0;
      while (performance.now() - startedAt < 10_000) {
        const [row] = await other<[{ n: number }]>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and application_name = 'titik-rawan'
            and wait_event_type = 'Lock'`;
        waiting = row.n;
        if (waiting >= 10) break;
        await sleep(100);
      }
      expect(waiting, 'pool connections waiting on the lock').toBe(10);
      // Another request that needs the pool (the release reads the data version) gets no answer in 1 s ...
      const blocked = await timedRequest(
        server.baseUrl,
        '/api/releases/cells?resolution=7&period=2025&category=all',
        { timeoutMs: 1_000 },
      );
      expect(blocked.status, describeAnswers([blocked])).toBe(0);
      // ... while health checks answer 200, each within 1 s.
      const checks = [];
      for (let i = 0; i < 5; i++) {
        checks.push(await timedRequest(server.baseUrl, '/api/health', { timeoutMs: 5_000 }));
        await sleep(200);
      }
      const log = describeAnswers(checks);
      console.log(
        `pool exhausted (${waiting} connections waiting on the lock); health answered in ` +
          checks.map((a) => `${Math.round(a.ms)} ms`).join(', '),
      );
      for (const check of checks) {
        expect(check.status, log).toBe(200);
        expect(check.ms, log).toBeLessThan(1_000);
      }

      // End the 15 s hold now (as an admin would, pg_cancel_backend) rather than wait it out; the waiting
      // requests then all get their answer.
      await other`select pg_cancel_backend(${lockHolder})`;
      expect(await holding).toBe('57014');
      const answers = await Promise.all(piled);
      expect(
        answers.map((a) => a.status),
        describeAnswers(answers),
      ).toEqual(answers.map(() => 200));
    });
  },
);

describe('a slow query on the embedded database', () => {
  let server: ResilienceServer;
  let direct: postgres.Sql;

  beforeAll(async () => {
    server = await startResilienceServer('embedded');
    const port = server.embedded?.port;
    if (!port) throw new Error(`no embedded database port in the log:\n${server.output()}`);
    // The test's own connection to the server's embedded database, as a second client (another request, an
    // import, a CLI) would have one.
    direct = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await direct?.end({ timeout: 5 });
    await server?.stop();
  });

  it('answers /api/health with 503 database_busy within 2.5 s while an 8 s query runs, then 200', async () => {
    const healthy = await timedRequest(server.baseUrl, '/api/health');
    expect(healthy.status).toBe(200);

    const sleeping = direct`select pg_sleep(8)`.then(() => performance.now());
    const sleepStarted = performance.now();
    await sleep(300);
    // Several monitors at once: each gets its answer in bounded time (they share one probe query).
    const busy = await Promise.all(
      Array.from({ length: 3 }, () => timedRequest(server.baseUrl, '/api/health', { timeoutMs: 10_000 })),
    );
    const log = describeAnswers(busy);
    for (const answer of busy) {
      expect(answer.status, log).toBe(503);
      expect(answer.code, log).toBe('database_busy');
      expect(answer.ms, log).toBeGreaterThanOrEqual(1_900);
      expect(answer.ms, log).toBeLessThan(2_500);
    }
    const sleptUntil = await sleeping;
    expect(sleptUntil - sleepStarted).toBeGreaterThan(7_000);

    const after = await timedRequest(server.baseUrl, '/api/health', { timeoutMs: 5_000 });
    console.log(
      `during an 8 s pg_sleep, health answered 503 database_busy in ` +
        `${busy.map((a) => `${Math.round(a.ms)} ms`).join(', ')}; after it, 200 in ${Math.round(after.ms)} ms`,
    );
    expect(after.status, describeAnswers([after])).toBe(200);
    expect(after.ms).toBeLessThan(1_000);
  });
});
