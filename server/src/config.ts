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
  /** Online MapLibre style to use instead of the offline basemap, or null. */
  basemapStyleUrl: string | null;
  /** Whether to load synthetic demo data into an empty database. */
  seedDemoData: boolean;
  /** H3 ring distance of the Gi* neighbourhood (1–3); default 1, the cell and its six neighbours. */
  hotspotRingDistance: number;
}

/** Default password of the demo accounts when DEMO_PASSWORD is not set (local use only). */
export const DEFAULT_DEMO_PASSWORD = 'titikrawan-demo';

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
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    // Relative to where the user ran the command (pnpm runs scripts inside server/ but keeps INIT_CWD).
    dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? 'data'),
    production,
    demoPassword: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    basemapStyleUrl: env.BASEMAP_STYLE_URL?.trim() || null,
    seedDemoData: !production && env.SEED_DEMO_DATA !== 'false',
    hotspotRingDistance,
  };
}
