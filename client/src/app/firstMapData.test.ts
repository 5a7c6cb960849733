import { describe, expect, it } from 'vitest';
import type { HotspotCollection } from '../api/types.ts';
import { neededAnalyses } from '../store/analyses.ts';
import { createAppStore } from '../store/index.ts';
import { releaseMetadataFixture } from '../store/releaseMetadataFixture.ts';
import { currentReleaseRequest } from './followReleases.ts';
import { firstMapDataSettled } from './firstMapData.ts';

const noCells = { type: 'FeatureCollection', features: [] } as unknown as HotspotCollection;

describe('firstMapDataSettled', () => {
  it('waits for the release metadata, and draws at once when it failed', () => {
    const store = createAppStore({ mapLayers: ['hotspots'] }, { period: '2025' });
    expect(firstMapDataSettled(store.getState())).toBe(false);
    store.getState().releaseMetadataFailed('public', new Error('offline'));
    expect(firstMapDataSettled(store.getState())).toBe(true);
  });

  it('waits for the hot spots while their layer is on, whether they arrive or fail', () => {
    for (const outcome of ['loaded', 'failed'] as const) {
      const store = createAppStore({ mapLayers: ['hotspots'] }, { period: '2025' });
      store.getState().releaseMetadataLoaded(releaseMetadataFixture('public'));
      const request = neededAnalyses(store.getState()).hotspots;
      if (!request) throw new Error('the hot spot layer needs hot spots');
      store.getState().analysisRequested('hotspots', request);
      expect(firstMapDataSettled(store.getState())).toBe(false);
      if (outcome === 'loaded') store.getState().analysisLoaded('hotspots', request, noCells);
      else store.getState().analysisFailed('hotspots', request, new Error('busy'));
      expect(firstMapDataSettled(store.getState())).toBe(true);
    }
  });

  it('waits for the released counts while their layer is on', () => {
    const store = createAppStore({ mapLayers: ['counts'] }, { period: '2025' });
    store.getState().releaseMetadataLoaded(releaseMetadataFixture('public'));
    const request = currentReleaseRequest(store.getState());
    if (!request) throw new Error('the counts layer needs counts');
    store.getState().releasedCountsRequested(request);
    expect(firstMapDataSettled(store.getState())).toBe(false);
    store.getState().releasedCountsFailed(request, new Error('busy'));
    expect(firstMapDataSettled(store.getState())).toBe(true);
  });

  it('does not wait for data no layer switched on draws, nor when nothing is released', () => {
    const store = createAppStore({ mapLayers: ['hotspots'] }, { period: '2025' });
    store.getState().releaseMetadataLoaded(releaseMetadataFixture('public'));
    const counts = currentReleaseRequest(store.getState());
    if (!counts) throw new Error('a period is chosen');
    store.getState().releasedCountsRequested(counts);
    const hotspots = neededAnalyses(store.getState()).hotspots;
    if (!hotspots) throw new Error('the hot spot layer needs hot spots');
    store.getState().analysisRequested('hotspots', hotspots);
    store.getState().analysisFailed('hotspots', hotspots, new Error('busy'));
    expect(firstMapDataSettled(store.getState())).toBe(true);

    const empty = createAppStore({ mapLayers: ['counts', 'hotspots'] });
    empty.getState().releaseMetadataLoaded({ ...releaseMetadataFixture('public'), periods: [] });
    expect(firstMapDataSettled(empty.getState())).toBe(true);
  });
});
