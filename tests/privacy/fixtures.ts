// Shared fixtures of the privacy tests: small and full release geographies.
import { readFileSync } from 'node:fs';
import {
  buildReleaseGeography,
  loadReleaseGeography,
  type KelurahanCollection,
  type ReleaseGeography,
} from '@titik-rawan/server/releases/geography';

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
