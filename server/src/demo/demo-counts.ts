// True counts of the demo incidents per place, month and category, made without a database: what the server
// would read from a database holding the demo data. Used by the audit of the demo data.
import type { H3Index, KelurahanCode } from '@titik-rawan/shared';
import { generateDemoData } from '@titik-rawan/db/seed/demo.ts';
import type { ReleaseGeography } from '../releases/geography';
import type { CountRow } from '../releases/table';
import { baseCellOf } from './load-demo';

/** True counts of the demo incidents per place, month and category, as the server reads them from the database. */
export function demoCountRows(geography: ReleaseGeography): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const incident of generateDemoData().incidents) {
    const cell = incident.lonLat ? (baseCellOf(incident.lonLat) as H3Index) : null;
    const place =
      cell && geography.kelurahanOfBaseCell.has(cell)
        ? { baseCell: cell }
        : { unlocatedIn: incident.kelurahanCode as KelurahanCode };
    const month = incident.occurredOn.slice(0, 7);
    const key = JSON.stringify([place, month, incident.category]);
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { place, month, category: incident.category, count: 1 });
  }
  return [...rows.values()];
}
