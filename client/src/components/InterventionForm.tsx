/**
 * The form that records an intervention or edits one: kind (CCTV only for the task force and admins), date (not
 * after today in Jakarta), organisation (the account's own by default), and the place: a point picked on the map,
 * optionally attached to a recorded venue near it. An edit sends only the fields that changed. The server checks
 * every field; its refusal of one is shown beside that field.
 */
import { INTERVENTION_KINDS, jakartaToday, type InterventionKind } from '@titik-rawan/shared/codes';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  changeIntervention,
  fetchOrganisations,
  fetchVenues,
  recordIntervention,
  type InterventionPatch,
} from '../api/client.ts';
import { errorMessageKey } from '../api/errorMessage.ts';
import { fieldErrors } from '../api/fieldErrors.ts';
import type { Intervention, InterventionCollection, Role } from '../api/types.ts';
import { useAppState, useAppStore, useT } from '../app/StoreContext.ts';
import { formatCount } from '../i18n/format.ts';
import { EAST_JAKARTA_BOUNDS, lngLat, type LngLat } from '../map/geography.ts';
import { NEARBY_VENUE_METRES, venuesNear } from './nearbyVenues.ts';
import { useApiResource } from './useApiResource.ts';

/** A located intervention as `GET /api/interventions` lists it. */
export type InterventionFeature = InterventionCollection['features'][number];

/** The form's parts a server refusal can name; the place answers for both `venueId` and `location`. */
type FormField = 'kind' | 'startedOn' | 'organisation' | 'place';

const FIELD_OF: Readonly<Record<string, FormField>> = {
  kind: 'kind',
  startedOn: 'startedOn',
  organisation: 'organisation',
  venueId: 'place',
  location: 'place',
};

/** Decimals a picked point keeps: 6, about 0.1 m, as the interventions layer gives positions. */
const POINT_DECIMALS = 6;

/** The intervention kinds a role may record: CCTV only by the task force and admins. */
export function recordableKinds(role: Role): readonly InterventionKind[] {
  return role === 'ngo' ? INTERVENTION_KINDS.filter((kind) => kind !== 'cctv') : INTERVENTION_KINDS;
}

function rounded(point: LngLat): { lng: number; lat: number } {
  return { lng: Number(point.lng.toFixed(POINT_DECIMALS)), lat: Number(point.lat.toFixed(POINT_DECIMALS)) };
}

/** The centre of the map as the person left it, or of East Jakarta at the home view. */
function mapCentre(view: { center: LngLat } | null): LngLat {
  if (view) return view.center;
  const [[west, south], [east, north]] = EAST_JAKARTA_BOUNDS;
  return lngLat((west + east) / 2, (south + north) / 2);
}

/** The fields of `editing` that differ from the form's, as a `PATCH` body (empty when nothing changed). */
function changedFields(
  editing: InterventionFeature,
  form: { kind: InterventionKind; startedOn: string; organisation: string; venueId: string | null },
  point: LngLat | null,
): InterventionPatch {
  const was = editing.properties;
  const patch: InterventionPatch = {};
  if (form.kind !== was.kind) patch.kind = form.kind;
  if (form.startedOn !== was.startedOn) patch.startedOn = form.startedOn;
  if (form.organisation !== was.organisationCode) patch.organisation = form.organisation;
  const [lng, lat] = editing.geometry.coordinates;
  const moved = point !== null && (point.lng !== lng || point.lat !== lat);
  if (form.venueId !== was.venueId || (form.venueId === null && moved)) {
    if (form.venueId) patch.venueId = form.venueId;
    else if (point) patch.location = rounded(point);
  }
  return patch;
}

/** The server's refusal of a field, shown beside it (its id is the control's `aria-describedby`). */
function FieldError(props: { field: FormField; id: string; message: string | undefined }) {
  const t = useT();
  if (!props.message) return null;
  return (
    <p id={props.id} className="field__error" data-testid={`intervention-error-${props.field}`}>
      {t('interventionsTool.fieldError', { message: props.message })}
    </p>
  );
}

/** A labelled control with the server's refusal of its field, if any. */
function Field(props: {
  label: string;
  field: FormField;
  errorId: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="interventions__field">
      <label className="field">
        <span className="field__label">{props.label}</span>
        {props.children}
      </label>
      <FieldError field={props.field} id={props.errorId} message={props.error} />
    </div>
  );
}

/** The record-or-edit form; `editing` is the intervention to change, or `null` to record a new one. */
export function InterventionForm(props: {
  role: Role;
  editing: InterventionFeature | null;
  onSaved: (saved: Intervention, created: boolean) => void;
  onUnchanged: () => void;
  onCancel: () => void;
}) {
  const { role, editing } = props;
  const t = useT();
  const store = useAppStore();
  const language = useAppState((state) => state.language);
  const point = useAppState((state) => state.pickedPoint);
  const picking = useAppState((state) => state.pointPicking);
  const baseId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const today = jakartaToday();
  const [kind, setKind] = useState<InterventionKind>(editing?.properties.kind ?? 'socialisation');
  const [startedOn, setStartedOn] = useState(editing?.properties.startedOn ?? today);
  const [chosenOrganisation, setChosenOrganisation] = useState<string | null>(
    editing?.properties.organisationCode ?? null,
  );
  const [venueId, setVenueId] = useState<string | null>(editing?.properties.venueId ?? null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const organisations = useApiResource('organisations', fetchOrganisations);
  const venues = useApiResource(point ? 'venues' : null, fetchVenues);

  // The form holds the edited intervention's point (or none) while it is open, and lets it go when it closes.
  useEffect(() => {
    const { pointPicked, pointPickCleared } = store.getState();
    if (editing) {
      const [lng = 0, lat = 0] = editing.geometry.coordinates;
      pointPicked(lngLat(lng, lat));
    } else pointPickCleared();
    return () => store.getState().pointPickCleared();
  }, [store, editing]);

  // An edit starts at the form's heading, brought into view from the list below it.
  useEffect(() => {
    if (!editing) return;
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus();
  }, [editing]);

  // Escape ends picking, wherever the focus is.
  useEffect(() => {
    if (!picking) return;
    const cancelOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') store.getState().pointPickCancelled();
    };
    document.addEventListener('keydown', cancelOnEscape);
    return () => document.removeEventListener('keydown', cancelOnEscape);
  }, [store, picking]);

  const nearby = useMemo(
    () => (point && venues.status === 'ready' ? venuesNear(venues.data, point) : []),
    [point, venues],
  );
  // A venue stays chosen only while it is near the point (until the venues are there, the choice stands).
  const chosenVenue =
    venueId !== null && (venues.status !== 'ready' || nearby.some((venue) => venue.id === venueId))
      ? venueId
      : null;
  const organisation =
    chosenOrganisation ??
    (organisations.status === 'ready' ? (organisations.data.accountOrganisation ?? '') : '');
  const kinds = recordableKinds(role);
  const errors: Partial<Record<FormField, string>> = {};
  for (const [field, message] of Object.entries(fieldErrors(failure))) {
    const formField = FIELD_OF[field];
    if (formField && !errors[formField]) errors[formField] = message;
  }
  const errorId = (field: FormField) => `${baseId}-${field}-error`;
  const described = (field: FormField) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': errorId(field) } : {};

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = { kind, startedOn, organisation, venueId: chosenVenue };
    const place = chosenVenue ? { venueId: chosenVenue } : point ? { location: rounded(point) } : {};
    const patch = editing ? changedFields(editing, form, point) : null;
    if (editing && patch && Object.keys(patch).length === 0) {
      props.onUnchanged();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const saved =
        editing && patch
          ? await changeIntervention(String(editing.id), patch)
          : await recordIntervention({ kind, startedOn, organisation, ...place });
      props.onSaved(saved, !editing);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const fieldErrorCount = Object.keys(errors).length;
  return (
    <form className="interventions__form" onSubmit={submit} noValidate data-testid="intervention-form">
      <h4 ref={heading} tabIndex={-1} className="planning__heading">
        {t(editing ? 'interventionsTool.editTitle' : 'interventionsTool.newTitle')}
      </h4>
      <Field label={t('interventionsTool.kind')} field="kind" error={errors.kind} errorId={errorId('kind')}>
        <select
          className="field__input"
          value={kind}
          onChange={(event) => setKind(event.target.value as InterventionKind)}
          data-testid="intervention-kind"
          {...described('kind')}
        >
          {kinds.map((option) => (
            <option key={option} value={option}>
              {t(`intervention.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      {role === 'ngo' && <p className="filters__note">{t('interventionsTool.cctvForTaskForce')}</p>}
      <Field
        label={t('interventionsTool.startedOn')}
        field="startedOn"
        error={errors.startedOn}
        errorId={errorId('startedOn')}
      >
        <input
          className="field__input"
          type="date"
          min="2000-01-01"
          max={today}
          value={startedOn}
          onChange={(event) => setStartedOn(event.target.value)}
          data-testid="intervention-date"
          {...described('startedOn')}
        />
      </Field>
      <Field
        label={t('interventionsTool.organisation')}
        field="organisation"
        error={errors.organisation}
        errorId={errorId('organisation')}
      >
        <select
          className="field__input"
          value={organisation}
          onChange={(event) => setChosenOrganisation(event.target.value)}
          data-testid="intervention-organisation"
          {...described('organisation')}
        >
          <option value="">{t('interventionsTool.chooseOrganisation')}</option>
          {organisations.status === 'ready' &&
            organisations.data.organisations.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
        </select>
      </Field>
      {organisations.status === 'failed' && (
        <p className="field__error" role="alert">
          {t('interventionsTool.organisationsFailed', {
            reason: t(errorMessageKey(organisations.error)),
          })}
        </p>
      )}
      <fieldset
        className="interventions__place"
        aria-describedby={errors.place ? errorId('place') : undefined}
      >
        <legend className="field__label">{t('interventionsTool.place')}</legend>
        <p className="panel__text" data-testid="intervention-point">
          {point
            ? t('interventionsTool.point', {
                lat: point.lat.toFixed(POINT_DECIMALS),
                lng: point.lng.toFixed(POINT_DECIMALS),
              })
            : t('interventionsTool.noPoint')}
        </p>
        {picking ? (
          <>
            <p className="panel__text interventions__picking" data-testid="intervention-picking">
              {t('interventionsTool.picking')}
            </p>
            <div className="exports__buttons">
              <button
                type="button"
                className="button button--quiet"
                onClick={() => store.getState().pointPicked(mapCentre(store.getState().mapView))}
              >
                {t('interventionsTool.useCentre')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => store.getState().pointPickCancelled()}
              >
                {t('interventionsTool.cancelPick')}
              </button>
            </div>
          </>
        ) : (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => store.getState().pointPickStarted()}
            data-testid="intervention-pick"
          >
            {t(point ? 'interventionsTool.pickAgain' : 'interventionsTool.pick')}
          </button>
        )}
        {point && (
          <label className="field">
            <span className="field__label">
              {t('interventionsTool.venue', { metres: formatCount(NEARBY_VENUE_METRES, language) })}
            </span>
            <select
              className="field__input"
              value={chosenVenue ?? ''}
              onChange={(event) => setVenueId(event.target.value || null)}
              data-testid="intervention-venue"
            >
              <option value="">{t('interventionsTool.atPointOnly')}</option>
              {nearby.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {t('interventionsTool.venueOption', {
                    name: venue.name,
                    kind: t(`venue.${venue.kind}`),
                    metres: formatCount(Math.round(venue.distanceM), language),
                  })}
                </option>
              ))}
            </select>
          </label>
        )}
        {point && venues.status === 'loading' && (
          <p className="filters__note">{t('interventionsTool.venuesLoading')}</p>
        )}
        {venues.status === 'failed' && (
          <p className="field__error">
            {t('interventionsTool.venuesFailed', { reason: t(errorMessageKey(venues.error)) })}
          </p>
        )}
        <FieldError field="place" id={errorId('place')} message={errors.place} />
      </fieldset>
      {failure !== null && (
        <p className="banner banner--error" role="alert" data-testid="intervention-failed">
          {fieldErrorCount > 0
            ? t('interventionsTool.checkFields')
            : t('interventionsTool.failed', { reason: t(errorMessageKey(failure)) })}
        </p>
      )}
      <div className="exports__buttons">
        <button
          type="submit"
          className="button button--primary"
          disabled={saving}
          data-testid="intervention-save"
        >
          {t(
            saving
              ? 'interventionsTool.saving'
              : editing
                ? 'interventionsTool.saveChanges'
                : 'interventionsTool.save',
          )}
        </button>
        {editing && (
          <button type="button" className="button button--quiet" onClick={props.onCancel}>
            {t('interventionsTool.cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
