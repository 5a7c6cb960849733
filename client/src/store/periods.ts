/** Release periods as the dashboard offers them: calendar years, quarters and months (`YYYY`, `YYYY-Qn`, `YYYY-MM`). */

/** Kinds of release period, coarsest first. */
export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;

/** One kind of release period. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The months the data covers, inclusive, as `YYYY-MM` (from `GET /api/releases/metadata`). */
export interface DataSpan {
  first: string;
  last: string;
}

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** A parsed period: kind, year, and the first and last month it covers (1–12). */
export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  firstMonth: number;
  lastMonth: number;
}

/** Parses `YYYY`, `YYYY-Qn` or `YYYY-MM`; `null` for anything else. */
export function parsePeriod(text: string | null | undefined): ParsedPeriod | null {
  const match = text ? PERIOD.exec(text) : null;
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] !== undefined) {
    const quarter = Number(match[2]);
    return { kind: 'quarter', year, firstMonth: quarter * 3 - 2, lastMonth: quarter * 3 };
  }
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    return { kind: 'month', year, firstMonth: month, lastMonth: month };
  }
  return { kind: 'year', year, firstMonth: 1, lastMonth: 12 };
}

/** Whether a string is a well-formed release period. */
export function isPeriod(text: string | null | undefined): text is string {
  return parsePeriod(text) !== null;
}

function monthNumber(month: string): number {
  const parsed = parsePeriod(month);
  return parsed && parsed.kind === 'month' ? parsed.year * 12 + parsed.firstMonth - 1 : NaN;
}

/** Whether the data span covers only part of a period (for example a year whose first months predate the data). */
export function isPartialPeriod(period: string, span: DataSpan | null): boolean {
  const parsed = parsePeriod(period);
  if (!parsed || !span) return false;
  const from = parsed.year * 12 + parsed.firstMonth - 1;
  const to = parsed.year * 12 + parsed.lastMonth - 1;
  return from < monthNumber(span.first) || to > monthNumber(span.last);
}

/** The newest calendar year among `periods` that the span covers completely, else the newest year offered. */
export function latestFullYear(periods: readonly string[], span: DataSpan | null): string | null {
  const years = periods.filter((p) => parsePeriod(p)?.kind === 'year').sort();
  const full = years.filter((year) => !isPartialPeriod(year, span));
  return full.at(-1) ?? years.at(-1) ?? null;
}

/** The quarter (`YYYY-Qn`) and year (`YYYY`) containing a period, finest first (empty for a year). */
export function coarserPeriods(period: string): string[] {
  const parsed = parsePeriod(period);
  if (!parsed) return [];
  const year = String(parsed.year);
  if (parsed.kind === 'month') return [`${year}-Q${Math.ceil(parsed.firstMonth / 3)}`, year];
  if (parsed.kind === 'quarter') return [year];
  return [];
}

/**
 * The period to show when `wanted` may not be: `wanted` itself when offered, else the nearest coarser period
 * that contains it, else the latest full year; `null` only when nothing is offered.
 */
export function allowedPeriod(
  wanted: string | null,
  offered: readonly string[],
  span: DataSpan | null,
): string | null {
  if (wanted !== null) {
    for (const candidate of [wanted, ...coarserPeriods(wanted)]) {
      if (offered.includes(candidate)) return candidate;
    }
  }
  return latestFullYear(offered, span) ?? offered[0] ?? null;
}

/** Offered periods grouped by kind (years, quarters, months), newest first within each group. */
export function groupPeriods(periods: readonly string[]): Record<PeriodKind, string[]> {
  const groups: Record<PeriodKind, string[]> = { year: [], quarter: [], month: [] };
  for (const period of periods) {
    const parsed = parsePeriod(period);
    if (parsed) groups[parsed.kind].push(period);
  }
  for (const kind of PERIOD_KINDS) groups[kind].sort().reverse();
  return groups;
}
