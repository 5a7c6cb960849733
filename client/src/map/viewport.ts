/** How the dashboard's layout around the map (side panel, bottom sheet, buttons) shapes the home view. */
import type { PaddingOptions } from 'maplibre-gl';

/** Width from which the layout is "wide": side panel on the left and open at start, in CSS pixels. */
export const WIDE_LAYOUT_MIN_WIDTH_PX = 768;

/** Width of the side panel in the wide layout, in CSS pixels (matches `.panel` in styles.css). */
export const SIDE_PANEL_WIDTH_PX = 320;

/** Gap between the map's edge and floating controls, in CSS pixels. */
const EDGE_GAP_PX = 12;

/** Width of the map's button column, in CSS pixels. */
const MAP_BUTTONS_WIDTH_PX = 40;

/** Height kept free at the bottom on phones for the folded panel and attribution, in CSS pixels. */
const PHONE_BOTTOM_SHEET_PX = 84;

/** Padding for showing all of East Jakarta so the side panel and buttons do not cover it, for a map this wide (CSS px). */
export function homePadding(mapWidthPx: number): Required<PaddingOptions> {
  if (mapWidthPx >= WIDE_LAYOUT_MIN_WIDTH_PX) {
    return {
      top: 24,
      bottom: 36,
      left: EDGE_GAP_PX + SIDE_PANEL_WIDTH_PX + 24,
      right: EDGE_GAP_PX + MAP_BUTTONS_WIDTH_PX + 24,
    };
  }
  return { top: 16, bottom: PHONE_BOTTOM_SHEET_PX, left: 16, right: EDGE_GAP_PX + MAP_BUTTONS_WIDTH_PX };
}
