/** Selection slice: the H3 cell or area the person clicked on the map, which the side panel details. */
import type { AreaLevel } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/** A selected place: an H3 cell (index and resolution) or an area (Kemendagri code, level and name). */
export type SelectedPlace =
  | { readonly kind: 'cell'; readonly id: string; readonly resolution: number }
  | { readonly kind: 'area'; readonly id: string; readonly level: AreaLevel; readonly name: string };

/** State and events of the selection. */
export interface SelectionSlice {
  /** The place clicked last, or `null` when none is selected. */
  selectedPlace: SelectedPlace | null;
  /** The person clicked a cell or area on the map, or clicked beside them or closed the details (`null`). */
  placeSelected: (place: SelectedPlace | null) => void;
}

/** The resolution of the selected place when it is a cell, else `null`. */
export function selectedCellResolution(place: SelectedPlace | null): number | null {
  return place?.kind === 'cell' ? place.resolution : null;
}

/** Creates the selection slice with nothing selected. */
export function createSelectionSlice(): SliceCreator<SelectionSlice> {
  return (set) => ({
    selectedPlace: null,
    placeSelected: (selectedPlace) => set({ selectedPlace }),
  });
}
