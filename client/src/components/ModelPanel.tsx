/**
 * The "model and forecast" section: the risk terrain model (method, factors with their relative risk, or why
 * expert weights were used) and the forecast checks (how well last period's maps forecast this period), loaded
 * only while the section is open.
 */
import { ApiError } from '../api/client.ts';
import type { ForecastFigure, RiskModel } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { fallbackMessage, forecastTrust, withheldMessage } from '../i18n/analysisText.ts';
import { formatCount, formatDecimal, formatPeriod, formatPValue, formatShare } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { parsePeriod } from '../store/periods.ts';
import { AnalysisNotices } from './AnalysisNotices.tsx';
import { useAnalysis } from './useAnalysis.ts';

/** The risk terrain model: method, fallback reason, the factors' table and the fit. */
function RiskModelDetails() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const { status, error, data } = useAnalysis('risk');
  const model: RiskModel | undefined = data?.model;
  const fallback = model?.method === 'expert-weights' ? fallbackMessage(model.reason) : null;
  const fit = model?.fit;
  return (
    <div className="model__part" data-testid="risk-model">
      <h3 className="model__heading">{t('model.riskTitle')}</h3>
      <AnalysisNotices
        status={status}
        error={error}
        warnings={data?.warnings.filter((warning) => warning.code !== 'expert_weights')}
        testId="risk-model"
      />
      {model && (
        <>
          <p className="panel__text" data-testid="risk-model-method">
            {t(`model.method.${model.method}`)}
            {data && <> · {formatPeriod(data.release.period, language)}</>}
          </p>
          {fallback && (
            <p className="panel__text legend__note" data-testid="risk-model-fallback">
              {t(fallback.key, fallback.params)}
            </p>
          )}
          {model.factors.length === 0 ? (
            <p className="panel__text">{t('model.noFactors')}</p>
          ) : (
            <table className="model__table" data-testid="risk-factors">
              <thead>
                <tr>
                  <th scope="col">{t('model.factor')}</th>
                  <th scope="col">{t('model.measure')}</th>
                  <th scope="col">{t('model.distance')}</th>
                  <th scope="col">{t('model.rrv')}</th>
                  <th scope="col">{t('model.pValue')}</th>
                </tr>
              </thead>
              <tbody>
                {model.factors.map((factor) => (
                  <tr key={`${factor.kind}:${factor.measure}:${factor.distanceM}`}>
                    <th scope="row">{t(`venue.${factor.kind}`)}</th>
                    <td>{t(`model.measure.${factor.measure}`)}</td>
                    <td>{t('model.metres', { metres: formatCount(factor.distanceM, language) })}</td>
                    <td>{formatDecimal(factor.rrv, language)}</td>
                    <td>{factor.pValue === null ? '—' : formatPValue(factor.pValue, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="panel__text legend__note">{t('model.rrvExplain')}</p>
          {fit && fit.nullDeviance > 0 && (
            <p className="panel__text legend__note">
              {t('model.fit', {
                cells: formatCount(fit.cells, language),
                withIncidents: formatCount(fit.cellsWithIncidents, language),
                explained: formatShare(Math.max(0, 1 - fit.deviance / fit.nullDeviance), language),
              })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** One forecast figure: hit rate, area share and PAI (or why there is none) and how far to trust the map. */
function ForecastRow({
  label,
  figure,
  testId,
}: {
  label: MessageKey;
  figure: ForecastFigure;
  testId: string;
}) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const withheld = figure.withheld ? withheldMessage(figure) : null;
  return (
    <li className="model__figure" data-testid={testId}>
      <strong>{t(label)}</strong>
      {withheld ? (
        <span>
          {t('analysis.withheldTitle')} {t(withheld.key, withheld.params)}
        </span>
      ) : figure.hitRate === null || figure.pai === null ? (
        <span>{t('model.forecastNone')}</span>
      ) : (
        <span>
          {t('model.forecastFigure', {
            hitRate: formatShare(figure.hitRate, language),
            areaShare: formatShare(figure.areaShare, language),
            pai: formatDecimal(figure.pai, language, 1),
          })}
        </span>
      )}
      <span className="model__trust">{t(`model.trust.${forecastTrust(figure)}`)}</span>
    </li>
  );
}

/** The forecast checks of the chosen period. */
function ForecastDetails() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const { status, error, data } = useAnalysis('forecast');
  const noPrevious = status === 'failed' && error instanceof ApiError && error.code === 'no_data_for_period';
  return (
    <div className="model__part" data-testid="forecast-checks">
      <h3 className="model__heading">{t('model.forecastTitle')}</h3>
      {noPrevious ? (
        <p className="panel__text">{t('model.forecastNoPrevious')}</p>
      ) : (
        <AnalysisNotices status={status} error={error} testId="forecast" />
      )}
      {data && (
        <>
          <p className="panel__text">
            {t('model.forecastIntro', {
              previous: formatPeriod(data.previousPeriod, language),
              period: formatPeriod(data.release.period, language),
            })}
          </p>
          <ul className="model__figures">
            <ForecastRow label="model.forecastHotspots" figure={data.hotspots} testId="forecast-hotspots" />
            <ForecastRow label="model.forecastRisk" figure={data.riskTerrain} testId="forecast-risk" />
          </ul>
          <p className="panel__text legend__note">{t('model.forecastExplain')}</p>
        </>
      )}
    </div>
  );
}

/** The collapsible section; opening it loads the risk terrain model and the forecast checks. */
export function ModelPanel() {
  const t = useT();
  const open = useAppState((state) => state.modelPanelOpen);
  const modelPanelToggled = useAppState((state) => state.modelPanelToggled);
  const monthChosen = useAppState((state) => parsePeriod(state.filters.period)?.kind === 'month');
  return (
    <details
      className="panel__section model"
      open={open}
      onToggle={(event) => modelPanelToggled(event.currentTarget.open)}
      data-testid="model-panel"
    >
      <summary className="model__summary">{t('model.title')}</summary>
      {open && (
        <>
          {monthChosen && <p className="filters__note">{t('model.quarterNote')}</p>}
          <RiskModelDetails />
          <ForecastDetails />
        </>
      )}
    </details>
  );
}
