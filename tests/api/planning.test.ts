// Banner and CCTV placement as the task force scripts it: who may ask, what the parameters allow, and the
// arithmetic of the answer, checked against the published analyses, venues and interventions it is built on.
import {
  hotspotsSchema,
  interventionsSchema,
  placementsSchema,
  riskTerrainSchema,
  venuesSchema,
} from '@titik-rawan/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { metresPerDegree } from '@titik-rawan/server/geography/point-grid';
import { cellCentre } from '@titik-rawan/server/releases/geography';
import type { H3Index } from '@titik-rawan/shared';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app, db } = testApp();
const { signIn, get, send, json, waitUntilReady } = requestsTo(app);
const cookies = { ngo: '', satgas: '', admin: '' };
const QUERY = 'resolution=8&period=2025&category=all';

beforeAll(async () => {
  for (const name of ['ngo', 'satgas', 'admin'] as const) cookies[name] = await signIn(name);
  // The analyses are decided after the release (minutes on a cold cache): wait for them.
  await waitUntilReady(`/api/hotspots?${QUERY}`, cookies.satgas);
}, 26 * 60_000);

describe('placement planning', () => {
  it('is for the task force and admins; the public is asked to sign in, NGOs are told why not', async () => {
    const publicAnswer = await get(`/api/planning/placements?${QUERY}&sites=5`);
    expect(publicAnswer.status).toBe(401);
    const ngo = await get(`/api/planning/placements?${QUERY}&sites=5`, cookies.ngo);
    expect(ngo.status).toBe(403);
    expect(await ngo.text()).toMatch(/task-force and admin/);
    expect((await get(`/api/planning/placements?${QUERY}&sites=5`, cookies.admin)).status).toBe(200);
  });

  it('names the parameter that is wrong', async () => {
    for (const [query, parameter] of [
      ['sites=0', 'sites'],
      ['sites=5&coverage=10', 'coverage'],
      ['sites=5&kinds=hotel,brothel', 'kinds'],
      ['sites=5&intervention=mural', 'intervention'],
    ] as const) {
      const res = await get(`/api/planning/placements?${QUERY}&${query}`, cookies.satgas);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, query).toContain(`query parameter "${parameter}`);
    }
    const month = await get(
      '/api/planning/placements?resolution=8&period=2025-03&category=all&sites=5',
      cookies.satgas,
    );
    expect(month.status).toBe(400);
    expect(await month.text()).toContain('year or a quarter');
  });

  it('ranks venues of the chosen kinds by the risk each adds, and its shares add up over the published figures', async () => {
    const plan = placementsSchema.parse(
      await json(
        `/api/planning/placements?${QUERY}&sites=8&coverage=400&kinds=hotel,guest_house`,
        cookies.satgas,
      ),
    );
    expect(plan.notice).toMatch(/say nothing about incidents/);
    expect(plan.sites).toHaveLength(8);
    expect(plan.sites.every((site) => ['hotel', 'guest_house'].includes(site.venue.kind))).toBe(true);
    const added = plan.sites.map((site) => site.addedShare);
    expect(added).toEqual([...added].sort((a, b) => b - a));
    expect(added.every((share) => share > 0)).toBe(true);
    expect(plan.existingShare + added.reduce((a, b) => a + b, 0)).toBeCloseTo(plan.coveredShare, 12);

    // Rebuild the demand from what the task force sees, and check the covered share with direct distances.
    const risk = riskTerrainSchema.parse(await json(`/api/risk-terrain?${QUERY}`, cookies.satgas));
    const hot = hotspotsSchema.parse(await json(`/api/hotspots?${QUERY}`, cookies.satgas));
    const bins = new Map(hot.features.map((f) => [f.properties.cell, f.properties.bin ?? 0]));
    const demand = risk.features.map((f) => {
      const [lon, lat] = cellCentre(f.properties.cell as H3Index);
      return { lon, lat, weight: f.properties.risk * (1 + Math.max(bins.get(f.properties.cell) ?? 0, 0)) };
    });
    const banners = interventionsSchema
      .parse(await json('/api/interventions', cookies.satgas))
      .features.filter((f) => f.properties.kind === 'banner')
      .map((f) => f.geometry.coordinates);
    expect(plan.existingSites).toBe(banners.length);
    const venues = venuesSchema.parse(await json('/api/venues', cookies.satgas));
    const byId = new Map(venues.features.map((f) => [f.id, f]));
    for (const site of plan.sites)
      expect(byId.get(site.venue.id)?.geometry.coordinates).toEqual(site.venue.coordinates);
    const scale = metresPerDegree(-6.25);
    const within = (a: readonly [number, number], d: { lon: number; lat: number }) =>
      Math.hypot((a[0] - d.lon) * scale.lon, (a[1] - d.lat) * scale.lat) <= plan.coverageM;
    const total = demand.reduce((sum, d) => sum + d.weight, 0);
    const shareCoveredBy = (sites: ReadonlyArray<readonly [number, number]>) =>
      demand.reduce((sum, d) => sum + (sites.some((s) => within(s, d)) ? d.weight : 0), 0) / total;
    expect(shareCoveredBy(banners)).toBeCloseTo(plan.existingShare, 6);
    expect(shareCoveredBy([...banners, ...plan.sites.map((s) => s.venue.coordinates)])).toBeCloseTo(
      plan.coveredShare,
      6,
    );
  });

  it('counts a banner recorded a moment ago: a kept plan is built again when the interventions change', async () => {
    const url = `/api/planning/placements?${QUERY}&sites=3&coverage=300`;
    const first = await get(url, cookies.satgas);
    expect(first.status).toBe(200);
    const tag = first.headers.get('ETag') ?? '';
    const before = placementsSchema.parse(await first.json());
    const again = await app.request(url, { headers: { Cookie: cookies.satgas, 'If-None-Match': tag } });
    expect(again.status).toBe(304);

    // A banner at the venue that was ranked first.
    const top = before.sites[0]?.venue;
    if (!top) throw new Error('no site suggested');
    const recorded = await send(
      'POST',
      '/api/interventions',
      { kind: 'banner', startedOn: '2025-06-02', organisation: 'demo-upt-pppa', venueId: top.id },
      cookies.satgas,
    );
    expect(recorded.status).toBe(201);
    const { id } = (await recorded.json()) as { id: string };
    try {
      const changed = await app.request(url, { headers: { Cookie: cookies.satgas, 'If-None-Match': tag } });
      expect(changed.status).toBe(200);
      const after = placementsSchema.parse(await changed.json());
      expect(after.existingSites).toBe(before.existingSites + 1);
      expect(after.existingShare).toBeGreaterThan(before.existingShare);
      expect(after.sites.map((site) => site.venue.id)).not.toContain(top.id);
    } finally {
      await db.sql`delete from interventions where id = ${id}`;
    }
  });
});
