// Helpers of the resilience tests: a real server process on the embedded or the native database, timed requests
// that never hang the test, and control of the native PostgreSQL cluster.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { type ServerProcess, startServerProcess } from '../e2e/server';
import { requestsTo } from '../support/requests';

const run = promisify(execFile);

/** Name of the native database the resilience tests use (never the CI's or a developer's own). */
export const RESILIENCE_DATABASE = 'tr_resilience';

/** The native server, without a database name: RESILIENCE_PG_URL_BASE, else the CI's. */
export function externalBaseUrl(): string {
  return (process.env.RESILIENCE_PG_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A server under test and what the tests need to reach it. */
export interface ResilienceServer extends ServerProcess {
  /** Process id and port of the embedded database as the ready line names them (embedded only). */
  readonly embedded: { pid: number; port: number } | null;
  /** Signs in as a demo account and returns its session cookie. */
  signIn(username: 'admin' | 'satgas' | 'ngo'): Promise<string>;
}

/**
 * Starts `server/src/main.ts` on a copy of the seeded embedded data directory, or on the seeded native database,
 * and waits until it listens and has decided its releases (from the decision cache, in seconds).
 */
export async function startResilienceServer(kind: 'embedded' | 'external'): Promise<ResilienceServer> {
  let dataDir: string | undefined;
  let env: NodeJS.ProcessEnv;
  if (kind === 'embedded') {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-resilience-'));
    await cp(inject('seededDataDir'), dataDir, { recursive: true });
    env = { DATABASE_URL: undefined };
  } else {
    const url = inject('resilienceDatabaseUrl');
    if (!url) throw new Error(`no native database: ${inject('externalSkipReason')}`);
    env = { DATABASE_URL: url };
  }
  const removeDataDir = async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  let server: ServerProcess;
  try {
    server = await startServerProcess({ env, dataDir, waitFor: 'ready', timeoutMs: 180_000 });
  } catch (error) {
    await removeDataDir();
    throw error;
  }
  try {
    await server.waitForOutput(/Releases decided|could not be decided/, { timeoutMs: 180_000 });
  } catch (error) {
    await server.stop();
    await removeDataDir();
    throw error;
  }
  const ready = /process (\d+) on port (\d+)/.exec(server.output());
  const { signIn } = requestsTo({ request: (p, init) => fetch(server.baseUrl + p, init) });
  return {
    ...server,
    embedded: ready ? { pid: Number(ready[1]), port: Number(ready[2]) } : null,
    signIn,
    stop: async () => {
      await server.stop();
      await removeDataDir();
    },
  };
}

/** One answer of the API as the tests record it. */
export interface Answer {
  /** What was asked. */
  path: string;
  /** When it was sent, in ms since the test's time origin (performance.now()). */
  sentAt: number;
  /** How long the answer took, in ms. */
  ms: number;
  /** HTTP status, or 0 when no answer came (`failure` says why: a timeout or a refused connection). */
  status: number;
  /** `error.code` of a JSON error body, else null. */
  code: string | null;
  /** The Retry-After header, if any. */
  retryAfter: string | null;
  failure?: string;
}

/** Sends one request and records its answer; gives up after `timeoutMs` (status 0) instead of hanging. */
export async function timedRequest(
  baseUrl: string,
  path: string,
  { cookie, timeoutMs = 5_000 }: { cookie?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const sentAt = performance.now();
  try {
    const res = await fetch(baseUrl + path, {
      headers: cookie ? { Cookie: cookie } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      // Not JSON: no code.
    }
    return {
      path,
      sentAt,
      ms: performance.now() - sentAt,
      status: res.status,
      code,
      retryAfter: res.headers.get('retry-after'),
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const failure = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause;
    return {
      path,
      sentAt,
      ms: performance.now() - sentAt,
      status: 0,
      code: null,
      retryAfter: null,
      failure: failure ?? String(error),
    };
  }
}

/** A compact line per answer for failure messages. */
export function describeAnswers(answers: Answer[]): string {
  return answers
    .map(
      (a) =>
        `${(a.sentAt / 1000).toFixed(2)}s ${a.path} → ${a.status}${a.code ? ` ${a.code}` : ''}` +
        `${a.failure ? ` (${a.failure})` : ''} in ${Math.round(a.ms)} ms`,
    )
    .join('\n');
}

/** The native PostgreSQL cluster, stopped and started with pg_ctlcluster. */
export interface Cluster {
  version: string;
  name: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Starts it if it is not running (for clean-up after a failure). */
  ensureRunning(): Promise<void>;
}

/** The cluster serving port 5432 of `externalBaseUrl()`, or why the test cannot stop and start it. */
export async function clusterControl(): Promise<Cluster | string> {
  if (inject('resilienceDatabaseUrl') === null) return inject('externalSkipReason') ?? 'no native database';
  if (process.getuid?.() !== 0)
    return 'not running as root, so pg_ctlcluster cannot stop and start PostgreSQL';
  let listing: string;
  try {
    listing = (await run('pg_lsclusters', ['-h'])).stdout;
  } catch {
    return 'pg_lsclusters/pg_ctlcluster (postgresql-common) not available';
  }
  const port = new URL(externalBaseUrl()).port || '5432';
  const line = listing
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .find((fields) => fields[2] === port);
  const [version, name, , status] = line ?? [];
  if (!version || !name) return `no cluster of pg_lsclusters listens on port ${port}`;
  if (status !== 'online') return `cluster ${version}/${name} is ${status}, not online`;
  const ctl = (action: 'stop' | 'start') =>
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, action], { timeout: 60_000 });
  const isRunning = async () =>
    (await run('pg_lsclusters', ['-h', version, name])).stdout.includes(' online ');
  return {
    version,
    name,
    stop: async () => {
      await ctl('stop');
    },
    start: async () => {
      await ctl('start');
    },
    ensureRunning: async () => {
      if (!(await isRunning())) await ctl('start');
    },
  };
}
