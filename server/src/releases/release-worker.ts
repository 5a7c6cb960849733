// Worker-thread entry that decides releases, then the analyses published with them: the linear programs take
// seconds to minutes, and in the main thread they would stop the API from answering (health checks included)
// meanwhile. The release is posted as soon as it is decided, the analyses when they are; both are kept on disk
// (decision-cache.ts) and read back when the same data come again, and so is each year of each tier's release.
import { parentPort, workerData } from 'node:worker_threads';
import { buildAnalytics, type AnalyticsOptions, type RiskVenue } from '../analytics/analytics-set';
import { decidePublication } from '../analytics/publication';
import { decisionKey, readDecision, writeDecision } from './decision-cache';
import { loadReleaseGeography } from './geography';
import type { ReleaseSet } from './release';
import { buildReleases, type KeptYears, type YearDecision } from './suppression';
import type { CountRow } from './table';
import type { Analysed } from './build-in-worker';

const { rows, venues, options } = workerData as {
  rows: CountRow[];
  venues: RiskVenue[];
  options: AnalyticsOptions;
};

/** Year decisions kept beside the whole ones: a new import re-decides only the years it touches. */
const keptYears: KeptYears = {
  read: (key) => readDecision<YearDecision>('year', key),
  write: (key, decision) => writeDecision('year', key, decision),
};

async function decide(): Promise<void> {
  const geography = loadReleaseGeography();
  const releaseKey = decisionKey(rows);
  let set = readDecision<ReleaseSet>('release', releaseKey);
  if (!set) {
    set = await buildReleases(geography, rows, { keptYears });
    writeDecision('release', releaseKey, set);
  }
  parentPort?.postMessage({ kind: 'release', set });
  const analysedKey = decisionKey(rows, venues, [options]);
  let analysed = readDecision<Analysed>('analysed', analysedKey);
  if (!analysed) {
    const analytics = buildAnalytics(geography, rows, venues, set.span, options);
    const publication = await decidePublication(geography, rows, set, analytics);
    analysed = { analytics, publication };
    writeDecision('analysed', analysedKey, analysed);
  }
  parentPort?.postMessage({ kind: 'analysed', analysed });
}

decide().catch((error: unknown) =>
  parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
);
