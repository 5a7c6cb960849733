/** The venues near a picked point, nearest first, to attach an intervention to one of them. Pure: no DOM, no fetch. */
import type { VenueCollection, VenueKind } from '../api/types.ts';
import type { LngLat } from '../map/geography.ts';

/** How far from a picked point a venue is offered, in metres: about a block in East Jakarta. */
export const NEARBY_VENUE_METRES = 150;

/** Mean radius of the Earth in metres (the spherical model is good to 0.5 % at these distances). */
const EARTH_RADIUS_M = 6_371_008.8;

/** A venue near a point, with its distance in metres. */
export interface NearbyVenue {
  id: string;
  name: string;
  kind: VenueKind;
  distanceM: number;
}

/** Great-circle distance between two positions in metres (haversine). */
export function distanceMetres(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Venues within `radiusM` metres (default {@link NEARBY_VENUE_METRES}) of `point`, nearest first, then by id. */
export function venuesNear(
  venues: VenueCollection,
  point: LngLat,
  radiusM = NEARBY_VENUE_METRES,
): NearbyVenue[] {
  return venues.features
    .map((venue) => {
      const [lng = 0, lat = 0] = venue.geometry.coordinates;
      const distanceM = distanceMetres(point, { lng, lat } as LngLat);
      return { id: String(venue.id), name: venue.properties.name, kind: venue.properties.kind, distanceM };
    })
    .filter((venue) => venue.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
}
