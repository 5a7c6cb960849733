// Cross-site request forgery protection for state-changing API requests (anything but GET, HEAD and OPTIONS).
//
// A forged request comes from a browser: a page of another site makes the victim's browser send a POST that
// carries the victim's session cookie. Browsers mark such requests — they send `Origin` with every cross-origin
// POST/PUT/PATCH/DELETE and with same-origin ones, and modern ones send `Sec-Fetch-Site` — and a page cannot
// remove or forge either header. So a request is refused with 403 `csrf_rejected` when
// - `Sec-Fetch-Site` is `cross-site` or `same-site` (a sibling subdomain is another origin too), or
// - `Origin` is `null` (sandboxed frames, `data:` pages, some redirects — never our own dashboard), malformed,
//   or names a host other than the one the request was sent to (`Host`; behind a reverse proxy the configuration
//   trusts, the last `X-Forwarded-Host`, the one that proxy set).
// A request with neither header is not from a browser page (curl, scripts, partners' tools) and passes: there is
// no ambient cookie to abuse unless the script sends one itself. The session cookie is SameSite=Strict as the
// second layer, and the API accepts bodies only as JSON (see body-limit.ts), which a cross-site page can send only
// after a CORS preflight that this server never grants.
//
// Hono's own `hono/csrf` is not used: it checks only form and text/plain content types (so JSON and raw uploads
// pass unchecked) and refuses requests that carry neither header, which would lock out partners' scripts.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './errors';

/** Options of {@link csrfProtection}. */
export interface CsrfOptions {
  /** Whether `X-Forwarded-Host` from a trusted reverse proxy names the host the browser saw; default false. */
  trustProxy?: boolean;
}

/** Methods that change nothing and are never checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host (with port) the client addressed: the trusted proxy's forwarded host, else `Host`, else the URL's. */
function requestedHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',').at(-1)?.trim() : undefined;
  return forwarded || c.req.header('host') || new URL(c.req.url).host;
}

/** Whether `origin` names `host` (default ports of the origin's scheme count as equal to no port). */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}

/** Why a request looks like it was sent by a page of another origin, or null when it does not. */
function crossOriginSignal(c: Context, trustProxy: boolean): string | null {
  const site = c.req.header('sec-fetch-site')?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return `header "Sec-Fetch-Site" is ${site}: the request comes from a page of another site`;
  }
  const origin = c.req.header('origin');
  if (origin === undefined) return null;
  if (origin.trim() === 'null') return 'header "Origin" is null: the request comes from an opaque origin';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'header "Origin" is not a valid origin';
  }
  if (!sameHost(url, requestedHost(c, trustProxy))) {
    return 'header "Origin" names another site than this server';
  }
  return null;
}

/** Middleware refusing state-changing requests that carry a browser's signal of another origin (403). */
export function csrfProtection(options: CsrfOptions = {}) {
  const trustProxy = options.trustProxy ?? false;
  return createMiddleware(async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const signal = crossOriginSignal(c, trustProxy);
      if (signal) {
        throw new ApiError(
          403,
          'csrf_rejected',
          `${signal}. Changes are accepted only from this server's own pages or from scripts.`,
        );
      }
    }
    await next();
  });
}
