import { describe, expect, it } from 'vitest';
import { offlineStyle } from '../style.ts';
import type { Coverage } from '../../api/types.ts';
import { COVERAGE_LAYER, coverageLayers, uncoveredCells } from './coverage.ts';
import { SOURCE } from './ids.ts';
import { SELECTION_LAYER } from './selection.ts';

describe('coverage layers', () => {
  it('outline the uncovered cells from their own source, dashed, under the selected cell', () => {
    const layers = coverageLayers();
    expect(layers.map((layer) => layer.id)).toEqual([COVERAGE_LAYER.casing, COVERAGE_LAYER.line]);
    expect(layers.every((layer) => layer.type === 'line' && layer.source === SOURCE.coverage)).toBe(true);
    expect(layers[1]).toMatchObject({ paint: { 'line-dasharray': [2, 1] } });
    const style = offlineStyle('http://127.0.0.1:8787');
    expect(style.sources[SOURCE.coverage]).toMatchObject({ type: 'geojson' });
    const ids = style.layers.map((layer) => layer.id);
    expect(ids.indexOf(COVERAGE_LAYER.line)).toBeGreaterThan(-1);
    expect(ids.indexOf(COVERAGE_LAYER.line)).toBeLessThan(ids.indexOf(SELECTION_LAYER.casing));
  });
});

describe('uncoveredCells', () => {
  it('keeps only the cells no intervention covers, with their outlines', () => {
    const cell = (id: string, covered: boolean) => ({
      type: 'Feature' as const,
      id,
      geometry: { type: 'Polygon', coordinates: [[[106.9, -6.2]]] },
      properties: {
        cell: id,
        resolution: 8,
        hotConfidence: 95 as const,
        relativeRisk: 2.5,
        covered,
        nearestM: covered ? 120 : 940,
        coveringKinds: covered ? (['banner'] as const) : [],
      },
    });
    const coverage = { cells: [cell('88a', true), cell('88b', false)] } as unknown as Coverage;
    const drawn = uncoveredCells(coverage);
    expect(drawn.features.map((feature) => feature.id)).toEqual(['88b']);
    expect(drawn.features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: [[[106.9, -6.2]]] });
  });
});
