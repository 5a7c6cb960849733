/** The side panel's export section: the table behind the view as CSV, the map as PNG, and an A4 print. */
import { useId } from 'react';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { downloadCsv } from '../export/mapImage.ts';
import { interventionsCsv, pointsFileName, venuesCsv } from '../export/pointsTable.ts';
import { exportFileName, viewTable, viewTableCsv } from '../export/viewTable.ts';
import type { PointKind } from '../store/pointsSlice.ts';

/**
 * Buttons to download the current view's table (CSV), the venues and interventions drawn (CSV), the map image
 * (PNG) and to print an A4 briefing.
 */
export function ExportButtons() {
  const t = useT();
  const store = useAppStore();
  const ready = useAppState((state) => state.releasedCounts.shown !== null);
  const mapImageRequested = useAppState((state) => state.mapImageRequested);
  const pointsShown = useAppState((state) =>
    (['venues', 'interventions'] as const)
      .filter((kind) => state.mapLayers.includes(kind) && state.points[kind].status === 'ready')
      .join(','),
  );
  const titleId = useId();
  const hintId = useId();

  const downloadView = () => {
    const state = store.getState();
    const table = viewTable(state);
    if (!table) return;
    const csv = viewTableCsv(table, state.language);
    downloadCsv(csv, exportFileName(table, 'csv'));
  };

  const downloadPoints = (kind: PointKind) => {
    const { language, points } = store.getState();
    const { venues, interventions } = points;
    const csv =
      kind === 'venues'
        ? venues.status === 'ready' && venuesCsv(venues.data, language)
        : interventions.status === 'ready' && interventionsCsv(interventions.data, language);
    if (csv) downloadCsv(csv, pointsFileName(kind));
  };

  return (
    <section className="panel__section exports" aria-labelledby={titleId} data-testid="exports">
      <h2 id={titleId} className="panel__heading">
        {t('export.title')}
      </h2>
      <div className="exports__buttons">
        <button
          type="button"
          className="button button--quiet"
          disabled={!ready}
          aria-describedby={hintId}
          onClick={downloadView}
        >
          {t('export.csv')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={!ready}
          aria-describedby={hintId}
          onClick={mapImageRequested}
        >
          {t('export.png')}
        </button>
        {pointsShown
          .split(',')
          .filter(Boolean)
          .map((kind) => (
            <button
              key={kind}
              type="button"
              className="button button--quiet"
              onClick={() => downloadPoints(kind as PointKind)}
              data-testid={`export-${kind}`}
            >
              {t(kind === 'venues' ? 'export.csvVenues' : 'export.csvInterventions')}
            </button>
          ))}
        <button type="button" className="button button--quiet" onClick={() => window.print()}>
          {t('export.print')}
        </button>
      </div>
      <p id={hintId} className="panel__text">
        {ready ? t('export.hint') : t('export.waiting')}
      </p>
    </section>
  );
}
