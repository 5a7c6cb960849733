/**
 * A small bar chart of the selected place's released series (one bar per period of the filter's kind, current
 * period marked), suppressed periods hatched; each bar names its period and value, and a table reads it out.
 */
import { useId } from 'react';
import { fetchReleaseSeries } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { CategoryFilter, ReleaseSeries } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount, formatPeriod } from '../i18n/format.ts';
import { RELEASE_COLOUR } from '../map/layers/releases.ts';
import { parsePeriod } from '../store/periods.ts';
import { seriesBars } from './seriesBars.ts';
import { useApiResource } from './useApiResource.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

const WIDTH = 280;
const HEIGHT = 72;

/** The chart of `place`'s released counts for the current category, in periods of the current period's kind. */
export function ReleaseSeriesChart(props: { place: string }) {
  const t = useT();
  const hatchId = useId();
  const language = useAppState((state) => state.language);
  const period = useAppState((state) => state.filters.period);
  const category = useAppState((state) => state.filters.category);
  const tier = useAppState((state) =>
    state.releaseMetadata.status === 'ready' ? state.releaseMetadata.metadata.tier : null,
  );
  const step = parsePeriod(period)?.kind ?? null;
  const key = step && tier ? `${tier}|${props.place}|${step}|${category}` : null;
  const resource = useApiResource<ReleaseSeries>(key, (signal) =>
    fetchReleaseSeries(
      { place: props.place, step: step ?? 'year', category: category as CategoryFilter },
      signal,
    ),
  );
  const slow = useDelayedFlag(resource.status === 'loading');

  if (resource.status === 'failed') {
    return (
      <p className="panel__text">{t('series.failed', { reason: t(errorMessageKey(resource.error)) })}</p>
    );
  }
  if (resource.status !== 'ready') {
    return slow ? (
      <p className="panel__text" role="status">
        {t('cell.loading')}
      </p>
    ) : null;
  }
  const { series, release } = resource.data;
  const bars = seriesBars(series, release.threshold, WIDTH, HEIGHT);
  const valueText = (count: number | null) =>
    count === null
      ? t('legend.suppressed', { k: formatCount(release.threshold, language) })
      : formatCount(count, language);
  const first = series[0];
  const last = series.at(-1);
  return (
    <figure className="series" data-testid="series-chart">
      <figcaption className="series__caption">{t(`series.title.${release.step}`)}</figcaption>
      <svg
        className="series__chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 2}`}
        role="img"
        aria-label={t('series.label', { periods: series.length })}
      >
        <defs>
          <pattern
            id={hatchId}
            width="5"
            height="5"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="5" height="5" fill={RELEASE_COLOUR.suppressedBackground} />
            <line x1="0" y1="0" x2="0" y2="5" stroke={RELEASE_COLOUR.suppressedLine} strokeWidth="2" />
          </pattern>
        </defs>
        <line x1="0" y1={HEIGHT + 1} x2={WIDTH} y2={HEIGHT + 1} stroke="#94a3b8" strokeWidth="1" />
        {bars.map((bar) => (
          <rect
            key={bar.period}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={Math.max(bar.height, 0)}
            fill={bar.suppressed ? `url(#${hatchId})` : RELEASE_COLOUR.classes[3]}
            stroke={bar.period === period ? '#0f172a' : 'none'}
            strokeWidth={bar.period === period ? 1.5 : 0}
            data-period={bar.period}
            data-count={bar.count ?? ''}
            data-suppressed={bar.suppressed}
          >
            <title>{`${formatPeriod(bar.period, language)}: ${valueText(bar.count)}`}</title>
          </rect>
        ))}
      </svg>
      {first && last && (
        <div className="series__axis" aria-hidden="true">
          <span>{formatPeriod(first.period, language)}</span>
          <span>{formatPeriod(last.period, language)}</span>
        </div>
      )}
      <table className="visually-hidden">
        <caption>{t(`series.title.${release.step}`)}</caption>
        <tbody>
          {series.map((point) => (
            <tr key={point.period}>
              <th scope="row">{formatPeriod(point.period, language)}</th>
              <td>{valueText(point.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {series.some((point) => point.suppressed) && (
        <p className="filters__note">
          {t('series.suppressedNote', { k: formatCount(release.threshold, language) })}
        </p>
      )}
    </figure>
  );
}
