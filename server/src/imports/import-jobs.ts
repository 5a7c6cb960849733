// Import jobs and error reports as the API keeps them: in memory, for an hour after they were made, so the
// dashboard can follow an import's progress and download a check's errors. A server restart forgets them (an
// import interrupted by it leaves only a staging batch, deleted at the next start; see import-batch.ts).
import { randomUUID } from 'node:crypto';
import type { ImportJob } from '@titik-rawan/shared';
import type { ReportedError } from './error-report';

/** How long a job or report is kept, in milliseconds. */
export const KEEP_FOR_MS = 60 * 60 * 1000;

interface Kept<T> {
  value: T;
  keptUntil: number;
}

/** The jobs and error reports of the API, each kept for {@link KEEP_FOR_MS}. */
export class ImportJobs {
  private readonly jobs = new Map<string, Kept<ImportJob>>();
  private readonly reports = new Map<string, Kept<readonly ReportedError[]>>();

  /** Starts a job in the checking stage and returns its id. */
  start(): string {
    this.forgetOld();
    const id = randomUUID();
    this.jobs.set(id, { value: { status: 'checking', rows: 0 }, keptUntil: Date.now() + KEEP_FOR_MS });
    return id;
  }

  /** Changes a job (its hour starts again). */
  update(id: string, job: ImportJob): void {
    this.jobs.set(id, { value: job, keptUntil: Date.now() + KEEP_FOR_MS });
  }

  /** A job, or undefined when unknown or forgotten. */
  job(id: string): ImportJob | undefined {
    this.forgetOld();
    return this.jobs.get(id)?.value;
  }

  /** Whether a job is still checking or writing. */
  running(): boolean {
    return [...this.jobs.values()].some(
      ({ value }) => !['committed', 'refused', 'failed'].includes(value.status),
    );
  }

  /** Keeps the errors of a check for its error report; returns the report's id. */
  keepReport(errors: readonly ReportedError[]): string {
    this.forgetOld();
    const id = randomUUID();
    this.reports.set(id, { value: errors, keptUntil: Date.now() + KEEP_FOR_MS });
    return id;
  }

  /** The errors of a report, or undefined when unknown or forgotten. */
  report(id: string): readonly ReportedError[] | undefined {
    this.forgetOld();
    return this.reports.get(id)?.value;
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const map of [this.jobs, this.reports] as Map<string, Kept<unknown>>[]) {
      for (const [id, kept] of map) if (kept.keptUntil < now) map.delete(id);
    }
  }
}
