/** Geometry of the small released-series chart: one bar per period, suppressed periods as hatched stubs. */

/** One period of a released series: its count, or null when suppressed. */
export interface SeriesPoint {
  readonly period: string;
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** One bar of the chart, in SVG user units (y grows downwards). */
export interface SeriesBar {
  readonly period: string;
  readonly count: number | null;
  readonly suppressed: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Gap between bars as a share of each bar's slot. */
const GAP_SHARE = 0.2;

/**
 * Bars filling `width` × `height`: a count's bar is scaled to the largest of the counts and of `threshold` − 1
 * (the most a suppressed count can be); a suppressed period's bar reaches `threshold` − 1, the top of the range
 * its hidden count lies in, and is drawn hatched so it does not read as a value. Zero has no bar.
 */
export function seriesBars(
  series: readonly SeriesPoint[],
  threshold: number,
  width: number,
  height: number,
): SeriesBar[] {
  const hiddenMost = Math.max(1, threshold - 1);
  const top = Math.max(hiddenMost, ...series.map((point) => point.count ?? 0));
  const slot = series.length > 0 ? width / series.length : width;
  return series.map((point, index) => {
    const value = point.suppressed ? hiddenMost : (point.count ?? 0);
    const barHeight = (value / top) * height;
    return {
      period: point.period,
      count: point.count,
      suppressed: point.suppressed,
      x: index * slot + (slot * GAP_SHARE) / 2,
      y: height - barHeight,
      width: slot * (1 - GAP_SHARE),
      height: barHeight,
    };
  });
}
