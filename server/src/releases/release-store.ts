import type { Sql } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import { loadReleaseGeography, type ReleaseGeography } from './geography';
import { incidentsVersion, readIncidentCounts } from './incident-counts';
import { DEFAULT_ANALYTICS_OPTIONS, type AnalyticsOptions, type RiskVenue } from '../analytics/analytics-set';
import type { ReleaseSet } from './release';
import { decideInWorker, type Analysed } from './build-in-worker';
import { readTimeProfiles, type ProfileCounts } from '../planning/time-profile';

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

/**
 * Decides every tier's release once per data version and keeps it: all requests of a version, in any
 * order and on any endpoint, see the same suppression decisions. A write to incidents changes the
 * version, and the next request (or {@link ReleaseStore.refresh}) decides the new release.
 */
export class ReleaseStore {
  readonly geography: ReleaseGeography;
  private current: { version: string; release: Promise<CurrentRelease> } | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly analyticsOptions: AnalyticsOptions = DEFAULT_ANALYTICS_OPTIONS,
  ) {
    this.geography = loadReleaseGeography();
  }

  /** The release of the current data version, deciding it first if the data changed. */
  async release(): Promise<CurrentRelease> {
    const version = await incidentsVersion(this.sql);
    if (this.current?.version === version) return this.current.release;
    const release = this.decide(version);
    this.current = { version, release };
    // A failed decision is not kept: the next request tries again.
    release.catch(() => {
      if (this.current?.release === release) this.current = null;
    });
    return release;
  }

  /** Decides the release of the current data now (at start and after imports), so requests find it ready. */
  async refresh(): Promise<CurrentRelease> {
    return this.release();
  }

  private async decide(version: string): Promise<CurrentRelease> {
    const started = performance.now();
    const rows = await readIncidentCounts(this.sql, this.geography);
    const venues = await readRiskVenues(this.sql);
    const timeProfiles = await readTimeProfiles(this.sql);
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
