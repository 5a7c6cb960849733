import { describe, expect, it } from 'vitest';
import { formatDecimal, formatPValue, formatShare } from './format.ts';

describe('number formats of the analyses', () => {
  it('writes decimals with the language’s separator', () => {
    expect(formatDecimal(2.345, 'id')).toBe('2,35');
    expect(formatDecimal(2.345, 'en')).toBe('2.35');
    expect(formatDecimal(3, 'en', 1)).toBe('3');
  });

  it('writes shares as percentages with at most one decimal', () => {
    expect(formatShare(0.125, 'en')).toBe('12.5%');
    expect(formatShare(0.4, 'id')).toMatch(/^40\s?%$/);
  });

  it('writes small p-values as a bound', () => {
    expect(formatPValue(0.00001, 'en')).toBe('< 0.001');
    expect(formatPValue(0.0123, 'id')).toBe('0,012');
    expect(formatPValue(0.5, 'en')).toBe('0.5');
  });
});
