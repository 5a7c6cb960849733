import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env';

/** Records for the request whether a reverse proxy's X-Forwarded-* headers are believed (config TRUST_PROXY). */
export function proxyTrust(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('trustProxy', trustProxy);
    await next();
  });
}

/** The last value of a comma-separated forwarding header: the one the nearest (trusted) proxy added. */
function lastForwarded(c: Context, header: string): string | null {
  return c.req.header(header)?.split(',').at(-1)?.trim() || null;
}

/**
 * The client's address: behind a trusted proxy the one it appended to X-Forwarded-For, else the peer address,
 * or null when the runtime does not expose it (in-process tests).
 */
export function clientAddress(c: Context): string | null {
  const forwarded = c.get('trustProxy') === true ? lastForwarded(c, 'x-forwarded-for') : null;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** Whether the request reached us over HTTPS: its own URL, or behind a trusted proxy its X-Forwarded-Proto. */
export function requestUsedHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.get('trustProxy') === true && lastForwarded(c, 'x-forwarded-proto')?.toLowerCase() === 'https';
}
