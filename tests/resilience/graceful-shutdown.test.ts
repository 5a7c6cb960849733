// SIGTERM while a request is in flight: the server stops taking connections at once, answers that request in full
// and then exits with status 0 within its 10 s limit (server/src/main.ts, stop()).
//
// The slow request is the venue layer (GET /api/venues, about 1 MB of GeoJSON) held up in the database for 2 s by
// another session: on the native server a transaction holding an exclusive lock on `venues` (as a migration or an
// import would), on the embedded one an open transaction, which holds PGlite's single session.
import http from 'node:http';
import net from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type ResilienceServer, sleep, startResilienceServer } from './support';

/** GET over a connection of its own (no keep-alive), with the whole body. */
function getInFull(url: string, cookie: string): Promise<{ status: number; body: string; endedAt: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers: { Cookie: cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          endedAt: performance.now(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
  });
}

/** `connected` if a new TCP connection to the port is accepted, else the error code (ECONNREFUSED). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

const externalSkip = inject('externalSkipReason');

describe.each([
  { kind: 'embedded' as const, skip: null },
  { kind: 'external' as const, skip: externalSkip },
])('graceful shutdown on the $kind database', ({ kind, skip }) => {
  let server: ResilienceServer;
  let cookie: string;
  let other: postgres.Sql;

  beforeAll(async () => {
    if (skip) return;
    server = await startResilienceServer(kind);
    cookie = await server.signIn('satgas');
    const url =
      kind === 'embedded'
        ? `postgres://postgres@127.0.0.1:${server.embedded?.port}/postgres`
        : (inject('resilienceDatabaseUrl') as string);
    other = postgres(url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await other?.end({ timeout: 5 });
    await server?.stop();
  });

  it.skipIf(skip !== null)(
    `finishes the request in flight in full, refuses new connections and exits 0 within 10 s${
      skip ? ` (skipped: ${skip})` : ''
    }`,
    async () => {
      expect(await tryConnect(server.port)).toBe('connected');
      let venues = -1;
      let hold = () => {};
      const held = new Promise<void>((resolve) => (hold = resolve));
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const holding = other.begin(async (tx) => {
        const [row] = await tx<[{ n: number }]>`select count(*)::int as n from venues`;
        venues = row.n;
        if (kind === 'external') await tx`lock table venues in access exclusive mode`;
        hold();
        await released;
      });
      holding.catch(() => {}); // awaited below; a failure before that must not go unhandled
      await held;

      const request = getInFull(`${server.baseUrl}/api/venues`, cookie);
      await sleep(500);
      const exitedAt = server.exited.then((exit) => ({ ...exit, at: performance.now() }));
      const signalledAt = performance.now();
      const logFrom = server.output().length;
      server.kill('SIGTERM');
      // The server prints this once it has stopped listening.
      await server.waitForOutput(/SIGTERM: no new connections/, { from: logFrom, timeoutMs: 5_000 });

      // No new connections, while the request in flight is still being worked on.
      expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
      await sleep(1_500);
      expect(await tryConnect(server.port)).toBe('ECONNREFUSED');
      expect(await Promise.race([exitedAt.then(() => 'exited'), sleep(0).then(() => 'running')])).toBe(
        'running',
      );

      release();
      await holding;
      const answer = await request;
      const exit = await Promise.race([exitedAt, sleep(12_000).then(() => null)]);
      console.log(
        `${kind}: request answered ${Math.round(answer.endedAt - signalledAt)} ms after SIGTERM ` +
          `(${answer.body.length} bytes), process exited ${
            exit
              ? `${Math.round(exit.at - signalledAt)} ms after SIGTERM with ${exit.signal ?? exit.code}`
              : 'not'
          }`,
      );
      expect(answer.status, answer.body.slice(0, 300)).toBe(200);
      expect(answer.endedAt).toBeGreaterThan(signalledAt + 1_500);
      const body = JSON.parse(answer.body) as { type: string; features: unknown[] };
      expect(body.type).toBe('FeatureCollection');
      expect(body.features).toHaveLength(venues);
      expect(venues).toBeGreaterThan(1_000);
      expect(exit, server.output().slice(logFrom)).toMatchObject({ code: 0, signal: null });
      expect((exit?.at ?? Infinity) - signalledAt).toBeLessThan(10_000);
    },
  );
});
