import { describe, expect, it } from 'vitest';
import { SIDE_PANEL_WIDTH_PX, WIDE_LAYOUT_MIN_WIDTH_PX, homePadding } from './viewport.ts';

describe('homePadding', () => {
  it('keeps the city clear of the side panel on wide screens', () => {
    expect(homePadding(1920).left).toBeGreaterThan(SIDE_PANEL_WIDTH_PX);
  });

  it('keeps the city clear of the bottom sheet on phones, leaving most of the width to the map', () => {
    const padding = homePadding(360);
    expect(padding.bottom).toBeGreaterThan(padding.top);
    expect(padding.left + padding.right).toBeLessThan(360 / 3);
    expect(homePadding(WIDE_LAYOUT_MIN_WIDTH_PX - 1)).toEqual(padding);
  });
});
