/**
 * The compact side panel over the map (a bottom sheet on phones): filters, layer switches, the selected cell,
 * the legends of the layers switched on, the model and forecast section and a note about the map.
 */
import { useId, useState } from 'react';
import { useAppState, useT } from '../app/StoreContext.ts';
import { BASEMAP_COLOUR } from '../map/layers/basemap.ts';
import { BOUNDARY_COLOUR } from '../map/layers/boundaries.ts';
import { WIDE_LAYOUT_MIN_WIDTH_PX } from '../map/viewport.ts';
import type { MessageKey } from '../i18n/index.ts';
import { EmergingLegend } from './EmergingLegend.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { HotspotLegend } from './HotspotLegend.tsx';
import { MapLayerSwitches } from './MapLayerSwitches.tsx';
import { ModelPanel } from './ModelPanel.tsx';
import { PlanningTools } from './PlanningTools.tsx';
import { PointsLegend } from './PointsLegend.tsx';
import { ReleaseFilters } from './ReleaseFilters.tsx';
import { ReleaseLegend } from './ReleaseLegend.tsx';
import { RiskTerrainLegend } from './RiskTerrainLegend.tsx';
import { SelectedPlaceDetails } from './SelectedPlaceDetails.tsx';
import { TierAccess } from './TierAccess.tsx';

/** Colour of the transit line in the legend: Transjakarta corridor 2's blue, as in the OSM data. */
const TRANSIT_LEGEND_COLOUR = '#264598';

interface LegendLine {
  label: MessageKey;
  colour: string;
  width: number;
  dash?: string;
}

const LEGEND: readonly LegendLine[] = [
  { label: 'panel.legendKota', colour: BOUNDARY_COLOUR.kota, width: 3 },
  { label: 'panel.legendKecamatan', colour: BOUNDARY_COLOUR.kecamatan, width: 2 },
  { label: 'panel.legendKelurahan', colour: BOUNDARY_COLOUR.kelurahan, width: 1.2, dash: '3 2' },
  { label: 'panel.legendMajorRoad', colour: BASEMAP_COLOUR.roadMajorCasing, width: 4 },
  { label: 'panel.legendTransit', colour: TRANSIT_LEGEND_COLOUR, width: 2.5 },
];

function startsOpen(): boolean {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia(`(min-width: ${WIDE_LAYOUT_MIN_WIDTH_PX}px)`).matches
    : true;
}

/**
 * Side panel with a fold button: release filters, layer switches, the selected cell, the legends of the layers on
 * (topmost layer first), the boundary legend, the model and forecast section and the about text.
 */
export function SidePanel() {
  const t = useT();
  const layers = useAppState((state) => state.mapLayers);
  const [open, setOpen] = useState(startsOpen);
  const bodyId = useId();
  return (
    <aside className={`panel ${open ? 'panel--open' : ''}`} aria-label={t('panel.label')}>
      <button
        type="button"
        className="panel__toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((value) => !value)}
      >
        <span>{t('panel.legendTitle')}</span>
        <span className="panel__toggle-hint">{open ? t('panel.hide') : t('panel.show')}</span>
        <svg className="panel__chevron" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="m5 8 5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <div id={bodyId} className="panel__body" hidden={!open}>
        <ReleaseFilters />
        <MapLayerSwitches />
        <SelectedPlaceDetails />
        <PlanningTools />
        {layers.includes('interventions') && <PointsLegend kind="interventions" />}
        {layers.includes('venues') && <PointsLegend kind="venues" />}
        {layers.includes('emerging') && <EmergingLegend />}
        {layers.includes('hotspots') && <HotspotLegend />}
        {layers.includes('risk') && <RiskTerrainLegend />}
        {layers.includes('counts') && <ReleaseLegend />}
        <section className="panel__section">
          <ul className="legend">
            {LEGEND.map((item) => (
              <li key={item.label} className="legend__item">
                <svg className="legend__swatch" viewBox="0 0 28 8" aria-hidden="true" focusable="false">
                  <line
                    x1="1"
                    y1="4"
                    x2="27"
                    y2="4"
                    stroke={item.colour}
                    strokeWidth={item.width}
                    strokeDasharray={item.dash}
                    strokeLinecap="round"
                  />
                </svg>
                {t(item.label)}
              </li>
            ))}
          </ul>
        </section>
        <ExportButtons />
        <TierAccess />
        <ModelPanel />
        <section className="panel__section">
          <h2 className="panel__heading">{t('panel.aboutTitle')}</h2>
          <p className="panel__text">{t('panel.about')}</p>
        </section>
      </div>
    </aside>
  );
}
