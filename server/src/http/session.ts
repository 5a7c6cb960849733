import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, type SessionStore } from '../auth/sessions';
import { requestUsedHttps } from './client-address';
import type { AppEnv } from './env';

/** Resolves the session cookie to an account and tier for every request (no or no live session = `public`). */
export function sessionMiddleware(sessions: SessionStore) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const account = token ? await sessions.find(token) : null;
    c.set('account', account);
    c.set('tier', account?.role ?? 'public');
    await next();
  });
}

/** The session token the request's cookie carries, if any. */
export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Cookie attributes: HttpOnly, SameSite=Strict, whole site, Secure when the request came over HTTPS. */
function cookieOptions(c: Context) {
  return { httpOnly: true, sameSite: 'Strict', secure: requestUsedHttps(c), path: '/' } as const;
}

/** Sets the session cookie for a new session; it lasts as long as the session can ({@link SESSION_TTL_SECONDS}). */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), maxAge: SESSION_TTL_SECONDS });
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}
