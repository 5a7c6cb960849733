import { clientConfigSchema } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Config } from '../config';
import type { AppEnv } from '../http/env';

/** `GET /api/config`: settings the dashboard needs at start. */
export function configRoutes(config: Config) {
  return new Hono<AppEnv>().get(
    '/',
    describeRoute({
      tags: ['system'],
      summary: 'Client settings (online basemap style, if configured)',
      responses: {
        200: {
          description: 'Settings',
          content: { 'application/json': { schema: resolver(clientConfigSchema) } },
        },
      },
    }),
    (c) => c.json({ basemapStyleUrl: config.basemapStyleUrl }, 200),
  );
}
