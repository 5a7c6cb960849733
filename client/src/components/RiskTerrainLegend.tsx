/** Legend of the risk terrain layer: the five risk classes, what risk means here, the model's period and caveats. */
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatPeriod } from '../i18n/format.ts';
import type { Translate } from '../i18n/index.ts';
import { RISK_CLASSES, RISK_FILL_OPACITY, riskClassColour } from '../map/layers/riskTerrain.ts';
import { AnalysisNotices } from './AnalysisNotices.tsx';
import { useAnalysis } from './useAnalysis.ts';

function classLabel(riskClass: number, t: Translate): string {
  if (riskClass === 1) return t('risk.classLow');
  if (riskClass === 5) return t('risk.classHigh');
  return t('risk.classMid', { class: riskClass });
}

/** The legend section of the risk terrain layer. */
export function RiskTerrainLegend() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const { status, error, data } = useAnalysis('risk');
  return (
    <section className="panel__section" aria-labelledby="risk-legend-title" data-testid="risk-legend">
      <h2 id="risk-legend-title" className="panel__heading">
        {t('risk.title')}
      </h2>
      <ul className="legend">
        {[...RISK_CLASSES].reverse().map((riskClass) => (
          <li key={riskClass} className="legend__item">
            <span
              className="legend__box"
              style={{ background: riskClassColour(riskClass), opacity: RISK_FILL_OPACITY }}
              aria-hidden="true"
            />
            {classLabel(riskClass, t)}
          </li>
        ))}
      </ul>
      <AnalysisNotices status={status} error={error} warnings={data?.warnings} testId="risk" />
      <p className="panel__text legend__explain">{t('risk.explain')}</p>
      {data && (
        <p className="panel__text legend__note">
          {t('risk.period', { period: formatPeriod(data.release.period, language) })}
        </p>
      )}
    </section>
  );
}
