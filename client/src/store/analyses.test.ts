import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { HotspotCollection, Tier } from '../api/types.ts';
import {
  analysisRequestKey,
  analysisResolution,
  currentAnalysis,
  modelPeriod,
  neededAnalyses,
  type PeriodAnalysisRequest,
} from './analyses.ts';
import { holdsRequest, NO_ANALYSES } from './analysesSlice.ts';
import { allowedEmergingSteps, fitEmergingStep } from './filtersSlice.ts';
import { createAppStore } from './index.ts';
import { releaseMetadataFixture } from './releaseMetadataFixture.ts';

const metadata = releaseMetadataFixture;

const hexagon: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [106.9, -6.2],
      [106.91, -6.2],
      [106.91, -6.21],
      [106.9, -6.2],
    ],
  ],
};
function hotspots(tier: Tier, resolution: 7 | 8): HotspotCollection {
  return {
    type: 'FeatureCollection',
    release: { tier, period: '2025', category: 'all', threshold: 10, synthetic: true },
    analysis: {
      method: 'getis-ord-gi*',
      ringDistance: 1,
      fdr: true,
      cells: 1,
      cellsWithData: 1,
      edgeCells: 0,
      warnings: [],
      withheld: false,
      withheldCode: null,
      withheldReason: null,
    },
    features: [
      {
        type: 'Feature',
        id: 'c1',
        geometry: hexagon,
        properties: {
          cell: 'c1',
          resolution,
          bin: 3,
          neighbours: 6,
          edge: false,
          count: 12,
          suppressed: false,
        },
      },
    ],
  };
}

describe('what each tier may ask for', () => {
  it('offers monthly trend steps only to tiers whose finest period is a month', () => {
    expect(allowedEmergingSteps(metadata('public'))).toEqual(['quarter']);
    expect(allowedEmergingSteps(metadata('ngo'))).toEqual(['quarter', 'month']);
    expect(fitEmergingStep('month', metadata('public'))).toBe('quarter');
    expect(fitEmergingStep('month', metadata('satgas'))).toBe('month');
  });

  it('runs analyses at the chosen cell resolution, or the finest the tier may see for areas', () => {
    expect(analysisResolution('h3-7', metadata('satgas'))).toBe(7);
    expect(analysisResolution('kelurahan', metadata('satgas'))).toBe(8);
    expect(analysisResolution('kelurahan', metadata('public'))).toBe(7);
    expect(analysisResolution('h3-8', metadata('public'))).toBe(7);
    expect(analysisResolution('kecamatan', { ...metadata('public'), resolutions: [] })).toBeNull();
  });

  it('fits models and checks forecasts on years and quarters: a month uses its quarter', () => {
    expect(modelPeriod('2024-05')).toBe('2024-Q2');
    expect(modelPeriod('2024-Q3')).toBe('2024-Q3');
    expect(modelPeriod('2025')).toBe('2025');
  });

  it('keys requests by kind, tier, resolution, period or step, and category', () => {
    const request: PeriodAnalysisRequest = { tier: 'ngo', resolution: 8, period: '2024-05', category: 'all' };
    expect(analysisRequestKey('hotspots', request)).toBe('hotspots|ngo|8|2024-05|all');
    expect(
      analysisRequestKey('emerging', { tier: 'ngo', resolution: 8, step: 'month', category: 'csam' }),
    ).toBe('emerging|ngo|8|month|csam');
  });
});

describe('neededAnalyses', () => {
  it('needs nothing before the tier and period are known, nor while no layer or panel shows an analysis', () => {
    const store = createAppStore({}, { period: '2025' });
    expect(Object.values(neededAnalyses(store.getState()))).toEqual([null, null, null, null]);
    store.getState().releaseMetadataLoaded(metadata('public'));
    expect(Object.values(neededAnalyses(store.getState()))).toEqual([null, null, null, null]);
  });

  it('asks for each layer switched on, within the tier’s limits', () => {
    const store = createAppStore(
      { mapLayers: ['risk', 'hotspots'] },
      { period: '2024-05', geography: 'h3-8', emergingStep: 'month' },
    );
    store.getState().releaseMetadataLoaded(metadata('public'));
    const needed = neededAnalyses(store.getState());
    expect(needed.hotspots).toEqual({ tier: 'public', resolution: 7, period: '2024-Q2', category: 'all' });
    expect(needed.risk).toEqual({ tier: 'public', resolution: 7, period: '2024-Q2', category: 'all' });
    expect(needed.emerging).toBeNull();
    expect(needed.forecast).toBeNull();
    store.getState().layerSwitched('emerging', true);
    expect(neededAnalyses(store.getState()).emerging).toEqual({
      tier: 'public',
      resolution: 7,
      step: 'quarter',
      category: 'all',
    });

    store.getState().releaseMetadataLoaded(metadata('satgas'));
    store.getState().periodChosen('2024-05');
    store.getState().geographyChosen('h3-8');
    store.getState().emergingStepChosen('month');
    const fine = neededAnalyses(store.getState());
    expect(fine.emerging).toMatchObject({ tier: 'satgas', resolution: 8, step: 'month' });
    expect(fine.risk).toMatchObject({ period: '2024-Q2' });
    store.getState().layerSwitched('hotspots', true);
    expect(neededAnalyses(store.getState()).hotspots).toMatchObject({ resolution: 8, period: '2024-05' });
  });

  it('asks for the three map analyses for a selected cell, and the model and forecast for the open panel', () => {
    const store = createAppStore({ mapLayers: ['counts'] }, { period: '2025', geography: 'h3-7' });
    store.getState().releaseMetadataLoaded(metadata('public'));
    store.getState().placeSelected({ kind: 'cell', id: '87abc', resolution: 7 });
    expect(neededAnalyses(store.getState())).toMatchObject({
      hotspots: { period: '2025' },
      emerging: { step: 'quarter' },
      risk: { period: '2025' },
      forecast: null,
    });
    store.getState().placeSelected({ kind: 'cell', id: '88abc', resolution: 8 });
    expect(neededAnalyses(store.getState()).hotspots).toBeNull();
    store.getState().modelPanelToggled(true);
    expect(neededAnalyses(store.getState())).toMatchObject({
      hotspots: null,
      risk: { period: '2025' },
      forecast: { period: '2025' },
    });
  });
});

describe('analyses slice', () => {
  const request = (tier: Tier, resolution: 7 | 8, period = '2025'): PeriodAnalysisRequest => ({
    tier,
    resolution,
    period,
    category: 'all',
  });

  it('shows an answer only for the current tier and resolution', () => {
    const store = createAppStore({ mapLayers: ['hotspots'] }, { period: '2025', geography: 'h3-8' });
    store.getState().releaseMetadataLoaded(metadata('satgas'));
    const fine = request('satgas', 8);
    store.getState().analysisRequested('hotspots', fine);
    store.getState().analysisLoaded('hotspots', fine, hotspots('satgas', 8));
    expect(currentAnalysis(store.getState(), 'hotspots')?.request).toBe(fine);

    // Signed out: the satgas answer is not shown, even before the public one arrives.
    store.getState().releaseMetadataRequested('public');
    expect(currentAnalysis(store.getState(), 'hotspots')).toBeNull();
    store.getState().releaseMetadataLoaded(metadata('public'));
    expect(currentAnalysis(store.getState(), 'hotspots')).toBeNull();
    store.getState().analysisRequested('hotspots', request('public', 7));
    expect(store.getState().analyses.hotspots.shown).toBeNull();
  });

  it('keeps the previous answer of the same tier while a new period loads, and drops it on failure', () => {
    const store = createAppStore({}, { period: '2025', geography: 'h3-7' });
    store.getState().releaseMetadataLoaded(metadata('public'));
    const first = request('public', 7);
    store.getState().analysisRequested('hotspots', first);
    store.getState().analysisLoaded('hotspots', first, hotspots('public', 7));
    const second = request('public', 7, '2024');
    store.getState().analysisRequested('hotspots', second);
    expect(store.getState().analyses.hotspots).toMatchObject({
      status: 'loading',
      shown: { request: first },
    });
    expect(holdsRequest(store.getState().analyses.hotspots, 'hotspots', { ...second })).toBe(true);
    expect(holdsRequest(store.getState().analyses.hotspots, 'hotspots', first)).toBe(false);

    store.getState().analysisLoaded('hotspots', first, hotspots('public', 7));
    expect(store.getState().analyses.hotspots.status).toBe('loading');
    store.getState().analysisFailed('hotspots', second, new Error('down'));
    expect(store.getState().analyses.hotspots).toMatchObject({ status: 'failed', shown: null });
  });

  it('starts with every analysis idle', () => {
    expect(createAppStore().getState().analyses).toEqual(NO_ANALYSES);
    expect(Object.values(NO_ANALYSES).every((analysis) => analysis.status === 'idle')).toBe(true);
  });
});
