// Risk terrain modelling on synthetic venues and incidents: the model finds the venue kind that drives the
// incidents, scores cells without incidents by their venues, falls back to expert weights with a reason,
// and the venue index agrees with a brute-force distance check and copes with 100,000 venues.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { VENUE_KINDS, type H3Index, type VenueKind } from '@titik-rawan/shared';
import {
  EXPERT_RELATIVE_RISK,
  presentFactors,
  riskTerrain,
  type RiskFactorDefinition,
  type RiskVenue,
} from '@titik-rawan/server/analytics/risk-terrain';

// h3-js is a dependency of the server package, not of tests/: load the server's copy.
const { cellToLatLng, gridDisk, latLngToCell } = createRequire(
  new URL('../../server/package.json', import.meta.url),
)('h3-js') as {
  cellToLatLng(cell: string): [number, number];
  gridDisk(cell: string, ringDistance: number): string[];
  latLngToCell(lat: number, lng: number, resolution: number): string;
};

/** Park–Miller generator: uniform numbers in (0, 1), the same sequence for the same seed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

/** Knuth's Poisson sampler, fine for small means. */
function poissonSample(uniform: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let product = uniform(); product > limit; product *= uniform()) k++;
  return k;
}

/** Resolution-8 cells of a disk around East Jakarta (radius 10: 331 cells, ~8 km across). */
function studyArea(radius: number): H3Index[] {
  return gridDisk(latLngToCell(-6.22, 106.89, 8), radius).sort() as H3Index[];
}

/** `count` venues of `kind`, each within about 450 m of a random cell's centre. */
function scatter(
  uniform: () => number,
  cells: readonly H3Index[],
  kind: VenueKind,
  count: number,
): RiskVenue[] {
  return Array.from({ length: count }, () => {
    const [lat, lon] = cellToLatLng(cells[Math.floor(uniform() * cells.length)] ?? '');
    return { kind, lat: lat + (uniform() - 0.5) * 0.008, lon: lon + (uniform() - 0.5) * 0.008 };
  });
}

/** `count` venues of `kind` within about 220 m of the centre of `cell`. */
function scatterAround(uniform: () => number, cell: H3Index, kind: VenueKind, count: number): RiskVenue[] {
  const [lat, lon] = cellToLatLng(cell);
  return Array.from({ length: count }, () => ({
    kind,
    lat: lat + (uniform() - 0.5) * 0.004,
    lon: lon + (uniform() - 0.5) * 0.004,
  }));
}

const hotelWithin500m: RiskFactorDefinition = {
  kind: 'hotel',
  measure: 'proximity',
  distanceM: 500,
  minVenues: 1,
};

/**
 * A city where incidents follow hotels: four times the rate (0.15 a cell) within 500 m of a hotel; schools,
 * kost and internet cafés are scattered independently of the incidents.
 */
function hotelCity(seed: number) {
  const uniform = generator(seed);
  const cells = studyArea(10);
  const venues = [
    ...scatter(uniform, cells, 'hotel', 25),
    ...scatter(uniform, cells, 'school', 40),
    ...scatter(uniform, cells, 'kost', 60),
    ...scatter(uniform, cells, 'internet_cafe', 20),
  ];
  const nearHotel = presentFactors({ factors: [hotelWithin500m] }, cells, venues).map((f) => f.length > 0);
  const counts = nearHotel.map((near) => poissonSample(uniform, near ? 0.6 : 0.15));
  return { cells, venues, counts, nearHotel };
}

/** Haversine distance in metres on the mean-radius sphere. */
function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

describe('riskTerrain on incidents generated near hotels', () => {
  const city = hotelCity(20250401);
  const terrain = riskTerrain(city);

  it('fits a Poisson model on enough incidents', () => {
    expect(terrain.model.method).toBe('poisson');
    expect(terrain.model.reason).toBeNull();
    expect(terrain.model.fit?.incidents).toBeGreaterThanOrEqual(30);
    expect(terrain.model.fit?.cells).toBe(city.cells.length);
    expect(terrain.model.intercept).toBeLessThan(0);
  });

  it('selects hotels with a relative risk above 1, and not the unrelated kinds', () => {
    const hotel = terrain.model.factors.find((f) => f.kind === 'hotel');
    expect(hotel).toBeDefined();
    expect(hotel?.rrv).toBeGreaterThan(1.5);
    expect(hotel?.rrv).toBeCloseTo(Math.exp(hotel?.coefficient ?? NaN), 12);
    expect(hotel?.pValue).toBeLessThan(0.05);
    expect(hotel?.standardError).toBeGreaterThan(0);
    const kinds = terrain.model.factors.map((f) => f.kind);
    expect(kinds).not.toContain('school');
    expect(kinds).not.toContain('internet_cafe');
    for (const factor of terrain.model.factors) expect(factor.rrv).toBeGreaterThan(1);
  });

  it('scores a cell without incidents near hotels above a cell far from any venue', () => {
    const present = presentFactors(terrain.model, city.cells, city.venues);
    const quietButRisky = city.cells.findIndex((_, i) => city.counts[i] === 0 && city.nearHotel[i]);
    const farFromAll = present.findIndex((factors) => factors.length === 0);
    expect(quietButRisky).toBeGreaterThanOrEqual(0);
    expect(farFromAll).toBeGreaterThanOrEqual(0);
    expect(terrain.scores[farFromAll]).toBe(1);
    expect(terrain.scores[quietButRisky]).toBeGreaterThan(1);
  });

  it('scores every cell as the product of the RRVs of the factors present in it', () => {
    const present = presentFactors(terrain.model, city.cells, city.venues);
    expect(terrain.scores).toHaveLength(city.cells.length);
    present.forEach((factors, i) => {
      expect(terrain.scores[i]).toBeCloseTo(
        factors.reduce((risk, f) => risk * f.rrv, 1),
        12,
      );
    });
  });

  it('is deterministic and does not depend on the order of the venues', () => {
    expect(riskTerrain(city)).toEqual(terrain);
    expect(riskTerrain({ ...city, venues: [...city.venues].reverse() })).toEqual(terrain);
  });
});

describe('riskTerrain on other venue patterns', () => {
  it('measures a kind by density when incidents follow clusters of it rather than single venues', () => {
    const uniform = generator(104729);
    const cells = studyArea(10);
    const clusters = [20, 60, 100, 140, 180, 220, 260, 300].map((i) => cells[i] as H3Index);
    const venues = [
      ...scatter(uniform, cells, 'kost', 150),
      ...clusters.flatMap((cell) => scatterAround(uniform, cell, 'kost', 12)),
      ...scatter(uniform, cells, 'school', 40),
    ];
    const cluster: RiskFactorDefinition = { kind: 'kost', measure: 'density', distanceM: 500, minVenues: 6 };
    const inCluster = presentFactors({ factors: [cluster] }, cells, venues).map((f) => f.length > 0);
    const counts = inCluster.map((dense) => poissonSample(uniform, dense ? 1.5 : 0.15));
    const { model } = riskTerrain({ cells, counts, venues });
    expect(model.method).toBe('poisson');
    const kost = model.factors.find((f) => f.kind === 'kost');
    expect(kost?.measure).toBe('density');
    expect(kost?.minVenues).toBeGreaterThan(1);
    expect(kost?.rrv).toBeGreaterThan(2);
  });

  it('keeps one of two kinds whose venues stand at the same places instead of failing', () => {
    const city = hotelCity(20250401);
    const guestHouses = city.venues
      .filter((v) => v.kind === 'hotel')
      .map((v) => ({ ...v, kind: 'guest_house' as const }));
    const { model } = riskTerrain({ ...city, venues: [...city.venues, ...guestHouses] });
    expect(model.method).toBe('poisson');
    const lodging = model.factors.filter((f) => f.kind === 'hotel' || f.kind === 'guest_house');
    expect(lodging).toHaveLength(1);
  });
});

describe('riskTerrain fallback to expert weights', () => {
  const city = hotelCity(20250401);

  it('uses expert weights, with the reason, when there are fewer than 30 incidents', () => {
    let kept = 0;
    const counts = city.counts.map((c) => {
      const take = Math.min(c, 20 - kept);
      kept += take;
      return take;
    });
    const { model, scores } = riskTerrain({ ...city, counts });
    expect(model.method).toBe('expert-weights');
    expect(model.reason).toMatch(/only 20 incidents/);
    expect(model.intercept).toBeNull();
    expect(model.fit).toBeNull();
    expect(model.factors.map((f) => f.kind).sort()).toEqual([...VENUE_KINDS].sort());
    for (const factor of model.factors) {
      expect(factor).toMatchObject({
        measure: 'proximity',
        distanceM: 500,
        standardError: null,
        pValue: null,
      });
      expect(factor.rrv).toBe(EXPERT_RELATIVE_RISK[factor.kind]);
    }
    // The expert surface still covers every cell: higher near hotels than far from any venue.
    const present = presentFactors(model, city.cells, city.venues);
    const nearHotel = present.findIndex((f) => f.some((factor) => factor.kind === 'hotel'));
    expect(scores[nearHotel]).toBeGreaterThanOrEqual(EXPERT_RELATIVE_RISK.hotel);
    expect(scores[present.findIndex((f) => f.length === 0)]).toBe(1);
  });

  it('uses expert weights when the incidents fall in fewer than 10 cells', () => {
    const counts = city.counts.map((_, i) => (i < 5 ? 8 : 0));
    const { model } = riskTerrain({ ...city, counts });
    expect(model.method).toBe('expert-weights');
    expect(model.reason).toMatch(/only 5 cells/);
  });

  it('uses expert weights when no venue is near any cell', () => {
    const bandung = city.venues.map((v) => ({ ...v, lat: v.lat - 0.7, lon: v.lon + 0.7 }));
    const { model, scores } = riskTerrain({ ...city, venues: bandung });
    expect(model.method).toBe('expert-weights');
    expect(model.reason).toMatch(/no venue variable varies/);
    expect([...new Set(scores)]).toEqual([1]);
  });

  it('uses expert weights when the incidents do not follow any venue', () => {
    const counts = city.cells.map((_, i) => (i % 4 === 0 ? 1 : 0));
    const { model } = riskTerrain({
      ...city,
      counts,
      venues: city.venues.filter((v) => v.kind === 'school'),
    });
    expect(model.method).toBe('expert-weights');
    expect(model.reason).toMatch(/no venue kind is positively and significantly/);
  });
});

describe('riskTerrain venue index', () => {
  it('finds the same venues within each distance as a brute-force haversine check', () => {
    const uniform = generator(99);
    const cells = studyArea(6);
    const venues = scatter(uniform, cells, 'kost', 1500);
    const factors: RiskFactorDefinition[] = [250, 500, 1000].flatMap((distanceM) => [
      { kind: 'kost' as const, measure: 'proximity' as const, distanceM, minVenues: 1 },
      { kind: 'kost' as const, measure: 'density' as const, distanceM, minVenues: 12 },
    ]);
    const present = presentFactors({ factors }, cells, venues);
    let checked = 0;
    cells.forEach((cell, i) => {
      const [lat, lon] = cellToLatLng(cell);
      const distances = venues.map((v) => haversineM(lat, lon, v.lat, v.lon));
      for (const factor of factors) {
        // Skip cells with a venue within 1 % of the distance: the two distance formulas may differ there.
        if (distances.some((d) => Math.abs(d - factor.distanceM) < 0.01 * factor.distanceM)) continue;
        const within = distances.filter((d) => d <= factor.distanceM).length;
        expect(present[i]?.includes(factor), `${cell} ${factor.measure} ${factor.distanceM}`).toBe(
          within >= factor.minVenues,
        );
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(cells.length * 3);
  });

  it('handles 100,000 venues over 1,000 cells', () => {
    const uniform = generator(7);
    const cells = studyArea(18);
    const venues = VENUE_KINDS.flatMap((kind) => scatter(uniform, cells, kind, 100_000 / VENUE_KINDS.length));
    const counts = cells.map(() => poissonSample(uniform, 0.3));
    const { model, scores } = riskTerrain({ cells, counts, venues });
    expect(venues.length).toBeGreaterThanOrEqual(99_999);
    expect(cells.length).toBeGreaterThan(1000);
    expect(scores).toHaveLength(cells.length);
    expect(['poisson', 'expert-weights']).toContain(model.method);
    for (const score of scores) expect(Number.isFinite(score) && score >= 1).toBe(true);
  });
});

describe('riskTerrain input checks', () => {
  const city = hotelCity(1);

  it('rejects mismatched counts, bad counts, mixed or unsupported resolutions and bad distances', () => {
    expect(() => riskTerrain({ ...city, counts: city.counts.slice(1) })).toThrow(RangeError);
    expect(() => riskTerrain({ ...city, counts: city.counts.map((c) => c - 0.5) })).toThrow(RangeError);
    const coarse = gridDisk(latLngToCell(-6.22, 106.89, 6), 1) as H3Index[];
    expect(() => riskTerrain({ cells: coarse, counts: coarse.map(() => 1), venues: [] })).toThrow(
      /resolution 6/,
    );
    const mixed = [...city.cells.slice(0, 3), latLngToCell(-6.22, 106.89, 7) as H3Index];
    expect(() => riskTerrain({ cells: mixed, counts: [0, 0, 0, 0], venues: [] })).toThrow(
      /mixed resolutions/,
    );
    expect(() => riskTerrain({ ...city, distancesM: [] })).toThrow(RangeError);
    expect(() => riskTerrain({ ...city, distancesM: [500, -1] })).toThrow(RangeError);
  });

  it('rejects unknown venue kinds and positions off the globe', () => {
    const unknown = [{ kind: 'casino' as VenueKind, lat: -6.2, lon: 106.9 }];
    expect(() => riskTerrain({ ...city, venues: unknown })).toThrow(/unknown kind/);
    expect(() => riskTerrain({ ...city, venues: [{ kind: 'hotel', lat: 106.9, lon: -6.2 }] })).toThrow(
      RangeError,
    );
  });
});
