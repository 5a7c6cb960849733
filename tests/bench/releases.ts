// Benchmarks the release and hot spot endpoints of the real server over HTTP, per data size:
//     pnpm bench [--incidents=10000[,100000,…]] [--venues=10000] [--requests=200] [--max-minutes=20]
// DATABASE_URL names a PostgreSQL/PostGIS server on which a fresh database `titik_bench_<incidents>_<pid>` is
// made for each size and dropped afterwards (--keep-db keeps it); without it, a fresh embedded database (PGlite
// in a temporary data directory, in a child process of this script) is used, and the server reaches it by URL.
// For each size:
//   1. load: migrations, geography and the deterministic synthetic data set (db/seed/demo.ts) of that size;
//   2. bare SQL: the server's own count query (readIncidentCounts, which every release and analysis starts
//      from), the venue and time-profile reads, and each view's aggregate alone (incidents of the period by base
//      cell, or by kelurahan): what the answer would cost without disclosure control or caching;
//   3. cold start: the kept decisions of these data are deleted (node_modules/.cache/titik-rawan/decisions) and
//      every kept year decision is set aside until the size ends (the year decisions the server keeps during a size
//      are deleted at its end), the server is started
//      (`node --import tsx src/main.ts`, RATE_LIMIT_PER_MINUTE=0) and timed to "ready",
//      "Releases decided." and "Analyses decided."; one public request is sent at "ready";
//   4. warm: each endpoint × tier (public, and ngo, satgas, admin signed in with the demo password), a few
//      uncounted requests then --requests timed ones, one at a time on a keep-alive connection, gzip accepted;
//   5. after a data change: a committed batch of --change-rows incidents (copies of random ones of the last month,
//      as a monthly import), then the latency of one request of each endpoint × tier right after the commit
//      (answered from the last release while the new one is decided), then per endpoint × tier the time from the
//      commit to its first 200 of the new data version, and that request's own latency;
//   6. breakdown: buildAnalytics alone in this process, so the server's decision time can be split.
// Server RSS is sampled every second (its own process; the database's is not included). Everything is bounded:
// a size that runs over --max-minutes is stopped (server killed, database dropped) and reported up to there.
// Prints tables and writes bench-results/<timestamp>.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INCIDENT_CATEGORIES, type Tier } from '@titik-rawan/shared';
import {
  buildAnalytics,
  DEFAULT_ANALYTICS_OPTIONS,
  type AnalyticsOptions,
  type RiskVenue,
} from '@titik-rawan/server/analytics/analytics-set';
import { DEFAULT_DEMO_PASSWORD, REPO_ROOT } from '@titik-rawan/server/config';
import { createSqlClient, type Sql } from '@titik-rawan/server/db/database';
import { prepareDataDir, startEmbeddedDatabase } from '@titik-rawan/server/db/embedded/index';
import { migrate } from '@titik-rawan/server/db/migrate';
import { loadDemoData } from '@titik-rawan/server/demo/load-demo';
import { loadGeography } from '@titik-rawan/server/geography/load-geography';
import { readTimeProfiles } from '@titik-rawan/server/planning/time-profile';
import { DECISION_CACHE_DIR, decisionKey } from '@titik-rawan/server/releases/decision-cache';
import { loadReleaseGeography, type ReleaseGeography } from '@titik-rawan/server/releases/geography';
import { incidentsVersion, readIncidentCounts } from '@titik-rawan/server/releases/incident-counts';
import {
  monthsOfPeriod,
  periodsInSpan,
  spanOfMonths,
  type DataSpan,
  type Period,
} from '@titik-rawan/server/releases/periods';
import type { CountRow } from '@titik-rawan/server/releases/table';
import { memoryOf } from '../support/memory';
import { signIn } from './sign-in';
import { formatTable, latencyOf, type Latency } from './table';

// ---------------------------------------------------------------------------------------------- options

interface Options {
  incidents: number[];
  venues: number;
  requests: number;
  warmup: number;
  sqlRuns: number;
  changeRows: number;
  maxMinutes: number;
  period: string | null;
  keepDb: boolean;
  keepCache: boolean;
  breakdown: boolean;
  databaseUrl: string | null;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: "${text}" is not a positive integer`);
  return value;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      incidents: { type: 'string', default: '10000' },
      venues: { type: 'string', default: '10000' },
      requests: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '5' },
      'sql-runs': { type: 'string', default: '20' },
      'change-rows': { type: 'string', default: '100' },
      'max-minutes': { type: 'string', default: '20' },
      period: { type: 'string' },
      'keep-db': { type: 'boolean', default: false },
      'keep-cache': { type: 'boolean', default: false },
      'no-breakdown': { type: 'boolean', default: false },
    },
  });
  const maxMinutes = Number(values['max-minutes']);
  if (!(maxMinutes > 0))
    throw new Error(`--max-minutes: "${values['max-minutes']}" is not a positive number`);
  if (values.period !== undefined && !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(values.period)) {
    throw new Error(`--period: "${values.period}" is not YYYY, YYYY-Qn or YYYY-MM`);
  }
  const databaseUrl = process.env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    incidents: values.incidents.split(',').map((text) => positiveInteger('incidents', text.trim())),
    venues: positiveInteger('venues', values.venues),
    requests: positiveInteger('requests', values.requests),
    warmup: positiveInteger('warmup', values.warmup),
    sqlRuns: positiveInteger('sql-runs', values['sql-runs']),
    changeRows: positiveInteger('change-rows', values['change-rows']),
    maxMinutes,
    period: values.period ?? null,
    keepDb: values['keep-db'],
    keepCache: values['keep-cache'],
    breakdown: !values['no-breakdown'],
    databaseUrl,
  };
}

// ------------------------------------------------------------------------------------------------ figures

/** One endpoint × tier. */
interface Target {
  name: string;
  endpoint: 'cells' | 'areas' | 'hotspots';
  tier: Tier;
  path: string;
  /** Which bare SQL query answers the same view. */
  sqlView: 'by-cell' | 'by-kelurahan';
}

/** The figures of one endpoint × tier. */
interface TargetFigures {
  name: string;
  tier: Tier;
  path: string;
  /** First request of this endpoint × tier once the release (and, for hot spots, the analyses) were decided. */
  firstMs: number | null;
  warm: Latency | null;
  /** Answers other than 200 among the timed warm requests. */
  warmErrors: number;
  bytes: number | null;
  /**
   * Latency of the first request after a data change is committed: while the new data are decided the server
   * answers with the last release (marked updating), so this is what a user asking right after an import waits.
   */
  afterChangeMs: number | null;
  /** From the commit of a data change to this endpoint's first 200 answer on the new data version. */
  coldCommitTo200Ms: number | null;
  /** Latency of that first 200 request itself. */
  coldFirstRequestMs: number | null;
  /** 503s received before it (hot spots while the analyses are decided). */
  coldRetries: number;
  sqlView: 'by-cell' | 'by-kelurahan';
  note?: string;
}

/** A timed step, in milliseconds. */
interface Step {
  step: string;
  ms: number;
  note?: string;
}

/** Memory of the server process, in MiB. */
interface Rss {
  at: string;
  rssMiB: number;
  peakMiB: number;
}

/** Everything measured for one size. */
interface SizeFigures {
  incidents: number;
  venues: number;
  database: 'native' | 'embedded';
  databaseName?: string;
  serverVersion?: string;
  period?: string;
  countRows?: number;
  load: Step[];
  sql: {
    readIncidentCounts?: Latency;
    readVenues?: Latency;
    readTimeProfiles?: Latency;
    views: Partial<Record<'by-cell' | 'by-kelurahan', Latency>>;
  };
  start: {
    /** Whether the kept decisions of these data were found (and deleted) before the start. */
    decisionCacheFound?: { release: boolean; analysed: boolean };
    /** Whether the server wrote its decisions under the keys computed here (a check of the cold start). */
    decisionKeysMatched?: { release: boolean; analysed: boolean };
    readyMs?: number;
    releasesDecidedMs?: number;
    analysesDecidedMs?: number;
    /** Time from ready to the stop when the release or the analyses were not decided in time. */
    releasesPendingAfterMs?: number;
    analysesPendingAfterMs?: number;
    firstRequestAtReady?: { status: number; ms: number };
    firstRequestError?: string;
  };
  change?: {
    rows: number;
    insertMs: number;
    /** Commit to the server's first fresh answer, for the release and for the analyses. */
    releaseMs?: number;
    analysesMs?: number;
  };
  targets: TargetFigures[];
  breakdown: Step[];
  rss: Rss[];
  rssPeakMiB?: number;
  embeddedDbRssMiB?: number;
  error?: string;
  totalMs?: number;
}

async function timeRuns<T>(runs: number, task: () => Promise<T>, warmup = 1): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  return latencyOf(times) as Latency;
}

// ---------------------------------------------------------------------------------------------- logging

const benchStarted = performance.now();

function log(message: string): void {
  const seconds = ((performance.now() - benchStarted) / 1000).toFixed(1).padStart(7);
  console.error(`[${seconds} s] ${message}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ------------------------------------------------------------------------------------------------- HTTP

/** One answer: status, time to the last byte, body size as sent (gzip), ETag, and the body of an error. */
interface Answer {
  status: number;
  ms: number;
  bytes: number;
  etag: string | null;
  error: string | null;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function request(
  url: string,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        agent,
        headers: { 'accept-encoding': 'gzip', ...options.headers },
        signal: options.signal,
      },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        const status = res.statusCode ?? 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (status !== 200 && bytes < 4096) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status,
            ms: performance.now() - started,
            bytes,
            etag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
            error: status === 200 ? null : Buffer.concat(chunks).toString('utf8').slice(0, 300),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A GET; a keep-alive connection the server closed just then is retried once on a new one. */
async function get(url: string, cookie: string | null, signal?: AbortSignal): Promise<Answer> {
  const headers = cookie ? { cookie } : undefined;
  try {
    return await request(url, { headers, signal });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    return request(url, { headers, signal });
  }
}

/** The data version an answer is of, from its ETag (`W/"r<version>-<tier>-…"`). */
function versionOf(answer: Answer): string | null {
  return /^W\/"r(\d+)-/.exec(answer.etag ?? '')?.[1] ?? null;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('stopped: over the time limit'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopped: over the time limit'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------- server

interface RunningServer {
  baseUrl: string;
  pid: number;
  child: ChildProcess;
  /** Milliseconds from the spawn to each line seen so far that matches a pattern, and the output. */
  output(): string;
  /** Resolves with the milliseconds from the spawn when a line matches (immediately if one already did). */
  when(pattern: RegExp, signal: AbortSignal): Promise<number>;
  stop(): Promise<void>;
}

/** Time kept for the warm and cold requests when the analyses take long. */
const RESERVE_MS = 240_000;

const READY = /ready at (http:\/\/\S+)/;
const RELEASES_DECIDED = /^Releases decided\./m;
const ANALYSES_DECIDED = /^Analyses decided\./m;
const NOT_DECIDED = /could not be decided/;

/** Starts the real server on DATABASE_URL `url` as tests/e2e/server.ts does, resolving at "ready". */
async function startServer(
  url: string,
  dataDir: string,
  signal: AbortSignal,
): Promise<{ server: RunningServer; readyMs: number }> {
  const spawned = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(REPO_ROOT, 'server'),
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '0',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = new Map<RegExp, number>();
  const waiters: { pattern: RegExp; resolve: (ms: number) => void; reject: (error: Error) => void }[] = [];
  let exited: string | null = null;
  const failAll = (error: Error) => {
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    const now = performance.now() - spawned;
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(output)) continue;
      if (!seen.has(waiter.pattern)) seen.set(waiter.pattern, now);
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(seen.get(waiter.pattern) as number);
    }
    if (NOT_DECIDED.test(output)) failAll(new Error(`server: ${output.slice(-1500)}`));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, sig) => {
      exited = `server exited (${code ?? sig})`;
      failAll(new Error(`${exited}:\n${output.slice(-3000)}`));
      resolve();
    }),
  );
  const when = (pattern: RegExp, abort: AbortSignal) =>
    new Promise<number>((resolve, reject) => {
      const known = seen.get(pattern);
      if (known !== undefined) return resolve(known);
      if (pattern.test(output)) {
        const now = performance.now() - spawned;
        seen.set(pattern, now);
        return resolve(now);
      }
      if (exited) return reject(new Error(`${exited}:\n${output.slice(-3000)}`));
      if (NOT_DECIDED.test(output)) return reject(new Error(`server: ${output.slice(-1500)}`));
      if (abort.aborted) return reject(new Error('stopped: over the time limit'));
      waiters.push({ pattern, resolve, reject });
      abort.addEventListener('abort', () => reject(new Error('stopped: over the time limit')), {
        once: true,
      });
    });
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(killer);
  };
  if (child.pid === undefined) throw new Error('the server did not start');
  try {
    const readyMs = await when(READY, signal);
    const baseUrl = READY.exec(output)?.[1] ?? '';
    return {
      server: { baseUrl, pid: child.pid, child, output: () => output, when, stop },
      readyMs,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

// --------------------------------------------------------------------------------------------- database

interface BenchDatabase {
  sql: Sql;
  url: string;
  kind: 'native' | 'embedded';
  name?: string;
  embeddedPid?: number;
  dispose(): Promise<void>;
}

/** A fresh database on the server DATABASE_URL names, dropped by `dispose` unless kept. */
async function openNative(adminUrl: string, incidents: number, keep: boolean): Promise<BenchDatabase> {
  const name = `titik_bench_${incidents}_${process.pid}`;
  const admin = createSqlClient(adminUrl, 1);
  const drop = async () => {
    await admin`drop database if exists ${admin(name)} with (force)`;
  };
  await drop();
  await admin`create database ${admin(name)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const sql = createSqlClient(url.toString(), 2);
  return {
    sql,
    url: url.toString(),
    kind: 'native',
    name,
    dispose: async () => {
      await sql.end({ timeout: 5 });
      if (!keep) await drop();
      await admin.end({ timeout: 5 });
    },
  };
}

/** A fresh embedded database (PGlite) in a temporary data directory, reached by URL like any server. */
async function openEmbedded(keep: boolean): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-bench-releases-'));
  await prepareDataDir({ dataDir });
  const embedded = await startEmbeddedDatabase({ dataDir });
  const sql = createSqlClient(embedded.url, 2);
  return {
    sql,
    url: embedded.url,
    kind: 'embedded',
    name: dataDir,
    embeddedPid: embedded.pid,
    dispose: async () => {
      await sql.end({ timeout: 5 });
      await embedded.stop();
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ----------------------------------------------------------------------------------------- the pieces

/** The analysis settings the server uses (server/src/app.ts). */
function serverAnalyticsOptions(): AnalyticsOptions {
  return { ...DEFAULT_ANALYTICS_OPTIONS, ringDistance: Number(process.env.HOTSPOT_RING_DISTANCE ?? 1) };
}

/** The venue read of the release store (release-store.ts `readRiskVenues`). */
function readRiskVenues(sql: Sql): Promise<RiskVenue[]> {
  return sql<RiskVenue[]>`
    select kind, st_x(geom)::float8 as lon, st_y(geom)::float8 as lat from venues order by id`;
}

/** The files under which the release worker keeps the decisions of the data as they are now. */
async function decisionFiles(sql: Sql, geography: ReleaseGeography) {
  const rows = await readIncidentCounts(sql, geography);
  const venues = await readRiskVenues(sql);
  const release = decisionKey(rows);
  const analysed = decisionKey(rows, [...venues], [serverAnalyticsOptions()]);
  return {
    release: path.join(DECISION_CACHE_DIR, `release-${release}.v8`),
    analysed: path.join(DECISION_CACHE_DIR, `analysed-${analysed}.v8`),
  };
}

/**
 * Moves every kept year decision into a directory of its own, so that the server starts without any (one kept by
 * another server on the same data would otherwise decide the year's releases for it), and returns how to put them
 * back. Renaming keeps their times: the clean-up at the end of a size tells them from the server's own.
 */
async function setAsideYearDecisions(): Promise<() => Promise<void>> {
  const files = (await readdir(DECISION_CACHE_DIR).catch(() => [])).filter((file) =>
    file.startsWith('year-'),
  );
  // Nothing kept (a fresh clone has no cache directory at all): nothing to set aside.
  if (files.length === 0) return async () => {};
  const aside = await mkdtemp(path.join(path.dirname(DECISION_CACHE_DIR), 'year-decisions-set-aside-'));
  for (const file of files) await rename(path.join(DECISION_CACHE_DIR, file), path.join(aside, file));
  return async () => {
    for (const file of files) await rename(path.join(aside, file), path.join(DECISION_CACHE_DIR, file));
    await rm(aside, { recursive: true, force: true });
  };
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false,
  );
}

/** The last quarter of the data with all three months in it (the public tier's finest period). */
function defaultPeriod(span: DataSpan): string {
  const quarters = periodsInSpan('quarter', span);
  const full = quarters.filter((q) => monthsOfPeriod(q, span).length === 3);
  return ((full.at(-1) ?? quarters.at(-1)) as Period).key;
}

/** First day of a period and the first day after it, as dates. */
function periodDates(period: string): { from: string; to: string } {
  const [yearText, rest] = period.split('-');
  const year = Number(yearText);
  let firstMonth = 0;
  let months = 12;
  if (rest?.startsWith('Q')) {
    firstMonth = (Number(rest.slice(1)) - 1) * 3;
    months = 3;
  } else if (rest) {
    firstMonth = Number(rest) - 1;
    months = 1;
  }
  const date = (monthOffset: number) =>
    new Date(Date.UTC(year, firstMonth + monthOffset, 1)).toISOString().slice(0, 10);
  return { from: date(0), to: date(months) };
}

/** The aggregate of one view alone: incidents of the period per base cell, or per kelurahan. */
function viewQuery(sql: Sql, view: 'by-cell' | 'by-kelurahan', period: string) {
  const { from, to } = periodDates(period);
  return view === 'by-cell'
    ? sql`
        select base_cell, count(*)::int as n from incidents
        where occurred_on >= ${from} and occurred_on < ${to} and category in ${sql(INCIDENT_CATEGORIES)}
        group by base_cell`
    : sql`
        select kelurahan_code, count(*)::int as n from incidents
        where occurred_on >= ${from} and occurred_on < ${to} and category in ${sql(INCIDENT_CATEGORIES)}
        group by kelurahan_code`;
}

function targetsOf(period: string): Target[] {
  const q = `period=${period}&category=all`;
  const targets: Target[] = [];
  const tiers: Tier[] = ['public', 'ngo', 'satgas', 'admin'];
  for (const tier of tiers) {
    targets.push({
      name: 'cells r7',
      endpoint: 'cells',
      tier,
      path: `/api/releases/cells?resolution=7&${q}`,
      sqlView: 'by-cell',
    });
    // The public tier may not see resolution 8 (403); it is not measured.
    if (tier !== 'public') {
      targets.push({
        name: 'cells r8',
        endpoint: 'cells',
        tier,
        path: `/api/releases/cells?resolution=8&${q}`,
        sqlView: 'by-cell',
      });
    }
    targets.push({
      name: 'areas kelurahan',
      endpoint: 'areas',
      tier,
      path: `/api/releases/areas?level=kelurahan&${q}`,
      sqlView: 'by-kelurahan',
    });
    targets.push({
      name: 'hotspots r7',
      endpoint: 'hotspots',
      tier,
      path: `/api/hotspots?resolution=7&${q}`,
      sqlView: 'by-cell',
    });
    if (tier !== 'public') {
      targets.push({
        name: 'hotspots r8',
        endpoint: 'hotspots',
        tier,
        path: `/api/hotspots?resolution=8&${q}`,
        sqlView: 'by-cell',
      });
    }
  }
  const order = ['cells r7', 'cells r8', 'areas kelurahan', 'hotspots r7', 'hotspots r8'];
  return targets.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/**
 * A monthly import: `rows` copies of random incidents of the data's last month, in a new batch committed in one
 * statement. Only the last year's counts change, as after a real monthly import.
 */
async function changeData(sql: Sql, rows: number): Promise<void> {
  await sql`
    with batch as (
      insert into import_batches (kind, source_name, row_count, synthetic)
      values ('incidents', ${`benchmark data change ${new Date().toISOString()}`}, ${rows}, true)
      returning id
    ),
    last_month as (
      select * from incidents
      where occurred_on >= date_trunc('month', (select max(occurred_on) from incidents))
    )
    insert into incidents (occurred_on, time_band, category, geom, base_cell, kelurahan_code, organisation_code, batch_id)
    select occurred_on, time_band, category, geom, base_cell, kelurahan_code, organisation_code,
      (select id from batch)
    from last_month, generate_series(1, ${rows}) as copy
    order by random()
    limit ${rows}`;
}

// ------------------------------------------------------------------------------------------------ a size

async function benchSize(incidents: number, options: Options, figures: SizeFigures): Promise<void> {
  const controller = new AbortController();
  const { signal } = controller;
  const deadlineAt = performance.now() + options.maxMinutes * 60_000;
  const deadline = setTimeout(() => controller.abort(), options.maxMinutes * 60_000);
  const checkTime = () => {
    if (signal.aborted) throw new Error(`stopped: over the time limit of ${options.maxMinutes} min`);
  };
  const cleanups: (() => Promise<void>)[] = [];
  const cacheFiles = new Set<string>();
  const sizeStarted = Date.now();
  let server: RunningServer | null = null;
  let rssTimer: NodeJS.Timeout | null = null;
  let db: BenchDatabase | null = null;
  let changedData = false;
  let rows: CountRow[] = [];
  let venues: RiskVenue[] = [];
  let span: DataSpan | null = null;
  let readyAt: number | null = null;
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    // 1. A fresh database with the data of this size.
    let started = performance.now();
    db = options.databaseUrl
      ? await openNative(options.databaseUrl, incidents, options.keepDb)
      : await openEmbedded(options.keepDb);
    cleanups.push(db.dispose);
    figures.database = db.kind;
    figures.databaseName = db.name;
    figures.load.push({ step: 'open a fresh database', ms: performance.now() - started });
    const { sql } = db;
    const [version] = await sql<{ version: string }[]>`select version() as version`;
    figures.serverVersion = version?.version.split(' on ')[0];
    started = performance.now();
    await migrate(sql);
    await loadGeography(sql);
    figures.load.push({ step: 'migrations + geography', ms: performance.now() - started });
    log(`${db.kind} database ${db.name}: loading ${incidents.toLocaleString('en')} incidents…`);
    started = performance.now();
    const loaded = await loadDemoData(sql, { incidentCount: incidents, venueCount: options.venues });
    const loadMs = performance.now() - started;
    figures.load.push({
      step: 'generate + load synthetic data',
      ms: loadMs,
      note: `${loaded.incidents.toLocaleString('en')} incidents (${Math.round((loaded.incidents / loadMs) * 1000).toLocaleString('en')}/s), ${loaded.venues.toLocaleString('en')} venues, ${loaded.interventions} interventions`,
    });
    started = performance.now();
    await sql`analyze`;
    figures.load.push({ step: 'analyze', ms: performance.now() - started });
    log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    checkTime();

    // 2. Bare SQL.
    const geography = loadReleaseGeography();
    const countRuns = Math.max(3, Math.min(options.sqlRuns, incidents >= 1_000_000 ? 3 : 10));
    figures.sql.readIncidentCounts = await timeRuns(countRuns, async () => {
      rows = await readIncidentCounts(sql, geography);
    });
    figures.countRows = rows.length;
    figures.sql.readVenues = await timeRuns(countRuns, async () => {
      venues = await readRiskVenues(sql);
    });
    figures.sql.readTimeProfiles = await timeRuns(countRuns, () => readTimeProfiles(sql));
    span = spanOfMonths(rows.map((row) => row.month));
    if (!span) throw new Error('the database holds no incidents');
    const period = options.period ?? defaultPeriod(span);
    figures.period = period;
    for (const view of ['by-cell', 'by-kelurahan'] as const) {
      figures.sql.views[view] = await timeRuns(options.sqlRuns, () => viewQuery(sql, view, period), 2);
    }
    log(
      `bare SQL: readIncidentCounts p50 ${fmt(figures.sql.readIncidentCounts.p50)} ms (${rows.length.toLocaleString('en')} rows), view by cell p50 ${fmt(figures.sql.views['by-cell']?.p50)} ms`,
    );
    checkTime();

    // 3. Cold start: no kept decision of these data.
    const files = await decisionFiles(sql, geography);
    cacheFiles.add(files.release).add(files.analysed);
    figures.start.decisionCacheFound = {
      release: await exists(files.release),
      analysed: await exists(files.analysed),
    };
    await rm(files.release, { force: true });
    await rm(files.analysed, { force: true });
    cleanups.push(await setAsideYearDecisions());
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-bench-server-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    log('starting the server (cold decision cache)…');
    const started2 = await startServer(db.url, dataDir, signal);
    server = started2.server;
    const running = server;
    cleanups.push(() => running.stop());
    figures.start.readyMs = started2.readyMs;
    readyAt = performance.now();
    let peak = 0;
    const sampleRss = async (at?: string) => {
      const memory = await memoryOf(running.pid);
      if (!memory) return;
      peak = Math.max(peak, memory.peakMiB, memory.rssMiB);
      figures.rssPeakMiB = peak;
      if (at) figures.rss.push({ at, ...memory });
    };
    rssTimer = setInterval(() => void sampleRss(), 1000);
    await sampleRss('ready');
    const targets = targetsOf(period);
    const first = targets[0] as Target;
    // The first visitor arrives as the server says it is ready: the release is being decided.
    const firstAnswer = get(`${running.baseUrl}${first.path}`, null, signal);
    firstAnswer.catch(() => undefined);
    figures.start.releasesDecidedMs = await running.when(RELEASES_DECIDED, signal);
    const answered = await firstAnswer.catch((error: unknown) => ({
      status: 0,
      ms: NaN,
      error: message(error),
    }));
    figures.start.firstRequestAtReady = { status: answered.status, ms: answered.ms };
    if (answered.status !== 200) figures.start.firstRequestError = answered.error ?? undefined;
    await sampleRss('releases decided');
    log(
      `releases decided ${fmt((figures.start.releasesDecidedMs - started2.readyMs) / 1000)} s after ready; deciding the analyses…`,
    );
    // Wait for the analyses, but keep time for the warm and cold requests of the release endpoints.
    let analysesDecided = true;
    const analysesWait = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.max(1, Math.round(deadlineAt - performance.now() - RESERVE_MS))),
    ]);
    try {
      figures.start.analysesDecidedMs = await running.when(ANALYSES_DECIDED, analysesWait);
      await sampleRss('analyses decided');
      log(
        `analyses decided ${fmt((figures.start.analysesDecidedMs - started2.readyMs) / 1000)} s after ready`,
      );
    } catch (error) {
      if (signal.aborted || !analysesWait.aborted) throw error;
      analysesDecided = false;
      figures.start.analysesPendingAfterMs = performance.now() - readyAt;
      log(
        `the analyses were not decided ${fmt(figures.start.analysesPendingAfterMs / 1000)} s after ready; measuring the release endpoints while they go on`,
      );
    }
    figures.start.decisionKeysMatched = {
      release: await exists(files.release),
      analysed: await exists(files.analysed),
    };

    // 4. Warm.
    const password = process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    const cookies: Record<Tier, string | null> = { public: null, ngo: null, satgas: null, admin: null };
    for (const tier of ['ngo', 'satgas', 'admin'] as const) {
      cookies[tier] = await signIn(running.baseUrl, tier, password);
    }
    for (const target of targets) {
      const entry: TargetFigures = {
        name: target.name,
        tier: target.tier,
        path: target.path,
        firstMs: null,
        warm: null,
        warmErrors: 0,
        bytes: null,
        afterChangeMs: null,
        coldCommitTo200Ms: null,
        coldFirstRequestMs: null,
        coldRetries: 0,
        sqlView: target.sqlView,
      };
      figures.targets.push(entry);
      if (target.endpoint === 'hotspots' && !analysesDecided) {
        entry.note = 'analyses not decided within the time limit: not measured';
        continue;
      }
      checkTime();
      const url = `${running.baseUrl}${target.path}`;
      const cookie = cookies[target.tier];
      const warmup: Answer[] = [];
      for (let i = 0; i < options.warmup; i++) warmup.push(await get(url, cookie, signal));
      const firstOne = warmup[0] as Answer;
      entry.firstMs = firstOne.ms;
      if (firstOne.status !== 200) entry.note = `${firstOne.status}: ${firstOne.error}`;
      const times: number[] = [];
      for (let i = 0; i < options.requests; i++) {
        const answer = await get(url, cookie, signal);
        if (answer.status !== 200) {
          entry.warmErrors += 1;
          entry.note ??= `${answer.status}: ${answer.error}`;
          continue;
        }
        entry.bytes = answer.bytes;
        times.push(answer.ms);
      }
      entry.warm = latencyOf(times);
      log(
        `warm ${target.name.padEnd(16)} ${target.tier.padEnd(7)} p50 ${fmt(entry.warm?.p50)} p95 ${fmt(entry.warm?.p95)} p99 ${fmt(entry.warm?.p99)} ms`,
      );
    }
    await sampleRss('after warm requests');

    // 5. Cold after a data change.
    checkTime();
    const before = await incidentsVersion(sql);
    started = performance.now();
    await changeData(sql, options.changeRows);
    const committed = performance.now();
    changedData = true;
    figures.change = { rows: options.changeRows, insertMs: committed - started };
    log(
      `data changed (version ${before} → ${await incidentsVersion(sql)}): waiting for the first fresh answers…`,
    );
    // First, one request of each: all of them while the new data are being decided.
    for (const target of targets) {
      const entry = figures.targets.find((t) => t.path === target.path && t.tier === target.tier);
      if (!entry || (target.endpoint === 'hotspots' && !analysesDecided)) continue;
      entry.afterChangeMs = (await get(`${running.baseUrl}${target.path}`, cookies[target.tier], signal)).ms;
    }
    for (const target of targets) {
      const entry = figures.targets.find((t) => t.path === target.path && t.tier === target.tier);
      if (!entry || (target.endpoint === 'hotspots' && !analysesDecided)) continue;
      const url = `${running.baseUrl}${target.path}`;
      for (;;) {
        checkTime();
        let answer: Answer;
        try {
          answer = await get(url, cookies[target.tier], signal);
        } catch (error) {
          if (signal.aborted) throw error;
          entry.note = `cold: a request failed: ${message(error)}`;
          entry.coldRetries += 1;
          continue;
        }
        const fresh = answer.status === 200 && versionOf(answer) !== before;
        if (fresh) {
          entry.coldCommitTo200Ms = performance.now() - committed;
          entry.coldFirstRequestMs = answer.ms;
          break;
        }
        if (answer.status !== 503 && answer.status !== 200) {
          entry.note = `cold: ${answer.status}: ${answer.error}`;
          break;
        }
        entry.coldRetries += 1;
        await sleep(100, signal);
      }
      if (target.endpoint !== 'hotspots') figures.change.releaseMs ??= entry.coldCommitTo200Ms ?? undefined;
      else figures.change.analysesMs ??= entry.coldCommitTo200Ms ?? undefined;
      log(
        `cold ${target.name.padEnd(16)} ${target.tier.padEnd(7)} answer right after the commit ${fmt(entry.afterChangeMs)} ms; fresh figures ${fmt(entry.coldCommitTo200Ms)} ms after the commit (that request ${fmt(entry.coldFirstRequestMs)} ms, ${entry.coldRetries} earlier answers)`,
      );
    }
    await sampleRss('after the data change');

    await running.stop();
    if (db.embeddedPid) figures.embeddedDbRssMiB = (await memoryOf(db.embeddedPid))?.peakMiB;
  } catch (error) {
    if (readyAt !== null && figures.start.releasesDecidedMs === undefined) {
      figures.start.releasesPendingAfterMs = performance.now() - readyAt;
    }
    figures.error = message(error);
    if (server) figures.error += `\nserver output (tail):\n${server.output().slice(-2000)}`;
    log(`FAILED: ${message(error)}`);
  } finally {
    clearTimeout(deadline);
    if (rssTimer) clearInterval(rssTimer);
    process.off('SIGINT', onInterrupt);
    // The kept decisions of the changed data, so that they can be removed too.
    if (changedData && db && !options.keepCache) {
      const changed = await decisionFiles(db.sql, loadReleaseGeography()).catch(() => null);
      if (changed) cacheFiles.add(changed.release).add(changed.analysed);
    }
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop() as () => Promise<void>;
      await cleanup().catch((error: unknown) => log(`clean-up failed: ${message(error)}`));
    }
    if (!options.keepCache) {
      for (const file of cacheFiles) await rm(file, { force: true });
      // The year decisions the server kept during this size (their keys hash each year's counts).
      for (const file of await readdir(DECISION_CACHE_DIR).catch(() => [])) {
        const full = path.join(DECISION_CACHE_DIR, file);
        if (file.startsWith('year-') && (await stat(full)).mtimeMs >= sizeStarted)
          await rm(full, { force: true });
      }
    }
  }
  // 6. Breakdown: the analytics alone, in this process (also when the server ran out of time), seconds at most.
  if (options.breakdown && span && rows.length > 0) {
    const started = performance.now();
    const analytics = buildAnalytics(loadReleaseGeography(), rows, venues, span, serverAnalyticsOptions());
    figures.breakdown.push({
      step: 'buildAnalytics alone (this process)',
      ms: performance.now() - started,
      note: Object.entries(analytics.milliseconds)
        .map(([part, ms]) => `${part} ${Math.round(ms)} ms`)
        .join(', '),
    });
  }
  splitDecision(figures);
}

/**
 * Where the start's decision time went, from the server's log times and the parts timed here: the release after
 * "ready" is the three reads plus the suppression (worker start and cache write included); the analyses after the
 * release are buildAnalytics plus the publication check.
 */
function splitDecision(figures: SizeFigures): void {
  const { readyMs, releasesDecidedMs, analysesDecidedMs } = figures.start;
  if (figures.breakdown.some((step) => step.step.startsWith('start:'))) return;
  const reads =
    (figures.sql.readIncidentCounts?.p50 ?? 0) +
    (figures.sql.readVenues?.p50 ?? 0) +
    (figures.sql.readTimeProfiles?.p50 ?? 0);
  const steps: Step[] = [];
  const pending = figures.start.releasesPendingAfterMs;
  if (readyMs !== undefined && (releasesDecidedMs !== undefined || pending !== undefined)) {
    const release = releasesDecidedMs !== undefined ? releasesDecidedMs - readyMs : (pending as number);
    const more = releasesDecidedMs === undefined ? 'NOT decided, stopped after' : '';
    steps.push({ step: `start: ready → releases decided ${more}`.trim(), ms: release });
    steps.push({ step: 'start:   of which the three SQL reads (p50 timed here)', ms: reads });
    steps.push({
      step: `start:   of which suppression (rest${more ? ', at least' : ''})`,
      ms: release - reads,
    });
  }
  if (
    figures.start.analysesPendingAfterMs !== undefined &&
    releasesDecidedMs !== undefined &&
    readyMs !== undefined
  ) {
    steps.push({
      step: 'start: releases → analyses NOT decided, stopped waiting after',
      ms: figures.start.analysesPendingAfterMs - (releasesDecidedMs - readyMs),
    });
  }
  if (releasesDecidedMs !== undefined && analysesDecidedMs !== undefined) {
    const analyses = analysesDecidedMs - releasesDecidedMs;
    const built = figures.breakdown.find((step) => step.step.startsWith('buildAnalytics'))?.ms;
    steps.push({ step: 'start: releases → analyses decided', ms: analyses });
    if (built !== undefined) {
      steps.push({ step: 'start:   of which buildAnalytics (timed here)', ms: built });
      steps.push({ step: 'start:   of which publication check (rest)', ms: analyses - built });
    }
  }
  figures.breakdown.push(...steps);
}

// ---------------------------------------------------------------------------------------------- output

function fmt(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms >= 100) return Math.round(ms).toLocaleString('en');
  return ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a === null || a === undefined || !b) return '—';
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;
}

function printSize(run: SizeFigures): void {
  console.log(
    `\n${run.database} · ${run.incidents.toLocaleString('en')} incidents · ${run.venues.toLocaleString('en')} venues · period ${run.period ?? '—'}`,
  );
  if (run.serverVersion) console.log(run.serverVersion);
  console.log(
    formatTable(
      [['step', '', 'ms', 'note'], ...run.load.map((s) => [s.step, '', fmt(s.ms), s.note ?? ''])],
      2,
    ),
  );
  const counts = run.sql.readIncidentCounts;
  console.log(
    `\nbare SQL (p50 of ${counts?.n ?? 0}): readIncidentCounts ${fmt(counts?.p50)} ms (${run.countRows?.toLocaleString('en') ?? '—'} count rows), venues ${fmt(run.sql.readVenues?.p50)} ms, time profiles ${fmt(run.sql.readTimeProfiles?.p50)} ms; ` +
      `view by cell ${fmt(run.sql.views['by-cell']?.p50)} ms, by kelurahan ${fmt(run.sql.views['by-kelurahan']?.p50)} ms (p50 of ${run.sql.views['by-cell']?.n ?? 0})`,
  );
  const s = run.start;
  const sinceReady = (ms: number | undefined) =>
    ms === undefined || s.readyMs === undefined ? undefined : ms - s.readyMs;
  console.log(
    `start (cold decision cache${s.decisionCacheFound?.release ? '; a kept decision was deleted first' : ''}): ready ${fmt(s.readyMs)} ms after spawn; releases decided ${fmt(sinceReady(s.releasesDecidedMs))} ms and analyses decided ${fmt(sinceReady(s.analysesDecidedMs))} ms after ready; ` +
      `first request at ready: ${s.firstRequestAtReady?.status ?? '—'} in ${fmt(s.firstRequestAtReady?.ms)} ms; server wrote its decisions under the expected keys: release ${s.decisionKeysMatched?.release ?? '—'}, analyses ${s.decisionKeysMatched?.analysed ?? '—'}`,
  );
  if (run.change) {
    console.log(
      `data change: ${run.change.rows} incidents committed (${fmt(run.change.insertMs)} ms); commit → first fresh release answer ${fmt(run.change.releaseMs)} ms, → first fresh hot spot answer ${fmt(run.change.analysesMs)} ms`,
    );
  }
  const header = [
    'endpoint',
    'tier',
    'first',
    'warm p50',
    'p95',
    'p99',
    'KiB gz',
    'after change',
    'cold: commit→200',
    'its latency',
    'SQL view p50',
    'warm/SQL',
    'cold/counts SQL',
  ];
  const lines = run.targets.map((t) => {
    const view = run.sql.views[t.sqlView]?.p50;
    return [
      t.name,
      t.tier,
      fmt(t.firstMs),
      fmt(t.warm?.p50),
      fmt(t.warm?.p95),
      fmt(t.warm?.p99),
      t.bytes === null ? '—' : (t.bytes / 1024).toFixed(1),
      fmt(t.afterChangeMs),
      fmt(t.coldCommitTo200Ms),
      fmt(t.coldFirstRequestMs),
      fmt(view),
      ratio(t.warm?.p50, view),
      ratio(t.coldCommitTo200Ms, counts?.p50),
    ];
  });
  console.log(`\nlatency over HTTP, ms\n${formatTable([header, ...lines], 2)}`);
  for (const t of run.targets) {
    if (t.note || t.warmErrors) console.log(`  ${t.name} ${t.tier}: ${t.warmErrors} errors; ${t.note ?? ''}`);
  }
  if (run.breakdown.length > 0) {
    console.log(
      `\nwhere the decision time goes\n${formatTable(
        [
          ['step', '', 'ms', 'note'],
          ...run.breakdown.map((step) => [step.step, '', fmt(step.ms), step.note ?? '']),
        ],
        2,
      )}`,
    );
  }
  console.log(
    `server RSS: ${run.rss.map((r) => `${r.at} ${Math.round(r.rssMiB)}`).join(', ')} MiB; peak ${fmt(run.rssPeakMiB)} MiB` +
      (run.embeddedDbRssMiB
        ? `; embedded database process peak ${Math.round(run.embeddedDbRssMiB)} MiB`
        : ''),
  );
  if (run.error) console.log(`FAILED: ${run.error}`);
  console.log(`total ${fmt(run.totalMs)} ms`);
}

async function main(): Promise<void> {
  const options = readOptions();
  const host = {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
  log(`machine: ${host.cpu} × ${host.cpus}, ${host.memoryGiB} GiB, node ${host.node}`);
  const measuredAt = new Date().toISOString();
  const runs: SizeFigures[] = [];
  for (const incidents of options.incidents) {
    const figures: SizeFigures = {
      incidents,
      venues: options.venues,
      database: options.databaseUrl ? 'native' : 'embedded',
      load: [],
      sql: { views: {} },
      start: {},
      targets: [],
      breakdown: [],
      rss: [],
    };
    const started = performance.now();
    await benchSize(incidents, options, figures);
    figures.totalMs = performance.now() - started;
    printSize(figures);
    runs.push(figures);
  }
  const file = path.join(REPO_ROOT, 'bench-results', `${measuredAt.replace(/[:.]/g, '-')}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  const command = `pnpm bench ${process.argv.slice(2).join(' ')}`.trim();
  const options_ = { ...options, databaseUrl: options.databaseUrl ? '(set)' : null };
  await writeFile(
    file,
    `${JSON.stringify({ benchmark: 'releases', command, measuredAt, machine: host, options: options_, runs }, null, 2)}\n`,
  );
  console.log(`\nwrote ${path.relative(REPO_ROOT, file)}`);
  agent.destroy();
  if (runs.some((run) => run.error)) process.exitCode = 1;
}

await main();
