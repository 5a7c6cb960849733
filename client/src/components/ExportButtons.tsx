/** The side panel's export section: the table behind the view as CSV, the map as PNG, and an A4 print. */
import { useId } from 'react';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { downloadBlob } from '../export/mapImage.ts';
import { exportFileName, viewTable, viewTableCsv } from '../export/viewTable.ts';

/** Buttons to download the current view's table (CSV) and map image (PNG) and to print an A4 briefing. */
export function ExportButtons() {
  const t = useT();
  const store = useAppStore();
  const ready = useAppState((state) => state.releasedCounts.shown !== null);
  const mapImageRequested = useAppState((state) => state.mapImageRequested);
  const titleId = useId();
  const hintId = useId();

  const downloadCsv = () => {
    const state = store.getState();
    const table = viewTable(state);
    if (!table) return;
    const csv = viewTableCsv(table, state.language);
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), exportFileName(table, 'csv'));
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
          onClick={downloadCsv}
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
