// Builds every tier's release of the demo data and plays the attacker on it, printing the audit's figures:
//     pnpm audit:demo
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
}

await main();
