// Kelurahan given as text in an import: by Kemendagri or Dukcapil code, or by name in the official or the common
// spelling (db/data/jakarta-timur-kelurahan-kode.csv), compared without case, spaces or punctuation. A name that
// could mean two places (a kelurahan named like another kecamatan, such as Jatinegara) needs the kecamatan.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { KelurahanCode } from '@titik-rawan/shared';
import { GEOGRAPHY_DIR } from '../geography/load-geography';

/** One kelurahan with its names and its kecamatan. */
export interface KelurahanName {
  code: KelurahanCode;
  dukcapilCode: string;
  name: string;
  commonName: string;
  kecamatanCode: string;
  kecamatan: string;
}

/** One kecamatan with its official and common names. */
export interface KecamatanName {
  code: string;
  name: string;
  commonName: string;
}

/** The names of every East Jakarta kelurahan and kecamatan, indexed for lookup. */
export interface AreaNames {
  kelurahan: readonly KelurahanName[];
  kecamatan: readonly KecamatanName[];
  /** Kelurahan by Kemendagri code and by Dukcapil code. */
  byCode: ReadonlyMap<string, KelurahanName>;
  /** Kelurahan by loose name (`nameKey`), official and common spellings. */
  byName: ReadonlyMap<string, readonly KelurahanName[]>;
  /** Kecamatan by code (31.75.06 or 317506) and by loose name. */
  kecamatanByKey: ReadonlyMap<string, KecamatanName>;
}

/**
 * A place name compared loosely: accents, case, spaces and punctuation dropped, a leading "Kelurahan"/"Kel."
 * or "Kecamatan"/"Kec." removed, "Kp." read as "Kampung": `Kel. Pal Meriam` and `palmeriam` are the same key.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/^(kelurahan|kecamatan|kel\.?|kec\.?)\s+/, '')
    .replace(/^kp\.?\s*/, 'kampung ')
    .replace(/[^a-z0-9]+/g, '');
}

/** Builds the lookup from the rows of jakarta-timur-kelurahan-kode.csv. */
export function buildAreaNames(rows: readonly Record<string, string>[]): AreaNames {
  const kelurahan: KelurahanName[] = [];
  const kecamatan = new Map<string, KecamatanName>();
  for (const row of rows) {
    const field = (key: string): string => {
      const value = row[key];
      if (value === undefined || value === '') throw new Error(`Kelurahan list lacks "${key}"`);
      return value;
    };
    kelurahan.push({
      code: field('kode_kemendagri') as KelurahanCode,
      dukcapilCode: field('kode_dukcapil'),
      name: field('nama'),
      commonName: field('nama_umum'),
      kecamatanCode: field('kode_kecamatan'),
      kecamatan: field('kecamatan_umum'),
    });
    kecamatan.set(field('kode_kecamatan'), {
      code: field('kode_kecamatan'),
      name: field('kecamatan'),
      commonName: field('kecamatan_umum'),
    });
  }
  const byCode = new Map<string, KelurahanName>();
  const byName = new Map<string, KelurahanName[]>();
  for (const entry of kelurahan) {
    byCode.set(entry.code, entry);
    byCode.set(entry.dukcapilCode, entry);
    for (const key of new Set([nameKey(entry.name), nameKey(entry.commonName)])) {
      byName.set(key, [...(byName.get(key) ?? []), entry]);
    }
  }
  const kecamatanByKey = new Map<string, KecamatanName>();
  for (const entry of kecamatan.values()) {
    kecamatanByKey.set(entry.code, entry);
    kecamatanByKey.set(entry.code.replaceAll('.', ''), entry);
    kecamatanByKey.set(nameKey(entry.name), entry);
    kecamatanByKey.set(nameKey(entry.commonName), entry);
  }
  return { kelurahan, kecamatan: [...kecamatan.values()], byCode, byName, kecamatanByKey };
}

let cached: AreaNames | null = null;

/** The area names of db/data/jakarta-timur-kelurahan-kode.csv, read on first use and then kept. */
export function loadAreaNames(): AreaNames {
  if (!cached) {
    const text = readFileSync(path.join(GEOGRAPHY_DIR, 'jakarta-timur-kelurahan-kode.csv'), 'utf8');
    cached = buildAreaNames(parse(text, { columns: true, bom: true }) as Record<string, string>[]);
  }
  return cached;
}

/** Why a kelurahan could not be told from the text: a stable code and the problem in words. */
export interface KelurahanProblem {
  code: 'unknown_kelurahan' | 'ambiguous_kelurahan' | 'unknown_kecamatan' | 'kelurahan_not_in_kecamatan';
  problem: string;
}

const CODE_LIKE = /^[\d.\s]+$/;

/** The kecamatan named by a code or a name, or null. */
export function findKecamatan(names: AreaNames, text: string): KecamatanName | null {
  const trimmed = text.trim();
  return (
    names.kecamatanByKey.get(CODE_LIKE.test(trimmed) ? trimmed.replace(/\s/g, '') : nameKey(trimmed)) ?? null
  );
}

/**
 * Other places a kelurahan name could mean: other kelurahan of that name, or a kecamatan of that name that
 * is not the kelurahan's own (the kelurahan Jatinegara lies in Cakung, the kecamatan Jatinegara elsewhere).
 */
function isAmbiguous(names: AreaNames, key: string, matches: readonly KelurahanName[]): boolean {
  if (matches.length > 1) return true;
  const kecamatan = names.kecamatanByKey.get(key);
  return kecamatan !== undefined && matches.some((entry) => entry.kecamatanCode !== kecamatan.code);
}

function listKecamatan(matches: readonly KelurahanName[]): string {
  return matches.map((entry) => entry.kecamatan).join(' or ');
}

/**
 * The kelurahan a cell names, by code (31.75.06.1001 or 3175061001) or by name, checked against the kecamatan
 * when one is given (by code or name). A name that could mean another place needs the kecamatan.
 */
export function findKelurahan(
  names: AreaNames,
  kelurahanText: string,
  kecamatanText: string,
): { kelurahan: KelurahanName } | KelurahanProblem {
  const text = kelurahanText.trim();
  const kecamatan = kecamatanText.trim() === '' ? null : findKecamatan(names, kecamatanText);
  if (kecamatanText.trim() !== '' && kecamatan === null) {
    return {
      code: 'unknown_kecamatan',
      problem: `"${kecamatanText.trim()}" is not a kecamatan of East Jakarta (use a name such as Cakung or a code such as 31.75.06)`,
    };
  }
  let matches: readonly KelurahanName[];
  if (CODE_LIKE.test(text)) {
    const entry = names.byCode.get(text.replace(/\s/g, ''));
    if (!entry) {
      return {
        code: 'unknown_kelurahan',
        problem: `no kelurahan of East Jakarta has the code "${text}" (codes look like 31.75.01.1001)`,
      };
    }
    matches = [entry];
  } else {
    const key = nameKey(text);
    matches = names.byName.get(key) ?? [];
    if (matches.length === 0) {
      return {
        code: 'unknown_kelurahan',
        problem: `"${text}" is not a kelurahan of East Jakarta (check the spelling, or give its code such as 31.75.01.1001)`,
      };
    }
    if (kecamatan === null && isAmbiguous(names, key, matches)) {
      return {
        code: 'ambiguous_kelurahan',
        problem:
          `"${text}" is ambiguous: it is a kelurahan in kecamatan ${listKecamatan(matches)}` +
          (names.kecamatanByKey.has(key) ? ' and also the name of a kecamatan' : '') +
          '; add a kecamatan column saying which, or give the kelurahan code',
      };
    }
  }
  if (kecamatan === null) return { kelurahan: matches[0] as KelurahanName };
  const inKecamatan = matches.find((entry) => entry.kecamatanCode === kecamatan.code);
  if (!inKecamatan) {
    return {
      code: 'kelurahan_not_in_kecamatan',
      problem:
        `kelurahan "${text}" lies in kecamatan ${listKecamatan(matches)}, not in ${kecamatan.commonName}; ` +
        'check which of the two is right',
    };
  }
  return { kelurahan: inKecamatan };
}
