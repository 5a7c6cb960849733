// Benchmarks the banner and CCTV placement optimiser (maximal covering, greedy) in memory:
//     pnpm bench:planning
// Demand: every resolution-8 cell of East Jakarta weighted by the demo incidents in it (+1, so quiet cells
// count a little); candidates: the hotels, guest houses and kost of the demo venues (5,000 in all) and of
// 100,000 generated venues; existing sites: the demo banners. Prints, for p = 10 and 50 sites and coverage
// distances of 300 and 500 m, the time to find what each candidate covers, the greedy time and the share of
// demand covered. Writes bench-results/planning.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDemoGenerator } from '@titik-rawan/db/seed/demo.ts';
import type { H3Index, KelurahanCode, VenueKind } from '@titik-rawan/shared';
import { REPO_ROOT } from '../config';
import { cellCentre, loadReleaseGeography, parentCell, placeIncident } from '../releases/geography';
import { coverageSets, coverGreedily, type CoveringProblem } from '../planning/covering';

const RESULTS_FILE = path.join(REPO_ROOT, 'bench-results', 'planning.json');
const VENUE_COUNTS = [5_000, 100_000];
const SITES = [10, 50];
const COVERAGE_M = [300, 500];
const PLACEMENT_KINDS: readonly VenueKind[] = ['hotel', 'guest_house', 'kost'];
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const geography = loadReleaseGeography();
const rows: Array<Record<string, number>> = [];
for (const venueCount of VENUE_COUNTS) {
  const demo = createDemoGenerator({ venueCount });
  const weights = new Map<H3Index, number>(geography.cells[8].map((cell) => [cell, 1]));
  for (const chunk of demo.incidentChunks()) {
    for (const incident of chunk) {
      const place = placeIncident(geography, incident.lonLat, incident.kelurahanCode as KelurahanCode);
      const base = 'baseCell' in place ? place.baseCell : null;
      if (!base) continue;
      const cell = parentCell(base, 8);
      weights.set(cell, (weights.get(cell) ?? 1) + 1);
    }
  }
  const demand = [...weights].map(([cell, weight]) => {
    const [lon, lat] = cellCentre(cell as H3Index);
    return { lat, lon, weight };
  });
  const candidates = demo.venues
    .filter((venue) => PLACEMENT_KINDS.includes(venue.kind))
    .map((venue) => ({ lon: venue.lonLat[0], lat: venue.lonLat[1] }));
  const existing = demo.interventions
    .filter((intervention) => intervention.kind === 'banner' && intervention.lonLat)
    .map((intervention) => ({ lon: intervention.lonLat?.[0] ?? 0, lat: intervention.lonLat?.[1] ?? 0 }));
  for (const coverageM of COVERAGE_M) {
    for (const sites of SITES) {
      const problem: CoveringProblem = { demand, candidates, existing, coverageM, sites };
      const setTimes: number[] = [];
      const greedyTimes: number[] = [];
      let share = 0;
      for (let run = 0; run < RUNS; run++) {
        const sets = timed(() => coverageSets(problem));
        const plan = timed(() => coverGreedily(problem, sets.result));
        setTimes.push(sets.ms);
        greedyTimes.push(plan.ms);
        share = plan.result.coveredWeight / plan.result.totalWeight;
      }
      rows.push({
        venues: venueCount,
        candidates: candidates.length,
        demandCells: demand.length,
        coverageM,
        sites,
        coverageSetsMs: median(setTimes),
        greedyMs: median(greedyTimes),
        coveredShare: share,
      });
    }
  }
}

console.log('venues   candidates  demand cells  S (m)  p   coverage sets ms  greedy ms  demand covered');
for (const row of rows) {
  console.log(
    [
      String(row.venues).padStart(7),
      String(row.candidates).padStart(11),
      String(row.demandCells).padStart(13),
      String(row.coverageM).padStart(6),
      String(row.sites).padStart(3),
      (row.coverageSetsMs ?? 0).toFixed(1).padStart(17),
      (row.greedyMs ?? 0).toFixed(1).padStart(10),
      `${((row.coveredShare ?? 0) * 100).toFixed(1)} %`.padStart(15),
    ].join(' '),
  );
}
await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
await writeFile(
  RESULTS_FILE,
  JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, rows }, null, 2),
);
console.log(`wrote ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
