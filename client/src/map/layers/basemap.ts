/**
 * The offline basemap drawn under the boundaries: land inside and outside the city, roads by OSM class,
 * Transjakarta and KRL lines with their stops.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { FONT, SOURCE } from './ids.ts';

/** Ids of the offline basemap layers, bottom to top. */
export const BASEMAP_LAYER = {
  background: 'tr-background',
  cityLand: 'tr-city-land',
  roadsMinor: 'tr-roads-minor',
  roadsMajorCasing: 'tr-roads-major-casing',
  roadsMajor: 'tr-roads-major',
  transitRoutes: 'tr-transit-routes',
  transitStops: 'tr-transit-stops',
  roadLabels: 'tr-road-labels',
} as const;

/** OSM `highway` classes drawn as major roads; every other class is drawn as a minor road. */
export const MAJOR_ROAD_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'secondary',
];

/** Zoom from which minor roads (tertiary, residential, service…) are drawn. */
export const MINOR_ROAD_MIN_ZOOM = 11.5;

/** Zoom from which transit stops are drawn. */
export const TRANSIT_STOP_MIN_ZOOM = 13;

/** Zoom from which road names are drawn along the roads. */
export const ROAD_LABEL_MIN_ZOOM = 14.5;

/** Colours of the offline basemap: a cool grey region, a warm paper-white city, quiet grey roads. */
export const BASEMAP_COLOUR = {
  background: '#e6eaef',
  cityLand: '#fbfaf6',
  roadMinor: '#d9dde3',
  roadMajor: '#ffffff',
  roadMajorCasing: '#c4cad3',
  roadLabel: '#6b7280',
  transitFallback: '#64748b',
  stopFill: '#ffffff',
  stopStroke: '#334155',
} as const;

/** Colour used for a transit route whose `colour` property is missing or not a `#rrggbb` string. */
const transitColour: ExpressionSpecification = [
  'case',
  ['all', ['has', 'colour'], ['==', ['slice', ['to-string', ['get', 'colour']], 0, 1], '#']],
  ['to-color', ['get', 'colour'], BASEMAP_COLOUR.transitFallback],
  BASEMAP_COLOUR.transitFallback,
];

const isMajorRoad: ExpressionSpecification = ['in', ['get', 'highway'], ['literal', MAJOR_ROAD_CLASSES]];

/** Layers of the offline basemap, bottom to top; boundaries go on top of them. */
export function basemapLayers(): LayerSpecification[] {
  return [
    {
      id: BASEMAP_LAYER.background,
      type: 'background',
      paint: { 'background-color': BASEMAP_COLOUR.background },
    },
    {
      id: BASEMAP_LAYER.cityLand,
      type: 'fill',
      source: SOURCE.kota,
      paint: { 'fill-color': BASEMAP_COLOUR.cityLand },
    },
    {
      id: BASEMAP_LAYER.roadsMinor,
      type: 'line',
      source: SOURCE.roads,
      minzoom: MINOR_ROAD_MIN_ZOOM,
      filter: ['!', isMajorRoad],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': BASEMAP_COLOUR.roadMinor,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], MINOR_ROAD_MIN_ZOOM, 0.5, 16, 4],
      },
    },
    {
      id: BASEMAP_LAYER.roadsMajorCasing,
      type: 'line',
      source: SOURCE.roads,
      filter: isMajorRoad,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': BASEMAP_COLOUR.roadMajorCasing,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 1.2, 16, 10],
      },
    },
    {
      id: BASEMAP_LAYER.roadsMajor,
      type: 'line',
      source: SOURCE.roads,
      filter: isMajorRoad,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': BASEMAP_COLOUR.roadMajor,
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 0.6, 16, 8],
      },
    },
    ...transitLayers(),
    {
      id: BASEMAP_LAYER.roadLabels,
      type: 'symbol',
      source: SOURCE.roads,
      minzoom: ROAD_LABEL_MIN_ZOOM,
      filter: ['has', 'name'],
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-font': [...FONT.italic],
        'text-size': 11,
      },
      paint: {
        'text-color': BASEMAP_COLOUR.roadLabel,
        'text-halo-color': BASEMAP_COLOUR.stopFill,
        'text-halo-width': 1.2,
      },
    },
  ];
}

/** Transit route lines coloured by their operator colour, and stops from `TRANSIT_STOP_MIN_ZOOM`. */
export function transitLayers(): LayerSpecification[] {
  return [
    {
      id: BASEMAP_LAYER.transitRoutes,
      type: 'line',
      source: SOURCE.transitRoutes,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': transitColour,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 16, 4],
        'line-opacity': 0.75,
      },
    },
    {
      id: BASEMAP_LAYER.transitStops,
      type: 'circle',
      source: SOURCE.transitStops,
      minzoom: TRANSIT_STOP_MIN_ZOOM,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], TRANSIT_STOP_MIN_ZOOM, 2.5, 16, 5],
        'circle-color': BASEMAP_COLOUR.stopFill,
        'circle-stroke-color': BASEMAP_COLOUR.stopStroke,
        'circle-stroke-width': 1.2,
      },
    },
  ];
}
