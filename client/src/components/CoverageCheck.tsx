/**
 * The coverage check of the planning tools (task force, admins, NGOs): with the dashboard's resolution, period and
 * category and a reach S, which hot or high-risk cells have an intervention within S — the uncovered ones listed
 * (choosing one selects it on the map) and outlined on the map — and the published counts per kelurahan before and
 * after its first intervention, under the caveat that awareness raises reporting. Both tables export as CSV.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { fetchCoverage, type CoverageQuery } from '../api/client.ts';
import { requestPlan } from '../app/requestPlan.ts';
import type { Coverage } from '../api/types.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { beforeAfterCsv, coverageCellsCsv } from '../export/coverageTable.ts';
import { downloadCsv } from '../export/mapImage.ts';
import type { Language, MessageKey } from '../i18n/index.ts';
import { formatCount, formatDecimal, formatPeriod, formatShare } from '../i18n/format.ts';
import { planScope } from '../store/analyses.ts';
import { NumberField } from './NumberField.tsx';
import { PlanStatus } from './PlanStatus.tsx';

type KelurahanFigures = Coverage['beforeAfter']['kelurahan'][number];
type QuarterFigure = KelurahanFigures['before'][number];

const QUARTER_WORD: Readonly<Record<Exclude<QuarterFigure['status'], 'published'>, MessageKey>> = {
  suppressed: 'coverage.quarterSuppressed',
  before_data: 'coverage.quarterBeforeData',
  not_yet: 'coverage.quarterNotYet',
};

/** One side of a kelurahan's before/after: the sum (or "not available"), then its four quarters. */
function SideFigures(props: {
  total: number | null;
  quarters: readonly QuarterFigure[];
  language: Language;
}) {
  const t = useT();
  const { total, quarters, language } = props;
  return (
    <>
      <strong>{total === null ? t('coverage.notAvailable') : formatCount(total, language)}</strong>
      <span className="coverage__quarters">
        {quarters
          .map((q) =>
            q.status === 'published' ? formatCount(q.count ?? 0, language) : t(QUARTER_WORD[q.status]),
          )
          .join(' · ')}
      </span>
    </>
  );
}

/** The coverage tool (nothing for the public). */
export function CoverageCheck() {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const coverage = useAppState((state) => state.coverage);
  const [reachM, setReachM] = useState(300);
  const titleId = useId();
  // The outlines on the map belong to this tool: they go when it closes.
  useEffect(() => () => store.getState().planCleared('coverage'), [store]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = planScope(store.getState());
    if (!scope) return;
    const query: CoverageQuery = {
      ...scope,
      coverageM: reachM,
    };
    requestPlan(store, 'coverage', query, fetchCoverage);
  };

  return (
    <section className="coverage" aria-labelledby={titleId} data-testid="coverage-check">
      <h3 id={titleId} className="planning__heading">
        {t('coverage.title')}
      </h3>
      <p className="panel__text">{t('coverage.intro')}</p>
      <form onSubmit={submit} className="coverage__form">
        <NumberField
          label={t('coverage.reach')}
          value={reachM}
          min={50}
          max={2000}
          step={50}
          onChange={setReachM}
          testId="coverage-reach"
        />
        <button
          type="submit"
          className="button button--primary"
          disabled={coverage.status === 'loading'}
          data-testid="coverage-run"
        >
          {t('coverage.run')}
        </button>
      </form>
      <PlanStatus state={coverage} loading="coverage.loading" failed="coverage.failed" />
      {coverage.status === 'ready' && (
        <CoverageResult
          coverage={coverage.plan}
          language={language}
          onCellChosen={(cell, resolution) =>
            store.getState().placeSelected({ kind: 'cell', id: cell, resolution })
          }
          onCellsCsv={() =>
            downloadCsv(coverageCellsCsv(coverage.plan, language), 'titik-rawan-cakupan-sel.csv')
          }
          onBeforeAfterCsv={() =>
            downloadCsv(beforeAfterCsv(coverage.plan, language), 'titik-rawan-sebelum-sesudah.csv')
          }
          onClear={() => store.getState().planCleared('coverage')}
        />
      )}
    </section>
  );
}

/** The answer of a coverage check: summary, uncovered cells, before/after table and exports. */
function CoverageResult(props: {
  coverage: Coverage;
  language: Language;
  onCellChosen: (cell: string, resolution: number) => void;
  onCellsCsv: () => void;
  onBeforeAfterCsv: () => void;
  onClear: () => void;
}) {
  const t = useT();
  const { coverage, language } = props;
  const uncovered = coverage.cells.filter((cell) => !cell.properties.covered);
  const reach = formatCount(coverage.coverageM, language);
  const risk = formatDecimal(coverage.highRiskFrom, language);
  return (
    <div data-testid="coverage-result">
      <p className="panel__text coverage__summary" data-testid="coverage-summary">
        {t('coverage.summary', {
          covered: formatCount(coverage.totals.covered, language),
          cells: formatCount(coverage.totals.cells, language),
          reach,
          share: coverage.totals.share === null ? '–' : formatShare(coverage.totals.share, language),
        })}
      </p>
      <p className="filters__note">
        {t(coverage.hotSpotsWithheld ? 'coverage.ruleNoHotspots' : 'coverage.rule', { risk, reach })}
      </p>
      {coverage.withheldKinds.includes('cctv') && (
        <p className="filters__note">{t('coverage.cctvLeftOut')}</p>
      )}

      <h4 className="coverage__subheading">
        {t('coverage.uncoveredTitle', { count: formatCount(uncovered.length, language) })}
      </h4>
      {uncovered.length === 0 ? (
        <p className="panel__text">{t('coverage.noneUncovered')}</p>
      ) : (
        <>
          <p className="filters__note">{t('coverage.mapNote')}</p>
          <ul className="coverage__cells" data-testid="coverage-uncovered">
            {uncovered.map(({ properties: cell }) => (
              <li key={cell.cell}>
                <button
                  type="button"
                  className="coverage__cell"
                  onClick={() => props.onCellChosen(cell.cell, cell.resolution)}
                  data-cell={cell.cell}
                >
                  {[
                    cell.hotConfidence === null
                      ? null
                      : t('coverage.hot', { confidence: cell.hotConfidence }),
                    t('coverage.risk', { risk: formatDecimal(cell.relativeRisk, language) }),
                    cell.nearestM === null
                      ? t('coverage.noIntervention')
                      : t('coverage.nearest', { distance: formatCount(cell.nearestM, language) }),
                  ]
                    .filter((part) => part !== null)
                    .join(' · ')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h4 className="coverage__subheading">{t('coverage.beforeAfterTitle')}</h4>
      <p className="coverage__caveat" role="note" data-testid="coverage-caveat">
        {t('coverage.caveat')}
      </p>
      {coverage.beforeAfter.kelurahan.length === 0 ? (
        <p className="panel__text">{t('coverage.noKelurahan')}</p>
      ) : (
        <div className="coverage__tableWrap">
          <table className="model__table coverage__table" data-testid="coverage-before-after">
            <caption className="filters__note">{t('coverage.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coverage.kelurahan')}</th>
                <th scope="col">{t('coverage.first')}</th>
                <th scope="col">{t('coverage.before')}</th>
                <th scope="col">{t('coverage.after')}</th>
              </tr>
            </thead>
            <tbody>
              {coverage.beforeAfter.kelurahan.map((area) => (
                <tr key={area.code} data-kelurahan={area.code}>
                  <th scope="row">{area.name}</th>
                  <td>
                    {area.firstIntervention}
                    <span className="coverage__quarters">{formatPeriod(area.quarter, language)}</span>
                  </td>
                  <td>
                    <SideFigures total={area.beforeTotal} quarters={area.before} language={language} />
                  </td>
                  <td>
                    <SideFigures total={area.afterTotal} quarters={area.after} language={language} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="filters__note">{t('coverage.quarterLegend')}</p>
        </div>
      )}
      <div className="exports__buttons">
        <button
          type="button"
          className="button button--quiet"
          onClick={props.onCellsCsv}
          data-testid="coverage-csv-cells"
        >
          {t('coverage.csvCells')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={props.onBeforeAfterCsv}
          data-testid="coverage-csv-before-after"
        >
          {t('coverage.csvBeforeAfter')}
        </button>
        <button type="button" className="button button--quiet" onClick={props.onClear}>
          {t('coverage.clear')}
        </button>
      </div>
    </div>
  );
}
