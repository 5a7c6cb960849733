// The deterministic synthetic demo data set of Titik Rawan: organisations, venues, incidents and interventions
// laid on the real geography of East Jakarta, following the planted scenario in ./scenario.ts.
import { loadDemoGeography } from './geography';
import { buildIncidentModel, incidentChunks } from './incidents';
import { generateInterventions } from './interventions';
import { DEFAULT_INCIDENT_COUNT, DEMO_ORGANISATIONS, DEMO_SEED } from './scenario';
import type { DemoData, DemoIncident, DemoIntervention, DemoOrganisation, DemoVenue } from './types';
import { DEFAULT_VENUE_COUNT, generateVenues } from './venues';

export { DEMO_SCENARIO, DEMO_SEED, DEMO_GENERATED_AT, DEFAULT_INCIDENT_COUNT } from './scenario';
export { DEFAULT_VENUE_COUNT } from './venues';
export * from './types';

/** Options of the demo generator. */
export interface DemoOptions {
  /** Seed of every random stream; default {@link DEMO_SEED}. */
  seed?: number;
  /** Number of incidents; default 2,400. */
  incidentCount?: number;
  /** Total number of venues including the 87 real transport hubs; default 5,000. */
  venueCount?: number;
}

/** The demo set with incidents produced lazily in chunks, for large counts. */
export interface DemoGenerator {
  seed: number;
  incidentCount: number;
  organisations: DemoOrganisation[];
  venues: DemoVenue[];
  interventions: DemoIntervention[];
  /** Yields the incidents in order, `size` at a time (default 50,000); each call starts again from the first. */
  incidentChunks(size?: number): Generator<DemoIncident[], void, undefined>;
}

/** Prepares the demo set: organisations, venues and interventions at once, incidents on demand. */
export function createDemoGenerator(options: DemoOptions = {}): DemoGenerator {
  const seed = options.seed ?? DEMO_SEED;
  const incidentCount = options.incidentCount ?? DEFAULT_INCIDENT_COUNT;
  const geo = loadDemoGeography();
  const venues = generateVenues(geo, seed, options.venueCount ?? DEFAULT_VENUE_COUNT);
  const model = buildIncidentModel(geo, venues);
  return {
    seed,
    incidentCount,
    organisations: DEMO_ORGANISATIONS.map((o) => ({ ...o })),
    venues,
    interventions: generateInterventions(geo, venues, seed),
    incidentChunks: (size = 50_000) => incidentChunks(model, seed, incidentCount, size),
  };
}

/** Generates the whole demo set in memory; pure and deterministic for given options. */
export function generateDemoData(options: DemoOptions = {}): DemoData {
  const generator = createDemoGenerator(options);
  const incidents: DemoIncident[] = [];
  for (const chunk of generator.incidentChunks()) for (const incident of chunk) incidents.push(incident);
  return {
    seed: generator.seed,
    organisations: generator.organisations,
    venues: generator.venues,
    incidents,
    interventions: generator.interventions,
  };
}
