/**
 * The task force's placement tool: how many banners or cameras, on which kinds of venue, covering how far; the
 * suggested venues ranked by the risk each adds, drawn on the map, exportable as CSV. Labelled as suggestions,
 * never as places of incidents. Only for tiers that may plan (task force, admin).
 */
import { VENUE_KINDS, type VenueKind } from '@titik-rawan/shared/codes';
import { useId, useState, type FormEvent } from 'react';
import { fetchPlacements, type PlacementQuery } from '../api/client.ts';
import { requestPlan } from '../app/requestPlan.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { placementsCsv } from '../export/pointsTable.ts';
import { downloadCsv } from '../export/mapImage.ts';
import { formatCount, formatShare } from '../i18n/format.ts';
import { planScope } from '../store/analyses.ts';
import { NumberField } from './NumberField.tsx';
import { PlanStatus } from './PlanStatus.tsx';

/** Venue kinds ticked at first: where the field report says banners and cameras help. */
const DEFAULT_KINDS: readonly VenueKind[] = ['hotel', 'guest_house', 'kost'];

/** The placement section of the side panel (nothing for tiers that may not plan). */
export function PlacementPlanner() {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const role = useAppState((state) => (state.session.status === 'signedIn' ? state.session.user.role : null));
  const placement = useAppState((state) => state.placement);
  const [sites, setSites] = useState(10);
  const [coverageM, setCoverageM] = useState(300);
  const [intervention, setIntervention] = useState<'banner' | 'cctv'>('banner');
  const [kinds, setKinds] = useState<readonly VenueKind[]>(DEFAULT_KINDS);
  const titleId = useId();
  if (role !== 'satgas' && role !== 'admin') return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const scope = planScope(store.getState());
    if (!scope) return;
    const query: PlacementQuery = {
      ...scope,
      sites,
      coverageM,
      kinds,
      intervention,
    };
    requestPlan(store, 'placement', query, fetchPlacements);
  };
  const downloadSites = () => {
    if (placement.status !== 'ready') return;
    const csv = placementsCsv(placement.plan, language);
    downloadCsv(csv, 'titik-rawan-saran-penempatan.csv');
  };
  const toggleKind = (kind: VenueKind, on: boolean) =>
    setKinds((current) =>
      on ? VENUE_KINDS.filter((k) => k === kind || current.includes(k)) : current.filter((k) => k !== kind),
    );

  return (
    <section className="placement" aria-labelledby={titleId} data-testid="placement-planner">
      <h3 id={titleId} className="planning__heading">
        {t('placement.title')}
      </h3>
      <p className="panel__text">{t('placement.intro')}</p>
      <form onSubmit={submit} className="placement__form">
        <label className="field">
          <span className="field__label">{t('placement.intervention')}</span>
          <select
            className="field__input"
            value={intervention}
            onChange={(event) => setIntervention(event.target.value === 'cctv' ? 'cctv' : 'banner')}
            data-testid="placement-intervention"
          >
            <option value="banner">{t('intervention.banner')}</option>
            <option value="cctv">{t('intervention.cctv')}</option>
          </select>
        </label>
        <NumberField
          label={t('placement.sites')}
          value={sites}
          min={1}
          max={200}
          step={1}
          onChange={setSites}
          testId="placement-sites"
        />
        <NumberField
          label={t('placement.coverage')}
          value={coverageM}
          min={50}
          max={2000}
          step={50}
          onChange={setCoverageM}
          testId="placement-coverage"
        />
        <fieldset className="placement__kinds">
          <legend className="field__label">{t('placement.kinds')}</legend>
          {VENUE_KINDS.map((kind) => (
            <label key={kind} className="switch">
              <input
                type="checkbox"
                checked={kinds.includes(kind)}
                onChange={(event) => toggleKind(kind, event.target.checked)}
              />
              {t(`venue.${kind}`)}
            </label>
          ))}
        </fieldset>
        <button
          type="submit"
          className="button button--primary"
          disabled={kinds.length === 0 || placement.status === 'loading'}
          data-testid="placement-run"
        >
          {t('placement.run')}
        </button>
      </form>
      <PlanStatus state={placement} loading="placement.loading" failed="placement.failed" />
      {placement.status === 'ready' && (
        <div data-testid="placement-result">
          <p className="panel__text">
            {t('placement.summary', {
              kind: t(`intervention.${placement.plan.intervention}`),
              existing: formatCount(placement.plan.existingSites, language),
              before: formatShare(placement.plan.existingShare, language),
              after: formatShare(placement.plan.coveredShare, language),
            })}
          </p>
          <ol className="placement__list" data-testid="placement-sites-list">
            {placement.plan.sites.map((site) => (
              <li key={site.venue.id} data-venue={site.venue.id} data-added={site.addedShare}>
                <span>
                  {site.venue.name} · {t(`venue.${site.venue.kind}`)}
                </span>
                <span>+{formatShare(site.addedShare, language)}</span>
              </li>
            ))}
          </ol>
          <p className="filters__note">{t('placement.notice')}</p>
          <div className="exports__buttons">
            <button type="button" className="button button--quiet" onClick={downloadSites}>
              {t('placement.csv')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => store.getState().planCleared('placement')}
            >
              {t('placement.clear')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
