// Browser tests of the interventions tool: an NGO account records a socialisation session at a point picked on the
// map, finds it in the list and on the interventions layer, edits its date (a future date is refused beside the
// field) and is never offered CCTV; the task force records CCTV at a venue near its point. The audit log holds each
// create and update. What the tests record is removed afterwards.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAxe, openDashboard, pointOnPage, saveScreenshot, useBrowserSession } from './browser';
import { useSharedDatabase } from './database';

const DESKTOP = { width: 1920, height: 1080 };
const PHONE = { width: 360, height: 740 };

/** Style layer of the intervention points (client/src/map/layers/places.ts). */
const INTERVENTION_POINTS = 'tr-intervention-points';

/** Where the NGO's session took place: a street in Kampung Melayu, inside East Jakarta. */
const SESSION_POINT: [number, number] = [106.8795, -6.2253];

const database = useSharedDatabase();
const session = useBrowserSession();
const recorded: string[] = [];

afterAll(async () => {
  if (recorded.length > 0)
    await database.sql`delete from interventions where id in ${database.sql(recorded)}`;
});

/** How many interventions the map's layer holds once loaded (and the map is idle), or `null` while loading. */
function interventionsOnMap(page: Page): Promise<number | null> {
  return page.evaluate(() =>
    window.__titikRawanMap?.loaded() ? (window.__titikRawanPoints?.interventions ?? null) : null,
  );
}

/** Moves the map to a position and waits until it is idle. */
async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(({ center, zoom }) => window.__titikRawanMap?.jumpTo({ center, zoom }), {
    center,
    zoom,
  });
  await page.waitForFunction(() => !!window.__titikRawanMap?.loaded() && !window.__titikRawanMap.isMoving());
}

/** The kinds of the intervention points drawn at a position. */
function kindsDrawnAt(page: Page, [lng, lat]: [number, number]): Promise<string[]> {
  return page.evaluate(
    ({ lng, lat, layer }) => {
      const map = window.__titikRawanMap as unknown as {
        project(lngLat: [number, number]): { x: number; y: number };
        queryRenderedFeatures(
          point: [number, number],
          options: { layers: string[] },
        ): Array<{ properties: Record<string, unknown> }>;
      };
      const { x, y } = map.project([lng, lat]);
      return map
        .queryRenderedFeatures([x, y], { layers: [layer] })
        .map((feature) => String(feature.properties.kind));
    },
    { lng, lat, layer: INTERVENTION_POINTS },
  );
}

/** What the tests read of an axe-core violation. */
interface AxeFinding {
  id: string;
  impact: string | null;
}

/** The serious and critical axe-core findings inside the interventions tool, as `rule (impact)`. */
async function accessibilityFindings(page: Page): Promise<string[]> {
  await loadAxe(page);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe?: { run(context: string, options: object): Promise<{ violations: AxeFinding[] }> };
    };
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run('[data-testid="interventions-tool"]', { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact }) => ({ id, impact }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact})`);
}

/** The option values of a select. */
function optionValues(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .locator('option')
    .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
}

/** Opens the dashboard with the interventions layer on, and the interventions tab (unfolding a phone's sheet). */
async function openTool(page: Page, username: 'ngo' | 'satgas'): Promise<void> {
  await session.signIn(page, username);
  await openDashboard(page, session.baseUrl, '/?layers=counts,interventions');
  const toggle = page.locator('.panel__toggle');
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
  await page.getByTestId('planning-tab-interventions').click();
  await page.getByTestId('interventions-count').waitFor();
}

/** The id of the latest intervention an account recorded. */
async function latestBy(username: string): Promise<string> {
  const [row] = await database.sql<{ id: string }[]>`
    select i.id::text from interventions i join accounts a on a.id = i.created_by
    where a.username = ${username} order by i.id desc limit 1`;
  if (!row) throw new Error(`${username} recorded nothing`);
  recorded.push(row.id);
  return row.id;
}

describe('the interventions tool', () => {
  it('lets an NGO record a session at a picked point, list it, see it on the map and edit its date', async () => {
    const page = await session.newPage(DESKTOP);
    await openTool(page, 'ngo');
    await expect.poll(() => interventionsOnMap(page), { timeout: 60_000 }).not.toBeNull();
    const before = (await interventionsOnMap(page)) ?? 0;

    // CCTV is not offered to an NGO; the demo account names no organisation, so one must be chosen.
    expect(await optionValues(page, 'intervention-kind')).not.toContain('cctv');
    expect(await optionValues(page, 'intervention-kind')).toContain('socialisation');
    expect(await page.getByTestId('intervention-organisation').inputValue()).toBe('');
    await page.getByTestId('intervention-kind').selectOption('socialisation');
    await page.getByTestId('intervention-date').fill('2025-07-10');
    await page.getByTestId('intervention-organisation').selectOption('demo-lsm-pendamping');

    // Picking shows a crosshair; Escape cancels it.
    await jumpTo(page, SESSION_POINT, 15);
    const canvasCursor = () =>
      page.evaluate(() => document.querySelector<HTMLElement>('.maplibregl-canvas')?.style.cursor);
    await page.getByTestId('intervention-pick').click();
    expect(await canvasCursor()).toBe('crosshair');
    await page.keyboard.press('Escape');
    await page.getByTestId('intervention-picking').waitFor({ state: 'detached' });
    expect(await canvasCursor()).toBe('');
    expect(await page.getByTestId('intervention-point').textContent()).toBe('Belum ada titik.');

    await page.getByTestId('intervention-pick').click();
    const click = await pointOnPage(page, SESSION_POINT);
    await page.mouse.click(click.x, click.y);
    await page.getByTestId('picked-point-marker').waitFor();
    const shown = (await page.getByTestId('intervention-point').textContent()) ?? '';
    const [lat = NaN, lng = NaN] = (shown.match(/-?\d+\.\d+/g) ?? []).map(Number);
    expect(Math.abs(lng - SESSION_POINT[0])).toBeLessThan(0.0002);
    expect(Math.abs(lat - SESSION_POINT[1])).toBeLessThan(0.0002);
    expect(await page.getByTestId('selected-place').count()).toBe(0);
    await saveScreenshot(page, 'interventions-picked-point-desktop-1920x1080');

    await page.getByTestId('intervention-save').click();
    const announcement = page.getByTestId('interventions-announcement');
    await expect
      .poll(() => announcement.textContent())
      .toBe('Intervensi tersimpan: Sosialisasi, 10 Jul 2025.');
    // The form is fresh again: no point, no marker.
    expect(await page.getByTestId('intervention-point').textContent()).toBe('Belum ada titik.');
    expect(await page.getByTestId('picked-point-marker').count()).toBe(0);
    const id = await latestBy('ngo');
    const [stored] = await database.sql<{ kind: string; organisation: string; kelurahan: string }[]>`
      select i.kind, i.organisation_code as organisation, a.name as kelurahan
      from interventions i join admin_areas a on a.code = i.kelurahan_code where i.id = ${id}`;
    expect(stored).toMatchObject({ kind: 'socialisation', organisation: 'demo-lsm-pendamping' });

    // In the list, with an Edit button on this row only among rows the NGO did not record …
    const row = page.locator(`[data-testid="interventions-list"] tr[data-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-started-on')).toBe('2025-07-10');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(0, 3)).toEqual([
      'Sosialisasi\n10 Jul 2025',
      'LSM Pendamping Anak (contoh)',
      `Titik · ${stored?.kelurahan}`,
    ]);
    const editable = await page
      .locator('[data-testid="interventions-list"] tr[data-id]')
      .evaluateAll((rows) =>
        rows.filter((r) => r.querySelector('[data-testid="intervention-edit"]')).map((r) => r.dataset.id),
      );
    expect(editable).toEqual([id]);
    const total = (before + 1).toLocaleString('id-ID');
    expect(await page.getByTestId('interventions-count').textContent()).toContain(
      `${total} dari ${total} intervensi`,
    );
    // … filterable by kind …
    await page.getByTestId('interventions-filter').selectOption('socialisation');
    const kinds = await page
      .locator('[data-testid="interventions-list"] tbody tr')
      .evaluateAll((rows) => [...new Set(rows.map((r) => (r as HTMLElement).dataset.kind))]);
    expect(kinds).toEqual(['socialisation']);
    // … and on the interventions layer, where the point was picked.
    await expect.poll(() => interventionsOnMap(page), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => kindsDrawnAt(page, SESSION_POINT)).toContain('socialisation');

    // Editing: a future date is refused beside the date field; a past one is saved.
    await row.getByTestId('intervention-edit').click();
    await page.getByTestId('picked-point-marker').waitFor();
    const date = page.getByTestId('intervention-date');
    expect(await date.inputValue()).toBe('2025-07-10');
    await date.fill('2999-01-01');
    await page.getByTestId('intervention-save').click();
    const dateError = page.getByTestId('intervention-error-startedOn');
    await dateError.waitFor();
    expect(await dateError.textContent()).toMatch(/^Ditolak server: must not be after today/);
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('intervention-failed').textContent()).toBe(
      'Belum tersimpan. Periksa isian yang ditandai.',
    );
    await saveScreenshot(page, 'interventions-date-error-desktop-1920x1080');
    expect(await accessibilityFindings(page)).toEqual([]);
    await date.fill('2025-07-12');
    await page.getByTestId('intervention-save').click();
    await expect
      .poll(() => announcement.textContent())
      .toBe('Perubahan tersimpan: Sosialisasi, 12 Jul 2025.');
    await expect.poll(() => row.getAttribute('data-started-on')).toBe('2025-07-12');

    // The audit log has the create and the update, which sent the date alone; the refused date wrote nothing.
    const audit = await database.sql<{ actor: string; action: string; details: unknown }[]>`
      select actor, action, details from audit_log
      where target = ${`intervention ${id}`} and action like 'intervention.%' order by id`;
    expect(audit).toEqual([
      { actor: 'ngo', action: 'intervention.create', details: {} },
      { actor: 'ngo', action: 'intervention.update', details: { fields: 'startedOn' } },
    ]);
  });

  it('lets the task force record CCTV at a venue near the picked point', async () => {
    const page = await session.newPage(DESKTOP);
    await openTool(page, 'satgas');
    expect(await optionValues(page, 'intervention-kind')).toContain('cctv');
    const response = await page.request.get(`${session.baseUrl}/api/venues?kind=hotel`);
    const hotels = (await response.json()) as {
      features: Array<{ id: string; geometry: { coordinates: [number, number] } }>;
    };
    const hotel = hotels.features[0];
    if (!hotel) throw new Error('no hotel');

    await page.getByTestId('intervention-kind').selectOption('cctv');
    await page.getByTestId('intervention-date').fill('2025-03-03');
    await page.getByTestId('intervention-organisation').selectOption('demo-polres-ppa');
    await jumpTo(page, hotel.geometry.coordinates, 16);
    await page.getByTestId('intervention-pick').click();
    const click = await pointOnPage(page, hotel.geometry.coordinates);
    await page.mouse.click(click.x, click.y);
    // The venues within 150 m are offered nearest first: the hotel, a few metres from the click.
    await expect
      .poll(() => optionValues(page, 'intervention-venue'), { timeout: 30_000 })
      .toContain(hotel.id);
    expect((await optionValues(page, 'intervention-venue'))[1]).toBe(hotel.id);
    await page.getByTestId('intervention-venue').selectOption(hotel.id);
    await page.getByTestId('intervention-save').click();
    await expect
      .poll(() => page.getByTestId('interventions-announcement').textContent())
      .toBe('Intervensi tersimpan: CCTV, 3 Mar 2025.');
    const id = await latestBy('satgas');
    const [stored] = await database.sql<{ kind: string; venue: string | null }[]>`
      select kind, venue_id::text as venue from interventions where id = ${id}`;
    expect(stored).toEqual({ kind: 'cctv', venue: hotel.id });
    const row = page.locator(`[data-testid="interventions-list"] tr[data-id="${id}"]`);
    await row.waitFor();
    expect((await row.locator('td').allInnerTexts())[2]).toMatch(/^Hotel · /);
    const [entry] = await database.sql<{ actor: string }[]>`
      select actor from audit_log where action = 'intervention.create' and target = ${`intervention ${id}`}`;
    expect(entry).toEqual({ actor: 'satgas' });
  });

  it('fits a phone, where the point is picked on the map above the bottom sheet', async () => {
    const page = await session.newPage(PHONE);
    await openTool(page, 'ngo');
    await page.getByTestId('intervention-pick').click();
    const map = await page.locator('.maplibregl-canvas').boundingBox();
    if (!map) throw new Error('no map');
    await page.mouse.click(map.x + map.width / 2, map.y + 40);
    await page.getByTestId('picked-point-marker').waitFor();
    const form = await page.getByTestId('intervention-form').boundingBox();
    expect(form && form.x + form.width).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('intervention-save').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'interventions-form-phone-360x740');
  });
});
