// The domain's code lists as plain constants, without zod, for code that must stay small (the dashboard's first
// paint); `domain.ts` adds the zod schemas.
/** Incident categories from the field report (BRIEF.md), as stored and as used in API parameters. */
export const INCIDENT_CATEGORIES = [
  'online_solicitation',
  'peer_recruitment',
  'csam',
  'venue_exploitation',
  'other',
] as const;
/** One incident category code. */
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

/** Kinds of venue that matter for planning banners, cameras and outreach. */
export const VENUE_KINDS = [
  'hotel',
  'guest_house',
  'kost',
  'apartment',
  'school',
  'transport_hub',
  'internet_cafe',
  'karaoke_nightlife',
  'massage_parlour',
] as const;
/** One venue kind. */
export type VenueKind = (typeof VENUE_KINDS)[number];

/** Kinds of prevention work recorded as interventions. */
export const INTERVENTION_KINDS = [
  'banner',
  'cctv',
  'socialisation',
  'kk_check',
  'code_of_conduct',
  'outreach_visit',
] as const;
/** One intervention kind. */
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/**
 * Coarse times of day an incident may carry (the only time it keeps): night 00:00–06:00, morning 06:00–12:00,
 * afternoon 12:00–18:00, evening 18:00–24:00, Jakarta time.
 */
export const TIME_BANDS = ['night', 'morning', 'afternoon', 'evening'] as const;
/** One time band. */
export type TimeBand = (typeof TIME_BANDS)[number];

/** Hour (Jakarta time) at which each time band starts; each lasts six hours. */
export const TIME_BAND_START_HOUR: Readonly<Record<TimeBand, number>> = {
  night: 0,
  morning: 6,
  afternoon: 12,
  evening: 18,
};

/** Kinds of data an import brings; each has its own column set. */
export const IMPORT_KINDS = ['incidents', 'venues', 'interventions'] as const;
/** One import kind. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * File formats an import reads: `csv` (comma or semicolon), `geojson` (a FeatureCollection of points whose
 * properties are the columns) and `osm` (Overpass JSON or an OpenStreetMap GeoJSON export, venues only).
 */
export const IMPORT_FORMATS = ['csv', 'geojson', 'osm'] as const;
/** One import format. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const jakartaDates = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });

/** A moment's date in Asia/Jakarta as YYYY-MM-DD (today by default): the latest date any record may carry. */
export function jakartaToday(now = new Date()): string {
  return jakartaDates.format(now);
}

/** Roles an account can hold; a request without a session is the `public` tier. */
export const ROLES = ['admin', 'satgas', 'ngo'] as const;
/** An account's role. */
export type Role = (typeof ROLES)[number];

/** Access tiers of the release model: every role plus anonymous `public`. */
export const TIERS = ['public', 'ngo', 'satgas', 'admin'] as const;
/** One access tier. */
export type Tier = (typeof TIERS)[number];

/** Levels of the administrative geography, coarsest first. */
export const AREA_LEVELS = ['kota', 'kecamatan', 'kelurahan'] as const;
/** One administrative level. */
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Pattern of any East Jakarta area code: kota `31.75`, kecamatan `31.75.01`, kelurahan `31.75.01.1001`. */
export const AREA_CODE_PATTERN = /^31\.75(\.\d{2}(\.\d{4})?)?$/;

/** Pattern of a published H3 cell (resolution 7 or 8); the resolution is the second digit. */
export const PUBLISHED_CELL_PATTERN = /^8([78])[0-9a-f]{13}$/;
