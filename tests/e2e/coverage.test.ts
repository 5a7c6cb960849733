// Browser test of the intervention coverage view: the task force runs it from the planning tools and sees the
// API's summary, the uncovered cells (listed, outlined on the map, selectable), the caveat above the before/after
// table, and downloads both tables as CSV.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import type { Coverage } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { openDashboard, renderedValues, saveScreenshot, useBrowserSession, waitForRelease } from './browser';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const API_QUERY = 'resolution=8&period=2025&category=all&coverage=300';

/** Style layer id of the uncovered cells' dashed outline (client/src/map/layers/coverage.ts). */
const COVERAGE_LINE = 'tr-coverage-line';

const session = useBrowserSession();

/** The coverage answer for the page's tier, once the analyses are decided (503 until then). */
async function coverageFromApi(page: Page): Promise<Coverage> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const response = await page.request.get(`${session.baseUrl}/api/planning/coverage?${API_QUERY}`);
    if (response.status() === 200) return (await response.json()) as Coverage;
    if (response.status() !== 503 || Date.now() > deadline) {
      throw new Error(`coverage not available: ${response.status()} ${await response.text()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Clicks a button and returns the text of the download it starts (without the BOM) and the file name. */
async function downloadText(page: Page, testId: string): Promise<{ text: string; fileName: string }> {
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { text: bytes.subarray(3).toString('utf8'), fileName: download.suggestedFilename() };
}

describe('intervention coverage', () => {
  it('shows the task force the API’s coverage: summary, uncovered cells on the list and the map, caveat, CSV', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'satgas');
    const api = await coverageFromApi(page);
    await openDashboard(page, session.baseUrl, '/?period=2025&geo=h3-8');
    await waitForRelease(page, 'satgas|2025|all|h3-8');

    await page.getByTestId('planning-tab-coverage').click();
    const tool = page.getByTestId('coverage-check');
    await tool.getByTestId('coverage-reach').fill('300');
    await tool.getByTestId('coverage-run').click();
    const summary = page.getByTestId('coverage-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toContain(
      `${api.totals.covered} dari ${api.totals.cells} sel titik panas atau berisiko tinggi punya intervensi dalam 300 m`,
    );

    const uncovered = api.cells.filter((cell) => !cell.properties.covered).map((cell) => cell.id);
    expect(uncovered.length).toBeGreaterThan(0);
    const listed = await page
      .getByTestId('coverage-uncovered')
      .locator('button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-cell')));
    expect(listed).toEqual(uncovered);

    // The caveat stands above the before/after table.
    const caveat = page.getByTestId('coverage-caveat');
    expect(await caveat.isVisible()).toBe(true);
    expect(await caveat.textContent()).toContain('Penyadaran meningkatkan pelaporan');
    const table = page.getByTestId('coverage-before-after');
    const caveatBox = await caveat.boundingBox();
    const tableBox = await table.boundingBox();
    expect((caveatBox?.y ?? Infinity) < (tableBox?.y ?? 0)).toBe(true);
    expect(await table.locator('tbody tr').count()).toBe(api.beforeAfter.kelurahan.length);
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'Kelurahan',
      'Intervensi pertama',
      'Sebelum',
      'Sesudah',
    ]);

    // The map outlines exactly the uncovered cells.
    await page.waitForFunction((n) => window.__titikRawanCoverage === n, uncovered.length, {
      timeout: 30_000,
    });
    await expect.poll(() => renderedValues(page, [COVERAGE_LINE], 'cell')).toEqual([...uncovered].sort());
    await saveScreenshot(page, 'planning-coverage-desktop-1440x900');

    // Choosing a listed cell selects it on the map (the address keeps the selection).
    await page.getByTestId('coverage-uncovered').locator('button').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('place')).toBe(uncovered[0]);

    const cells = await downloadText(page, 'coverage-csv-cells');
    expect(cells.fileName).toBe('titik-rawan-cakupan-sel.csv');
    const cellRows = cells.text.trim().split('\r\n');
    expect(cellRows[0]).toContain('sel_h3');
    expect(cellRows).toHaveLength(api.cells.length + 1);
    expect(cellRows.filter((row) => row.includes(',tidak,')).length).toBe(uncovered.length);

    const beforeAfter = await downloadText(page, 'coverage-csv-before-after');
    expect(beforeAfter.fileName).toBe('titik-rawan-sebelum-sesudah.csv');
    const rows = beforeAfter.text.trim().split('\r\n');
    expect(rows).toHaveLength(api.beforeAfter.kelurahan.length * 8 + 1);
    expect(rows.slice(1).every((row) => row.endsWith(',ya'))).toBe(true);
  });

  it('fits a phone, and leaving the tool takes its outlines off the map', async () => {
    const page = await session.newPage(PHONE);
    await session.signIn(page, 'ngo');
    await coverageFromApi(page);
    await openDashboard(page, session.baseUrl, '/?period=2025&geo=h3-8');
    // Unfold the bottom sheet.
    const toggle = page.locator('.panel__toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await page.getByTestId('planning-tab-coverage').click();
    await page.getByTestId('coverage-run').click();
    await page.getByTestId('coverage-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('coverage-result').textContent()).toContain('CCTV tidak dihitung');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByTestId('coverage-caveat').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planning-coverage-phone-360x740');
    await page.locator('[role="tab"]:not([data-testid="planning-tab-coverage"])').first().click();
    await page.waitForFunction(() => window.__titikRawanCoverage === undefined, null, { timeout: 10_000 });
  });
});
