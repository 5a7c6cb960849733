// Poisson regression by IRLS against an independent reference (R's glm, fixture in tests/fixtures/poisson),
// closed forms, and its errors for models without a finite, unique estimate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitPoisson, PoissonFitError, type PoissonFit } from '@titik-rawan/server/analytics/poisson';

interface PoissonDataSet {
  readonly name: string;
  readonly covariateNames: string[];
  readonly covariates: number[][];
  readonly counts: number[];
}
interface PoissonExpected {
  readonly name: string;
  readonly coefficients: number[];
  readonly standard_errors: number[];
  readonly z_values: number[];
  readonly p_values: number[];
  readonly deviance: number;
  readonly null_deviance: number;
  readonly log_likelihood: number;
  readonly aic: number;
  readonly bic: number;
  readonly dispersion: number;
  readonly default_control: {
    readonly coefficients: number[];
    readonly standard_errors: number[];
    readonly deviance: number;
    readonly aic: number;
  };
}
const fixtureDir = new URL('../fixtures/poisson/', import.meta.url);
const input = JSON.parse(readFileSync(new URL('input.json', fixtureDir), 'utf8')) as {
  dataSets: PoissonDataSet[];
};
const expected = JSON.parse(readFileSync(new URL('expected.json', fixtureDir), 'utf8')) as {
  fits: PoissonExpected[];
};

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? NaN) - (b[i] ?? NaN)));
  return max;
}

/** Largest absolute difference between every statistic of our fit and R's. */
function differencesFromR(fit: PoissonFit, r: PoissonExpected): Record<string, number> {
  return {
    coefficients: maxAbsDifference(fit.coefficients, r.coefficients),
    standardErrors: maxAbsDifference(fit.standardErrors, r.standard_errors),
    zValues: maxAbsDifference(fit.zValues, r.z_values),
    pValues: maxAbsDifference(fit.pValues, r.p_values),
    deviance: Math.abs(fit.deviance - r.deviance),
    nullDeviance: Math.abs(fit.nullDeviance - r.null_deviance),
    logLikelihood: Math.abs(fit.logLikelihood - r.log_likelihood),
    aic: Math.abs(fit.aic - r.aic),
    bic: Math.abs(fit.bic - r.bic),
    dispersion: Math.abs(fit.dispersion - r.dispersion),
  };
}

describe('fitPoisson against R glm(y ~ ., family = poisson)', () => {
  it.each(input.dataSets.map((d, k) => [d.name, d, expected.fits[k]] as const))(
    'matches R to 1e-6 on the %s data set',
    (name, data, r) => {
      expect(r?.name).toBe(name);
      expect(data.counts.length).toBeGreaterThanOrEqual(300);
      const fit = fitPoisson(data.counts, data.covariates);
      const differences = differencesFromR(fit, r as PoissonExpected);
      console.log(`${name}: max |ours − R| per statistic`, differences);
      for (const [statistic, difference] of Object.entries(differences)) {
        expect(difference, statistic).toBeLessThan(1e-6);
      }
      expect(fit.observations).toBe(data.counts.length);
      expect(fit.parameters).toBe(data.covariates.length + 1);
    },
  );

  it.each(input.dataSets.map((d, k) => [d.name, d, expected.fits[k]] as const))(
    'matches the estimates of R with its default glm.control on the %s data set',
    (_name, data, r) => {
      const fit = fitPoisson(data.counts, data.covariates);
      const reference = (r as PoissonExpected).default_control;
      expect(maxAbsDifference(fit.coefficients, reference.coefficients)).toBeLessThan(1e-6);
      expect(Math.abs(fit.deviance - reference.deviance)).toBeLessThan(1e-6);
      expect(Math.abs(fit.aic - reference.aic)).toBeLessThan(1e-6);
      // summary.glm's standard errors there come from one IRLS step before the estimate (see the README).
      expect(maxAbsDifference(fit.standardErrors, reference.standard_errors)).toBeLessThan(1e-5);
    },
  );
});

describe('fitPoisson closed forms', () => {
  const counts = [0, 2, 1, 4, 0, 3, 1, 0, 5, 2, 1, 0];
  const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);

  it('fits the intercept-only model as log of the mean count, with SE 1/√Σy', () => {
    const fit = fitPoisson(counts, []);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(sum(counts) / counts.length), 12);
    expect(fit.standardErrors[0]).toBeCloseTo(1 / Math.sqrt(sum(counts)), 12);
    expect(fit.deviance).toBeCloseTo(fit.nullDeviance, 10);
  });

  it('fits a binary covariate as the log ratio of the group means, with SE √(1/Σy₀ + 1/Σy₁)', () => {
    const group = counts.map((_, i) => (i % 3 === 0 ? 1 : 0));
    const inGroup = counts.filter((_, i) => group[i] === 1);
    const outside = counts.filter((_, i) => group[i] === 0);
    const fit = fitPoisson(counts, [group]);
    const meanIn = sum(inGroup) / inGroup.length;
    const meanOut = sum(outside) / outside.length;
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(meanOut), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(meanIn / meanOut), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / sum(inGroup) + 1 / sum(outside)), 10);
  });

  it('gives the same fit whatever the order of the rows', () => {
    const [data] = input.dataSets;
    if (!data) throw new Error('fixture has no data set');
    const order = data.counts.map((_, i) => (i * 7) % data.counts.length);
    const fit = fitPoisson(data.counts, data.covariates);
    const permuted = fitPoisson(
      order.map((i) => data.counts[i] ?? 0),
      data.covariates.map((column) => order.map((i) => column[i] ?? 0)),
    );
    expect(maxAbsDifference(permuted.coefficients, fit.coefficients)).toBeLessThan(1e-10);
    expect(Math.abs(permuted.aic - fit.aic)).toBeLessThan(1e-8);
  });
});

describe('fitPoisson failures', () => {
  const counts = [0, 2, 1, 4, 0, 3, 1, 0, 5, 2, 1, 0];
  const failure = (run: () => unknown): PoissonFitError => {
    try {
      run();
    } catch (error) {
      if (error instanceof PoissonFitError) return error;
      throw error;
    }
    throw new Error('expected a PoissonFitError');
  };

  it('reports separation when a covariate occurs only where the count is zero', () => {
    const onlyAtZeros = counts.map((c, i) => (c === 0 && i % 2 === 0 ? 1 : 0));
    const ramp = counts.map((_, i) => i / 10);
    const error = failure(() => fitPoisson(counts, [ramp, onlyAtZeros]));
    expect(error.failure).toBe('separation');
    expect(error.covariate).toBe(1);
    expect(error.message).toMatch(/no finite estimate/);
  });

  it('reports separation when every count is zero', () => {
    expect(failure(() => fitPoisson([0, 0, 0, 0], [])).failure).toBe('separation');
  });

  it('reports a constant, repeated or linearly dependent covariate as collinear, naming it', () => {
    const x = counts.map((_, i) => i % 2);
    const z = counts.map((_, i) => (i % 3) / 2);
    expect(failure(() => fitPoisson(counts, [x, x])).covariate).toBe(1);
    expect(failure(() => fitPoisson(counts, [x, counts.map(() => 3)])).failure).toBe('collinear');
    const combination = x.map((v, i) => 2 * v - (z[i] ?? 0) + 1);
    const error = failure(() => fitPoisson(counts, [x, z, combination]));
    expect(error.failure).toBe('collinear');
    expect(error.covariate).toBe(2);
  });

  it('reports no convergence when the iterations run out', () => {
    const x = counts.map((_, i) => i % 2);
    expect(failure(() => fitPoisson(counts, [x], { maxIterations: 2 })).failure).toBe('no-convergence');
  });

  it('rejects counts that are negative or fractional, ragged covariates and too few rows', () => {
    expect(() => fitPoisson([1, -1, 2], [])).toThrow(RangeError);
    expect(() => fitPoisson([1, 0.5, 2], [])).toThrow(RangeError);
    expect(() => fitPoisson([1, 0, 2], [[1, 0]])).toThrow(RangeError);
    expect(() => fitPoisson([1, 0, 2], [[1, 0, NaN]])).toThrow(RangeError);
    expect(() => fitPoisson([1, 2], [[0, 1]])).toThrow(RangeError);
  });
});
