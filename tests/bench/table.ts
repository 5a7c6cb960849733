// Percentiles and plain-text tables for the benchmarks' output.

/** Left-aligns the first `leftColumns` columns (names) and right-aligns the others (figures), two spaces apart. */
export function formatTable(rows: ReadonlyArray<readonly string[]>, leftColumns = 1): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column < leftColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Percentiles of some latencies, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles of some latencies (null when there are none). */
export function latencyOf(times: readonly number[]): Latency | null {
  if (times.length === 0) return null;
  const sorted = [...times].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    n: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    min: sorted[0] ?? 0,
    max: sorted.at(-1) ?? 0,
  };
}
