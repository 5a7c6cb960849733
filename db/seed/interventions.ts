// Synthetic prevention work following the FGD's recommendations: banners, CCTV and code-of-conduct signatures
// at lodging, KK checks at kost, socialisation at schools and in neighbourhoods, outreach visits around hubs.
import {
  distanceMetres,
  METRES_PER_DEG_LAT,
  METRES_PER_DEG_LON,
  round6,
  type DemoGeography,
} from './geography';
import { periodDates } from './incidents';
import { createRandom, pickKey, pickWeighted, weightedKeys, weightedTable, type Random } from './random';
import { DEMO_MONTHS, DEMO_SCENARIO } from './scenario';
import { bump } from './venues';
import type { DemoIntervention, DemoVenue, InterventionKind, LonLat, VenueKind } from './types';

interface InterventionPlan {
  /** Number in the default set. */
  count: number;
  /** Venue kinds it is attached to (relative weights); empty for interventions at a location. */
  venueKinds: Partial<Record<VenueKind, number>>;
  /** Share attached to a location instead of a venue. */
  locationShare: number;
  /** Organisations carrying it out (relative weights). */
  organisations: Readonly<Record<string, number>>;
}

/** What each intervention kind is attached to, how many there are and who does it. */
export const INTERVENTION_PLANS: Readonly<Record<InterventionKind, InterventionPlan>> = {
  banner: {
    count: 90,
    venueKinds: { hotel: 3, guest_house: 3, kost: 2, transport_hub: 1 },
    locationShare: 0,
    organisations: { 'demo-upt-pppa': 3, 'demo-sudin-ppapp': 3, 'demo-lsm-pendamping': 2 },
  },
  cctv: {
    count: 30,
    venueKinds: { hotel: 3, guest_house: 3, kost: 1 },
    locationShare: 0,
    organisations: { 'demo-polres-ppa': 3, 'demo-sudin-ppapp': 1 },
  },
  socialisation: {
    count: 80,
    venueKinds: { school: 1 },
    locationShare: 0.25,
    organisations: { 'demo-upt-pppa': 3, 'demo-lsm-pendamping': 3, 'demo-sudin-ppapp': 2 },
  },
  kk_check: {
    count: 70,
    venueKinds: { kost: 1 },
    locationShare: 0,
    organisations: { 'demo-polres-ppa': 3, 'demo-upt-pppa': 1 },
  },
  code_of_conduct: {
    count: 40,
    venueKinds: { hotel: 2, guest_house: 1 },
    locationShare: 0,
    organisations: { 'demo-lsm-pendamping': 3, 'demo-sudin-ppapp': 1 },
  },
  outreach_visit: {
    count: 60,
    venueKinds: {},
    locationShare: 1,
    organisations: { 'demo-lsm-penjangkauan': 4, 'demo-lsm-pendamping': 1 },
  },
};

/** Month index of December 2024, after the FGD of 25 November 2024 that recommended these measures. */
const FGD_MONTH = 13;

function hubAffinity(lonLat: LonLat): number {
  let best = 0;
  for (const a of DEMO_SCENARIO.areas) {
    best = Math.max(
      best,
      bump(distanceMetres(lonLat[0], lonLat[1], a.centre[0], a.centre[1]) / (2 * a.radiusM)),
    );
  }
  return best;
}

function nearLocation(geo: DemoGeography, venues: readonly DemoVenue[], random: Random): [LonLat, string] {
  // A neighbourhood point: around a random venue weighted toward the hub areas, some 100–300 m away.
  for (;;) {
    const v = venues[random.int(venues.length)] as DemoVenue;
    if (!random.chance(0.15 + hubAffinity(v.lonLat))) continue;
    const lon = round6(v.lonLat[0] + (random.normal() * 150) / METRES_PER_DEG_LON);
    const lat = round6(v.lonLat[1] + (random.normal() * 150) / METRES_PER_DEG_LAT);
    const code = geo.kelurahanAt(lon, lat);
    if (code) return [[lon, lat], code];
  }
}

/** Generates the interventions over the demo period, most of them after the FGD of November 2024. */
export function generateInterventions(
  geo: DemoGeography,
  venues: readonly DemoVenue[],
  seed: number,
): DemoIntervention[] {
  const random = createRandom(seed, 3);
  const dates = periodDates();
  const months = weightedTable(Array.from({ length: DEMO_MONTHS }, (_, m) => (m < FGD_MONTH ? 0.3 : 1)));
  const affinity = venues.map((v) => 1 + 4 * hubAffinity(v.lonLat));
  const result: DemoIntervention[] = [];
  for (const kind of Object.keys(INTERVENTION_PLANS) as InterventionKind[]) {
    const plan = INTERVENTION_PLANS[kind];
    const organisations = weightedKeys(plan.organisations);
    const candidates = weightedTable(
      venues.map((v, i) => (plan.venueKinds[v.kind] ?? 0) * (affinity[i] as number)),
    );
    const used = new Set<number>();
    for (let n = 0; n < plan.count; n++) {
      const m = pickWeighted(months, random);
      const days = dates[m] as string[];
      const startedOn = days[random.int(days.length)] as string;
      const organisationCode = pickKey(organisations, random);
      let venueIndex = -1;
      if (!random.chance(plan.locationShare) && used.size < venues.length) {
        for (let tries = 0; tries < 50 && venueIndex < 0; tries++) {
          const i = pickWeighted(candidates, random);
          if (i >= 0 && !used.has(i)) venueIndex = i;
        }
      }
      const venue = venues[venueIndex];
      if (venue) {
        used.add(venueIndex);
        result.push({
          kind,
          startedOn,
          venue: { source: venue.source, sourceId: venue.sourceId },
          lonLat: venue.lonLat,
          kelurahanCode: venue.kelurahanCode,
          organisationCode,
        });
      } else {
        const [lonLat, kelurahanCode] = nearLocation(geo, venues, random);
        result.push({ kind, startedOn, venue: null, lonLat, kelurahanCode, organisationCode });
      }
    }
  }
  return result;
}
