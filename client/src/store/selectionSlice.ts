/** Selection slice: the H3 cell the person clicked on the map, whose analyses the side panel details. */
import type { SliceCreator } from './types.ts';

/** A selected H3 cell: its index and resolution. */
export interface SelectedCell {
  readonly cell: string;
  readonly resolution: number;
}

/** State and events of the selection. */
export interface SelectionSlice {
  /** The cell clicked last, or `null` when none is selected. */
  selectedCell: SelectedCell | null;
  /** The person clicked a cell on the map, or clicked beside the cells or closed the details (`null`). */
  cellSelected: (cell: SelectedCell | null) => void;
}

/** Creates the selection slice with nothing selected. */
export function createSelectionSlice(): SliceCreator<SelectionSlice> {
  return (set) => ({
    selectedCell: null,
    cellSelected: (selectedCell) => set({ selectedCell }),
  });
}
