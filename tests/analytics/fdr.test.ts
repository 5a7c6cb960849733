// p-values, Benjamini–Hochberg and the ArcGIS Gi_Bin rule.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  erfc,
  fdrCriticalPValue,
  hotSpotBins,
  twoSidedPValue,
  twoSidedPValues,
} from '@titik-rawan/server/analytics/fdr';

interface NormalFixture {
  readonly normalZ: number[];
}
const fixtureDir = new URL('../fixtures/gistar/', import.meta.url);
const input = JSON.parse(readFileSync(new URL('input.json', fixtureDir), 'utf8')) as NormalFixture;
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDir), 'utf8')) as {
  two_sided_p: number[];
};

const zArb = fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('normal p-values', () => {
  it("match R's 2 * pnorm(-|z|) to 1e-12 relative error, deep into the tail", () => {
    input.normalZ.forEach((z, i) => {
      const reference = expected.two_sided_p[i] ?? NaN;
      expect(Math.abs(twoSidedPValue(z) - reference) / reference).toBeLessThan(1e-12);
    });
  });

  it('erfc has the known values and symmetry', () => {
    expect(erfc(0)).toBe(1);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 14);
    expect(erfc(2)).toBeCloseTo(0.004677734981047266, 16);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 15);
    expect(erfc(30)).toBe(0);
  });

  it('are continuous where the series hands over to the continued fraction', () => {
    expect(Math.abs(erfc(2 - 1e-12) - erfc(2)) / erfc(2)).toBeLessThan(1e-10);
  });
});

describe('Benjamini–Hochberg', () => {
  it('reproduces a worked example (R p.adjust(method = "BH"))', () => {
    const p = Float64Array.from([0.01, 0.04, 0.03, 0.005, 0.2]);
    // sorted: 0.005, 0.01, 0.03, 0.04, 0.2 → 0.025, 0.025, 0.05, 0.05, 0.2
    const q = benjaminiHochberg(p);
    expect(Array.from(q).map((x) => Number(x.toFixed(12)))).toEqual([0.025, 0.05, 0.05, 0.025, 0.2]);
    expect(fdrCriticalPValue(p, 0.05)).toBe(0.04);
    expect(fdrCriticalPValue(p, 0.01)).toBeNull();
  });

  it('adjusted p-values are ≥ raw, ≤ 1 and keep the order of the raw p-values', () => {
    fc.assert(
      fc.property(zArb, (z) => {
        const p = twoSidedPValues(Float64Array.from(z));
        const q = benjaminiHochberg(p);
        p.forEach((pi, i) => {
          const qi = q[i] ?? NaN;
          expect(qi).toBeGreaterThanOrEqual(pi - 1e-15);
          expect(qi).toBeLessThanOrEqual(1);
          p.forEach((pj, j) => {
            if (pi <= pj) expect(qi).toBeLessThanOrEqual((q[j] ?? NaN) + 1e-15);
          });
        });
      }),
    );
  });

  it("ArcGIS's critical p-value rule selects exactly the cells with q ≤ α", () => {
    fc.assert(
      fc.property(zArb, fc.constantFrom(0.1, 0.05, 0.01), (z, alpha) => {
        const p = twoSidedPValues(Float64Array.from(z));
        const critical = fdrCriticalPValue(p, alpha);
        const q = benjaminiHochberg(p);
        p.forEach((pi, i) => {
          expect(critical !== null && pi <= critical).toBe((q[i] ?? NaN) <= alpha);
        });
      }),
    );
  });
});

describe('hotSpotBins', () => {
  it('bins by confidence without FDR: 90/95/99 % two-sided', () => {
    const z = Float64Array.from([0, 1.6, 1.7, -1.7, 2.0, -2.0, 2.6, -2.6, 1.9599, 2.5758]);
    expect(Array.from(hotSpotBins(z, { fdr: false }))).toEqual([0, 0, 1, -1, 2, -2, 3, -3, 1, 2]);
  });

  it('with FDR, a lone moderate z among many nulls is not significant', () => {
    const z = new Float64Array(100);
    z[0] = 2.2;
    expect(hotSpotBins(z, { fdr: false })[0]).toBe(2);
    expect(hotSpotBins(z)[0]).toBe(0);
  });

  it('with FDR, strong z-scores survive', () => {
    const z = new Float64Array(100);
    z[0] = 5;
    z[1] = -4.5;
    const bins = hotSpotBins(z);
    expect([bins[0], bins[1]]).toEqual([3, -3]);
  });

  it('are symmetric: negating z negates the bins', () => {
    fc.assert(
      fc.property(zArb, fc.boolean(), (z, fdr) => {
        const bins = hotSpotBins(Float64Array.from(z), { fdr });
        const negated = hotSpotBins(
          Float64Array.from(z, (x) => -x),
          { fdr },
        );
        expect(Array.from(negated)).toEqual(Array.from(bins, (b) => (b === 0 ? 0 : -b)));
      }),
    );
  });

  it('are monotone in |z| and FDR never adds significance', () => {
    fc.assert(
      fc.property(zArb, (z) => {
        const zs = Float64Array.from(z);
        const bins = hotSpotBins(zs);
        const raw = hotSpotBins(zs, { fdr: false });
        zs.forEach((zi, i) => {
          expect(Math.abs(bins[i] ?? 0)).toBeLessThanOrEqual(Math.abs(raw[i] ?? 0));
          zs.forEach((zj, j) => {
            if (Math.abs(zi) <= Math.abs(zj)) {
              expect(Math.abs(bins[i] ?? 0)).toBeLessThanOrEqual(Math.abs(bins[j] ?? 0));
            }
          });
        });
      }),
    );
  });
});
