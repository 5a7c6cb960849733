import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { GEOGRAPHY_DIR } from '../geography/load-geography';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';

/** Basemap layers served from db/data, by public name (a fixed list: no path comes from the request). */
const LAYER_FILES: Record<string, string> = {
  'roads.geojson': 'jakarta-timur-roads-osm2012.geojson',
  'transit-routes.geojson': 'jakarta-timur-transit-routes-osm.geojson',
  'transit-stops.geojson': 'jakarta-timur-transit-stops-osm.geojson',
};
const FONTS = new Set(['Noto Sans Regular', 'Noto Sans Medium', 'Noto Sans Italic']);
const GLYPH_RANGE = /^\d+-\d+\.pbf$/;
const CACHE = 'public, max-age=86400';

async function readOrNotFound(file: string, what: string): Promise<Buffer> {
  return readFile(file).catch(() => {
    throw new ApiError(404, 'not_found', `No ${what} here.`);
  });
}

/** The offline basemap: roads and transit (© OpenStreetMap contributors) and Noto Sans glyphs. */
export function basemapRoutes() {
  return new Hono<AppEnv>()
    .get(
      '/glyphs/:fontstack/:range',
      describeRoute({ tags: ['basemap'], summary: 'MapLibre glyph range (Noto Sans, SIL OFL 1.1)' }),
      async (c) => {
        // A fontstack may list fallbacks ("A,B"); serve the first one we have.
        const font = c.req
          .param('fontstack')
          .split(',')
          .find((name) => FONTS.has(name.trim()))
          ?.trim();
        const range = c.req.param('range');
        if (!font || !GLYPH_RANGE.test(range)) throw new ApiError(404, 'not_found', 'No such glyph range.');
        const body = await readOrNotFound(path.join(GEOGRAPHY_DIR, 'glyphs', font, range), 'glyph range');
        return c.body(new Uint8Array(body), 200, {
          'Content-Type': 'application/x-protobuf',
          'Cache-Control': CACHE,
        });
      },
    )
    .get(
      '/:layer',
      describeRoute({
        tags: ['basemap'],
        summary: 'Basemap layer as GeoJSON (roads, transit routes or stops)',
      }),
      async (c) => {
        const file = LAYER_FILES[c.req.param('layer')];
        if (!file)
          throw new ApiError(404, 'not_found', `Basemap layers: ${Object.keys(LAYER_FILES).join(', ')}.`);
        const body = await readOrNotFound(path.join(GEOGRAPHY_DIR, file), 'basemap layer');
        return c.body(new Uint8Array(body), 200, {
          'Content-Type': 'application/geo+json',
          'Cache-Control': CACHE,
        });
      },
    );
}
