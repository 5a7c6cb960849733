// A decided release: every quantity one tier can get, with its published value or `null` when suppressed, and
// the lookups that turn it into what the endpoints serve. Nothing here decides anything.
import type { H3Index, Tier } from '@titik-rawan/shared';
import type { CellResolution, ReleaseGeography } from './geography';
import type { DataSpan } from './periods';
import type { ReleasePolicy, TierPolicy } from './policy';
import { quantityKey, type GeoUnit } from './table';

/** Figures about how one tier's release was decided. */
export interface TierReleaseStats {
  /** Quantities the tier can get (every cell, area, period and category). */
  quantities: number;
  /**
   * Quantities whose decision comes from the next more privileged tier's release: suppressed there, or every one
   * when that tier has the same policy and its release is this tier's too.
   */
  inherited: number;
  /** Suppressed because the true count is from 1 to k − 1. */
  primary: number;
  /** Suppressed by the cheap pass, which propagates bounds through the additive relations. */
  complementaryCheap: number;
  /** Suppressed after the exact check by linear programming found something pinned. */
  complementaryExact: number;
  /** LP solves over all rounds and years. */
  solves: number;
  /** Largest LP of any round: variables and constraints after eliminating published zeros. */
  largestLp: { variables: number; constraints: number };
  /** Wall-clock time to decide the tier's release. */
  milliseconds: number;
}

/** One tier's release, decided once for a data set. */
export interface TierRelease {
  tier: Tier;
  policy: TierPolicy;
  span: DataSpan | null;
  categories: readonly string[];
  /** Published value of every quantity key (`geo|period|category`); `null` when suppressed. */
  values: ReadonlyMap<string, number | null>;
  stats: TierReleaseStats;
}

/** Every tier's release of one data set. */
export interface ReleaseSet {
  policy: ReleasePolicy;
  span: DataSpan | null;
  tiers: Readonly<Record<Tier, TierRelease>>;
}

/** A published count: the integer, or null with `suppressed: true`. */
export interface ReleasedCount {
  count: number | null;
  suppressed: boolean;
}

function released(release: TierRelease, key: string): ReleasedCount | undefined {
  if (!release.values.has(key)) return undefined;
  const count = release.values.get(key) ?? null;
  return { count, suppressed: count === null };
}

/**
 * Counts of every H3 cell of a resolution for a period (`YYYY`, `YYYY-Qn`, `YYYY-MM`) and category (or `all`),
 * in cell order; null when the release does not contain that combination (check the parameters first).
 */
export function releaseCells(
  release: TierRelease,
  geography: ReleaseGeography,
  resolution: CellResolution,
  period: string,
  category: string,
): ({ cell: H3Index } & ReleasedCount)[] | null {
  const out: ({ cell: H3Index } & ReleasedCount)[] = [];
  for (const cell of geography.cells[resolution]) {
    const value = released(release, quantityKey({ kind: 'cell', resolution, cell }, period, category));
    if (!value) return null;
    out.push({ cell, ...value });
  }
  return out;
}

/** Counts of every area of a level for a period and category, in code order; null when not in the release. */
export function releaseAreas(
  release: TierRelease,
  geography: ReleaseGeography,
  level: 'kota' | 'kecamatan' | 'kelurahan',
  period: string,
  category: string,
): ({ code: string; name: string } & ReleasedCount)[] | null {
  const areas =
    level === 'kota' ? [geography.kota] : level === 'kecamatan' ? geography.kecamatan : geography.kelurahan;
  const out: ({ code: string; name: string } & ReleasedCount)[] = [];
  for (const area of areas) {
    const value = released(release, quantityKey({ kind: 'area', level, code: area.code }, period, category));
    if (!value) return null;
    out.push({ code: area.code, name: area.name, ...value });
  }
  return out;
}

/**
 * Counts of one cell or area for each of the given periods and a category, in the order given; null when the
 * release does not contain one of them (check the parameters first).
 */
export function releaseSeries(
  release: TierRelease,
  geo: GeoUnit,
  periods: readonly string[],
  category: string,
): ({ period: string } & ReleasedCount)[] | null {
  const out: ({ period: string } & ReleasedCount)[] = [];
  for (const period of periods) {
    const value = released(release, quantityKey(geo, period, category));
    if (!value) return null;
    out.push({ period, ...value });
  }
  return out;
}

/** The `release` metadata object of a response, as CONTRACT.md names it. */
export function releaseMetadata(
  release: TierRelease,
  period: string,
  category: string,
  synthetic: boolean,
): { tier: Tier; period: string; category: string; threshold: number; synthetic: boolean } {
  return { tier: release.tier, period, category, threshold: release.policy.threshold, synthetic };
}
