/**
 * Venues and interventions as points. Venues (for planning, never places of incidents) are clustered below
 * {@link VENUE_CLUSTER_MAX_ZOOM} into grey circles with their number, and coloured by kind above it; interventions
 * are larger circles with a dark ring, coloured by kind, drawn above the venues.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import {
  INTERVENTION_KINDS,
  VENUE_KINDS,
  type InterventionKind,
  type VenueKind,
} from '@titik-rawan/shared/codes';
import { FONT, SOURCE } from './ids.ts';

/** Ids of the venue layers, bottom to top. */
export const VENUE_LAYER = {
  clusters: 'tr-venue-clusters',
  clusterCounts: 'tr-venue-cluster-counts',
  points: 'tr-venue-points',
} as const;

/** Ids of the intervention layers. */
export const INTERVENTION_LAYER = { points: 'tr-intervention-points' } as const;

/** Zoom up to which nearby venues are drawn as one cluster (MapLibre's `clusterMaxZoom`). */
export const VENUE_CLUSTER_MAX_ZOOM = 14;

/** Radius within which venues join a cluster, in screen pixels. */
export const VENUE_CLUSTER_RADIUS_PX = 44;

/**
 * Colour of each venue kind: the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies)
 * plus grey, on a white ring so the points stand out over every fill.
 */
export const VENUE_COLOURS: Readonly<Record<VenueKind, string>> = {
  hotel: '#E69F00',
  guest_house: '#56B4E9',
  kost: '#009E73',
  apartment: '#F0E442',
  school: '#0072B2',
  transport_hub: '#D55E00',
  internet_cafe: '#CC79A7',
  karaoke_nightlife: '#000000',
  massage_parlour: '#999999',
};

/** Colour of each intervention kind (Okabe–Ito again, drawn larger and ringed dark so they read apart from venues). */
export const INTERVENTION_COLOURS: Readonly<Record<InterventionKind, string>> = {
  banner: '#E69F00',
  cctv: '#D55E00',
  socialisation: '#009E73',
  kk_check: '#56B4E9',
  code_of_conduct: '#CC79A7',
  outreach_visit: '#0072B2',
};

/** Fill colour of a cluster of venues. */
export const VENUE_CLUSTER_COLOUR = '#475569';

/** A `match` on the feature's `kind` giving each kind its colour (grey for anything unknown). */
export function kindColour<K extends string>(kinds: readonly K[], colours: Readonly<Record<K, string>>) {
  return [
    'match',
    ['get', 'kind'],
    ...kinds.flatMap((kind) => [kind, colours[kind]]),
    '#999999',
  ] as unknown as ExpressionSpecification;
}

/** Circle radius of a cluster by its number of venues: 12 px up to 10, 16 px up to 100, 21 px above. */
export function clusterRadius(): ExpressionSpecification {
  return ['step', ['get', 'point_count'], 12, 10, 16, 100, 21];
}

/** Layers of the venue source, bottom to top: clusters, their counts, and single venues coloured by kind. */
export function venueLayers(): LayerSpecification[] {
  return [
    {
      id: VENUE_LAYER.clusters,
      type: 'circle',
      source: SOURCE.venues,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': VENUE_CLUSTER_COLOUR,
        'circle-opacity': 0.85,
        'circle-radius': clusterRadius(),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: VENUE_LAYER.clusterCounts,
      type: 'symbol',
      source: SOURCE.venues,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [...FONT.medium],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: VENUE_LAYER.points,
      type: 'circle',
      source: SOURCE.venues,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': kindColour(VENUE_KINDS, VENUE_COLOURS),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3.5, 17, 7],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
  ];
}

/** Layers of the intervention source: one ringed circle per intervention, coloured by kind. */
export function interventionLayers(): LayerSpecification[] {
  return [
    {
      id: INTERVENTION_LAYER.points,
      type: 'circle',
      source: SOURCE.interventions,
      paint: {
        'circle-color': kindColour(INTERVENTION_KINDS, INTERVENTION_COLOURS),
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 16, 8],
        'circle-stroke-color': '#0f172a',
        'circle-stroke-width': 2,
      },
    },
  ];
}

/** Ids of the placement layers: the suggested sites' coverage discs and their numbered markers. */
export const PLACEMENT_LAYER = {
  coverage: 'tr-placement-coverage',
  markers: 'tr-placement-markers',
  ranks: 'tr-placement-ranks',
} as const;

/** Colour of suggested sites: a dark teal, apart from every venue, intervention and analysis colour. */
export const PLACEMENT_COLOUR = '#0f766e';

/**
 * Radius in pixels of a circle `metres` across the ground at the map's zoom, for circle layers, at East Jakarta's
 * latitude (exact at zoom 10 and 18, interpolated exponentially between, which is exact for Web Mercator).
 */
export function metresToPixels(metres: number): ExpressionSpecification {
  const metresPerPixelAtZoom0 = (40_075_016.686 * Math.cos((6.25 * Math.PI) / 180)) / 512;
  const pixels = (zoom: number) => metres / (metresPerPixelAtZoom0 / 2 ** zoom);
  return ['interpolate', ['exponential', 2], ['zoom'], 10, pixels(10), 18, pixels(18)];
}

/**
 * Layers of the suggested sites, bottom to top: a translucent disc of the coverage distance around each, a
 * marker, and its rank. Features carry `rank` and `coverageM`.
 */
export function placementLayers(coverageM = 300): LayerSpecification[] {
  return [
    {
      id: PLACEMENT_LAYER.coverage,
      type: 'circle',
      source: SOURCE.placements,
      paint: {
        'circle-color': PLACEMENT_COLOUR,
        'circle-opacity': 0.12,
        'circle-radius': metresToPixels(coverageM),
        'circle-stroke-color': PLACEMENT_COLOUR,
        'circle-stroke-width': 1,
        'circle-stroke-opacity': 0.6,
      },
    },
    {
      id: PLACEMENT_LAYER.markers,
      type: 'circle',
      source: SOURCE.placements,
      paint: {
        'circle-color': PLACEMENT_COLOUR,
        'circle-radius': 9,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: PLACEMENT_LAYER.ranks,
      type: 'symbol',
      source: SOURCE.placements,
      layout: {
        'text-field': ['to-string', ['get', 'rank']],
        'text-font': [...FONT.medium],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}
