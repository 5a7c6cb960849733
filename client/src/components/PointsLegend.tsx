/**
 * Legend of a point layer: each venue or intervention kind with its colour and how many are drawn, the state of
 * loading, and for venues the notice that they serve planning and are not places of incidents.
 */
import { INTERVENTION_KINDS, VENUE_KINDS } from '@titik-rawan/shared/codes';
import { errorMessageKey } from '../api/errorMessage.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { INTERVENTION_COLOURS, VENUE_CLUSTER_COLOUR, VENUE_COLOURS } from '../map/layers/places.ts';
import type { PointKind } from '../store/pointsSlice.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

/** The legend section of the venue or intervention layer (nothing for the public tier: the switch says why). */
export function PointsLegend(props: { kind: PointKind }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const points = useAppState((state) => state.points[props.kind]);
  const slow = useDelayedFlag(points.status === 'loading');
  if (points.status === 'idle') return null;
  const counts = new Map<string, number>();
  if (points.status === 'ready') {
    for (const feature of points.data.features) {
      counts.set(feature.properties.kind, (counts.get(feature.properties.kind) ?? 0) + 1);
    }
  }
  const items: Array<{ kind: string; label: MessageKey; colour: string }> =
    props.kind === 'venues'
      ? VENUE_KINDS.map((kind) => ({ kind, label: `venue.${kind}`, colour: VENUE_COLOURS[kind] }))
      : INTERVENTION_KINDS.map((kind) => ({
          kind,
          label: `intervention.${kind}`,
          colour: INTERVENTION_COLOURS[kind],
        }));
  const titleId = `${props.kind}-legend-title`;
  return (
    <section className="panel__section" aria-labelledby={titleId} data-testid={`${props.kind}-legend`}>
      <h2 id={titleId} className="panel__heading">
        {t(props.kind === 'venues' ? 'layers.venues' : 'layers.interventions')}
      </h2>
      {points.status === 'failed' && (
        <p className="banner banner--error" role="alert">
          {t('points.failed', { reason: t(errorMessageKey(points.error)) })}
        </p>
      )}
      {slow && (
        <p className="panel__text" role="status">
          {t('points.loading')}
        </p>
      )}
      <ul className="legend">
        {items.map((item) => (
          <li key={item.kind} className="legend__item">
            <span
              className={`legend__dot ${props.kind === 'interventions' ? 'legend__dot--ringed' : ''}`}
              style={{ background: item.colour }}
              aria-hidden="true"
            />
            {t(item.label)}
            {points.status === 'ready' && ` (${formatCount(counts.get(item.kind) ?? 0, language)})`}
          </li>
        ))}
        {props.kind === 'venues' && (
          <li className="legend__item">
            <span
              className="legend__dot legend__dot--cluster"
              style={{ background: VENUE_CLUSTER_COLOUR }}
              aria-hidden="true"
            />
            {t('points.cluster')}
          </li>
        )}
      </ul>
      {props.kind === 'venues' && <p className="panel__text legend__explain">{t('place.venueNotice')}</p>}
      {points.status === 'ready' &&
        'withheldKinds' in points.data &&
        points.data.withheldKinds.includes('cctv') && (
          <p className="filters__note">{t('place.cctvWithheld')}</p>
        )}
    </section>
  );
}
