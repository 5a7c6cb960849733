/** Controls choosing which released counts the map shows: period, incident category and geography. */
import type { ChangeEvent } from 'react';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { ReleaseMetadata } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatPeriod } from '../i18n/format.ts';
import type { Language, MessageKey, Translate } from '../i18n/index.ts';
import {
  CATEGORY_FILTERS,
  GEOGRAPHIES,
  isCategoryFilter,
  isGeography,
  isGeographyAllowed,
} from '../store/filtersSlice.ts';
import { groupPeriods, isPartialPeriod, type PeriodKind } from '../store/periods.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

const PERIOD_GROUP_LABEL: Readonly<Record<PeriodKind, MessageKey>> = {
  year: 'filters.periodYears',
  quarter: 'filters.periodQuarters',
  month: 'filters.periodMonths',
};

function periodLabel(period: string, metadata: ReleaseMetadata, language: Language, t: Translate): string {
  const text = formatPeriod(period, language);
  return isPartialPeriod(period, metadata.span) ? t('filters.partial', { period: text }) : text;
}

/** The three filter selects with loading and error states; explains what the tier may not choose. */
export function ReleaseFilters() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const metadataState = useAppState((state) => state.releaseMetadata);
  const filters = useAppState((state) => state.filters);
  const countsStatus = useAppState((state) => state.releasedCounts.status);
  const countsError = useAppState((state) => state.releasedCounts.error);
  const periodChosen = useAppState((state) => state.periodChosen);
  const categoryChosen = useAppState((state) => state.categoryChosen);
  const geographyChosen = useAppState((state) => state.geographyChosen);
  const releaseRetryRequested = useAppState((state) => state.releaseRetryRequested);
  const loading = metadataState.status === 'loading' || countsStatus === 'loading';
  const showLoading = useDelayedFlag(loading);

  const problem =
    metadataState.status === 'failed'
      ? t('filters.metadataFailed', { reason: t(errorMessageKey(metadataState.error)) })
      : countsStatus === 'failed'
        ? t('filters.failed', { reason: t(errorMessageKey(countsError)) })
        : null;

  const metadata = metadataState.status === 'ready' ? metadataState.metadata : null;
  const periods = metadata ? groupPeriods(metadata.periods) : null;
  const hasPartial = metadata?.periods.some((period) => isPartialPeriod(period, metadata.span)) ?? false;

  const onPeriod = (event: ChangeEvent<HTMLSelectElement>) => periodChosen(event.target.value);
  const onCategory = (event: ChangeEvent<HTMLSelectElement>) => {
    if (isCategoryFilter(event.target.value)) categoryChosen(event.target.value);
  };
  const onGeography = (event: ChangeEvent<HTMLSelectElement>) => {
    if (isGeography(event.target.value)) geographyChosen(event.target.value);
  };

  return (
    <section className="panel__section filters" aria-labelledby="filters-title" aria-busy={loading}>
      <h2 id="filters-title" className="panel__heading">
        {t('filters.title')}
      </h2>
      <div className="filters__fields">
        <label className="field">
          <span className="field__label">{t('filters.period')}</span>
          <select
            className="field__input"
            value={filters.period ?? ''}
            onChange={onPeriod}
            disabled={!metadata}
            data-testid="filter-period"
          >
            {!periods && <option value={filters.period ?? ''}>{t('filters.loadingOptions')}</option>}
            {periods &&
              metadata &&
              (Object.keys(PERIOD_GROUP_LABEL) as PeriodKind[]).map((kind) =>
                periods[kind].length === 0 ? null : (
                  <optgroup key={kind} label={t(PERIOD_GROUP_LABEL[kind])}>
                    {periods[kind].map((period) => (
                      <option key={period} value={period}>
                        {periodLabel(period, metadata, language, t)}
                      </option>
                    ))}
                  </optgroup>
                ),
              )}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('filters.category')}</span>
          <select
            className="field__input"
            value={filters.category}
            onChange={onCategory}
            disabled={!metadata}
            data-testid="filter-category"
          >
            {CATEGORY_FILTERS.filter((category) => !metadata || metadata.categories.includes(category)).map(
              (category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ),
            )}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('filters.geography')}</span>
          <select
            className="field__input"
            value={filters.geography}
            onChange={onGeography}
            disabled={!metadata}
            data-testid="filter-geography"
          >
            {GEOGRAPHIES.map((geography) => {
              const allowed = !metadata || isGeographyAllowed(geography, metadata);
              const label = t(`geography.${geography}`);
              return (
                <option key={geography} value={geography} disabled={!allowed}>
                  {allowed ? label : t('filters.needsSignIn', { option: label })}
                </option>
              );
            })}
          </select>
        </label>
      </div>
      {metadata && periods?.month.length === 0 && <p className="filters__note">{t('filters.limitMonths')}</p>}
      {metadata && !metadata.resolutions.includes(8) && (
        <p className="filters__note">{t('filters.limitFineCells')}</p>
      )}
      {metadata?.span && hasPartial && (
        <p className="filters__note">
          {t('filters.partialHint', {
            first: formatPeriod(metadata.span.first, language),
            last: formatPeriod(metadata.span.last, language),
          })}
        </p>
      )}
      <p className="filters__status" aria-live="polite" data-testid="release-loading">
        {showLoading && (
          <>
            <span className="spinner" aria-hidden="true" />
            {metadata ? t('filters.loading') : t('filters.loadingOptions')}
          </>
        )}
      </p>
      {problem && (
        <div className="filters__problem" role="alert">
          <span>{problem}</span>
          <button type="button" className="button button--quiet" onClick={releaseRetryRequested}>
            {t('filters.retry')}
          </button>
        </div>
      )}
    </section>
  );
}
