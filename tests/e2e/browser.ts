import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DEFAULT_DEMO_PASSWORD, REPO_ROOT } from '@titik-rawan/server/config';
import { startTestServer, type TestServer } from './server';

/** Debian's Chromium, the only browser on the machines (no browser download). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium in a container: no sandbox, no network chatter, WebGL through SwiftShader. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Where browser tests save screenshots for people to look at. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests/artifacts');

/** Launches Chromium with a fresh temporary profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** The server under test: E2E_BASE_URL when set (left running), else a fresh one from `startTestServer()`. */
export async function serverUnderTest(): Promise<TestServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { baseUrl: external.replace(/\/$/, ''), stop: async () => {} };
  return startTestServer();
}

/** What the tests of one file share: the server under test, Chromium, and the current test's browser context. */
export interface BrowserSession {
  /** The server's base URL (after the file's `beforeAll`). */
  readonly baseUrl: string;
  /** The current test's context (after `newPage`). */
  readonly context: BrowserContext;
  /** A page of the given size in a fresh context, replacing the current test's context. */
  newPage(viewport: { width: number; height: number }): Promise<Page>;
  /** Signs the page's browser context in as a demo account through the API (the cookie is shared with the page). */
  signIn(page: Page, username: 'ngo' | 'satgas' | 'admin'): Promise<void>;
  /** The JSON body of a GET with the page's cookies (so for the page's tier), which must answer 200. */
  json<T>(page: Page, path: string): Promise<T>;
}

/**
 * Starts the server under test and Chromium before the file's tests and stops them after; each test's context
 * is closed after it. `onPage` is called with every page `newPage` opens.
 */
export function useBrowserSession(onPage?: (page: Page) => void): BrowserSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const closeContext = async (): Promise<void> => {
    await context?.close();
    context = undefined;
  };
  beforeAll(async () => {
    [server, browser] = await Promise.all([serverUnderTest(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(closeContext);
  return {
    get baseUrl() {
      if (!server) throw new Error('The server under test is not started yet');
      return server.baseUrl;
    },
    get context() {
      if (!context) throw new Error('No page is open in this test');
      return context;
    },
    async newPage(viewport) {
      if (!browser) throw new Error('Chromium is not started yet');
      await closeContext();
      context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      onPage?.(page);
      return page;
    },
    async signIn(page, username) {
      const response = await page.request.post(`${this.baseUrl}/api/auth/login`, {
        data: { username, password: process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD },
      });
      expect(response.status()).toBe(200);
    },
    async json<T>(page: Page, path: string) {
      const response = await page.request.get(`${this.baseUrl}${path}`);
      expect(response.status(), path).toBe(200);
      return (await response.json()) as T;
    },
  };
}

/** Layer ids of the dashboard's boundary layers (client/src/map/layers/boundaries.ts). */
export const BOUNDARY_LAYERS = {
  kotaLine: 'tr-kota-line',
  kecamatanLine: 'tr-kecamatan-line',
  kelurahanLine: 'tr-kelurahan-line',
  kecamatanLabel: 'tr-kecamatan-label',
  kelurahanLabel: 'tr-kelurahan-label',
} as const;

/** Layer ids of the offline basemap's roads and transit routes (client/src/map/layers/basemap.ts). */
export const BASEMAP_LAYERS = {
  roadsMajor: 'tr-roads-major',
  transitRoutes: 'tr-transit-routes',
} as const;

/** Layer ids of the released-counts layers (client/src/map/layers/releases.ts). */
export const RELEASE_LAYERS = {
  fill: 'tr-release-fill',
  suppressed: 'tr-release-suppressed',
  outline: 'tr-release-outline',
} as const;

/** The part of MapLibre's map the tests use through the test hook. */
interface TestMap {
  loaded(): boolean;
  getZoom(): number;
  getCenter(): { lng: number; lat: number };
  isMoving(): boolean;
  jumpTo(options: { center: [number, number]; zoom: number }): void;
  queryRenderedFeatures(options: { layers: string[] }): Array<{ properties: Record<string, unknown> }>;
}

declare global {
  interface Window {
    __TITIK_RAWAN_TEST_HOOKS__?: boolean;
    __titikRawanMap?: TestMap;
    __titikRawanRelease?: { key: string; features: number };
    /** Points written to the map per layer (client/src/map/testHook.ts). */
    __titikRawanPoints?: Partial<Record<MapPoints, number>>;
    /** Uncovered cells outlined by the coverage check. */
    __titikRawanCoverage?: number;
  }
}

/** The point layers the map reports to tests. */
export type MapPoints = 'venues' | 'interventions' | 'placements' | 'patrol';

/** Waits until the map holds a point layer's data and is idle; its number of points. */
export async function waitForPoints(page: Page, kind: MapPoints): Promise<number> {
  const handle = await page.waitForFunction(
    (kind) => {
      const count = window.__titikRawanPoints?.[kind];
      return count !== undefined && !!window.__titikRawanMap?.loaded() ? count : null;
    },
    kind,
    { timeout: 60_000, polling: 200 },
  );
  return (await handle.jsonValue()) as number;
}

/** One released feature as drawn: its id (H3 cell or Kemendagri code) and released figures. */
export interface RenderedRelease {
  id: string;
  count: number | null;
  suppressed: boolean;
}

/** Waits until the map's release source holds the release `key` (`tier|period|category|geography`) and the map is idle. */
export async function waitForRelease(page: Page, key: string): Promise<void> {
  await page.waitForFunction(
    (key) => window.__titikRawanRelease?.key === key && !!window.__titikRawanMap?.loaded(),
    key,
    { timeout: 60_000, polling: 200 },
  );
}

/** Released features rendered on the canvas (count fills and suppressed hatch), one per id, sorted by id. */
export function renderedReleases(page: Page): Promise<RenderedRelease[]> {
  return page.evaluate(
    (layers) => {
      const byId = new Map<string, { id: string; count: number | null; suppressed: boolean }>();
      for (const feature of window.__titikRawanMap?.queryRenderedFeatures({ layers }) ?? []) {
        const { cell, code, count, suppressed } = feature.properties;
        const id = String(cell ?? code);
        byId.set(id, {
          id,
          count: typeof count === 'number' ? count : null,
          suppressed: suppressed === true,
        });
      }
      return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
    },
    [RELEASE_LAYERS.fill, RELEASE_LAYERS.suppressed],
  );
}

/** Opens the dashboard with the map test hook enabled and waits until the kecamatan outlines are drawn. */
export async function openDashboard(page: Page, baseUrl: string, pathAndQuery = '/'): Promise<void> {
  await page.addInitScript(() => {
    window.__TITIK_RAWAN_TEST_HOOKS__ = true;
  });
  await page.goto(`${baseUrl}${pathAndQuery}`);
  await waitForBoundaries(page);
}

/** Waits until the map is idle with kecamatan outlines rendered on the canvas. */
export async function waitForBoundaries(page: Page): Promise<void> {
  await page.waitForFunction(
    (layer) => {
      const map = window.__titikRawanMap;
      return !!map && map.loaded() && map.queryRenderedFeatures({ layers: [layer] }).length > 0;
    },
    BOUNDARY_LAYERS.kecamatanLine,
    { timeout: 90_000, polling: 250 },
  );
}

/** Distinct values of a property over the features rendered in some layers. */
export function renderedValues(page: Page, layers: string[], property: string): Promise<string[]> {
  return page.evaluate(
    ({ layers, property }) => {
      const features = window.__titikRawanMap?.queryRenderedFeatures({ layers }) ?? [];
      return [...new Set(features.map((feature) => String(feature.properties[property])))].sort();
    },
    { layers, property },
  );
}

/** Pixel counts of a screenshot region, decoded in the page itself (no PNG library needed in Node). */
export interface PixelCensus {
  total: number;
  /** Pixels as dark as the boundary lines (each channel below 90). */
  dark: number;
  /** Pixels of the city's paper-white land (each channel above 245). */
  light: number;
  /** Pixels of the grey region outside the city (the basemap background `#e6eaef`, each channel within 3). */
  background: number;
}

/** Takes a screenshot of a page region and counts dark, light and background pixels in it. */
export async function pixelCensus(
  page: Page,
  clip: { x: number; y: number; width: number; height: number },
): Promise<PixelCensus> {
  const png = await page.screenshot({ clip });
  return page.evaluate(
    async (dataUrl) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      let light = 0;
      let background = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        if (r < 90 && g < 90 && b < 90) dark += 1;
        else if (r > 245 && g > 245 && b > 245) light += 1;
        else if (Math.abs(r - 230) <= 3 && Math.abs(g - 234) <= 3 && Math.abs(b - 239) <= 3) background += 1;
      }
      return { total: data.length / 4, dark, light, background };
    },
    `data:image/png;base64,${png.toString('base64')}`,
  );
}

/** Where a position on the map is on the page, in CSS pixels. */
export function pointOnPage(page: Page, [lng, lat]: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([lng, lat]) => {
      const map = window.__titikRawanMap as unknown as {
        project(lngLat: [number, number]): { x: number; y: number };
        getCanvas(): HTMLCanvasElement;
      };
      const { x, y } = map.project([lng, lat]);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    },
    [lng, lat] as [number, number],
  );
}

/** Clicks the map at the mean of a polygon ring's corners (inside any convex cell), as a person would. */
export async function clickRing(page: Page, ring: number[][]): Promise<void> {
  const corners = ring.slice(0, -1);
  const lng = corners.reduce((sum, [x = 0]) => sum + x, 0) / corners.length;
  const lat = corners.reduce((sum, [, y = 0]) => sum + y, 0) / corners.length;
  const point = await pointOnPage(page, [lng, lat]);
  await page.mouse.click(point.x, point.y);
}

/** Saves a full-page screenshot to tests/artifacts/ and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

let axeSource: string | undefined;

/**
 * Loads axe-core into the page through DevTools: a script tag would be refused by the dashboard's
 * Content-Security-Policy, which allows scripts only from the server.
 */
export async function loadAxe(page: Page): Promise<void> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
}
