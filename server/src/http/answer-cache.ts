// Answers that are the same for everyone of a tier asking the same URL of the same data version (the release-based
// endpoints) spend most of their time building GeoJSON and compressing it. Each is built and gzipped once and kept,
// least recently used out first within a byte budget; a new data version makes new keys, and the old ones age out.
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

/** Kept answers by key, least recently used first. */
export class AnswerCache {
  private readonly answers = new Map<string, KeptAnswer>();
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
    const size = answer.json.length + answer.gzip.length;
    if (size > this.maxBytes) return;
    const old = this.answers.get(key);
    if (old) {
      this.answers.delete(key);
      this.bytes -= old.json.length + old.gzip.length;
    }
    this.answers.set(key, answer);
    this.bytes += size;
    for (const [oldest, kept] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= kept.json.length + kept.gzip.length;
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

/**
 * Answers with the kept body of this tier's request for this URL at this data version, or builds it with `build`
 * (a `c.json(…, 200)` answer, whose type the caller keeps), keeps it and answers with it: gzipped when the client
 * accepts gzip (the Vary header is {@link conditional}'s). A non-200 answer from `build` is passed on and not kept.
 */
export async function cachedAnswer<R extends Response>(
  c: Context<AppEnv>,
  cache: AnswerCache,
  version: string,
  build: () => R | Promise<R>,
): Promise<R> {
  const url = new URL(c.req.url);
  const key = `${version}|${c.get('tier')}|${url.pathname}${url.search}`;
  let answer = cache.get(key);
  if (!answer) {
    const built = await build();
    if (built.status !== 200) return built;
    const json = new Uint8Array(await built.arrayBuffer());
    answer = { json, gzip: Uint8Array.from(gzipSync(json)) };
    cache.set(key, answer);
  }
  c.header('Content-Type', 'application/json');
  if (!acceptsGzip(c)) return c.body(answer.json, 200) as unknown as R;
  c.header('Content-Encoding', 'gzip');
  return c.body(answer.gzip, 200) as unknown as R;
}
