// Release periods: calendar months, quarters and years only, so that periods nest (month ⊂ quarter ⊂ year)
// and never overlap partially, plus the data span they are drawn from.

/** Kinds of release period, finest first. */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
/** One kind of release period. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A month as `YYYY-MM`. */
export type MonthKey = `${number}-${string}`;

/** A parsed release period: its kind, canonical text and calendar year. */
export interface Period {
  kind: PeriodKind;
  /** Canonical text: `YYYY`, `YYYY-Qn` or `YYYY-MM`. */
  key: string;
  year: number;
  /** Quarter 1–4 (also set for months), absent for years. */
  quarter?: number;
  /** Month 1–12, months only. */
  month?: number;
}

/** The months covered by the data, inclusive, as `YYYY-MM`. */
export interface DataSpan {
  first: string;
  last: string;
}

const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** Parses `YYYY`, `YYYY-Qn` or `YYYY-MM`; null for anything else. */
export function parsePeriod(text: string): Period | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) return { kind: 'quarter', key: text, year, quarter: Number(match[2]) };
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    return { kind: 'month', key: text, year, quarter: Math.ceil(month / 3), month };
  }
  return { kind: 'year', key: text, year };
}

/** Index of a `YYYY-MM` month counted from year 0 (12·year + month − 1). */
export function monthIndex(month: string): number {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month' || period.month === undefined) {
    throw new Error(`Not a month (YYYY-MM): ${month}`);
  }
  return period.year * 12 + period.month - 1;
}

/** The `YYYY-MM` text of a month index. */
export function monthKey(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The quarter (`YYYY-Qn`) a month index lies in. */
export function quarterOfMonth(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-Q${Math.floor((index % 12) / 3) + 1}`;
}

/** The months of the span inside a period, as month indices in order (empty when they do not meet). */
export function monthsOfPeriod(period: Period, span: DataSpan): number[] {
  const first = monthIndex(span.first);
  const last = monthIndex(span.last);
  const from =
    period.kind === 'year'
      ? period.year * 12
      : period.kind === 'quarter'
        ? period.year * 12 + ((period.quarter ?? 1) - 1) * 3
        : period.year * 12 + (period.month ?? 1) - 1;
  const length = period.kind === 'year' ? 12 : period.kind === 'quarter' ? 3 : 1;
  const months: number[] = [];
  for (let m = Math.max(from, first); m <= Math.min(from + length - 1, last); m++) months.push(m);
  return months;
}

/** Every period of a kind that meets the span, in calendar order. */
export function periodsInSpan(kind: PeriodKind, span: DataSpan): Period[] {
  const seen = new Set<string>();
  const periods: Period[] = [];
  for (let m = monthIndex(span.first); m <= monthIndex(span.last); m++) {
    const key =
      kind === 'month' ? monthKey(m) : kind === 'quarter' ? quarterOfMonth(m) : String(Math.floor(m / 12));
    if (seen.has(key)) continue;
    seen.add(key);
    periods.push(parsePeriod(key) as Period);
  }
  return periods;
}

/** The span from the first to the last month that has data, or null without data. */
export function spanOfMonths(months: Iterable<string>): DataSpan | null {
  let first = Infinity;
  let last = -Infinity;
  for (const month of months) {
    const index = monthIndex(month);
    first = Math.min(first, index);
    last = Math.max(last, index);
  }
  return Number.isFinite(first) ? { first: monthKey(first), last: monthKey(last) } : null;
}

/** Whether a period of kind `kind` is as coarse as `finest` or coarser (months are finer than quarters). */
export function isAtLeastAsCoarse(kind: PeriodKind, finest: PeriodKind): boolean {
  return PERIOD_KINDS.indexOf(kind) >= PERIOD_KINDS.indexOf(finest);
}
