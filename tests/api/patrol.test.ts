// The patrol plan as the task force scripts it: who may ask, the parameters, stops that are published hot or
// emerging hot spots, a plan that repeats for the same shift and changes across shifts, and a time-of-week
// profile that matches the database where it is published and hides every small count.
import { emergingSchema, hotspotsSchema, patrolPlanSchema, type PatrolPlan } from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, json, waitUntilReady } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
const QUERY = 'resolution=8&period=2025&category=all';

const patrol = async (query: string, cookie = cookies.satgas): Promise<PatrolPlan> =>
  patrolPlanSchema.parse(await json(`/api/planning/patrol?${QUERY}&${query}`, cookie));

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  // The analyses are decided after the release (minutes on a cold cache): wait for them.
  await waitUntilReady(`/api/hotspots?${QUERY}`, cookies.satgas);
}, 26 * 60_000);

describe('patrol plan', () => {
  it('is for the task force and admins; the public is asked to sign in, NGOs are told why not', async () => {
    expect((await get(`/api/planning/patrol?${QUERY}&shift=evening`)).status).toBe(401);
    const ngo = await get(`/api/planning/patrol?${QUERY}&shift=evening`, cookies.ngo);
    expect(ngo.status).toBe(403);
    expect(await ngo.text()).toMatch(/task-force and admin/);
    await json(`/api/planning/patrol?${QUERY}&shift=evening`, cookies.admin);
  });

  it('names the parameter that is wrong', async () => {
    for (const [query, parameter] of [
      ['shift=lunch', 'shift'],
      ['shift=night&stops=0', 'stops'],
      ['shift=night&stops=40', 'stops'],
      ['shift=night&date=2026-13-01', 'date'],
    ] as const) {
      const res = await get(`/api/planning/patrol?${QUERY}&${query}`, cookies.satgas);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
        `"${parameter}"`,
      );
    }
    const month = await get(
      '/api/planning/patrol?resolution=8&period=2025-03&category=all&shift=night',
      cookies.satgas,
    );
    expect(month.status).toBe(400);
    expect(((await month.json()) as { error: { message: string } }).error.message).toContain('"period"');
  });

  it('stops at published hot spots or emerging hot spots only, each once', async () => {
    const hot = hotspotsSchema.parse(await json(`/api/hotspots?${QUERY}`, cookies.satgas));
    const emerging = emergingSchema.parse(
      await json('/api/hotspots/emerging?resolution=8&step=quarter&category=all', cookies.satgas),
    );
    const binOf = new Map(hot.features.map((f) => [f.properties.cell, f.properties.bin]));
    const classOf = new Map(emerging.features.map((f) => [f.properties.cell, f.properties.class]));
    const pressing = ['new-hot-spot', 'consecutive-hot-spot', 'intensifying-hot-spot', 'persistent-hot-spot'];
    for (const date of ['2026-11-02', '2026-11-03', '2026-11-04']) {
      const plan = await patrol(`shift=evening&stops=6&date=${date}`);
      expect(plan.stops).toHaveLength(6);
      expect(new Set(plan.stops.map((stop) => stop.cell)).size).toBe(6);
      for (const stop of plan.stops) {
        const bin = binOf.get(stop.cell) ?? 0;
        const cls = classOf.get(stop.cell) ?? null;
        expect(bin > 0 || pressing.includes(cls ?? ''), stop.cell).toBe(true);
        expect(stop.hotConfidence).toBe(bin > 0 ? [90, 95, 99][bin - 1] : null);
        expect(stop.emerging).toBe(cls);
      }
    }
  });

  it('repeats for the same date and shift, differs for the next shift, and its times add up', async () => {
    const first = await patrol('shift=evening&date=2026-11-02');
    expect(await patrol('shift=evening&date=2026-11-02')).toEqual(first);
    const others = await Promise.all(
      ['2026-11-03', '2026-11-04', '2026-11-05'].map((date) => patrol(`shift=evening&date=${date}`)),
    );
    const orders = new Set([first, ...others].map((plan) => plan.stops.map((stop) => stop.cell).join()));
    expect(orders.size).toBeGreaterThan(1);
    expect(first.startsAt).toBe('18:00');
    const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
    let clock = minutes(first.startsAt);
    for (const stop of first.stops) {
      expect(minutes(stop.arriveAt)).toBe((clock + stop.travelMinutes) % 1440);
      expect(stop.stopMinutes).toBeGreaterThanOrEqual(10);
      expect(stop.stopMinutes).toBeLessThanOrEqual(15);
      clock += stop.travelMinutes + stop.stopMinutes;
    }
    expect(first.totalMinutes).toBe(clock - minutes(first.startsAt));
  });

  it('names the kelurahan that holds most of each stop: one reaching within a cell’s radius of its centre', async () => {
    const plan = await patrol('shift=morning&date=2026-11-02');
    for (const stop of plan.stops) {
      const [lng, lat] = stop.coordinates;
      const near = await db.sql<{ code: string; name: string }[]>`
        select code, name from admin_areas
        where level = 'kelurahan'
          and ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography, 550)`;
      expect(near, stop.cell).toContainEqual(stop.kelurahan);
    }
  });

  it('publishes the time profile as counted, withholding every small count and never just one cell', async () => {
    // The database between two equal answers (another test file may add and remove an incident meanwhile).
    const consistent = async () => {
      for (let attempt = 0; attempt < 10; attempt++) {
        const before = (await patrol('shift=night&date=2026-11-02')).timeProfile;
        const rows = await db.sql<{ day: number; band: string | null; count: number }[]>`
          select extract(isodow from occurred_on)::int as day, time_band as band, count(*)::int as count
          from incidents where occurred_on between '2025-01-01' and '2025-12-31' group by 1, 2`;
        const after = (await patrol('shift=night&date=2026-11-02')).timeProfile;
        if (JSON.stringify(before) === JSON.stringify(after)) return { profile: before, rows };
      }
      throw new Error('the incidents kept changing');
    };
    const { profile, rows } = await consistent();
    expect(profile.year).toBe(2025);
    expect(profile.threshold).toBe(3);
    const truth = profile.days.map(() => profile.bands.map(() => 0));
    for (const row of rows) {
      const b = profile.bands.indexOf(row.band ?? 'unrecorded');
      const line = truth[row.day - 1];
      if (line) line[b] = row.count;
    }
    let withheld = 0;
    profile.values.forEach((line, d) =>
      line.forEach((value, b) => {
        const count = truth[d]?.[b] ?? 0;
        if (value === null) withheld += 1;
        else expect(value).toBe(count);
        if (count > 0 && count < profile.threshold) expect(value).toBeNull();
      }),
    );
    expect(withheld).toBe(profile.suppressed);
    expect(withheld).not.toBe(1);
    const published = profile.values.flat().filter((value): value is number => value !== null);
    expect(published.length).toBeGreaterThan(20);
    const highest = Math.max(
      ...profile.values.map((line) => Math.max(...line.slice(0, 4).map((v) => v ?? 0))),
    );
    for (const { day, band } of profile.busiest) {
      expect(profile.values[profile.days.indexOf(day)]?.[profile.bands.indexOf(band)]).toBe(highest);
    }
  });

  it('is labelled synthetic on the demo data and audited', async () => {
    const plan = await patrol('shift=afternoon&date=2026-11-09');
    expect(plan.release.synthetic).toBe(true);
    expect(plan.notice).toMatch(/nothing about any person or venue/);
    const [entry] = await db.sql<{ target: string }[]>`
      select target from audit_log where actor = 'satgas' and action = 'planning.read'
        and target like '/planning/patrol?%date=2026-11-09%'
      order by id desc limit 1`;
    expect(entry?.target).toMatch(/^\/planning\/patrol\?.*shift=afternoon/);
  });
});
