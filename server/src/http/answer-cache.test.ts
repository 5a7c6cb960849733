import { describe, expect, it } from 'vitest';
import { AnswerCache } from './answer-cache';

const answer = (bytes: number) => ({
  json: new Uint8Array(new ArrayBuffer(bytes)),
  gzip: new Uint8Array(new ArrayBuffer(10)),
});

describe('kept answers', () => {
  it('drops the least recently used answers once over the byte budget', () => {
    const cache = new AnswerCache(1000);
    cache.set('a', answer(390));
    cache.set('b', answer(390));
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.set('c', answer(390));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toEqual({ answers: 2, bytes: 800 });
  });

  it('keeps no answer larger than the budget, and counts a replaced answer once', () => {
    const cache = new AnswerCache(1000);
    cache.set('huge', answer(2000));
    expect(cache.get('huge')).toBeUndefined();
    cache.set('a', answer(100));
    cache.set('a', answer(200));
    expect(cache.size).toEqual({ answers: 1, bytes: 210 });
  });

  it('builds an answer once for the requests that ask while it is built, and keeps it', async () => {
    const cache = new AnswerCache(1000);
    let builds = 0;
    let finish: (kept: ReturnType<typeof answer>) => void = () => {};
    const make = () => {
      builds++;
      return new Promise<ReturnType<typeof answer>>((resolve) => (finish = resolve));
    };
    const first = cache.build('a', make);
    const waiting = [cache.pending('a'), cache.pending('a')];
    finish(answer(100));
    const built = await first;
    expect(await Promise.all(waiting)).toEqual([built, built]);
    expect(builds).toBe(1);
    expect(cache.get('a')).toBe(built);
    expect(cache.pending('a')).toBeUndefined();
  });

  it('lets the waiting requests build their own when the shared build fails', async () => {
    const cache = new AnswerCache(1000);
    const failed = cache.build('a', () => Promise.reject(new Error('database gone')));
    const waiting = cache.pending('a');
    await expect(failed).rejects.toThrow('database gone');
    expect(await waiting).toBeNull();
    expect(cache.pending('a')).toBeUndefined();
    expect(await cache.build('a', () => Promise.resolve(answer(100)))).toBeDefined();
  });
});
