// Browser tests of the released-counts layer: what the map draws matches the release API for the same
// parameters, follows the filters, respects each tier's limits, and no API response the page receives
// carries an incident's coordinates or an exact date.
import type { Page } from 'playwright-core';
import { generateDemoData } from '@titik-rawan/db/seed/demo.ts';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openDashboard,
  renderedReleases,
  saveScreenshot,
  waitForRelease,
  useBrowserSession,
  type RenderedRelease,
} from './browser';

const DESKTOP = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

/** An API response the page received, kept for the privacy scan. */
interface SeenResponse {
  url: string;
  body: string;
}

let seen: Array<Promise<SeenResponse>> = [];
/** Every stored incident's point as text, `lon,lat` and `lat,lon`, with and without a space. */
let incidentPairs: Set<string>;
/** Every stored incident's point as `lon|lat` rounded to 6 decimals, for reading numbers out of bodies. */
let incidentPoints: Set<string>;

/** Every page a test opens records the body of every `/api/` response it receives. */
const session = useBrowserSession((page) => {
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    seen.push(
      response.text().then(
        (body) => ({ url: response.url(), body }),
        () => ({ url: response.url(), body: '' }),
      ),
    );
  });
});

beforeAll(async () => {
  // A fresh server builds its releases on first use; wait for that here, not in each test's map wait.
  const metadata = await fetch(`${session.baseUrl}/api/releases/metadata`);
  expect(metadata.status).toBe(200);
  incidentPairs = new Set();
  incidentPoints = new Set();
  for (const incident of generateDemoData().incidents) {
    if (!incident.lonLat) continue;
    const [lon, lat] = incident.lonLat.map((value) => Number(value.toFixed(6)));
    for (const [a, b] of [
      [lon, lat],
      [lat, lon],
    ]) {
      for (const text of [`${a},${b}`, `${a}, ${b}`, `${a?.toFixed(6)},${b?.toFixed(6)}`])
        incidentPairs.add(text);
    }
    incidentPoints.add(`${lon}|${lat}`);
  }
});

/** Numbers with six or more decimals in a body, read in order (coordinates as they appear in JSON). */
function preciseNumbers(body: string): number[] {
  return [...body.matchAll(/-?\d+\.\d{6,}/g)].map((match) => Number(match[0]));
}

/** Why a response body could reveal a stored incident: exact dates or incident coordinates it contains. */
function incidentTraces(body: string): string[] {
  const traces = [...body.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((match) => `date ${match[0]}`);
  for (const pair of incidentPairs) if (body.includes(pair)) traces.push(`coordinates ${pair}`);
  const numbers = preciseNumbers(body).map((value) => Number(value.toFixed(6)));
  for (let i = 0; i + 1 < numbers.length; i++) {
    const [a, b] = [numbers[i], numbers[i + 1]];
    if (incidentPoints.has(`${a}|${b}`) || incidentPoints.has(`${b}|${a}`)) {
      traces.push(`coordinates ${a},${b} (rounded)`);
    }
  }
  return traces;
}

/** Checks every API response the test's pages received, then starts a new record. */
async function expectNoIncidentTraces(): Promise<SeenResponse[]> {
  const responses = await Promise.all(seen);
  seen = [];
  const leaks = responses.flatMap(({ url, body }) => incidentTraces(body).map((trace) => `${url}: ${trace}`));
  expect(leaks).toEqual([]);
  const paths = responses.map(({ url }) => new URL(url).pathname);
  expect(paths).toContain('/api/releases/metadata');
  expect(paths.some((path) => /^\/api\/releases\/(cells|areas)$/.test(path))).toBe(true);
  return responses;
}

/** The release the API gives this page (same cookies, so the same tier) as sorted rendered-release rows. */
async function releaseFromApi(page: Page, geography: string, period: string, category: string) {
  const path = geography.startsWith('h3-')
    ? `cells?resolution=${geography.slice(3)}&period=${period}&category=${category}`
    : `areas?level=${geography}&period=${period}&category=${category}`;
  const response = await page.request.get(`${session.baseUrl}/api/releases/${path}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    release: { tier: string; threshold: number; period: string; category: string };
    features: Array<{
      properties: { cell?: string; code?: string; count: number | null; suppressed: boolean };
    }>;
  };
  const rows: RenderedRelease[] = body.features
    .map(({ properties: { cell, code, count, suppressed } }) => ({
      id: String(cell ?? code),
      count,
      suppressed,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { release: body.release, rows };
}

/** Waits for a release on the map and checks each drawn feature carries the API's count and suppressed flag. */
async function expectMapShowsRelease(
  page: Page,
  filters: { tier: string; period: string; category: string; geography: string },
): Promise<RenderedRelease[]> {
  const { tier, period, category, geography } = filters;
  await waitForRelease(page, [tier, period, category, geography].join('|'));
  const expected = await releaseFromApi(page, geography, period, category);
  expect(expected.release).toMatchObject({ tier, period, category });
  await expect.poll(() => renderedReleases(page), { timeout: 30_000, interval: 250 }).toEqual(expected.rows);
  return expected.rows;
}

async function choose(page: Page, filter: 'period' | 'category' | 'geography', value: string): Promise<void> {
  await page.getByTestId(`filter-${filter}`).selectOption(value);
}

async function optionValues(page: Page, filter: 'period' | 'geography'): Promise<string[]> {
  return page
    .getByTestId(`filter-${filter}`)
    .locator('option:not([disabled])')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}

describe('released counts layer', () => {
  it('draws the default release (kelurahan, latest full year, all categories) exactly as the API gives it', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    const rows = await expectMapShowsRelease(page, {
      tier: 'public',
      period: '2025',
      category: 'all',
      geography: 'kelurahan',
    });
    expect(rows).toHaveLength(65);
    expect(rows.some((row) => row.suppressed && row.count === null)).toBe(true);
    expect(rows.some((row) => !row.suppressed && (row.count ?? 0) >= 10)).toBe(true);
    expect(rows.every((row) => row.suppressed || row.count === 0 || (row.count ?? 0) >= 10)).toBe(true);

    const params = new URL(page.url()).searchParams;
    expect([params.get('period'), params.get('category'), params.get('geo')]).toEqual([
      '2025',
      'all',
      'kelurahan',
    ]);
    const legend = page.getByTestId('release-legend');
    expect(await legend.textContent()).toContain('disembunyikan (< 10)');
    expect(await page.getByTestId('legend-threshold').textContent()).toContain('k = 10');
    expect(await page.getByTestId('release-geography-note').textContent()).toContain(
      'Angka wilayah mengikuti geografi rilis (sel H3)',
    );
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => legend.textContent()).toContain('suppressed (fewer than 10)');
    expect(await page.getByTestId('release-geography-note').textContent()).toContain(
      'Area counts follow the release geography (H3 cells)',
    );
    await expectNoIncidentTraces();
  });

  it('follows period, category and geography changes, and reproduces them from a link', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl);
    const filters = { tier: 'public', period: '2025', category: 'all', geography: 'kelurahan' };
    const before = await expectMapShowsRelease(page, filters);

    await choose(page, 'period', '2024-Q2');
    const quarter = await expectMapShowsRelease(page, { ...filters, period: '2024-Q2' });
    expect(quarter.map((row) => row.id)).toEqual(before.map((row) => row.id));
    expect(quarter).not.toEqual(before);

    await choose(page, 'category', 'online_solicitation');
    const category = await expectMapShowsRelease(page, {
      ...filters,
      period: '2024-Q2',
      category: 'online_solicitation',
    });
    expect(category).not.toEqual(quarter);

    await choose(page, 'geography', 'h3-7');
    const cells = await expectMapShowsRelease(page, {
      ...filters,
      period: '2024-Q2',
      category: 'online_solicitation',
      geography: 'h3-7',
    });
    expect(cells.every((row) => /^87[0-9a-f]{13}$/.test(row.id))).toBe(true);

    await choose(page, 'geography', 'kecamatan');
    const kecamatan = await expectMapShowsRelease(page, {
      ...filters,
      period: '2024-Q2',
      category: 'online_solicitation',
      geography: 'kecamatan',
    });
    expect(kecamatan).toHaveLength(10);

    const link = new URL(page.url());
    expect(link.searchParams.get('period')).toBe('2024-Q2');
    const second = await session.context.newPage();
    await openDashboard(second, session.baseUrl, `${link.pathname}${link.search}`);
    await expectMapShowsRelease(second, {
      ...filters,
      period: '2024-Q2',
      category: 'online_solicitation',
      geography: 'kecamatan',
    });
    await expectNoIncidentTraces();
  });

  it('keeps months and resolution 8 from the public tier and offers them after signing in as satgas', async () => {
    const page = await session.newPage(DESKTOP);
    // A link asking for a month at resolution 8 falls back to what the public may see: its quarter, resolution 7.
    await openDashboard(page, session.baseUrl, '/?period=2024-05&geo=h3-8');
    await expectMapShowsRelease(page, {
      tier: 'public',
      period: '2024-Q2',
      category: 'all',
      geography: 'h3-7',
    });
    expect((await optionValues(page, 'period')).filter((p) => /^\d{4}-\d{2}$/.test(p))).toEqual([]);
    expect(await optionValues(page, 'geography')).not.toContain('h3-8');
    expect(await page.locator('option[value="h3-8"]').textContent()).toContain('perlu masuk');
    const refused = await page.request.get(
      `${session.baseUrl}/api/releases/cells?resolution=8&period=2024-05&category=all`,
    );
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_for_this_tier');

    await page.getByRole('button', { name: 'Masuk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Masuk ke Titik Rawan' });
    await dialog.getByLabel('Nama pengguna').fill('satgas');
    await dialog.getByLabel('Kata sandi').fill(process.env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });

    // The same filters are fetched again for the new tier, with its smaller threshold.
    await expectMapShowsRelease(page, {
      tier: 'satgas',
      period: '2024-Q2',
      category: 'all',
      geography: 'h3-7',
    });
    await expect.poll(() => page.getByTestId('legend-threshold').textContent()).toContain('k = 3');
    const periods = await optionValues(page, 'period');
    expect(periods).toContain('2024-05');
    expect(await optionValues(page, 'geography')).toContain('h3-8');

    await choose(page, 'geography', 'h3-8');
    await choose(page, 'period', '2024-05');
    const fine = await expectMapShowsRelease(page, {
      tier: 'satgas',
      period: '2024-05',
      category: 'all',
      geography: 'h3-8',
    });
    expect(fine.every((row) => /^88[0-9a-f]{13}$/.test(row.id))).toBe(true);
    expect(fine.every((row) => row.suppressed || row.count === 0 || (row.count ?? 0) >= 3)).toBe(true);

    // Signing out falls back to what the public may see.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await expectMapShowsRelease(page, {
      tier: 'public',
      period: '2024-Q2',
      category: 'all',
      geography: 'h3-7',
    });
    await expectNoIncidentTraces();
  });

  it('saves desktop and phone screenshots with the layer on', async () => {
    const desktop = await session.newPage(DESKTOP);
    await openDashboard(desktop, session.baseUrl);
    await expectMapShowsRelease(desktop, {
      tier: 'public',
      period: '2025',
      category: 'all',
      geography: 'kelurahan',
    });
    await saveScreenshot(desktop, 'releases-desktop-1920x1080');

    const phone = await session.newPage(PHONE);
    await openDashboard(phone, session.baseUrl, '/?geo=h3-7');
    await waitForRelease(phone, 'public|2025|all|h3-7');
    await expect
      .poll(async () => (await renderedReleases(phone)).length, { timeout: 30_000 })
      .toBeGreaterThan(20);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(phone, 'releases-phone-360x740');
    await phone.getByRole('button', { name: /Filter dan legenda/ }).click();
    await saveScreenshot(phone, 'releases-phone-360x740-panel');
    await expectNoIncidentTraces();
  });

  it('has a privacy scan that finds planted coordinates and dates and passes release periods', () => {
    const [pair] = incidentPairs;
    expect(incidentPairs.size).toBeGreaterThan(1000);
    expect(incidentTraces(`{"p":[${pair}]}`).length).toBeGreaterThan(0);
    expect(incidentTraces('{"occurredOn":"2025-03-14"}')).toEqual(['date 2025-03-14']);
    expect(incidentTraces('{"period":"2025-03","count":12}')).toEqual([]);
  });
});
