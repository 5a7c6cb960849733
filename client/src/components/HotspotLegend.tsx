/** Legend of the hot spot layer: the seven Gi* bins, withheld cells, what a hot spot means and the analysis's caveats. */
import { useAppState, useT } from '../app/StoreContext.ts';
import { hotspotBinMessage } from '../i18n/analysisText.ts';
import { formatCount } from '../i18n/format.ts';
import { HOTSPOT_CLASSES, HOTSPOT_FILL_OPACITY, HOTSPOT_OUTLINE } from '../map/layers/hotspots.ts';
import { AnalysisNotices } from './AnalysisNotices.tsx';
import { WithheldCellsLegendItem } from './WithheldCellsLegendItem.tsx';
import { useAnalysis } from './useAnalysis.ts';

/** The legend section of the hot spot layer. */
export function HotspotLegend() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const { status, error, data } = useAnalysis('hotspots');
  const analysis = data?.analysis;
  const label = (bin: number) => {
    const message = hotspotBinMessage(bin);
    return t(message.key, message.params);
  };
  return (
    <section className="panel__section" aria-labelledby="hotspot-legend-title" data-testid="hotspot-legend">
      <h2 id="hotspot-legend-title" className="panel__heading">
        {t('hotspots.title')}
      </h2>
      <ul className="legend">
        {HOTSPOT_CLASSES.map((item) => (
          <li key={item.bin} className="legend__item">
            <span
              className="legend__box"
              style={
                item.bin === 0
                  ? { background: '#ffffff', borderColor: HOTSPOT_OUTLINE.notSignificant }
                  : { background: item.colour, opacity: HOTSPOT_FILL_OPACITY }
              }
              aria-hidden="true"
            />
            {label(item.bin)}
          </li>
        ))}
        <WithheldCellsLegendItem />
      </ul>
      <AnalysisNotices
        status={status}
        error={error}
        withheld={analysis}
        warnings={analysis?.warnings}
        testId="hotspot"
      />
      <p className="panel__text legend__explain">{t('hotspots.explain')}</p>
      {analysis && (
        <p className="panel__text legend__note">
          {t('hotspots.method', {
            rings: formatCount(analysis.ringDistance, language),
            withData: formatCount(analysis.cellsWithData, language),
            cells: formatCount(analysis.cells, language),
          })}
        </p>
      )}
    </section>
  );
}
