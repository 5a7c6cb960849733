import { apiErrorSchema, loginBodySchema, meSchema, passwordChangeBodySchema } from '@titik-rawan/shared';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { auditActorName, loginThrottled, OneAtATime } from '../auth/login-throttle';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../auth/passwords';
import { endAllSessions, type SessionStore } from '../auth/sessions';
import { recordAudit } from '../audit/audit-log';
import type { Sql } from '../db/database';
import { signedInAccount } from '../http/access';
import { clientAddress } from '../http/client-address';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../http/session';
import { validate } from '../http/validate';
import { json } from './release-access';

const BAD_CREDENTIALS = 'Username or password is wrong.';
const SIGNED_IN_ONLY = { 401: { description: 'Not signed in', content: json(apiErrorSchema) } } as const;

/** The 429 of a throttled sign-in, with Retry-After; the same words whichever limit was reached. */
function tooManyAttempts(c: Context, retryAfterSeconds: number): never {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  c.header('Retry-After', String(retryAfterSeconds));
  throw new ApiError(
    429,
    'too_many_attempts',
    `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  );
}

/**
 * Sign-in, sign-out, signing out everywhere, the own password and the current account: `/api/auth/login`,
 * `/logout`, `/logout-everywhere`, `/password`, `/me`. Who may call each is in the access table (http/access.ts).
 */
export function authRoutes(sql: Sql, sessions: SessionStore) {
  // Attempts for one name run one after another, so a burst of guesses cannot all pass the throttle at once.
  const signIns = new OneAtATime();
  return new Hono<AppEnv>()
    .post(
      '/login',
      describeRoute({
        tags: ['auth'],
        summary: 'Sign in; sets an HttpOnly, SameSite=Strict session cookie (a new session at every sign-in)',
        description:
          'After 5 failed sign-ins of one name within 15 minutes (since its last successful one), or 20 from one ' +
          'address, further tries are refused with 429 and Retry-After until the oldest counted failure is 15 ' +
          'minutes old; unknown names are counted like existing ones. A session ends 8 hours after sign-in, or ' +
          'after 2 hours without a request.',
        responses: {
          200: { description: 'Signed in', content: json(meSchema) },
          401: { description: 'Wrong username or password', content: json(apiErrorSchema) },
          429: { description: 'Too many failed sign-ins; see Retry-After', content: json(apiErrorSchema) },
        },
      }),
      validate('json', loginBodySchema),
      async (c) => {
        const { username, password } = c.req.valid('json');
        const actor = auditActorName(username);
        const address = clientAddress(c);
        const account = await signIns.run(actor, async () => {
          const throttled = await loginThrottled(sql, username, address);
          if (throttled) {
            await recordAudit(sql, {
              actor,
              action: 'login.throttled',
              address,
              details: { limit: throttled.scope },
            });
            tooManyAttempts(c, throttled.retryAfterSeconds);
          }
          const [found] = await sql<
            { id: string; username: string; role: 'admin' | 'satgas' | 'ngo'; hash: string }[]
          >`
            select id, username, role, password_hash as hash from accounts
            where username = ${username} and disabled_at is null`;
          // Spend the same work for unknown usernames so timing does not reveal which accounts exist.
          const ok = await verifyPassword(password, found?.hash ?? (await DUMMY_HASH_PROMISE));
          if (!found || !ok) {
            await recordAudit(sql, { actor, action: 'login.failed', address });
            throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
          }
          // Logged before the answer, so that the next attempt of this name counts failures from here on.
          await recordAudit(sql, { actor: found.username, action: 'login', address });
          return found;
        });
        // A new token at every sign-in; the session of the cookie sent along (if any) ends, so a token planted
        // before sign-in never becomes the signed-in session.
        const previous = sessionToken(c);
        if (previous) await sessions.end(previous);
        setSessionCookie(c, await sessions.create(Number(account.id)));
        return c.json({ username: account.username, role: account.role }, 200);
      },
    )
    .post(
      '/logout',
      describeRoute({
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        responses: { 204: { description: 'Signed out' }, ...SIGNED_IN_ONLY },
      }),
      async (c) => {
        const account = signedInAccount(c);
        const token = sessionToken(c);
        if (token) await sessions.end(token);
        clearSessionCookie(c);
        await recordAudit(sql, { actor: account.username, action: 'logout', address: clientAddress(c) });
        return c.body(null, 204);
      },
    )
    .post(
      '/logout-everywhere',
      describeRoute({
        tags: ['auth'],
        summary: 'Sign out everywhere: ends every session of the signed-in account, this one included',
        responses: { 204: { description: 'Every session ended' }, ...SIGNED_IN_ONLY },
      }),
      async (c) => {
        const account = signedInAccount(c);
        const ended = await endAllSessions(sql, account.id);
        clearSessionCookie(c);
        await recordAudit(sql, {
          actor: account.username,
          action: 'logout.everywhere',
          target: account.username,
          address: clientAddress(c),
          details: { sessionsEnded: ended },
        });
        return c.body(null, 204);
      },
    )
    .post(
      '/password',
      describeRoute({
        tags: ['auth'],
        summary: 'Change the own password; ends every other session and gives this one a new cookie',
        responses: {
          204: { description: 'Password changed' },
          400: {
            description: 'A body field is malformed, or `wrong_password`: the current password is wrong',
            content: json(apiErrorSchema),
          },
          ...SIGNED_IN_ONLY,
        },
      }),
      validate('json', passwordChangeBodySchema),
      async (c) => {
        const account = signedInAccount(c);
        const { currentPassword, newPassword } = c.req.valid('json');
        const address = clientAddress(c);
        const [stored] = await sql<{ hash: string }[]>`
          select password_hash as hash from accounts where id = ${account.id}`;
        if (!stored || !(await verifyPassword(currentPassword, stored.hash))) {
          await recordAudit(sql, {
            actor: account.username,
            action: 'password.change.failed',
            target: account.username,
            address,
          });
          throw new ApiError(
            400,
            'wrong_password',
            'body field "currentPassword": is not the current password',
          );
        }
        const passwordHash = await hashPassword(newPassword);
        await sql`update accounts set password_hash = ${passwordHash} where id = ${account.id}`;
        const ended = await endAllSessions(sql, account.id);
        setSessionCookie(c, await sessions.create(account.id));
        await recordAudit(sql, {
          actor: account.username,
          action: 'password.change',
          target: account.username,
          address,
          details: { sessionsEnded: ended },
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
          ...SIGNED_IN_ONLY,
        },
      }),
      (c) => {
        const account = signedInAccount(c);
        return c.json({ username: account.username, role: account.role }, 200);
      },
    );
}
