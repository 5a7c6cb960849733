import { describe, expect, it } from 'vitest';
import type { ReleasedAreaCollection } from '../api/types.ts';
import { countClasses } from '../map/layers/releases.ts';
import { formatJakartaDateTime, mapCaption, type CaptionSource } from './mapImage.ts';

const collection: ReleasedAreaCollection = {
  type: 'FeatureCollection',
  release: { tier: 'ngo', period: '2024-Q2', category: 'csam', threshold: 5, synthetic: true },
  features: [],
};

function source(language: 'id' | 'en', synthetic = true): CaptionSource {
  const shown = {
    request: { tier: 'ngo', period: '2024-Q2', category: 'csam', geography: 'kecamatan' },
    collection: { ...collection, release: { ...collection.release, synthetic } },
    classes: countClasses(collection),
  } as const;
  return {
    language,
    mapLayers: ['risk', 'hotspots'],
    releasedCounts: { status: 'ready', request: shown.request, error: null, shown },
  };
}

describe('mapCaption', () => {
  it('names the period, category, geography, layers, tier and the synthetic data in the language', () => {
    const caption = mapCaption(source('en'));
    expect(caption?.title).toContain('Titik Rawan');
    expect(caption?.lines).toEqual([
      expect.stringMatching(/^Period: Q2 2024 · Category: .*CSAM.* · Geography: Kecamatan/),
      expect.stringMatching(/^Layers: Risk terrain.*, Hot spots \(Gi\*\)$/),
      'Access tier: NGO (k = 5)',
    ]);
    expect(caption?.synthetic).toMatch(/^Synthetic data: /);
    expect(mapCaption(source('id'))?.lines[0]).toMatch(/^Periode: Triwulan 2 2024/);
  });

  it('has no synthetic marker for real data and no caption without counts', () => {
    expect(mapCaption(source('en', false))?.synthetic).toBeNull();
    const empty = {
      ...source('en'),
      releasedCounts: { status: 'idle', request: null, error: null, shown: null },
    };
    expect(mapCaption(empty as CaptionSource)).toBeNull();
  });
});

describe('formatJakartaDateTime', () => {
  it('writes the moment in Asia/Jakarta time (UTC+7), whatever the machine zone', () => {
    const moment = new Date(Date.UTC(2026, 10, 28, 20, 15));
    expect(formatJakartaDateTime(moment, 'id')).toMatch(/29 November 2026.*03[.:]15/);
    expect(formatJakartaDateTime(moment, 'en')).toMatch(/29 November 2026.*03:15/);
  });
});
