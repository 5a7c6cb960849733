/** Release metadata as the server answers it for each tier, for the client's unit tests. */
import { INCIDENT_CATEGORIES } from '@titik-rawan/shared';
import type { ReleaseMetadata, Tier } from '../api/types.ts';

const policy = {
  public: { threshold: 10, finestResolution: 7, finestPeriod: 'quarter' as const },
  ngo: { threshold: 5, finestResolution: 8, finestPeriod: 'month' as const },
  satgas: { threshold: 3, finestResolution: 8, finestPeriod: 'month' as const },
  admin: { threshold: 3, finestResolution: 8, finestPeriod: 'month' as const },
};

/** The metadata of `tier`: years, a quarter, and a month for the tiers that may see months. */
export function releaseMetadataFixture(tier: Tier): ReleaseMetadata {
  const fine = tier !== 'public';
  return {
    tier,
    synthetic: true,
    policy,
    span: { first: '2023-11', last: '2026-10' },
    categories: ['all', ...INCIDENT_CATEGORIES],
    levels: ['kota', 'kecamatan', 'kelurahan'],
    resolutions: fine ? [7, 8] : [7],
    periods: ['2024', '2025', '2024-Q2', ...(fine ? ['2024-05'] : [])],
    version: '1',
    updating: false,
    notes: [],
  };
}
