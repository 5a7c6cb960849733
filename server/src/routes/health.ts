import { healthSchema } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Database } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import type { AppEnv } from '../http/env';

/** `GET /api/health`: database kind, PostGIS version and whether the data are synthetic. */
export function healthRoutes(db: Database) {
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
      },
    }),
    async (c) => {
      const [row] = await db.sql<{ postgis: string }[]>`select postgis_lib_version() as postgis`;
      return c.json({
        status: 'ok' as const,
        database: db.kind,
        postgis: row?.postgis ?? 'unknown',
        demoData: await isDemoDatabase(db.sql),
      });
    },
  );
}
