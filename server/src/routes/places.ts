// Venues and interventions for signed-in accounts: the venue and intervention layers of the map, and the counts
// by kind inside a cell or area that the side panel shows. The public tier gets a 403 that says why: a public
// map of venues beside risk figures would read as a list of accused places, and intervention positions (CCTV
// above all) help those who want to avoid them.
import {
  apiErrorSchema,
  interventionsSchema,
  placeSummaryQuerySchema,
  placeSummarySchema,
  VENUE_NOTICE,
  venuesQuerySchema,
  venuesSchema,
} from '@titik-rawan/shared';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { isDemoDatabase } from '../db/meta';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import {
  countsInside,
  interventionFeatures,
  venueFeatures,
  withheldInterventionKinds,
} from '../places/places';
import { findPlace, GeographyOutlines } from '../releases/features';
import type { ReleaseStore } from '../releases/release-store';
import { json } from './release-access';

const SIGNED_IN_ONLY = {
  401: {
    description: 'Not signed in: venues and interventions are for task-force, NGO and admin accounts',
    content: json(apiErrorSchema),
  },
} as const;

/** Refuses the public tier, then writes the audit entry of the read (who asked for what, never the data). */
async function openForAccount(sql: Sql, c: Context<AppEnv>, what: string): Promise<void> {
  const account = c.get('account');
  if (!account) {
    throw new ApiError(
      401,
      'sign_in_required',
      'Venues and interventions are shown to signed-in task-force, NGO and admin accounts only, so that the public map cannot be read as a list of accused places.',
    );
  }
  await recordAudit(sql, {
    actor: account.username,
    action: 'places.read',
    target: what,
    address: clientAddress(c),
  });
  c.header('Cache-Control', 'private, no-cache');
}

/** `GET /api/venues`, `GET /api/interventions` and `GET /api/places/summary`. */
export function placeRoutes(sql: Sql, store: ReleaseStore) {
  const outlines = new GeographyOutlines(store.geography);
  return new Hono<AppEnv>()
    .get(
      '/venues',
      describeRoute({
        tags: ['places'],
        summary: 'Venues by kind as points, for planning prevention (never places of incidents)',
        responses: {
          200: { description: 'FeatureCollection of venues', content: json(venuesSchema) },
          400: { description: 'Unknown venue kind', content: json(apiErrorSchema) },
          ...SIGNED_IN_ONLY,
        },
      }),
      validate('query', venuesQuerySchema),
      async (c) => {
        const { kind } = c.req.valid('query');
        await openForAccount(sql, c, `venues ${kind}`);
        const [features, synthetic] = await Promise.all([venueFeatures(sql, kind), isDemoDatabase(sql)]);
        return c.json({ type: 'FeatureCollection' as const, notice: VENUE_NOTICE, synthetic, features }, 200);
      },
    )
    .get(
      '/interventions',
      describeRoute({
        tags: ['places'],
        summary: 'Located interventions (banners, CCTV, socialisation, KK checks, code of conduct, outreach)',
        responses: {
          200: { description: 'FeatureCollection of interventions', content: json(interventionsSchema) },
          ...SIGNED_IN_ONLY,
        },
      }),
      async (c) => {
        await openForAccount(sql, c, 'interventions');
        const withheldKinds = withheldInterventionKinds(c.get('tier'));
        const [features, synthetic] = await Promise.all([
          interventionFeatures(sql, withheldKinds),
          isDemoDatabase(sql),
        ]);
        return c.json({ type: 'FeatureCollection' as const, synthetic, withheldKinds, features }, 200);
      },
    )
    .get(
      '/places/summary',
      describeRoute({
        tags: ['places'],
        summary: 'Venues and interventions inside one published cell or area, counted by kind',
        responses: {
          200: { description: 'Counts by kind', content: json(placeSummarySchema) },
          400: { description: 'The place parameter is malformed', content: json(apiErrorSchema) },
          404: { description: 'No published cell or area has that name', content: json(apiErrorSchema) },
          ...SIGNED_IN_ONLY,
        },
      }),
      validate('query', placeSummaryQuerySchema),
      async (c) => {
        const { place: name } = c.req.valid('query');
        await openForAccount(sql, c, `place ${name}`);
        const place = findPlace(store.geography, outlines, name);
        if (!place)
          throw new ApiError(
            404,
            'unknown_place',
            `query parameter "place": no published cell or area ${name}`,
          );
        const withheldKinds = withheldInterventionKinds(c.get('tier'));
        const counts = await countsInside(sql, place.baseOutline, withheldKinds);
        return c.json({ place: name, notice: VENUE_NOTICE, ...counts, withheldKinds }, 200);
      },
    );
}
