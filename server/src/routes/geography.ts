import { areaCollectionSchema, areasQuerySchema, type AreaCollection } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute, resolver } from 'hono-openapi';
import type { Sql } from '../db/database';
import { dataVersion } from '../db/meta';
import { AnswerCache, cachedAnswer } from '../http/answer-cache';
import type { AppEnv } from '../http/env';
import { validate } from '../http/validate';
import { areaFeatures } from '../geography/areas';

/** Public geography (not data): administrative outlines for the map. */
export function geographyRoutes(sql: Sql) {
  // The outlines change only when the areas are loaded again: build each level's answer once per places version.
  const answers = new AnswerCache(16 * 1024 * 1024);
  return new Hono<AppEnv>().get(
    '/areas',
    describeRoute({
      tags: ['geography'],
      summary: 'Outlines of kota, kecamatan or kelurahan as GeoJSON',
      responses: {
        200: {
          description: 'FeatureCollection of areas',
          content: { 'application/json': { schema: resolver(areaCollectionSchema) } },
        },
      },
    }),
    validate('query', areasQuerySchema),
    async (c) => {
      const { level } = c.req.valid('query');
      c.header('Cache-Control', 'public, max-age=3600');
      return cachedAnswer(c, answers, await dataVersion(sql, 'places'), async () => {
        const collection: AreaCollection = {
          type: 'FeatureCollection',
          features: await areaFeatures(sql, level),
        };
        return c.json(collection, 200);
      });
    },
  );
}
