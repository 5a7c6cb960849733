import { loginBodySchema, meSchema, apiErrorSchema } from '@titik-rawan/shared';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { describeRoute, resolver } from 'hono-openapi';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/passwords';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_SECONDS } from '../auth/sessions';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { requireAccount } from '../http/session';
import { validate } from '../http/validate';

const json = (schema: Parameters<typeof resolver>[0]) => ({
  'application/json': { schema: resolver(schema) },
});
const BAD_CREDENTIALS = 'Username or password is wrong.';

/** Sign-in, sign-out and the current account: `/api/auth/login`, `/logout`, `/me`. */
export function authRoutes(sql: Sql) {
  return new Hono<AppEnv>()
    .post(
      '/login',
      describeRoute({
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly, SameSite=Strict session cookie',
        responses: {
          200: { description: 'Signed in', content: json(meSchema) },
          401: { description: 'Wrong username or password', content: json(apiErrorSchema) },
        },
      }),
      validate('json', loginBodySchema),
      async (c) => {
        const { username, password } = c.req.valid('json');
        const [account] = await sql<
          { id: string; username: string; role: 'admin' | 'satgas' | 'ngo'; hash: string }[]
        >`
          select id, username, role, password_hash as hash from accounts
          where username = ${username} and disabled_at is null`;
        // Spend the same work for unknown usernames so timing does not reveal which accounts exist.
        const ok = await verifyPassword(password, account?.hash ?? (await DUMMY_HASH_PROMISE));
        const address = clientAddress(c);
        if (!account || !ok) {
          await recordAudit(sql, { actor: username.slice(0, 100), action: 'login.failed', address });
          throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
        }
        const previous = getCookie(c, SESSION_COOKIE);
        if (previous) await deleteSession(sql, previous);
        const token = await createSession(sql, Number(account.id));
        setCookie(c, SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'Strict',
          secure: new URL(c.req.url).protocol === 'https:',
          path: '/',
          maxAge: SESSION_TTL_SECONDS,
        });
        await recordAudit(sql, { actor: account.username, action: 'login', address });
        return c.json({ username: account.username, role: account.role }, 200);
      },
    )
    .post(
      '/logout',
      describeRoute({
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        responses: { 204: { description: 'Signed out' } },
      }),
      requireAccount,
      async (c) => {
        const token = getCookie(c, SESSION_COOKIE);
        if (token) await deleteSession(sql, token);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        await recordAudit(sql, {
          actor: c.get('account')?.username ?? 'unknown',
          action: 'logout',
          address: clientAddress(c),
        });
        return c.body(null, 204);
      },
    )
    .get(
      '/me',
      describeRoute({
        tags: ['auth'],
        summary: 'The signed-in account (401 when signed out: the public tier)',
        responses: {
          200: { description: 'Signed in', content: json(meSchema) },
          401: { description: 'Not signed in', content: json(apiErrorSchema) },
        },
      }),
      requireAccount,
      (c) => {
        const account = c.get('account');
        if (!account) throw new ApiError(401, 'unauthorized', 'Not signed in.');
        return c.json({ username: account.username, role: account.role }, 200);
      },
    );
}
