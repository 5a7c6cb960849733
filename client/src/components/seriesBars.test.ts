import { describe, expect, it } from 'vitest';
import { seriesBars } from './seriesBars.ts';

describe('seriesBars', () => {
  const series = [
    { period: '2023', count: 20, suppressed: false },
    { period: '2024', count: null, suppressed: true },
    { period: '2025', count: 0, suppressed: false },
  ];

  it('scales counts to the largest one, side by side across the width', () => {
    const [first, , last] = seriesBars(series, 10, 300, 100);
    expect(first).toMatchObject({ period: '2023', y: 0, height: 100 });
    expect(last).toMatchObject({ period: '2025', height: 0, y: 100 });
    expect(first?.x).toBeCloseTo(10);
    expect(first?.width).toBeCloseTo(80);
    expect(last?.x).toBeCloseTo(210);
  });

  it('draws a suppressed period up to threshold − 1, the most its hidden count can be', () => {
    const hidden = seriesBars(series, 10, 300, 100)[1];
    expect(hidden).toMatchObject({ suppressed: true, count: null });
    expect(hidden?.height).toBeCloseTo((9 / 20) * 100);
    const onlyHidden = seriesBars([{ period: '2024', count: null, suppressed: true }], 5, 100, 40)[0];
    expect(onlyHidden?.height).toBeCloseTo(40);
  });

  it('gives an empty series no bars', () => {
    expect(seriesBars([], 10, 300, 100)).toEqual([]);
  });
});
