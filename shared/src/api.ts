import { z } from 'zod';
import { areaLevelSchema, roleSchema } from './domain';

/** Body of every API error: a stable machine code and a message in plain words. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
/** An API error body. */
export type ApiError = z.infer<typeof apiErrorSchema>;

/** `GET /api/health` response. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'external']),
  postgis: z.string(),
  demoData: z.boolean(),
});
/** Health report. */
export type Health = z.infer<typeof healthSchema>;

/** `POST /api/auth/login` body. */
export const loginBodySchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** The signed-in account as `GET /api/auth/me` and a successful login return it. */
export const meSchema = z.object({ username: z.string(), role: roleSchema });
/** A signed-in account. */
export type Me = z.infer<typeof meSchema>;

/** `GET /api/geography/areas` query. */
export const areasQuerySchema = z.object({ level: areaLevelSchema });

/** Properties of one administrative area feature. */
export const areaPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: areaLevelSchema,
  parentCode: z.string().nullable(),
  areaKm2: z.number(),
  population: z.number().int().nullable(),
});
/** Properties of an administrative area feature. */
export type AreaProperties = z.infer<typeof areaPropertiesSchema>;

/** A GeoJSON geometry as the API returns it (validated loosely: PostGIS produced it). */
export const geometrySchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) });

/** A GeoJSON FeatureCollection of administrative areas. */
export const areaCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: geometrySchema,
      properties: areaPropertiesSchema,
    }),
  ),
});
/** A FeatureCollection of administrative areas. */
export type AreaCollection = z.infer<typeof areaCollectionSchema>;

/** `GET /api/config` response: settings the client needs at start. */
export const clientConfigSchema = z.object({ basemapStyleUrl: z.string().url().nullable() });
/** Client configuration. */
export type ClientConfig = z.infer<typeof clientConfigSchema>;
