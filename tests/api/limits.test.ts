// Request size and rate limits of the API, as a client meets them: a JSON body over 64 KiB is refused before
// anything is written (import uploads keep their own 200 MB limit), and a caller over its requests per minute gets
// 429 with Retry-After and RateLimit-* headers until the window has passed — counted per account, else per
// address, with the health check left open for monitoring.
import { describe, expect, it } from 'vitest';
import { createApp } from '@titik-rawan/server';
import { DEFAULT_DEMO_PASSWORD, readConfig } from '@titik-rawan/server/config';
import { addressKey, FixedWindows } from '@titik-rawan/server/http/rate-limit';
import { testApp, testDatabase } from '../support/database';
import { requestsTo } from '../support/requests';

type ErrorBody = { error: { code: string; message: string } };

/** The Node bindings `getConnInfo` reads the peer address from, as a real connection from `address` has them. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40000 } } });

describe('request size limit', () => {
  const { app, db } = testApp({ rateLimitPerMinute: 0 });
  const { signIn } = requestsTo(app);

  async function interventionCount(): Promise<number> {
    const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from interventions`;
    return row?.n ?? 0;
  }

  it('refuses a JSON body over 64 KiB with 413 naming the limit, and writes nothing', async () => {
    const cookie = await signIn('satgas');
    const before = await interventionCount();
    const body = JSON.stringify({
      kind: 'banner',
      startedOn: '2025-01-15',
      organisation: 'demo-polres-ppa',
      location: { lng: 106.87, lat: -6.22 },
      padding: 'x'.repeat(70 * 1024),
    });
    const res = await app.request('/api/interventions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body,
    });
    expect(res.status).toBe(413);
    const answer = (await res.json()) as ErrorBody;
    expect(answer.error.code).toBe('payload_too_large');
    expect(answer.error.message).toContain('64 KiB');
    expect(await interventionCount()).toBe(before);
  });

  it('refuses by the declared Content-Length before reading, and also a streamed body without one', async () => {
    const declared = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(65 * 1024) },
      body: 'x'.repeat(65 * 1024),
    });
    expect(declared.status).toBe(413);
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // Stopped reading at the limit: 5 of the 10 chunks were enough.
    expect(sent).toBeLessThan(10);
  });

  it('accepts a body just under the limit (it reaches the sign-in)', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        username: 'limits-nobody',
        password: 'p'.repeat(100),
        pad: 'x'.repeat(60 * 1024),
      }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error.code).toBe('bad_credentials');
  });

  it('keeps the 200 MB limit of import uploads: a 100 KiB CSV is checked', async () => {
    const cookie = await signIn('admin');
    const rows = Array.from({ length: 3000 }, (_, i) => `${(i % 28) + 1}/01/2021,other,31.75.01.1001`);
    const csv = ['tanggal,kategori,kelurahan', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(80 * 1024);
    const res = await app.request('/api/imports/check?kind=incidents&format=csv&fileName=limits-large.csv', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Cookie: cookie },
      body: csv,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { rows: number }).rows).toBe(3000);
  });

  it('accepts JSON only: a form or text body is refused with 415 naming the header', async () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: `username=ngo&password=${DEFAULT_DEMO_PASSWORD}`,
      });
      expect(res.status, type).toBe(415);
      const answer = (await res.json()) as ErrorBody;
      expect(answer.error.code).toBe('unsupported_media_type');
      expect(answer.error.message).toContain('Content-Type');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });
});

describe('rate limit', () => {
  const db = testDatabase();
  let clock = Date.parse('2025-06-01T00:00:00Z');
  const { app } = createApp({ db, config: readConfig({ RATE_LIMIT_PER_MINUTE: '5' }), now: () => clock });

  const get = (path: string, address: string, cookie?: string) =>
    app.request(path, cookie ? { headers: { Cookie: cookie } } : {}, from(address));

  it('answers 429 after 5 requests a minute, with Retry-After and RateLimit-* headers, then recovers', async () => {
    const address = '198.51.100.10';
    for (let i = 1; i <= 5; i++) {
      const res = await get('/api/config', address);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('5');
      expect(res.headers.get('ratelimit-remaining')).toBe(String(5 - i));
      expect(res.headers.get('ratelimit-reset')).toBe('60');
    }
    clock += 20_000;
    const refused = await get('/api/config', address);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('40');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('ratelimit-reset')).toBe('40');
    const answer = (await refused.json()) as ErrorBody;
    expect(answer.error.code).toBe('too_many_requests');
    expect(answer.error.message).toMatch(/at most 5 per 60 s/);
    // Writes count too: a sign-in is refused before the password is checked.
    const login = await app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'ngo', password: DEFAULT_DEMO_PASSWORD }),
      },
      from(address),
    );
    expect(login.status).toBe(429);
    expect(login.headers.get('set-cookie')).toBeNull();
    // Monitoring is never limited.
    expect((await get('/api/health', address)).status).toBe(200);
    // Another address has its own allowance.
    expect((await get('/api/config', '198.51.100.11')).status).toBe(200);
    // After the window, the caller is served again with a fresh allowance.
    clock += 40_000;
    const again = await get('/api/config', address);
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit-remaining')).toBe('4');
  });

  it('counts a signed-in caller by account, wherever its requests come from', async () => {
    clock += 60_000;
    const res = await app.request(
      '/api/auth/login',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'ngo', password: DEFAULT_DEMO_PASSWORD }),
      },
      from('198.51.100.20'),
    );
    expect(res.status).toBe(200);
    const cookie = /tr_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
    // Five requests from five addresses: one allowance, the account's.
    for (let i = 0; i < 5; i++)
      expect((await get('/api/auth/me', `198.51.100.${30 + i}`, cookie)).status).toBe(200);
    expect((await get('/api/auth/me', '198.51.100.40', cookie)).status).toBe(429);
    // The address that signed in still has its own allowance (1 of 5 used by the sign-in).
    expect((await get('/api/config', '198.51.100.20')).headers.get('ratelimit-remaining')).toBe('3');
  });

  it('counts an IPv6 caller by its /64 network', async () => {
    clock += 60_000;
    for (let i = 0; i < 5; i++) expect((await get('/api/config', `2001:db8:5:6::${i + 1}`)).status).toBe(200);
    expect((await get('/api/config', '2001:db8:5:6:ffff:1:2:3')).status).toBe(429);
    expect((await get('/api/config', '2001:db8:5:7::1')).status).toBe(200);
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:0db8:0000:0001::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('is off with RATE_LIMIT_PER_MINUTE=0, and refuses malformed settings', async () => {
    const { app: unlimited } = createApp({ db, config: readConfig({ RATE_LIMIT_PER_MINUTE: '0' }) });
    for (let i = 0; i < 20; i++) {
      const res = await unlimited.request('/api/config', {}, from('198.51.100.50'));
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
    expect(readConfig({}).rateLimitPerMinute).toBe(1200);
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: 'many' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => readConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });

  it('keeps memory bounded: past maxKeys callers, new ones share one window until old windows end', () => {
    const windows = new FixedWindows(1000, 3);
    for (const caller of ['a', 'b', 'c']) expect(windows.hit(caller, 0).count).toBe(1);
    // New callers now share the overflow window; known ones keep their own.
    expect(windows.hit('d', 10).count).toBe(1);
    expect(windows.hit('e', 20).count).toBe(2);
    expect(windows.hit('a', 30).count).toBe(2);
    expect(windows.size).toBe(4);
    for (let i = 0; i < 1000; i++) windows.hit(`flood-${i}`, 40);
    expect(windows.size).toBe(4);
    // Once the windows have ended they are dropped, and new callers get their own again.
    expect(windows.hit('f', 1040).count).toBe(1);
    expect(windows.size).toBe(1);
    expect(windows.hit('g', 1050).count).toBe(1);
  });
});
