// Builds every tier's release of the demo data and the analyses published with it, and plays the attacker on
// both, printing the figures:
//     pnpm audit:demo
import { generateDemoData } from '@titik-rawan/db/seed/demo.ts';
import { buildAnalytics } from '../analytics/analytics-set';
import { auditPublication, decidePublication } from '../analytics/publication';
import { demoCountRows } from '../demo/demo-counts';
import { auditReleases } from '../releases/audit';
import { loadReleaseGeography } from '../releases/geography';
import { buildReleases } from '../releases/suppression';

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1);

async function main(): Promise<void> {
  const geography = loadReleaseGeography();
  const rows = demoCountRows(geography);
  let started = performance.now();
  const releases = await buildReleases(geography, rows);
  console.log(`releases built in ${seconds(started)} s`);
  for (const release of Object.values(releases.tiers)) {
    console.log(release.tier, JSON.stringify(release.stats));
  }
  started = performance.now();
  const audits = await auditReleases(geography, rows, releases);
  console.log(`audit in ${seconds(started)} s`);
  for (const a of audits) {
    console.log(
      `${a.tier}: ${a.quantities} quantities, ${a.suppressed} suppressed, ${a.suppressedChecked} suppressed and ${a.partsChecked} parts checked, ${a.pinned.length} pinned, ${a.ruleViolations.length} rule violations`,
    );
  }
  const venues = generateDemoData().venues.map((v) => ({ kind: v.kind, lon: v.lonLat[0], lat: v.lonLat[1] }));
  started = performance.now();
  const analytics = buildAnalytics(geography, rows, venues, releases.span);
  console.log(`analyses computed in ${seconds(started)} s`, JSON.stringify(analytics.milliseconds));
  started = performance.now();
  const publication = await decidePublication(geography, rows, releases, analytics);
  console.log(`publication decided in ${seconds(started)} s`);
  for (const [tier, stats] of Object.entries(publication.stats)) console.log(tier, JSON.stringify(stats));
  started = performance.now();
  const checks = await auditPublication(geography, rows, releases, analytics, publication);
  console.log(`analyses audited in ${seconds(started)} s`);
  for (const a of checks) {
    console.log(
      `${a.tier}: ${a.published} results published, ${a.pinned.length} pinned, ${a.ruleViolations.length} rule violations`,
    );
  }
}

await main();
