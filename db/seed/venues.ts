// Synthetic venues laid along the real road network: denser on and near main roads, transit stops and the
// planted hub areas; real OpenStreetMap transit stops serve as transport hubs.
import {
  distanceMetres,
  METRES_PER_DEG_LAT,
  METRES_PER_DEG_LON,
  round6,
  type DemoGeography,
  type RoadClass,
} from './geography';
import { createRandom, pickWeighted, weightedTable, type WeightedTable } from './random';
import { DEMO_SCENARIO } from './scenario';
import type { DemoVenue, VenueKind } from './types';

/** Synthetic venue kinds (transport hubs come from OpenStreetMap). */
export type SyntheticVenueKind = Exclude<VenueKind, 'transport_hub'>;

interface VenuePlan {
  /** Count in the default set. */
  count: number;
  /** Name prefix in Bahasa Indonesia. */
  label: string;
  /** Relative density per metre of road by road class. */
  roads: Readonly<Record<RoadClass, number>>;
  /** Extra density within ~600 m of a transit stop. */
  stopBoost: number;
  /** Extra density within ~400 m of a main road. */
  mainBoost: number;
  /** Extra density around the planted hub areas. */
  hubBoost: number;
  /**
   * Share placed 40–400 m behind a road, spread in proportion to kelurahan area: stands in for the alleys
   * (gang) that the 2012 road extract lacks, especially in the south.
   */
  alleyShare: number;
}

/** Default venue counts per synthetic kind; with the 87 real transport hubs they make 5,000 venues. */
export const VENUE_PLANS: Readonly<Record<SyntheticVenueKind, VenuePlan>> = {
  hotel: {
    count: 140,
    label: 'Hotel',
    roads: { main: 6, tertiary: 2, local: 0.5, motorway: 0.1, minor: 0.1 },
    stopBoost: 4,
    mainBoost: 1,
    hubBoost: 6,
    alleyShare: 0.1,
  },
  guest_house: {
    count: 260,
    label: 'Wisma',
    roads: { main: 3, tertiary: 2.5, local: 1, motorway: 0.05, minor: 0.2 },
    stopBoost: 4,
    mainBoost: 2,
    hubBoost: 6,
    alleyShare: 0.25,
  },
  kost: {
    count: 3150,
    label: 'Kost',
    roads: { main: 0.6, tertiary: 1.2, local: 2, motorway: 0, minor: 0.5 },
    stopBoost: 2,
    mainBoost: 2.5,
    hubBoost: 2,
    alleyShare: 0.5,
  },
  apartment: {
    count: 45,
    label: 'Apartemen',
    roads: { main: 5, tertiary: 2, local: 0.3, motorway: 0.3, minor: 0 },
    stopBoost: 3,
    mainBoost: 1,
    hubBoost: 1,
    alleyShare: 0.1,
  },
  school: {
    count: 880,
    label: 'Sekolah',
    roads: { main: 1, tertiary: 2, local: 1.5, motorway: 0, minor: 0.5 },
    stopBoost: 0.5,
    mainBoost: 0.5,
    hubBoost: 0,
    alleyShare: 0.5,
  },
  internet_cafe: {
    count: 220,
    label: 'Warnet',
    roads: { main: 1.5, tertiary: 2, local: 1, motorway: 0, minor: 0.3 },
    stopBoost: 2,
    mainBoost: 1.5,
    hubBoost: 1,
    alleyShare: 0.35,
  },
  karaoke_nightlife: {
    count: 95,
    label: 'Karaoke',
    roads: { main: 5, tertiary: 1.5, local: 0.2, motorway: 0.1, minor: 0 },
    stopBoost: 3,
    mainBoost: 1,
    hubBoost: 4,
    alleyShare: 0.1,
  },
  massage_parlour: {
    count: 123,
    label: 'Panti Pijat',
    roads: { main: 4, tertiary: 1.5, local: 0.4, motorway: 0, minor: 0 },
    stopBoost: 3,
    mainBoost: 1,
    hubBoost: 4,
    alleyShare: 0.15,
  },
};

/** Default total number of venues (synthetic plus the real transport hubs). */
export const DEFAULT_VENUE_COUNT = 5000;

/** Smooth bump kernel: 1 at t = 0, falling to 0 at t = 1 (polynomial, so identical on every machine). */
export function bump(t: number): number {
  if (t >= 1) return 0;
  const u = 1 - t * t;
  return u * u;
}

function pad(n: number, total: number): string {
  return String(n).padStart(Math.max(3, String(total).length), '0');
}

/** Splits `total` over the default counts in proportion (largest remainder, ties by plan order). */
function scaleCounts(total: number): Record<SyntheticVenueKind, number> {
  const kinds = Object.keys(VENUE_PLANS) as SyntheticVenueKind[];
  const base = kinds.reduce((s, k) => s + VENUE_PLANS[k].count, 0);
  const exact = kinds.map((k) => (VENUE_PLANS[k].count * total) / base);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = kinds
    .map((_, i) => i)
    .sort(
      (a, b) =>
        (exact[b] as number) - (counts[b] as number) - ((exact[a] as number) - (counts[a] as number)) ||
        a - b,
    );
  for (const i of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return Object.fromEntries(kinds.map((k, i) => [k, counts[i] as number])) as Record<
    SyntheticVenueKind,
    number
  >;
}

function transportHubs(geo: DemoGeography): DemoVenue[] {
  const hubs: DemoVenue[] = [];
  let tj = 0;
  let krl = 0;
  const tjTotal = geo.stops.filter((s) => s.kind === 'stop' && s.network !== 'KAI Commuter').length;
  const krlTotal = geo.stops.filter((s) => s.kind === 'stop' && s.network === 'KAI Commuter').length;
  for (const stop of geo.stops) {
    if (stop.kind !== 'stop') continue;
    const code = geo.kelurahanAt(stop.lonLat[0], stop.lonLat[1]);
    if (!code) continue;
    const isRail = stop.network === 'KAI Commuter';
    const name = isRail
      ? `Stasiun KRL Contoh ${pad(++krl, krlTotal)}`
      : `Halte Transjakarta Contoh ${pad(++tj, tjTotal)}`;
    hubs.push({
      kind: 'transport_hub',
      name,
      lonLat: [round6(stop.lonLat[0]), round6(stop.lonLat[1])],
      kelurahanCode: code,
      source: 'osm',
      sourceId: stop.osmId,
    });
  }
  return hubs;
}

const ALLEY_ROADS: Readonly<Record<RoadClass, number>> = {
  main: 3,
  tertiary: 2,
  local: 1,
  motorway: 0.2,
  minor: 0.5,
};

function alleyTable(geo: DemoGeography, plan: VenuePlan): WeightedTable {
  const byCode = new Map(geo.kelurahan.map((k) => [k.code, k]));
  return weightedTable(
    geo.roads.map((s) => {
      const area = s.kelurahanCode ? byCode.get(s.kelurahanCode) : undefined;
      if (!area) return 0;
      return (
        ((s.lengthM * ALLEY_ROADS[s.roadClass]) / (area.roadKm + 0.5)) *
        area.areaKm2 *
        (1 + 0.5 * plan.stopBoost * bump(s.stopDistanceM / 800))
      );
    }),
  );
}

function segmentTable(geo: DemoGeography, plan: VenuePlan): WeightedTable {
  const areas = DEMO_SCENARIO.areas;
  return weightedTable(
    geo.roads.map((s) => {
      const lon = (s.lon1 + s.lon2) / 2;
      const lat = (s.lat1 + s.lat2) / 2;
      let hub = 0;
      for (const a of areas) {
        hub = Math.max(hub, bump(distanceMetres(lon, lat, a.centre[0], a.centre[1]) / (1.5 * a.radiusM)));
      }
      return (
        s.lengthM *
        plan.roads[s.roadClass] *
        (1 + plan.stopBoost * bump(s.stopDistanceM / 600)) *
        (1 + plan.mainBoost * bump(s.mainRoadDistanceM / 400)) *
        (1 + plan.hubBoost * hub)
      );
    }),
  );
}

/** Generates the venues: real transport hubs first, then each synthetic kind along the roads; `venueCount` is the total. */
export function generateVenues(
  geo: DemoGeography,
  seed: number,
  venueCount = DEFAULT_VENUE_COUNT,
): DemoVenue[] {
  const random = createRandom(seed, 1);
  const venues = transportHubs(geo);
  const counts = scaleCounts(Math.max(0, venueCount - venues.length));
  for (const kind of Object.keys(VENUE_PLANS) as SyntheticVenueKind[]) {
    const plan = VENUE_PLANS[kind];
    const count = counts[kind];
    if (count === 0) continue;
    const roadside = segmentTable(geo, plan);
    const alley = alleyTable(geo, plan);
    const slug = kind.replaceAll('_', '-');
    for (let n = 1; n <= count; n++) {
      for (;;) {
        const inAlley = random.chance(plan.alleyShare);
        const s = geo.roads[pickWeighted(inAlley ? alley : roadside, random)];
        if (!s) throw new Error('No road segment to place venues on');
        const t = random.next();
        const side = random.chance(0.5) ? 1 : -1;
        const offsetM = side * (inAlley ? random.range(40, 400) : random.range(6, 35));
        const dxM = (s.lon2 - s.lon1) * METRES_PER_DEG_LON;
        const dyM = (s.lat2 - s.lat1) * METRES_PER_DEG_LAT;
        const lon = s.lon1 + t * (s.lon2 - s.lon1) + ((-dyM / s.lengthM) * offsetM) / METRES_PER_DEG_LON;
        const lat = s.lat1 + t * (s.lat2 - s.lat1) + ((dxM / s.lengthM) * offsetM) / METRES_PER_DEG_LAT;
        const rlon = round6(lon);
        const rlat = round6(lat);
        const code = geo.kelurahanAt(rlon, rlat);
        if (!code) continue;
        venues.push({
          kind,
          name: `${plan.label} Contoh ${pad(n, count)}`,
          lonLat: [rlon, rlat],
          kelurahanCode: code,
          source: 'synthetic',
          sourceId: `demo-${slug}-${pad(n, count)}`,
        });
        break;
      }
    }
  }
  return venues;
}
