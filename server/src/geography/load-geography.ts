import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import type { Sql } from '../db/database';

/** Folder of the reference data copied from shared/data/east-jakarta (see db/data/SOURCES.md). */
export const GEOGRAPHY_DIR = path.join(REPO_ROOT, 'db/data');

interface SourceFeature {
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

async function readFeatures(file: string): Promise<SourceFeature[]> {
  const collection = JSON.parse(await readFile(path.join(GEOGRAPHY_DIR, file), 'utf8')) as {
    features: SourceFeature[];
  };
  return collection.features;
}

function text(feature: SourceFeature, key: string): string {
  const value = feature.properties[key];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Geography feature lacks the text property "${key}"`);
  }
  return value;
}

/** Reads registered residents per kelurahan (Dukcapil 2019; licence not verified, so optional). */
async function readPopulation(): Promise<Map<string, number>> {
  const file = path.join(GEOGRAPHY_DIR, 'optional/jakarta-timur-penduduk-kelurahan-2019-dukcapil.csv');
  const csv = await readFile(file, 'utf8').catch(() => '');
  const [header, ...rows] = csv.trim().split('\n');
  if (!header) return new Map();
  const columns = header.split(',');
  const codeAt = columns.indexOf('kode_kemendagri');
  const populationAt = columns.indexOf('penduduk');
  return new Map(
    rows.map((row) => {
      const cells = row.split(',');
      return [cells[codeAt] ?? '', Number(cells[populationAt])] as const;
    }),
  );
}

/** One admin_areas row before insertion; the geometry stays GeoJSON text until PostGIS parses it. */
interface AreaRow {
  code: string;
  level: 'kota' | 'kecamatan' | 'kelurahan';
  name: string;
  common_name: string;
  parent_code: string | null;
  dukcapil_code: string | null;
  area_km2: number;
  population: number | null;
  geojson: string;
}

function areaRow(
  feature: SourceFeature,
  level: AreaRow['level'],
  parentKey: string | null,
  population: Map<string, number>,
): AreaRow {
  const code = text(feature, 'kode_kemendagri');
  return {
    code,
    level,
    name: text(feature, 'nama'),
    common_name: text(feature, 'nama_umum'),
    parent_code: parentKey ? text(feature, parentKey) : null,
    dukcapil_code: level === 'kelurahan' ? text(feature, 'kode_dukcapil') : null,
    area_km2: Number(feature.properties.luas_km2),
    population: population.get(code) ?? null,
    geojson: JSON.stringify(feature.geometry),
  };
}

/**
 * Loads kota, kecamatan and kelurahan boundaries (joined on Kemendagri codes, never names) into an
 * empty `admin_areas` table, in one transaction. Kecamatan and kota populations are the sums of their
 * kelurahan. Returns the number of areas written (0 when the geography was already there).
 */
export async function loadGeography(sql: Sql): Promise<number> {
  const [{ count } = { count: 0 }] = await sql<{ count: number }[]>`
    select count(*)::int as count from admin_areas`;
  if (count > 0) return 0;
  const population = await readPopulation();
  const rows = [
    ...(await readFeatures('jakarta-timur-kota.geojson')).map((f) => areaRow(f, 'kota', null, population)),
    ...(await readFeatures('jakarta-timur-kecamatan.geojson')).map((f) =>
      areaRow(f, 'kecamatan', 'kode_kota', population),
    ),
    ...(await readFeatures('jakarta-timur-kelurahan.geojson')).map((f) =>
      areaRow(f, 'kelurahan', 'kode_kecamatan', population),
    ),
  ];
  await sql.begin(async (tx) => {
    for (const row of rows) {
      await tx`
        insert into admin_areas
          (code, level, name, common_name, parent_code, dukcapil_code, area_km2, population, geom)
        values (${row.code}, ${row.level}, ${row.name}, ${row.common_name}, ${row.parent_code},
          ${row.dukcapil_code}, ${row.area_km2}, ${row.population},
          ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${row.geojson}), 4326)))`;
    }
    // Higher levels take the sum of their kelurahan, so every level counts the same people.
    await tx`
      update admin_areas parent set population = sums.population
      from (
        select k.parent_code as code, sum(k.population)::int as population
        from admin_areas k where k.level = 'kelurahan' group by k.parent_code
      ) sums
      where parent.code = sums.code and parent.level = 'kecamatan'`;
    await tx`
      update admin_areas set population = (
        select sum(population)::int from admin_areas where level = 'kecamatan')
      where level = 'kota'`;
  });
  return rows.length;
}
