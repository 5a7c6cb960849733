/** The permanent "synthetic data" marker, shown whenever the server serves the demo data set. */
import { useId } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import { isDemoData } from '../store/systemSlice.ts';

/** Marker with an explanation on hover and keyboard focus; renders nothing for real data. */
export function SyntheticDataBadge() {
  const t = useT();
  const demoData = useAppState((state) => isDemoData(state.serverHealth));
  const explanationId = useId();
  if (!demoData) return null;
  return (
    <span
      className="synthetic"
      tabIndex={0}
      aria-describedby={explanationId}
      data-testid="synthetic-data-badge"
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="synthetic__icon">
        <path
          d="M8 1.5 15 14H1L8 1.5Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinejoin="round"
        />
        <path d="M8 6v3.8M8 11.4v.1" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      {t('synthetic.badge')}
      <span role="tooltip" id={explanationId} className="synthetic__explanation">
        {t('synthetic.explanation')}
      </span>
    </span>
  );
}
