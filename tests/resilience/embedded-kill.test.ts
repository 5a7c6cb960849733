// The embedded database's process (PGlite in a child of the server) is killed with SIGKILL right after the API
// acknowledged writes. The server answers 503 `database_unavailable` while it is gone, starts it again by itself on
// the same data directory and port (db/embedded/supervisor.ts), and every acknowledged write is there afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Answer,
  type ResilienceServer,
  describeAnswers,
  sleep,
  startResilienceServer,
  timedRequest,
} from './support';

describe('embedded database killed with SIGKILL', () => {
  let server: ResilienceServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startResilienceServer('embedded');
    cookie = await server.signIn('satgas');
  });
  afterAll(async () => {
    await server?.stop();
  });

  const record = async (day: number): Promise<{ status: number; id?: string }> => {
    const res = await fetch(`${server.baseUrl}/api/interventions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({
        kind: 'socialisation',
        startedOn: `2025-07-${String(day).padStart(2, '0')}`,
        organisation: 'demo-upt-pppa',
        location: { lng: 106.88 + day / 1000, lat: -6.23 },
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { id?: string };
    return { status: res.status, id: body.id };
  };

  it('keeps every acknowledged write, answering 503 until the server has started it again', async () => {
    const dbPid = server.embedded?.pid;
    expect(dbPid, server.output()).toBeGreaterThan(0);

    // Three writes, each acknowledged with 201; the kill follows the last acknowledgement at once.
    const acknowledged: string[] = [];
    for (const day of [10, 11, 12]) {
      const { status, id } = await record(day);
      expect(status).toBe(201);
      if (id) acknowledged.push(id);
    }
    const logFrom = server.output().length;
    const killedAt = performance.now();
    process.kill(dbPid as number, 'SIGKILL');

    const answers: Answer[] = [];
    let recoveredAt: number | null = null;
    while (performance.now() - killedAt < 90_000) {
      const round = await Promise.all([
        timedRequest(server.baseUrl, '/api/health', { timeoutMs: 10_000 }),
        timedRequest(server.baseUrl, '/api/interventions', { cookie, timeoutMs: 10_000 }),
      ]);
      answers.push(...round);
      if (round.every((a) => a.status === 200)) {
        recoveredAt = performance.now();
        break;
      }
      await sleep(200);
    }
    const log = describeAnswers(answers);
    const restarted = await server.waitForOutput(/Embedded database restarted: process (\d+)/, {
      from: logFrom,
      timeoutMs: 5_000,
    });
    console.log(
      `database process ${dbPid} killed; API back after ${
        recoveredAt === null ? 'never' : `${Math.round(recoveredAt - killedAt)} ms`
      } on process ${restarted[1]}; ${answers.filter((a) => a.status === 503).length} answers 503, slowest ` +
        `${Math.round(Math.max(...answers.map((a) => a.ms)))} ms`,
    );
    expect(recoveredAt, log).not.toBeNull();
    expect(server.output().slice(logFrom)).toContain(`Embedded database process ${dbPid} ended (SIGKILL)`);
    expect(Number(restarted[1])).not.toBe(dbPid);

    // While it was gone: 503 database_unavailable, quickly; never a 500 or a hang.
    expect(
      answers.some((a) => a.status === 503),
      log,
    ).toBe(true);
    for (const answer of answers) {
      expect([200, 503], log).toContain(answer.status);
      if (answer.status === 503) expect(answer.code, log).toBe('database_unavailable');
      expect(answer.ms, log).toBeLessThan(3_000);
    }

    // Every acknowledged write is there, the session too, and the database takes new writes.
    const res = await fetch(`${server.baseUrl}/api/interventions`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as { features: { id: string }[] }).features.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(acknowledged));
    expect((await record(13)).status).toBe(201);
    // The same server process all along.
    expect(await Promise.race([server.exited.then(() => 'exited'), sleep(0).then(() => 'running')])).toBe(
      'running',
    );
  });
});
