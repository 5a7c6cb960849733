/** Legend of the emerging hot spot layer: the classes present with their number of cells, the time steps and caveats. */
import type { EmergingClass } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount, formatPeriod } from '../i18n/format.ts';
import { EMERGING_COLOUR, EMERGING_FILL_OPACITY } from '../map/layers/emerging.ts';
import { RELEASE_COLOUR } from '../map/layers/releases.ts';
import { AnalysisNotices } from './AnalysisNotices.tsx';
import { WithheldCellsLegendItem } from './WithheldCellsLegendItem.tsx';
import { useAnalysis } from './useAnalysis.ts';

/** Classes with a pattern, in ArcGIS's order. */
const PATTERN_CLASSES = (Object.keys(EMERGING_COLOUR) as EmergingClass[]).filter((c) => c !== 'no-pattern');

/** The legend section of the emerging hot spot layer. */
export function EmergingLegend() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const { status, error, data } = useAnalysis('emerging');
  const analysis = data?.analysis;
  const present = PATTERN_CLASSES.filter((c) => (analysis?.classCounts[c] ?? 0) > 0);
  const first = analysis?.steps[0];
  const last = analysis?.steps.at(-1);
  return (
    <section className="panel__section" aria-labelledby="emerging-legend-title" data-testid="emerging-legend">
      <h2 id="emerging-legend-title" className="panel__heading">
        {t('emerging.title')}
      </h2>
      {analysis && present.length === 0 && !analysis.withheld && (
        <p className="panel__text">{t('emerging.none')}</p>
      )}
      <ul className="legend">
        {present.map((c) => (
          <li key={c} className="legend__item">
            <span
              className="legend__box"
              style={{ background: EMERGING_COLOUR[c], opacity: EMERGING_FILL_OPACITY }}
              aria-hidden="true"
            />
            {t(`emerging.class.${c}`)}
            <span className="legend__count">{formatCount(analysis?.classCounts[c] ?? 0, language)}</span>
          </li>
        ))}
        <li className="legend__item">
          <span
            className="legend__box"
            style={{ background: '#ffffff', borderColor: RELEASE_COLOUR.zeroOutline }}
            aria-hidden="true"
          />
          {t('emerging.class.no-pattern')}
        </li>
        <WithheldCellsLegendItem />
      </ul>
      <AnalysisNotices
        status={status}
        error={error}
        withheld={analysis}
        warnings={analysis?.warnings}
        testId="emerging"
      />
      <p className="panel__text legend__explain">{t('emerging.explain')}</p>
      {analysis && first && last && (
        <p className="panel__text legend__note">
          {t(analysis.step === 'month' ? 'emerging.stepsMonth' : 'emerging.stepsQuarter', {
            count: formatCount(analysis.steps.length, language),
            first: formatPeriod(first, language),
            last: formatPeriod(last, language),
          })}
        </p>
      )}
    </section>
  );
}
