import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { describe, expect, it } from 'vitest';
import {
  BASEMAP_LAYERS,
  BOUNDARY_LAYERS,
  openDashboard,
  pixelCensus,
  renderedValues,
  saveScreenshot,
  useBrowserSession,
  waitForBoundaries,
} from './browser';

const DESKTOP = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

const session = useBrowserSession();

describe('dashboard foundation', () => {
  it('loads in Bahasa Indonesia with the title, map and attribution', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Titik Rawan');
    const attribution = (await page.locator('.maplibregl-ctrl-attrib').textContent()) ?? '';
    expect(attribution).toContain('© OpenStreetMap contributors');
    expect(attribution).toContain('cahyadsn/wilayah_boundaries');
    expect(attribution).toContain('Noto Sans © The Noto Project Authors');
  });

  it('runs under its Content-Security-Policy without a single violation', async () => {
    const page = await session.newPage(DESKTOP);
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const policy = page.waitForResponse((res) => res.url() === `${session.baseUrl}/?layers=counts,hotspots`);
    await openDashboard(page, session.baseUrl, '/?layers=counts,hotspots');
    expect((await policy).headers()['content-security-policy']).toContain("script-src 'self'");
    expect(
      await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
    ).toEqual([]);
  });

  it('draws every kecamatan and kelurahan boundary on the canvas at the home view', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    const kecamatan = await renderedValues(page, [BOUNDARY_LAYERS.kecamatanLine], 'code');
    const kelurahan = await renderedValues(page, [BOUNDARY_LAYERS.kelurahanLine], 'code');
    expect(kecamatan).toHaveLength(10);
    expect(kelurahan).toHaveLength(65);
    expect(kecamatan).toContain('31.75.03');
    const names = await renderedValues(page, [BOUNDARY_LAYERS.kecamatanLabel], 'name');
    expect(names.length).toBeGreaterThanOrEqual(6);

    // Right of the side panel: the city (its land, under the released counts) and its dark outlines are really on screen.
    const census = await pixelCensus(page, { x: 400, y: 80, width: 1400, height: 980 });
    expect((census.total - census.background - census.dark) / census.total).toBeGreaterThan(0.1);
    expect(census.background / census.total).toBeGreaterThan(0.2);
    expect(census.dark).toBeGreaterThan(2_000);
    await saveScreenshot(page, 'dashboard-desktop-1920x1080');
  });

  it('draws the main roads and the Transjakarta and KRL lines once the first view is drawn', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    // Their files are loaded after the boundaries and the data are drawn (client/src/map/style.ts, BASEMAP_FILES).
    await expect
      .poll(() => renderedValues(page, [BASEMAP_LAYERS.roadsMajor], 'highway'), { timeout: 30_000 })
      .toEqual(expect.arrayContaining(['motorway', 'primary', 'secondary']));
    await expect
      .poll(() => renderedValues(page, [BASEMAP_LAYERS.transitRoutes], 'network'), { timeout: 30_000 })
      .toContain('Transjakarta');
  });

  it('draws the map without boundaries when they cannot be loaded, and says why', async () => {
    const page = await session.newPage(DESKTOP);
    await page.route('**/api/geography/areas*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'database_unavailable', message: 'down for the test' } }),
      }),
    );
    await page.addInitScript(() => {
      window.__TITIK_RAWAN_TEST_HOOKS__ = true;
    });
    await page.goto(`${session.baseUrl}/`);
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 30_000 })
      .toContain('Batas wilayah tidak dapat dimuat');
    await page.waitForFunction(() => !!window.__titikRawanMap?.loaded(), null, {
      timeout: 60_000,
      polling: 250,
    });
    expect(await renderedValues(page, [BOUNDARY_LAYERS.kecamatanLine], 'code')).toEqual([]);
  });

  it('does not hold the map back for a slow hot spot answer, and draws the hot spots when they come', async () => {
    const page = await session.newPage(DESKTOP);
    let releaseHotspots: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      releaseHotspots = resolve;
    });
    await page.route('**/api/hotspots?*', async (route) => {
      await held;
      await route.continue();
    });
    await openDashboard(page, session.baseUrl, '/?layers=hotspots');
    expect(await page.evaluate(() => window.__titikRawanAnalyses?.hotspots)).toBeUndefined();
    releaseHotspots();
    await page.waitForFunction(
      (layer) => {
        const map = window.__titikRawanMap;
        return !!map?.loaded() && map.queryRenderedFeatures({ layers: [layer] }).length > 0;
      },
      'tr-hotspot-fill',
      { timeout: 60_000, polling: 250 },
    );
  });

  it('asks for the release metadata alongside the session check, once, for the signed-in tier', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'satgas');
    const metadataRequests: string[] = [];
    let metadataAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => {
      metadataAsked = resolve;
    });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/api/releases/metadata') return;
      metadataRequests.push(request.url());
      metadataAsked();
    });
    // The session's answer is held until the metadata has been asked for: a dashboard that waited for it would
    // never ask, and this test would time out.
    await page.route('**/api/auth/me', async (route) => {
      await asked;
      await route.continue();
    });
    await page.addInitScript(() => {
      window.__TITIK_RAWAN_TEST_HOOKS__ = true;
    });
    await page.goto(`${session.baseUrl}/?layers=counts`);
    await page.waitForFunction(() => window.__titikRawanRelease?.key.startsWith('satgas|'), null, {
      timeout: 60_000,
      polling: 250,
    });
    expect(metadataRequests).toHaveLength(1);
  });

  it('shows the synthetic-data marker with its explanation on focus', async () => {
    const health = (await (await fetch(`${session.baseUrl}/api/health`)).json()) as { demoData: boolean };
    expect(health.demoData).toBe(true);
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    const badge = page.getByTestId('synthetic-data-badge');
    await badge.waitFor({ state: 'visible' });
    expect(await badge.textContent()).toContain('Data sintetis');
    const explanation = page.getByRole('tooltip');
    expect(await explanation.isVisible()).toBe(false);
    await badge.focus();
    await expect.poll(() => explanation.isVisible()).toBe(true);
    expect(await explanation.textContent()).toMatch(/bukan data kasus nyata/);
  });

  it('switches language, keeps it in the URL and after a reload', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('synthetic-data-badge').textContent()).toContain('Synthetic data');
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');

    await page.reload();
    await waitForBoundaries(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Zoom in' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('id');
    expect(await page.getByRole('button', { name: 'Masuk' }).isVisible()).toBe(true);
  });

  it('reproduces a map position from a link', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl, '/?lang=en&view=13.50/-6.21500/106.87000');
    const view = await page.evaluate(() => {
      const map = window.__titikRawanMap;
      return map ? { zoom: map.getZoom(), ...map.getCenter() } : null;
    });
    expect(view?.zoom).toBeCloseTo(13.5, 1);
    expect(view?.lat).toBeCloseTo(-6.215, 3);
    expect(view?.lng).toBeCloseTo(106.87, 3);
    const kelurahanNames = await renderedValues(page, [BOUNDARY_LAYERS.kelurahanLabel], 'name');
    expect(kelurahanNames.length).toBeGreaterThan(3);
  });

  it('signs in and out with the keyboard, and explains wrong credentials in plain words', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    await page.getByRole('button', { name: 'Masuk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Masuk ke Titik Rawan' });
    await dialog.waitFor();
    await page.keyboard.type('satgas');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('Nama pengguna atau kata sandi salah.');

    await dialog.getByLabel('Kata sandi').fill(process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('session-who').textContent()).toContain('satgas');

    await page.reload();
    await waitForBoundaries(page);
    await expect.poll(() => page.getByTestId('session-who').textContent()).toContain('Masuk sebagai satgas');
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expect.poll(() => page.getByTestId('session-who').textContent()).toBe('Publik');
  });

  it('fits a 360 px phone screen with the whole city in view', async () => {
    const page = await session.newPage(PHONE);
    await openDashboard(page, session.baseUrl);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await renderedValues(page, [BOUNDARY_LAYERS.kecamatanLine], 'code')).toHaveLength(10);
    expect(await page.getByTestId('synthetic-data-badge').isVisible()).toBe(true);
    await saveScreenshot(page, 'dashboard-phone-360x740');
  });
});
