/**
 * Switches for the map layers (counts, risk terrain, hot spots, emerging hot spots, venues, interventions) and the
 * step of the trends; the point layers are for signed-in accounts, and the public tier is told so.
 */
import type { ChangeEvent } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ANALYSIS_LAYERS, MAP_LAYERS, POINT_LAYERS, type MapLayer } from '../map/layers/toggles.ts';
import { analysisResolution } from '../store/analyses.ts';
import { allowedEmergingSteps, EMERGING_STEPS, isEmergingStep } from '../store/filtersSlice.ts';

const LAYER_LABEL: Readonly<Record<MapLayer, MessageKey>> = {
  counts: 'layers.counts',
  risk: 'layers.risk',
  hotspots: 'layers.hotspots',
  emerging: 'layers.emerging',
  venues: 'layers.venues',
  interventions: 'layers.interventions',
};

const isPointLayer = (layer: MapLayer) => (POINT_LAYERS as readonly MapLayer[]).includes(layer);

/** One checkbox per layer; the trend step appears while emerging hot spots are on, months only for tiers that may. */
export function MapLayerSwitches() {
  const t = useT();
  const layers = useAppState((state) => state.mapLayers);
  const layerSwitched = useAppState((state) => state.layerSwitched);
  const step = useAppState((state) => state.emergingStep);
  const emergingStepChosen = useAppState((state) => state.emergingStepChosen);
  const geography = useAppState((state) => state.filters.geography);
  const metadata = useAppState((state) =>
    state.releaseMetadata.status === 'ready' ? state.releaseMetadata.metadata : null,
  );
  const allowedSteps = metadata ? allowedEmergingSteps(metadata) : [step];
  const resolution = metadata ? analysisResolution(geography, metadata) : null;
  const analysisOn = layers.some((layer) => (ANALYSIS_LAYERS as readonly MapLayer[]).includes(layer));
  const signedIn = useAppState((state) => state.session.status === 'signedIn');

  const onStep = (event: ChangeEvent<HTMLSelectElement>) => {
    if (isEmergingStep(event.target.value)) emergingStepChosen(event.target.value);
  };

  return (
    <section className="panel__section filters" aria-labelledby="layers-title">
      <h2 id="layers-title" className="panel__heading">
        {t('layers.title')}
      </h2>
      <ul className="switches">
        {MAP_LAYERS.map((layer) => (
          <li key={layer}>
            <label className="switch">
              <input
                type="checkbox"
                checked={layers.includes(layer) && (signedIn || !isPointLayer(layer))}
                disabled={!signedIn && isPointLayer(layer)}
                aria-describedby={!signedIn && isPointLayer(layer) ? 'points-sign-in' : undefined}
                onChange={(event) => layerSwitched(layer, event.target.checked)}
                data-testid={`layer-${layer}`}
              />
              {t(LAYER_LABEL[layer])}
            </label>
          </li>
        ))}
      </ul>
      {!signedIn && (
        <p className="filters__note" id="points-sign-in">
          {t('layers.pointsNeedSignIn')}
        </p>
      )}
      {layers.includes('emerging') && (
        <label className="field switches__step">
          <span className="field__label">{t('layers.step')}</span>
          <select
            className="field__input"
            value={step}
            onChange={onStep}
            disabled={!metadata}
            data-testid="emerging-step"
          >
            {EMERGING_STEPS.map((option) => {
              const label = t(option === 'month' ? 'layers.stepMonth' : 'layers.stepQuarter');
              const allowed = allowedSteps.includes(option);
              return (
                <option key={option} value={option} disabled={!allowed}>
                  {allowed ? label : t('filters.needsSignIn', { option: label })}
                </option>
              );
            })}
          </select>
        </label>
      )}
      {layers.includes('emerging') && !allowedSteps.includes('month') && (
        <p className="filters__note">{t('layers.limitMonths')}</p>
      )}
      {analysisOn && resolution !== null && (
        <p className="filters__note" data-testid="analysis-resolution">
          {t('layers.resolution', { cells: t(`geography.h3-${resolution}`) })}
        </p>
      )}
      {analysisOn && <p className="filters__note">{t('layers.clickHint')}</p>}
      <p className="filters__note">{t('layers.combining')}</p>
    </section>
  );
}
