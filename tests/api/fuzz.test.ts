// Generated query strings against the public endpoints (releases, geography, analytics, places, config, health),
// as the public tier: whatever the parameters, the answer is never a 5xx; it is either a JSON error
// `{"error":{"code","message"}}` with a 4xx or valid published data — and published data never carries a count
// from 1 to k − 1 of the public tier, nor a point (an incident's coordinates).
import {
  areaCollectionSchema,
  clientConfigSchema,
  emergingSchema,
  forecastChecksSchema,
  healthSchema,
  hotspotsSchema,
  INCIDENT_CATEGORIES,
  releasedAreasSchema,
  releasedCellsSchema,
  releaseGeographySchema,
  releaseMetadataSchema,
  releaseSeriesSchema,
  riskTerrainSchema,
} from '@titik-rawan/shared';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RELEASE_POLICY } from '@titik-rawan/server/releases/policy';
import { testApp } from '../support/database';
import { requestsTo } from '../support/requests';

const { app } = testApp({ rateLimitPerMinute: 0 });
const { json, waitUntilReady } = requestsTo(app);

/** The public tier's threshold k: published counts are 0, ≥ k, or suppressed (null). */
const K = DEFAULT_RELEASE_POLICY.public.threshold;

/** The public endpoints with the schema of their 200 answer (null: not public, only errors are expected). */
const ENDPOINTS: Record<string, { parse(value: unknown): unknown } | null> = {
  '/api/health': healthSchema,
  '/api/config': clientConfigSchema,
  '/api/geography/areas': areaCollectionSchema,
  '/api/releases/cells': releasedCellsSchema,
  '/api/releases/areas': releasedAreasSchema,
  '/api/releases/series': releaseSeriesSchema,
  '/api/releases/metadata': releaseMetadataSchema,
  '/api/releases/geography': releaseGeographySchema,
  '/api/hotspots': hotspotsSchema,
  '/api/hotspots/emerging': emergingSchema,
  '/api/risk-terrain': riskTerrainSchema,
  '/api/forecast-checks': forecastChecksSchema,
  '/api/venues': null,
  '/api/interventions': null,
  '/api/places/summary': null,
};

/** Valid and near-valid values of each parameter the endpoints read; filled in with real places before the run. */
const VALUES: Record<string, string[]> = {
  resolution: ['7', '8', '9', '6', '07', ' 7', '7.0', '-7', ''],
  period: [
    '2024',
    '2025',
    '2025-Q1',
    '2024-Q4',
    '2025-03',
    '2022',
    '2030',
    '2025-Q5',
    '2025-13',
    '2025-1',
    '2025-W01',
  ],
  category: ['all', ...INCIDENT_CATEGORIES, 'ALL', 'all ', 'other,csam'],
  level: ['kota', 'kecamatan', 'kelurahan', 'desa', 'Kota'],
  step: ['year', 'quarter', 'month', 'week', 'day'],
  place: ['31.75', '31.75.01', '31.75.01.1001', '31.75.99.9999', '8a2a1072b59ffff', '87618925affffff'],
  kind: ['all', 'hotel', 'kost', 'bar'],
};

/** A parameter value: a known one, or anything a client could type (unicode, control characters, numbers). */
function valueArbitrary(name: string): fc.Arbitrary<string> {
  const known = VALUES[name] ?? [];
  return fc.oneof(
    { weight: 6, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('') },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
    { weight: 1, arbitrary: fc.constantFrom("' or 1=1--", '../../etc/passwd', '%00', 'null', '[]', '{}') },
  );
}

/** A query string: some of the known parameters (sometimes repeated) and sometimes an unknown one. */
const queryArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc
      .subarray(Object.keys(VALUES))
      .chain((names) =>
        fc.tuple(
          ...names.map((name) =>
            fc
              .array(valueArbitrary(name), { minLength: 1, maxLength: 2 })
              .map((vs) => vs.map((v) => [name, v] as const)),
          ),
        ),
      ),
    fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 10 }))),
    fc.boolean(),
  )
  .map(([groups, extra, singles]) => {
    const pairs: (readonly [string, string])[] = groups.flatMap((group) =>
      singles ? group.slice(0, 1) : group,
    );
    if (extra) pairs.push(extra);
    return pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  });

/** Everything in a JSON value: each object, so that every nested count and geometry is seen. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const item of Object.values(value)) yield* objectsIn(item);
  }
}

/** The answer to a public GET, asked again while it is 503 because another test file changed the data. */
async function publicGet(url: string, cookie?: string): Promise<Response> {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    const res = await app.request(url, cookie ? { headers: { Cookie: cookie } } : {});
    if (res.status !== 503 || Date.now() > deadline) return res;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Checks one public answer; returns whether it published data. */
async function checkAnswer(path: string, query: string, res: Response): Promise<boolean> {
  const label = `${path}?${query}`;
  const text = await res.text();
  expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(res.headers.get('content-type') ?? '', label).toContain('application/json');
  const body = JSON.parse(text) as Record<string, unknown>;
  if (res.status !== 200) {
    expect(res.status, label).toBeGreaterThanOrEqual(400);
    expect(body, label).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
    return false;
  }
  const schema = ENDPOINTS[path];
  expect(schema, `${label} answered 200 to the public`).toBeTruthy();
  schema?.parse(body);
  for (const object of objectsIn(body)) {
    if (object.tier !== undefined) expect(object.tier, label).toBe('public');
    // A released count (beside its `suppressed` flag) is 0, at least k, or null.
    if ('suppressed' in object && typeof object.count === 'number') {
      expect(object.count === 0 || object.count >= K, `${label}: count ${object.count}`).toBe(true);
    }
    // Geometries are cells and areas: never a point.
    if (typeof object.type === 'string' && 'coordinates' in object) {
      expect(object.type, label).not.toMatch(/Point/);
    }
    for (const key of ['lat', 'lng', 'latitude', 'longitude', 'date', 'occurredOn']) {
      expect(key in object, `${label} carries ${key}`).toBe(false);
    }
  }
  return true;
}

beforeAll(async () => {
  // Real places to ask about: kelurahan codes and published resolution-7 cells.
  const areas = (await json('/api/releases/geography?level=kelurahan')) as { features: { id: string }[] };
  VALUES.place?.push(...areas.features.slice(0, 8).map((f) => f.id));
  const cells = (await json('/api/releases/cells?resolution=7&period=2025&category=all')) as {
    features: { id: string }[];
  };
  VALUES.place?.push(...cells.features.slice(0, 8).map((f) => f.id));
  // The analyses are decided after the release (minutes on a cold cache).
  await waitUntilReady('/api/hotspots?resolution=7&period=2025&category=all');
}, 26 * 60_000);

describe('public endpoints under generated query strings', () => {
  it('never answer with a 5xx; errors are JSON errors, data is valid and coarse', async () => {
    let published = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ENDPOINTS)),
        queryArbitrary,
        fc.option(fc.string({ maxLength: 40 })),
        async (path, query, cookie) => {
          // A forged or stale session cookie is the public tier too.
          const res = await publicGet(
            `${path}?${query}`,
            cookie === null ? undefined : `tr_session=${encodeURIComponent(cookie)}`,
          );
          if (await checkAnswer(path, query, res)) published++;
        },
      ),
      { numRuns: 600 },
    );
    // The generator reaches valid queries too, not only refusals.
    expect(published).toBeGreaterThan(40);
  });

  it('publish no count from 1 to k − 1 in any valid release the public can ask for', async () => {
    const releaseQuery = fc.record({
      path: fc.constantFrom(
        '/api/releases/cells',
        '/api/releases/areas',
        '/api/releases/series',
        '/api/hotspots',
      ),
      resolution: fc.constant('7'),
      level: fc.constantFrom('kota', 'kecamatan', 'kelurahan'),
      period: fc.constantFrom(
        '2024',
        '2025',
        '2024-Q1',
        '2024-Q2',
        '2024-Q3',
        '2024-Q4',
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
        '2025-Q4',
      ),
      step: fc.constantFrom('year', 'quarter'),
      category: fc.constantFrom('all', ...INCIDENT_CATEGORIES),
      place: fc.constantFrom(...(VALUES.place ?? [])),
    });
    await fc.assert(
      fc.asyncProperty(releaseQuery, async ({ path, ...parameters }) => {
        const query = new URLSearchParams(parameters).toString();
        const res = await publicGet(`${path}?${query}`);
        await checkAnswer(path, query, res);
      }),
      { numRuns: 200 },
    );
  });
});
