// The release policy and periods: safe defaults, nested tiers, and strict period parsing.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RELEASE_POLICY,
  checkPeriod,
  checkResolution,
  validatePolicy,
} from '@titik-rawan/server/releases/policy';
import { monthsOfPeriod, parsePeriod, periodsInSpan } from '@titik-rawan/server/releases/periods';

const span = { first: '2023-11', last: '2026-10' };

describe('release policy', () => {
  it('has nested safe defaults', () => {
    expect(() => validatePolicy(DEFAULT_RELEASE_POLICY)).not.toThrow();
    expect(DEFAULT_RELEASE_POLICY.public).toEqual({
      threshold: 10,
      finestResolution: 7,
      finestPeriod: 'quarter',
    });
    expect(() =>
      validatePolicy({
        ...DEFAULT_RELEASE_POLICY,
        ngo: { threshold: 12, finestResolution: 8, finestPeriod: 'month' },
      }),
    ).toThrow();
  });

  it('refuses what a tier may not see with 403 and bad parameters with 400', () => {
    expect(checkPeriod(DEFAULT_RELEASE_POLICY.public, '2024-03', span)).toMatchObject({ status: 403 });
    expect(checkPeriod(DEFAULT_RELEASE_POLICY.public, '2024-13', span)).toMatchObject({ status: 400 });
    expect(checkPeriod(DEFAULT_RELEASE_POLICY.public, '2022', span)).toMatchObject({ status: 404 });
    expect(checkPeriod(DEFAULT_RELEASE_POLICY.ngo, '2024-03', span)).toMatchObject({ kind: 'month' });
    expect(checkResolution(DEFAULT_RELEASE_POLICY.public, '8')).toMatchObject({ status: 403 });
    expect(checkResolution(DEFAULT_RELEASE_POLICY.public, '9')).toMatchObject({ status: 400 });
    expect(checkResolution(DEFAULT_RELEASE_POLICY.satgas, '8')).toBe(8);
  });

  it('parses only YYYY, YYYY-Qn and YYYY-MM, and periods nest within the span', () => {
    for (const bad of ['2024-Q5', '2024-1', '24', '2024-W01', '2024-01-01', ''])
      expect(parsePeriod(bad)).toBeNull();
    expect(periodsInSpan('month', span)).toHaveLength(36);
    expect(periodsInSpan('quarter', span).map((p) => p.key)[0]).toBe('2023-Q4');
    expect(monthsOfPeriod(parsePeriod('2023-Q4')!, span)).toHaveLength(2);
    expect(monthsOfPeriod(parsePeriod('2026')!, span)).toHaveLength(10);
  });
});
