/**
 * The full outreach ranking in a modal dialog: every kelurahan with every component of its score, sortable by any
 * column; choosing a kelurahan's name selects it on the map. Loaded lazily: most sessions never open it.
 */
import type { RankedKelurahan } from '@titik-rawan/shared/outreach';
import { SUPPRESSED_COUNT_SHARE } from '@titik-rawan/shared/outreach';
import { useState, type ReactNode } from 'react';
import type { ReleaseInfo } from '../api/types.ts';
import { useAppState, useT } from '../app/StoreContext.ts';
import { SCORE_DIGITS, type OutreachRow } from '../export/outreachTable.ts';
import { formatCount, formatDecimal, formatPeriod } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ModalDialog } from './ModalDialog.tsx';

/** Props of the outreach table dialog. */
export interface OutreachTableProps {
  ranking: readonly RankedKelurahan<OutreachRow>[];
  release: ReleaseInfo;
  /** The person chose a kelurahan (the dialog closes). */
  onSelect: (row: OutreachRow) => void;
  onDownload: () => void;
  onClose: () => void;
}

type Ranked = RankedKelurahan<OutreachRow>;

/** One column: its header, the value it sorts by (null last), and what the cell shows. */
interface Column {
  id: string;
  label: MessageKey;
  sortValue: (row: Ranked) => number | string | null;
  /** Figures align right and sort highest first when first chosen; words align left and sort A–Z. */
  figure: boolean;
}

const COLUMNS: readonly Column[] = [
  { id: 'rank', label: 'outreach.col.rank', sortValue: (r) => r.rank, figure: true },
  { id: 'kelurahan', label: 'outreach.col.kelurahan', sortValue: (r) => r.facts.name, figure: false },
  { id: 'kecamatan', label: 'outreach.col.kecamatan', sortValue: (r) => r.facts.kecamatan, figure: false },
  { id: 'population', label: 'outreach.col.population', sortValue: (r) => r.facts.population, figure: true },
  { id: 'incidents', label: 'outreach.component.incidents', sortValue: (r) => r.countUsed, figure: true },
  { id: 'rate', label: 'outreach.component.rate', sortValue: (r) => r.components.rate.input, figure: true },
  {
    id: 'hotspot',
    label: 'outreach.component.hotspot',
    sortValue: (r) => r.components.hotspot.input,
    figure: true,
  },
  {
    id: 'trend',
    label: 'outreach.component.trend',
    sortValue: (r) => r.components.trend.input,
    figure: true,
  },
  { id: 'kost', label: 'outreach.component.kost', sortValue: (r) => r.facts.venues.kost, figure: true },
  {
    id: 'lodging',
    label: 'outreach.component.lodging',
    sortValue: (r) => r.facts.venues.lodging,
    figure: true,
  },
  {
    id: 'schools',
    label: 'outreach.component.schools',
    sortValue: (r) => r.facts.venues.schools,
    figure: true,
  },
  {
    id: 'coverage',
    label: 'outreach.component.coverage',
    sortValue: (r) => r.facts.interventions,
    figure: true,
  },
  { id: 'score', label: 'outreach.col.score', sortValue: (r) => r.score, figure: true },
];

/** Rows sorted by a column; nulls last either way, ties by rank. */
function sortRows(rows: readonly Ranked[], column: Column, descending: boolean): Ranked[] {
  return [...rows].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const order =
      typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'id');
    return (descending ? -order : order) || a.rank - b.rank;
  });
}

/** The dialog with the whole ranking. */
export default function OutreachTable({
  ranking,
  release,
  onSelect,
  onDownload,
  onClose,
}: OutreachTableProps) {
  const t = useT();
  const language = useAppState((state) => state.language);
  const [sort, setSort] = useState<{ column: string; descending: boolean }>({
    column: 'rank',
    descending: false,
  });

  const column = COLUMNS.find((c) => c.id === sort.column) ?? (COLUMNS[0] as Column);
  const rows = sortRows(ranking, column, sort.descending);
  const sortBy = (id: string) =>
    setSort((current) =>
      current.column === id
        ? { column: id, descending: !current.descending }
        : { column: id, descending: id !== 'rank' && COLUMNS.find((c) => c.id === id)?.figure === true },
    );
  const assumed = formatDecimal(release.threshold * SUPPRESSED_COUNT_SHARE, language);
  const withheld = t('outreach.withheld');
  const cells = (row: Ranked): Record<string, ReactNode> => ({
    rank: row.rank,
    kelurahan: (
      <button type="button" className="outreach__place" onClick={() => onSelect(row.facts)}>
        {row.facts.name}
      </button>
    ),
    kecamatan: row.facts.kecamatan,
    population: row.facts.population === null ? '—' : formatCount(row.facts.population, language),
    incidents:
      row.facts.count === null
        ? t('outreach.suppressed', { assumed, k: release.threshold })
        : formatCount(row.facts.count, language),
    rate:
      row.components.rate.input === null
        ? '—'
        : `${row.assumedCount ? '≈' : ''}${formatDecimal(row.components.rate.input, language)}`,
    hotspot:
      row.facts.hotspotConfidence === null
        ? withheld
        : row.facts.hotspotConfidence === 0
          ? t('outreach.none')
          : `${row.facts.hotspotConfidence} %`,
    trend: row.facts.trend === null ? withheld : t(`emerging.class.${row.facts.trend}`),
    kost: formatCount(row.facts.venues.kost, language),
    lodging: formatCount(row.facts.venues.lodging, language),
    schools: formatCount(row.facts.venues.schools, language),
    coverage: formatCount(row.facts.interventions, language),
    score: formatDecimal(row.score, language, SCORE_DIGITS),
  });

  return (
    <ModalDialog
      title={t('outreach.tableTitle', {
        period: formatPeriod(release.period, language),
        category: t(`category.${release.category}` as MessageKey),
      })}
      intro={t('outreach.how')}
      onClose={onClose}
      wide
      testId="outreach-table-dialog"
    >
      <div className="outreach__scroll">
        <table className="outreach__table" data-testid="outreach-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={
                    sort.column === c.id ? (sort.descending ? 'descending' : 'ascending') : undefined
                  }
                  className={c.figure ? 'outreach__number' : undefined}
                >
                  <button
                    type="button"
                    className="outreach__sort"
                    onClick={() => sortBy(c.id)}
                    data-testid={`outreach-sort-${c.id}`}
                  >
                    {t(c.label)}
                    <span aria-hidden="true">
                      {sort.column === c.id ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const shown = cells(row);
              return (
                <tr key={row.facts.code} data-code={row.facts.code}>
                  {COLUMNS.map((c) =>
                    c.id === 'kelurahan' ? (
                      <th key={c.id} scope="row" data-column={c.id}>
                        {shown[c.id]}
                      </th>
                    ) : (
                      <td key={c.id} data-column={c.id} className={c.figure ? 'outreach__number' : undefined}>
                        {shown[c.id]}
                      </td>
                    ),
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="filters__note">{t('outreach.notice')}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--quiet" onClick={onDownload}>
          {t('outreach.csv')}
        </button>
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('outreach.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
