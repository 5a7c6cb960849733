// Cross-site request forgery: a page of another site cannot make a signed-in browser change anything. Browsers
// mark such requests with Origin and Sec-Fetch-Site; our own dashboard (same origin) and scripts without those
// headers (curl, partners' tools) pass.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp({ rateLimitPerMinute: 0 });
const proxied = testApp({ rateLimitPerMinute: 0, trustProxy: true }).app;
const { signIn } = requestsTo(app);

/** The host the in-process app is addressed as (`app.request` builds http://localhost/…). */
const OWN_ORIGIN = 'http://localhost';
const EVIL = 'https://evil.example';

const LOGIN_BODY = JSON.stringify({ username: 'ngo', password: DEFAULT_DEMO_PASSWORD });
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** A sign-in request with extra headers. */
function login(headers: Record<string, string>, target = app) {
  return target.request('/api/auth/login', {
    method: 'POST',
    headers: { ...JSON_TYPE, ...headers },
    body: LOGIN_BODY,
  });
}

/** Expects the 403 `csrf_rejected` answer, naming the header, with no cookie set. */
async function expectRejected(res: Response, header: string) {
  expect(res.status).toBe(403);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('csrf_rejected');
  expect(body.error.message).toContain(header);
  expect(res.headers.get('set-cookie')).toBeNull();
}

async function interventionCount(): Promise<number> {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from interventions`;
  return row?.n ?? 0;
}

describe('CSRF protection of state-changing requests', () => {
  it('refuses a sign-in posted from another site, by Origin or by Sec-Fetch-Site', async () => {
    await expectRejected(await login({ Origin: EVIL }), 'Origin');
    await expectRejected(await login({ 'Sec-Fetch-Site': 'cross-site' }), 'Sec-Fetch-Site');
    await expectRejected(await login({ 'Sec-Fetch-Site': 'same-site' }), 'Sec-Fetch-Site');
    await expectRejected(await login({ Origin: 'null' }), 'Origin');
    await expectRejected(await login({ Origin: 'not a url' }), 'Origin');
    // Same host name on another port is another origin.
    await expectRejected(await login({ Origin: 'http://localhost:8080' }), 'Origin');
  });

  it('refuses a cross-site sign-out: the session stays alive', async () => {
    const cookie = await signIn('ngo');
    const res = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
    });
    await expectRejected(res, 'Sec-Fetch-Site');
    expect((await app.request('/api/auth/me', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('refuses a cross-site intervention write and stores nothing', async () => {
    const cookie = await signIn('satgas');
    const before = await interventionCount();
    const body = JSON.stringify({
      kind: 'banner',
      startedOn: '2025-01-15',
      organisation: 'demo-polres-ppa',
      location: { lng: 106.87, lat: -6.22 },
    });
    const created = await app.request('/api/interventions', {
      method: 'POST',
      headers: { ...JSON_TYPE, Cookie: cookie, Origin: EVIL },
      body,
    });
    await expectRejected(created, 'Origin');
    const changed = await app.request('/api/interventions/1', {
      method: 'PATCH',
      headers: { ...JSON_TYPE, Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' },
      body: JSON.stringify({ kind: 'banner' }),
    });
    await expectRejected(changed, 'Sec-Fetch-Site');
    expect(await interventionCount()).toBe(before);
  });

  it('refuses cross-site import uploads and roll-backs', async () => {
    const cookie = await signIn('admin');
    const [batches] = await db.sql<{ n: number }[]>`select count(*)::int as n from import_batches`;
    const csv = 'tanggal,kategori,kelurahan\n01/01/2020,other,31.75.01.1001\n';
    for (const path of ['/api/imports/check', '/api/imports']) {
      const res = await app.request(`${path}?kind=incidents&format=csv&fileName=csrf.csv`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Cookie: cookie, Origin: EVIL },
        body: csv,
      });
      await expectRejected(res, 'Origin');
    }
    const rollback = await app.request('/api/imports/1/rollback', {
      method: 'POST',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' },
    });
    await expectRejected(rollback, 'Sec-Fetch-Site');
    const [after] = await db.sql<{ n: number }[]>`select count(*)::int as n from import_batches`;
    expect(after?.n).toBe(batches?.n);
  });

  it('lets the dashboard (same origin) and scripts without browser headers through', async () => {
    expect((await login({ Origin: OWN_ORIGIN, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    // A page the user opened directly (typed address, bookmark) is `none`.
    expect((await login({ 'Sec-Fetch-Site': 'none' })).status).toBe(200);
    // curl and partners' scripts send neither header.
    expect((await login({})).status).toBe(200);
    // The browser's Origin is compared with the Host it addressed, default ports included.
    expect((await login({ Host: 'titikrawan.example', Origin: 'https://titikrawan.example' })).status).toBe(
      200,
    );
    expect(
      (await login({ Host: 'titikrawan.example:8787', Origin: 'http://titikrawan.example:8787' })).status,
    ).toBe(200);
    const cookie = await signIn('ngo');
    const out = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { Cookie: cookie, Origin: OWN_ORIGIN, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(out.status).toBe(204);
  });

  it('never refuses reads, whatever their origin', async () => {
    const res = await app.request('/api/health', {
      headers: { Origin: EVIL, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(200);
  });

  it('believes X-Forwarded-Host only when configured to trust a reverse proxy', async () => {
    const behindProxy = {
      Host: '127.0.0.1:8787',
      'X-Forwarded-Host': 'titikrawan.example',
      Origin: 'https://titikrawan.example',
    };
    // Without trustProxy anyone could send X-Forwarded-Host: the Host decides, and it differs from the Origin.
    await expectRejected(await login(behindProxy), 'Origin');
    expect((await login(behindProxy, proxied)).status).toBe(200);
    // The proxy's own (last) value counts, not one the client sent ahead of it.
    const spoofed = { ...behindProxy, 'X-Forwarded-Host': 'titikrawan.example, internal:8787' };
    await expectRejected(await login(spoofed, proxied), 'Origin');
    // A trusted proxy's forwarded host still has to match the Origin.
    await expectRejected(await login({ ...behindProxy, Origin: EVIL }, proxied), 'Origin');
  });
});
