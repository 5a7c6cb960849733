/**
 * Venues and interventions inside the selected cell or area, by kind, for signed-in accounts; the public tier
 * is told why it sees none. Venues are labelled as planning information, never as places of incidents.
 */
import { INTERVENTION_KINDS, VENUE_KINDS } from '@titik-rawan/shared/codes';
import { fetchPlaceSummary } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { PlaceSummary } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import { useApiResource } from './useApiResource.ts';
import { useDelayedFlag } from './useDelayedFlag.ts';

/** The counts section of a selected place. */
export function PlaceCounts(props: { place: string }) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const signedIn = useAppState((state) =>
    state.session.status === 'signedIn' ? state.session.user.role : null,
  );
  const resource = useApiResource<PlaceSummary>(signedIn ? `${signedIn}|${props.place}` : null, (signal) =>
    fetchPlaceSummary(props.place, signal),
  );
  const slow = useDelayedFlag(resource.status === 'loading');

  if (!signedIn) return <p className="filters__note">{t('place.signInForVenues')}</p>;
  if (resource.status === 'failed') {
    return <p className="panel__text">{t('place.failed', { reason: t(errorMessageKey(resource.error)) })}</p>;
  }
  if (resource.status !== 'ready') return slow ? <p className="panel__text">{t('cell.loading')}</p> : null;
  const { venues, interventions, withheldKinds } = resource.data;
  const venueRows = VENUE_KINDS.filter((kind) => venues[kind] > 0);
  const interventionRows = INTERVENTION_KINDS.filter((kind) => interventions[kind] > 0);
  return (
    <div className="place-counts" data-testid="place-counts">
      <h3 className="place-counts__heading">{t('place.venues')}</h3>
      {venueRows.length === 0 ? (
        <p className="panel__text">{t('place.none')}</p>
      ) : (
        <ul className="place-counts__list" data-testid="place-venues">
          {venueRows.map((kind) => (
            <li key={kind} data-kind={kind} data-count={venues[kind]}>
              <span>{t(`venue.${kind}`)}</span> <span>{formatCount(venues[kind], language)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="filters__note">{t('place.venueNotice')}</p>
      <h3 className="place-counts__heading">{t('place.interventions')}</h3>
      {interventionRows.length === 0 ? (
        <p className="panel__text">{t('place.noInterventions')}</p>
      ) : (
        <ul className="place-counts__list" data-testid="place-interventions">
          {interventionRows.map((kind) => (
            <li key={kind} data-kind={kind} data-count={interventions[kind]}>
              <span>{t(`intervention.${kind}`)}</span>{' '}
              <span>{formatCount(interventions[kind], language)}</span>
            </li>
          ))}
        </ul>
      )}
      {withheldKinds.includes('cctv') && <p className="filters__note">{t('place.cctvWithheld')}</p>}
    </div>
  );
}
