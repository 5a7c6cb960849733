// Benchmarks the dashboard as a visitor gets it:
//     pnpm bench:dashboard [--runs=5] [--account=satgas] [--cpu-slowdown=1]
// 1. Bundle size of client/dist (built first by the root script): every JS and CSS asset, raw and gzip
//    (level 9), marked initial when index.html references it (script, stylesheet or modulepreload) and
//    fetched when the hot spot view below requested it.
// 2. In headless Chromium against the real server (tests/e2e/server.ts, or E2E_BASE_URL when set), the time
//    from navigation start to the first frame that draws hot spot cells on `/?layers=hotspots` (public tier,
//    default period and resolution; with `--account`, signed in as that demo account, at its tier's finest
//    resolution), and to the map being complete with them (every tile loaded, the roads, which
//    come after the first view, drawn), with first contentful paint and the map's `load` event: each run opens a
//    fresh browser context (cold cache), lets its new window finish starting, then loads the page and reloads it in
//    that context (warm cache). `--cpu-slowdown=N` slows the page's CPU N times (Chromium's CPU throttling, as in
//    DevTools), to see how much room a slower machine would have; software WebGL (the GPU process) is not slowed.
// Prints both tables and writes bench-results/dashboard.json.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD, REPO_ROOT } from '@titik-rawan/server/config';
import { SESSION_COOKIE } from '@titik-rawan/server/auth/sessions';
import { launchBrowser, serverUnderTest } from '../e2e/browser';
import { signIn } from './sign-in';
import { formatTable } from './table';

declare global {
  interface Window {
    __titikRawanAnalyses?: Partial<
      Record<'hotspots' | 'emerging' | 'risk', { key: string; features: number }>
    >;
  }
}

const DIST_DIR = path.join(REPO_ROOT, 'client/dist');
const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results/dashboard.json');
/** The view measured: the hot spot layer on, everything else at the public tier's defaults. */
const VIEW_PATH = '/?layers=hotspots';
/** The hot spot fill layer (client/src/map/layers/hotspots.ts, `HOTSPOT_LAYER.fill`). */
const HOTSPOT_FILL_LAYER = 'tr-hotspot-fill';
/** The major roads (client/src/map/layers/basemap.ts), loaded after the first view: the map is complete with them. */
const ROADS_LAYER = 'tr-roads-major';
/** Performance marks set in the page: the map's `load` event, and its first frame drawing hot spot cells. */
const MARKS = { mapLoad: 'titik-rawan:map-load', hotspotsDrawn: 'titik-rawan:hotspots-drawn' } as const;
const VIEWPORT = { width: 1920, height: 1080 };
const DEFAULT_RUNS = 5;
/**
 * How long a new window is left to finish starting before the page is loaded, in milliseconds. Headless Chromium
 * builds the new window's own address bar pop-up (a WebUI page, about 0.5–1 s of CPU on 2 cores) in its first seconds;
 * a visitor's browser has done so before they type our address.
 */
const NEW_WINDOW_SETTLE_MS = 3000;
/** How long one page load may take to render hot spots, in milliseconds. */
const RENDER_TIMEOUT_MS = 120_000;
const KIB = 1024;

/** One built JS or CSS asset: sizes in bytes, and whether the first load or the hot spot view fetches it. */
interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  initial: boolean;
  fetched?: boolean;
}

/** Milliseconds from navigation start to each milestone of one page load (`null`: not observed). */
interface LoadTiming {
  firstContentfulPaintMs: number | null;
  mapLoadMs: number | null;
  /** When the last `/api/hotspots` answer had arrived (resource timing `responseEnd`). */
  hotspotsAnsweredMs: number | null;
  /** The end of the first frame that drew hot spot cells (the map's `render` event). */
  hotspotsDrawnMs: number | null;
  /** When the map was complete (every source and tile loaded) with hot spot cells and roads drawn. */
  hotspotsRenderedMs: number;
  /** The hot spot request the map drew: `hotspots|tier|resolution|period|category`. */
  hotspotsKey: string;
}

/** Median, fastest and slowest of one milestone over the runs, in milliseconds. */
interface Spread {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

// ----------------------------------------------------------------------------------------------- bundle

/** Sizes of client/dist's JS and CSS assets, initial ones first, then by raw size. */
async function measureBundle(): Promise<AssetSize[]> {
  const html = await readFile(path.join(DIST_DIR, 'index.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]),
  );
  const files = (await readdir(path.join(DIST_DIR, 'assets')))
    .filter((name) => /\.(js|css)$/.test(name))
    .map((name) => `assets/${name}`);
  const assets = await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(path.join(DIST_DIR, file));
      const gzipBytes = gzipSync(bytes, { level: 9 }).length;
      return { file, rawBytes: bytes.length, gzipBytes, initial: initial.has(file) };
    }),
  );
  return assets.sort((a, b) => Number(b.initial) - Number(a.initial) || b.rawBytes - a.rawBytes);
}

/** Raw and gzip bytes summed over some assets. */
function totalOf(assets: readonly AssetSize[]): { rawBytes: number; gzipBytes: number } {
  return {
    rawBytes: assets.reduce((sum, asset) => sum + asset.rawBytes, 0),
    gzipBytes: assets.reduce((sum, asset) => sum + asset.gzipBytes, 0),
  };
}

// ---------------------------------------------------------------------------------------------- browser

/** The part of MapLibre's map that {@link hookMap} uses. */
interface HookedMap {
  once(type: 'load', listener: () => void): unknown;
  on(type: 'render', listener: () => void): unknown;
  getLayer(id: string): unknown;
  queryRenderedFeatures(options: { layers: string[] }): unknown[];
}

/**
 * Before any page script: turns the test hooks on and marks on the performance timeline the map's `load` event and
 * the end of its first frame that drew hot spot cells.
 */
function hookMap({ marks, hotspotLayer }: { marks: typeof MARKS; hotspotLayer: string }): void {
  window.__TITIK_RAWAN_TEST_HOOKS__ = true;
  let exposed: unknown;
  Object.defineProperty(window, '__titikRawanMap', {
    configurable: true,
    get() {
      return exposed;
    },
    set(map: HookedMap | undefined) {
      exposed = map;
      if (!map) return;
      map.once('load', () => performance.mark(marks.mapLoad));
      // Inline listeners only: tsx names declared functions with a helper the page does not have.
      let drawn = false;
      map.on('render', () => {
        if (drawn || !map.getLayer(hotspotLayer)) return;
        if (map.queryRenderedFeatures({ layers: [hotspotLayer] }).length === 0) return;
        drawn = true;
        performance.mark(marks.hotspotsDrawn);
      });
    },
  });
}

/** Navigates and waits, polling every animation frame, until the map is idle with hot spot cells rendered. */
async function timeLoad(page: Page, navigate: () => Promise<unknown>): Promise<LoadTiming> {
  await navigate();
  const rendered = await page.waitForFunction(
    (layers) => {
      const map = window.__titikRawanMap;
      const ready =
        !!window.__titikRawanAnalyses?.hotspots &&
        !!map?.loaded() &&
        layers.every((layer) => map.queryRenderedFeatures({ layers: [layer] }).length > 0);
      return ready && performance.now();
    },
    [HOTSPOT_FILL_LAYER, ROADS_LAYER],
    { polling: 'raf', timeout: RENDER_TIMEOUT_MS },
  );
  const hotspotsRenderedMs = Number(await rendered.jsonValue());
  const marks = await page.evaluate(
    (names) => ({
      firstContentfulPaintMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      mapLoadMs: performance.getEntriesByName(names.mapLoad)[0]?.startTime ?? null,
      hotspotsDrawnMs: performance.getEntriesByName(names.hotspotsDrawn)[0]?.startTime ?? null,
      hotspotsAnsweredMs:
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((entry) => new URL(entry.name).pathname === '/api/hotspots')
          .at(-1)?.responseEnd ?? null,
      hotspotsKey: window.__titikRawanAnalyses?.hotspots?.key ?? '',
    }),
    MARKS,
  );
  return { ...marks, hotspotsRenderedMs };
}

/** Cold and warm page loads, one of each per run, and the paths the first run's page requested. */
async function measureLoads(browser: Browser, baseUrl: string, { runs, account, cpuSlowdown }: Options) {
  const cold: LoadTiming[] = [];
  const warm: LoadTiming[] = [];
  const fetched = new Set<string>();
  for (let run = 1; run <= runs; run += 1) {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    try {
      await context.addInitScript(hookMap, { marks: MARKS, hotspotLayer: HOTSPOT_FILL_LAYER });
      if (account) {
        const cookie = await signIn(baseUrl, account, DEFAULT_DEMO_PASSWORD);
        const value = cookie.slice(`${SESSION_COOKIE}=`.length);
        await context.addCookies([{ name: SESSION_COOKIE, value, url: baseUrl }]);
      }
      const page = await context.newPage();
      await page.waitForTimeout(NEW_WINDOW_SETTLE_MS);
      if (cpuSlowdown > 1) {
        const devtools = await context.newCDPSession(page);
        await devtools.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      }
      if (run === 1) page.on('request', (request) => fetched.add(new URL(request.url()).pathname.slice(1)));
      cold.push(await timeLoad(page, () => page.goto(`${baseUrl}${VIEW_PATH}`, { waitUntil: 'commit' })));
      warm.push(await timeLoad(page, () => page.reload({ waitUntil: 'commit' })));
      console.log(`run ${run}/${runs}: cold ${formatMs(cold.at(-1))}, warm ${formatMs(warm.at(-1))}`);
    } finally {
      await context.close();
    }
  }
  return { cold, warm, fetched };
}

/** Median, minimum and maximum of some milliseconds; `null` when none were observed. */
function spreadOf(values: ReadonlyArray<number | null>): Spread | null {
  const sorted = values.filter((value) => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { medianMs: median ?? 0, minMs: sorted[0] ?? 0, maxMs: sorted.at(-1) ?? 0 };
}

/** The spread of each milestone over some page loads. */
function summarise(loads: readonly LoadTiming[]) {
  return {
    firstContentfulPaint: spreadOf(loads.map((load) => load.firstContentfulPaintMs)),
    mapLoad: spreadOf(loads.map((load) => load.mapLoadMs)),
    hotspotsAnswered: spreadOf(loads.map((load) => load.hotspotsAnsweredMs)),
    hotspotsDrawn: spreadOf(loads.map((load) => load.hotspotsDrawnMs)),
    hotspotsRendered: spreadOf(loads.map((load) => load.hotspotsRenderedMs)),
  };
}

// --------------------------------------------------------------------------------------------- printing

/** Bytes as KiB with one decimal. */
function formatKiB(bytes: number): string {
  return (bytes / KIB).toFixed(1);
}

/** A load's times to the first frame with hot spots and to the complete map, in whole milliseconds. */
function formatMs(load: LoadTiming | undefined): string {
  if (!load) return '-';
  const drawn = load.hotspotsDrawnMs === null ? '-' : `${Math.round(load.hotspotsDrawnMs)} ms`;
  return `drawn ${drawn}, complete ${Math.round(load.hotspotsRenderedMs)} ms`;
}

/** The bundle table: one row per asset, then the totals. */
function bundleTable(assets: readonly AssetSize[]): string {
  const yesNo = (value: boolean | undefined) => (value === undefined ? '-' : value ? 'yes' : 'no');
  const totalRow = (label: string, subset: readonly AssetSize[]) => {
    const total = totalOf(subset);
    return [label, formatKiB(total.rawBytes), formatKiB(total.gzipBytes), '', ''];
  };
  return formatTable([
    ['file', 'raw KiB', 'gzip KiB', 'initial', 'fetched'],
    ...assets.map((a) => [
      a.file,
      formatKiB(a.rawBytes),
      formatKiB(a.gzipBytes),
      yesNo(a.initial),
      yesNo(a.fetched),
    ]),
    totalRow(
      'total initial',
      assets.filter((a) => a.initial),
    ),
    totalRow(
      'total fetched by the hot spot view',
      assets.filter((a) => a.fetched),
    ),
    totalRow('total all', assets),
  ]);
}

/** The page load table: one row per cache state, each cell `median (min–max)`. */
function timingTable(summaries: Record<'cold' | 'warm', ReturnType<typeof summarise>>): string {
  const cell = (spread: Spread | null) =>
    spread ? `${Math.round(spread.medianMs)} (${Math.round(spread.minMs)}–${Math.round(spread.maxMs)})` : '-';
  return formatTable([
    [
      'cache',
      'first contentful paint',
      'map load',
      'hot spots API answered',
      'hot spots first drawn',
      'complete with hot spots',
    ],
    ...(['cold', 'warm'] as const).map((cache) => {
      const { firstContentfulPaint, mapLoad, hotspotsAnswered, hotspotsDrawn, hotspotsRendered } =
        summaries[cache];
      return [
        cache,
        cell(firstContentfulPaint),
        cell(mapLoad),
        cell(hotspotsAnswered),
        cell(hotspotsDrawn),
        cell(hotspotsRendered),
      ];
    }),
  ]);
}

// ------------------------------------------------------------------------------------------------- main

/** What to measure: how many runs, signed in as which demo account (`null`: public), the page's CPU slowed how much. */
interface Options {
  runs: number;
  account: string | null;
  cpuSlowdown: number;
}

/** The options from `--runs` (default 5), `--account` (default none) and `--cpu-slowdown` (default 1). */
function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      account: { type: 'string' },
      'cpu-slowdown': { type: 'string', default: '1' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs: "${values.runs}" is not a positive integer`);
  const cpuSlowdown = Number(values['cpu-slowdown']);
  if (!Number.isFinite(cpuSlowdown) || cpuSlowdown < 1)
    throw new Error(`--cpu-slowdown: "${values['cpu-slowdown']}" is not a number of at least 1`);
  return { runs, account: values.account ?? null, cpuSlowdown };
}

/** How the page was loaded, beyond the defaults, for the printed headings: `, signed in as satgas, …`. */
function conditionsOf({ account, cpuSlowdown }: Options): string {
  return (
    (account ? `, signed in as ${account}` : '') +
    (cpuSlowdown > 1 ? `, the page's CPU slowed ${cpuSlowdown}×` : '')
  );
}

const options = readOptions();
const { runs, account, cpuSlowdown } = options;
const assets = await measureBundle();
console.log(
  `Starting the server${process.env.E2E_BASE_URL ? '' : ' (deciding analyses can take minutes on a cold cache)'}…`,
);
const [server, browser] = await Promise.all([serverUnderTest(), launchBrowser()]);
const browserVersion = browser.version();
let loads: Awaited<ReturnType<typeof measureLoads>>;
try {
  console.log(
    `Measuring ${VIEW_PATH} on ${server.baseUrl}, ${runs} runs, ${VIEWPORT.width}×${VIEWPORT.height}` +
      conditionsOf(options),
  );
  loads = await measureLoads(browser, server.baseUrl, options);
} finally {
  await browser.close();
  await server.stop();
}
for (const asset of assets) asset.fetched = loads.fetched.has(asset.file);
const summaries = { cold: summarise(loads.cold), warm: summarise(loads.warm) };
const tier = loads.cold[0]?.hotspotsKey.split('|')[1] ?? 'unknown';

console.log(
  `\nClient bundle (client/dist; gzip level 9; fetched = requested by ${VIEW_PATH} on a cold load)`,
);
console.log(bundleTable(assets));
console.log(
  `\nPage load, ms from navigation start: median (min–max) of ${runs} runs` + conditionsOf(options),
);
console.log(`view ${VIEW_PATH}, tier ${tier}, hot spots ${loads.cold[0]?.hotspotsKey}`);
console.log(timingTable(summaries));

await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
  browser: `Chromium ${browserVersion}`,
  bundle: {
    assets,
    totals: {
      initial: totalOf(assets.filter((asset) => asset.initial)),
      fetched: totalOf(assets.filter((asset) => asset.fetched)),
      all: totalOf(assets),
    },
  },
  pageLoad: {
    view: VIEW_PATH,
    tier,
    viewport: VIEWPORT,
    runs,
    account,
    cpuSlowdown,
    summaries,
    cold: loads.cold,
    warm: loads.warm,
  },
};
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
