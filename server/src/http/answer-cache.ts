// Answers that are the same for everyone of a tier asking the same URL of the same data version (the release-based
// endpoints) spend most of their time building GeoJSON and compressing it. Each is built and gzipped once and kept,
// least recently used out first within a byte budget; a new data version makes new keys, and the old ones age out.
// Concurrent requests for an answer not yet kept share one build.
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import type { AppEnv } from './env';

/** One kept answer: the JSON body as sent, and gzipped. */
interface KeptAnswer {
  json: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

/** Bytes the kept answers may take (JSON and gzip together) before the least recently used ones go. */
export const ANSWER_CACHE_BYTES = 64 * 1024 * 1024;

/** Bytes an answer takes in the cache. */
const sizeOf = (answer: KeptAnswer) => answer.json.length + answer.gzip.length;

/**
 * Kept answers by key, least recently used first, and the answers being built: requests that ask for an answer
 * while it is built wait for that one build instead of each building it again.
 */
export class AnswerCache {
  private readonly answers = new Map<string, KeptAnswer>();
  private readonly building = new Map<string, Promise<KeptAnswer | null>>();
  private bytes = 0;

  constructor(private readonly maxBytes = ANSWER_CACHE_BYTES) {}

  get(key: string): KeptAnswer | undefined {
    const answer = this.answers.get(key);
    if (answer) {
      // Most recently used goes last.
      this.answers.delete(key);
      this.answers.set(key, answer);
    }
    return answer;
  }

  set(key: string, answer: KeptAnswer): void {
    if (sizeOf(answer) > this.maxBytes) return;
    const old = this.answers.get(key);
    if (old) {
      this.answers.delete(key);
      this.bytes -= sizeOf(old);
    }
    this.answers.set(key, answer);
    this.bytes += sizeOf(answer);
    for (const [oldest, kept] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= sizeOf(kept);
    }
  }

  /** The build of `key` under way, if any: it settles with the answer, or null when that build kept none. */
  pending(key: string): Promise<KeptAnswer | null> | undefined {
    return this.building.get(key);
  }

  /** Builds the answer of `key` with `make` (null: nothing to keep), keeps it, and lets others wait for it. */
  async build(key: string, make: () => Promise<KeptAnswer | null>): Promise<KeptAnswer | null> {
    const building = make();
    this.building.set(
      key,
      building.catch(() => null),
    );
    try {
      const answer = await building;
      if (answer) this.set(key, answer);
      return answer;
    } finally {
      this.building.delete(key);
    }
  }

  /** Number of kept answers and their bytes. */
  get size(): { answers: number; bytes: number } {
    return { answers: this.answers.size, bytes: this.bytes };
  }
}

function acceptsGzip(c: Context<AppEnv>): boolean {
  const header = c.req.header('Accept-Encoding');
  if (!header) return false;
  return parseAccept(header).some((a) => (a.type.toLowerCase() === 'gzip' || a.type === '*') && a.q > 0);
}

/** Adds Accept-Encoding to the answer's Vary header, unless it is there: one URL is sent gzipped or plain. */
function varyByEncoding(c: Context<AppEnv>): void {
  const vary = c.res.headers.get('Vary');
  if (!vary) c.header('Vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(vary)) c.header('Vary', `${vary}, Accept-Encoding`);
}

/**
 * Answers with the kept body of this tier's request for this URL at this data version, or builds it with `build`
 * (a `c.json(…, 200)` answer, whose type the caller keeps), keeps it and answers with it: gzipped when the client
 * accepts gzip (so its Vary header names Accept-Encoding). Requests that come while it is built wait for it. A
 * non-200 answer from `build` is passed on and not kept; whoever waited for it builds their own.
 */
export async function cachedAnswer<R extends Response>(
  c: Context<AppEnv>,
  cache: AnswerCache,
  version: string,
  build: () => R | Promise<R>,
): Promise<R> {
  const url = new URL(c.req.url);
  const key = `${version}|${c.get('tier')}|${url.pathname}${url.search}`;
  const pending = cache.pending(key);
  let answer = cache.get(key) ?? (pending ? await pending : null);
  if (!answer) {
    let notKept: R | undefined;
    answer = await cache.build(key, async () => {
      const built = await build();
      if (built.status !== 200) {
        notKept = built;
        return null;
      }
      const json = new Uint8Array(await built.arrayBuffer());
      return { json, gzip: Uint8Array.from(gzipSync(json)) };
    });
    if (!answer) return notKept as R;
  }
  c.header('Content-Type', 'application/json');
  varyByEncoding(c);
  if (!acceptsGzip(c)) return c.body(answer.json, 200) as unknown as R;
  c.header('Content-Encoding', 'gzip');
  return c.body(answer.gzip, 200) as unknown as R;
}
