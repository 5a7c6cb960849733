// Browser test of account management as people use it: an admin creates an account in the "Akun" dialog, the new
// account signs in in a second browser and sees its tier, the admin disables it and the second browser's next call is
// refused and its dashboard falls back to the public view; a fresh account changes its password and signs out
// everywhere from the header's menu; the dialog fits a phone and passes axe-core; the task force has no accounts
// entry. Every account here is new (`e2e-akun-…`): the demo accounts' passwords and roles stay as they are.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadAxe, saveScreenshot, useBrowserSession } from './browser';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 360, height: 740 };
const FIRST_PASSWORD = 'sandi-awal-e2e-2026';
const SECOND_PASSWORD = 'sandi-kedua-e2e-2026';

/** How long to wait for what the server does (hashing a password takes a while on a busy machine). */
const SERVER_WAIT = { timeout: 30_000 };

/** Impacts that fail the test, as in accessibility.test.ts. */
const FAILING_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

const session = useBrowserSession();

/**
 * Opens the dashboard and waits for the header to say who is signed in; the map is not waited for (nothing here
 * needs it, and drawing it on a busy machine takes long).
 */
async function openDashboard(page: Page, baseUrl: string, pathAndQuery = '/'): Promise<void> {
  await page.goto(`${baseUrl}${pathAndQuery}`);
  await page.getByTestId('session-who').waitFor({ timeout: 60_000 });
}

/** A username no other run or test file uses. */
function uniqueUsername(purpose: string): string {
  return `e2e-akun-${purpose}-${Date.now().toString(36)}`;
}

/** A second, independent browser (its own cookies), as another person on another device. */
async function otherDevice(): Promise<BrowserContext> {
  const browser: Browser | null = session.context.browser();
  if (!browser) throw new Error('no browser');
  return browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
}

/** Signs a page's context in through the API; the status of the answer. */
async function signInAs(page: Page, username: string, password: string): Promise<number> {
  const response = await page.request.post(`${session.baseUrl}/api/auth/login`, {
    data: { username, password },
  });
  return response.status();
}

/** The status of `GET /api/auth/me` with the page's cookies: 200 while its session lives, 401 after. */
async function meStatus(page: Page): Promise<number> {
  return (await page.request.get(`${session.baseUrl}/api/auth/me`)).status();
}

/** Creates an account through the API as the signed-in admin of `page`. */
async function createThroughApi(page: Page, username: string, role: 'ngo' | 'satgas'): Promise<void> {
  const response = await page.request.post(`${session.baseUrl}/api/accounts`, {
    data: { username, role, password: FIRST_PASSWORD },
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** axe-core's serious and critical violations inside the element matching `selector`, one line each. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await loadAxe(page);
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: unknown }> } }
    ).axe;
    return (await axe.run(selector, { resultTypes: ['violations'] })).violations;
  }, selector);
  return (violations as AxeViolation[])
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.impact}] ${violation.id}: ${violation.help} at ${JSON.stringify(node.target)}`,
      ),
    );
}

/** Opens the accounts dialog from the header and waits for the list. */
async function openAccounts(page: Page) {
  await page.getByTestId('accounts-open').click();
  const dialog = page.getByTestId('accounts-dialog');
  await dialog.getByTestId('accounts-table').waitFor();
  return dialog;
}

/** Text of one column of an account's row in the list. */
function cell(page: Page, username: string, column: string) {
  return page
    .getByTestId('accounts-table')
    .locator(`tr[data-username="${username}"] [data-column="${column}"]`)
    .textContent();
}

describe('accounts', () => {
  it('let an admin create an account that signs in elsewhere, and disable it there', async () => {
    const username = uniqueUsername('satgas');
    const admin = await session.newPage(DESKTOP);
    await session.signIn(admin, 'admin');
    await openDashboard(admin, session.baseUrl, '/');
    let dialog = await openAccounts(admin);
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).toBe('Akun');
    expect(await dialog.locator('tr[data-username="admin"] th').textContent()).toBe('admin (Anda)');

    // Checked here before sending: a bad name and a short password are named beside their fields.
    await admin.getByTestId('account-username').fill('Bukan Nama');
    await admin.getByTestId('account-password').fill('pendek');
    await admin.getByTestId('account-create').click();
    expect(await admin.getByTestId('account-problem-username').textContent()).toContain('huruf kecil');
    expect(await admin.getByTestId('account-problem-password').textContent()).toBe(
      'Kata sandi minimal 12 karakter.',
    );
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'account-username',
    );
    expect(await admin.getByTestId('account-username').getAttribute('aria-invalid')).toBe('true');

    // Created with a role and an organisation: listed, never signed in, no session.
    await admin.getByTestId('account-username').fill(username);
    await admin.getByTestId('account-role').selectOption('satgas');
    await admin.getByTestId('account-organisation').selectOption({ index: 1 });
    const organisation = await admin
      .getByTestId('account-organisation')
      .locator('option')
      .nth(1)
      .textContent();
    await admin.getByTestId('account-password').fill(FIRST_PASSWORD);
    await admin.getByTestId('account-create').click();
    await expect
      .poll(() => admin.getByTestId('account-created').textContent(), SERVER_WAIT)
      .toBe(`Akun ${username} sudah dibuat.`);
    await expect.poll(() => cell(admin, username, 'role'), SERVER_WAIT).toBe('Satgas');
    expect(await cell(admin, username, 'organisation')).toBe(organisation);
    expect(await cell(admin, username, 'status')).toBe('Aktif');
    expect(await cell(admin, username, 'lastSignIn')).toBe('Belum pernah');
    expect(await cell(admin, username, 'sessions')).toBe('0');

    // The same name again: the server's 409 account_exists, explained beside the username.
    await admin.getByTestId('account-username').fill(username);
    await admin.getByTestId('account-password').fill(FIRST_PASSWORD);
    await admin.getByTestId('account-create').click();
    await expect
      .poll(() => admin.getByTestId('account-problem-username').textContent(), SERVER_WAIT)
      .toBe('Nama pengguna ini sudah dipakai. Pilih nama lain.');
    await saveScreenshot(admin, 'accounts-created');

    // The new account signs in on another device and sees the task force's tier.
    const device = await otherDevice();
    try {
      const other = await device.newPage();
      expect(await signInAs(other, username, FIRST_PASSWORD)).toBe(200);
      await openDashboard(other, session.baseUrl, '/');
      const who = other.getByTestId('session-who');
      await expect.poll(() => who.textContent(), SERVER_WAIT).toBe(`Masuk sebagai ${username}Satgas`);
      expect((await other.request.get(`${session.baseUrl}/api/venues`)).status()).toBe(200);
      expect(await other.getByTestId('accounts-open').count()).toBe(0);

      // The admin sees the sign-in and the live session once the list is read again.
      await admin.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      dialog = await openAccounts(admin);
      expect(await cell(admin, username, 'sessions')).toBe('1');
      expect(await cell(admin, username, 'lastSignIn')).not.toBe('Belum pernah');

      // Disabled after confirming: the list says so and the session has ended.
      await dialog.getByRole('button', { name: `Kelola akun ${username}` }).click();
      const editor = admin.getByTestId('account-editor');
      await editor.waitFor();
      expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe(`Kelola akun ${username}`);
      admin.once('dialog', (confirm) => void confirm.accept());
      await admin.getByTestId('account-toggle').click();
      await expect
        .poll(() => admin.getByTestId('account-edit-notice').textContent(), SERVER_WAIT)
        .toBe(`Akun ${username} sudah dinonaktifkan.`);
      await expect.poll(() => cell(admin, username, 'status'), SERVER_WAIT).toBe('Nonaktif');
      expect(await cell(admin, username, 'sessions')).toBe('0');

      // On the other device the next call is refused, and after a reload the dashboard is the public one.
      expect(await meStatus(other)).toBe(401);
      expect((await other.request.get(`${session.baseUrl}/api/venues`)).status()).toBe(401);
      await other.reload();
      await expect.poll(() => who.textContent(), { timeout: 60_000 }).toBe('Publik');
      expect(await signInAs(other, username, FIRST_PASSWORD)).toBe(401);

      // Enabled again with a new role and a new password: the old password no longer signs in, the new one does.
      await admin.getByTestId('account-toggle').click();
      await expect.poll(() => cell(admin, username, 'status'), SERVER_WAIT).toBe('Aktif');
      await admin.getByTestId('account-edit-role').selectOption('ngo');
      await admin.getByTestId('account-save-role').click();
      await expect.poll(() => cell(admin, username, 'role'), SERVER_WAIT).toBe('LSM');
      await admin.getByTestId('account-reset-password').fill('pendek');
      await admin.getByTestId('account-reset').click();
      expect(await admin.getByTestId('account-problem-reset').textContent()).toBe(
        'Kata sandi minimal 12 karakter.',
      );
      await admin.getByTestId('account-reset-password').fill(SECOND_PASSWORD);
      await admin.getByTestId('account-reset').click();
      await expect
        .poll(() => admin.getByTestId('account-edit-notice').textContent(), SERVER_WAIT)
        .toBe(`Kata sandi akun ${username} sudah disetel ulang.`);
      expect(await signInAs(other, username, FIRST_PASSWORD)).toBe(401);
      expect(await signInAs(other, username, SECOND_PASSWORD)).toBe(200);
      const me = (await (await other.request.get(`${session.baseUrl}/api/auth/me`)).json()) as {
        role: string;
      };
      expect(me.role).toBe('ngo');

      // "Done" closes the editor and gives the focus back to the row's button.
      await editor.getByRole('button', { name: 'Selesai' }).click();
      await editor.waitFor({ state: 'detached' });
      expect(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        `Kelola akun ${username}`,
      );
    } finally {
      await device.close();
    }
  }, 600_000);

  it('let a fresh account change its password and sign out everywhere', async () => {
    const username = uniqueUsername('sandi');
    const page = await session.newPage(DESKTOP);
    await session.signIn(page, 'admin');
    await createThroughApi(page, username, 'ngo');
    await page.context().clearCookies();

    const device = await otherDevice();
    try {
      const other = await device.newPage();
      expect(await signInAs(page, username, FIRST_PASSWORD)).toBe(200);
      expect(await signInAs(other, username, FIRST_PASSWORD)).toBe(200);
      await openDashboard(page, session.baseUrl, '/');
      await expect.poll(() => page.getByTestId('session-who').textContent(), SERVER_WAIT).toContain(username);

      // The menu is a disclosure: Escape closes it and leaves the focus on its button.
      const menu = page.getByTestId('session-menu');
      await menu.click();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'session-menu',
      );

      await menu.click();
      await page.getByTestId('password-open').click();
      const dialog = page.getByTestId('password-dialog');
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'password-current',
      );

      // The two new passwords are checked equal here; a wrong current one is refused by the server beside its field.
      await page.getByTestId('password-current').fill(FIRST_PASSWORD);
      await page.getByTestId('password-new').fill(SECOND_PASSWORD);
      await page.getByTestId('password-repeat').fill(`${SECOND_PASSWORD}x`);
      await page.getByTestId('password-submit').click();
      expect(await page.getByTestId('password-problem-repeat').textContent()).toBe(
        'Kedua isian kata sandi baru tidak sama.',
      );
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'password-repeat',
      );
      await page.getByTestId('password-current').fill('bukan-sandi-yang-benar');
      await page.getByTestId('password-repeat').fill(SECOND_PASSWORD);
      await page.getByTestId('password-submit').click();
      await expect
        .poll(() => page.getByTestId('password-problem-current').textContent(), SERVER_WAIT)
        .toBe('Kata sandi saat ini salah.');
      expect(await meStatus(other)).toBe(200);

      await page.getByTestId('password-current').fill(FIRST_PASSWORD);
      await page.getByTestId('password-submit').click();
      await page.getByTestId('password-done').waitFor();
      expect(await page.getByTestId('password-done').textContent()).toContain('Kata sandi sudah diganti');
      await dialog.getByRole('button', { name: 'Tutup' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'session-menu',
      );

      // This device stays signed in (with a new cookie); the other device's session has ended.
      expect(await meStatus(page)).toBe(200);
      expect(await meStatus(other)).toBe(401);
      expect(await signInAs(other, username, FIRST_PASSWORD)).toBe(401);
      expect(await signInAs(other, username, SECOND_PASSWORD)).toBe(200);

      // Sign out everywhere: this dashboard shows the public view, and the other device is signed out too.
      await menu.click();
      await page.getByTestId('sign-out-everywhere').click();
      await expect.poll(() => page.getByTestId('session-who').textContent(), SERVER_WAIT).toBe('Publik');
      expect(await meStatus(page)).toBe(401);
      expect(await meStatus(other)).toBe(401);
    } finally {
      await device.close();
    }
  }, 600_000);

  it('fit a phone, pass axe-core, and are not offered to the task force', async () => {
    const page = await session.newPage(PHONE);
    await session.signIn(page, 'admin');
    await openDashboard(page, session.baseUrl, '/');
    const dialog = await openAccounts(page);
    const box = await dialog.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(PHONE.width);
    await dialog.getByRole('button', { name: 'Kelola akun admin', exact: true }).click();
    await page.getByTestId('account-editor').waitFor();
    await page.getByTestId('account-create').click(); // marks the new-account fields invalid, so they are judged too
    await saveScreenshot(page, 'accounts-phone');
    expect(await axeViolations(page, '[data-testid="accounts-dialog"]')).toEqual([]);
    const scrollWidth = await dialog.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(scrollWidth).toBeLessThanOrEqual(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The header's menu and the password dialog, on the phone, in English.
    await page.goto(`${session.baseUrl}/?lang=en`);
    await page.getByTestId('session-menu').click();
    expect(await axeViolations(page, '.header')).toEqual([]);
    await saveScreenshot(page, 'accounts-session-menu-phone');
    await page.getByRole('button', { name: 'Change password' }).click();
    const password = page.getByTestId('password-dialog');
    await password.waitFor();
    await page.getByTestId('password-submit').click();
    expect(await page.getByTestId('password-problem-current').textContent()).toBe(
      'Enter your current password.',
    );
    expect(await axeViolations(page, '[data-testid="password-dialog"]')).toEqual([]);
    expect((await password.boundingBox())?.width).toBeLessThanOrEqual(PHONE.width);

    const satgas = await session.newPage(DESKTOP);
    await session.signIn(satgas, 'satgas');
    await openDashboard(satgas, session.baseUrl, '/');
    await satgas.getByTestId('session-who').waitFor();
    expect(await satgas.getByTestId('session-menu').count()).toBe(1);
    expect(await satgas.getByTestId('accounts-open').count()).toBe(0);
    expect((await satgas.request.get(`${session.baseUrl}/api/accounts`)).status()).toBe(403);
  }, 300_000);
});
