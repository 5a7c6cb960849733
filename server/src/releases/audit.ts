// The attacker: gathers everything a tier (and every less privileged tier, whose releases its users also see)
// can get, knows that counts are whole numbers and that every suppressed value is at least 1 (zeros are always
// shown), and computes by linear programming the feasible range of every suppressed value and every sliver and
// unlocated part; a range holding no whole number but its true one from 1 to k − 1 is a disclosure.
import type { Tier } from '@titik-rawan/shared';
import type { ReleaseGeography } from './geography';
import { TIER_ORDER } from './policy';
import {
  findPinnedTargets,
  loadSolver,
  type AttackerKnowledge,
  type RangeStats,
  type Target,
} from './ranges';
import type { ReleaseSet, TierRelease } from './release';
import { buildTierTable, buildYearTable, type CountRow, type YearTable } from './table';

/** What an attacker knows about one year and what must stay hidden, from a view of published values. */
export interface YearAttack {
  knowledge: AttackerKnowledge;
  /** Quantity index (in the year table) of each equality of the knowledge. */
  equalityQuantities: number[];
  targets: Target[];
  /** How many targets are suppressed values (the rest are slivers and unlocated parts). */
  suppressedTargets: number;
}

/**
 * The attack on one year: published values (`view[i]` a number) are equalities over non-negative variables,
 * suppressed values (`null`) are at least 1 (zeros are always shown), and the targets are suppressed values and
 * protected parts with a true value in 1…k−1.
 */
export function attackOfYear(
  year: YearTable,
  view: readonly (number | null | undefined)[],
  threshold: number,
): YearAttack {
  const equalities: { form: Int32Array; value: number }[] = [];
  const atLeastOne: Int32Array[] = [];
  const equalityQuantities: number[] = [];
  const targets: Target[] = [];
  let total = 0;
  for (const count of year.truth) total += count;
  year.quantities.forEach((quantity, index) => {
    const value = view[index];
    if (value === undefined) return;
    if (value === null) {
      atLeastOne.push(quantity.vars);
      if (quantity.value >= 1 && quantity.value < threshold) {
        targets.push({ key: quantity.key, form: quantity.vars, value: quantity.value });
      }
    } else {
      equalities.push({ form: quantity.vars, value });
      equalityQuantities.push(index);
    }
  });
  const suppressedTargets = targets.length;
  for (const part of year.protectedParts) targets.push({ key: part.key, form: part.vars, value: part.value });
  return {
    knowledge: { varCount: year.varCount, equalities, atLeastOne, truth: year.truth, upperBound: total + 1 },
    equalityQuantities,
    targets,
    suppressedTargets,
  };
}

/** One value an attacker can pin: the quantity or part, and the number it is pinned to. */
export interface AuditFinding {
  tier: Tier;
  key: string;
  value: number;
}

/** The audit of one tier's release. */
export interface TierAudit {
  tier: Tier;
  threshold: number;
  /** Quantities checked for being the true sum and for the threshold rule. */
  quantities: number;
  suppressed: number;
  /** Suppressed values with a true value from 1 to k − 1 whose range was computed. */
  suppressedChecked: number;
  /** Slivers and unlocated parts with a true value from 1 to k − 1 whose range was computed. */
  partsChecked: number;
  /** Published values that differ from the true sum or lie in 1…k−1, and quantities missing from the release. */
  ruleViolations: string[];
  /** Values pinned to a number from 1 to k − 1: must be empty. */
  pinned: AuditFinding[];
  /** LP figures per year. */
  lp: (RangeStats & { year: number })[];
}

/**
 * Plays the attacker on every tier of a release set: each tier's release is combined with the releases of every
 * less privileged tier, checked against the true counts, and every suppressed value, sliver and unlocated part
 * with a true value from 1 to k − 1 gets its feasible range computed.
 */
export async function auditReleases(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  releases: ReleaseSet,
): Promise<TierAudit[]> {
  const highs = await loadSolver();
  const audits: TierAudit[] = [];
  TIER_ORDER.forEach((tier, index) => {
    const visible = TIER_ORDER.slice(0, index + 1).map((t) => releases.tiers[t]);
    const own = releases.tiers[tier];
    const table = buildTierTable(geography, tier, own.policy, rows, {
      span: releases.span,
      categories: own.categories,
    });
    const audit: TierAudit = {
      tier,
      threshold: own.policy.threshold,
      quantities: 0,
      suppressed: 0,
      suppressedChecked: 0,
      partsChecked: 0,
      ruleViolations: [],
      pinned: [],
      lp: [],
    };
    for (const yearNumber of table.years) {
      const year = buildYearTable(table, yearNumber);
      const view = year.quantities.map((q) => combinedValue(q.key, visible));
      year.quantities.forEach((quantity, i) => {
        audit.quantities++;
        const ownValue = own.values.get(quantity.key);
        if (ownValue === undefined) audit.ruleViolations.push(`${quantity.key}: missing from the release`);
        else if (ownValue === null) {
          audit.suppressed++;
          if (quantity.value === 0) audit.ruleViolations.push(`${quantity.key}: a zero is suppressed`);
        } else if (ownValue !== quantity.value)
          audit.ruleViolations.push(`${quantity.key}: not the true sum`);
        else if (ownValue >= 1 && ownValue < own.policy.threshold) {
          audit.ruleViolations.push(`${quantity.key}: ${ownValue} is below the threshold`);
        }
        const seen = view[i];
        if (seen !== null && seen !== undefined && seen !== quantity.value) {
          audit.ruleViolations.push(`${quantity.key}: a visible release gives ${seen}, not the true sum`);
        }
      });
      const attack = attackOfYear(year, view, own.policy.threshold);
      const { pinned, stats } = findPinnedTargets(highs, attack.knowledge, attack.targets);
      audit.suppressedChecked += attack.suppressedTargets;
      audit.partsChecked += attack.targets.length - attack.suppressedTargets;
      audit.lp.push({ year: yearNumber, ...stats });
      for (const p of pinned) audit.pinned.push({ tier, key: p.target.key, value: p.target.value });
    }
    audits.push(audit);
  });
  return audits;
}

/** What the users of a tier see of a quantity across the visible releases: a value if any publishes it. */
export function combinedValue(key: string, visible: readonly TierRelease[]): number | null | undefined {
  let seen: number | null | undefined = undefined;
  for (const release of visible) {
    const value = release.values.get(key);
    if (typeof value === 'number') return value;
    if (value === null) seen = null;
  }
  return seen;
}
