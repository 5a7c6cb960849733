// The native PostgreSQL server is stopped and started again under a running Titik Rawan server that keeps being
// asked: while it is down every answer is a quick 503 `database_unavailable` (never a 500, never a hang), and
// once it is back the same server process answers 200 again by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type Cluster,
  type ResilienceServer,
  clusterControl,
  describeAnswers,
  sleep,
  startResilienceServer,
  timedRequest,
} from './support';

const control = await clusterControl();
const skipReason = typeof control === 'string' ? control : null;
if (skipReason) console.warn(`Skipping the PostgreSQL restart test: ${skipReason}`);

/** How long PostgreSQL stays down. */
const OUTAGE_MS = 4_000;
/** Longest an answer may take, in the outage or out of it. */
const ANSWER_WITHIN_MS = 3_000;

describe.skipIf(skipReason !== null)(
  `external PostgreSQL restart${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const cluster = control as Cluster;
    let server: ResilienceServer;
    let cookie: string;

    beforeAll(async () => {
      server = await startResilienceServer('external');
      cookie = await server.signIn('satgas');
    });
    afterAll(async () => {
      // Whatever happened, leave the shared PostgreSQL server running.
      await cluster.ensureRunning();
      await server?.stop();
    });

    it('answers 503 database_unavailable while it is down, then 200 again without a restart', async () => {
      const paths = [
        { path: '/api/health' },
        { path: '/api/interventions', cookie },
        { path: '/api/releases/cells?resolution=7&period=2025&category=all' },
      ];
      const answers: Answer[] = [];
      const round = async () => {
        const got = await Promise.all(
          paths.map((p) => timedRequest(server.baseUrl, p.path, { ...p, timeoutMs: 10_000 })),
        );
        answers.push(...got);
        return got;
      };
      const before = await round();
      expect(before.map((a) => a.status)).toEqual([200, 200, 200]);

      // Ask every 250 ms from now until the end of the test.
      let polling = true;
      const poller = (async () => {
        while (polling) {
          await round();
          await sleep(250);
        }
      })();

      const stopAt = performance.now();
      await cluster.stop();
      const downAt = performance.now();
      await sleep(OUTAGE_MS);
      const startAt = performance.now();
      await cluster.start();
      const upAt = performance.now();

      // Back once one whole round answers 200; then one more round to be sure.
      let recoveredAt: number | null = null;
      while (performance.now() - upAt < 30_000) {
        if ((await round()).every((a) => a.status === 200)) {
          recoveredAt = performance.now();
          break;
        }
        await sleep(250);
      }
      polling = false;
      await poller;
      const after = await round();
      const log = describeAnswers(answers);

      console.log(
        `PostgreSQL stop took ${Math.round(downAt - stopAt)} ms, down ${Math.round(startAt - downAt)} ms, ` +
          `start ${Math.round(upAt - startAt)} ms; API back ${
            recoveredAt === null ? 'never' : `${Math.round(recoveredAt - upAt)} ms after the start`
          }; ${answers.length} answers, slowest ${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`,
      );
      expect(recoveredAt, log).not.toBeNull();
      expect(after.map((a) => a.status)).toEqual([200, 200, 200]);
      // Only 200 and 503 database_unavailable (with Retry-After), each within a few seconds.
      for (const answer of answers) {
        expect([200, 503], log).toContain(answer.status);
        if (answer.status === 503) {
          expect(answer.code, log).toBe('database_unavailable');
          expect(answer.retryAfter, log).toBe('5');
        }
        expect(answer.ms, log).toBeLessThan(ANSWER_WITHIN_MS);
      }
      // While it was down (sent after the stop returned, answered before the start began) everything was 503.
      const whileDown = answers.filter((a) => a.sentAt > downAt && a.sentAt + a.ms < startAt);
      expect(whileDown.length, log).toBeGreaterThanOrEqual(3 * paths.length);
      expect(new Set(whileDown.map((a) => a.status)), log).toEqual(new Set([503]));
      for (const { path } of paths) {
        expect(
          whileDown.some((a) => a.path === path),
          `${path} was asked during the outage\n${log}`,
        ).toBe(true);
      }
      // The same process all along.
      expect(server.output()).not.toMatch(/could not start|Titik Rawan is ready[\s\S]*Titik Rawan is ready/);
      expect(await Promise.race([server.exited.then(() => 'exited'), sleep(0).then(() => 'running')])).toBe(
        'running',
      );
    });
  },
);
