// Browser test of the audit log as an admin uses it: a failed sign-in under a formula-like name is found by filtering
// to its action and its name, the CSV downloads with the same row and the formula neutralised, "load more" adds the
// next page without repeating a row; the admin's header and the dialog fit a phone and the dialog passes axe-core in
// both languages; a task-force account has no way in.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadAxe, openDashboard, saveScreenshot, useBrowserSession } from './browser';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };

const session = useBrowserSession();

/** Opens the audit-log dialog from the header and waits for its first page. */
async function openAuditLog(page: Page) {
  await page.getByTestId('audit-open').click();
  const dialog = page.getByTestId('audit-dialog');
  await dialog.waitFor();
  await expect
    .poll(() => page.getByTestId('audit-status').textContent(), { timeout: 30_000 })
    .toMatch(/entri|entries/);
  return dialog;
}

/** Applies filters in the dialog's form and waits until the table (or the empty note) shows their answer. */
async function applyFilters(page: Page, filters: { actor?: string; action?: string }) {
  await page.getByTestId('audit-actor').fill(filters.actor ?? '');
  await page.getByTestId('audit-action').fill(filters.action ?? '');
  await page.getByTestId('audit-apply').click();
  await expect
    .poll(
      async () => {
        const shown = await page
          .getByTestId('audit-table')
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((row) => ({
              action: row.getAttribute('data-action'),
              actor: row.querySelector('td')?.textContent ?? '',
            })),
          );
        return (
          shown.length > 0 &&
          shown.every(
            (row) =>
              (!filters.action || row.action === filters.action) &&
              (!filters.actor || row.actor === filters.actor),
          )
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** The serious and critical axe-core findings inside the audit-log dialog, as `rule (impact)`. */
async function accessibilityFindings(page: Page): Promise<string[]> {
  await loadAxe(page);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe?: {
        run(
          context: string,
          options: object,
        ): Promise<{ violations: { id: string; impact: string | null }[] }>;
      };
    };
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run('[data-testid="audit-dialog"]', { resultTypes: ['violations'] });
    return result.violations.map(({ id, impact }) => ({ id, impact }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact})`);
}

describe('audit log', () => {
  it('lets an admin filter to an action and a name, page on, and download the same rows as CSV', async () => {
    const page = await session.newPage(DESKTOP);
    // A failed sign-in under a name a spreadsheet would run as a formula.
    const formula = `=HYPERLINK("http://example.invalid/${randomUUID().slice(0, 8)}")`;
    const failed = await page.request.post(`${session.baseUrl}/api/auth/login`, {
      data: { username: formula, password: 'not-the-password' },
    });
    expect(failed.status()).toBe(401);
    await session.signIn(page, 'admin');
    // More than one page (100) of views of the log, for "load more".
    for (let i = 0; i < 101; i++) {
      expect((await page.request.get(`${session.baseUrl}/api/audit?limit=1`)).status()).toBe(200);
    }
    await openDashboard(page, session.baseUrl, '/');
    const dialog = await openAuditLog(page);
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toBe('Log audit');
    expect(await dialog.getByRole('columnheader').allTextContents()).toEqual([
      'Waktu (WIB)',
      'Pelaku',
      'Tindakan',
      'Sasaran',
      'Alamat',
      'Rincian',
    ]);

    // Filtered to failed sign-ins: every row is one, and the formula name is among them as typed.
    await applyFilters(page, { action: 'login.failed' });
    const rows = page.getByTestId('audit-table').locator('tbody tr');
    expect(await rows.locator('td:nth-child(2)').allTextContents()).toContain(formula);
    expect(await rows.first().locator('td').nth(1).textContent()).toContain('Gagal masuk');

    // Filtered to that name too: one row, whose time is written in Jakarta time.
    await applyFilters(page, { action: 'login.failed', actor: formula });
    expect(await rows.count()).toBe(1);
    const time = await rows.first().locator('time').getAttribute('datetime');
    const shown = await rows.first().locator('th').textContent();
    const jakarta = new Intl.DateTimeFormat('id-ID', {
      timeZone: 'Asia/Jakarta',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(time ?? ''));
    expect(shown).toContain(jakarta);
    await saveScreenshot(page, 'audit-filtered');

    // The CSV of the applied filters: the same row, its formula neutralised by an apostrophe.
    const [download]: [Download, void] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('audit-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^titik-rawan-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,address,details');
    expect(lines).toHaveLength(2);
    const id = await rows.first().getAttribute('data-id');
    expect(lines[1]).toMatch(new RegExp(`^${id},\\d{4}-\\d{2}-\\d{2}T[\\d:.]+\\+07:00,`));
    expect(lines[1]).toContain(`"'${formula.replace(/"/g, '""')}",login.failed,`);

    // Views of the log: a first page of 100, then "load more" adds the next without repeating any.
    await applyFilters(page, { action: 'audit.read' });
    expect(await rows.count()).toBe(100);
    expect(await page.getByTestId('audit-status').textContent()).toContain('masih ada');
    await page.getByTestId('audit-load-more').click();
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(100);
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((value, i) => i === 0 || value < (ids[i - 1] ?? 0))).toBe(true);

    // Escape closes the dialog and gives the keyboard back to the header.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 300_000);

  it('fits a phone and passes axe-core in both languages; a task-force account has no way in', async () => {
    for (const language of ['id', 'en'] as const) {
      const page = await session.newPage(PHONE);
      await session.signIn(page, 'admin');
      await openDashboard(page, session.baseUrl, `/?lang=${language}`);
      // The admin's header buttons wrap rather than widen the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      const dialog = await openAuditLog(page);
      await page.getByTestId('audit-table').waitFor();
      const box = await dialog.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(PHONE.width);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'audit-actor',
      );
      expect(await accessibilityFindings(page)).toEqual([]);
      await saveScreenshot(page, `audit-phone-${language}`);
    }

    const satgas = await session.newPage(DESKTOP);
    await session.signIn(satgas, 'satgas');
    await openDashboard(satgas, session.baseUrl, '/');
    await satgas.getByTestId('session-who').waitFor();
    expect(await satgas.getByTestId('audit-open').count()).toBe(0);
    expect((await satgas.request.get(`${session.baseUrl}/api/audit`)).status()).toBe(403);
    expect((await satgas.request.get(`${session.baseUrl}/api/audit/export.csv`)).status()).toBe(403);
  }, 300_000);
});
