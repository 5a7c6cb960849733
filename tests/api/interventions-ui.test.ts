// What the dashboard's interventions tool reads: the organisations an intervention may name (and the account's
// own), and, with every located intervention, its organisation code, venue, kelurahan and whether the caller may
// change it. On the demo data in the run's database; what the tests write is removed afterwards.
import { interventionSchema, interventionsSchema, organisationsSchema } from '@titik-rawan/shared';
import { upsertAccount } from '@titik-rawan/server/auth/accounts';
import { DEFAULT_DEMO_PASSWORD } from '@titik-rawan/server/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, json } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
/** An NGO account of this test that names its organisation (the demo accounts name none). */
const MEMBER = 'ui-test-member';

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  await upsertAccount(db.sql, MEMBER, 'ngo', DEFAULT_DEMO_PASSWORD);
  await db.sql`update accounts set organisation_code = 'demo-lsm-penjangkauan' where username = ${MEMBER}`;
});

afterAll(async () => {
  await db.sql`delete from accounts where username = ${MEMBER}`;
});

describe('organisations', () => {
  it('are refused to the public, naming why', async () => {
    const res = await get('/api/organisations');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('sign_in_required');
    expect(body.error.message).toMatch(/signed-in/);
  });

  it('are listed by name for every signed-in tier, as the database holds them', async () => {
    const rows = await db.sql<{ code: string; name: string; kind: string }[]>`
      select code, name, kind from organisations`;
    for (const cookie of Object.values(cookies)) {
      const listed = organisationsSchema.parse(await json('/api/organisations', cookie));
      expect(listed.organisations.toSorted((a, b) => a.code.localeCompare(b.code))).toEqual(
        rows.toSorted((a, b) => a.code.localeCompare(b.code)),
      );
      const names = listed.organisations.map((o) => o.name);
      expect(names).toEqual(names.toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(listed.accountOrganisation).toBeNull();
    }
  });

  it('name the signed-in account’s own organisation when it has one', async () => {
    const listed = organisationsSchema.parse(await json('/api/organisations', await signIn(MEMBER)));
    expect(listed.accountOrganisation).toBe('demo-lsm-penjangkauan');
  });
});

describe('interventions as the tool lists them', () => {
  const created: string[] = [];
  afterAll(async () => {
    if (created.length > 0) await db.sql`delete from interventions where id in ${db.sql(created)}`;
  });

  async function record(body: unknown, cookie: string) {
    const res = await app.request('/api/interventions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const stored = interventionSchema.parse(await res.json());
    created.push(stored.id);
    return stored;
  }

  async function listedFor(cookie: string) {
    const layer = interventionsSchema.parse(await json('/api/interventions', cookie));
    return new Map(layer.features.map((f) => [f.id, f.properties]));
  }

  it('carry the organisation code, venue and kelurahan of each, as recorded', async () => {
    const [venue] = await db.sql<{ id: string; kelurahan: string }[]>`
      select id::text, kelurahan_code as kelurahan from venues where kind = 'kost' order by id limit 1`;
    if (!venue) throw new Error('no kost');
    const atPoint = await record(
      {
        kind: 'socialisation',
        startedOn: '2025-08-01',
        organisation: 'demo-lsm-pendamping',
        location: { lng: 106.8795, lat: -6.2253 },
      },
      cookies.ngo,
    );
    const atVenue = await record(
      { kind: 'kk_check', startedOn: '2025-08-02', organisation: 'demo-upt-pppa', venueId: venue.id },
      cookies.satgas,
    );
    const listed = await listedFor(cookies.ngo);
    const [area] = await db.sql<{ name: string }[]>`
      select name from admin_areas where code = ${atPoint.kelurahan}`;
    expect(listed.get(atPoint.id)).toMatchObject({
      kind: 'socialisation',
      startedOn: '2025-08-01',
      organisation: 'LSM Pendamping Anak (contoh)',
      organisationCode: 'demo-lsm-pendamping',
      venueId: null,
      venueKind: null,
      kelurahan: atPoint.kelurahan,
      kelurahanName: area?.name,
    });
    expect(listed.get(atVenue.id)).toMatchObject({
      organisationCode: 'demo-upt-pppa',
      venueId: venue.id,
      venueKind: 'kost',
      kelurahan: venue.kelurahan,
    });
  });

  it('say which the caller may change: their own, and every one for an admin', async () => {
    const byNgo = await record(
      {
        kind: 'outreach_visit',
        startedOn: '2025-08-03',
        organisation: 'demo-lsm-pendamping',
        location: { lng: 106.9, lat: -6.25 },
      },
      cookies.ngo,
    );
    const [demo] = await db.sql<{ id: string }[]>`
      select i.id::text from interventions i where created_by is null and kind <> 'cctv' order by id limit 1`;
    if (!demo) throw new Error('no demo intervention');
    for (const [tier, own, other] of [
      ['ngo', true, false],
      ['satgas', false, false],
      ['admin', true, true],
    ] as const) {
      const listed = await listedFor(cookies[tier]);
      expect(listed.get(byNgo.id)?.editable, `${tier}: its own`).toBe(own);
      expect(listed.get(demo.id)?.editable, `${tier}: a demo intervention`).toBe(other);
    }
    // What the list says matches what PATCH allows.
    const bySatgas = await app.request(`/api/interventions/${byNgo.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Cookie: cookies.satgas },
      body: JSON.stringify({ startedOn: '2025-08-04' }),
    });
    expect(bySatgas.status).toBe(403);
  });
});
