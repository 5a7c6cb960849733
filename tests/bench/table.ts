// Plain-text tables for the benchmarks' output.

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
