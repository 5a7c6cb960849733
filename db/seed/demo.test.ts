// Pure tests of the synthetic demo data: determinism, schema conformity, geography and the planted pattern.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoGenerator, DEMO_SCENARIO, DEMO_SEED, generateDemoData, type DemoData } from './demo';
import { distanceMetres, METRES_PER_DEG_LAT, METRES_PER_DEG_LON } from './geography';

type Area = Parameters<typeof booleanPointInPolygon>[1] & { properties: Record<string, unknown> };
type Collection = { features: Area[] };

function readData<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`../data/${file}`, import.meta.url), 'utf8')) as T;
}

/** Values of a `column IN ('a', 'b', …)` CHECK in the schema, so the test follows the migration. */
function schemaValues(table: string, column: string): string[] {
  const schema = readFileSync(new URL('../migrations/00001_schema.sql', import.meta.url), 'utf8');
  const body = schema.slice(schema.indexOf(`CREATE TABLE ${table} (`));
  const match = new RegExp(`${column}\\s+text[^,]*?CHECK \\(${column} IN\\s*\\(([^)]*)\\)`, 's').exec(body);
  if (!match?.[1]) throw new Error(`No CHECK list for ${table}.${column}`);
  return [...match[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string);
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function yearOf(date: string): 1 | 2 | 3 {
  return date < '2024-11-01' ? 1 : date < '2025-11-01' ? 2 : 3;
}

const kota = readData<Collection>('jakarta-timur-kota.geojson').features[0] as Area;
const kelurahan = readData<Collection>('jakarta-timur-kelurahan.geojson').features;
const kelurahanCodes = new Set(kelurahan.map((k) => String(k.properties.kode_kemendagri)));

function kelurahanOf(lon: number, lat: number): string | undefined {
  const hit = kelurahan.find((k) => booleanPointInPolygon([lon, lat], k));
  return hit ? String(hit.properties.kode_kemendagri) : undefined;
}

let data: DemoData;
beforeAll(() => {
  data = generateDemoData();
});

describe('determinism', () => {
  it('produces the same data on every run, and other data for another seed', () => {
    const again = generateDemoData();
    expect(hash(again)).toBe(hash(data));
    expect(data.seed).toBe(DEMO_SEED);
    expect(hash(generateDemoData({ seed: DEMO_SEED + 1 }).incidents)).not.toBe(hash(data.incidents));
  });

  it('yields the same incidents whatever the chunk size, and a smaller count is a prefix', () => {
    const chunks = [...createDemoGenerator().incidentChunks(333)];
    expect(chunks.length).toBe(Math.ceil(data.incidents.length / 333));
    expect(hash(chunks.flat())).toBe(hash(data.incidents));
    const small = generateDemoData({ incidentCount: 100 });
    expect(hash(small.incidents)).toBe(hash(data.incidents.slice(0, 100)));
    expect(hash(small.venues)).toBe(hash(data.venues));
  });

  it('scales venues to the requested total', () => {
    expect(createDemoGenerator({ venueCount: 10_000 }).venues).toHaveLength(10_000);
  });
});

describe('schema conformity', () => {
  it('uses only kinds and categories allowed by the schema', () => {
    const orgKinds = schemaValues('organisations', 'kind');
    const venueKinds = schemaValues('venues', 'kind');
    const categories = schemaValues('incidents', 'category');
    const timeBands = schemaValues('incidents', 'time_band');
    const interventionKinds = schemaValues('interventions', 'kind');
    expect(venueKinds).toHaveLength(9);
    for (const o of data.organisations) {
      expect(o.code).toMatch(/^[a-z0-9_-]{2,40}$/);
      expect(orgKinds).toContain(o.kind);
      expect(o.name).toContain('(contoh)');
    }
    expect(new Set(data.venues.map((v) => v.kind))).toEqual(new Set(venueKinds));
    expect(new Set(data.incidents.map((i) => i.category))).toEqual(new Set(categories));
    for (const i of data.incidents) if (i.timeBand !== null) expect(timeBands).toContain(i.timeBand);
    expect(new Set(data.interventions.map((i) => i.kind))).toEqual(new Set(interventionKinds));
    const orgCodes = new Set(data.organisations.map((o) => o.code));
    for (const row of [...data.incidents, ...data.interventions])
      expect(orgCodes.has(row.organisationCode)).toBe(true);
  });

  it('rounds coordinates to 6 decimals and writes dates as YYYY-MM-DD', () => {
    const coords = [
      ...data.venues.map((v) => v.lonLat),
      ...data.incidents.flatMap((i) => (i.lonLat ? [i.lonLat] : [])),
      ...data.interventions.flatMap((i) => (i.lonLat ? [i.lonLat] : [])),
    ];
    for (const [lon, lat] of coords) {
      expect(Math.round(lon * 1e6) / 1e6).toBe(lon);
      expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
    }
    for (const i of data.incidents) expect(i.occurredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('venues', () => {
  it('has fictional names, unique source ids and realistic numbers', () => {
    for (const v of data.venues) expect(v.name).toMatch(/^[A-Za-z ]+ Contoh \d{2,}$/);
    expect(new Set(data.venues.map((v) => `${v.source}:${v.sourceId}`)).size).toBe(data.venues.length);
    for (const v of data.venues) {
      if (v.source === 'synthetic') expect(v.sourceId).toMatch(/^demo-[a-z-]+-\d{3,}$/);
      else expect(v.kind).toBe('transport_hub');
    }
    const kost = data.venues.filter((v) => v.kind === 'kost').length;
    expect(kost).toBeGreaterThanOrEqual(1000);
    expect(kost).toBeGreaterThan(data.venues.filter((v) => v.kind === 'hotel').length * 10);
  });

  it('lies inside East Jakarta with the containing kelurahan code', () => {
    for (const v of data.venues.filter((_, i) => i % 5 === 0)) {
      expect(kelurahanOf(v.lonLat[0], v.lonLat[1])).toBe(v.kelurahanCode);
    }
  });
});

describe('incidents', () => {
  it('has at least 2,000 incidents over 2023-11 … 2026-10', () => {
    expect(data.incidents.length).toBeGreaterThanOrEqual(2000);
    for (const i of data.incidents) {
      expect(i.occurredOn >= '2023-11-01' && i.occurredOn <= '2026-10-31').toBe(true);
      expect(Number.isNaN(Date.parse(i.occurredOn))).toBe(false);
    }
    expect(new Set(data.incidents.map((i) => i.occurredOn.slice(0, 7))).size).toBe(36);
  });

  it('has points inside East Jakarta with the right kelurahan, and about 20 % with the kelurahan only', () => {
    const located = data.incidents.filter((i) => i.lonLat !== null);
    const share = 1 - located.length / data.incidents.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
    for (const i of data.incidents) expect(kelurahanCodes.has(i.kelurahanCode)).toBe(true);
    for (const i of located) {
      const [lon, lat] = i.lonLat as [number, number];
      expect(booleanPointInPolygon([lon, lat], kota)).toBe(true);
    }
    for (const i of located.filter((_, n) => n % 4 === 0)) {
      const [lon, lat] = i.lonLat as [number, number];
      expect(kelurahanOf(lon, lat)).toBe(i.kelurahanCode);
    }
  });

  it('comes from several organisations and skews to evening and night', () => {
    expect(new Set(data.incidents.map((i) => i.organisationCode)).size).toBeGreaterThanOrEqual(3);
    const late = data.incidents.filter((i) => i.timeBand === 'evening' || i.timeBand === 'night').length;
    const early = data.incidents.filter((i) => i.timeBand === 'morning' || i.timeBand === 'afternoon').length;
    expect(late).toBeGreaterThan(2 * early);
  });

  it('clusters around Kampung Melayu and keeps the quiet areas quiet', () => {
    const km = DEMO_SCENARIO.areas.find((a) => a.id === 'kampung-melayu');
    if (!km) throw new Error('Kampung Melayu area missing');
    const near = data.incidents.filter(
      (i) => i.lonLat && distanceMetres(i.lonLat[0], i.lonLat[1], km.centre[0], km.centre[1]) <= km.radiusM,
    );
    // The circle covers about 0.8 % of the city's area.
    expect(near.length / data.incidents.length).toBeGreaterThan(0.08);
    const quiet = new Set<string>(DEMO_SCENARIO.quiet.kelurahanCodes);
    const inQuiet = data.incidents.filter((i) => quiet.has(i.kelurahanCode)).length;
    // The quiet kelurahan cover about 15 % of the city's area.
    expect(inQuiet / data.incidents.length).toBeLessThan(0.01);
  });

  it('has a growing and a fading area with strong yearly trends', () => {
    for (const area of DEMO_SCENARIO.areas.filter((a) => a.trend !== 'stable')) {
      const years = [0, 0, 0];
      for (const i of data.incidents) {
        if (
          !i.lonLat ||
          distanceMetres(i.lonLat[0], i.lonLat[1], area.centre[0], area.centre[1]) > area.radiusM
        ) {
          continue;
        }
        years[yearOf(i.occurredOn) - 1]! += 1;
      }
      const [y1, y2, y3] = years as [number, number, number];
      if (area.trend === 'growing') {
        expect(y1).toBeLessThan(y2);
        expect(y2).toBeLessThan(y3);
        expect(y3).toBeGreaterThanOrEqual(1.3 * y1);
        expect(y1).toBeGreaterThanOrEqual(50);
      } else {
        expect(y1).toBeGreaterThan(y2);
        expect(y2).toBeGreaterThan(y3);
        expect(y1).toBeGreaterThanOrEqual(1.5 * y3);
        expect(y3).toBeGreaterThanOrEqual(50);
      }
    }
    expect(DEMO_SCENARIO.areas.map((a) => a.trend)).toEqual(expect.arrayContaining(['growing', 'fading']));
  });

  it('peaks in the school holidays (June–July) and December', () => {
    const perMonth = new Map<string, number>();
    for (const i of data.incidents)
      perMonth.set(i.occurredOn.slice(0, 7), (perMonth.get(i.occurredOn.slice(0, 7)) ?? 0) + 1);
    const peak: number[] = [];
    const rest: number[] = [];
    for (const [month, n] of perMonth) {
      (DEMO_SCENARIO.seasonalPeakMonths.includes(Number(month.slice(5)) as 6 | 7 | 12) ? peak : rest).push(n);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(peak).toHaveLength(9);
    expect(mean(peak)).toBeGreaterThan(1.25 * mean(rest));
  });
});

describe('scenario', () => {
  it('lists exactly the kelurahan each area circle overlaps', () => {
    for (const area of DEMO_SCENARIO.areas) {
      const found = new Set<string>();
      for (let x = -area.radiusM; x <= area.radiusM; x += 25) {
        for (let y = -area.radiusM; y <= area.radiusM; y += 25) {
          if (x * x + y * y > area.radiusM * area.radiusM) continue;
          const code = kelurahanOf(
            area.centre[0] + x / METRES_PER_DEG_LON,
            area.centre[1] + y / METRES_PER_DEG_LAT,
          );
          if (code) found.add(code);
        }
      }
      for (const code of found) expect(area.kelurahanCodes).toContain(code);
      expect(area.kelurahanCodes.length - found.size).toBeLessThanOrEqual(1);
    }
  });
});

describe('interventions', () => {
  it('has a few hundred interventions attached to fitting venues, inside the period', () => {
    expect(data.interventions.length).toBeGreaterThanOrEqual(300);
    const venues = new Map(data.venues.map((v) => [`${v.source}:${v.sourceId}`, v]));
    const allowed: Record<string, string[]> = {
      kk_check: ['kost'],
      code_of_conduct: ['hotel', 'guest_house'],
      socialisation: ['school'],
      cctv: ['hotel', 'guest_house', 'kost'],
      banner: ['hotel', 'guest_house', 'kost', 'transport_hub'],
    };
    for (const i of data.interventions) {
      expect(i.startedOn >= '2023-11-01' && i.startedOn <= '2026-10-31').toBe(true);
      expect(kelurahanCodes.has(i.kelurahanCode)).toBe(true);
      if (i.venue) {
        const venue = venues.get(`${i.venue.source}:${i.venue.sourceId}`);
        expect(venue).toBeDefined();
        expect(allowed[i.kind]).toContain(venue?.kind);
        expect(i.lonLat).toEqual(venue?.lonLat);
      } else {
        expect(['socialisation', 'outreach_visit']).toContain(i.kind);
        expect(i.lonLat).not.toBeNull();
      }
    }
  });
});
