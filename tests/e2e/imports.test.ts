// Browser test of the import page as an admin uses it: a semicolon CSV with an error is checked (columns, first
// rows, the error by row and column, the errors as CSV), a good file is imported with its progress to the end and
// shows in the history, then is rolled back; other roles have no import entry. Imported incidents lie in 2021,
// outside the demo data, and are rolled back, so other tests' figures stay as they are.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Download, Page } from 'playwright-core';
import { importHistorySchema } from '@titik-rawan/shared';
import { describe, expect, it } from 'vitest';
import { openDashboard, saveScreenshot, useBrowserSession } from './browser';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/imports');
const GOOD_FILE = 'kejadian-mei-2021.csv';
const GOOD_2021 = [
  'tanggal;kategori;lintang;bujur;organisasi',
  '05/05/2021;online_solicitation;-6,215885;106,861278;demo-upt-pppa',
  '12/05/2021;other;-6,207556;106,891261;demo-upt-pppa',
  '',
].join('\r\n');

const session = useBrowserSession();

/** Rolls back, through the API, every committed import of the good file (what a failed run may leave). */
async function rollBackLeftovers(page: Page): Promise<void> {
  const history = importHistorySchema.parse(
    await session.json(page, '/api/imports').catch(() => ({ imports: [] })),
  );
  for (const batch of history.imports) {
    if (batch.fileName === GOOD_FILE && batch.status === 'committed') {
      await page.request.post(`${session.baseUrl}/api/imports/${batch.id}/rollback`);
    }
  }
}

describe('imports', () => {
  it('let an admin check a file with errors, import a good one and roll it back', async () => {
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'admin');
    await openDashboard(page, session.baseUrl, '/');
    try {
      await page.getByTestId('import-open').click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toBe('Impor data');

      // A semicolon CSV with a wrong category in row 3: the columns, the first rows and the error are shown.
      await page
        .getByTestId('import-file')
        .setInputFiles(path.join(FIXTURES, 'incidents-semicolon-error.csv'));
      await page.getByTestId('import-check').click();
      const result = page.getByTestId('import-check-result');
      await result.waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('import-columns').textContent()).toContain('tanggal, kategori, lintang');
      const preview = page.getByTestId('import-preview');
      expect(await preview.locator('tbody tr').count()).toBe(2);
      expect(await preview.textContent()).toContain('01/03/2021');
      const errors = page.getByTestId('import-errors').locator('tbody tr');
      expect(await errors.count()).toBe(1);
      const cells = await errors.first().locator('td').allTextContents();
      expect(cells.slice(0, 2)).toEqual(['3', 'kategori']);
      expect(cells[2]).toMatch(/Row 3, column "kategori"/);
      expect(await page.getByTestId('import-run').isDisabled()).toBe(true);

      const [download]: [Download, void] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByTestId('import-errors-csv').click(),
      ]);
      const report = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
      const lines = report.trim().split('\r\n');
      expect(lines[0]).toBe('row,column,code,message');
      expect(lines[1]).toMatch(/^3,kategori,not_in_list,/);
      await saveScreenshot(page, 'imports-check-errors');

      // A good file: checked clean, imported with its progress to the end, listed in the history.
      await page.getByTestId('import-file').setInputFiles({
        name: GOOD_FILE,
        mimeType: 'text/csv',
        buffer: Buffer.from(GOOD_2021, 'utf8'),
      });
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-run').isEnabled(), { timeout: 60_000 }).toBe(true);
      expect(await result.textContent()).toContain('2 baris dibaca, 0 dilewati, 0 kesalahan');
      await page.getByTestId('import-run').click();
      await page.getByTestId('import-progress').waitFor({ timeout: 30_000 });
      const outcome = page.getByTestId('import-outcome');
      await outcome.waitFor({ timeout: 180_000 });
      expect(await outcome.textContent()).toContain('Impor selesai: 2 baris disimpan');
      const row = page.getByTestId('import-history').locator('tbody tr', { hasText: GOOD_FILE }).first();
      await expect.poll(() => row.locator('[data-column="status"]').textContent()).toBe('Tersimpan');
      await saveScreenshot(page, 'imports-committed');

      // Rolled back after confirming: the history says so and the API agrees.
      page.once('dialog', (confirm) => void confirm.accept());
      await row.getByTestId('import-rollback').click();
      await expect
        .poll(() => row.locator('[data-column="status"]').textContent(), { timeout: 120_000 })
        .toBe('Dibatalkan');
      const batchId = await row.getAttribute('data-batch');
      const history = importHistorySchema.parse(await session.json(page, '/api/imports'));
      expect(history.imports.find((b) => b.id === batchId)?.status).toBe('rolled_back');
    } finally {
      await rollBackLeftovers(page);
    }
  }, 600_000);

  it('fits a phone for admins and is not offered to other roles', async () => {
    const page = await session.newPage(PHONE);
    await session.signIn(page, 'admin');
    await openDashboard(page, session.baseUrl, '/');
    await page.getByTestId('import-open').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'imports-phone');

    const satgas = await session.newPage(DESKTOP);
    await session.signIn(satgas, 'satgas');
    await openDashboard(satgas, session.baseUrl, '/');
    await satgas.getByTestId('session-who').waitFor();
    expect(await satgas.getByTestId('import-open').count()).toBe(0);
    const refused = await satgas.request.get(`${session.baseUrl}/api/imports`);
    expect(refused.status()).toBe(403);
  }, 300_000);
});
