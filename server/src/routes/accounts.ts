// Account management for admins (only admins get here: the access table): list, create, and change role, disabled
// state, password or organisation. Every change is audited by the fields it names, never the password or its hash.
import {
  accountCreateBodySchema,
  accountIdSchema,
  accountListSchema,
  accountSchema,
  accountUpdateBodySchema,
  apiErrorSchema,
  type Account,
} from '@titik-rawan/shared';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { createAccount, organisationExists, readAccounts, updateAccount } from '../auth/accounts';
import { hashPassword } from '../auth/passwords';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { signedInAccount } from '../http/access';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { validate } from '../http/validate';
import { json } from './release-access';

const ADMIN_ONLY = {
  401: { description: 'Not signed in', content: json(apiErrorSchema) },
  403: { description: 'Account management is for admin accounts', content: json(apiErrorSchema) },
} as const;
const BAD_BODY = {
  400: { description: 'A body field is malformed; the message names it', content: json(apiErrorSchema) },
} as const;

/** Refuses (400) an organisation code that names no organisation. */
async function checkOrganisation(sql: Sql, code: string | null | undefined): Promise<void> {
  if (code && !(await organisationExists(sql, code))) {
    throw new ApiError(400, 'invalid_parameter', `body field "organisationCode": no organisation "${code}"`);
  }
}

/** The account with this id as admins see it (it exists: it was just written). */
async function readAccount(sql: Sql, id: number): Promise<Account> {
  const [account] = await readAccounts(sql, id);
  if (!account) throw new ApiError(404, 'not_found', `no account has id ${id}`);
  return account;
}

/** `/api/accounts`: `GET` every account, `POST` a new one, `PATCH /{id}` a change. */
export function accountRoutes(sql: Sql) {
  return new Hono<AppEnv>()
    .get(
      '/',
      describeRoute({
        tags: ['accounts'],
        summary: 'Every account, ordered by username, with its last sign-in and live sessions (admins)',
        responses: {
          200: { description: 'The accounts', content: json(accountListSchema) },
          ...ADMIN_ONLY,
        },
      }),
      async (c) => {
        c.header('Cache-Control', 'private, no-store');
        return c.json({ accounts: await readAccounts(sql) }, 200);
      },
    )
    .post(
      '/',
      describeRoute({
        tags: ['accounts'],
        summary: 'Create an account (admins); the password is stored only as a scrypt hash',
        responses: {
          201: { description: 'The new account', content: json(accountSchema) },
          ...BAD_BODY,
          ...ADMIN_ONLY,
          409: { description: '`account_exists`: the username is taken', content: json(apiErrorSchema) },
        },
      }),
      validate('json', accountCreateBodySchema),
      async (c) => {
        const admin = signedInAccount(c);
        const body = c.req.valid('json');
        await checkOrganisation(sql, body.organisationCode);
        const id = await createAccount(sql, body);
        if (id === null) {
          throw new ApiError(
            409,
            'account_exists',
            `body field "username": an account "${body.username}" exists`,
          );
        }
        await recordAudit(sql, {
          actor: admin.username,
          action: 'account.create',
          target: body.username,
          address: clientAddress(c),
          details: { role: body.role, organisationCode: body.organisationCode ?? null },
        });
        return c.json(await readAccount(sql, id), 201);
      },
    )
    .patch(
      '/:id',
      describeRoute({
        tags: ['accounts'],
        summary:
          'Change an account’s role, disabled state, password or organisation (admins); a role, password or ' +
          'disabled change ends all its sessions',
        responses: {
          200: { description: 'The account as changed', content: json(accountSchema) },
          ...BAD_BODY,
          ...ADMIN_ONLY,
          404: { description: 'No account has this id', content: json(apiErrorSchema) },
          409: {
            description: '`last_admin`: the change would leave no enabled admin account',
            content: json(apiErrorSchema),
          },
        },
      }),
      validate('param', accountIdSchema),
      validate('json', accountUpdateBodySchema),
      async (c) => {
        const admin = signedInAccount(c);
        const id = Number(c.req.valid('param').id);
        const body = c.req.valid('json');
        await checkOrganisation(sql, body.organisationCode);
        const result = await updateAccount(sql, id, {
          role: body.role,
          disabled: body.disabled,
          organisationCode: body.organisationCode,
          passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
        });
        if (result.status === 'not_found') throw new ApiError(404, 'not_found', `no account has id ${id}`);
        if (result.status === 'last_admin') {
          throw new ApiError(
            409,
            'last_admin',
            'This change would leave no enabled admin account: make another account admin first.',
          );
        }
        await recordAudit(sql, {
          actor: admin.username,
          action: 'account.update',
          target: result.username,
          address: clientAddress(c),
          details: {
            fields: result.fields.join(','),
            ...(body.role === undefined ? {} : { role: body.role }),
            ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
            ...(body.organisationCode === undefined ? {} : { organisationCode: body.organisationCode }),
            sessionsEnded: result.sessionsEnded,
          },
        });
        return c.json(await readAccount(sql, id), 200);
      },
    );
}
