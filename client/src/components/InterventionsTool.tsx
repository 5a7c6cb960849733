/**
 * The interventions tool of the planning section (NGO, task-force and admin accounts): a form to record an
 * intervention or edit one, and the list of recorded interventions the account may see, newest first, filterable
 * by kind, with an Edit button where the account may change one. A save refreshes the list and the interventions
 * layer and is announced in a live region.
 */
import { useId, useMemo, useState } from 'react';
import { fetchInterventions } from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import type { Intervention, InterventionKind, Role } from '../api/types.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { formatCount, LOCALES } from '../i18n/format.ts';
import type { Language } from '../i18n/index.ts';
import { InterventionForm, recordableKinds, type InterventionFeature } from './InterventionForm.tsx';
import { useApiResource } from './useApiResource.ts';

/** A date `YYYY-MM-DD` as the language writes it, e.g. `10 Jul 2025`. */
export function formatDay(date: string, language: Language): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** Interventions newest first (by date, then the later recorded first). */
export function newestFirst(features: readonly InterventionFeature[]): InterventionFeature[] {
  return features.toSorted(
    (a, b) => b.properties.startedOn.localeCompare(a.properties.startedOn) || Number(b.id) - Number(a.id),
  );
}

/** The interventions tool (nothing for the public). */
export function InterventionsTool() {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const role = useAppState((state) => (state.session.status === 'signedIn' ? state.session.user.role : null));
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<InterventionFeature | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const titleId = useId();
  const list = useApiResource(role ? `${role}|${version}` : null, fetchInterventions);
  if (!role) return null;

  const saved = (intervention: Intervention, created: boolean) => {
    const params = {
      kind: t(`intervention.${intervention.kind}`),
      date: formatDay(intervention.startedOn, language),
    };
    setAnnouncement(t(created ? 'interventionsTool.created' : 'interventionsTool.updated', params));
    setEditing(null);
    setVersion((current) => current + 1);
    store.getState().pointsOutdated('interventions');
  };

  return (
    <section className="interventions" aria-labelledby={titleId} data-testid="interventions-tool">
      <h3 id={titleId} className="planning__heading">
        {t('interventionsTool.title')}
      </h3>
      <p className="panel__text">{t('interventionsTool.intro')}</p>
      <InterventionForm
        // A fresh form after every save, and for every intervention edited.
        key={`${editing?.id ?? 'new'}|${version}`}
        role={role}
        editing={editing}
        onSaved={saved}
        onUnchanged={() => setAnnouncement(t('interventionsTool.unchanged'))}
        onCancel={() => setEditing(null)}
      />
      <p
        className="panel__text interventions__announcement"
        role="status"
        data-testid="interventions-announcement"
      >
        {announcement}
      </p>
      {list.status === 'loading' && (
        <p className="panel__text" role="status">
          {t('interventionsTool.listLoading')}
        </p>
      )}
      {list.status === 'failed' && (
        <p className="banner banner--error" role="alert">
          {t('interventionsTool.listFailed', { reason: t(errorMessageKey(list.error)) })}
        </p>
      )}
      {list.status === 'ready' && (
        <InterventionList
          role={role}
          features={list.data.features}
          cctvWithheld={list.data.withheldKinds.includes('cctv')}
          onEdit={(feature) => {
            setAnnouncement('');
            setEditing(feature);
          }}
        />
      )}
    </section>
  );
}

/** The recorded interventions as a table, newest first, filterable by kind. */
function InterventionList(props: {
  role: Role;
  features: readonly InterventionFeature[];
  cctvWithheld: boolean;
  onEdit: (feature: InterventionFeature) => void;
}) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const [kind, setKind] = useState<InterventionKind | 'all'>('all');
  const titleId = useId();
  const sorted = useMemo(() => newestFirst(props.features), [props.features]);
  const shown = kind === 'all' ? sorted : sorted.filter((feature) => feature.properties.kind === kind);

  return (
    <section aria-labelledby={titleId} data-testid="interventions-list">
      <h4 id={titleId} className="planning__heading">
        {t('interventionsTool.listTitle')}
      </h4>
      <label className="field">
        <span className="field__label">{t('interventionsTool.filter')}</span>
        <select
          className="field__input"
          value={kind}
          onChange={(event) => setKind(event.target.value as InterventionKind | 'all')}
          data-testid="interventions-filter"
        >
          <option value="all">{t('interventionsTool.allKinds')}</option>
          {recordableKinds(props.role).map((option) => (
            <option key={option} value={option}>
              {t(`intervention.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="filters__note" data-testid="interventions-count">
        {t('interventionsTool.count', {
          shown: formatCount(shown.length, language),
          total: formatCount(sorted.length, language),
        })}
        {props.cctvWithheld && ` ${t('place.cctvWithheld')}`}
      </p>
      <div className="interventions__table">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('interventionsTool.column.kindDate')}</th>
              <th scope="col">{t('interventionsTool.column.organisation')}</th>
              <th scope="col">{t('interventionsTool.column.place')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('interventionsTool.column.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((feature) => {
              const { properties } = feature;
              const kindName = t(`intervention.${properties.kind}`);
              const date = formatDay(properties.startedOn, language);
              return (
                <tr
                  key={feature.id}
                  data-id={feature.id}
                  data-kind={properties.kind}
                  data-started-on={properties.startedOn}
                >
                  <td>
                    {kindName}
                    <span className="interventions__date">{date}</span>
                  </td>
                  <td>{properties.organisation}</td>
                  <td>
                    {properties.venueKind
                      ? t(`venue.${properties.venueKind}`)
                      : t('interventionsTool.atPoint')}{' '}
                    · {properties.kelurahanName}
                  </td>
                  <td>
                    {properties.editable && (
                      <button
                        type="button"
                        className="button button--quiet interventions__edit"
                        aria-label={t('interventionsTool.editLabel', { kind: kindName, date })}
                        onClick={() => props.onEdit(feature)}
                        data-testid="intervention-edit"
                      >
                        {t('interventionsTool.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
