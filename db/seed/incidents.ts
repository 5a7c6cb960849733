// Synthetic incidents: each drawn as (month, area) from the planted scenario, then a category, an anchor venue
// whose kind suits the category, a small jitter around it, a reporting organisation and a coarse time band.
import {
  distanceMetres,
  METRES_PER_DEG_LAT,
  METRES_PER_DEG_LON,
  round6,
  type DemoGeography,
} from './geography';
import {
  createRandom,
  pickKey,
  pickWeighted,
  weightedKeys,
  weightedTable,
  type Random,
  type WeightedKeys,
  type WeightedTable,
} from './random';
import { DEMO_MONTHS, DEMO_PERIOD_START, DEMO_SCENARIO, trendFactor, type DemoArea } from './scenario';
import { bump } from './venues';
import {
  INCIDENT_CATEGORIES,
  type DemoIncident,
  type DemoVenue,
  type IncidentCategory,
  type LonLat,
  type TimeBand,
  type VenueKind,
} from './types';

/** Relative chance that an incident of a category is anchored at a venue of each kind. */
export const CATEGORY_VENUE_AFFINITY: Readonly<Record<IncidentCategory, Partial<Record<VenueKind, number>>>> =
  {
    online_solicitation: { hotel: 5, guest_house: 5, kost: 1.2, apartment: 2, internet_cafe: 0.3 },
    peer_recruitment: { school: 10, internet_cafe: 1, kost: 0.2 },
    csam: { kost: 2, internet_cafe: 2, apartment: 1.5, guest_house: 1, hotel: 0.5 },
    venue_exploitation: { karaoke_nightlife: 5, massage_parlour: 5, hotel: 2, guest_house: 2 },
    other: { transport_hub: 4, kost: 1, hotel: 1, guest_house: 1, internet_cafe: 1, school: 0.5 },
  };

/** Relative share of each organisation among the reports of a category. */
export const CATEGORY_ORGANISATIONS: Readonly<Record<IncidentCategory, Readonly<Record<string, number>>>> = {
  online_solicitation: {
    'demo-polres-ppa': 45,
    'demo-upt-pppa': 20,
    'demo-lsm-pendamping': 20,
    'demo-lsm-penjangkauan': 15,
  },
  peer_recruitment: {
    'demo-polres-ppa': 25,
    'demo-upt-pppa': 45,
    'demo-lsm-pendamping': 15,
    'demo-lsm-penjangkauan': 15,
  },
  csam: { 'demo-polres-ppa': 75, 'demo-upt-pppa': 10, 'demo-lsm-pendamping': 10, 'demo-lsm-penjangkauan': 5 },
  venue_exploitation: {
    'demo-polres-ppa': 50,
    'demo-upt-pppa': 15,
    'demo-lsm-pendamping': 15,
    'demo-lsm-penjangkauan': 20,
  },
  other: {
    'demo-polres-ppa': 30,
    'demo-upt-pppa': 35,
    'demo-lsm-pendamping': 20,
    'demo-lsm-penjangkauan': 15,
  },
};

/** Time-of-day mix per category, skewed to evening and night except at school. */
export const CATEGORY_TIME_BANDS: Readonly<Record<IncidentCategory, Readonly<Record<TimeBand, number>>>> = {
  online_solicitation: { night: 42, morning: 5, afternoon: 15, evening: 38 },
  peer_recruitment: { night: 5, morning: 25, afternoon: 48, evening: 22 },
  csam: { night: 35, morning: 10, afternoon: 20, evening: 35 },
  venue_exploitation: { night: 50, morning: 3, afternoon: 12, evening: 35 },
  other: { night: 25, morning: 15, afternoon: 25, evening: 35 },
};

/** Spread of an incident around its anchor venue, in metres (one standard deviation). */
const JITTER_M = 35;

interface VenueChoice {
  indices: Int32Array;
  table: WeightedTable;
}

interface Component {
  area: DemoArea | null;
  categories: WeightedKeys<IncidentCategory>;
  byCategory: Record<IncidentCategory, VenueChoice>;
  anyKind: VenueChoice;
}

/** Precomputed sampling tables for incidents over a given set of venues. */
export interface IncidentModel {
  geo: DemoGeography;
  venues: readonly DemoVenue[];
  components: Component[];
  monthComponent: WeightedTable;
  dates: string[][];
  organisations: Record<IncidentCategory, WeightedKeys<string>>;
  timeBands: Record<IncidentCategory, WeightedKeys<TimeBand>>;
}

function choice(weights: number[]): VenueChoice {
  const indices: number[] = [];
  const kept: number[] = [];
  weights.forEach((w, i) => {
    if (w > 0) {
      indices.push(i);
      kept.push(w);
    }
  });
  return { indices: Int32Array.from(indices), table: weightedTable(kept) };
}

/** Year and month (1–12) of month index m (0 = the first month of the demo period). */
export function monthOf(m: number): { year: number; month: number } {
  const zeroBased = DEMO_PERIOD_START.month - 1 + m;
  return { year: DEMO_PERIOD_START.year + Math.floor(zeroBased / 12), month: (zeroBased % 12) + 1 };
}

/** All 'YYYY-MM-DD' strings of each month of the demo period. */
export function periodDates(): string[][] {
  return Array.from({ length: DEMO_MONTHS }, (_, m) => {
    const { year, month } = monthOf(m);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const prefix = `${year}-${String(month).padStart(2, '0')}-`;
    return Array.from({ length: days }, (_, d) => prefix + String(d + 1).padStart(2, '0'));
  });
}

/** Builds the sampling tables of the planted scenario for these venues. */
export function buildIncidentModel(geo: DemoGeography, venues: readonly DemoVenue[]): IncidentModel {
  const scenario = DEMO_SCENARIO;
  const quiet = new Set<string>(scenario.quiet.kelurahanCodes);
  const trendAreas = scenario.areas.filter((a) => a.trend !== 'stable');
  const background = venues.map((v) => {
    let w = quiet.has(v.kelurahanCode) ? scenario.quiet.factor : 1;
    let stop = Infinity;
    for (const s of geo.stops)
      stop = Math.min(stop, distanceMetres(v.lonLat[0], v.lonLat[1], s.lonLat[0], s.lonLat[1]));
    w *= 1 + 1.5 * bump(stop / 500);
    // Keep the growing and fading areas' own trend clean: little steady background inside them.
    for (const a of trendAreas) {
      w *=
        1 -
        0.9 * bump(distanceMetres(v.lonLat[0], v.lonLat[1], a.centre[0], a.centre[1]) / (1.3 * a.radiusM));
    }
    return w;
  });
  const makeComponent = (area: DemoArea | null): Component => {
    const spatial = area
      ? venues.map((v) =>
          bump(distanceMetres(v.lonLat[0], v.lonLat[1], area.centre[0], area.centre[1]) / area.radiusM),
        )
      : background;
    const byCategory = Object.fromEntries(
      INCIDENT_CATEGORIES.map((c) => {
        const affinity = CATEGORY_VENUE_AFFINITY[c];
        return [c, choice(venues.map((v, i) => (spatial[i] as number) * (affinity[v.kind] ?? 0)))];
      }),
    ) as Record<IncidentCategory, VenueChoice>;
    return {
      area,
      categories: weightedKeys(area ? area.categories : scenario.backgroundCategories),
      byCategory,
      anyKind: choice(spatial),
    };
  };
  const components = [makeComponent(null), ...scenario.areas.map(makeComponent)];
  const weights: number[] = [];
  for (let m = 0; m < DEMO_MONTHS; m++) {
    const { month } = monthOf(m);
    const season = (scenario.seasonality[month - 1] ?? 1) * (1 + (0.1 * m) / (DEMO_MONTHS - 1));
    for (const c of components) {
      weights.push(
        season * (c.area ? c.area.share * trendFactor(c.area.trend, m) : scenario.backgroundShare),
      );
    }
  }
  return {
    geo,
    venues,
    components,
    monthComponent: weightedTable(weights),
    dates: periodDates(),
    organisations: Object.fromEntries(
      INCIDENT_CATEGORIES.map((c) => [c, weightedKeys(CATEGORY_ORGANISATIONS[c])]),
    ) as Record<IncidentCategory, WeightedKeys<string>>,
    timeBands: Object.fromEntries(
      INCIDENT_CATEGORIES.map((c) => [c, weightedKeys(CATEGORY_TIME_BANDS[c])]),
    ) as Record<IncidentCategory, WeightedKeys<TimeBand>>,
  };
}

function pickVenue(
  model: IncidentModel,
  component: Component,
  category: IncidentCategory,
  random: Random,
): DemoVenue | null {
  for (const options of [component.byCategory[category], component.anyKind]) {
    const k = pickWeighted(options.table, random);
    if (k >= 0) return model.venues[options.indices[k] as number] ?? null;
  }
  return null;
}

function locate(
  model: IncidentModel,
  component: Component,
  category: IncidentCategory,
  random: Random,
): [LonLat, string] {
  const { geo } = model;
  const area = component.area;
  const venue = pickVenue(model, component, category, random);
  const anchor: LonLat = venue ? venue.lonLat : area ? [area.centre[0], area.centre[1]] : [106.8665, -6.2235];
  const spread = venue ? JITTER_M : (area?.radiusM ?? 500) / 3;
  const lon = round6(anchor[0] + (random.normal() * spread) / METRES_PER_DEG_LON);
  const lat = round6(anchor[1] + (random.normal() * spread) / METRES_PER_DEG_LAT);
  const inArea = !area || distanceMetres(lon, lat, area.centre[0], area.centre[1]) <= area.radiusM;
  const code = inArea ? geo.kelurahanAt(lon, lat) : null;
  if (code) return [[lon, lat], code];
  if (venue) return [venue.lonLat, venue.kelurahanCode];
  return [anchor, geo.kelurahanAt(anchor[0], anchor[1]) ?? '31.75.03.1001'];
}

/** Yields `count` incidents in chunks of `chunkSize`; the concatenated chunks are the same for every chunk size. */
export function* incidentChunks(
  model: IncidentModel,
  seed: number,
  count: number,
  chunkSize = 50_000,
): Generator<DemoIncident[], void, undefined> {
  const random = createRandom(seed, 2);
  const componentCount = model.components.length;
  const { unlocatedShare, noTimeBandShare } = DEMO_SCENARIO;
  let chunk: DemoIncident[] = [];
  for (let i = 0; i < count; i++) {
    const cell = pickWeighted(model.monthComponent, random);
    const m = Math.floor(cell / componentCount);
    const component = model.components[cell % componentCount] as Component;
    const category = pickKey(component.categories, random);
    const [lonLat, kelurahanCode] = locate(model, component, category, random);
    const days = model.dates[m] as string[];
    const occurredOn = days[random.int(days.length)] as string;
    const located = !random.chance(unlocatedShare);
    const timeBand = random.chance(noTimeBandShare) ? null : pickKey(model.timeBands[category], random);
    chunk.push({
      occurredOn,
      timeBand,
      category,
      lonLat: located ? lonLat : null,
      kelurahanCode,
      organisationCode: pickKey(model.organisations[category], random),
    });
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
