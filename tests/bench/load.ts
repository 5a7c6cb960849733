// A load test of the real server on 127.0.0.1 with a realistic mix of dashboard requests:
//     pnpm bench:load [--connections=200] [--seconds=60] [--runs=3]
// 1. Start time: the server (`server/src/main.ts`, RATE_LIMIT_PER_MINUTE=0) is started on a fresh embedded data
//    directory (or on DATABASE_URL when set) and timed to "ready"; it is stopped once its releases and analyses
//    are decided, then started again on the same data (a later start) and timed again.
// 2. Load: --connections concurrent keep-alive connections (autocannon) for --seconds, --runs times on the same
//    server. Each request is drawn (seeded) from the mix below: mostly public map views, then NGO and task-force
//    views signed in with the demo accounts. Reports requests per second, latency percentiles, errors and
//    non-2xx answers, and the resident memory of the server (and of its embedded database) after each run: it
//    should not grow from run to run.
// Prints a table and writes bench-results/load.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Tier } from '@titik-rawan/shared';
import { TIME_BANDS } from '@titik-rawan/shared/codes';
import { DEFAULT_DEMO_PASSWORD, REPO_ROOT } from '@titik-rawan/server/config';
import { seededRandom } from '@titik-rawan/server/releases/seeded-random';
import { startServerProcess, type ServerProcess } from '../e2e/server';
import { memoryOf } from '../support/memory';
import { signIn } from './sign-in';
import { formatTable, latencyOf, type Latency } from './table';

const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results/load.json');

interface Options {
  connections: number;
  seconds: number;
  runs: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      runs: { type: 'string', default: '3' },
    },
  });
  const positive = (name: keyof typeof values): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name}: "${values[name]}" is not a positive integer`);
    return value;
  };
  return { connections: positive('connections'), seconds: positive('seconds'), runs: positive('runs') };
}

/** What one tier may ask for, read from the server: its periods and categories. */
interface TierView {
  cookie: string | null;
  periods: string[];
  categories: string[];
}

/** One kind of request in the mix: how often it comes, and how to draw one. */
interface MixEntry {
  name: string;
  weight: number;
  tier: Tier;
  path: (pick: <T>(list: readonly T[]) => T, view: TierView) => string;
}

const years = (view: TierView) => view.periods.filter((p) => /^\d{4}$/.test(p));
const quarters = (view: TierView) => view.periods.filter((p) => p.includes('-Q'));
const months = (view: TierView) => view.periods.filter((p) => /^\d{4}-\d{2}$/.test(p));

/**
 * The mix: a public visitor pans the map through periods and categories, opens the hot spots and an area's series;
 * NGO staff look at finer cells and the outreach ranking; the task force plans patrols and placements.
 */
function mixOf(kelurahan: readonly string[]): MixEntry[] {
  const q = (view: TierView, pick: <T>(list: readonly T[]) => T) =>
    `period=${pick(quarters(view))}&category=${pick(view.categories)}`;
  return [
    {
      name: 'public cells',
      weight: 25,
      tier: 'public',
      path: (pick, v) => `/api/releases/cells?resolution=7&${q(v, pick)}`,
    },
    {
      name: 'public areas',
      weight: 10,
      tier: 'public',
      path: (pick, v) => `/api/releases/areas?level=kelurahan&${q(v, pick)}`,
    },
    {
      name: 'public hot spots',
      weight: 15,
      tier: 'public',
      path: (pick, v) => `/api/hotspots?resolution=7&${q(v, pick)}`,
    },
    {
      name: 'public series',
      weight: 5,
      tier: 'public',
      path: (pick, v) =>
        `/api/releases/series?place=${pick(kelurahan)}&step=quarter&category=${pick(v.categories)}`,
    },
    { name: 'metadata', weight: 5, tier: 'public', path: () => '/api/releases/metadata' },
    { name: 'boundaries', weight: 3, tier: 'public', path: () => '/api/geography/areas?level=kelurahan' },
    {
      name: 'ngo cells (month)',
      weight: 8,
      tier: 'ngo',
      path: (pick, v) =>
        `/api/releases/cells?resolution=8&period=${pick(months(v))}&category=${pick(v.categories)}`,
    },
    {
      name: 'ngo outreach',
      weight: 4,
      tier: 'ngo',
      path: (pick, v) => `/api/planning/outreach?period=${pick(years(v))}&category=all`,
    },
    {
      name: 'ngo emerging',
      weight: 3,
      tier: 'ngo',
      path: () => '/api/hotspots/emerging?resolution=8&step=month&category=all',
    },
    {
      name: 'satgas patrol',
      weight: 4,
      tier: 'satgas',
      path: (pick, v) =>
        `/api/planning/patrol?resolution=8&period=${pick(quarters(v))}&category=all&shift=${pick(TIME_BANDS)}`,
    },
    {
      name: 'satgas placements',
      weight: 3,
      tier: 'satgas',
      path: (pick, v) =>
        `/api/planning/placements?resolution=8&period=${pick(years(v))}&category=all&sites=10&coverage=500`,
    },
    {
      name: 'satgas risk terrain',
      weight: 3,
      tier: 'satgas',
      path: (pick, v) => `/api/risk-terrain?resolution=8&period=${pick(years(v))}&category=all`,
    },
  ];
}

async function getJson<T>(url: string, cookie: string | null): Promise<T> {
  const answer = await fetch(url, { headers: cookie ? { cookie } : {} });
  if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}

async function tierViews(baseUrl: string): Promise<Record<Tier, TierView>> {
  const views: Partial<Record<Tier, TierView>> = {};
  for (const tier of ['public', 'ngo', 'satgas', 'admin'] as const) {
    const cookie = tier === 'public' ? null : await signIn(baseUrl, tier, DEFAULT_DEMO_PASSWORD);
    const metadata = await getJson<{ periods: string[]; categories: string[] }>(
      `${baseUrl}/api/releases/metadata`,
      cookie,
    );
    views[tier] = { cookie, periods: metadata.periods, categories: metadata.categories };
  }
  return views as Record<Tier, TierView>;
}

/** Resident memory of a process in whole MiB (null when it cannot be read). */
async function rssMiB(pid: number | null): Promise<number | null> {
  const memory = await memoryOf(pid);
  return memory && Math.round(memory.rssMiB);
}

/** Seconds the server took to be ready, as it prints them. */
function readySeconds(server: ServerProcess): number | null {
  const seconds = /ready at \S+ \(.*?([\d.]+) s\)/.exec(server.output())?.[1];
  return seconds === undefined ? null : Number(seconds);
}

/** Process id of the embedded database, as the server prints it (null on an external database). */
function databasePid(server: ServerProcess): number | null {
  const pid = /embedded database in .*?, process (\d+)/.exec(server.output())?.[1];
  return pid === undefined ? null : Number(pid);
}

interface RunResult {
  run: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Requests that got no answer: socket errors and timeouts ({@link TIMEOUT_SECONDS}). */
  errors: number;
  /** Of which timeouts. */
  timeouts: number;
  non2xx: number;
  serverRssMiB: number | null;
  databaseRssMiB: number | null;
  /** Each kind of request of the mix on its own, timed here from sending to the end of its answer. */
  entries: EntryResult[];
}

/** One request drawn from the mix and sent, until its answer comes. */
interface Pending {
  entry: string;
  sentAt: number;
}

/** Latencies of one kind of request in a run, and the requests of that kind that never got an answer. */
interface EntryResult {
  name: string;
  latencyMs: Latency | null;
  unanswered: number;
}

/** Seconds autocannon waits for an answer before it counts a timeout and opens a new connection. */
const TIMEOUT_SECONDS = 10;

async function loadRun(
  server: ServerProcess,
  options: Options,
  mix: readonly MixEntry[],
  views: Record<Tier, TierView>,
  run: number,
): Promise<RunResult> {
  const random = seededRandom(run);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const totalWeight = mix.reduce((sum, entry) => sum + entry.weight, 0);
  const draw = (): MixEntry => {
    let left = random() * totalWeight;
    for (const entry of mix) {
      left -= entry.weight;
      if (left < 0) return entry;
    }
    return mix[0] as MixEntry;
  };
  // autocannon builds each request just before it sends it, and hands the answer back with the same context.
  const latencies = new Map<string, number[]>(mix.map((entry) => [entry.name, []]));
  const pending = new Set<Pending>();
  const result = await autocannon({
    url: server.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: TIMEOUT_SECONDS,
    requests: [
      {
        setupRequest: (request, context: { sent?: Pending }) => {
          const entry = draw();
          const view = views[entry.tier];
          context.sent = { entry: entry.name, sentAt: performance.now() };
          pending.add(context.sent);
          return {
            ...request,
            method: 'GET',
            path: entry.path(pick, view),
            headers: { 'accept-encoding': 'gzip', ...(view.cookie ? { cookie: view.cookie } : {}) },
          };
        },
        onResponse: (_status, _body, context: { sent?: Pending }) => {
          const sent = context.sent;
          if (!sent) return;
          pending.delete(sent);
          latencies.get(sent.entry)?.push(performance.now() - sent.sentAt);
        },
      },
    ],
  });
  // Requests still waiting when the run stopped are not lost; those older than the timeout are.
  const stoppedAt = performance.now();
  const unanswered = (name: string) =>
    [...pending].filter((p) => p.entry === name && stoppedAt - p.sentAt > TIMEOUT_SECONDS * 1000).length;
  return {
    run,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverRssMiB: await rssMiB(server.pid),
    databaseRssMiB: await rssMiB(databasePid(server)),
    entries: mix.map(({ name }) => ({
      name,
      latencyMs: latencyOf(latencies.get(name) ?? []),
      unanswered: unanswered(name),
    })),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const database = process.env.DATABASE_URL ? 'external' : 'embedded';
  const env = { RATE_LIMIT_PER_MINUTE: '0' };
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-rawan-load-'));
  try {
    console.log(`Starting the server (${database} database)…`);
    const first = await startServerProcess({ env, dataDir });
    const firstStart = readySeconds(first);
    await first.stop();
    const server = await startServerProcess({ env, dataDir });
    const laterStart = readySeconds(server);
    console.log(`Ready in ${firstStart} s on new data, ${laterStart} s on the same data again.`);
    try {
      const views = await tierViews(server.baseUrl);
      const kelurahan = (
        await getJson<{ features: { properties: { code: string } }[] }>(
          `${server.baseUrl}/api/geography/areas?level=kelurahan`,
          null,
        )
      ).features.map((f) => f.properties.code);
      const mix = mixOf(kelurahan);
      const runs: RunResult[] = [];
      const idleRss = { server: await rssMiB(server.pid), database: await rssMiB(databasePid(server)) };
      for (let run = 1; run <= options.runs; run++) {
        console.log(
          `Run ${run} of ${options.runs}: ${options.connections} connections for ${options.seconds} s…`,
        );
        runs.push(await loadRun(server, options, mix, views, run));
      }
      console.log();
      console.log(
        `Server memory before the runs: ${idleRss.server} MiB (database ${idleRss.database ?? '–'} MiB)`,
      );
      console.table(
        runs.map((r) => ({
          run: r.run,
          'req/s': r.requestsPerSecond,
          requests: r.requests,
          'p50 ms': r.latencyMs.p50,
          'p90 ms': r.latencyMs.p90,
          'p99 ms': r.latencyMs.p99,
          'max ms': r.latencyMs.max,
          'errors (of which timeouts)': `${r.errors} (${r.timeouts})`,
          'non-2xx': r.non2xx,
          'server MiB': r.serverRssMiB,
          'database MiB': r.databaseRssMiB ?? '–',
        })),
      );
      for (const r of runs) {
        console.log(`\nRun ${r.run}, each kind of request (ms, from sending to the end of the answer):`);
        const ms = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
        console.log(
          formatTable([
            ['request', 'n', 'p50', 'p95', 'p99', 'max', 'unanswered'],
            ...r.entries.map((e) => [
              e.name,
              String(e.latencyMs?.n ?? 0),
              ms(e.latencyMs?.p50),
              ms(e.latencyMs?.p95),
              ms(e.latencyMs?.p99),
              ms(e.latencyMs?.max),
              String(e.unanswered),
            ]),
          ]),
        );
      }
      await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
      const measured = {
        benchmark: 'load',
        measuredAt: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
          node: process.version,
        },
        database,
        options,
        startSeconds: { first: firstStart, later: laterStart },
        mix: mix.map(({ name, weight, tier }) => ({ name, weight, tier })),
        idleRss,
        runs,
      };
      await writeFile(RESULTS_FILE, `${JSON.stringify(measured, null, 2)}\n`);
      console.log(`Written to ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
      if (runs.some((r) => r.errors + r.non2xx > 0)) process.exitCode = 1;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
