import { apiErrorSchema, healthSchema } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import postgres from 'postgres';
import type { Database } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';

/** How long a health check waits for the database before answering 503 `database_busy`. */
export const HEALTH_TIMEOUT_MS = 2_000;

/** What the database says when it answers. */
interface Probe {
  postgis: string;
  demoData: boolean;
}

/** Options of {@link healthRoutes}. */
export interface HealthOptions {
  /** How long to wait for the database; default {@link HEALTH_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * `GET /api/health`: database kind, PostGIS version and whether the data are synthetic. It asks the database on its
 * own connection (`db.probe`), so requests holding every pool connection do not hold it up, and answers within
 * `timeoutMs` whatever the database does: 503 `database_busy` when the database does not answer in time (the
 * embedded database runs one query at a time, so one slow query holds up every other), 503 `database_unavailable`
 * when it cannot be reached. Concurrent checks share one probe query, so a busy database gets one at a time.
 */
export function healthRoutes(db: Database, { timeoutMs = HEALTH_TIMEOUT_MS }: HealthOptions = {}) {
  const sql = db.probe ?? db.sql;
  let inFlight: Promise<Probe> | null = null;
  const probe = (): Promise<Probe> => {
    if (inFlight) return inFlight;
    const running = (async () => {
      const [row] = await sql<{ postgis: string }[]>`select postgis_lib_version() as postgis`;
      return { postgis: row?.postgis ?? 'unknown', demoData: await isDemoDatabase(sql) };
    })().finally(() => {
      if (inFlight === running) inFlight = null;
    });
    // A probe whose checks all timed out may still fail later, with nobody waiting for it.
    running.catch(() => {});
    inFlight = running;
    return running;
  };

  return new Hono<AppEnv>().get(
    '/',
    describeRoute({
      tags: ['system'],
      summary: 'Health of the service and its database',
      responses: {
        200: {
          description: 'Service is up',
          content: { 'application/json': { schema: resolver(healthSchema) } },
        },
        503: {
          description:
            '`database_unavailable`: the database cannot be reached (Retry-After); `database_busy`: it did not ' +
            `answer within ${timeoutMs / 1000} s`,
          content: { 'application/json': { schema: resolver(apiErrorSchema) } },
        },
      },
    }),
    async (c) => {
      const { postgis, demoData } = await withinTime(probe(), timeoutMs);
      return c.json({ status: 'ok' as const, database: db.kind, postgis, demoData });
    },
  );
}

/** The probe's answer, or a 503 `database_busy` when it takes longer than `ms` or the database cancelled it. */
async function withinTime(probe: Promise<Probe>, ms: number): Promise<Probe> {
  const busy = () =>
    new ApiError(
      503,
      'database_busy',
      `The database did not answer within ${ms / 1000} s: it is busy with other work. Try again shortly.`,
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(busy()), ms);
  });
  try {
    return await Promise.race([probe, timeout]);
  } catch (error) {
    // 57014: the probe's statement_timeout (external server) cancelled it, which is the same verdict.
    if (error instanceof postgres.PostgresError && error.code === '57014') throw busy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
