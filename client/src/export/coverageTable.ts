/**
 * A coverage check as CSV (UTF-8 with BOM, like every table export): the listed hot or high-risk cells with their
 * coverage, and the before/after figures per kelurahan, one row per quarter. Pure: no DOM, no fetch.
 */
import type { Coverage } from '../api/types.ts';
import { translate, type Language, type MessageKey } from '../i18n/index.ts';
import { tableCsv } from './pointsTable.ts';

/** CSV of the listed cells: H3 index, resolution, hot spot confidence, relative risk, covered, nearest, kinds, reach. */
export function coverageCellsCsv(coverage: Coverage, language: Language): string {
  const t = translate(language);
  return tableCsv(
    language,
    [
      'coverage.csv.cell',
      'coverage.csv.resolution',
      'coverage.csv.hotConfidence',
      'coverage.csv.relativeRisk',
      'coverage.csv.covered',
      'coverage.csv.nearestM',
      'coverage.csv.coveringKinds',
      'coverage.csv.reachM',
    ],
    coverage.cells.map(({ properties }) => [
      properties.cell,
      properties.resolution,
      properties.hotConfidence,
      Number(properties.relativeRisk.toFixed(4)),
      t(properties.covered ? 'export.csv.yes' : 'export.csv.no'),
      properties.nearestM,
      properties.coveringKinds.map((kind) => t(`intervention.${kind}`)).join('; '),
      coverage.coverageM,
    ]),
    coverage.release.synthetic,
  );
}

const STATUS: Readonly<
  Record<Coverage['beforeAfter']['kelurahan'][number]['before'][number]['status'], MessageKey>
> = {
  published: 'coverage.csv.published',
  suppressed: 'export.csv.suppressedWord',
  before_data: 'coverage.csv.beforeData',
  not_yet: 'coverage.csv.notYet',
};

/**
 * CSV of the before/after figures: one row per kelurahan and quarter (four before, four after), with the count
 * (empty unless published), its status and the side's total (empty unless all four quarters are published).
 */
export function beforeAfterCsv(coverage: Coverage, language: Language): string {
  const t = translate(language);
  return tableCsv(
    language,
    [
      'export.csv.code',
      'export.csv.name',
      'coverage.csv.firstIntervention',
      'coverage.csv.interventionQuarter',
      'export.csv.category',
      'coverage.csv.side',
      'coverage.csv.quarter',
      'export.csv.count',
      'coverage.csv.status',
      'coverage.csv.sideTotal',
    ],
    coverage.beforeAfter.kelurahan.flatMap((area) =>
      (['before', 'after'] as const).flatMap((side) =>
        area[side].map((quarter) => [
          area.code,
          area.name,
          area.firstIntervention,
          area.quarter,
          coverage.beforeAfter.category,
          t(`coverage.csv.${side}`),
          quarter.quarter,
          quarter.count,
          t(STATUS[quarter.status]),
          side === 'before' ? area.beforeTotal : area.afterTotal,
        ]),
      ),
    ),
    coverage.release.synthetic,
  );
}
