// The organisations an intervention may name, for the dashboard's intervention form: signed-in accounts only,
// like the interventions themselves.
import { apiErrorSchema, organisationsSchema, type Organisations } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import type { Sql } from '../db/database';
import { signedInAccount } from '../http/access';
import type { AppEnv } from '../http/env';
import { json } from './release-access';

/** `GET /api/organisations`: every organisation by name, and the signed-in account's own (when it names one). */
export function organisationRoutes(sql: Sql) {
  return new Hono<AppEnv>().get(
    '/',
    describeRoute({
      tags: ['places'],
      summary: 'Organisations that carry out interventions (signed-in accounts), and the caller’s own',
      responses: {
        200: { description: 'The organisations by name', content: json(organisationsSchema) },
        401: { description: 'Not signed in', content: json(apiErrorSchema) },
      },
    }),
    async (c) => {
      const account = signedInAccount(c);
      const [organisations, [own]] = await Promise.all([
        sql<Organisations['organisations']>`select code, name, kind from organisations order by name, code`,
        sql<
          { code: string | null }[]
        >`select organisation_code as code from accounts where id = ${account.id}`,
      ]);
      c.header('Cache-Control', 'private, no-cache');
      return c.json({ organisations, accountOrganisation: own?.code ?? null }, 200);
    },
  );
}
