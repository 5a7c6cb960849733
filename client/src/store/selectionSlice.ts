/** Selection slice: the H3 cell or area the person clicked on the map, which the side panel details. */
import { AREA_CODE_PATTERN, PUBLISHED_CELL_PATTERN } from '@titik-rawan/shared/codes';
import type { AreaLevel } from '../api/types.ts';
import type { SliceCreator } from './types.ts';

/**
 * A selected place: an H3 cell (index and resolution) or an area (Kemendagri code, level, and its name when the
 * map gave it; `null` when the place came from a link).
 */
export type SelectedPlace =
  | { readonly kind: 'cell'; readonly id: string; readonly resolution: number }
  | { readonly kind: 'area'; readonly id: string; readonly level: AreaLevel; readonly name: string | null };

/** The place an H3 index (resolution 7 or 8) or an East Jakarta area code names, or `null` for anything else. */
export function parsePlace(text: string | null): SelectedPlace | null {
  if (!text) return null;
  const cell = PUBLISHED_CELL_PATTERN.exec(text);
  if (cell) return { kind: 'cell', id: text, resolution: Number(cell[1]) };
  const area = AREA_CODE_PATTERN.exec(text);
  if (!area) return null;
  const level: AreaLevel = area[2] ? 'kelurahan' : area[1] ? 'kecamatan' : 'kota';
  return { kind: 'area', id: text, level, name: null };
}

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

/** Creates the selection slice with a place selected (from a link) or nothing. */
export function createSelectionSlice(initial: SelectedPlace | null = null): SliceCreator<SelectionSlice> {
  return (set) => ({
    selectedPlace: initial,
    placeSelected: (selectedPlace) => set({ selectedPlace }),
  });
}
