// Rate limit of the API: a fixed window of one minute per caller, counted per signed-in account, else per client
// address (an IPv6 address by its /64, which one household or host gets whole), else — when the runtime gives no
// address, as in in-process tests — under one shared key. Every counted answer carries the RateLimit-* headers
// (IETF draft "RateLimit header fields for HTTP"); a refused one 429 `too_many_requests` with Retry-After.
// Memory is bounded: windows that have ended are dropped once per window, and past `maxKeys` live callers new
// ones share one overflow window (so a flood of spoofed addresses slows itself, not the server).
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { clientAddress } from './client-address';
import type { AppEnv } from './env';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests allowed per caller and window; 0 turns the limit off. */
  limit: number;
  /** Length of a window in milliseconds; default 60,000 (one minute). */
  windowMs?: number;
  /** Request paths (as `c.req.path`, e.g. `/api/health`) that are not counted (monitoring); default none. */
  exempt?: readonly string[];
  /** Most callers kept at once before new ones share an overflow window; default 100,000. */
  maxKeys?: number;
  /** The clock in milliseconds since the epoch; default `Date.now` (tests pass their own). */
  now?: () => number;
}

/** One caller's current window: when it started (ms since the epoch) and how many requests it has counted. */
export interface Window {
  readonly start: number;
  count: number;
}

/** Key of callers with no account and no known address (in-process requests). */
const UNKNOWN_CALLER = 'address:unknown';
/** Key shared by new callers once `maxKeys` windows are live. */
export const OVERFLOW_CALLER = 'overflow';

/**
 * Fixed-window request counters, one per caller, in bounded memory: windows that have ended are dropped once per
 * window length, and while `maxKeys` windows are kept, callers without one share the {@link OVERFLOW_CALLER}'s.
 */
export class FixedWindows {
  private readonly windows = new Map<string, Window>();
  private lastSweep = -Infinity;

  constructor(
    /** Length of a window in milliseconds. */
    readonly windowMs: number,
    /** Most windows kept at once. */
    readonly maxKeys: number,
  ) {}

  /** How many windows are kept now. */
  get size(): number {
    return this.windows.size;
  }

  /** Counts one request of `caller` at time `at` (ms) and returns the window it was counted in. */
  hit(caller: string, at: number): Window {
    this.sweep(at);
    const key = this.windows.has(caller) || this.windows.size < this.maxKeys ? caller : OVERFLOW_CALLER;
    let window = this.windows.get(key);
    if (!window || at - window.start >= this.windowMs) {
      window = { start: at, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window;
  }

  /** Drops the windows that have ended, at most once per window length. */
  private sweep(at: number): void {
    if (at - this.lastSweep < this.windowMs) return;
    this.lastSweep = at;
    for (const [key, window] of this.windows) {
      if (at - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}

/** The address a limit counts: IPv4 as it is (also when IPv4-mapped), IPv6 by its /64 network. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const groups = head ? head.split(':') : [];
  // With "::" the missing groups are zeros; only the first four (64 bits) matter.
  const known = tail ? groups.length + tail.split(':').length : groups.length;
  const full = [
    ...groups,
    ...Array<string>(Math.max(0, 8 - known)).fill('0'),
    ...(tail ? tail.split(':') : []),
  ];
  return `${full
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Whom a request is counted against: its account, else its address, else the shared unknown caller. */
function callerKey(c: Context<AppEnv>): string {
  const account = c.get('account');
  if (account) return `account:${account.id}`;
  const address = clientAddress(c);
  return address ? `address:${addressKey(address)}` : UNKNOWN_CALLER;
}

/**
 * Middleware limiting each caller to `limit` requests per window (see the file comment); mount it after the
 * session middleware so that signed-in callers are counted by account.
 */
export function rateLimit(options: RateLimitOptions) {
  const { limit, windowMs = 60_000, exempt = [], maxKeys = 100_000, now = Date.now } = options;
  const windows = new FixedWindows(windowMs, maxKeys);
  const exemptPaths = new Set(exempt);
  const policy = `${limit};w=${Math.round(windowMs / 1000)}`;

  return createMiddleware<AppEnv>(async (c, next) => {
    if (limit <= 0 || exemptPaths.has(c.req.path)) return next();
    const at = now();
    const window = windows.hit(callerKey(c), at);
    const resetSeconds = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
    const headers = {
      'RateLimit-Policy': policy,
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - window.count)),
      'RateLimit-Reset': String(resetSeconds),
    };
    if (window.count > limit) {
      const message =
        `Too many requests: at most ${limit} per ${Math.round(windowMs / 1000)} s for each account or ` +
        `address; try again in ${resetSeconds} s.`;
      return c.json({ error: { code: 'too_many_requests', message } }, 429, {
        ...headers,
        'Retry-After': String(resetSeconds),
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
}
