/**
 * The outreach ranking as CSV (UTF-8 with BOM, like the other tables): one row per kelurahan in rank order with
 * every figure it was scored from, each component's value from 0 to 1 and weight, and the score, so the file can
 * be checked by hand. Pure: no DOM, no fetch.
 */
import type { Outreach } from '../api/types.ts';
import {
  OUTREACH_COMPONENTS,
  type OutreachWeights,
  type RankedKelurahan,
} from '@titik-rawan/shared/outreach';
import { translate, type Language, type MessageKey } from '../i18n/index.ts';
import { tableCsv } from './pointsTable.ts';

/** One kelurahan of the outreach answer. */
export type OutreachRow = Outreach['kelurahan'][number];

/** Decimals of the score in the table and the file. */
export const SCORE_DIGITS = 3;

/** A number rounded to some decimals, as a number (so the CSV writes `0.5`, not `0.500`). */
const rounded = (value: number, digits: number) => Number(value.toFixed(digits));

const COLUMNS: readonly MessageKey[] = [
  'export.csv.rank',
  'export.csv.code',
  'export.csv.name',
  'outreach.csv.kecamatan',
  'outreach.csv.population',
  'export.csv.count',
  'export.csv.suppressed',
  'outreach.csv.countUsed',
  'outreach.csv.rate',
  'outreach.csv.hotspot',
  'outreach.csv.trend',
  'outreach.csv.kost',
  'outreach.csv.lodging',
  'outreach.csv.schools',
  'outreach.csv.interventions',
  ...OUTREACH_COMPONENTS.map((c) => `outreach.csv.value.${c}` as const),
  ...OUTREACH_COMPONENTS.map((c) => `outreach.csv.weight.${c}` as const),
  'outreach.csv.score',
];

/**
 * CSV of a ranking: rank, code, name, kecamatan, population, released count (empty when suppressed), whether
 * suppressed, the count used (the assumed one when suppressed), rate per 10,000, hot spot confidence, trend class,
 * kost, hotels and guest houses, schools, interventions, each component's value and weight, the score.
 */
export function outreachCsv(
  ranking: readonly RankedKelurahan<OutreachRow>[],
  weights: OutreachWeights,
  synthetic: boolean,
  language: Language,
): string {
  const t = translate(language);
  const withheld = t('export.csv.withheld');
  return tableCsv(
    language,
    COLUMNS,
    ranking.map(({ facts, rank, score, countUsed, components }) => [
      rank,
      facts.code,
      facts.name,
      facts.kecamatan,
      facts.population,
      facts.count,
      t(facts.suppressed ? 'export.csv.yes' : 'export.csv.no'),
      countUsed,
      components.rate.input === null ? null : rounded(components.rate.input, 2),
      facts.hotspotConfidence ?? withheld,
      facts.trend === null ? withheld : t(`emerging.class.${facts.trend}`),
      facts.venues.kost,
      facts.venues.lodging,
      facts.venues.schools,
      facts.interventions,
      ...OUTREACH_COMPONENTS.map((c) => {
        const value = components[c].value;
        return value === null ? null : rounded(value, 4);
      }),
      ...OUTREACH_COMPONENTS.map((c) => weights[c]),
      rounded(score, SCORE_DIGITS),
    ]),
    synthetic,
  );
}

/**
 * File name of the ranking, naming the period and category and saying when the data are synthetic:
 * `titik-rawan-prioritas-penjangkauan-2025-all-sintetis.csv` / `titik-rawan-outreach-priorities-2025-all-synthetic.csv`.
 */
export function outreachFileName(
  period: string,
  category: string,
  synthetic: boolean,
  language: Language,
): string {
  const t = translate(language);
  const parts = [t('outreach.file'), period, category, ...(synthetic ? [t('outreach.fileSynthetic')] : [])];
  return `${parts.join('-')}.csv`;
}
