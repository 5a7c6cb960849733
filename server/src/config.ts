import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the repository, resolved from this file so every command works from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runtime settings read once from the environment. */
export interface Config {
  /** TCP port of the HTTP server; default 8787. */
  port: number;
  /** Interface the HTTP server binds; default 127.0.0.1. */
  host: string;
  /** External PostgreSQL/PostGIS URL; null selects the embedded database. */
  databaseUrl: string | null;
  /** Directory of the embedded database; default `./data` where the command was run. */
  dataDir: string;
  /** True when NODE_ENV=production: no demo accounts, no default secrets. */
  production: boolean;
  /** Password of the demo accounts (demo mode only). */
  demoPassword: string;
  /** Key of the HMAC under which session tokens are stored; {@link DEV_SESSION_SECRET} outside production. */
  sessionSecret: string;
  /** Whether a reverse proxy's `X-Forwarded-Proto` / `X-Forwarded-For` are believed; default false. */
  trustProxy: boolean;
  /** Online MapLibre style to use instead of the offline basemap, or null. */
  basemapStyleUrl: string | null;
  /** Whether to load synthetic demo data into an empty database. */
  seedDemoData: boolean;
  /** H3 ring distance of the Gi* neighbourhood (1–3); default 1, the cell and its six neighbours. */
  hotspotRingDistance: number;
  /** API requests allowed per minute for each account or client address; default 1200, 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** How long a request waits for the very first release before 503 `release_pending`; default 20 s. */
  firstReleaseWaitSeconds: number;
}

/** API requests per minute and caller when RATE_LIMIT_PER_MINUTE is not set: room for the dashboard's bursts. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

/** Default password of the demo accounts when DEMO_PASSWORD is not set (local use only). */
export const DEFAULT_DEMO_PASSWORD = 'titikrawan-demo';

/** Session secret used outside production when SESSION_SECRET is not set; refused in production. */
export const DEV_SESSION_SECRET = 'titik-rawan-development-session-secret-not-for-production';

/** Shortest SESSION_SECRET accepted in production, in characters. */
export const MIN_SESSION_SECRET_LENGTH = 32;

/** The session secret from SESSION_SECRET; in production a missing, short or default one stops the start. */
function readSessionSecret(env: NodeJS.ProcessEnv, production: boolean): string {
  const secret = env.SESSION_SECRET?.trim() || null;
  if (!production) return secret ?? DEV_SESSION_SECRET;
  if (!secret) {
    throw new Error(
      'SESSION_SECRET must be set with NODE_ENV=production (at least 32 random characters, ' +
        'e.g. from `openssl rand -base64 48`)',
    );
  }
  if (secret.length < MIN_SESSION_SECRET_LENGTH) {
    throw new Error(
      `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters with NODE_ENV=production, ` +
        `got ${secret.length}`,
    );
  }
  if (secret === DEV_SESSION_SECRET) {
    throw new Error('SESSION_SECRET must not be the development default with NODE_ENV=production');
  }
  return secret;
}

/** Reads the configuration from environment variables, rejecting malformed values with a clear message. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env.PORT}"`);
  }
  const production = env.NODE_ENV === 'production';
  const hotspotRingDistance = Number(env.HOTSPOT_RING_DISTANCE ?? 1);
  if (![1, 2, 3].includes(hotspotRingDistance)) {
    throw new Error(`HOTSPOT_RING_DISTANCE must be 1, 2 or 3, got "${env.HOTSPOT_RING_DISTANCE}"`);
  }
  const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE?.trim() || DEFAULT_RATE_LIMIT_PER_MINUTE);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
    throw new Error(
      `RATE_LIMIT_PER_MINUTE must be an integer ≥ 0 (0 = off), got "${env.RATE_LIMIT_PER_MINUTE}"`,
    );
  }
  const firstReleaseWaitSeconds = Number(env.FIRST_RELEASE_WAIT_SECONDS?.trim() || 20);
  if (!Number.isFinite(firstReleaseWaitSeconds) || firstReleaseWaitSeconds < 0) {
    throw new Error(
      `FIRST_RELEASE_WAIT_SECONDS must be a number ≥ 0, got "${env.FIRST_RELEASE_WAIT_SECONDS}"`,
    );
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (production && env.DEMO_PASSWORD !== undefined) {
    throw new Error(
      'DEMO_PASSWORD must not be set with NODE_ENV=production: production has no demo accounts ' +
        '(create the first admin with `pnpm run create-admin <username>`)',
    );
  }
  if (env.TRUST_PROXY !== undefined && !['true', 'false'].includes(env.TRUST_PROXY)) {
    throw new Error(`TRUST_PROXY must be true or false, got "${env.TRUST_PROXY}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    // Relative to where the user ran the command (pnpm runs scripts inside server/ but keeps INIT_CWD).
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? 'data'),
    production,
    demoPassword: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    sessionSecret: readSessionSecret(env, production),
    trustProxy: env.TRUST_PROXY === 'true',
    basemapStyleUrl: env.BASEMAP_STYLE_URL?.trim() || null,
    seedDemoData: !production && env.SEED_DEMO_DATA !== 'false',
    hotspotRingDistance,
    rateLimitPerMinute,
    firstReleaseWaitSeconds,
  };
}
