import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { findSessionAccount, SESSION_COOKIE } from '../auth/sessions';
import type { Sql } from '../db/database';
import { ApiError } from './errors';
import type { AppEnv } from './env';

/** Resolves the session cookie to an account and tier for every request (no cookie = `public`). */
export function sessionMiddleware(sql: Sql) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const account = token ? await findSessionAccount(sql, token) : null;
    c.set('account', account);
    c.set('tier', account?.role ?? 'public');
    await next();
  });
}

/** Rejects requests without a valid session with 401. */
export const requireAccount = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('account')) throw new ApiError(401, 'unauthorized', 'Sign in first: this needs an account.');
  await next();
});
