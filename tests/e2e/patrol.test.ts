// Browser test of the patrol plan: the task force asks for a shift's plan, sees the API's stops in order with
// their times, the route on the map and the time-of-week profile, gets the same plan again for the same shift,
// and prints it on one page; NGOs are not offered it.
import type { Page } from 'playwright-core';
import type { PatrolPlan } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import {
  ARTIFACTS_DIR,
  openDashboard,
  renderedValues,
  saveScreenshot,
  useBrowserSession,
  waitForRelease,
} from './browser';

const DESKTOP = { width: 1920, height: 1080 };
const session = useBrowserSession();

/** Fills the patrol form and waits for the plan's stops. */
async function makePlan(page: Page, date: string, shift: string, stops: number): Promise<(string | null)[]> {
  const planner = page.getByTestId('patrol-planner');
  await planner.getByTestId('patrol-date').fill(date);
  await planner.getByTestId('patrol-shift').selectOption(shift);
  await planner.getByTestId('patrol-stops').fill(String(stops));
  await planner.getByTestId('patrol-run').click();
  await expect
    .poll(() => page.getByTestId('patrol-result').textContent(), { timeout: 60_000 })
    .toContain(date);
  return page
    .getByTestId('patrol-stops-list')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-cell')));
}

describe('patrol plan', () => {
  it('is not offered to NGOs', async () => {
    const ngo = await session.newPage(DESKTOP);
    await session.signIn(ngo, 'ngo');
    await openDashboard(ngo, session.baseUrl, '/');
    await ngo.getByTestId('planning-tools').waitFor();
    expect(await ngo.getByTestId('planning-tab-patrol').count()).toBe(0);
  });

  it('shows the API’s stops, route and time profile, repeats for the same shift and prints on one page', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'satgas');
    await openDashboard(page, session.baseUrl, '/?period=2025&geo=h3-8');
    await waitForRelease(page, 'satgas|2025|all|h3-8');
    await page.getByTestId('planning-tab-patrol').click();

    const shown = await makePlan(page, '2026-12-05', 'evening', 6);
    const response = await page.request.get(
      `${session.baseUrl}/api/planning/patrol?resolution=8&period=2025&category=all&date=2026-12-05&shift=evening&stops=6`,
    );
    const api = (await response.json()) as PatrolPlan;
    expect(shown).toEqual(api.stops.map((stop) => stop.cell));
    const firstRow = page.getByTestId('patrol-stops-list').locator('li').first();
    const first = api.stops[0];
    expect(await firstRow.textContent()).toContain(first?.arriveAt);
    expect(await firstRow.textContent()).toContain(first?.kelurahan?.name);
    expect(await page.getByTestId('patrol-result').textContent()).toContain('Data sintetis');

    // The route and numbered stops on the map.
    await expect
      .poll(() => page.evaluate(() => window.__titikRawanPoints?.patrol), { timeout: 30_000 })
      .toBe(6);
    await expect
      .poll(() => renderedValues(page, ['tr-patrol-order'], 'order'))
      .toEqual(['1', '2', '3', '4', '5', '6']);

    // The time profile: seven days, withheld cells as dashes, the busiest time named.
    const profile = page.getByTestId('patrol-profile');
    expect(await profile.locator('tbody tr').count()).toBe(7);
    const cells = await profile.locator('tbody td').allTextContents();
    expect(cells.filter((text) => text === '–')).toHaveLength(api.timeProfile.suppressed);
    expect(await profile.textContent()).toContain('Waktu tersibuk');
    await saveScreenshot(page, 'planning-patrol-desktop-1920x1080');

    // The same date and shift give the same plan; another date another one.
    expect(await makePlan(page, '2026-12-05', 'evening', 6)).toEqual(shown);
    const others = [];
    for (const date of ['2026-12-06', '2026-12-07']) others.push(await makePlan(page, date, 'evening', 6));
    expect(others.some((cells) => cells.join() !== shown.join())).toBe(true);

    // Clicking a stop selects its cell.
    await firstRow.locator('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('place')).toBe(others[1]?.[0] ?? null);

    // The briefing prints on one A4 page.
    await page.evaluate(() => document.documentElement.classList.add('printing-patrol'));
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(
      () => !!window.__titikRawanMap?.loaded() && !window.__titikRawanMap.isMoving(),
    );
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      path: path.join(ARTIFACTS_DIR, 'patrol-briefing.pdf'),
    });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
  });
});
