// Browser tests of the hotspot analytics: switching the hot spot layer on draws the API's Gi* bins, a link
// reproduces the layers, a clicked cell shows its analyses, the model panel shows the risk factors and forecast
// checks, and the public tier never asks for nor sees anything finer than its release policy allows.
import type { Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { describe, expect, it } from 'vitest';
import { clickRing, openDashboard, saveScreenshot, useBrowserSession, waitForRelease } from './browser';

const DESKTOP = { width: 1920, height: 1080 };

/** Layer ids of the hot spot layers (client/src/map/layers/hotspots.ts). */
const HOTSPOT_LAYERS = { fill: 'tr-hotspot-fill', withheld: 'tr-hotspot-withheld' } as const;

declare global {
  interface Window {
    __titikRawanAnalyses?: Partial<
      Record<'hotspots' | 'emerging' | 'risk', { key: string; features: number }>
    >;
  }
}

/** An analytics request the page sent: its path and query parameters. */
interface SentRequest {
  path: string;
  params: URLSearchParams;
}

let sent: SentRequest[] = [];

/** Every page records the analytics requests it sends. */
const session = useBrowserSession((page) => {
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^\/api\/(hotspots|risk-terrain|forecast-checks)/.test(url.pathname)) {
      sent.push({ path: url.pathname, params: url.searchParams });
    }
  });
});

/** One hot spot cell as the API gives it or the map draws it. */
interface HotspotRow {
  cell: string;
  bin: number | null;
}

interface HotspotsBody {
  release: { tier: string; period: string };
  analysis: { withheld: boolean; warnings: Array<{ code: string }> };
  features: Array<{
    geometry: { coordinates: number[][][] };
    properties: { cell: string; bin: number | null; resolution: number };
  }>;
}

/** Waits until the map's source of an analysis holds the request `key` and the map is idle. */
async function waitForAnalysis(page: Page, analysis: 'hotspots' | 'emerging' | 'risk', key: string) {
  await page.waitForFunction(
    ({ analysis, key }) =>
      window.__titikRawanAnalyses?.[analysis]?.key === key && !!window.__titikRawanMap?.loaded(),
    { analysis, key },
    { timeout: 120_000, polling: 250 },
  );
}

/** Hot spot cells rendered on the canvas (bin fills and withheld hatch), one per cell, sorted by cell. */
function renderedHotspots(page: Page): Promise<HotspotRow[]> {
  return page.evaluate((layers) => {
    const byCell = new Map<string, { cell: string; bin: number | null }>();
    for (const feature of window.__titikRawanMap?.queryRenderedFeatures({ layers }) ?? []) {
      const { cell, bin } = feature.properties;
      byCell.set(String(cell), { cell: String(cell), bin: typeof bin === 'number' ? bin : null });
    }
    return [...byCell.values()].sort((a, b) => a.cell.localeCompare(b.cell));
  }, Object.values(HOTSPOT_LAYERS));
}

/** The hot spots the API gives this page (same cookies, so the same tier). */
async function hotspotsFromApi(page: Page, resolution: number, period: string): Promise<HotspotsBody> {
  const response = await page.request.get(
    `${session.baseUrl}/api/hotspots?resolution=${resolution}&period=${period}&category=all`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()) as HotspotsBody;
}

function rows(body: HotspotsBody): HotspotRow[] {
  return body.features
    .map(({ properties: { cell, bin } }) => ({ cell, bin }))
    .sort((a, b) => a.cell.localeCompare(b.cell));
}

/** Clicks the centre of a cell on the map canvas. */
async function signInAsSatgas(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Masuk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Masuk ke Titik Rawan' });
  await dialog.getByLabel('Nama pengguna').fill('satgas');
  await dialog.getByLabel('Kata sandi').fill(process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

describe('hotspot analytics', () => {
  it('draws the API’s Gi* bins when the hot spot layer is switched on, withheld ones hatched, and removes them when off', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl, '/?geo=h3-7&period=2024');
    await waitForRelease(page, 'public|2024|all|h3-7');
    expect(await renderedHotspots(page)).toEqual([]);
    expect(await page.getByTestId('hotspot-legend').count()).toBe(0);

    await page.getByTestId('layer-hotspots').check();
    await waitForAnalysis(page, 'hotspots', 'hotspots|public|7|2024|all');
    const api = await hotspotsFromApi(page, 7, '2024');
    expect(api.release).toMatchObject({ tier: 'public', period: '2024' });
    await expect.poll(() => renderedHotspots(page), { timeout: 30_000, interval: 250 }).toEqual(rows(api));
    expect(rows(api).some((row) => row.bin !== null && row.bin > 0)).toBe(true);
    // The counts share the hot spots' reds, so switching hot spots on switches the counts off.
    expect(await page.getByTestId('layer-counts').isChecked()).toBe(false);
    expect(new URL(page.url()).searchParams.get('layers')).toBe('hotspots');

    const legend = page.getByTestId('hotspot-legend');
    expect(await legend.textContent()).toContain('Titik panas, kepercayaan 95 %');
    expect(await legend.textContent()).toContain('disembunyikan demi privasi');
    if (api.analysis.warnings.some((warning) => warning.code === 'edge_cells')) {
      expect(await page.getByTestId('hotspot-warnings').textContent()).toContain('Sel di tepi kota');
    }
    await saveScreenshot(page, 'analytics-hotspots-desktop-1920x1080');

    // A quarter's map is withheld for the public: every cell is hatched and the legend says why, in words.
    await page.getByTestId('filter-period').selectOption('2024-Q2');
    await waitForAnalysis(page, 'hotspots', 'hotspots|public|7|2024-Q2|all');
    const quarter = await hotspotsFromApi(page, 7, '2024-Q2');
    expect(quarter.analysis.withheld).toBe(true);
    await expect.poll(() => renderedHotspots(page), { timeout: 30_000 }).toEqual(rows(quarter));
    expect(rows(quarter).every((row) => row.bin === null)).toBe(true);
    expect(await page.getByTestId('hotspot-withheld').textContent()).toContain(
      'Hasil ini tidak ditampilkan untuk tingkat akses Anda.',
    );

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => legend.textContent()).toContain('Hot spot, 99 % confidence');
    expect(await page.getByTestId('hotspot-withheld').textContent()).toContain(
      'not shown for your access tier',
    );

    await page.getByTestId('layer-hotspots').uncheck();
    await expect.poll(() => renderedHotspots(page)).toEqual([]);
    expect(new URL(page.url()).searchParams.get('layers')).toBe('');
  });

  it('reproduces the layers from a link and details a clicked cell', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl, '/?geo=h3-7&period=2024&layers=risk,hotspots');
    await waitForAnalysis(page, 'hotspots', 'hotspots|public|7|2024|all');
    await waitForAnalysis(page, 'risk', 'risk|public|7|2024|all');
    expect(await page.getByTestId('layer-counts').isChecked()).toBe(false);
    expect(await page.getByTestId('layer-risk').isChecked()).toBe(true);
    expect(await page.getByTestId('risk-legend').textContent()).toContain(
      'seperlima sel dengan risiko tertinggi',
    );

    const api = await hotspotsFromApi(page, 7, '2024');
    const hottest = [...api.features].sort((a, b) => (b.properties.bin ?? -9) - (a.properties.bin ?? -9))[0];
    expect(hottest).toBeDefined();
    if (!hottest) return;
    await clickRing(page, hottest.geometry.coordinates[0] ?? []);
    const details = page.getByTestId('selected-place');
    await details.waitFor();
    const labels: Record<string, string> = {
      '3': 'Titik panas, kepercayaan 99 %',
      '2': 'Titik panas, kepercayaan 95 %',
      '1': 'Titik panas, kepercayaan 90 %',
      '0': 'Tidak signifikan',
      null: 'disembunyikan demi privasi',
    };
    await expect
      .poll(() => page.getByTestId('cell-hotspot').textContent())
      .toContain(labels[String(hottest.properties.bin)]);
    await expect.poll(() => page.getByTestId('cell-risk').textContent()).toMatch(/× · kelas [1-5] dari 5/);
    await expect.poll(() => page.getByTestId('cell-emerging').textContent()).not.toContain('memuat');
    expect(await page.getByTestId('cell-factors').textContent()).not.toBe('');
    await saveScreenshot(page, 'analytics-selected-cell-desktop-1920x1080');

    await page.getByRole('button', { name: 'Tutup rincian' }).click();
    await details.waitFor({ state: 'detached' });
  });

  it('opens the model panel with the risk factors and the forecast checks', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl, '/?period=2025-Q2');
    await waitForRelease(page, 'public|2025-Q2|all|kelurahan');
    await page.getByText('Model & prakiraan').click();

    const response = await page.request.get(
      `${session.baseUrl}/api/risk-terrain?resolution=7&period=2025-Q2&category=all`,
    );
    expect(response.status()).toBe(200);
    const terrain = (await response.json()) as {
      model: { method: string; factors: Array<{ kind: string }> };
    };
    const method = page.getByTestId('risk-model-method');
    await method.waitFor({ timeout: 120_000 });
    expect(await method.textContent()).toContain(
      terrain.model.method === 'poisson' ? 'Regresi Poisson' : 'Bobot pakar',
    );
    const factorRows = page.getByTestId('risk-factors').locator('tbody tr');
    expect(await factorRows.count()).toBe(terrain.model.factors.length);
    expect(terrain.model.factors.length).toBeGreaterThan(0);
    expect(await page.getByTestId('risk-factors').textContent()).toMatch(/kedekatan|kepadatan/);
    if (terrain.model.method === 'expert-weights') {
      expect(await page.getByTestId('risk-model-fallback').isVisible()).toBe(true);
    }

    const forecast = page.getByTestId('forecast-checks');
    await expect.poll(() => forecast.textContent(), { timeout: 120_000 }).toContain('Triwulan 1 2025');
    expect(await forecast.textContent()).toContain('Titik panas periode sebelumnya');
    expect(await forecast.textContent()).toContain('PAI');
    await saveScreenshot(page, 'analytics-model-panel-desktop-1920x1080');
  });

  it('asks for and shows the public tier nothing finer than its policy, and more after signing in', async () => {
    sent = [];
    const page = await session.newPage(DESKTOP);
    // A link asking for a month, resolution 8 and monthly trends falls back to what the public may see.
    await openDashboard(page, session.baseUrl, '/?period=2024-05&geo=h3-8&layers=hotspots&step=month');
    await waitForAnalysis(page, 'hotspots', 'hotspots|public|7|2024-Q2|all');
    const cells = await renderedHotspots(page);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((row) => /^87[0-9a-f]{13}$/.test(row.cell))).toBe(true);
    await page.getByTestId('layer-emerging').check();
    await waitForAnalysis(page, 'emerging', 'emerging|public|7|quarter|all');
    expect(await page.getByTestId('emerging-step').inputValue()).toBe('quarter');
    expect(await page.locator('[data-testid="emerging-step"] option[value="month"]').isDisabled()).toBe(true);
    expect(await page.getByTestId('emerging-legend').textContent()).toContain('Tren titik panas');

    expect(sent.length).toBeGreaterThan(0);
    for (const { params } of sent) {
      expect(params.get('resolution')).toBe('7');
      expect(params.get('period') ?? '').not.toMatch(/^\d{4}-\d{2}$/);
      expect(params.get('step')).not.toBe('month');
    }
    const refused = await page.request.get(
      `${session.baseUrl}/api/hotspots?resolution=8&period=2024-Q2&category=all`,
    );
    expect(refused.status()).toBe(403);
    const monthly = await page.request.get(
      `${session.baseUrl}/api/hotspots/emerging?resolution=7&step=month&category=all`,
    );
    expect(monthly.status()).toBe(403);

    await signInAsSatgas(page);
    await page.getByTestId('filter-geography').selectOption('h3-8');
    await page.getByTestId('emerging-step').selectOption('month');
    await waitForAnalysis(page, 'emerging', 'emerging|satgas|8|month|all');
    expect(new URL(page.url()).searchParams.get('step')).toBe('month');
    await page.getByTestId('layer-hotspots').check();
    await waitForAnalysis(page, 'hotspots', 'hotspots|satgas|8|2024-Q2|all');
    expect((await renderedHotspots(page)).every((row) => row.cell.startsWith('88'))).toBe(true);

    // Signing out drops the task force's analyses and falls back to what the public may see.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await waitForAnalysis(page, 'hotspots', 'hotspots|public|7|2024-Q2|all');
    expect((await renderedHotspots(page)).every((row) => row.cell.startsWith('87'))).toBe(true);
  });
});
