// Sign-in throttling as an attacker and a locked-out user meet it: after 5 failed sign-ins of one name within 15
// minutes (since its last success), or 20 from one address, sign-in answers 429 too_many_attempts with Retry-After
// — without looking at the password — and an unknown name gets exactly the answer an existing one gets. The
// failures are read from the audit log, so old ones are planted there with their time to test the window.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ADDRESS_FAILURE_LIMIT,
  LOGIN_WINDOW_SECONDS,
  NAME_FAILURE_LIMIT,
} from '@titik-rawan/server/auth/login-throttle';
import { accountRequests, createTestAccount, testPassword, uniqueUsername } from '../support/accounts';
import { testApp } from '../support/database';

const { app, db } = testApp();
const { login } = accountRequests(app);
const PREFIX = 'thr';

/** An address no other test and no earlier run (within the window) signs in from. */
function uniqueAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** Fails `count` sign-ins of `username` (each must answer 401). */
async function fail(username: string, count: number, address?: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const res = await login(username, 'wrong-password', address ? { address } : {});
    expect(res.status, `failure ${i + 1} of ${username}`).toBe(401);
  }
}

/** Appends failed sign-ins of a name to the audit log as if they happened `secondsAgo` ago. */
async function plantFailures(username: string, secondsAgo: number, count: number): Promise<void> {
  await db.sql`
    insert into audit_log (at, actor, action)
    select now() - ${secondsAgo} * interval '1 second', ${username}, 'login.failed' from generate_series(1, ${count})`;
}

/** Appends failed sign-ins from an address to the audit log, one per unknown name, a minute ago. */
async function plantAddressFailures(address: string, count: number): Promise<void> {
  await db.sql`
    insert into audit_log (at, actor, action, address)
    select now() - interval '1 minute', ${PREFIX} || '-planted-' || n, 'login.failed', ${address}
    from generate_series(1, ${count}) as n`;
}

async function throttledAnswer(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  return { retryAfter, body: (await res.json()) as { error: { code: string; message: string } } };
}

describe('throttling per account name', () => {
  it(`refuses the ${NAME_FAILURE_LIMIT + 1}th try after ${NAME_FAILURE_LIMIT} failures, even with the right password`, async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    await fail(account.username, NAME_FAILURE_LIMIT);
    const { retryAfter, body } = await throttledAnswer(await login(account.username, account.password));
    expect(body.error.code).toBe('too_many_attempts');
    expect(retryAfter).toBeGreaterThan(LOGIN_WINDOW_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_SECONDS);
    // A throttled try is audited as such and does not extend the lock-out.
    const rows = await db.sql<{ action: string; n: number }[]>`
      select action, count(*)::int as n from audit_log where actor = ${account.username} group by action`;
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual({
      'login.failed': NAME_FAILURE_LIMIT,
      'login.throttled': 1,
    });
  });

  it('answers an unknown name exactly as an existing one, before and during throttling', async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'satgas');
    const unknown = uniqueUsername(PREFIX);
    for (let i = 0; i < NAME_FAILURE_LIMIT; i += 1) {
      const known = await login(account.username, 'wrong-password');
      const nobody = await login(unknown, 'wrong-password');
      expect([known.status, nobody.status]).toEqual([401, 401]);
      expect(await known.json()).toEqual(await nobody.json());
    }
    const known = await throttledAnswer(await login(account.username, account.password));
    const nobody = await throttledAnswer(await login(unknown, account.password));
    expect(known.body).toEqual(nobody.body);
    expect(Math.abs(known.retryAfter - nobody.retryAfter)).toBeLessThanOrEqual(2);
    expect(known.body.error.message).not.toMatch(/exist|unknown|account name/i);
  });

  it('counts only failures since the name last signed in successfully', async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    await fail(account.username, NAME_FAILURE_LIMIT - 1);
    expect((await login(account.username, account.password)).status).toBe(200);
    await fail(account.username, NAME_FAILURE_LIMIT);
    expect((await login(account.username, account.password)).status).toBe(429);
  });

  it('lets failures older than the window go, and gives Retry-After until the oldest counted one leaves', async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    await plantFailures(account.username, LOGIN_WINDOW_SECONDS + 60, NAME_FAILURE_LIMIT);
    expect((await login(account.username, account.password)).status).toBe(200);

    const unknown = uniqueUsername(PREFIX);
    await plantFailures(unknown, LOGIN_WINDOW_SECONDS + 60, NAME_FAILURE_LIMIT); // gone
    await plantFailures(unknown, LOGIN_WINDOW_SECONDS - 100, 1); // leaves in 100 s
    await plantFailures(unknown, 60, NAME_FAILURE_LIMIT - 1);
    const { retryAfter } = await throttledAnswer(await login(unknown, 'anything-at-all'));
    expect(retryAfter).toBeGreaterThanOrEqual(95);
    expect(retryAfter).toBeLessThanOrEqual(101);
  });

  it(`lets a burst of parallel guesses through only ${NAME_FAILURE_LIMIT} at a time`, async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    const answers = await Promise.all(
      Array.from({ length: NAME_FAILURE_LIMIT * 2 }, (_, i) => login(account.username, `guess-${i}-wrong`)),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([
      ...Array<number>(NAME_FAILURE_LIMIT).fill(401),
      ...Array<number>(NAME_FAILURE_LIMIT).fill(429),
    ]);
  });
});

describe('throttling per address', () => {
  it(`refuses every name from an address after ${ADDRESS_FAILURE_LIMIT} failures there, and no other address`, async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    const address = uniqueAddress();
    // Failures of other names from there (one each, so that no name reaches its own limit), the last one real.
    await plantAddressFailures(address, ADDRESS_FAILURE_LIMIT - 1);
    await fail(uniqueUsername(PREFIX), 1, address);
    const { body, retryAfter } = await throttledAnswer(
      await login(account.username, account.password, { address }),
    );
    expect(body.error.code).toBe('too_many_attempts');
    // The oldest counted failure was planted a minute ago.
    expect(retryAfter).toBeGreaterThan(LOGIN_WINDOW_SECONDS - 120);
    expect(retryAfter).toBeLessThanOrEqual(LOGIN_WINDOW_SECONDS - 55);
    const [entry] = await db.sql<{ address: string; details: { limit: string } }[]>`
      select address, details from audit_log where actor = ${account.username} and action = 'login.throttled'`;
    expect(entry).toEqual({ address, details: { limit: 'address' } });
    // The same account from elsewhere is not affected.
    expect((await login(account.username, account.password, { address: uniqueAddress() })).status).toBe(200);
  });

  it('is not reset by a successful sign-in from that address', async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    const address = uniqueAddress();
    await plantAddressFailures(address, ADDRESS_FAILURE_LIMIT - 2);
    await fail(uniqueUsername(PREFIX), 1, address);
    expect((await login(account.username, account.password, { address })).status).toBe(200);
    await fail(uniqueUsername(PREFIX), 1, address);
    expect((await login(account.username, account.password, { address })).status).toBe(429);
  });
});

describe('the audit entries of sign-in attempts', () => {
  it('record who, what and from where, never a password', async () => {
    const account = await createTestAccount(db.sql, PREFIX, 'ngo');
    const address = uniqueAddress();
    const wrong = testPassword();
    expect((await login(account.username, wrong, { address })).status).toBe(401);
    expect((await login(account.username, account.password, { address })).status).toBe(200);
    const entries = await db.sql<{ action: string; address: string; text: string }[]>`
      select action, address, concat_ws(' ', actor, target, details::text) as text
      from audit_log where actor = ${account.username} order by id`;
    expect(entries.map((e) => [e.action, e.address])).toEqual([
      ['login.failed', address],
      ['login', address],
    ]);
    for (const { text } of entries) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(account.password);
    }
  });
});
