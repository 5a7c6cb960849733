import { describe, expect, it } from 'vitest';
import { formatCount, formatPeriod } from './format.ts';

describe('formatting for the chosen language', () => {
  it('writes periods in words', () => {
    expect(formatPeriod('2025', 'id')).toBe('2025');
    expect(formatPeriod('2025-Q1', 'id')).toBe('Triwulan 1 2025');
    expect(formatPeriod('2025-Q1', 'en')).toBe('Q1 2025');
    expect(formatPeriod('2025-01', 'id')).toBe('Januari 2025');
    expect(formatPeriod('2025-12', 'en')).toBe('December 2025');
    expect(formatPeriod('oops', 'en')).toBe('oops');
  });

  it('groups thousands the local way', () => {
    expect(formatCount(1234, 'id')).toBe('1.234');
    expect(formatCount(1234, 'en')).toBe('1,234');
  });
});
