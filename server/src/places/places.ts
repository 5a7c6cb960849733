// Venues and interventions as the map and the side panel show them: points for planning, and counts by kind
// inside one published cell or area. Neither says anything about incidents.
import {
  INTERVENTION_KINDS,
  VENUE_KINDS,
  type InterventionKind,
  type Interventions,
  type Role,
  type Tier,
  type VenueKind,
  type Venues,
} from '@titik-rawan/shared';
import type { Sql } from '../db/database';
import type { Geometry } from '../releases/features';

/** Intervention kinds whose positions a tier may not see: CCTV positions are for the task force and admins. */
export function withheldInterventionKinds(tier: Tier): InterventionKind[] {
  return tier === 'satgas' || tier === 'admin' ? [] : ['cctv'];
}

/** A GeoJSON point feature of a venue. */
export type VenueFeature = Venues['features'][number];

/** Venues of the given kinds (or all), as points rounded to 6 decimals (about 0.1 m), in id order. */
export async function venueFeatures(sql: Sql, kinds: readonly VenueKind[] | 'all'): Promise<VenueFeature[]> {
  const rows = await sql<
    {
      id: string;
      kind: VenueKind;
      name: string;
      source: VenueFeature['properties']['source'];
      lng: number;
      lat: number;
    }[]
  >`
    select id::text, kind, name, source,
      round(st_x(geom)::numeric, 6)::float8 as lng, round(st_y(geom)::numeric, 6)::float8 as lat
    from venues
    ${kinds === 'all' ? sql`` : sql`where kind = any(${sql.array(kinds as VenueKind[])}::text[])`}
    order by id`;
  return rows.map(({ id, kind, name, source, lng, lat }) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: { kind, name, source },
  }));
}

/** A GeoJSON point feature of an intervention. */
export type InterventionFeature = Interventions['features'][number];

/** Who asks for interventions, to tell which of them they may change: their recorder or an admin. */
export interface InterventionEditor {
  id: number;
  role: Role;
}

/**
 * Located interventions except the withheld kinds, in id order; an intervention at a venue sits at the venue.
 * Interventions known only by kelurahan have no point and are left out of the map. Each says whether `editor`
 * may change it (never, without an editor).
 */
export async function interventionFeatures(
  sql: Sql,
  withheld: readonly InterventionKind[],
  editor: InterventionEditor | null = null,
): Promise<InterventionFeature[]> {
  const rows = await sql<(InterventionFeature['properties'] & { id: string; lng: number; lat: number })[]>`
    select i.id::text, i.kind, to_char(i.started_on, 'YYYY-MM-DD') as "startedOn", o.name as organisation,
      v.kind as "venueKind", i.organisation_code as "organisationCode", i.venue_id::text as "venueId",
      i.kelurahan_code as kelurahan, a.name as "kelurahanName",
      (${editor?.role === 'admin'} or i.created_by = ${editor?.id ?? null}::bigint) is true as editable,
      round(st_x(coalesce(i.geom, v.geom))::numeric, 6)::float8 as lng,
      round(st_y(coalesce(i.geom, v.geom))::numeric, 6)::float8 as lat
    from interventions i
    join organisations o on o.code = i.organisation_code
    join admin_areas a on a.code = i.kelurahan_code
    left join venues v on v.id = i.venue_id
    where coalesce(i.geom, v.geom) is not null and i.kind <> all(${sql.array(withheld as string[])}::text[])
    order by i.id`;
  return rows.map(({ id, lng, lat, ...properties }) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties,
  }));
}

/** Venues and interventions inside an outline, counted by kind (every kind present, zero when none). */
export async function countsInside(
  sql: Sql,
  outline: Geometry,
  withheld: readonly InterventionKind[],
): Promise<{ venues: Record<VenueKind, number>; interventions: Record<InterventionKind, number> }> {
  const shape = JSON.stringify(outline);
  const [venueRows, interventionRows] = await Promise.all([
    sql<{ kind: VenueKind; n: number }[]>`
      with outline as (select st_setsrid(st_geomfromgeojson(${shape}), 4326) as geom)
      select v.kind, count(*)::int as n
      from venues v, outline
      where v.geom && outline.geom and st_intersects(v.geom, outline.geom)
      group by v.kind`,
    sql<{ kind: InterventionKind; n: number }[]>`
      with outline as (select st_setsrid(st_geomfromgeojson(${shape}), 4326) as geom),
      -- an intervention at a venue sits at the venue
      located as (
        select i.kind, coalesce(i.geom, v.geom) as geom
        from interventions i left join venues v on v.id = i.venue_id
        where i.kind <> all(${sql.array(withheld as string[])}::text[])
      )
      select located.kind, count(*)::int as n
      from located, outline
      where located.geom && outline.geom and st_intersects(located.geom, outline.geom)
      group by located.kind`,
  ]);
  const venues = Object.fromEntries(VENUE_KINDS.map((kind) => [kind, 0])) as Record<VenueKind, number>;
  for (const row of venueRows) venues[row.kind] = row.n;
  const interventions = Object.fromEntries(INTERVENTION_KINDS.map((kind) => [kind, 0])) as Record<
    InterventionKind,
    number
  >;
  for (const row of interventionRows) interventions[row.kind] = row.n;
  return { venues, interventions };
}
