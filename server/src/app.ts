import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { openAPIRouteHandler } from 'hono-openapi';
import { REPO_ROOT, type Config } from './config';
import type { Database } from './db/database';
import type { AppEnv } from './http/env';
import { ApiError, codeForStatus } from './http/errors';
import { securityHeaders } from './http/security-headers';
import { sessionMiddleware } from './http/session';
import { analyticsRoutes } from './routes/analytics';
import { authRoutes } from './routes/auth';
import { basemapRoutes } from './routes/basemap';
import { configRoutes } from './routes/config';
import { coverageRoutes } from './routes/coverage';
import { geographyRoutes } from './routes/geography';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { organisationRoutes } from './routes/organisations';
import { outreachRoutes } from './routes/outreach';
import { patrolRoutes } from './routes/patrol';
import { placeRoutes } from './routes/places';
import { planningRoutes } from './routes/planning';
import { releaseRoutes } from './routes/releases';
import { ReleaseStore } from './releases/release-store';
import { DEFAULT_ANALYTICS_OPTIONS } from './analytics/analytics-set';

/** What the app needs from outside: the open database and the configuration. */
export interface AppDeps {
  db: Database;
  config: Config;
}

/** Folder of the built dashboard served at `/`. */
export const CLIENT_DIST = path.join(REPO_ROOT, 'client/dist');

/** Builds the Hono app: API under /api, offline basemap under /basemap, the dashboard at /. */
export function createApp({ db, config }: AppDeps) {
  const releases = new ReleaseStore(db.sql, {
    ...DEFAULT_ANALYTICS_OPTIONS,
    ringDistance: config.hotspotRingDistance,
  });
  const api = new Hono<AppEnv>()
    .use(sessionMiddleware(db.sql))
    .route('/health', healthRoutes(db))
    .route('/auth', authRoutes(db.sql))
    .route('/config', configRoutes(config))
    .route('/geography', geographyRoutes(db.sql))
    .route('/releases', releaseRoutes(db.sql, releases))
    .route('/', analyticsRoutes(db.sql, releases))
    .route('/', placeRoutes(db.sql, releases))
    .route('/organisations', organisationRoutes(db.sql))
    .route('/', planningRoutes(db.sql, releases))
    .route('/', patrolRoutes(db.sql, releases))
    .route('/', outreachRoutes(db.sql, releases))
    .route('/planning', coverageRoutes(db.sql, releases))
    .route('/imports', importRoutes(db.sql, releases));

  api.get(
    '/openapi.json',
    openAPIRouteHandler(api, {
      documentation: {
        openapi: '3.1.0',
        info: {
          title: 'Titik Rawan API',
          version: '0.1.0',
          description:
            'Coarse, disclosure-controlled figures on child sexual exploitation risk in East Jakarta. ' +
            'No endpoint returns an incident location, exact date or id.',
        },
        servers: [{ url: '/api' }],
      },
    }),
  );

  // gzip every compressible answer (GeoJSON shrinks about tenfold; the map's code chunk from 1 MB to 0.27 MB).
  const app = new Hono<AppEnv>()
    .use(securityHeaders(config.basemapStyleUrl))
    .use(compress())
    .route('/api', api)
    .route('/basemap', basemapRoutes());

  app.all('/api/*', () => {
    throw new ApiError(404, 'not_found', 'No such API endpoint; see /api/openapi.json.');
  });
  const clientRoot = path.relative(process.cwd(), CLIENT_DIST) || '.';
  // Built assets carry a content hash in their name: cache them for good; index.html is always revalidated.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({ root: clientRoot }));
  app.get('/*', serveStatic({ root: clientRoot, path: 'index.html' }));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const code = error instanceof ApiError ? error.code : codeForStatus(error.status);
      return c.json({ error: { code, message: error.message || codeForStatus(error.status) } }, error.status);
    }
    console.error(error);
    return c.json({ error: { code: 'internal_error', message: 'Something went wrong on the server.' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404));
  return { app, api, releases };
}

/** The typed API for `hc<AppType>` in the client (paths relative to /api). */
export type AppType = ReturnType<typeof createApp>['api'];
