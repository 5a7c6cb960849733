/**
 * Point-pick slice: while a form waits for a point, the next map click sets that point instead of selecting a
 * cell or area; the point is marked on the map until the form lets it go.
 */
import type { LngLat } from '../map/geography.ts';
import type { SliceCreator } from './types.ts';

/** State and events of picking a point on the map. */
export interface PointPickSlice {
  /** Whether the next map click sets {@link PointPickSlice.pickedPoint} (the map shows a crosshair meanwhile). */
  pointPicking: boolean;
  /** The point a form holds, marked on the map; `null` when none. */
  pickedPoint: LngLat | null;
  /** The person asked to pick a point on the map. */
  pointPickStarted: () => void;
  /** A point was picked (a map click, the map's centre) or a form took one over (an intervention to edit). */
  pointPicked: (point: LngLat) => void;
  /** The person cancelled picking (Escape): the point held before stays. */
  pointPickCancelled: () => void;
  /** The form holding the point closed: no point, no picking. */
  pointPickCleared: () => void;
}

/** Creates the point-pick slice: not picking, no point. */
export function createPointPickSlice(): SliceCreator<PointPickSlice> {
  return (set) => ({
    pointPicking: false,
    pickedPoint: null,
    pointPickStarted: () => set({ pointPicking: true }),
    pointPicked: (pickedPoint) => set({ pickedPoint, pointPicking: false }),
    pointPickCancelled: () => set({ pointPicking: false }),
    pointPickCleared: () => set({ pickedPoint: null, pointPicking: false }),
  });
}
