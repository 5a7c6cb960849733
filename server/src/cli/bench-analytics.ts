// Benchmarks the hot spot analytics pipeline on a fresh database per run: the demo data (2,400 incidents)
// and 1,000,000 generated incidents, on the embedded database (PGlite in a temporary data directory) and on
// the native PostgreSQL server (a scratch database, dropped afterwards):
//     pnpm bench:analytics [--sizes=demo,1m] [--databases=embedded,native] [--native-url=postgres://…]
// Prints one table per database × size, then a summary, and merges the figures into
// bench-results/analytics.json (runs of other databases or sizes already there are kept).
// Steps: load (not part of the analytics figures), the SQL count aggregation, Gi* + FDR of one map and of
// every map, emerging hot spots, buildAnalytics, and the warm lookup of a map cached per release.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INCIDENT_COUNT } from '@titik-rawan/db/seed/demo.ts';
import { INCIDENT_CATEGORIES, type H3Index } from '@titik-rawan/shared';
import { buildAnalytics, hotspotKey, type AnalyticsSet, type RiskVenue } from '../analytics/analytics-set';
import { decidePublication } from '../analytics/publication';
import { buildCellCube, cellCounts } from '../analytics/cell-cube';
import { emergingHotSpots } from '../analytics/emerging';
import { hotSpotBins } from '../analytics/fdr';
import { giStar } from '../analytics/gi-star';
import { cellNeighbourhoods } from '../analytics/h3-neighbours';
import { hotspotAnalysis, type HotspotResult } from '../analytics/hotspots';
import { REPO_ROOT } from '../config';
import { createSqlClient, openDatabase, type Database, type Sql } from '../db/database';
import { prepareDataDir } from '../db/embedded/index';
import { migrate } from '../db/migrate';
import { loadDemoData } from '../demo/load-demo';
import { loadGeography } from '../geography/load-geography';
import {
  CELL_RESOLUTIONS,
  loadReleaseGeography,
  type CellResolution,
  type ReleaseGeography,
} from '../releases/geography';
import { readIncidentCounts } from '../releases/incident-counts';
import { buildReleases } from '../releases/suppression';
import { PERIOD_KINDS, periodsInSpan, spanOfMonths, type DataSpan, type Period } from '../releases/periods';
import { ALL_CATEGORIES, type CountRow } from '../releases/table';

/** Data sizes the benchmark knows, by the name given in `--sizes`. */
const SIZES = { demo: DEFAULT_INCIDENT_COUNT, '1m': 1_000_000 } as const;
type SizeName = keyof typeof SIZES;
const DATABASES = ['embedded', 'native'] as const;
type DatabaseName = (typeof DATABASES)[number];

/** Repetitions: database queries (per size), in-memory computations, and microsecond-scale lookups. */
const RUNS = { query: { demo: 10, '1m': 3 }, compute: 5, fast: 20 } as const;
/** Resolution, category and number of months of the single map and of the emerging analysis. */
const MAP_RESOLUTION: CellResolution = 8;
const EMERGING_MONTHS = 36;
const TREND_ALPHA = 0.05;
const CATEGORIES = [ALL_CATEGORIES, ...INCIDENT_CATEGORIES];
const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'analytics.json');
const DEFAULT_NATIVE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Timing of one step: median, fastest and slowest of its counted runs (a warm-up run precedes several). */
interface StepFigure {
  step: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  note?: string;
  error?: string;
}

/** Every figure of one database × size. */
interface RunFigures {
  database: DatabaseName;
  size: SizeName;
  incidents: number;
  measuredAt: string;
  serverVersion?: string;
  load: StepFigure[];
  steps: StepFigure[];
  error?: string;
}

/** The machine the figures were measured on. */
interface Machine {
  cpu: string;
  cpus: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

/** A database opened for one run, with what undoes it. */
interface BenchDatabase {
  db: Database;
  dispose(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------- options

interface Options {
  sizes: SizeName[];
  databases: DatabaseName[];
  nativeUrl: string;
}

function listOption<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T[] {
  if (text === undefined) return [...allowed];
  const values = text.split(',').map((v) => v.trim());
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new Error(`--${name}: "${value}" is not one of ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      databases: { type: 'string' },
      'native-url': { type: 'string' },
    },
  });
  return {
    sizes: listOption('sizes', values.sizes, Object.keys(SIZES) as SizeName[]),
    databases: listOption('databases', values.databases, DATABASES),
    nativeUrl: values['native-url'] ?? DEFAULT_NATIVE_URL,
  };
}

// ----------------------------------------------------------------------------------------------- timing

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function figureOf(step: string, times: readonly number[], note?: string): StepFigure {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    step,
    runs: times.length,
    medianMs: median(sorted),
    minMs: sorted[0] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
    ...(note ? { note } : {}),
  };
}

/** Times a synchronous task `runs` times after one uncounted warm-up (none for a single run). */
function measureSync<T>(step: string, runs: number, task: () => T): { figure: StepFigure; value: T } {
  let value = runs > 1 ? task() : undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = task();
    times.push(performance.now() - started);
  }
  return { figure: figureOf(step, times), value: value as T };
}

/** Times an asynchronous task `runs` times after one uncounted warm-up (none for a single run). */
async function measure<T>(
  step: string,
  runs: number,
  task: () => Promise<T>,
): Promise<{ figure: StepFigure; value: T }> {
  let value = runs > 1 ? await task() : undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await task();
    times.push(performance.now() - started);
  }
  return { figure: figureOf(step, times), value: value as T };
}

// -------------------------------------------------------------------------------------------- databases

/** Undo actions of everything opened so far, run last-first at the end or on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];

async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop() as () => Promise<void>;
    await cleanup().catch((error: unknown) => console.error('cleanup failed:', message(error)));
  }
}

async function withCleanup<T>(undo: () => Promise<void>, use: () => Promise<T>): Promise<T> {
  cleanups.push(undo);
  try {
    return await use();
  } finally {
    // Absent when Ctrl-C's handler has already run it.
    const index = cleanups.indexOf(undo);
    if (index >= 0) {
      cleanups.splice(index, 1);
      await undo().catch((error: unknown) => console.error('cleanup failed:', message(error)));
    }
  }
}

/** A fresh embedded database in a temporary data directory (a copy of the PostGIS-ready template). */
async function openEmbedded(): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'titik-bench-'));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    await prepareDataDir({ dataDir });
    const db = await openDatabase({ databaseUrl: null, dataDir, max: 4 });
    return { db, dispose: () => db.close().finally(removeDir) };
  } catch (error) {
    await removeDir();
    throw error;
  }
}

/** A fresh scratch database `titik_bench_<pid>_<size>` on the native server, dropped by `dispose`. */
async function openNative(adminUrl: string, size: SizeName): Promise<BenchDatabase> {
  const name = `titik_bench_${process.pid}_${size}`;
  const admin = createSqlClient(adminUrl, 1);
  const drop = async () => {
    await admin`drop database if exists ${admin(name)} with (force)`;
  };
  try {
    await drop();
    await admin`create database ${admin(name)}`;
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '', max: 4 });
    return { db, dispose: () => db.close().finally(() => drop().finally(() => admin.end({ timeout: 5 }))) };
  } catch (error) {
    await drop().finally(() => admin.end({ timeout: 5 }));
    throw error;
  }
}

function openBenchDatabase(database: DatabaseName, size: SizeName, options: Options): Promise<BenchDatabase> {
  return database === 'embedded' ? openEmbedded() : openNative(options.nativeUrl, size);
}

async function serverVersion(sql: Sql): Promise<string> {
  const [row] = await sql<{ version: string }[]>`select version() as version`;
  return (row?.version ?? '').split(' on ')[0] ?? '';
}

/** Step 1: migrations, geography and demo data of the given size (timed, not part of the analytics). */
async function loadFresh(sql: Sql, incidentCount: number): Promise<StepFigure[]> {
  const migrations = await measure('load: migrations', 1, () => migrate(sql));
  const geography = await measure('load: geography', 1, () => loadGeography(sql));
  const demo = await measure('load: demo data', 1, () => loadDemoData(sql, { incidentCount }));
  const { venues, interventions } = demo.value;
  demo.figure.note = [incidentCount, venues, interventions]
    .map((n, i) => `${n.toLocaleString('en')} ${['incidents', 'venues', 'interventions'][i]}`)
    .join(', ');
  return [migrations.figure, geography.figure, demo.figure];
}

// ---------------------------------------------------------------------------------------------- steps

/** A computed hot spot map kept in memory the way the release worker keeps its analytics. */
interface CachedMap {
  cells: readonly H3Index[];
  result: HotspotResult;
}

const mapKey = (resolution: number, period: string, category: string) =>
  `r${resolution}|${period}|${category}`;

/** Step 2: the SQL aggregation and the venue read the release worker starts from. */
async function benchCounts(
  sql: Sql,
  geography: ReleaseGeography,
  size: SizeName,
): Promise<{ figures: StepFigure[]; rows: CountRow[]; venues: RiskVenue[] }> {
  const runs = RUNS.query[size];
  const counts = await measure('2 readIncidentCounts (SQL aggregation)', runs, () =>
    readIncidentCounts(sql, geography),
  );
  counts.figure.note = `${counts.value.length.toLocaleString('en')} count rows`;
  const venues = await measure(
    '2 read venues',
    runs,
    () => sql<RiskVenue[]>`select kind, st_x(geom)::float8 as lon, st_y(geom)::float8 as lat from venues`,
  );
  venues.figure.note = `${venues.value.length.toLocaleString('en')} venues`;
  return { figures: [counts.figure, venues.figure], rows: counts.value, venues: [...venues.value] };
}

/** Every hot spot map (resolution × period × category) from count rows, keyed by {@link mapKey}. */
function everyHotspotMap(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  span: DataSpan,
): Map<string, CachedMap> {
  const maps = new Map<string, CachedMap>();
  for (const resolution of CELL_RESOLUTIONS) {
    const cube = buildCellCube(geography, rows, resolution, span);
    const hood = cellNeighbourhoods(cube.cells);
    for (const kind of PERIOD_KINDS) {
      for (const period of periodsInSpan(kind, span)) {
        for (const category of CATEGORIES) {
          const result = hotspotAnalysis(cellCounts(cube, period, category), hood);
          maps.set(mapKey(resolution, period.key, category), { cells: cube.cells, result });
        }
      }
    }
  }
  return maps;
}

/** Step 3: Gi* + FDR of one map (r8, last full month, all) with its inputs, and of every map. */
function benchHotspots(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  span: DataSpan,
): { figures: StepFigure[]; maps: Map<string, CachedMap> } {
  const lastMonth = periodsInSpan('month', span).at(-1) as Period;
  const cube = measureSync(`3 buildCellCube r${MAP_RESOLUTION}`, RUNS.compute, () =>
    buildCellCube(geography, rows, MAP_RESOLUTION, span),
  );
  const hood = measureSync(`3 cellNeighbourhoods r${MAP_RESOLUTION}`, RUNS.fast, () =>
    cellNeighbourhoods(cube.value.cells),
  );
  const one = measureSync(`3 one map r${MAP_RESOLUTION} ${lastMonth.key} all: Gi* + FDR`, RUNS.fast, () =>
    hotspotAnalysis(cellCounts(cube.value, lastMonth, ALL_CATEGORIES), hood.value),
  );
  one.figure.note = `${cube.value.cells.length} cells, counts → bins`;
  const every = measureSync('3 every map: cubes + neighbours + Gi* + FDR', RUNS.compute, () =>
    everyHotspotMap(geography, rows, span),
  );
  every.figure.note = `${every.value.size} maps (r7, r8 × months, quarters, years × 6 categories)`;
  return { figures: [cube.figure, hood.figure, one.figure, every.figure], maps: every.value };
}

/** Per-month Gi* z and FDR bins of the last months, resolution 8, all categories, then the classes. */
function emergingFromCounts(geography: ReleaseGeography, rows: readonly CountRow[], span: DataSpan) {
  const cube = buildCellCube(geography, rows, MAP_RESOLUTION, span);
  const hood = cellNeighbourhoods(cube.cells);
  const months = periodsInSpan('month', span).slice(-EMERGING_MONTHS);
  const zs: Float64Array[] = [];
  const bins: Int8Array[] = [];
  for (const month of months) {
    const z = giStar(cellCounts(cube, month, ALL_CATEGORIES), hood.neighbours);
    zs.push(z);
    bins.push(hotSpotBins(z));
  }
  return { zs, bins, classes: emergingHotSpots(bins, zs, { trendAlpha: TREND_ALPHA }) };
}

/** Step 4: emerging hot spots over the last 36 months, r8, all: from count rows to classes. */
function benchEmerging(geography: ReleaseGeography, rows: readonly CountRow[], span: DataSpan): StepFigure[] {
  const label = `4 emerging r${MAP_RESOLUTION} all, ${EMERGING_MONTHS} months`;
  const whole = measureSync(`${label}: counts → classes`, RUNS.compute, () =>
    emergingFromCounts(geography, rows, span),
  );
  const { zs, bins, classes } = whole.value;
  whole.figure.note = `${zs.length} steps × ${classes.length} cells`;
  const classify = measureSync(`${label}: classify only`, RUNS.compute, () =>
    emergingHotSpots(bins, zs, { trendAlpha: TREND_ALPHA }),
  );
  classify.figure.note = 'Mann-Kendall + classes from the z and bins above';
  return [whole.figure, classify.figure];
}

/** Step 5: the whole analytics set as the release worker builds it. */
function benchBuildAnalytics(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  venues: readonly RiskVenue[],
  span: DataSpan,
): { figures: StepFigure[]; set: AnalyticsSet } {
  const built = measureSync('5 buildAnalytics (maps, emerging, risk, forecasts)', 1, () =>
    buildAnalytics(geography, rows, venues, span),
  );
  const set = built.value;
  built.figure.note = `${set.hotspots.size} maps, ${set.emerging.size} emerging, ${set.risk.size} risk, ${set.forecasts.size} forecasts`;
  const parts = Object.entries(set.milliseconds).map(([part, ms]) => ({
    ...figureOf(`5   of which ${part}`, [ms]),
    note: 'as buildAnalytics measures it',
  }));
  return { figures: [built.figure, ...parts], set };
}

/** Step 7: deciding the release and which analyses each tier may see (the disclosure check), once each. */
async function benchDecisions(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  set: AnalyticsSet,
): Promise<StepFigure[]> {
  const release = await measure('7 releases (suppression, every tier)', 1, () =>
    buildReleases(geography, rows),
  );
  const publication = await measure('7 publication (disclosure check of analyses)', 1, () =>
    decidePublication(geography, rows, release.value, set),
  );
  const withheld = Object.values(publication.value.stats).reduce((sum, s) => sum + s.withheldByAudit, 0);
  publication.figure.note = `${withheld} results withheld by the check over all tiers`;
  return [release.figure, publication.figure];
}

/** The response array of one hot spot map as the route builds it (geometry and counts left out). */
function hotspotFeatures(resolution: number, cells: readonly H3Index[], bins: Int8Array, hood: Int32Array) {
  return cells.map((cell, i) => ({
    type: 'Feature' as const,
    id: cell,
    properties: { cell, resolution, bin: bins[i] ?? 0, neighbours: hood[i] ?? 0 },
  }));
}

/** Lookups per timed run of step 6, whose single lookup is too short for the clock. */
const LOOKUPS_PER_RUN = 1_000;

/** Times `lookup` in batches of {@link LOOKUPS_PER_RUN}, reporting the time of one lookup. */
function measureLookup<T>(step: string, lookup: () => T): { figure: StepFigure; value: T } {
  // Every result is kept (in a small ring) so that the compiler cannot drop the work as dead.
  const sink: T[] = [];
  const batch = measureSync(step, RUNS.fast, () => {
    for (let i = 0; i < LOOKUPS_PER_RUN; i++) sink[i % 16] = lookup();
    return sink[(LOOKUPS_PER_RUN - 1) % 16] as T;
  });
  const perLookup = (ms: number) => ms / LOOKUPS_PER_RUN;
  const { medianMs, minMs, maxMs } = batch.figure;
  return {
    figure: {
      ...batch.figure,
      medianMs: perLookup(medianMs),
      minMs: perLookup(minMs),
      maxMs: perLookup(maxMs),
    },
    value: batch.value,
  };
}

/** Step 6: serving one map from the per-release cache: `Map.get` + the response array. */
function benchCachedLookup(
  maps: Map<string, CachedMap>,
  span: DataSpan,
  geography: ReleaseGeography,
  set: AnalyticsSet,
): StepFigure[] {
  const key = mapKey(MAP_RESOLUTION, span.last, ALL_CATEGORIES);
  const own = measureLookup('6 cached: Map.get + response array (step-3 maps)', () => {
    const map = maps.get(key) as CachedMap;
    return hotspotFeatures(MAP_RESOLUTION, map.cells, map.result.bins, map.result.neighbours);
  });
  own.figure.note = `${own.value.length} features; per lookup, ${LOOKUPS_PER_RUN} per run`;
  const setKey = hotspotKey(MAP_RESOLUTION, span.last, ALL_CATEGORIES);
  const cells = geography.cells[MAP_RESOLUTION];
  const fromSet = measureLookup('6 cached: Map.get + response array (analytics set)', () => {
    const map = set.hotspots.get(setKey);
    if (!map) throw new Error(`analytics set has no map ${setKey}`);
    return hotspotFeatures(MAP_RESOLUTION, cells, map.bins, map.neighbours);
  });
  fromSet.figure.note = `${fromSet.value.length} features; per lookup, ${LOOKUPS_PER_RUN} per run`;
  return [own.figure, fromSet.figure];
}

// ------------------------------------------------------------------------------------------------ runs

/** Steps 2–6 on a loaded database. */
async function benchAnalytics(sql: Sql, size: SizeName): Promise<StepFigure[]> {
  const geography = loadReleaseGeography();
  const counts = await benchCounts(sql, geography, size);
  const span = spanOfMonths(counts.rows.map((row) => row.month));
  if (!span) throw new Error('the database holds no incidents');
  const hotspots = benchHotspots(geography, counts.rows, span);
  const emerging = benchEmerging(geography, counts.rows, span);
  const analytics = benchBuildAnalytics(geography, counts.rows, counts.venues, span);
  const cached = benchCachedLookup(hotspots.maps, span, geography, analytics.set);
  const decisions = await benchDecisions(geography, counts.rows, analytics.set);
  return [...counts.figures, ...hotspots.figures, ...emerging, ...analytics.figures, ...cached, ...decisions];
}

/** One database × size: a fresh database, the load, the analytics steps, and the database removed. */
async function benchRun(database: DatabaseName, size: SizeName, options: Options): Promise<RunFigures> {
  const figures: RunFigures = {
    database,
    size,
    incidents: SIZES[size],
    measuredAt: new Date().toISOString(),
    load: [],
    steps: [],
  };
  try {
    const opened = await measure('load: open a fresh database', 1, () =>
      openBenchDatabase(database, size, options),
    );
    figures.load.push(opened.figure);
    const { db, dispose } = opened.value;
    await withCleanup(dispose, async () => {
      figures.serverVersion = await serverVersion(db.sql);
      figures.load.push(...(await loadFresh(db.sql, SIZES[size])));
      figures.steps = await benchAnalytics(db.sql, size);
    });
  } catch (error) {
    figures.error = message(error);
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------- output

function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function formatMs(ms: number): string {
  if (ms >= 100) return Math.round(ms).toLocaleString('en');
  return ms >= 1 ? ms.toFixed(1) : ms.toFixed(3);
}

const STEP_WIDTH = 56;

function tableLine(step: StepFigure): string {
  const name = step.step.padEnd(STEP_WIDTH);
  if (step.error) return `  ${name} FAILED: ${step.error}`;
  const numbers = [step.medianMs, step.minMs, step.maxMs].map((ms) => formatMs(ms).padStart(11)).join('');
  return `  ${name}${String(step.runs).padStart(5)}${numbers}  ${step.note ?? ''}`.trimEnd();
}

function printRun(run: RunFigures): void {
  console.log(`\n${run.database} · ${run.size} (${run.incidents.toLocaleString('en')} incidents)`);
  if (run.serverVersion) console.log(`  ${run.serverVersion}`);
  const header = ['runs', 'median ms', 'min ms', 'max ms'].map((h, i) => h.padStart(i === 0 ? 5 : 11));
  console.log(`  ${'step'.padEnd(STEP_WIDTH)}${header.join('')}`);
  for (const step of [...run.load, ...run.steps]) console.log(tableLine(step));
  if (run.error) console.log(`  FAILED: ${run.error}`);
}

/** Medians of every step side by side, one column per database × size. */
function printSummary(runs: readonly RunFigures[]): void {
  if (runs.length < 2) return;
  const columns = runs.map((run) => `${run.database}·${run.size}`);
  console.log(
    `\nsummary (median ms)\n  ${'step'.padEnd(STEP_WIDTH)}${columns.map((c) => c.padStart(16)).join('')}`,
  );
  const steps = [...new Set(runs.flatMap((run) => [...run.load, ...run.steps].map((s) => s.step)))];
  for (const step of steps) {
    const cells = runs.map((run) => {
      const figure = [...run.load, ...run.steps].find((s) => s.step === step);
      const text = !figure ? '—' : figure.error ? 'failed' : formatMs(figure.medianMs);
      return text.padStart(16);
    });
    console.log(`  ${step.padEnd(STEP_WIDTH)}${cells.join('')}`);
  }
}

/** Merges the runs into the results file, replacing earlier runs of the same database and size. */
async function writeResults(runs: readonly RunFigures[], host: Machine): Promise<void> {
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  const previous = await readFile(RESULTS_FILE, 'utf8')
    .then((text) => (JSON.parse(text) as { runs?: (RunFigures & { machine?: Machine })[] }).runs ?? [])
    .catch(() => []);
  const replaced = (r: RunFigures) => runs.some((run) => run.database === r.database && run.size === r.size);
  const merged = [...previous.filter((r) => !replaced(r)), ...runs.map((run) => ({ ...run, machine: host }))];
  const document = { command: 'pnpm bench:analytics', machine: host, runs: merged };
  await writeFile(RESULTS_FILE, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const options = readOptions();
  const host = machine();
  console.log(
    `machine: ${host.cpu} × ${host.cpus}, ${host.memoryGiB} GiB, node ${host.node}, ${host.platform}`,
  );
  const geography = measureSync('release geography', 1, loadReleaseGeography);
  console.log(
    `release geography: ${geography.value.cells[7].length} r7 and ${geography.value.cells[8].length} r8 cells, built in ${formatMs(geography.figure.medianMs)} ms`,
  );
  console.log(`runs: ${options.databases.join(', ')} × ${options.sizes.join(', ')}`);
  const runs: RunFigures[] = [];
  for (const database of options.databases) {
    for (const size of options.sizes) {
      const run = await benchRun(database, size, options);
      printRun(run);
      runs.push(run);
    }
  }
  printSummary(runs);
  await writeResults(runs, host);
  if (runs.some((run) => run.error || run.steps.some((s) => s.error))) process.exitCode = 1;
}

process.once('SIGINT', () => {
  console.error('\ninterrupted: removing the benchmark databases');
  void runCleanups().finally(() => process.exit(130));
});

await main();
