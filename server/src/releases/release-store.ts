import type { Sql } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import { loadReleaseGeography, type ReleaseGeography } from './geography';
import { incidentsVersion, readAtOneVersion, readIncidentCounts } from './incident-counts';
import { DEFAULT_ANALYTICS_OPTIONS, type AnalyticsOptions, type RiskVenue } from '../analytics/analytics-set';
import type { ReleaseSet } from './release';
import { decideInWorker, type Analysed } from './build-in-worker';
import { readTimeProfiles, type ProfileCounts } from '../planning/time-profile';
import { AnswerCache } from '../http/answer-cache';

/** The analyses of a release: null until decided (they take longer than the release), or why they failed. */
export interface AnalysisState {
  analysed: Analysed | null;
  failed: string | null;
  /** Settles when the analyses are decided. */
  ready: Promise<Analysed>;
}

/** One decided release of the data as they are at a data version. */
export interface CurrentRelease {
  /** The incidents data version the release was decided for. */
  version: string;
  /** Whether the data have changed since and a newer release is being decided. */
  updating: boolean;
  set: ReleaseSet;
  /** The analyses of the same data and their publication, decided after the release. */
  analysis: AnalysisState;
  /** Whether the data are the synthetic demo set. */
  synthetic: boolean;
  /** Incidents by year, day of the week and time band (true counts, for the patrol briefing's protected profile). */
  timeProfiles: ReadonlyMap<number, ProfileCounts>;
  /** How long deciding it took, in milliseconds. */
  buildMilliseconds: number;
}

/** Raised when the very first release is still being decided after the store's wait for it. */
export class ReleasePending extends Error {
  constructor(waitedMs: number) {
    super(`the first release is still being decided after ${waitedMs} ms`);
    this.name = 'ReleasePending';
  }
}

/**
 * Decides every tier's release once per data version and keeps it: all requests of a version, in any
 * order and on any endpoint, see the same suppression decisions. A write to incidents changes the
 * version; the next request (or {@link ReleaseStore.refresh}) starts deciding the new release, and until it
 * is decided requests are answered from the last decided one (`updating` true), which was made safe for the
 * data it was decided on, so a new import never makes the map wait. Only the first release is waited for, and
 * only for `firstReleaseWaitMs`: a large data set can take many minutes to decide.
 */
export class ReleaseStore {
  readonly geography: ReleaseGeography;
  /** The answers built from its releases, kept per data version, tier and URL (http/answer-cache.ts). */
  readonly answers = new AnswerCache();
  private current: { version: string; release: Promise<CurrentRelease> } | null = null;
  /** The last release decided, served while a newer one is decided. */
  private decided: CurrentRelease | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly analyticsOptions: AnalyticsOptions = DEFAULT_ANALYTICS_OPTIONS,
    private readonly firstReleaseWaitMs: number,
  ) {
    this.geography = loadReleaseGeography();
  }

  /**
   * The release to answer with: that of the current data version once decided, else the last one decided
   * (marked `updating`) while the current one is; the first release of all is waited for up to
   * `firstReleaseWaitMs`, then {@link ReleasePending} is thrown.
   */
  async release(): Promise<CurrentRelease> {
    const latest = this.deciding(await incidentsVersion(this.sql));
    if (this.decided && this.decided.version !== latest.version) return { ...this.decided, updating: true };
    if (this.decided) return latest.release;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ReleasePending(this.firstReleaseWaitMs)), this.firstReleaseWaitMs);
    });
    return Promise.race([latest.release, waited]).finally(() => clearTimeout(timer));
  }

  /** The release of the current data version, waiting until it is decided (at start and after imports). */
  async refresh(): Promise<CurrentRelease> {
    return this.deciding(await incidentsVersion(this.sql)).release;
  }

  /** The decision of a data version, started unless it already is. */
  private deciding(version: string): { version: string; release: Promise<CurrentRelease> } {
    if (this.current?.version === version) return this.current;
    const release = this.decide(version);
    const current = { version, release };
    this.current = current;
    release.then(
      (decided) => {
        // Data that changed while they were read are read again: the decision is then that of the newer version.
        if (this.current === current && decided.version !== version) {
          this.current = { version: decided.version, release };
        }
        // Versions count writes, so a later one is newer.
        if (!this.decided || BigInt(decided.version) > BigInt(this.decided.version)) this.decided = decided;
      },
      // A failed decision is not kept: the next request tries again.
      () => {
        if (this.current === current) this.current = null;
      },
    );
    return current;
  }

  private async decide(expectedVersion: string): Promise<CurrentRelease> {
    const started = performance.now();
    const { version, data } = await readAtOneVersion(this.sql, expectedVersion, async () => ({
      rows: await readIncidentCounts(this.sql, this.geography),
      timeProfiles: await readTimeProfiles(this.sql),
    }));
    const { rows, timeProfiles } = data;
    const venues = await readRiskVenues(this.sql);
    const deciding = decideInWorker(rows, venues, this.analyticsOptions);
    const analysis: AnalysisState = { analysed: null, failed: null, ready: deciding.analysed };
    deciding.analysed.then(
      (analysed) => {
        analysis.analysed = analysed;
      },
      (error: unknown) => {
        console.error(error);
        analysis.failed = error instanceof Error ? error.message : String(error);
      },
    );
    const set = await deciding.release;
    const synthetic = await isDemoDatabase(this.sql);
    return {
      version,
      updating: false,
      set,
      analysis,
      synthetic,
      timeProfiles,
      buildMilliseconds: performance.now() - started,
    };
  }
}

/** Venue kinds and positions for the risk terrain (names and ids stay in the database). */
async function readRiskVenues(sql: Sql): Promise<RiskVenue[]> {
  return sql<RiskVenue[]>`
    select kind, st_x(geom)::float8 as lon, st_y(geom)::float8 as lat from venues order by id`;
}
