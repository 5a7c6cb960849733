// Shared fixtures of the privacy tests: small and full release geographies and incident-count builders.
import type { H3Index, KelurahanCode } from '@titik-rawan/shared';
import { readFileSync } from 'node:fs';
import {
  buildReleaseGeography,
  loadReleaseGeography,
  type KelurahanCollection,
  type ReleaseGeography,
} from '@titik-rawan/server/releases/geography';
import type { CountRow } from '@titik-rawan/server/releases/table';

/** The real kelurahan polygons. */
export function kelurahanCollection(): KelurahanCollection {
  const file = new URL('../../db/data/jakarta-timur-kelurahan.geojson', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as KelurahanCollection;
}

/** The full release geography of East Jakarta. */
export const fullGeography = (): ReleaseGeography => loadReleaseGeography();

let small: ReleaseGeography | null = null;
/** A small geography: the kelurahan of Kecamatan Jatinegara (31.75.03), including Kampung Melayu and Bali Mester. */
export function smallGeography(): ReleaseGeography {
  small ??= buildReleaseGeography({
    features: kelurahanCollection().features.filter((f) => f.properties.kode_kecamatan === '31.75.03'),
  });
  return small;
}

/** Count rows of a list of incidents (one row per place, month and category). */
export function countRows(
  incidents: readonly {
    place: { baseCell: H3Index } | { unlocatedIn: KelurahanCode };
    month: string;
    category: string;
  }[],
): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const incident of incidents) {
    const key = JSON.stringify([incident.place, incident.month, incident.category]);
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { ...incident, count: 1 });
  }
  return [...rows.values()];
}
