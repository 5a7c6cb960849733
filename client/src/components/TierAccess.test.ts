import { describe, expect, it } from 'vitest';
import type { ReleaseMetadata, Tier } from '../api/types.ts';
import { translate } from '../i18n/index.ts';
import { restrictionsOf } from './TierAccess.tsx';

const policy: ReleaseMetadata['policy'] = {
  public: { threshold: 10, finestResolution: 7, finestPeriod: 'quarter' },
  ngo: { threshold: 5, finestResolution: 8, finestPeriod: 'month' },
  satgas: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
  admin: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
};

function metadata(tier: Tier): ReleaseMetadata {
  return {
    tier,
    synthetic: true,
    policy,
    span: { first: '2024-01', last: '2025-12' },
    categories: ['all'],
    levels: ['kota'],
    resolutions: [7],
    periods: ['2025'],
    version: '1',
    updating: false,
    notes: [],
  };
}

describe('restrictionsOf', () => {
  const t = translate('en');

  it('tells the public what each signed-in tier may see beyond it', () => {
    expect(restrictionsOf(metadata('public'), t, 'en')).toEqual([
      'H3 cells, resolution 8 (≈ 0.7 km²) (for NGO, Task force, Admin)',
      'Figures by month (for NGO, Task force, Admin)',
      'Counts from 3 up (for NGO, Task force, Admin)',
      'Venues and interventions (for NGO, Task force, Admin)',
      'CCTV positions (for Task force, Admin)',
    ]);
  });

  it('tells an NGO account only what the task force sees beyond it', () => {
    expect(restrictionsOf(metadata('ngo'), t, 'en')).toEqual([
      'Counts from 3 up (for Task force, Admin)',
      'CCTV positions (for Task force, Admin)',
    ]);
  });

  it('has nothing to tell the task force', () => {
    expect(restrictionsOf(metadata('satgas'), t, 'en')).toEqual([]);
  });
});
