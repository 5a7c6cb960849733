// Venues and interventions for signed-in accounts: the venue and intervention layers of the map, and the counts
// by kind inside a cell or area that the side panel shows. The public tier gets a 403 that says why: a public
// map of venues beside risk figures would read as a list of accused places, and intervention positions (CCTV
// above all) help those who want to avoid them.
import {
  apiErrorSchema,
  interventionBodySchema,
  interventionIdSchema,
  interventionPatchSchema,
  interventionSchema,
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
import { signedInAccount } from '../http/access';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import {
  createIntervention,
  InterventionFieldError,
  readIntervention,
  updateIntervention,
  type InterventionFields,
} from '../places/intervention-writes';
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

const WRITE_ERRORS = {
  400: { description: 'A field is wrong; the message names it', content: json(apiErrorSchema) },
  ...SIGNED_IN_ONLY,
  403: { description: 'This account may not write this intervention', content: json(apiErrorSchema) },
} as const;

/** Runs a write, turning a refused field into a 400 that names it. */
async function checkedWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof InterventionFieldError) {
      throw new ApiError(400, 'invalid_parameter', `body field "${error.field}": ${error.message}`);
    }
    throw error;
  }
}

/** Refuses CCTV to accounts that may not see camera positions (NGOs): they may not record or move cameras. */
function checkKindForTier(c: Context<AppEnv>, kind: string | undefined): void {
  if (kind && withheldInterventionKinds(c.get('tier')).includes(kind as 'cctv')) {
    throw new ApiError(403, 'not_for_this_tier', 'CCTV is recorded by task-force and admin accounts only.');
  }
}

/**
 * `GET /api/venues`, `GET /api/interventions`, `POST /api/interventions`, `PATCH /api/interventions/{id}` and
 * `GET /api/places/summary`.
 */
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
        c.header('Cache-Control', 'private, no-cache');
        const [features, synthetic] = await Promise.all([
          venueFeatures(sql, kind === 'all' ? 'all' : [kind]),
          isDemoDatabase(sql),
        ]);
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
        c.header('Cache-Control', 'private, no-cache');
        const withheldKinds = withheldInterventionKinds(c.get('tier'));
        const [features, synthetic] = await Promise.all([
          interventionFeatures(sql, withheldKinds, c.get('account')),
          isDemoDatabase(sql),
        ]);
        return c.json({ type: 'FeatureCollection' as const, synthetic, withheldKinds, features }, 200);
      },
    )
    .post(
      '/interventions',
      describeRoute({
        tags: ['places'],
        summary: 'Record an intervention (signed-in accounts; CCTV by the task force and admins)',
        responses: {
          201: { description: 'The intervention as stored', content: json(interventionSchema) },
          ...WRITE_ERRORS,
        },
      }),
      validate('json', interventionBodySchema),
      async (c) => {
        const body = c.req.valid('json');
        const account = signedInAccount(c);
        checkKindForTier(c, body.kind);
        const stored = await checkedWrite(() => createIntervention(sql, body, account.id));
        await recordAudit(sql, {
          actor: account.username,
          action: 'intervention.create',
          target: `intervention ${stored.id}`,
          address: clientAddress(c),
        });
        return c.json(stored, 201);
      },
    )
    .patch(
      '/interventions/:id',
      describeRoute({
        tags: ['places'],
        summary: 'Change an intervention (its recorder or an admin)',
        responses: {
          200: { description: 'The intervention as stored', content: json(interventionSchema) },
          ...WRITE_ERRORS,
          404: { description: 'No intervention has this id', content: json(apiErrorSchema) },
        },
      }),
      validate('param', interventionIdSchema),
      validate('json', interventionPatchSchema),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch: InterventionFields = c.req.valid('json');
        const account = signedInAccount(c);
        const current = await readIntervention(sql, id);
        if (!current) throw new ApiError(404, 'not_found', `no intervention has id ${id}`);
        if (account.role !== 'admin' && current.createdBy !== String(account.id)) {
          throw new ApiError(
            403,
            'not_your_intervention',
            'Only the account that recorded an intervention, or an admin, may change it.',
          );
        }
        checkKindForTier(c, current.kind);
        checkKindForTier(c, patch.kind);
        const stored = await checkedWrite(() => updateIntervention(sql, id, patch));
        await recordAudit(sql, {
          actor: account.username,
          action: 'intervention.update',
          target: `intervention ${id}`,
          address: clientAddress(c),
          details: { fields: Object.keys(patch).sort().join(',') },
        });
        return c.json(stored, 200);
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
        c.header('Cache-Control', 'private, no-cache');
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
