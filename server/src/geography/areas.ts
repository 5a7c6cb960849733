import type { AreaCollection, AreaLevel } from '@titik-rawan/shared';
import type { Sql } from '../db/database';

/** Features of every area of one level, outlines simplified to ~5 m for the map. */
export async function areaFeatures(sql: Sql, level: AreaLevel): Promise<AreaCollection['features']> {
  const rows = await sql<
    {
      code: string;
      name: string;
      parent_code: string | null;
      area_km2: number;
      population: number | null;
      geometry: string;
    }[]
  >`
    select code, common_name as name, parent_code, area_km2, population,
      ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.00005), 6) as geometry
    from admin_areas where level = ${level} order by code`;
  return rows.map((row) => ({
    type: 'Feature' as const,
    id: row.code,
    geometry: JSON.parse(row.geometry) as AreaCollection['features'][number]['geometry'],
    properties: {
      code: row.code,
      name: row.name,
      level,
      parentCode: row.parent_code,
      areaKm2: row.area_km2,
      population: row.population,
    },
  }));
}
