// The fixed seed, period, organisations and planted spatial-temporal scenario of the synthetic demo data.
import type { DemoOrganisation, IncidentCategory, KelurahanCode, LonLat } from './types';

/** Seed of the demo data set; changing it changes every generated row. */
export const DEMO_SEED = 20241125;

/** Fixed `generatedAt` stamp written with the demo data (never the wall clock, so loads are reproducible). */
export const DEMO_GENERATED_AT = '2026-11-01T00:00:00.000Z';

/** First month of the demo period (inclusive). */
export const DEMO_PERIOD_START = { year: 2023, month: 11 } as const;
/** Number of months in the demo period: 2023-11 … 2026-10. */
export const DEMO_MONTHS = 36;

/** Default number of incidents generated. */
export const DEFAULT_INCIDENT_COUNT = 2400;

/** Reporting and intervening organisations; names carry "(contoh)" because every row is an example. */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { code: 'demo-polres-ppa', name: 'Unit PPA Polres Metro Jakarta Timur (contoh)', kind: 'police' },
  { code: 'demo-upt-pppa', name: 'UPT PPPA DKI Jakarta (contoh)', kind: 'government' },
  { code: 'demo-lsm-pendamping', name: 'LSM Pendamping Anak (contoh)', kind: 'ngo' },
  { code: 'demo-lsm-penjangkauan', name: 'LSM Penjangkauan Komunitas (contoh)', kind: 'ngo' },
  { code: 'demo-sudin-ppapp', name: 'Suku Dinas PPAPP Jakarta Timur (contoh)', kind: 'government' },
];

/** How an area's incident intensity changes over the 36 months. */
export type AreaTrend = 'stable' | 'growing' | 'fading';

/** A planted cluster of incidents around a transport hub and its budget lodging. */
export interface DemoArea {
  id: string;
  /** Descriptive label of the place (a real area; the incidents are synthetic). */
  label: string;
  centre: LonLat;
  /** Radius of the cluster in metres; incidents of the area fall inside it. */
  radiusM: number;
  trend: AreaTrend;
  /** Kelurahan the circle overlaps (sorted). */
  kelurahanCodes: KelurahanCode[];
  /** Average share of all incidents drawn from this area over the whole period. */
  share: number;
  /** Category mix of the area's incidents (relative weights). */
  categories: Readonly<Record<IncidentCategory, number>>;
}

const HUB_MIX = { online_solicitation: 50, peer_recruitment: 5, csam: 7, venue_exploitation: 25, other: 13 };

/** The planted pattern: stable, growing and fading clusters, quiet kelurahan and the seasonal peak. */
export const DEMO_SCENARIO = {
  seed: DEMO_SEED,
  period: { start: '2023-11-01', end: '2026-10-31', months: DEMO_MONTHS },
  areas: [
    {
      id: 'kampung-melayu',
      label: 'Terminal Kampung Melayu',
      centre: [106.8665, -6.2235],
      radiusM: 700,
      trend: 'stable',
      kelurahanCodes: ['31.75.03.1001', '31.75.03.1002', '31.75.03.1003', '31.75.03.1004', '31.75.03.1005'],
      share: 0.13,
      categories: { online_solicitation: 62, peer_recruitment: 4, csam: 6, venue_exploitation: 20, other: 8 },
    },
    {
      id: 'jatinegara-station',
      label: 'Stasiun Jatinegara',
      centre: [106.8705, -6.215],
      radiusM: 450,
      trend: 'stable',
      kelurahanCodes: ['31.75.01.1001', '31.75.02.1002', '31.75.03.1003', '31.75.03.1004', '31.75.03.1008'],
      share: 0.05,
      categories: HUB_MIX,
    },
    {
      id: 'pgc-cililitan',
      label: 'Cililitan (PGC)',
      centre: [106.866, -6.262],
      radiusM: 600,
      trend: 'stable',
      kelurahanCodes: ['31.75.04.1001', '31.75.04.1006', '31.75.04.1007'],
      share: 0.05,
      categories: HUB_MIX,
    },
    {
      id: 'kampung-rambutan',
      label: 'Terminal Kampung Rambutan',
      centre: [106.882, -6.309],
      radiusM: 700,
      trend: 'stable',
      kelurahanCodes: ['31.75.04.1003', '31.75.08.1002', '31.75.09.1004', '31.75.09.1005', '31.75.10.1008'],
      share: 0.05,
      categories: HUB_MIX,
    },
    {
      id: 'klender',
      label: 'Stasiun Klender',
      centre: [106.8995, -6.2134],
      radiusM: 500,
      trend: 'stable',
      kelurahanCodes: ['31.75.02.1003', '31.75.02.1004', '31.75.03.1006', '31.75.06.1001', '31.75.07.1003'],
      share: 0.04,
      categories: HUB_MIX,
    },
    {
      id: 'pulo-gebang',
      label: 'Terminal Terpadu Pulo Gebang',
      centre: [106.9525, -6.212],
      radiusM: 800,
      trend: 'growing',
      kelurahanCodes: ['31.75.06.1005', '31.75.07.1007'],
      share: 0.2,
      categories: {
        online_solicitation: 50,
        peer_recruitment: 4,
        csam: 8,
        venue_exploitation: 28,
        other: 10,
      },
    },
    {
      id: 'pulo-gadung',
      label: 'Terminal Pulo Gadung',
      centre: [106.9085, -6.1835],
      radiusM: 800,
      trend: 'fading',
      kelurahanCodes: ['31.75.02.1001', '31.75.02.1004', '31.75.02.1007', '31.75.06.1002'],
      share: 0.2,
      categories: {
        online_solicitation: 50,
        peer_recruitment: 4,
        csam: 8,
        venue_exploitation: 28,
        other: 10,
      },
    },
  ] satisfies DemoArea[] as DemoArea[],
  /** Share of incidents spread over the whole city (weighted by venues), outside the planted areas. */
  backgroundShare: 0.5,
  /** Category mix of the background incidents. */
  backgroundCategories: {
    online_solicitation: 38,
    peer_recruitment: 22,
    csam: 14,
    venue_exploitation: 14,
    other: 12,
  } satisfies Record<IncidentCategory, number> as Record<IncidentCategory, number>,
  /** Kelurahan with very few incidents: Cipayung's south and Halim Perdana Kusuma. */
  quiet: {
    kelurahanCodes: ['31.75.10.1001', '31.75.10.1002', '31.75.10.1003', '31.75.10.1004', '31.75.08.1004'],
    /** Multiplier of the background intensity there. */
    factor: 0.06,
  },
  /** Relative incident intensity per calendar month (1 = January): school holidays June–July and December. */
  seasonality: [1.05, 0.9, 0.9, 0.95, 1.0, 1.35, 1.45, 1.0, 0.9, 0.9, 0.95, 1.4],
  /** Calendar months of the seasonal peak. */
  seasonalPeakMonths: [6, 7, 12],
  /** Share of incidents recorded with the kelurahan only (no point). */
  unlocatedShare: 0.2,
  /** Share of incidents without a time band. */
  noTimeBandShare: 0.15,
} as const;

/**
 * Relative intensity of an area in month index m (0 = 2023-11 … 35 = 2026-10), mean 1 over the period: linear
 * ramps, so that each is an existing hot spot that keeps getting worse (0.75 → 1.25) or fades (1.5 → 0.5) rather
 * than one appearing from nothing, which is what emerging hot spot analysis calls intensifying and diminishing.
 */
export function trendFactor(trend: AreaTrend, m: number): number {
  const t = m / (DEMO_MONTHS - 1);
  if (trend === 'growing') return 0.75 + 0.5 * t;
  if (trend === 'fading') return 1.5 - t;
  return 1;
}
