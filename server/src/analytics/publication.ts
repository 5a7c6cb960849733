// Decides which analyses each tier may see: a result is published only if an attacker who knows everything
// the tier's users can see (its release and every less privileged one, and every analysis result offered to
// the tier) still cannot pin any suppressed count, sliver or unlocated part to a number from 1 to k − 1, and
// only if every count it publishes outright is 0 or at least k. The facts of each result (bounds on sums of
// cell counts) join the release audit's linear program; when a target is pinned, the proving result of highest
// withholding priority is withheld and the target re-checked at once. Withholding only widens what the
// attacker must consider, so one pass per year suffices. Tiers are decided from the most privileged down,
// each starting from what the tier above withholds, as releases are.
import type { Tier } from '@titik-rawan/shared';
import { attackOfYear, combinedValue } from '../releases/audit';
import type { ReleaseGeography } from '../releases/geography';
import { isAtLeastAsCoarse } from '../releases/periods';
import { samePolicy, TIER_ORDER, type TierPolicy } from '../releases/policy';
import { findPinnedTargets, loadSolver, type AttackerKnowledge } from '../releases/ranges';
import type { ReleaseSet } from '../releases/release';
import { quantityBounds } from '../releases/suppression';
import {
  buildTierTable,
  buildYearTable,
  quantityKey,
  type CountRow,
  type YearTable,
} from '../releases/table';
import type { AnalysisResult, AnalyticsSet, CountFact, WithheldReason } from './analytics-set';

/** Figures of one tier's decision. */
export interface PublicationStats {
  offered: number;
  withheldByRule: number;
  withheldByAudit: number;
  withheldWithSource: number;
  factsChecked: number;
  factsRedundant: number;
  solves: number;
  milliseconds: number;
}

/** What each tier may not see: keys of withheld results with the reason, and the decision's figures. */
export interface Publication {
  withheld: Readonly<Record<Tier, ReadonlyMap<string, WithheldReason>>>;
  stats: Readonly<Record<Tier, PublicationStats>>;
}

/** Whether a tier's policy allows a result's resolution and period kind. */
function offeredTo(policy: TierPolicy, result: Pick<AnalysisResult, 'requires'>): boolean {
  return (
    result.requires.resolution <= policy.finestResolution &&
    isAtLeastAsCoarse(result.requires.periodKind, policy.finestPeriod)
  );
}

const REASON_AUDIT: WithheldReason = {
  code: 'disclosure',
  message:
    'Published with everything else this access tier sees, this result would let a suppressed count be worked out.',
};
const REASON_RULE: WithheldReason = {
  code: 'threshold',
  message: 'This result would publish a count below the threshold.',
};
const REASON_SOURCE: WithheldReason = {
  code: 'source',
  message: 'The map this result is about is withheld.',
};

function allResults(set: AnalyticsSet): AnalysisResult[] {
  return [...set.hotspots.values(), ...set.emerging.values(), ...set.forecasts.values()];
}

/** Decides, for every tier, which analysis results are withheld. */
export async function decidePublication(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  releases: ReleaseSet,
  analytics: AnalyticsSet,
): Promise<Publication> {
  const highs = await loadSolver();
  const results = allResults(analytics);
  const withheld: Partial<Record<Tier, Map<string, WithheldReason>>> = {};
  const stats: Partial<Record<Tier, PublicationStats>> = {};
  let above: Map<string, WithheldReason> | undefined;
  let abovePolicy: TierPolicy | undefined;
  for (const tier of [...TIER_ORDER].reverse()) {
    const started = performance.now();
    const policy = releases.tiers[tier].policy;
    if (above && abovePolicy && samePolicy(policy, abovePolicy)) {
      // The same policy sees the same release and is offered the same results: the decision above is this one's.
      withheld[tier] = above;
      stats[tier] = { ...(stats[TIER_ORDER[TIER_ORDER.indexOf(tier) + 1] as Tier] as PublicationStats) };
      continue;
    }
    const figures = emptyStats();
    const out = new Map<string, WithheldReason>();
    const offered = results.filter((r) => offeredTo(policy, r));
    figures.offered = offered.length;
    for (const result of offered) {
      const inherited = above?.get(result.key);
      if (result.unreliable) out.set(result.key, result.unreliable);
      else if (inherited) out.set(result.key, inherited);
      else if (result.publishedCounts.some((c) => c >= 1 && c < policy.threshold)) {
        out.set(result.key, REASON_RULE);
        figures.withheldByRule++;
      }
    }
    for (const { yearNumber, year, view, attack } of tierYears(geography, rows, releases, tier)) {
      const owners: AnalysisResult[] = [];
      const facts = yearFacts(geography, year, view, offered, out, yearNumber, owners, figures);
      if (facts.length === 0) continue;
      const knowledge: AttackerKnowledge = { ...attack.knowledge, facts };
      const { pinned, stats: lp } = findPinnedTargets(
        highs,
        knowledge,
        attack.targets,
        undefined,
        (proof) => {
          const chosen = proof.provingOwners
            .map((o) => ({ o, result: owners[o] as AnalysisResult }))
            .sort((a, b) => b.result.withholdPriority - a.result.withholdPriority || b.o - a.o)[0];
          if (!chosen) return undefined;
          out.set(chosen.result.key, REASON_AUDIT);
          figures.withheldByAudit++;
          return chosen.o;
        },
      );
      figures.solves += lp.solves;
      const first = pinned[0];
      if (first) throw new Error(`Analytics: ${first.target.key} is pinned by the release alone`);
    }
    for (const result of offered) {
      if (!out.has(result.key) && result.dependsOn && out.has(result.dependsOn)) {
        out.set(result.key, REASON_SOURCE);
        figures.withheldWithSource++;
      }
    }
    figures.milliseconds = performance.now() - started;
    withheld[tier] = out;
    stats[tier] = figures;
    above = out;
    abovePolicy = policy;
  }
  return {
    withheld: withheld as Record<Tier, Map<string, WithheldReason>>,
    stats: stats as Record<Tier, PublicationStats>,
  };
}

/** Each year of a tier's table with what the tier's users see of it and the attack on the release alone. */
function* tierYears(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  releases: ReleaseSet,
  tier: Tier,
) {
  const own = releases.tiers[tier];
  const visible = TIER_ORDER.slice(0, TIER_ORDER.indexOf(tier) + 1).map((t) => releases.tiers[t]);
  const table = buildTierTable(geography, tier, own.policy, rows, {
    span: releases.span,
    categories: own.categories,
  });
  for (const yearNumber of table.years) {
    const year = buildYearTable(table, yearNumber);
    const view = year.quantities.map((q) => combinedValue(q.key, visible));
    yield { yearNumber, year, view, attack: attackOfYear(year, view, own.policy.threshold) };
  }
}

/** The audit of the published analyses of one tier. */
export interface PublicationAudit {
  tier: Tier;
  /** Results published to the tier. */
  published: number;
  /** Published counts (forecast hits) from 1 to k − 1: must be empty. */
  ruleViolations: string[];
  /** Suppressed values, slivers and unlocated parts an attacker pins with the release and the analyses. */
  pinned: string[];
}

/**
 * Plays the attacker on the published analyses: for each tier, the release it sees together with the facts of
 * every result published to it; nothing may be pinned, and no published count may lie from 1 to k − 1.
 */
export async function auditPublication(
  geography: ReleaseGeography,
  rows: readonly CountRow[],
  releases: ReleaseSet,
  analytics: AnalyticsSet,
  publication: Publication,
  tiers: readonly Tier[] = TIER_ORDER,
): Promise<PublicationAudit[]> {
  const highs = await loadSolver();
  const audits: PublicationAudit[] = [];
  for (const tier of tiers) {
    const policy = releases.tiers[tier].policy;
    const withheld = publication.withheld[tier];
    const published = allResults(analytics).filter((r) => offeredTo(policy, r) && !withheld.has(r.key));
    const audit: PublicationAudit = { tier, published: published.length, ruleViolations: [], pinned: [] };
    for (const result of published) {
      for (const count of result.publishedCounts) {
        if (count >= 1 && count < policy.threshold) audit.ruleViolations.push(`${result.key}: ${count}`);
      }
    }
    for (const { yearNumber, year, view, attack } of tierYears(geography, rows, releases, tier)) {
      const facts = yearFacts(geography, year, view, published, new Map(), yearNumber, [], emptyStats());
      const { pinned } = findPinnedTargets(highs, { ...attack.knowledge, facts }, attack.targets);
      for (const p of pinned) audit.pinned.push(`${p.target.key} = ${p.target.value}`);
    }
    audits.push(audit);
  }
  return audits;
}

function emptyStats(): PublicationStats {
  return {
    offered: 0,
    withheldByRule: 0,
    withheldByAudit: 0,
    withheldWithSource: 0,
    factsChecked: 0,
    factsRedundant: 0,
    solves: 0,
    milliseconds: 0,
  };
}

/**
 * The facts of the offered, not yet withheld results that fall in one year, as forms over the year's variables;
 * a side already implied by the release (bounds propagated through its relations) is dropped, and a fact with
 * both sides implied is left out. `owners` receives the result of each owner index.
 */
function yearFacts(
  geography: ReleaseGeography,
  year: YearTable,
  view: readonly (number | null | undefined)[],
  offered: readonly AnalysisResult[],
  withheld: ReadonlyMap<string, WithheldReason>,
  yearNumber: number,
  owners: AnalysisResult[],
  figures: PublicationStats,
): NonNullable<AttackerKnowledge['facts']> {
  const { low, high } = quantityBounds(year, view);
  const out: { form: Int32Array; lower: number; upper: number; owner: number }[] = [];
  for (const result of offered) {
    if (withheld.has(result.key)) continue;
    let owner = -1;
    for (const fact of result.facts) {
      if (fact.period.year !== yearNumber) continue;
      // Published cells are known exactly: their values move into the bounds, the rest stay unknown.
      let known = 0;
      const parts: number[] = [];
      for (const q of quantitiesOf(geography, year, fact)) {
        const value = view[q];
        if (typeof value === 'number') known += value;
        else parts.push(q);
      }
      let lowSum = known;
      let highSum = known;
      for (const q of parts) {
        lowSum += low[q] ?? 0;
        highSum += high[q] ?? Infinity;
      }
      figures.factsChecked++;
      const lower = fact.lower > lowSum ? fact.lower : -Infinity;
      const upper = fact.upper < highSum ? fact.upper : Infinity;
      if (lower === -Infinity && upper === Infinity) {
        figures.factsRedundant++;
        continue;
      }
      if (owner === -1) {
        owner = owners.length;
        owners.push(result);
      }
      const vars = parts.flatMap((q) => Array.from(year.quantities[q]?.vars ?? []));
      out.push({ form: Int32Array.from(vars).sort(), lower: lower - known, upper: upper - known, owner });
    }
  }
  return out;
}

function quantitiesOf(geography: ReleaseGeography, year: YearTable, fact: CountFact): number[] {
  const cells = geography.cells[fact.resolution];
  return fact.cells.map((i) => {
    const cell = cells[i];
    if (cell === undefined) throw new Error(`Analytics: no cell ${i} at resolution ${fact.resolution}`);
    const key = quantityKey(
      { kind: 'cell', resolution: fact.resolution, cell },
      fact.period.key,
      fact.category,
    );
    const q = year.indexOfKey.get(key);
    if (q === undefined) throw new Error(`Analytics: ${key} is not in the tier's table`);
    return q;
  });
}
