/**
 * The table behind the current map view, as CSV: the released counts the map holds (cells or areas) and, for each
 * analysis layer switched on, its per-cell values. Built only from what the store already holds, so the file says
 * exactly what the map shows. Pure: no DOM, no fetch.
 */
import type {
  EmergingCollection,
  EmergingProperties,
  HotspotCollection,
  HotspotProperties,
  ReleaseInfo,
  RiskTerrainCollection,
  RiskTerrainProperties,
} from '../api/types.ts';
import { translate, type Language, type MessageKey } from '../i18n/index.ts';
import { currentAnalysis } from '../store/analyses.ts';
import type { Geography } from '../store/filtersSlice.ts';
import type { ShownRelease } from '../store/releasesSlice.ts';
import type { AppState } from '../store/types.ts';

/** Byte order mark that makes Excel read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** Line end of the CSV files (RFC 4180). */
const CRLF = '\r\n';

/** The data of the current view: the released counts on the map and the analyses whose layers are on. */
export interface ViewTable {
  readonly release: ShownRelease;
  readonly hotspots: HotspotCollection | null;
  readonly emerging: EmergingCollection | null;
  readonly risk: RiskTerrainCollection | null;
}

/** The table of the current view, or `null` while no released counts are on the map. */
export function viewTable(state: AppState): ViewTable | null {
  const release = state.releasedCounts.shown;
  if (!release) return null;
  const on = state.mapLayers;
  return {
    release,
    hotspots: on.includes('hotspots') ? (currentAnalysis(state, 'hotspots')?.data ?? null) : null,
    emerging: on.includes('emerging') ? (currentAnalysis(state, 'emerging')?.data ?? null) : null,
    risk: on.includes('risk') ? (currentAnalysis(state, 'risk')?.data ?? null) : null,
  };
}

/** One CSV field: quoted when it holds a comma, quote, line break or leading/trailing space; quotes doubled. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as CSV text with CRLF line ends, starting with the UTF-8 byte order mark. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return UTF8_BOM + rows.map((row) => row.map(csvField).join(',')).join(CRLF) + CRLF;
}

/** Per-cell analysis values, by H3 index. */
interface CellAnalyses {
  hotspot?: HotspotProperties;
  emerging?: EmergingProperties;
  risk?: RiskTerrainProperties;
}

function byCell(table: ViewTable): Map<string, CellAnalyses> {
  const cells = new Map<string, CellAnalyses>();
  const entry = (cell: string): CellAnalyses => {
    let found = cells.get(cell);
    if (!found) cells.set(cell, (found = {}));
    return found;
  };
  for (const feature of table.hotspots?.features ?? [])
    entry(feature.properties.cell).hotspot = feature.properties;
  for (const feature of table.emerging?.features ?? [])
    entry(feature.properties.cell).emerging = feature.properties;
  for (const feature of table.risk?.features ?? []) entry(feature.properties.cell).risk = feature.properties;
  return cells;
}

/** The resolution of the analyses on (they share one), or `null` when none is on. */
function analysisResolutionOf(table: ViewTable): number | null {
  const first = table.hotspots ?? table.emerging ?? table.risk;
  return first?.features[0]?.properties.resolution ?? null;
}

function geographyOfResolution(resolution: number): string {
  return `h3-${resolution}`;
}

/**
 * The CSV of the current view in a language: a header row naming the columns, then one row per released feature
 * (cell or area code raw, area name, period, category code, tier, threshold k, the count or the word for
 * suppressed, suppressed yes/no, synthetic yes/no) with the analysis columns of each layer on joined by cell.
 * When the counts are by area (or another resolution than the analyses), the analysis cells follow as rows of
 * their own with empty count columns. Starts with a UTF-8 byte order mark; comma separated; CRLF line ends.
 */
export function viewTableCsv(table: ViewTable, language: Language): string {
  const t = translate(language);
  const info: ReleaseInfo = table.release.collection.release;
  const geography: Geography = table.release.request.geography;
  const yes = t('export.csv.yes');
  const no = t('export.csv.no');
  const withheld = t('export.csv.withheld');

  const columns: MessageKey[] = [
    'export.csv.geography',
    'export.csv.code',
    'export.csv.name',
    'export.csv.period',
    'export.csv.category',
    'export.csv.tier',
    'export.csv.threshold',
    'export.csv.count',
    'export.csv.suppressed',
  ];
  if (table.hotspots) columns.push('export.csv.hotspotBin');
  if (table.emerging) columns.push('export.csv.emergingClass', 'export.csv.emergingTrend');
  if (table.risk) columns.push('export.csv.riskPeriod', 'export.csv.riskValue', 'export.csv.riskClass');
  columns.push('export.csv.synthetic');

  const analysisFields = (cell: CellAnalyses | undefined): Array<string | number | null> => {
    const fields: Array<string | number | null> = [];
    if (table.hotspots) {
      const bin = cell?.hotspot?.bin;
      fields.push(cell?.hotspot ? (bin ?? withheld) : null);
    }
    if (table.emerging) {
      const emerging = cell?.emerging;
      fields.push(
        emerging ? (emerging.class ?? withheld) : null,
        emerging ? (emerging.trend ?? withheld) : null,
      );
    }
    if (table.risk) {
      const risk = cell?.risk;
      fields.push(
        risk ? table.risk.release.period : null,
        risk ? Number(risk.risk.toFixed(4)) : null,
        risk ? risk.riskClass : null,
      );
    }
    return fields;
  };
  const synthetic = info.synthetic ? yes : no;
  const countFields = (count: number | null, suppressed: boolean) => [
    suppressed ? t('export.csv.suppressedWord') : count,
    suppressed ? yes : no,
  ];

  const cells = byCell(table);
  const rows: Array<Array<string | number | null>> = [columns.map((key) => t(key))];
  for (const { properties } of table.release.collection.features) {
    const code = 'cell' in properties ? properties.cell : properties.code;
    const name = 'name' in properties ? properties.name : null;
    rows.push([
      geography,
      code,
      name,
      info.period,
      info.category,
      info.tier,
      info.threshold,
      ...countFields(properties.count, properties.suppressed),
      ...analysisFields(cells.get(code)),
      synthetic,
    ]);
  }

  const resolution = analysisResolutionOf(table);
  if (resolution !== null && geographyOfResolution(resolution) !== geography) {
    for (const [cell, values] of cells) {
      rows.push([
        geographyOfResolution(resolution),
        cell,
        null,
        info.period,
        info.category,
        info.tier,
        info.threshold,
        null,
        null,
        ...analysisFields(values),
        synthetic,
      ]);
    }
  }
  return toCsv(rows);
}

/** File name of an export: `titik-rawan_<period>_<category>_<geography>.<extension>`. */
export function exportFileName(table: Pick<ViewTable, 'release'>, extension: 'csv' | 'png'): string {
  const { period, category, geography } = table.release.request;
  return `titik-rawan_${period}_${category}_${geography}.${extension}`;
}
