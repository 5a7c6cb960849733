import { describe, expect, it } from 'vitest';
import {
  allowedPeriod,
  coarserPeriods,
  groupPeriods,
  isPartialPeriod,
  latestFullYear,
  parsePeriod,
} from './periods.ts';

const span = { first: '2023-11', last: '2026-10' };
const publicPeriods = ['2023', '2024', '2025', '2026', '2023-Q4', '2024-Q1', '2025-Q4', '2026-Q4'];

describe('release periods', () => {
  it('parses years, quarters and months, and nothing else', () => {
    expect(parsePeriod('2025')).toEqual({ kind: 'year', year: 2025, firstMonth: 1, lastMonth: 12 });
    expect(parsePeriod('2025-Q2')).toEqual({ kind: 'quarter', year: 2025, firstMonth: 4, lastMonth: 6 });
    expect(parsePeriod('2025-03')).toEqual({ kind: 'month', year: 2025, firstMonth: 3, lastMonth: 3 });
    for (const bad of ['2025-13', '2025-Q5', '2025-03-01', '25', '', null])
      expect(parsePeriod(bad)).toBeNull();
  });

  it('marks periods the data span covers only in part', () => {
    expect(isPartialPeriod('2023', span)).toBe(true);
    expect(isPartialPeriod('2026-Q4', span)).toBe(true);
    expect(isPartialPeriod('2025', span)).toBe(false);
    expect(isPartialPeriod('2023-11', span)).toBe(false);
  });

  it('defaults to the latest full year', () => {
    expect(latestFullYear(publicPeriods, span)).toBe('2025');
    expect(latestFullYear(['2026'], span)).toBe('2026');
    expect(latestFullYear([], span)).toBeNull();
  });

  it('falls back from a month to its quarter, then its year, then the latest full year', () => {
    expect(coarserPeriods('2024-05')).toEqual(['2024-Q2', '2024']);
    expect(allowedPeriod('2024-01', publicPeriods, span)).toBe('2024-Q1');
    expect(allowedPeriod('2024-05', publicPeriods, span)).toBe('2024');
    expect(allowedPeriod('2019-Q1', publicPeriods, span)).toBe('2025');
    expect(allowedPeriod(null, publicPeriods, span)).toBe('2025');
    expect(allowedPeriod('2025-Q4', publicPeriods, span)).toBe('2025-Q4');
  });

  it('groups periods by kind, newest first', () => {
    expect(groupPeriods(['2024', '2025', '2024-Q1', '2025-Q4', '2025-01', '2024-12'])).toEqual({
      year: ['2025', '2024'],
      quarter: ['2025-Q4', '2024-Q1'],
      month: ['2025-01', '2024-12'],
    });
  });
});
