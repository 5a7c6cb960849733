// Browser test of outreach priorities as an NGO uses them: the tab comes first, the top kelurahan follow the score
// of the published figures, a changed weight re-ranks them, the full table holds every kelurahan, the CSV download
// holds what the table shows, and choosing a kelurahan selects it on the map.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { outreachSchema, type Outreach } from '@titik-rawan/shared';
import { DEFAULT_OUTREACH_WEIGHTS, rankOutreach, type OutreachWeights } from '@titik-rawan/shared/outreach';
import { describe, expect, it } from 'vitest';
import { openDashboard, saveScreenshot, useBrowserSession } from './browser';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };

const session = useBrowserSession();

/** The codes of the top list in the panel, in the order shown. */
function topCodes(page: Page): Promise<string[]> {
  return page
    .getByTestId('outreach-top')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-code') ?? ''));
}

/** Splits one CSV line into fields (quoted fields may hold commas; quotes are doubled inside them). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  for (const match of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    const raw = match[1] ?? '';
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[2] === '') break;
  }
  return fields;
}

/** The top codes the score of the published figures gives for some weights. */
function expectedTop(outreach: Outreach, weights: OutreachWeights): string[] {
  return rankOutreach(outreach.kelurahan, weights, outreach.release.threshold)
    .slice(0, 10)
    .map((row) => row.facts.code);
}

describe('outreach priorities', () => {
  it('rank kelurahan for an NGO, re-rank with the weights, and export the table as shown', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'ngo');
    await openDashboard(page, session.baseUrl, '/?period=2025&category=all');
    const tab = page.getByTestId('planning-tab-outreach');
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab').first().getAttribute('data-testid')).toBe('planning-tab-outreach');

    const response = await page.request.get(
      `${session.baseUrl}/api/planning/outreach?period=2025&category=all`,
    );
    expect(response.status()).toBe(200);
    const outreach = outreachSchema.parse(await response.json());
    await page.getByTestId('outreach-top').locator('li').first().waitFor({ timeout: 60_000 });
    const before = await topCodes(page);
    expect(before).toEqual(expectedTop(outreach, DEFAULT_OUTREACH_WEIGHTS));
    expect(await page.getByTestId('outreach-priorities').textContent()).toContain(
      'CCTV tidak dihitung dalam intervensi untuk akun LSM',
    );

    // Only the number of kost matters now: the order changes to the kost ranking.
    const kostOnly: OutreachWeights = {
      incidents: 0,
      rate: 0,
      hotspot: 0,
      trend: 0,
      kost: 3,
      lodging: 0,
      schools: 0,
      coverage: 0,
    };
    for (const [component, weight] of Object.entries(kostOnly)) {
      await page.getByTestId(`outreach-weight-${component}`).fill(String(weight));
    }
    await expect.poll(() => topCodes(page)).toEqual(expectedTop(outreach, kostOnly));
    const after = await topCodes(page);
    expect(after).not.toEqual(before);
    await page.getByTestId('outreach-top').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'outreach-panel-desktop-1440x900');

    // The full table: every kelurahan with every component, first the top of the panel.
    await page.getByTestId('outreach-open-table').click();
    const dialog = page.getByTestId('outreach-table-dialog');
    await dialog.waitFor();
    const table = page.getByTestId('outreach-table');
    expect(await table.locator('tbody tr').count()).toBe(65);
    const headers = await table.locator('thead th').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼]/g, '').trim())).toEqual([
      'Peringkat',
      'Kelurahan',
      'Kecamatan',
      'Penduduk',
      'Kasus dirilis',
      'Per 10.000 penduduk',
      'Titik panas',
      'Tren',
      'Kost',
      'Hotel dan penginapan',
      'Sekolah',
      'Intervensi',
      'Skor',
    ]);
    const firstRow = table.locator('tbody tr').first();
    expect(await firstRow.getAttribute('data-code')).toBe(after[0]);
    const cell = (column: string) => firstRow.locator(`[data-column="${column}"]`).textContent();
    const shown = {
      rank: await cell('rank'),
      name: await cell('kelurahan'),
      kost: await cell('kost'),
      score: await cell('score'),
    };
    await saveScreenshot(page, 'outreach-table-desktop-1440x900');

    // The CSV holds the ranking the table shows, with the weights used.
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      dialog.getByRole('button', { name: 'Unduh peringkat (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('titik-rawan-prioritas-penjangkauan-2025-all-sintetis.csv');
    const text = (await readFile(await download.path())).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [headerLine = '', firstLine = ''] = text.slice(1).split('\r\n');
    const header = csvFields(headerLine);
    expect(header.slice(0, 4)).toEqual(['peringkat', 'kode', 'nama', 'kecamatan']);
    expect(header).toContain('bobot_kost');
    expect(header.at(-2)).toBe('skor');
    const first = Object.fromEntries(header.map((name, i) => [name, csvFields(firstLine)[i]]));
    expect(first).toMatchObject({
      peringkat: shown.rank,
      kode: after[0],
      nama: shown.name,
      kost: shown.kost?.replace(/\./g, ''),
      skor: shown.score?.replace(',', '.'),
      bobot_kost: '3',
      bobot_kasus: '0',
      data_sintetis: 'ya',
    });

    // Sorting by a column, then choosing a kelurahan selects it on the map.
    await page.getByTestId('outreach-sort-schools').click();
    expect(await table.locator('thead th[aria-sort="descending"]').textContent()).toContain('Sekolah');
    const mostSchools = Math.max(...outreach.kelurahan.map((k) => k.venues.schools));
    expect(await table.locator('tbody tr').first().locator('[data-column="schools"]').textContent()).toBe(
      String(mostSchools),
    );
    const chosen = table.locator('tbody tr').first();
    const code = await chosen.getAttribute('data-code');
    const name = (await chosen.locator('[data-column="kelurahan"]').textContent()) ?? '';
    await chosen.getByRole('button', { name }).click();
    expect(await dialog.isVisible()).toBe(false);
    await expect.poll(() => new URL(page.url()).searchParams.get('place')).toBe(code);
    expect(await page.getByTestId('selected-place').locator('#cell-title').textContent()).toBe(name);
  });

  it('fits a phone', async () => {
    const page = await session.newPage(PHONE);
    await session.signIn(page, 'ngo');
    await openDashboard(page, session.baseUrl, '/?period=2025&category=all');
    // On a phone the panel is a bottom sheet: open it.
    await page.locator('.panel__toggle').click();
    await page.getByTestId('outreach-top').locator('li').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('outreach-weight-schools').fill('3');
    await page.getByTestId('outreach-top').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'outreach-panel-phone-360x740');
    await page.getByTestId('outreach-open-table').click();
    const dialog = page.getByTestId('outreach-table-dialog');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box?.width ?? Infinity).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'outreach-table-phone-360x740');
  });
});
