/**
 * The patrol plan on the map: the route as a dashed line between the stops' cell centres, and each stop as a
 * numbered marker in visiting order.
 */
import type { FeatureCollection, LineString, Point } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import type { PatrolPlan } from '../../api/types.ts';
import { FONT, SOURCE } from './ids.ts';

/** Ids of the patrol layers, bottom to top. */
export const PATROL_LAYER = {
  route: 'tr-patrol-route',
  stops: 'tr-patrol-stops',
  order: 'tr-patrol-order',
} as const;

/** Colour of the patrol: a deep indigo, apart from the placement teal and every analysis colour. */
export const PATROL_COLOUR = '#3730a3';

/** The route line and the numbered stops of a plan. */
export function patrolFeatures(plan: PatrolPlan): FeatureCollection<LineString | Point> {
  const { stops } = plan;
  return {
    type: 'FeatureCollection',
    features: [
      ...(stops.length > 1
        ? [
            {
              type: 'Feature' as const,
              geometry: { type: 'LineString' as const, coordinates: stops.map((stop) => stop.coordinates) },
              properties: { role: 'route' },
            },
          ]
        : []),
      ...stops.map((stop) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: stop.coordinates },
        properties: { role: 'stop', order: stop.order, cell: stop.cell },
      })),
    ],
  };
}

/** Layers of the patrol: the route under the numbered stops. */
export function patrolLayers(): LayerSpecification[] {
  return [
    {
      id: PATROL_LAYER.route,
      type: 'line',
      source: SOURCE.patrol,
      filter: ['==', ['get', 'role'], 'route'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': PATROL_COLOUR, 'line-width': 3, 'line-dasharray': [2, 1.5] },
    },
    {
      id: PATROL_LAYER.stops,
      type: 'circle',
      source: SOURCE.patrol,
      filter: ['==', ['get', 'role'], 'stop'],
      paint: {
        'circle-color': PATROL_COLOUR,
        'circle-radius': 10,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: PATROL_LAYER.order,
      type: 'symbol',
      source: SOURCE.patrol,
      filter: ['==', ['get', 'role'], 'stop'],
      layout: {
        'text-field': ['to-string', ['get', 'order']],
        'text-font': [...FONT.medium],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}
