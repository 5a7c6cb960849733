import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { openAPIRouteHandler } from 'hono-openapi';
import { REPO_ROOT, type Config } from './config';
import type { Database } from './db/database';
import type { AppEnv } from './http/env';
import { apiBodyLimit } from './http/body-limit';
import { csrfProtection } from './http/csrf';
import { errorResponse } from './http/error-response';
import { rateLimit } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { accessControl } from './http/access';
import { sessionMiddleware } from './http/session';
import { proxyTrust } from './http/client-address';
import { SessionStore } from './auth/sessions';
import { accountRoutes } from './routes/accounts';
import { analyticsRoutes } from './routes/analytics';
import { auditRoutes } from './routes/audit';
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
import { DEFAULT_RELEASE_POLICY } from './releases/policy';

/** What the app needs from outside: the open database and the configuration. */
export interface AppDeps {
  db: Database;
  config: Config;
  /** Clock of the rate limit in milliseconds since the epoch; default `Date.now` (tests pass their own). */
  now?: () => number;
}

/** Folder of the built dashboard served at `/`. */
export const CLIENT_DIST = path.join(REPO_ROOT, 'client/dist');

/** Routes that stream raw file uploads under their own 200 MB limit (routes/imports.ts), not the JSON one. */
const RAW_UPLOAD_ROUTES = ['POST /api/imports', 'POST /api/imports/check'];

/** Builds the Hono app: API under /api, offline basemap under /basemap, the dashboard at /. */
export function createApp({ db, config, now }: AppDeps) {
  const releases = new ReleaseStore(
    db.sql,
    { ...DEFAULT_ANALYTICS_OPTIONS, ringDistance: config.hotspotRingDistance },
    config.firstReleaseWaitSeconds * 1000,
  );
  const sessions = new SessionStore(db.sql, config.sessionSecret);
  const api = new Hono<AppEnv>()
    .use(proxyTrust(config.trustProxy))
    .use(sessionMiddleware(sessions))
    // Counted per account, so after the session; the health check stays open to monitoring.
    .use(rateLimit({ limit: config.rateLimitPerMinute, exempt: ['/api/health'], now }))
    .use(accessControl(db.sql, DEFAULT_RELEASE_POLICY))
    .route('/health', healthRoutes(db))
    .route('/auth', authRoutes(db.sql, sessions))
    .route('/accounts', accountRoutes(db.sql))
    .route('/config', configRoutes(config))
    .route('/geography', geographyRoutes(db.sql))
    .route('/releases', releaseRoutes(releases))
    .route('/', analyticsRoutes(releases))
    .route('/', placeRoutes(db.sql, releases))
    .route('/organisations', organisationRoutes(db.sql))
    .route('/', planningRoutes(db.sql, releases))
    .route('/', patrolRoutes(releases))
    .route('/', outreachRoutes(db.sql, releases))
    .route('/planning', coverageRoutes(db.sql, releases))
    .route('/imports', importRoutes(db.sql, releases))
    .route('/audit', auditRoutes(db.sql));

  api.get(
    '/openapi.json',
    openAPIRouteHandler(api, {
      // Document routes ending in a file name too (`/audit/export.csv`), which hono-openapi skips by default.
      excludeStaticFile: false,
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
    .use('/api/*', csrfProtection({ trustProxy: config.trustProxy }))
    .use('/api/*', apiBodyLimit({ exempt: RAW_UPLOAD_ROUTES }))
    .route('/api', api)
    .route('/basemap', basemapRoutes());

  const clientRoot = path.relative(process.cwd(), CLIENT_DIST) || '.';
  // Built assets carry a content hash in their name: cache them for good; index.html is always revalidated.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({ root: clientRoot }));
  app.get('/*', serveStatic({ root: clientRoot, path: 'index.html' }));

  app.onError(errorResponse);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404));
  return { app, api, releases };
}

/** The typed API for `hc<AppType>` in the client (paths relative to /api). */
export type AppType = ReturnType<typeof createApp>['api'];
