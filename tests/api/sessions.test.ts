// Sessions as a signed-in person meets them: a new session at every sign-in (a cookie planted before sign-in never
// becomes the session), an end 8 hours after sign-in or 2 hours after the last request, signing out everywhere, a
// password change that ends every other session, and cookies that scripts and other sites cannot use. The database
// keeps only a keyed hash of each token.
import { createHash, createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEV_SESSION_SECRET } from '@titik-rawan/server/config';
import { SESSION_IDLE_SECONDS, SESSION_TTL_SECONDS } from '@titik-rawan/server/auth/sessions';
import { accountRequests, createTestAccount, sessionCookie } from '../support/accounts';
import { testApp } from '../support/database';

const { app, db } = testApp();
const { send, login, signIn, meStatus } = accountRequests(app);
const PREFIX = 'sess';

let account: { username: string; password: string };
beforeAll(async () => {
  account = await createTestAccount(db.sql, PREFIX, 'satgas');
});

/** The token inside a `tr_session=…` cookie. */
const tokenOf = (cookie: string) => cookie.slice('tr_session='.length);

/** Moves a session's clocks: its absolute expiry and its last request, each `seconds` from now. */
async function setSessionTimes(cookie: string, times: { expiresIn?: number; lastSeenAgo?: number }) {
  const hash = createHmac('sha256', DEV_SESSION_SECRET).update(tokenOf(cookie)).digest('hex');
  const rows = await db.sql`
    update sessions set
      expires_at = ${times.expiresIn === undefined ? db.sql`expires_at` : db.sql`now() + ${times.expiresIn} * interval '1 second'`},
      last_seen_at = ${times.lastSeenAgo === undefined ? db.sql`last_seen_at` : db.sql`now() - ${times.lastSeenAgo} * interval '1 second'`}
    where token_hash = ${hash}
    returning 1`;
  expect(rows.length, 'the session row exists').toBe(1);
}

async function lastSeenSecondsAgo(cookie: string): Promise<number> {
  const hash = createHmac('sha256', DEV_SESSION_SECRET).update(tokenOf(cookie)).digest('hex');
  const [row] = await db.sql<{ ago: number }[]>`
    select extract(epoch from now() - last_seen_at)::float8 as ago from sessions where token_hash = ${hash}`;
  if (!row) throw new Error('no such session');
  return row.ago;
}

describe('session storage', () => {
  it('stores only the HMAC-SHA256 of the token under the session secret, never the token or its plain hash', async () => {
    const cookie = await signIn(account.username, account.password);
    const token = tokenOf(cookie);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    const hmac = createHmac('sha256', DEV_SESSION_SECRET).update(token).digest('hex');
    const sha = createHash('sha256').update(token).digest('hex');
    const [row] = await db.sql<{ n: number; plain: number }[]>`
      select count(*) filter (where token_hash = ${hmac})::int as n,
        count(*) filter (where token_hash in (${token}, ${sha}))::int as plain
      from sessions`;
    expect(row).toEqual({ n: 1, plain: 0 });
  });
});

describe('cookies', () => {
  it('are HttpOnly, SameSite=Strict, for the whole site, and last as long as a session can', async () => {
    const header = (await login(account.username, account.password)).headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Strict/i);
    expect(header).toMatch(/Path=\//);
    expect(header).toContain(`Max-Age=${SESSION_TTL_SECONDS}`);
    expect(header).not.toMatch(/Secure/i); // plain HTTP (local use): a Secure cookie would never come back
  });

  it('are Secure when the request came over HTTPS', async () => {
    const res = await app.request('https://titik-rawan.example/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(account),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('believe X-Forwarded-Proto only from a trusted proxy (TRUST_PROXY=true)', async () => {
    const viaProxy = (target: { request: typeof app.request }) =>
      target.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify(account),
      });
    expect((await viaProxy(app)).headers.get('set-cookie')).not.toMatch(/Secure/i);
    const behindProxy = testApp({ trustProxy: true });
    expect((await viaProxy(behindProxy.app)).headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('are cleared on logout with the same attributes', async () => {
    const cookie = await signIn(account.username, account.password);
    const res = await send('POST', '/api/auth/logout', { cookie });
    expect(res.status).toBe(204);
    const header = res.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/tr_session=;/);
    expect(header).toMatch(/Max-Age=0/);
    expect(header).toMatch(/HttpOnly/i);
    expect(await meStatus(cookie)).toBe(401);
  });
});

describe('session fixation', () => {
  it('never adopts a token planted before sign-in', async () => {
    const planted = 'tr_session=attacker-chosen-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const res = await login(account.username, account.password, { cookie: planted });
    expect(res.status).toBe(200);
    const issued = sessionCookie(res);
    expect(issued).not.toBe(planted);
    expect(await meStatus(issued)).toBe(200);
    expect(await meStatus(planted)).toBe(401);
  });

  it('gives a new token at every sign-in and ends the session of the cookie sent along', async () => {
    const before = await signIn(account.username, account.password);
    expect(await meStatus(before)).toBe(200);
    const after = sessionCookie(await login(account.username, account.password, { cookie: before }));
    expect(after).not.toBe(before);
    expect(await meStatus(after)).toBe(200);
    expect(await meStatus(before)).toBe(401);
  });
});

describe('expiry', () => {
  it('ends a session at its absolute expiry, however recently it was used', async () => {
    const cookie = await signIn(account.username, account.password);
    await setSessionTimes(cookie, { expiresIn: -1, lastSeenAgo: 0 });
    expect(await meStatus(cookie)).toBe(401);
  });

  it(`ends a session idle for more than ${SESSION_IDLE_SECONDS / 3600} hours`, async () => {
    const cookie = await signIn(account.username, account.password);
    await setSessionTimes(cookie, { lastSeenAgo: SESSION_IDLE_SECONDS + 60 });
    expect(await meStatus(cookie)).toBe(401);
  });

  it('keeps a session alive while it is used, writing its last use at most once a minute', async () => {
    const cookie = await signIn(account.username, account.password);
    // Idle for just under the limit: still valid, and this request counts as use.
    await setSessionTimes(cookie, { lastSeenAgo: SESSION_IDLE_SECONDS - 60 });
    expect(await meStatus(cookie)).toBe(200);
    expect(await lastSeenSecondsAgo(cookie)).toBeLessThan(30);
    // Used 30 s ago: a request does not write again.
    await setSessionTimes(cookie, { lastSeenAgo: 30 });
    expect(await meStatus(cookie)).toBe(200);
    expect(await lastSeenSecondsAgo(cookie)).toBeGreaterThanOrEqual(30);
  });

  it('clears ended sessions from the database at the next sign-in', async () => {
    const cookie = await signIn(account.username, account.password);
    await setSessionTimes(cookie, { expiresIn: -1 });
    await signIn(account.username, account.password);
    const hash = createHmac('sha256', DEV_SESSION_SECRET).update(tokenOf(cookie)).digest('hex');
    expect(await db.sql`select 1 from sessions where token_hash = ${hash}`).toHaveLength(0);
  });
});

describe('signing out everywhere', () => {
  it('ends every session of the account, and only of that account', async () => {
    const other = await createTestAccount(db.sql, PREFIX, 'ngo');
    const laptop = await signIn(account.username, account.password);
    const phone = await signIn(account.username, account.password);
    const someoneElse = await signIn(other.username, other.password);
    const res = await send('POST', '/api/auth/logout-everywhere', { cookie: phone });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/tr_session=;.*Max-Age=0/);
    expect(await meStatus(laptop)).toBe(401);
    expect(await meStatus(phone)).toBe(401);
    expect(await meStatus(someoneElse)).toBe(200);
    const [entry] = await db.sql<{ details: { sessionsEnded: number } }[]>`
      select details from audit_log where action = 'logout.everywhere' and actor = ${account.username}
      order by id desc limit 1`;
    expect(entry?.details.sessionsEnded).toBeGreaterThanOrEqual(2);
  });

  it('is refused without a session', async () => {
    expect((await send('POST', '/api/auth/logout-everywhere')).status).toBe(401);
  });
});

describe('changing the own password', () => {
  it('ends every other session, rotates this one, and takes the new password from then on', async () => {
    const own = await createTestAccount(db.sql, PREFIX, 'ngo');
    const here = await signIn(own.username, own.password);
    const elsewhere = await signIn(own.username, own.password);
    const newPassword = `${own.password}-new`;
    const res = await send('POST', '/api/auth/password', {
      cookie: here,
      body: { currentPassword: own.password, newPassword },
    });
    expect(res.status).toBe(204);
    const rotated = sessionCookie(res);
    expect(rotated).not.toBe(here);
    expect(await meStatus(rotated)).toBe(200);
    expect(await meStatus(here)).toBe(401);
    expect(await meStatus(elsewhere)).toBe(401);
    expect((await login(own.username, own.password)).status).toBe(401);
    expect((await login(own.username, newPassword)).status).toBe(200);

    const entries = await db.sql<{ action: string; text: string }[]>`
      select action, concat_ws(' ', actor, target, address, details::text) as text from audit_log
      where actor = ${own.username} and action like 'password.%'`;
    expect(entries.map((e) => e.action)).toEqual(['password.change']);
    for (const { text } of entries) {
      expect(text).not.toContain(own.password);
      expect(text).not.toContain(newPassword);
      expect(text).not.toContain('scrypt$');
    }
  });

  it('refuses a wrong current password with 400 wrong_password and changes nothing', async () => {
    const own = await createTestAccount(db.sql, PREFIX, 'ngo');
    const cookie = await signIn(own.username, own.password);
    const res = await send('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('wrong_password');
    expect(await meStatus(cookie)).toBe(200);
    expect((await login(own.username, own.password)).status).toBe(200);
  });

  it('refuses a new password under 12 characters, naming the field', async () => {
    const cookie = await signIn(account.username, account.password);
    const res = await send('POST', '/api/auth/password', {
      cookie,
      body: { currentPassword: account.password, newPassword: 'short' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('newPassword');
  });

  it('is refused without a session', async () => {
    const res = await send('POST', '/api/auth/password', {
      body: { currentPassword: account.password, newPassword: 'a-brand-new-password' },
    });
    expect(res.status).toBe(401);
  });
});
