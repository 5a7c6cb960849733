/** What a printed A4 briefing states above the map: the view's filters, layers, tier, the print date and the synthetic marker. */
import { useEffect, useState } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatJakartaDateTime, mapCaption } from '../export/mapImage.ts';

/** Shown only in print (see `@media print` in styles.css); the date is that of the last print, in Asia/Jakarta time. */
export function PrintSummary() {
  const t = useT();
  const language = useAppState((state) => state.language);
  const releasedCounts = useAppState((state) => state.releasedCounts);
  const mapLayers = useAppState((state) => state.mapLayers);
  const [printedAt, setPrintedAt] = useState(() => new Date());

  useEffect(() => {
    const onBeforePrint = () => setPrintedAt(new Date());
    window.addEventListener('beforeprint', onBeforePrint);
    return () => window.removeEventListener('beforeprint', onBeforePrint);
  }, []);

  const caption = mapCaption({ releasedCounts, mapLayers, language });
  return (
    <section className="print-summary" data-testid="print-summary">
      {caption?.lines.map((line) => (
        <p key={line} className="print-summary__line">
          {line}
        </p>
      ))}
      <p className="print-summary__line">
        {t('export.printedAt', { date: formatJakartaDateTime(printedAt, language) })}
      </p>
      {caption?.synthetic && (
        <p className="print-summary__synthetic" data-testid="print-synthetic">
          {caption.synthetic}
        </p>
      )}
    </section>
  );
}
