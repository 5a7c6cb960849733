// Account management as an admin does it through /api/accounts: list, create, change role, disable, reset a
// password, set the organisation. Only admins may; a role, password or disabled change ends the account's sessions
// at once; every change is audited by the fields it names, never the password. The demo accounts are left as they
// are (other test files sign in with them): this file makes its own.
import { accountListSchema, accountSchema, type Account } from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { accountRequests, createTestAccount, testPassword, uniqueUsername } from '../support/accounts';
import { testApp } from '../support/database';

const { app, db } = testApp();
const { send, login, signIn, meStatus } = accountRequests(app);
const PREFIX = 'acct';

let admin: string;
beforeAll(async () => {
  const own = await createTestAccount(db.sql, PREFIX, 'admin');
  admin = await signIn(own.username, own.password);
});

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

/** Creates an account through the API as the admin; returns it and its password. */
async function createViaApi(
  role: Account['role'],
  extra: { organisationCode?: string | null } = {},
): Promise<{ account: Account; password: string }> {
  const password = testPassword();
  const res = await send('POST', '/api/accounts', {
    cookie: admin,
    body: { username: uniqueUsername(PREFIX), role, password, ...extra },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { account: accountSchema.parse(await res.json()), password };
}

async function patch(id: number, body: unknown, cookie = admin): Promise<Response> {
  return send('PATCH', `/api/accounts/${id}`, { cookie, body });
}

async function listed(username: string): Promise<Account | undefined> {
  const res = await send('GET', '/api/accounts', { cookie: admin });
  expect(res.status).toBe(200);
  return accountListSchema.parse(await res.json()).accounts.find((a) => a.username === username);
}

describe('who may manage accounts', () => {
  it('answers 401 to the public and 403 to NGO and task-force accounts, on every method', async () => {
    const ngo = await signIn('ngo', DEFAULT_DEMO_PASSWORD);
    const satgas = await signIn('satgas', DEFAULT_DEMO_PASSWORD);
    const target = await createTestAccount(db.sql, PREFIX, 'ngo');
    const [row] = await db.sql<{ id: string }[]>`select id from accounts where username = ${target.username}`;
    const wouldCreate = uniqueUsername(PREFIX);
    const calls = [
      ['GET', '/api/accounts', undefined],
      ['POST', '/api/accounts', { username: wouldCreate, role: 'admin', password: testPassword() }],
      ['PATCH', `/api/accounts/${row?.id}`, { role: 'admin' }],
    ] as const;
    for (const [method, path, body] of calls) {
      expect((await send(method, path, { body })).status, `${method} public`).toBe(401);
      expect((await send(method, path, { body, cookie: ngo })).status, `${method} ngo`).toBe(403);
      expect((await send(method, path, { body, cookie: satgas })).status, `${method} satgas`).toBe(403);
    }
    // Nothing was created or changed by the refused calls.
    expect(await db.sql`select 1 from accounts where username = ${wouldCreate}`).toHaveLength(0);
    const [after] = await db.sql<{ role: string }[]>`select role from accounts where id = ${row?.id ?? 0}`;
    expect(after?.role).toBe('ngo');
  });
});

describe('listing and creating accounts', () => {
  it('creates an account that signs in with its role, and lists it with its last sign-in and live sessions', async () => {
    const { account, password } = await createViaApi('satgas');
    expect(account).toMatchObject({
      role: 'satgas',
      organisationCode: null,
      disabledAt: null,
      lastSignInAt: null,
      activeSessions: 0,
    });
    expect(Date.parse(account.createdAt)).toBeGreaterThan(Date.now() - 60_000);

    const cookie = await signIn(account.username, password);
    const me = await send('GET', '/api/auth/me', { cookie });
    expect(await me.json()).toEqual({ username: account.username, role: 'satgas' });

    const seen = await listed(account.username);
    expect(seen?.activeSessions).toBe(1);
    expect(seen?.lastSignInAt).not.toBeNull();
  });

  it('lists every account ordered by username, never with a password or hash', async () => {
    const res = await send('GET', '/api/accounts', { cookie: admin });
    const text = await res.clone().text();
    expect(text).not.toMatch(/password|scrypt/i);
    const { accounts } = accountListSchema.parse(await res.json());
    const names = accounts.map((a) => a.username);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toEqual(expect.arrayContaining(['admin', 'satgas', 'ngo']));
    expect(Object.keys(accounts[0] ?? {}).sort()).toEqual(
      [
        'activeSessions',
        'createdAt',
        'disabledAt',
        'id',
        'lastSignInAt',
        'organisationCode',
        'role',
        'username',
      ].sort(),
    );
  });

  it('stores an organisation, and refuses one that does not exist naming the field', async () => {
    const [organisation] = await db.sql<
      { code: string }[]
    >`select code from organisations order by code limit 1`;
    if (!organisation) throw new Error('the demo data has organisations');
    const { account } = await createViaApi('ngo', { organisationCode: organisation.code });
    expect(account.organisationCode).toBe(organisation.code);

    const res = await send('POST', '/api/accounts', {
      cookie: admin,
      body: {
        username: uniqueUsername(PREFIX),
        role: 'ngo',
        password: testPassword(),
        organisationCode: 'no-such-org',
      },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('organisationCode');
  });

  it('refuses a taken username with 409 account_exists', async () => {
    const { account } = await createViaApi('ngo');
    const res = await send('POST', '/api/accounts', {
      cookie: admin,
      body: { username: account.username, role: 'admin', password: testPassword() },
    });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe('account_exists');
    expect((await listed(account.username))?.role).toBe('ngo');
  });

  it('refuses malformed fields with 400 naming each', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: 'No Spaces', role: 'ngo', password: testPassword() }, 'username'],
      [{ username: 'ab', role: 'ngo', password: testPassword() }, 'username'],
      [{ username: uniqueUsername(PREFIX), role: 'root', password: testPassword() }, 'role'],
      [{ username: uniqueUsername(PREFIX), role: 'ngo', password: 'too-short' }, 'password'],
      [{ username: uniqueUsername(PREFIX), role: 'ngo', password: 'x'.repeat(201) }, 'password'],
      [{ username: uniqueUsername(PREFIX), role: 'ngo' }, 'password'],
      [{ username: uniqueUsername(PREFIX), role: 'ngo', password: testPassword(), isAdmin: true }, 'isAdmin'],
    ];
    for (const [body, field] of cases) {
      const res = await send('POST', '/api/accounts', { cookie: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).message, JSON.stringify(body)).toContain(field);
    }
  });
});

describe('changing accounts', () => {
  it('disabling ends every session at once and stops sign-in with the generic answer; enabling allows it again', async () => {
    const { account, password } = await createViaApi('ngo');
    const first = await signIn(account.username, password);
    const second = await signIn(account.username, password);
    const res = await patch(account.id, { disabled: true });
    expect(res.status).toBe(200);
    const changed = accountSchema.parse(await res.json());
    expect(changed.disabledAt).not.toBeNull();
    expect(changed.activeSessions).toBe(0);
    expect(await meStatus(first)).toBe(401);
    expect(await meStatus(second)).toBe(401);

    const refused = await login(account.username, password);
    const unknown = await login(uniqueUsername(PREFIX), password);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual(await unknown.json());

    expect((await patch(account.id, { disabled: false })).status).toBe(200);
    expect((await login(account.username, password)).status).toBe(200);
  });

  it('a role change takes effect at once: old sessions end, the next sign-in has the new role', async () => {
    const { account, password } = await createViaApi('satgas');
    const before = await signIn(account.username, password);
    expect((await send('GET', '/api/accounts', { cookie: before })).status).toBe(403);

    const res = await patch(account.id, { role: 'admin' });
    expect(res.status).toBe(200);
    expect(accountSchema.parse(await res.json()).role).toBe('admin');
    expect(await meStatus(before)).toBe(401);
    const after = await signIn(account.username, password);
    expect((await send('GET', '/api/accounts', { cookie: after })).status).toBe(200);

    // And back down: the admin session ends, the new one is refused account management.
    expect((await patch(account.id, { role: 'ngo' })).status).toBe(200);
    expect(await meStatus(after)).toBe(401);
    const demoted = await signIn(account.username, password);
    expect((await send('GET', '/api/accounts', { cookie: demoted })).status).toBe(403);
  });

  it('a password reset ends the sessions and replaces the password', async () => {
    const { account, password } = await createViaApi('ngo');
    const cookie = await signIn(account.username, password);
    const newPassword = testPassword();
    expect((await patch(account.id, { password: newPassword })).status).toBe(200);
    expect(await meStatus(cookie)).toBe(401);
    expect((await login(account.username, password)).status).toBe(401);
    expect((await login(account.username, newPassword)).status).toBe(200);
  });

  it('an organisation change keeps the sessions', async () => {
    const [organisation] = await db.sql<
      { code: string }[]
    >`select code from organisations order by code desc limit 1`;
    const { account, password } = await createViaApi('ngo');
    const cookie = await signIn(account.username, password);
    const res = await patch(account.id, { organisationCode: organisation?.code ?? null });
    expect(res.status).toBe(200);
    expect(accountSchema.parse(await res.json()).organisationCode).toBe(organisation?.code ?? null);
    expect(await meStatus(cookie)).toBe(200);
  });

  it('answers 404 for an unknown id and 400 for an empty or malformed change', async () => {
    const missing = await patch(999_999_999, { role: 'ngo' });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const { account } = await createViaApi('ngo');
    expect((await patch(account.id, {})).status).toBe(400);
    const badRole = await patch(account.id, { role: 'root' });
    expect(badRole.status).toBe(400);
    expect((await errorOf(badRole)).message).toContain('role');
    const badId = await send('PATCH', '/api/accounts/abc', { cookie: admin, body: { role: 'ngo' } });
    expect(badId.status).toBe(400);
    expect((await errorOf(badId)).message).toContain('id');
    const username = await send('PATCH', `/api/accounts/${account.id}`, {
      cookie: admin,
      body: { username: 'renamed' },
    });
    expect(username.status).toBe(400);
  });
});

describe('the audit log of account changes', () => {
  it('names who changed which fields of whom, never the password or its hash', async () => {
    const { account, password } = await createViaApi('ngo');
    const newPassword = testPassword();
    expect((await patch(account.id, { role: 'satgas', password: newPassword })).status).toBe(200);
    const entries = await db.sql<
      { actor: string; action: string; details: Record<string, unknown>; text: string }[]
    >`
      select actor, action, details, concat_ws(' ', actor, action, target, address, details::text) as text
      from audit_log where target = ${account.username} and action like 'account.%' order by id`;
    expect(entries.map((e) => e.action)).toEqual(['account.create', 'account.update']);
    expect(entries[0]?.details).toMatchObject({ role: 'ngo' });
    expect(entries[1]?.details).toMatchObject({ fields: 'role,password', role: 'satgas', sessionsEnded: 0 });
    const [hash] = await db.sql<
      { h: string }[]
    >`select password_hash as h from accounts where id = ${account.id}`;
    for (const entry of entries) {
      expect(entry.actor).toMatch(new RegExp(`^${PREFIX}-`));
      expect(entry.text).not.toContain(password);
      expect(entry.text).not.toContain(newPassword);
      expect(entry.text).not.toContain('scrypt');
      expect(entry.text).not.toContain(hash?.h ?? 'no hash');
    }
  });
});

describe('the last enabled admin', () => {
  it('is not refused while another enabled admin exists (the refusal itself: first-admin.test.ts)', async () => {
    const { account } = await createViaApi('admin');
    const res = await patch(account.id, { disabled: true });
    expect(res.status).toBe(200);
  });
});
