import { INCIDENT_CATEGORIES } from '@titik-rawan/shared';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ReleasedAreaCollection, ReleaseMetadata } from '../api/types.ts';
import { CATEGORY_FILTERS, fitFiltersToMetadata, isGeographyAllowed } from './filtersSlice.ts';
import { createAppStore } from './index.ts';

const policy = {
  public: { threshold: 10, finestResolution: 7, finestPeriod: 'quarter' as const },
  ngo: { threshold: 5, finestResolution: 8, finestPeriod: 'month' as const },
  satgas: { threshold: 3, finestResolution: 8, finestPeriod: 'month' as const },
  admin: { threshold: 3, finestResolution: 8, finestPeriod: 'month' as const },
};
const base = {
  synthetic: true,
  policy,
  span: { first: '2023-11', last: '2026-10' },
  categories: ['all', ...INCIDENT_CATEGORIES],
  levels: ['kota' as const, 'kecamatan' as const, 'kelurahan' as const],
  version: '1',
  updating: false,
  notes: [],
};
const publicMetadata: ReleaseMetadata = {
  ...base,
  tier: 'public',
  resolutions: [7],
  periods: ['2023', '2024', '2025', '2026', '2024-Q1', '2024-Q2'],
};
const satgasMetadata: ReleaseMetadata = {
  ...base,
  tier: 'satgas',
  resolutions: [7, 8],
  periods: [...publicMetadata.periods, '2024-01', '2024-05'],
};

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
function areas(period: string, counts: Array<number | null>): ReleasedAreaCollection {
  return {
    type: 'FeatureCollection',
    release: { tier: 'public', period, category: 'all', threshold: 10, synthetic: true },
    features: counts.map((count, i) => ({
      type: 'Feature',
      geometry: square,
      properties: {
        code: `31.75.0${i}`,
        name: `K${i}`,
        level: 'kecamatan',
        count,
        suppressed: count === null,
      },
    })),
  };
}

describe('filters', () => {
  it('offers every shared incident category after "all"', () => {
    expect(CATEGORY_FILTERS).toEqual(['all', ...INCIDENT_CATEGORIES]);
  });

  it('keeps what the tier may see and falls back to the nearest allowed choice otherwise', () => {
    const wanted = { period: '2024-05', category: 'csam' as const, geography: 'h3-8' as const };
    expect(fitFiltersToMetadata(wanted, satgasMetadata)).toBe(wanted);
    expect(fitFiltersToMetadata(wanted, publicMetadata)).toEqual({
      period: '2024-Q2',
      category: 'csam',
      geography: 'h3-7',
    });
    expect(isGeographyAllowed('h3-8', publicMetadata)).toBe(false);
    expect(isGeographyAllowed('kecamatan', publicMetadata)).toBe(true);
  });

  it('starts from defaults every tier may see, the period decided by the metadata', () => {
    const store = createAppStore({}, { period: 'nonsense', geography: 'h3-9' as never });
    expect(store.getState().filters).toEqual({ period: null, category: 'all', geography: 'kelurahan' });
    store.getState().releaseMetadataLoaded(publicMetadata);
    expect(store.getState().filters).toEqual({ period: '2025', category: 'all', geography: 'kelurahan' });
  });

  it('names choices as events and re-fits them when the tier changes', () => {
    const store = createAppStore();
    store.getState().releaseMetadataLoaded(satgasMetadata);
    store.getState().periodChosen('2024-01');
    store.getState().geographyChosen('h3-8');
    store.getState().categoryChosen('online_solicitation');
    store.getState().releaseMetadataRequested('public');
    expect(store.getState().releaseMetadata).toEqual({ status: 'loading', tier: 'public' });
    store.getState().releaseMetadataLoaded(publicMetadata);
    expect(store.getState().filters).toEqual({
      period: '2024-Q1',
      category: 'online_solicitation',
      geography: 'h3-7',
    });
  });
});

describe('released counts', () => {
  const first = {
    tier: 'public' as const,
    period: '2024',
    category: 'all' as const,
    geography: 'kecamatan' as const,
  };
  const second = { ...first, period: '2025' };

  it('keeps the previous counts on the map while new ones load, and ignores answers to old requests', () => {
    const store = createAppStore();
    store.getState().releasedCountsRequested(first);
    store.getState().releasedCountsLoaded(first, areas('2024', [12, 0, null]));
    expect(store.getState().releasedCounts.shown?.classes.threshold).toBe(10);

    store.getState().releasedCountsRequested(second);
    expect(store.getState().releasedCounts).toMatchObject({ status: 'loading', request: second });
    expect(store.getState().releasedCounts.shown?.request).toBe(first);

    store.getState().releasedCountsLoaded(first, areas('2024', [50]));
    expect(store.getState().releasedCounts.status).toBe('loading');
    store.getState().releasedCountsLoaded(second, areas('2025', [20, 30]));
    expect(store.getState().releasedCounts).toMatchObject({ status: 'ready', shown: { request: second } });
  });

  it('clears the map after a failure, so no stale counts pass for current ones', () => {
    const store = createAppStore();
    store.getState().releasedCountsRequested(first);
    store.getState().releasedCountsLoaded(first, areas('2024', [12]));
    store.getState().releasedCountsRequested(second);
    store.getState().releasedCountsFailed(second, new Error('offline'));
    expect(store.getState().releasedCounts).toMatchObject({ status: 'failed', shown: null });
    store.getState().releaseRetryRequested();
    expect(store.getState().releaseRetries).toBe(1);
  });
});
