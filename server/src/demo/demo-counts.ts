// True counts of the demo incidents per place, month and category, made without a database: what the server
// would read from a database holding the demo data. Used by the audit of the demo data.
import type { KelurahanCode } from '@titik-rawan/shared';
import { generateDemoData } from '@titik-rawan/db/seed/demo.ts';
import { placeIncident, type ReleaseGeography } from '../releases/geography';
import { countRows } from '../releases/incident-counts';
import type { CountRow } from '../releases/table';

/** True counts of the demo incidents per place, month and category, as the server reads them from the database. */
export function demoCountRows(geography: ReleaseGeography): CountRow[] {
  return countRows(
    generateDemoData().incidents.map((incident) => ({
      place: placeIncident(geography, incident.lonLat, incident.kelurahanCode as KelurahanCode),
      month: incident.occurredOn.slice(0, 7),
      category: incident.category,
    })),
  );
}
