import type { H3Index } from '@titik-rawan/shared';
import { cellToBoundary } from 'h3-js';
import { outlineOfCells, type CellResolution, type ReleaseArea, type ReleaseGeography } from './geography';

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
