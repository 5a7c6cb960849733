// Recording and editing interventions: every field checked (a real date not in the future, a known organisation,
// a recorded venue or a point inside East Jakarta) before one statement writes the row. Who may write what is
// the route's business; this module only refuses what no one may write.
import type { Intervention, InterventionKind } from '@titik-rawan/shared';
import { jakartaToday } from '@titik-rawan/shared/codes';
import type { Sql } from '../db/database';

/** A field of an intervention that cannot be written as given, and why (the route answers 400 with it). */
export class InterventionFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InterventionFieldError';
  }
}

/** The fields of an intervention to write; a place is a venue id or a point. */
export interface InterventionFields {
  kind?: InterventionKind;
  startedOn?: string;
  organisation?: string;
  venueId?: string;
  location?: { lng: number; lat: number };
}

function checkDate(date: string, today: string): void {
  const [year, month, day] = date.split('-').map(Number);
  const parsed = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  if (parsed.toISOString().slice(0, 10) !== date)
    throw new InterventionFieldError('startedOn', `${date} is not a calendar date`);
  if (date < '2000-01-01') throw new InterventionFieldError('startedOn', 'must be on or after 2000-01-01');
  if (date > today)
    throw new InterventionFieldError('startedOn', `must not be after today (${today}, Asia/Jakarta)`);
}

/** The venue or kelurahan a place resolves to: a venue id with its kelurahan, or a point's kelurahan. */
async function resolvePlace(
  sql: Sql,
  fields: InterventionFields,
): Promise<{ venueId: string | null; lng: number | null; lat: number | null; kelurahan: string } | null> {
  if (fields.venueId !== undefined) {
    const [venue] = await sql<{ kelurahan: string }[]>`
      select kelurahan_code as kelurahan from venues where id = ${fields.venueId}`;
    if (!venue) throw new InterventionFieldError('venueId', `no venue has id ${fields.venueId}`);
    return { venueId: fields.venueId, lng: null, lat: null, kelurahan: venue.kelurahan };
  }
  if (fields.location !== undefined) {
    const { lng, lat } = fields.location;
    const [area] = await sql<{ code: string }[]>`
      select code from admin_areas
      where level = 'kelurahan' and st_contains(geom, st_setsrid(st_makepoint(${lng}, ${lat}), 4326))
      limit 1`;
    if (!area) throw new InterventionFieldError('location', `${lat}, ${lng} lies outside East Jakarta`);
    return { venueId: null, lng, lat, kelurahan: area.code };
  }
  return null;
}

async function checkOrganisation(sql: Sql, code: string): Promise<void> {
  const [row] = await sql`select 1 from organisations where code = ${code}`;
  if (!row) throw new InterventionFieldError('organisation', `no organisation has code ${code}`);
}

/** One intervention as the write endpoints return it, or null when there is none with that id. */
export async function readIntervention(
  sql: Sql,
  id: string,
): Promise<(Intervention & { createdBy: string | null }) | null> {
  const [row] = await sql<(Intervention & { createdBy: string | null; lng: number; lat: number })[]>`
    select i.id::text, i.kind, to_char(i.started_on, 'YYYY-MM-DD') as "startedOn", i.organisation_code as organisation,
      i.venue_id::text as "venueId", i.kelurahan_code as kelurahan, i.created_by::text as "createdBy",
      st_x(coalesce(i.geom, v.geom))::float8 as lng, st_y(coalesce(i.geom, v.geom))::float8 as lat
    from interventions i left join venues v on v.id = i.venue_id
    where i.id = ${id}`;
  if (!row) return null;
  const { lng, lat, ...rest } = row;
  return { ...rest, coordinates: [lng, lat] };
}

/** Records an intervention by an account; returns it as stored. */
export async function createIntervention(
  sql: Sql,
  fields: Required<Pick<InterventionFields, 'kind' | 'startedOn' | 'organisation'>> & InterventionFields,
  accountId: number,
  today = jakartaToday(),
): Promise<Intervention> {
  checkDate(fields.startedOn, today);
  await checkOrganisation(sql, fields.organisation);
  const place = await resolvePlace(sql, fields);
  if (!place) throw new InterventionFieldError('venueId', 'give either venueId or location');
  const point = place.lng === null ? null : sql`st_setsrid(st_makepoint(${place.lng}, ${place.lat}), 4326)`;
  const [row] = await sql<{ id: string }[]>`
    insert into interventions (kind, started_on, venue_id, geom, kelurahan_code, organisation_code, created_by)
    values (${fields.kind}, ${fields.startedOn}, ${place.venueId}, ${point ?? null}, ${place.kelurahan},
      ${fields.organisation}, ${accountId})
    returning id::text`;
  const stored = row && (await readIntervention(sql, row.id));
  if (!stored) throw new Error('the new intervention could not be read back');
  return stored;
}

/** Changes the given fields of an intervention (a new place replaces the old); returns it as stored. */
export async function updateIntervention(
  sql: Sql,
  id: string,
  fields: InterventionFields,
  today = jakartaToday(),
): Promise<Intervention> {
  if (fields.startedOn !== undefined) checkDate(fields.startedOn, today);
  if (fields.organisation !== undefined) await checkOrganisation(sql, fields.organisation);
  const place = await resolvePlace(sql, fields);
  const point =
    place && place.lng !== null ? sql`st_setsrid(st_makepoint(${place.lng}, ${place.lat}), 4326)` : null;
  await sql`
    update interventions set
      kind = coalesce(${fields.kind ?? null}, kind),
      started_on = coalesce(${fields.startedOn ?? null}::date, started_on),
      organisation_code = coalesce(${fields.organisation ?? null}, organisation_code),
      ${place ? sql`venue_id = ${place.venueId}, geom = ${point}, kelurahan_code = ${place.kelurahan},` : sql``}
      updated_at = now()
    where id = ${id}`;
  const stored = await readIntervention(sql, id);
  if (!stored) throw new Error(`intervention ${id} disappeared while being updated`);
  return stored;
}
