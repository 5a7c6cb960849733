// Emerging hot spot classes on constructed series, one or more per class.
import { describe, expect, it } from 'vitest';
import { classifyEmerging, EMERGING_CLASSES, emergingHotSpots } from '@titik-rawan/server/analytics/emerging';

/** Bins from a compact string: '+' hot (bin 2), '-' cold (bin −2), '.' not significant. */
const bins = (pattern: string): number[] => [...pattern].map((c) => (c === '+' ? 2 : c === '-' ? -2 : 0));
/** A z-series consistent with the bins, with no trend: ±2.5 where significant, small noise elsewhere. */
const flatZ = (pattern: string): number[] =>
  [...pattern].map((c, i) => (c === '+' ? 2.5 : c === '-' ? -2.5 : 0) + (i % 2 === 0 ? 0.1 : -0.1));
const rising = (n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
const classify = (pattern: string, z: number[] = flatZ(pattern)): string =>
  classifyEmerging(bins(pattern), z).class;

describe('classifyEmerging, hot spots', () => {
  it('new: hot only in the final step', () => {
    expect(classify('.........+')).toBe('new-hot-spot');
    expect(classify('.-.......+')).toBe('new-hot-spot');
  });

  it('consecutive: a final run of at least two hot steps, never hot before, < 90 %', () => {
    expect(classify('.......+++')).toBe('consecutive-hot-spot');
    expect(classify('..++++++++')).toBe('consecutive-hot-spot');
    // 90 % hot is no longer consecutive but one of the ≥ 90 % classes.
    expect(classify('.+++++++++')).toBe('persistent-hot-spot');
  });

  it('intensifying: ≥ 90 % hot including the final step, significant rise', () => {
    expect(classify('++++++++++', rising(10, 2, 6))).toBe('intensifying-hot-spot');
    expect(classify('.+++++++++', rising(10, 1, 6))).toBe('intensifying-hot-spot');
  });

  it('persistent: ≥ 90 % hot, no significant trend', () => {
    expect(classify('++++++++++')).toBe('persistent-hot-spot');
    expect(classify('+++.++++++')).toBe('persistent-hot-spot');
  });

  it('diminishing: ≥ 90 % hot including the final step, significant fall', () => {
    expect(classify('++++++++++', rising(10, 6, 2))).toBe('diminishing-hot-spot');
  });

  it('sporadic: final step hot, hot on and off before, < 90 %, never cold', () => {
    expect(classify('.+..+...++')).toBe('sporadic-hot-spot');
    expect(classify('+........+')).toBe('sporadic-hot-spot');
  });

  it('oscillating: final step hot, cold in an earlier step, < 90 %', () => {
    expect(classify('-.+..+...+')).toBe('oscillating-hot-spot');
    expect(classify('+-.......+')).toBe('oscillating-hot-spot');
  });

  it('historical: final step not hot, ≥ 90 % hot', () => {
    expect(classify('+++++++++.')).toBe('historical-hot-spot');
    expect(classify('+++++++++-')).toBe('historical-hot-spot');
  });

  it('counts 90 % exactly as ≥ 90 %, and 89 % as less', () => {
    expect(classify('+'.repeat(18) + '..')).toBe('historical-hot-spot'); // 18 of 20 = 90 %
    expect(classify('+'.repeat(17) + '..')).toBe('no-pattern'); // 17 of 19 ≈ 89.5 %
  });
});

describe('classifyEmerging, cold spots mirror hot spots', () => {
  const mirror = (p: string): string => [...p].map((c) => (c === '+' ? '-' : c === '-' ? '+' : c)).join('');
  const negate = (z: number[]): number[] => z.map((x) => -x);

  it.each([
    ['.........+', 'new', undefined],
    ['.......+++', 'consecutive', undefined],
    ['++++++++++', 'intensifying', rising(10, 2, 6)],
    ['++++++++++', 'persistent', undefined],
    ['++++++++++', 'diminishing', rising(10, 6, 2)],
    ['.+..+...++', 'sporadic', undefined],
    ['-.+..+...+', 'oscillating', undefined],
    ['+++++++++.', 'historical', undefined],
  ] as const)('%s is %s (hot), and its mirror image the cold one', (pattern, name, z) => {
    const hotZ = z ?? flatZ(pattern);
    expect(classify(pattern, hotZ)).toBe(`${name}-hot-spot`);
    expect(classify(mirror(pattern), negate(hotZ))).toBe(`${name}-cold-spot`);
  });
});

describe('classifyEmerging, no pattern', () => {
  it('never significant, or significant only before the final step at < 90 %', () => {
    expect(classify('..........')).toBe('no-pattern');
    expect(classify('..+++.....')).toBe('no-pattern');
    expect(classify('+-+-+-+-+.')).toBe('no-pattern');
  });

  it('a significant trend alone is no pattern', () => {
    expect(classify('..........', rising(10, -1.5, 1.5))).toBe('no-pattern');
  });

  it('honours the trend significance level', () => {
    const z = [2.5, 2.6, 2.4, 2.7, 2.8, 2.6, 2.9, 3.0, 2.8, 3.1];
    const strict = classifyEmerging(bins('++++++++++'), z, { trendAlpha: 1e-6 });
    const loose = classifyEmerging(bins('++++++++++'), z, { trendAlpha: 0.05 });
    expect(strict.class).toBe('persistent-hot-spot');
    expect(loose.class).toBe('intensifying-hot-spot');
    expect(loose.trend.p).toBeLessThan(0.05);
  });
});

describe('emergingHotSpots', () => {
  it('classifies each cell from step-major bins and z-scores', () => {
    // Cell 0 grows into a hot spot over the last three steps, cell 1 fades, cell 2 is quiet.
    const steps = 10;
    const binsByStep = Array.from({ length: steps }, (_, t) => [t >= 7 ? 2 : 0, t < 9 ? 2 : 0, 0]);
    const zByStep = Array.from({ length: steps }, (_, t) => [
      t >= 7 ? 2.5 + t / 10 : t / 10,
      t < 9 ? 3 - t / 10 : 1,
      0,
    ]);
    const classes = emergingHotSpots(binsByStep, zByStep).map((r) => r.class);
    expect(classes).toEqual(['consecutive-hot-spot', 'historical-hot-spot', 'no-pattern']);
    for (const c of classes) expect(EMERGING_CLASSES).toContain(c);
  });

  it('rejects ragged input', () => {
    expect(() => emergingHotSpots([[0, 1]], [[0]])).toThrow(RangeError);
    expect(() => classifyEmerging([0, 1], [0])).toThrow(RangeError);
    expect(() => classifyEmerging([], [])).toThrow(RangeError);
  });
});
