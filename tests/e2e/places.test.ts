// Browser tests of the venue and intervention layers, a clicked area's details (released series, venues and
// interventions) and the explanation of what each tier may see: what the page shows matches the API for the
// same tier, and the public tier is told what it does not get instead of missing it silently.
import type { Page } from 'playwright-core';
import type { H3Index } from '@titik-rawan/shared';
import { cellPolygon } from '@titik-rawan/server/releases/features';
import { describe, expect, it } from 'vitest';
import {
  clickRing,
  waitForPoints,
  openDashboard,
  renderedValues,
  saveScreenshot,
  useBrowserSession,
  waitForRelease,
} from './browser';

const DESKTOP = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

/** Style layer ids of the point layers (client/src/map/layers/places.ts). */
const POINT_LAYERS = {
  clusters: 'tr-venue-clusters',
  venues: 'tr-venue-points',
  interventions: 'tr-intervention-points',
} as const;

const session = useBrowserSession();

/** Zooms the map to a position and waits until it is idle. */
async function zoomTo(page: Page, lngLat: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ lngLat, zoom }) => window.__titikRawanMap?.jumpTo({ center: lngLat, zoom }), {
    lngLat,
    zoom,
  });
  await page.waitForFunction(
    () => !!window.__titikRawanMap?.loaded() && !window.__titikRawanMap.isMoving(),
    null,
    {
      timeout: 30_000,
    },
  );
}

describe('venues and interventions', () => {
  it('are not offered to the public, which is told why', async () => {
    const page = await session.newPage(DESKTOP);
    await openDashboard(page, session.baseUrl, '/?layers=counts,venues');
    expect(await page.getByTestId('layer-venues').isDisabled()).toBe(true);
    expect(await page.getByTestId('layer-venues').isChecked()).toBe(false);
    expect(await page.locator('#points-sign-in').textContent()).toContain(
      'hanya untuk akun LSM, satgas, dan admin',
    );
    expect(await page.getByTestId('tier-restrictions').textContent()).toContain('Tempat dan intervensi');
    expect(await page.evaluate(() => window.__titikRawanPoints?.venues)).toBeUndefined();
  });

  it('draw every venue as the API gives it, clustered at the home view and by kind zoomed in', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'ngo');
    await openDashboard(page, session.baseUrl, '/');
    await page.getByTestId('layer-venues').check();
    const venues = await session.json<{
      notice: string;
      features: Array<{ geometry: { coordinates: [number, number] }; properties: { kind: string } }>;
    }>(page, '/api/venues');
    expect(await waitForPoints(page, 'venues')).toBe(venues.features.length);
    expect(new URL(page.url()).searchParams.get('layers')).toBe('counts,venues');

    const clusters = await renderedValues(page, [POINT_LAYERS.clusters], 'point_count');
    expect(clusters.length).toBeGreaterThan(0);
    const legend = page.getByTestId('venues-legend');
    expect(await legend.textContent()).toContain('bukan lokasi kejadian');

    // Zoomed in past the clustering, single venues appear coloured by kind around a venue of the API.
    const [first] = venues.features;
    if (!first) throw new Error('no venues');
    await zoomTo(page, first.geometry.coordinates, 16.5);
    const kinds = await renderedValues(page, [POINT_LAYERS.venues], 'kind');
    expect(kinds).toContain(first.properties.kind);
    await saveScreenshot(page, 'places-venues-zoomed-desktop-1920x1080');

    await page.getByTestId('layer-venues').uncheck();
    await expect
      .poll(() => renderedValues(page, [POINT_LAYERS.venues, POINT_LAYERS.clusters], 'kind'))
      .toEqual([]);
  });

  it('show interventions, CCTV to the task force only', async () => {
    for (const [username, seesCctv] of [
      ['ngo', false],
      ['satgas', true],
    ] as const) {
      const page = await session.newPage(DESKTOP);
      await session.signIn(page, username);
      await openDashboard(page, session.baseUrl, '/?layers=interventions');
      const api = await session.json<{ features: Array<{ properties: { kind: string } }> }>(
        page,
        '/api/interventions',
      );
      expect(await waitForPoints(page, 'interventions')).toBe(api.features.length);
      const kinds = await renderedValues(page, [POINT_LAYERS.interventions], 'kind');
      expect(kinds.includes('cctv'), username).toBe(seesCctv);
      expect(kinds.length).toBeGreaterThan(3);
      const legend = await page.getByTestId('interventions-legend').textContent();
      expect(legend?.includes('Lokasi CCTV hanya ditampilkan untuk satgas dan admin'), username).toBe(
        !seesCctv,
      );
    }
  });
});

describe('a clicked kelurahan', () => {
  it('shows its released count, its series as the API gives it, and its venues and interventions', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'satgas');
    await openDashboard(page, session.baseUrl, '/?period=2025');
    await waitForRelease(page, 'satgas|2025|all|kelurahan');
    const areas = await session.json<{
      features: Array<{
        properties: { code: string; name: string; count: number | null };
      }>;
    }>(page, '/api/releases/areas?level=kelurahan&period=2025&category=all');
    const busiest = [...areas.features].sort(
      (a, b) => (b.properties.count ?? 0) - (a.properties.count ?? 0),
    )[0];
    if (!busiest) throw new Error('no kelurahan');
    const geography = await session.json<{
      features: Array<{ properties: { code: string; baseCells: string[] } }>;
    }>(page, '/api/releases/geography?level=kelurahan');
    // Click the middle of one of its base cells: inside the area whatever its shape.
    const baseCell = geography.features.find((f) => f.properties.code === busiest.properties.code)?.properties
      .baseCells[0];
    if (!baseCell) throw new Error('no base cell');
    await clickRing(page, cellPolygon(baseCell as H3Index).coordinates[0] as number[][]);

    const details = page.getByTestId('selected-place');
    await details.waitFor();
    expect(await details.locator('h2').textContent()).toBe(busiest.properties.name);
    expect(await page.getByTestId('cell-count').textContent()).toContain(String(busiest.properties.count));

    const series = await session.json<{
      series: Array<{ period: string; count: number | null; suppressed: boolean }>;
    }>(page, `/api/releases/series?place=${busiest.properties.code}&step=year&category=all`);
    const bars = page.getByTestId('series-chart').locator('rect[data-period]');
    await bars.first().waitFor();
    const drawn = await bars.evaluateAll((rects) =>
      rects.map((rect) => ({
        period: rect.getAttribute('data-period'),
        count: rect.getAttribute('data-count') === '' ? null : Number(rect.getAttribute('data-count')),
        suppressed: rect.getAttribute('data-suppressed') === 'true',
      })),
    );
    expect(drawn).toEqual(series.series);

    const summary = await session.json<{
      venues: Record<string, number>;
      interventions: Record<string, number>;
    }>(page, `/api/places/summary?place=${busiest.properties.code}`);
    const venueRows = page.getByTestId('place-venues').locator('li');
    await venueRows.first().waitFor();
    const shown = await venueRows.evaluateAll((items) =>
      Object.fromEntries(
        items.map((item) => [item.getAttribute('data-kind'), Number(item.getAttribute('data-count'))]),
      ),
    );
    expect(shown).toEqual(Object.fromEntries(Object.entries(summary.venues).filter(([, n]) => n > 0)));
    expect(await page.getByTestId('place-counts').textContent()).toContain('bukan lokasi kejadian');
    await saveScreenshot(page, 'places-kelurahan-details-desktop-1920x1080');

    // The link keeps the selection: opened on a phone, it shows the same kelurahan's details.
    expect(new URL(page.url()).searchParams.get('place')).toBe(busiest.properties.code);
    const phone = await session.newPage(PHONE);
    await session.signIn(phone, 'satgas');
    await openDashboard(phone, session.baseUrl, new URL(page.url()).search);
    await phone.locator('.panel__toggle').click();
    const linked = phone.getByTestId('selected-place');
    await expect
      .poll(() => linked.locator('h2').textContent(), { timeout: 60_000 })
      .toBe(busiest.properties.name);
    await phone.getByTestId('series-chart').waitFor();
    await linked.scrollIntoViewIfNeeded();
    await saveScreenshot(phone, 'places-kelurahan-details-phone-360x740');
  });
});

describe('banner placement', () => {
  it('suggests the API’s sites for the task force, draws them, and is not offered to NGOs', async () => {
    const ngo = await session.newPage(DESKTOP);
    await session.signIn(ngo, 'ngo');
    await openDashboard(ngo, session.baseUrl, '/');
    await ngo.getByTestId('tier-access').waitFor({ state: 'attached' });
    expect(await ngo.getByTestId('placement-planner').count()).toBe(0);

    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'satgas');
    await openDashboard(page, session.baseUrl, '/?period=2025&geo=h3-8');
    await waitForRelease(page, 'satgas|2025|all|h3-8');
    const planner = page.getByTestId('placement-planner');
    await planner.getByTestId('placement-sites').fill('5');
    await planner.getByTestId('placement-coverage').fill('400');
    await planner.getByTestId('placement-run').click();
    const rows = page.getByTestId('placement-sites-list').locator('li');
    await rows.first().waitFor({ timeout: 60_000 });
    const shown = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-venue')));
    const api = await session.json<{ sites: Array<{ venue: { id: string } }>; notice: string }>(
      page,
      '/api/planning/placements?resolution=8&period=2025&category=all&sites=5&coverage=400&kinds=hotel,guest_house,kost&intervention=banner',
    );
    expect(shown).toEqual(api.sites.map((site) => site.venue.id));
    expect(await page.getByTestId('placement-result').textContent()).toContain(
      'bukan tempat terjadinya kasus',
    );
    expect(await waitForPoints(page, 'placements')).toBe(5);
    await expect
      .poll(() => renderedValues(page, ['tr-placement-markers'], 'rank'))
      .toEqual(['1', '2', '3', '4', '5']);
    await saveScreenshot(page, 'planning-placement-desktop-1920x1080');
  });
});

describe('what each tier may see', () => {
  it('is listed for the public, an NGO, the task force and an admin, with what only others may see', async () => {
    const expected = {
      public: { threshold: 'Jumlah di bawah 10 disembunyikan', restrictions: 5 },
      ngo: { threshold: 'Jumlah di bawah 5 disembunyikan', restrictions: 2 },
      satgas: { threshold: 'Jumlah di bawah 3 disembunyikan', restrictions: 0 },
      admin: { threshold: 'Jumlah di bawah 3 disembunyikan', restrictions: 0 },
    } as const;
    for (const [tier, { threshold, restrictions }] of Object.entries(expected)) {
      const page = await session.newPage(PHONE);
      if (tier !== 'public') await session.signIn(page, tier as 'ngo' | 'satgas' | 'admin');
      await openDashboard(page, session.baseUrl, '/');
      const access = page.getByTestId('tier-access');
      await access.waitFor({ state: 'attached' });
      expect(await access.textContent()).toContain(threshold);
      expect(await page.getByTestId('tier-restrictions').locator('li').count()).toBe(restrictions);
      // The header's session controls fit the phone's width.
      const button = await page
        .getByRole('button', { name: tier === 'public' ? 'Masuk' : 'Keluar' })
        .boundingBox();
      expect(button && button.x + button.width).toBeLessThanOrEqual(PHONE.width);
    }
  });
});
