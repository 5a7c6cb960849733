import { useT } from '../app/StoreContext.ts';
import { RELEASE_COLOUR, SUPPRESSED_LEGEND_BACKGROUND } from '../map/layers/releases.ts';

/** The legend entry of cells whose analysis is withheld: hatched like suppressed counts. */
export function WithheldCellsLegendItem() {
  const t = useT();
  return (
    <li className="legend__item">
      <span
        className="legend__box"
        style={{ background: SUPPRESSED_LEGEND_BACKGROUND, borderColor: RELEASE_COLOUR.suppressedLine }}
        aria-hidden="true"
      />
      {t('analysis.withheldCells')}
    </li>
  );
}
