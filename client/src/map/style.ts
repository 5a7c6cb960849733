/**
 * Whole MapLibre styles for the dashboard: the offline basemap served by our own server, or an external
 * style with our released-counts, analysis and boundary layers added on top.
 */
import type { FeatureCollection } from 'geojson';
import type {
  GeoJSONSourceSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { type BasemapFile, glyphsUrlTemplate } from '../api/client.ts';
import { basemapLayers } from './layers/basemap.ts';
import { boundaryLayers } from './layers/boundaries.ts';
import { coverageLayers } from './layers/coverage.ts';
import { emergingLayers } from './layers/emerging.ts';
import { hotspotLayers } from './layers/hotspots.ts';
import {
  interventionLayers,
  placementLayers,
  VENUE_CLUSTER_MAX_ZOOM,
  VENUE_CLUSTER_RADIUS_PX,
  venueLayers,
} from './layers/places.ts';
import { SOURCE, type SourceId, WITHHELD_TWIN } from './layers/ids.ts';
import { DEFAULT_MAP_LAYERS, layerVisibility, type MapLayer } from './layers/toggles.ts';
import { patrolLayers } from './layers/patrol.ts';
import { releaseLayers } from './layers/releases.ts';
import { riskTerrainLayers } from './layers/riskTerrain.ts';
import { selectionLayers } from './layers/selection.ts';

/** Attribution of the administrative boundaries (kelurahan, and the kecamatan and city dissolved from them). */
export const BOUNDARY_ATTRIBUTION = 'Batas kelurahan: cahyadsn/wilayah_boundaries (MIT), © 2024 Cahya DSN';

/** Attribution of roads, transit routes and stops. */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

/** Attribution of the label font. */
export const FONT_ATTRIBUTION = 'Noto Sans © The Noto Project Authors';

/** Every attribution the offline map shows, in display order. */
export const OFFLINE_ATTRIBUTIONS = [BOUNDARY_ATTRIBUTION, OSM_ATTRIBUTION, FONT_ATTRIBUTION];

/** What the controller's sources hold when the style is built; a source not named starts empty. */
export type InitialSourceData = Partial<Record<SourceId, FeatureCollection>>;

/** The one empty collection our sources hold while they have nothing to draw. */
export const NO_FEATURES: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Sources of the released-counts, analysis, boundary, selection, venue and intervention layers, holding what the
 * controller already has (label points are computed in the browser from the polygons); venues cluster. The data come
 * first, then the boundaries, then the hatch twins ({@link WITHHELD_TWIN}): MapLibre's worker builds the sources in
 * this order, and the first view's frames get the data sooner (BENCHMARKS.md).
 */
export function boundarySources(initial: InitialSourceData = {}): Record<string, SourceSpecification> {
  const geoJson = (id: SourceId, attribution?: string): GeoJSONSourceSpecification => ({
    type: 'geojson',
    data: initial[id] ?? NO_FEATURES,
    ...(attribution ? { attribution } : {}),
  });
  const withheldTwins = Object.fromEntries(
    Object.entries(WITHHELD_TWIN).map(([of, twin]) => [twin, geoJson(of as SourceId)]),
  );
  return {
    [SOURCE.releases]: geoJson(SOURCE.releases),
    [SOURCE.riskTerrain]: geoJson(SOURCE.riskTerrain),
    [SOURCE.hotspots]: geoJson(SOURCE.hotspots),
    [SOURCE.emerging]: geoJson(SOURCE.emerging),
    [SOURCE.kota]: geoJson(SOURCE.kota, BOUNDARY_ATTRIBUTION),
    [SOURCE.kecamatan]: geoJson(SOURCE.kecamatan),
    [SOURCE.kelurahan]: geoJson(SOURCE.kelurahan),
    [SOURCE.kecamatanLabels]: geoJson(SOURCE.kecamatanLabels),
    [SOURCE.kelurahanLabels]: geoJson(SOURCE.kelurahanLabels),
    ...withheldTwins,
    [SOURCE.selection]: geoJson(SOURCE.selection),
    [SOURCE.venues]: {
      ...geoJson(SOURCE.venues),
      cluster: true,
      clusterMaxZoom: VENUE_CLUSTER_MAX_ZOOM,
      clusterRadius: VENUE_CLUSTER_RADIUS_PX,
    },
    [SOURCE.interventions]: geoJson(SOURCE.interventions),
    [SOURCE.placements]: geoJson(SOURCE.placements),
    [SOURCE.patrol]: geoJson(SOURCE.patrol),
    [SOURCE.coverage]: geoJson(SOURCE.coverage),
  };
}

/**
 * Our layers drawn over any basemap, bottom to top: released counts, risk terrain, hot spots, emerging hot
 * spots, venues, interventions, suggested sites, the patrol route, uncovered cells, the selected place, then the boundary outlines and names.
 * The switchable layers are visible when they are in `on`: the style starts as the map is shown, so MapLibre does not
 * reload their sources when the map switches them at start.
 */
export function overlayLayers(on: readonly MapLayer[] = DEFAULT_MAP_LAYERS): LayerSpecification[] {
  const visibility = new Map(layerVisibility(on));
  const layers: LayerSpecification[] = [
    ...releaseLayers(),
    ...riskTerrainLayers(),
    ...hotspotLayers(),
    ...emergingLayers(),
    ...venueLayers(),
    ...interventionLayers(),
    ...placementLayers(),
    ...patrolLayers(),
    ...coverageLayers(),
    ...selectionLayers(),
    ...boundaryLayers(),
  ];
  return layers.map((layer) => {
    const shown = visibility.get(layer.id);
    return shown
      ? ({ ...layer, layout: { ...layer.layout, visibility: shown } } as LayerSpecification)
      : layer;
  });
}

/**
 * The files of the offline basemap's roads and transit, by source. Their sources start empty and are given these
 * files once the map's first view (boundaries and data) is drawn: building their lines is most of MapLibre's
 * worker's work at start, and on slow graphics each frame drawn before the data costs much (BENCHMARKS.md).
 */
export const BASEMAP_FILES = {
  [SOURCE.roads]: 'roads.geojson',
  [SOURCE.transitRoutes]: 'transit-routes.geojson',
  [SOURCE.transitStops]: 'transit-stops.geojson',
} as const satisfies Partial<Record<SourceId, BasemapFile>>;

/**
 * The offline style: boundaries served by our server at `origin` (absolute URL), our sources holding `initial`, the
 * layers in `on` switched on, and empty road and transit sources ({@link BASEMAP_FILES}).
 */
export function offlineStyle(
  origin: string,
  initial: InitialSourceData = {},
  on: readonly MapLayer[] = DEFAULT_MAP_LAYERS,
): StyleSpecification {
  return {
    version: 8,
    name: 'Titik Rawan offline',
    glyphs: glyphsUrlTemplate(origin),
    sources: {
      ...boundarySources(initial),
      [SOURCE.roads]: { type: 'geojson', data: NO_FEATURES, attribution: OSM_ATTRIBUTION },
      [SOURCE.transitRoutes]: { type: 'geojson', data: NO_FEATURES, attribution: OSM_ATTRIBUTION },
      [SOURCE.transitStops]: { type: 'geojson', data: NO_FEATURES },
    },
    layers: [...basemapLayers(), ...overlayLayers(on)],
  };
}

/**
 * An external style with our released-counts, analysis and boundary sources (holding `initial`) and layers (those in
 * `on` switched on) added on top; our glyphs are used only when the external style has none, so its fonts must then
 * include the Noto Sans stacks.
 */
export function withBoundaryOverlay(
  base: StyleSpecification,
  origin: string,
  initial: InitialSourceData = {},
  on: readonly MapLayer[] = DEFAULT_MAP_LAYERS,
): StyleSpecification {
  return {
    ...base,
    glyphs: base.glyphs ?? glyphsUrlTemplate(origin),
    sources: { ...base.sources, ...boundarySources(initial) },
    layers: [...base.layers, ...overlayLayers(on)],
  };
}
