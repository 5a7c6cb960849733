/**
 * Details of the cell or area clicked on the map: its released count and series; for a cell of the analysis
 * resolution its hot spot bin, emerging pattern, risk and risk factors; venues and interventions inside it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { ReleasedCollection } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { hotspotBinMessage, parseFactorId } from '../i18n/analysisText.ts';
import { formatCount, formatDecimal } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { AnalysisKind } from '../store/analyses.ts';
import type { SelectedPlace } from '../store/selectionSlice.ts';
import { PlaceCounts } from './PlaceCounts.tsx';
import { ReleaseSeriesChart } from './ReleaseSeriesChart.tsx';
import { useAnalysis, type AnalysisView } from './useAnalysis.ts';

/** The feature of `cell` in an analysis, or `null` when the analysis is not there (yet). */
function featureOf<P extends { cell: string }>(
  data: { features: Array<{ properties: P }> } | null,
  cell: string,
): P | null {
  return data?.features.find((feature) => feature.properties.cell === cell)?.properties ?? null;
}

/** The released count of the selected place in the counts on the map, or `undefined` when they do not hold it. */
function releasedOf(collection: ReleasedCollection | undefined, place: SelectedPlace) {
  const features = (collection?.features ?? []) as Array<{
    properties: { cell?: string; code?: string; name?: string; count: number | null };
  }>;
  return features.find((feature) => (feature.properties.cell ?? feature.properties.code) === place.id)
    ?.properties;
}

/** Decimals worth showing for a relative risk: two below 10, one below 100, none above. */
function riskDigits(risk: number): number {
  return risk < 10 ? 2 : risk < 100 ? 1 : 0;
}

/** One row: the label, and the value or why there is none (still loading, or not available). */
function Row(props: {
  label: MessageKey;
  view: Pick<AnalysisView<AnalysisKind>, 'status' | 'data'> | null;
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
          (view?.status === 'loading' ? t('cell.loading') : view?.data ? '—' : t('cell.unavailable'))}
      </dd>
    </div>
  );
}

/** The selected place's section; nothing while no place is selected. */
export function SelectedPlaceDetails() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const selected = useAppState((state) => state.selectedPlace);
  const placeSelected = useAppState((state) => state.placeSelected);
  const release = useAppState((state) => state.releasedCounts.shown?.collection);
  const hotspots = useAnalysis('hotspots');
  const emerging = useAnalysis('emerging');
  const risk = useAnalysis('risk');
  const sectionRef = useRef<HTMLElement>(null);
  // Bring a newly selected place's details into view (on phones they sit below the filters).
  useEffect(() => {
    sectionRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [selected?.id]);
  if (!selected) return null;
  const hot = featureOf(hotspots.data, selected.id);
  const pattern = featureOf(emerging.data, selected.id);
  const terrain = featureOf(risk.data, selected.id);
  const released = releasedOf(release, selected) ?? hot;
  const threshold = release?.release.threshold ?? hotspots.data?.release.threshold ?? 0;
  const analysed = selected.kind === 'cell' && (hot || pattern || terrain || hotspots.status === 'loading');
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
    <section
      ref={sectionRef}
      className="panel__section cell"
      aria-labelledby="cell-title"
      data-testid="selected-place"
    >
      <div className="cell__header">
        <h2 id="cell-title" className="panel__heading">
          {selected.kind === 'cell'
            ? t('cell.title')
            : (selected.name ?? releasedOf(release, selected)?.name ?? selected.id)}
        </h2>
        <button
          type="button"
          className="cell__close"
          aria-label={t('cell.close')}
          title={t('cell.close')}
          onClick={() => placeSelected(null)}
        >
          ×
        </button>
      </div>
      <p className="panel__text cell__id">
        {selected.kind === 'cell'
          ? t(`geography.h3-${selected.resolution === 8 ? 8 : 7}`)
          : t(`place.level.${selected.level}`, { code: selected.id })}
      </p>
      <dl className="cell__list">
        <Row label="cell.count" view={released ? null : hotspots} testId="cell-count">
          {released &&
            (released.count === null
              ? t('legend.suppressed', { k: formatCount(threshold, language) })
              : formatCount(released.count, language))}
        </Row>
        {analysed && (
          <>
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
          </>
        )}
      </dl>
      {hot?.edge && <p className="filters__note">{t('cell.edge')}</p>}
      <ReleaseSeriesChart place={selected.id} />
      <PlaceCounts place={selected.id} />
    </section>
  );
}
