/** Details of the cell clicked on the map: its released count, hot spot bin, emerging pattern, risk and risk factors. */
import type { ReactNode } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import { hotspotBinMessage, parseFactorId } from '../i18n/analysisText.ts';
import { formatCount, formatDecimal } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { AnalysisKind } from '../store/analyses.ts';
import { useAnalysis, type AnalysisView } from './useAnalysis.ts';

/** The feature of `cell` in an analysis, or `null` when the analysis is not there (yet). */
function featureOf<P extends { cell: string }>(
  data: { features: Array<{ properties: P }> } | null,
  cell: string,
): P | null {
  return data?.features.find((feature) => feature.properties.cell === cell)?.properties ?? null;
}

/** Decimals worth showing for a relative risk: two below 10, one below 100, none above. */
function riskDigits(risk: number): number {
  return risk < 10 ? 2 : risk < 100 ? 1 : 0;
}

/** One row: the label, and the value or why there is none (still loading, or not available). */
function Row(props: {
  label: MessageKey;
  view: Pick<AnalysisView<AnalysisKind>, 'status' | 'data'>;
  testId: string;
  children: ReactNode;
}) {
  const t = useT();
  const { view } = props;
  return (
    <div className="cell__row" data-testid={props.testId}>
      <dt>{t(props.label)}</dt>
      <dd>
        {props.children ??
          (view.status === 'loading' ? t('cell.loading') : view.data ? '—' : t('cell.unavailable'))}
      </dd>
    </div>
  );
}

/** The selected cell's section; nothing while no cell of the analysis resolution is selected. */
export function SelectedCellDetails() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const selected = useAppState((state) => state.selectedCell);
  const cellSelected = useAppState((state) => state.cellSelected);
  const hotspots = useAnalysis('hotspots');
  const emerging = useAnalysis('emerging');
  const risk = useAnalysis('risk');
  if (!selected) return null;
  const hot = featureOf(hotspots.data, selected.cell);
  const pattern = featureOf(emerging.data, selected.cell);
  const terrain = featureOf(risk.data, selected.cell);
  if (!hot && !pattern && !terrain && hotspots.status !== 'loading' && risk.status !== 'loading') return null;
  const bin = hot ? hotspotBinMessage(hot.bin) : null;
  const factors = terrain?.factors.map((id) => {
    const factor = parseFactorId(id);
    return factor
      ? t('cell.factor', {
          kind: t(`venue.${factor.kind}`),
          measure: t(`model.measure.${factor.measure}`),
          distance: t('model.metres', { metres: formatCount(factor.distanceM, language) }),
        })
      : id;
  });

  return (
    <section className="panel__section cell" aria-labelledby="cell-title" data-testid="selected-cell">
      <div className="cell__header">
        <h2 id="cell-title" className="panel__heading">
          {t('cell.title')}
        </h2>
        <button
          type="button"
          className="cell__close"
          aria-label={t('cell.close')}
          title={t('cell.close')}
          onClick={() => cellSelected(null)}
        >
          ×
        </button>
      </div>
      <p className="panel__text cell__id">{t(`geography.h3-${selected.resolution === 8 ? 8 : 7}`)}</p>
      <dl className="cell__list">
        <Row label="cell.count" view={hotspots} testId="cell-count">
          {hot &&
            (hot.count === null
              ? t('legend.suppressed', { k: formatCount(hotspots.data?.release.threshold ?? 0, language) })
              : formatCount(hot.count, language))}
        </Row>
        <Row label="cell.hotspot" view={hotspots} testId="cell-hotspot">
          {bin && t(bin.key, bin.params)}
        </Row>
        <Row label="cell.emerging" view={emerging} testId="cell-emerging">
          {pattern &&
            (pattern.class === null
              ? t('analysis.withheldCells')
              : t('cell.emergingValue', {
                  class: t(`emerging.class.${pattern.class}`),
                  trend: t(`emerging.trend.${pattern.trend ?? 'none'}`),
                }))}
        </Row>
        <Row label="cell.risk" view={risk} testId="cell-risk">
          {terrain &&
            t('cell.riskValue', {
              value: formatDecimal(terrain.risk, language, riskDigits(terrain.risk)),
              class: terrain.riskClass,
            })}
        </Row>
        <Row label="cell.factors" view={risk} testId="cell-factors">
          {factors &&
            (factors.length === 0 ? (
              t('cell.noFactors')
            ) : (
              <ul className="cell__factors">
                {factors.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ))}
        </Row>
      </dl>
      {hot?.edge && <p className="filters__note">{t('cell.edge')}</p>}
    </section>
  );
}
