// The release policy: for each access tier, the threshold k, the finest H3 resolution and the finest period
// it may see. This is the one place to change them; the README documents the defaults.
import { TIERS, type Tier } from '@titik-rawan/shared';
import { CELL_RESOLUTIONS, type CellResolution } from './geography';
import {
  PERIOD_KINDS,
  isAtLeastAsCoarse,
  monthsOfPeriod,
  parsePeriod,
  type DataSpan,
  type Period,
  type PeriodKind,
} from './periods';

/** What one tier may see. */
export interface TierPolicy {
  /** Threshold k: a true count from 1 to k − 1 is never published. */
  threshold: number;
  /** Finest published H3 resolution; coarser ones (down to 7) are published too. */
  finestResolution: CellResolution;
  /** Finest published period kind; coarser kinds are published too. */
  finestPeriod: PeriodKind;
}

/** The policy of every tier. */
export type ReleasePolicy = Readonly<Record<Tier, TierPolicy>>;

/** Safe defaults: public k = 10 at resolution 7 and quarters; ngo k = 5; satgas and admin k = 3, res 8, months. */
export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  public: { threshold: 10, finestResolution: 7, finestPeriod: 'quarter' },
  ngo: { threshold: 5, finestResolution: 8, finestPeriod: 'month' },
  satgas: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
  admin: { threshold: 3, finestResolution: 8, finestPeriod: 'month' },
};

/** Tiers from the least to the most privileged; each tier's users can also see every tier before it. */
export const TIER_ORDER: readonly Tier[] = TIERS;

/** Whether two tiers' policies are the same (then so are their releases). */
export function samePolicy(a: TierPolicy, b: TierPolicy): boolean {
  return (
    a.threshold === b.threshold &&
    a.finestResolution === b.finestResolution &&
    a.finestPeriod === b.finestPeriod
  );
}

/** H3 resolutions a tier may see, coarsest first. */
export function resolutionsOf(policy: TierPolicy): CellResolution[] {
  return CELL_RESOLUTIONS.filter((r) => r <= policy.finestResolution);
}

/** Period kinds a tier may see, finest first. */
export function periodKindsOf(policy: TierPolicy): PeriodKind[] {
  return PERIOD_KINDS.filter((kind) => isAtLeastAsCoarse(kind, policy.finestPeriod));
}

/**
 * Checks that a policy is safe to release under: thresholds at least 2, and each more privileged tier with a
 * threshold no higher and a view no coarser than the tier before it (so a tier's release nests in the next one's).
 */
export function validatePolicy(policy: ReleasePolicy): void {
  TIER_ORDER.forEach((tier, index) => {
    const current = policy[tier];
    if (!Number.isInteger(current.threshold) || current.threshold < 2) {
      throw new Error(`Release policy: tier ${tier} needs an integer threshold of at least 2`);
    }
    const previousTier = TIER_ORDER[index - 1];
    if (previousTier === undefined) return;
    const previous = policy[previousTier];
    if (
      current.threshold > previous.threshold ||
      current.finestResolution < previous.finestResolution ||
      !isAtLeastAsCoarse(previous.finestPeriod, current.finestPeriod)
    ) {
      throw new Error(`Release policy: tier ${tier} must see at least what tier ${previousTier} sees`);
    }
  });
}

/** Why a request for a period or resolution is refused: a bad parameter (400), beyond the tier (403), or no data (404). */
export interface AccessRefusal {
  status: 400 | 403 | 404;
  parameter: 'period' | 'resolution' | 'step' | 'place';
  message: string;
}

/**
 * Why a tier may not see periods of a kind (403 naming the parameter that asked for it), or null when it may.
 */
export function checkPeriodKind(
  policy: TierPolicy,
  kind: PeriodKind,
  parameter: 'period' | 'step',
): AccessRefusal | null {
  if (isAtLeastAsCoarse(kind, policy.finestPeriod)) return null;
  return {
    status: 403,
    parameter,
    message: `this access tier may see periods no finer than a ${policy.finestPeriod}`,
  };
}

/** Parses and checks a requested period for a tier: the period, or why it is refused. */
export function checkPeriod(policy: TierPolicy, text: string, span: DataSpan | null): Period | AccessRefusal {
  const period = parsePeriod(text);
  if (!period) {
    return { status: 400, parameter: 'period', message: 'period must be YYYY, YYYY-Qn (n = 1–4) or YYYY-MM' };
  }
  const tooFine = checkPeriodKind(policy, period.kind, 'period');
  if (tooFine) return tooFine;
  if (!span || monthsOfPeriod(period, span).length === 0) {
    return {
      status: 404,
      parameter: 'period',
      message: span ? `data covers ${span.first} to ${span.last}` : 'there is no data yet',
    };
  }
  return period;
}

/** Parses and checks a requested H3 resolution for a tier: the resolution, or why it is refused. */
export function checkResolution(policy: TierPolicy, text: string): CellResolution | AccessRefusal {
  const resolution = Number(text);
  if (!CELL_RESOLUTIONS.some((r) => r === resolution) || !/^\d+$/.test(text)) {
    return { status: 400, parameter: 'resolution', message: 'resolution must be 7 or 8' };
  }
  if (resolution > policy.finestResolution) {
    return {
      status: 403,
      parameter: 'resolution',
      message: `this access tier may see H3 resolution ${policy.finestResolution} or coarser`,
    };
  }
  return resolution as CellResolution;
}
