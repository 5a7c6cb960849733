// What the task force's planning endpoints share: who may use them, the period they work on, and the published
// figures of each cell they weigh (relative risk, hot spot confidence, emerging class) — only what the tier
// already sees, so a plan gives nothing more away.
import type { EmergingClass, H3Index, Tier } from '@titik-rawan/shared';
import { trendLevel } from '@titik-rawan/shared/outreach';
import { emergingKey, hotspotKey, riskKey } from '../analytics/analytics-set';
import { ApiError } from '../http/errors';
import { cellCentre, type CellResolution, type ReleaseGeography } from '../releases/geography';
import type { Period } from '../releases/periods';
import { checkPeriodKind } from '../releases/policy';
import type { CurrentRelease } from '../releases/release-store';
import type { TierRelease } from '../releases/release';
import { analysedOf, notComputed, withheldFor } from '../routes/analytics';

/** Throws 400 unless the period is a year or a quarter (planning looks further ahead than a month). */
export function requireYearOrQuarter(period: Period, what: string): void {
  if (period.kind === 'month') {
    throw new ApiError(
      400,
      'invalid_parameter',
      `query parameter "period": ${what} uses a year or a quarter`,
    );
  }
}

/**
 * Whether an emerging class makes a cell worth a patrol: a hot spot that is new or has grown or lasted (new,
 * intensifying, consecutive, persistent) — the two highest levels of the outreach score's trend scale.
 */
const isPressing = (cls: EmergingClass): boolean => trendLevel(cls) >= 3;

/** The published figures of one cell. */
export interface CellFigures {
  readonly cell: H3Index;
  readonly lon: number;
  readonly lat: number;
  /** Relative risk from the risk terrain (1 = the city's average). */
  readonly risk: number;
  /** Gi* bin, −3…3; 0 where the tier's hot spot map is withheld. */
  readonly bin: number;
  /** Emerging class by quarter, or null where not published to the tier. */
  readonly emerging: EmergingClass | null;
  /** Whether the class is pressing ({@link isPressing}). */
  readonly pressing: boolean;
}

/** Hot spot confidence of a published Gi* bin 1, 2, 3, else null. */
export function hotConfidence(bin: number): 90 | 95 | 99 | null {
  return bin === 3 ? 99 : bin === 2 ? 95 : bin === 1 ? 90 : null;
}

/**
 * Every cell of a resolution with the figures published to the tier for a period and category: the risk terrain
 * (always published), the hot spot bins and the emerging classes by quarter (where the tier may see them); and
 * whether the tier's hot spot map is withheld (then every bin is 0).
 */
export function publishedCellFigures(request: {
  current: CurrentRelease;
  release: TierRelease;
  tier: Tier;
  geography: ReleaseGeography;
  resolution: CellResolution;
  period: Period;
  category: string;
}): { cells: CellFigures[]; hotSpotsWithheld: boolean } {
  const { current, release, tier, resolution, period, category } = request;
  const { analytics, publication } = analysedOf(current);
  const risk = analytics.risk.get(riskKey(resolution, period.key, category));
  const hot = analytics.hotspots.get(hotspotKey(resolution, period.key, category));
  if (!risk || !hot) throw notComputed(`the risk terrain and hot spots of ${period.key}`);
  const binsPublished = !withheldFor(publication, tier, hot.key).withheld;
  const emerging = checkPeriodKind(release.policy, 'quarter', 'step')
    ? null
    : (analytics.emerging.get(emergingKey(resolution, 'quarter', category)) ?? null);
  const classesPublished = emerging !== null && !withheldFor(publication, tier, emerging.key).withheld;
  const cells = request.geography.cells[resolution].map((cell, i) => {
    const [lon, lat] = cellCentre(cell);
    const cls = classesPublished ? (emerging.classes[i] ?? null) : null;
    return {
      cell,
      lon,
      lat,
      risk: risk.scores[i] ?? 1,
      bin: binsPublished ? (hot.bins[i] ?? 0) : 0,
      emerging: cls,
      pressing: cls !== null && isPressing(cls),
    };
  });
  return { cells, hotSpotsWithheld: !binsPublished };
}
