/**
 * Outreach priorities for NGOs, the task force and admins: every kelurahan scored from the figures the tier sees
 * for the dashboard's period and category, re-ranked live as the person moves the weights. The panel shows the top
 * kelurahan; the full table with every component opens in a dialog; the ranking downloads as CSV. Choosing a
 * kelurahan selects it on the map.
 */
import {
  DEFAULT_OUTREACH_WEIGHTS,
  MAX_OUTREACH_WEIGHT,
  OUTREACH_COMPONENTS,
  rankOutreach,
  SUPPRESSED_COUNT_SHARE,
  type OutreachComponent,
  type OutreachWeights,
} from '@titik-rawan/shared/outreach';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { fetchOutreach } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { CategoryFilter } from '../api/types.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { downloadCsv } from '../export/mapImage.ts';
import { outreachCsv, outreachFileName, SCORE_DIGITS, type OutreachRow } from '../export/outreachTable.ts';
import { formatDecimal } from '../i18n/format.ts';
import { useApiResource } from './useApiResource.ts';

const OutreachTable = lazy(() => import('./OutreachTable.tsx'));

/** How many kelurahan the panel lists (the dialog lists all). */
const TOP = 10;

/** Step of the weight inputs. */
const WEIGHT_STEP = 0.5;

/** A weight typed by the person, kept within 0…{@link MAX_OUTREACH_WEIGHT} (an empty field counts as 0). */
function clampWeight(text: string): number {
  const value = Number(text);
  return Number.isFinite(value) ? Math.max(0, Math.min(MAX_OUTREACH_WEIGHT, value)) : 0;
}

/** The outreach tab of the planning section. */
export function OutreachPriorities() {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const period = useAppState((state) => state.filters.period);
  const category = useAppState((state) => state.filters.category as CategoryFilter);
  const tier = useAppState((state) =>
    state.releaseMetadata.status === 'ready' ? state.releaseMetadata.metadata.tier : null,
  );
  const [weights, setWeights] = useState<OutreachWeights>(DEFAULT_OUTREACH_WEIGHTS);
  const [tableOpen, setTableOpen] = useState(false);
  const titleId = useId();
  const key = tier && tier !== 'public' && period ? `${tier}|${period}|${category}` : null;
  const outreach = useApiResource(key, (signal) => fetchOutreach({ period: period ?? '', category }, signal));
  const data = outreach.status === 'ready' ? outreach.data : null;
  const ranking = useMemo(
    () => (data ? rankOutreach(data.kelurahan, weights, data.release.threshold) : []),
    [data, weights],
  );

  const select = (row: OutreachRow) =>
    store.getState().placeSelected({ kind: 'area', id: row.code, level: 'kelurahan', name: row.name });
  const downloadRanking = () => {
    if (!data) return;
    const { period, category, synthetic } = data.release;
    const csv = outreachCsv(ranking, weights, synthetic, language);
    downloadCsv(csv, outreachFileName(period, category, synthetic, language));
  };
  const setWeight = (component: OutreachComponent, value: number) =>
    setWeights((current) => ({ ...current, [component]: value }));

  return (
    <section className="outreach" aria-labelledby={titleId} data-testid="outreach-priorities">
      <h3 id={titleId} className="planning__heading">
        {t('outreach.title')}
      </h3>
      <p className="panel__text">{t('outreach.intro')}</p>
      <fieldset className="outreach__weights">
        <legend className="field__label">{t('outreach.weights')}</legend>
        {OUTREACH_COMPONENTS.map((component) => (
          <label key={component} className="outreach__weight" title={t(`outreach.describe.${component}`)}>
            <span>{t(`outreach.component.${component}`)}</span>
            <input
              className="field__input"
              type="number"
              min={0}
              max={MAX_OUTREACH_WEIGHT}
              step={WEIGHT_STEP}
              value={weights[component]}
              onChange={(event) => setWeight(component, clampWeight(event.target.value))}
              data-testid={`outreach-weight-${component}`}
            />
          </label>
        ))}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => setWeights(DEFAULT_OUTREACH_WEIGHTS)}
        >
          {t('outreach.resetWeights')}
        </button>
      </fieldset>
      <details className="outreach__how">
        <summary>{t('outreach.howTitle')}</summary>
        <p className="filters__note">{t('outreach.how')}</p>
        <dl className="outreach__components">
          {OUTREACH_COMPONENTS.map((component) => (
            <div key={component}>
              <dt>{t(`outreach.component.${component}`)}</dt>
              <dd>{t(`outreach.describe.${component}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
      {outreach.status === 'loading' && (
        <p className="panel__text" role="status">
          {t('outreach.loading')}
        </p>
      )}
      {outreach.status === 'failed' && (
        <p className="banner banner--error" role="alert">
          {t('outreach.failed', { reason: t(errorMessageKey(outreach.error)) })}
        </p>
      )}
      {data && (
        <div data-testid="outreach-result">
          <h4 className="outreach__subheading">{t('outreach.topTitle', { count: TOP })}</h4>
          <ol className="placement__list" data-testid="outreach-top">
            {ranking.slice(0, TOP).map((row) => (
              <li key={row.facts.code} data-code={row.facts.code} value={row.rank}>
                <button type="button" className="outreach__place" onClick={() => select(row.facts)}>
                  {row.facts.name}
                </button>
                <span>{formatDecimal(row.score, language, SCORE_DIGITS)}</span>
              </li>
            ))}
          </ol>
          <p className="filters__note">{t('outreach.selectHint')}</p>
          <ul className="filters__note outreach__notes">
            <li>
              {t('outreach.assumed', {
                k: data.release.threshold,
                assumed: formatDecimal(data.release.threshold * SUPPRESSED_COUNT_SHARE, language),
              })}
            </li>
            {data.hotspots.withheld && <li>{t('outreach.hotspotWithheld')}</li>}
            {data.trend.withheld && <li>{t('outreach.trendWithheld')}</li>}
            {data.withheldKinds.includes('cctv') && <li>{t('outreach.cctvLeftOut')}</li>}
            <li>{t('outreach.interventionsUntil', { date: data.interventionsUntil })}</li>
            <li>{t('outreach.notice')}</li>
          </ul>
          <div className="exports__buttons">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setTableOpen(true)}
              data-testid="outreach-open-table"
            >
              {t('outreach.openTable')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={downloadRanking}
              data-testid="outreach-csv"
            >
              {t('outreach.csv')}
            </button>
          </div>
        </div>
      )}
      {tableOpen && data && (
        <Suspense fallback={null}>
          <OutreachTable
            ranking={ranking}
            release={data.release}
            onSelect={(row) => {
              select(row);
              setTableOpen(false);
            }}
            onDownload={downloadRanking}
            onClose={() => setTableOpen(false)}
          />
        </Suspense>
      )}
    </section>
  );
}
