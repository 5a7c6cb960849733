// Request bodies of the API: JSON only, and small. A state-changing request that declares any other Content-Type
// is refused with 415 before its body is read (a browser page of another site can send a form or text/plain
// without a CORS preflight, but never JSON); a body over the limit is refused with 413 before any handler runs,
// by its Content-Length or, without one, as soon as that many bytes have arrived. The import uploads stream raw
// files of up to 200 MB to disk under their own limit (raw-upload.ts) and are exempt.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError } from './errors';

/** Largest JSON request body of the API, in bytes: 64 KiB (the largest real one, an intervention, is < 2 KiB). */
export const API_BODY_MAX_BYTES = 64 * 1024;

/** Options of {@link apiBodyLimit}. */
export interface ApiBodyLimitOptions {
  /** Largest body accepted, in bytes; default {@link API_BODY_MAX_BYTES}. */
  maxBytes?: number;
  /** Routes with their own body handling, as `METHOD /full/path` (e.g. `POST /api/imports`); default none. */
  exempt?: readonly string[];
}

/** Methods that change nothing; their bodies (if any) are never read by the API. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** JSON media types, as Hono's JSON validator reads them (`application/json`, `application/*+json`). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

/** The request's media type in lower case without parameters, or null when it declares none. */
function mediaType(c: Context): string | null {
  const header = c.req.header('content-type');
  return header === undefined ? null : (header.split(';')[0]?.trim().toLowerCase() ?? '');
}

/** Middleware holding API request bodies to JSON (415) of at most `maxBytes` (413), except the exempt routes. */
export function apiBodyLimit(options: ApiBodyLimitOptions = {}) {
  const maxBytes = options.maxBytes ?? API_BODY_MAX_BYTES;
  const exempt = new Set(options.exempt ?? []);
  const kib = Math.round(maxBytes / 1024);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(
        413,
        'payload_too_large',
        `The request body is larger than ${kib} KiB, the limit of the API's JSON bodies.`,
      );
    },
  });
  return createMiddleware(async (c, next) => {
    if (exempt.has(`${c.req.method} ${c.req.path}`)) return next();
    const type = mediaType(c);
    if (!SAFE_METHODS.has(c.req.method) && type !== null && !JSON_MEDIA_TYPE.test(type)) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `header "Content-Type": the API accepts JSON bodies only, as application/json (got ${type.slice(0, 80) || 'none'})`,
      );
    }
    return limit(c, next);
  });
}
