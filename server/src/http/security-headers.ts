// Security headers of every response: a Content-Security-Policy that allows scripts only from this server (no
// inline scripts, no eval), workers and images from blob: as MapLibre needs, and no framing; no referrer, no MIME
// sniffing. An online basemap (BASEMAP_STYLE_URL) lets the page fetch over HTTPS from anywhere, as its style names
// tile, glyph and sprite hosts of its own.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The middleware setting the security headers, for a configured online basemap style URL or none. */
export function securityHeaders(basemapStyleUrl: string | null): MiddlewareHandler {
  const basemap = basemapStyleUrl ? ['https:'] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // MapLibre starts its workers from blob: URLs (child-src for browsers without worker-src).
      workerSrc: ["'self'", 'blob:'],
      childSrc: ['blob:'],
      // MapLibre and React set element styles; inline styles cannot run code.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...basemap],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", ...basemap],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
  });
}
