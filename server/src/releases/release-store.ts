import type { Sql } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import { loadReleaseGeography, type ReleaseGeography } from './geography';
import { incidentsVersion, readIncidentCounts } from './incident-counts';
import type { ReleaseSet } from './release';
import { buildReleasesInWorker } from './build-in-worker';

/** One decided release of the data as they are at a data version. */
export interface CurrentRelease {
  /** The incidents data version the release was decided for. */
  version: string;
  set: ReleaseSet;
  /** Whether the data are the synthetic demo set. */
  synthetic: boolean;
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

  constructor(private readonly sql: Sql) {
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
  async refresh(): Promise<void> {
    await this.release();
  }

  private async decide(version: string): Promise<CurrentRelease> {
    const started = performance.now();
    const rows = await readIncidentCounts(this.sql, this.geography);
    const set = await buildReleasesInWorker(rows);
    const synthetic = await isDemoDatabase(this.sql);
    return { version, set, synthetic, buildMilliseconds: performance.now() - started };
  }
}
