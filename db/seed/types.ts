// Row types of the synthetic demo data set, mirroring the tables in db/migrations/00001_schema.sql.

// The code lists the schema allows are the shared ones.
export {
  INCIDENT_CATEGORIES,
  INTERVENTION_KINDS,
  TIME_BANDS,
  VENUE_KINDS,
  type IncidentCategory,
  type InterventionKind,
  type TimeBand,
  type VenueKind,
} from '@titik-rawan/shared/codes';
import type { IncidentCategory, InterventionKind, TimeBand, VenueKind } from '@titik-rawan/shared/codes';

/** Longitude, latitude in WGS84 degrees, rounded to 6 decimals. */
export type LonLat = [lon: number, lat: number];

/** Kemendagri code of a kelurahan, such as 31.75.03.1001. */
export type KelurahanCode = string;

/** Organisation kinds allowed by the schema. */
export const ORGANISATION_KINDS = ['police', 'government', 'ngo', 'other'] as const;
/** Kind of a reporting or intervening organisation. */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Venue source values allowed by the schema. */
export type VenueSource = 'synthetic' | 'osm' | 'partner';

/** One row of `organisations`. */
export interface DemoOrganisation {
  code: string;
  name: string;
  kind: OrganisationKind;
}

/** One row of `venues` (without id and batch). */
export interface DemoVenue {
  kind: VenueKind;
  name: string;
  lonLat: LonLat;
  kelurahanCode: KelurahanCode;
  source: VenueSource;
  sourceId: string;
}

/** One row of `incidents` (without id, batch and base cell): no names, no free text. */
export interface DemoIncident {
  /** Date as YYYY-MM-DD. */
  occurredOn: string;
  timeBand: TimeBand | null;
  category: IncidentCategory;
  /** Point location, or null when only the kelurahan is known. */
  lonLat: LonLat | null;
  kelurahanCode: KelurahanCode;
  organisationCode: string;
}

/** One row of `interventions` (without id and batch); a venue is referenced by its (source, sourceId). */
export interface DemoIntervention {
  kind: InterventionKind;
  /** Date as YYYY-MM-DD. */
  startedOn: string;
  venue: { source: VenueSource; sourceId: string } | null;
  lonLat: LonLat | null;
  kelurahanCode: KelurahanCode;
  organisationCode: string;
}

/** The whole synthetic demo data set. */
export interface DemoData {
  seed: number;
  organisations: DemoOrganisation[];
  venues: DemoVenue[];
  incidents: DemoIncident[];
  interventions: DemoIntervention[];
}
