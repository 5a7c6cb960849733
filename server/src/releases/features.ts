import { AREA_LEVELS, type H3Index } from '@titik-rawan/shared';
import { cellToBoundary } from 'h3-js';
import {
  CELL_RESOLUTIONS,
  outlineOfCells,
  type CellResolution,
  type ReleaseArea,
  type ReleaseGeography,
} from './geography';
import type { GeoUnit } from './table';

/** A GeoJSON geometry of published geography. */
export type Geometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Outline of an H3 cell as a GeoJSON polygon ([lng, lat], closed ring). */
export function cellPolygon(cell: H3Index): Geometry {
  return { type: 'Polygon', coordinates: [cellToBoundary(cell, true)] };
}

/** Areas of one level of the release geography. */
export function areasOfLevel(
  geography: ReleaseGeography,
  level: ReleaseArea['level'],
): readonly ReleaseArea[] {
  return level === 'kota'
    ? [geography.kota]
    : level === 'kecamatan'
      ? geography.kecamatan
      : geography.kelurahan;
}

/**
 * Outlines of published geography, computed once: cells as hexagons, areas as the union of their base
 * cells (areas count what falls in those cells, so that is the outline their counts follow).
 */
export class GeographyOutlines {
  private readonly cells = new Map<CellResolution, Map<H3Index, Geometry>>();
  private readonly areas = new Map<string, Geometry>();

  constructor(private readonly geography: ReleaseGeography) {}

  /** Hexagon outline of a published cell. */
  cell(resolution: CellResolution, cell: H3Index): Geometry {
    let byCell = this.cells.get(resolution);
    if (!byCell) {
      byCell = new Map(this.geography.cells[resolution].map((c) => [c, cellPolygon(c)]));
      this.cells.set(resolution, byCell);
    }
    return byCell.get(cell) ?? cellPolygon(cell);
  }

  /** Outline of an area: the union of its base cells. */
  area(area: ReleaseArea): Geometry {
    let outline = this.areas.get(area.code);
    if (!outline) {
      outline = { type: 'MultiPolygon', coordinates: outlineOfCells(area.baseCells) };
      this.areas.set(area.code, outline);
    }
    return outline;
  }
}

/** A published cell or area named by its H3 index or area code. */
export interface Place {
  geo: GeoUnit;
  /**
   * What the place counts: the union of its base cells, as releases count incidents (a cell's drawn hexagon
   * differs slightly from its base cells', as H3 children do not tile their parent exactly).
   */
  baseOutline: Geometry;
}

/** The published cell (resolution 7 or 8) or area a place parameter names, or null when there is none. */
export function findPlace(
  geography: ReleaseGeography,
  outlines: GeographyOutlines,
  text: string,
): Place | null {
  for (const resolution of CELL_RESOLUTIONS) {
    if (geography.cells[resolution].includes(text as H3Index)) {
      const cell = text as H3Index;
      const baseCells = geography.baseCellsOfCell.get(cell) ?? [];
      return {
        geo: { kind: 'cell', resolution, cell },
        baseOutline: { type: 'MultiPolygon', coordinates: outlineOfCells(baseCells) },
      };
    }
  }
  for (const level of AREA_LEVELS) {
    const area = areasOfLevel(geography, level).find((candidate) => candidate.code === text);
    if (area) return { geo: { kind: 'area', level, code: area.code }, baseOutline: outlines.area(area) };
  }
  return null;
}
